#include "pdfexport.h"

#include "annotatedcrf.h"
#include "casebook.h"
#include "pdfdocument.h"

#include "auth/authservice.h"
#include "auth/permissions.h"
#include "core/clock.h"
#include "records/clinicaldata.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace cellcrf::pdf {

namespace {

// lupdate files the tr() calls of this namespace under "cellcrf::pdf".
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::pdf", text);
}

QString fileSafe(const QString &text)
{
    QString out;
    for (const QChar c : text)
        out += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('-') || c == QLatin1Char('_')
                   ? c
                   : QLatin1Char('_');
    return out;
}

// Renders one document into the export's files; the hash covers exactly the bytes written.
Status writeDocument(exchange::OutputFiles &files, const QString &fileName, const HtmlBuilder &build, PageFrame frame,
                     const exchange::CancelCheck &cancelled, exchange::ExportResult &result)
{
    frame.fileName = fileName;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Result<int> pages = writePdf(build, frame, buffer, cancelled);
    if (!pages)
        return pages.status();
    buffer.close();
    if (Status s = files.stage(fileName, buffer.data()); !s)
        return s;
    result.files << exchange::ExportedFile{fileName, exchange::sha256Hex(buffer.data()), *pages};
    return Status::ok();
}

} // namespace

Result<exchange::ExportResult> exportPdf(const exchange::ExportContext &context, records::ClinicalData &data,
                                         const PdfExportOptions &options, const QString &directory,
                                         const exchange::Progress &progress, const exchange::CancelCheck &cancelled)
{
    if (Status s = exchange::checkExportAllowed(context.actor); !s)
        return s;
    if (!options.crf && !options.casebooks)
        return Status::error(ErrorCode::InvalidInput,
                             tr("Choose the blank annotated CRF, the subject casebooks or both."));
    if (!options.casebooks && (!options.subjects.isEmpty() || !options.sites.isEmpty()))
        return Status::error(ErrorCode::InvalidInput,
                             tr("Subjects and sites choose casebooks: ask for casebooks too."));
    if (!options.crf && !options.forms.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("A choice of forms applies to the blank CRF only."));
    const study::Study &study = context.study;
    for (const QString &f : options.forms)
        if (!study.form(f))
            return Status::error(ErrorCode::InvalidInput, tr("The study has no form %1.").arg(f));
    if (!QDir(directory).exists())
        return Status::error(ErrorCode::NotFound, tr("The folder %1 does not exist.").arg(directory));

    for (const QString &site : options.sites)
        if (!study.site(site))
            return Status::error(ErrorCode::InvalidInput, tr("The study has no site %1.").arg(site));
    Result<Actor> narrowed = exchange::readerForSites(context.actor, options.sites);
    if (!narrowed)
        return narrowed.status();
    const Actor &reader = *narrowed;

    // Every subject is found before anything is written: a wrong key changes nothing.
    QList<records::Subject> subjects;
    if (options.casebooks) {
        if (options.subjects.isEmpty()) {
            auto all = data.subjects(reader);
            if (!all)
                return all.status();
            subjects = *all;
        } else {
            for (const QString &key : options.subjects) {
                auto s = data.subjectByKey(reader, key);
                if (!s)
                    return s.status();
                subjects << *s;
            }
        }
    }

    const QDateTime now = context.clock.nowUtc();
    const QString stamp = exchange::fileStamp(now);
    const QString studyName = study.oid.toUpper();
    PageFrame frame;
    frame.headerLeft = tr("%1 \u00b7 protocol %2").arg(study.name.text(options.locale), study.protocolId);
    frame.generated = tr("Generated %1 by %2 (%3)")
                          .arg(now.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")), context.actor.userName,
                               auth::Permissions::roleDisplayName(context.actor.role));
    frame.identity = tr("study %1, definition version %2, CellCRF %3")
                         .arg(study.oid, study.version, QStringLiteral(CELLCRF_VERSION));

    const qint64 total = subjects.size() + (options.crf ? 1 : 0);
    qint64 done = 0;
    if (progress)
        progress(0, total);
    exchange::ExportResult result;
    exchange::OutputFiles files(directory);

    if (options.crf) {
        if (cancelled && cancelled())
            return Status::error(ErrorCode::Cancelled, tr("The export was cancelled."));
        CrfOptions crf;
        crf.forms = options.forms;
        crf.locale = options.locale;
        PageFrame f = frame;
        f.headerRight = tr("Annotated blank CRF, definition version %1").arg(study.version);
        f.title = tr("%1 annotated blank CRF").arg(study.name.text(options.locale));
        const QString name = studyName + QStringLiteral("_annotated_crf_") + stamp + QStringLiteral(".pdf");
        if (Status s = writeDocument(
                files, name, [&](const QHash<QString, int> &pages) { return annotatedCrfHtml(study, crf, now, pages); },
                f, cancelled, result);
            !s)
            return s;
        if (progress)
            progress(++done, total);
    }

    if (options.casebooks && !subjects.isEmpty()) {
        QSet<QString> keys;
        for (const records::Subject &s : std::as_const(subjects))
            keys.insert(s.key);
        auto audit = AuditSummaries::read(data.auditTrail(), keys, cancelled);
        if (!audit)
            return audit.status();
        auth::AuthService authService(context.db, context.clock);
        const records::Signatures signatures(data, authService, context.clock);
        const records::SourceVerification verification(data, context.clock);
        const records::Queries queries(data, context.clock);
        const CasebookSources sources{data, signatures, verification, queries};
        for (const records::Subject &subject : std::as_const(subjects)) {
            if (cancelled && cancelled())
                return Status::error(ErrorCode::Cancelled, tr("The export was cancelled."));
            auto casebook = readCasebook(sources, reader, subject.id, *audit);
            if (!casebook)
                return casebook.status();
            PageFrame f = frame;
            f.headerRight = tr("Casebook of subject %1").arg(subject.key);
            f.title = tr("%1 casebook %2").arg(study.name.text(options.locale), subject.key);
            const QString name = studyName + QStringLiteral("_casebook_") + fileSafe(subject.key) + QLatin1Char('_') +
                                 stamp + QStringLiteral(".pdf");
            if (Status s = writeDocument(
                    files, name,
                    [&](const QHash<QString, int> &pages) {
                        return casebookHtml(study, *casebook, options.locale, now, pages);
                    },
                    f, cancelled, result);
                !s)
                return s;
            ++result.subjects;
            if (progress)
                progress(++done, total);
        }
    }

    // The manifest records what the generic options cannot: the documents asked for and the subjects.
    exchange::ExportOptions recorded;
    recorded.sites = options.sites;
    recorded.forms = options.forms;
    QJsonObject extra;
    extra[QStringLiteral("annotated_crf")] = options.crf;
    extra[QStringLiteral("casebooks")] = options.casebooks;
    QJsonArray keys;
    for (const records::Subject &s : std::as_const(subjects))
        keys << s.key;
    extra[QStringLiteral("casebook_subjects")] = keys;
    extra[QStringLiteral("locale")] = options.locale;
    if (Status s = exchange::writeManifest(files, studyName + QStringLiteral("_pdf_manifest.json"), study,
                                           context.actor, now, QStringLiteral("pdf"), recorded, result, extra);
        !s)
        return s;
    if (cancelled && cancelled())
        return Status::error(ErrorCode::Cancelled, tr("The export was cancelled."));
    if (Status s = files.commitAll(); !s)
        return s;
    if (Status s =
            exchange::auditExport(context.db, context.clock, context.actor, QStringLiteral("pdf"), recorded, result);
        !s) {
        for (const exchange::ExportedFile &f : std::as_const(result.files))
            QFile::remove(QDir(directory).filePath(f.fileName));
        return s;
    }
    return result;
}

} // namespace cellcrf::pdf
