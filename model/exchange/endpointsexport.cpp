#include "exchange/endpointsexport.h"

#include "core/clock.h"
#include "exchange/datasets.h"
#include "records/clinicaldata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTextStream>

namespace cellcrf::exchange {

Result<ExportResult> exportEndpoints(const ExportContext &context, const records::ClinicalData &data,
                                     const ExportOptions &options, const QString &directory, const Progress &progress,
                                     const CancelCheck &cancelled)
{
    if (Status s = checkExportAllowed(context.actor); !s)
        return s;
    if (!options.forms.isEmpty() || !options.events.isEmpty() || options.from.isValid() || options.to.isValid() ||
        options.labels || options.deidentify || options.transactional || options.dataAccessGroups)
        return Status::error(ErrorCode::InvalidInput,
                             QStringLiteral("The endpoints dataset takes only a choice of sites and the byte order "
                                            "mark: it is derived from whole casebooks."));
    if (!QDir(directory).exists())
        return Status::error(ErrorCode::NotFound, QStringLiteral("The folder %1 does not exist.").arg(directory));

    Result<Actor> narrowed = readerForSites(context.actor, options.sites);
    if (!narrowed)
        return narrowed.status();
    const Actor &reader = *narrowed;

    const study::Study &study = context.study;
    const QDateTime now = context.clock.nowUtc();
    const QString name = study.oid.toUpper() + QStringLiteral("_ENDPOINTS_") + fileStamp(now) + QStringLiteral(".csv");
    OutputFiles files(directory);
    QSaveFile *f = files.open(name);
    if (!f)
        return files.status();
    QTextStream stream(f);
    stream.setEncoding(QStringConverter::Utf8);
    stream.setGenerateByteOrderMark(options.bom);
    auto rows = writeEndpointsCsv(
        data, reader, stream,
        [&](int done, int total) {
            if (progress)
                progress(done, total);
        },
        cancelled);
    if (!rows)
        return rows.status();
    stream.flush();
    if (stream.status() != QTextStream::Ok)
        return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(name), f->errorString());

    ExportResult result;
    result.files << ExportedFile{name, QString(), *rows};
    if (Status s = files.commitAll(); !s)
        return s;
    {
        QFile in(QDir(directory).filePath(name));
        if (!in.open(QIODevice::ReadOnly))
            return Status::error(ErrorCode::Io, QStringLiteral("Cannot read %1.").arg(name), in.errorString());
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&in);
        result.files.first().sha256 = QString::fromLatin1(h.result().toHex());
    }
    auto subjects = data.subjects(reader);
    if (!subjects) {
        QFile::remove(QDir(directory).filePath(name));
        return subjects.status();
    }
    result.subjects = subjects->size();

    const auto removeAll = [&] {
        for (const ExportedFile &ef : std::as_const(result.files))
            QFile::remove(QDir(directory).filePath(ef.fileName));
    };
    OutputFiles manifestFiles(directory);
    if (Status s = writeManifest(manifestFiles, study.oid.toUpper() + QStringLiteral("_endpoints_manifest.json"), study,
                                 context.actor, now, QStringLiteral("endpoints"), options, result);
        !s) {
        removeAll();
        return s;
    }
    if (Status s = manifestFiles.commitAll(); !s) {
        removeAll();
        return s;
    }
    if (Status s = auditExport(context.db, context.clock, context.actor, QStringLiteral("endpoints"), options, result);
        !s) {
        removeAll();
        return s;
    }
    return result;
}

} // namespace cellcrf::exchange
