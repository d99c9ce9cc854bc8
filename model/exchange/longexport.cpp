#include "exchange/longexport.h"

#include "audit/audittrail.h"
#include "core/clock.h"
#include "exchange/csvwriter.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>

namespace cellcrf::exchange {

QStringList longCsvHeader()
{
    return {QStringLiteral("subject"),
            QStringLiteral("site"),
            QStringLiteral("event"),
            QStringLiteral("event_repeat"),
            QStringLiteral("form"),
            QStringLiteral("form_repeat"),
            QStringLiteral("item"),
            QStringLiteral("value"),
            QStringLiteral("missing_code"),
            QStringLiteral("unit"),
            QStringLiteral("status"),
            QStringLiteral("last_changed_by"),
            QStringLiteral("last_changed_utc")};
}

QStringList auditCsvHeader()
{
    return {QStringLiteral("seq"),
            QStringLiteral("event_id"),
            QStringLiteral("device_id"),
            QStringLiteral("device_counter"),
            QStringLiteral("user"),
            QStringLiteral("role"),
            QStringLiteral("utc"),
            QStringLiteral("site_offset_min"),
            QStringLiteral("action"),
            QStringLiteral("subject"),
            QStringLiteral("event"),
            QStringLiteral("event_repeat"),
            QStringLiteral("form"),
            QStringLiteral("form_repeat"),
            QStringLiteral("item"),
            QStringLiteral("old_value"),
            QStringLiteral("new_value"),
            QStringLiteral("reason"),
            QStringLiteral("replaces_event_id"),
            QStringLiteral("prev_hash"),
            QStringLiteral("hash")};
}

namespace {

Status finish(const ExportContext &context, const ExportOptions &options, const QString &directory, const QString &kind,
              OutputFiles &files, ExportResult &result, const QDateTime &now)
{
    QJsonObject extra;
    extra[QStringLiteral("formula_guard")] = true;
    extra[QStringLiteral("formula_guard_note")] =
        QStringLiteral("text that a spreadsheet would run as a formula starts with '");
    if (Status s = writeManifest(
            files, context.study.oid.toUpper() + QLatin1Char('_') + kind + QStringLiteral("_manifest.json"),
            context.study, context.actor, now, kind, options, result, extra);
        !s)
        return s;
    if (Status s = files.commitAll(); !s)
        return s;
    if (Status s = auditExport(context.db, context.clock, context.actor, kind, options, result); !s) {
        for (const ExportedFile &f : std::as_const(result.files))
            QFile::remove(QDir(directory).filePath(f.fileName));
        return s;
    }
    return Status::ok();
}

} // namespace

Result<ExportResult> exportLongCsv(const ExportContext &context, const ExportOptions &options, const QString &directory,
                                   const Progress &progress, const CancelCheck &cancelled)
{
    if (Status s = checkExportStart(context.actor, options, directory); !s)
        return s;
    const study::Study &study = context.study;
    const QDateTime now = context.clock.nowUtc();
    const QString name = study.oid.toUpper() + QStringLiteral("_LONG_") + fileStamp(now) + QStringLiteral(".csv");
    OutputFiles files(directory);
    QSaveFile *f = files.open(name);
    if (!f)
        return files.status();
    CsvWriter w(*f, {options.bom, true});
    const auto failed = [&] {
        return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(name), f->errorString());
    };
    if (!w.writeRow(longCsvHeader()))
        return failed();

    SubjectReader reader(context.db, study, context.actor, options, true);
    const qint64 total = reader.count();
    qint64 done = 0;
    while (true) {
        if (cancelled && cancelled())
            return Status::error(ErrorCode::Cancelled, QStringLiteral("The export was cancelled."));
        std::optional<StoredSubject> s = reader.next();
        if (!s)
            break;
        for (const StoredForm &form : std::as_const(s->forms)) {
            const study::Form *def = study.form(form.formOid);
            // Items in the order of the form, as a reader expects them.
            for (const study::Item &item : def->items) {
                const auto it = form.values.constFind(item.oid);
                if (it == form.values.constEnd())
                    continue;
                if (options.deidentify && item.identifier)
                    continue;
                QString value = it->value;
                if (options.deidentify &&
                    (item.type == study::ItemType::Date || item.type == study::ItemType::DateTime) && !value.isEmpty())
                    value = dayOffset(value, s->consent);
                const QStringList row{s->key,
                                      s->siteOid,
                                      form.eventOid,
                                      QString::number(form.eventRepeat),
                                      form.formOid,
                                      QString::number(form.formRepeat),
                                      item.oid,
                                      value,
                                      it->missingReason,
                                      item.unit,
                                      form.status,
                                      it->changedBy,
                                      it->changedUtc};
                if (!w.writeRow(row))
                    return failed();
            }
        }
        ++done;
        if (progress)
            progress(done, total);
    }
    if (!reader.status())
        return reader.status();
    ExportResult result;
    result.subjects = done;
    result.files << ExportedFile{name, w.sha256(), w.rowCount() - 1};
    if (Status s = finish(context, options, directory, QStringLiteral("long"), files, result, now); !s)
        return s;
    return result;
}

Result<ExportResult> exportAuditCsv(const ExportContext &context, const ExportOptions &options,
                                    const QString &directory, const Progress &progress, const CancelCheck &cancelled)
{
    if (Status s = checkExportStart(context.actor, options, directory); !s)
        return s;
    const study::Study &study = context.study;
    const QDateTime now = context.clock.nowUtc();
    const QString name = study.oid.toUpper() + QStringLiteral("_AUDIT_") + fileStamp(now) + QStringLiteral(".csv");

    // Subject key -> site, to apply the actor's and the chosen sites.
    QHash<QString, QString> siteOf;
    {
        store::Query q(context.db, QStringLiteral("SELECT subject_key, site_oid FROM subject"));
        if (Status s = q.exec(); !s)
            return s;
        while (q.next())
            siteOf.insert(q.text(0), q.text(1));
    }
    const bool siteLimited = !options.sites.isEmpty() || !context.actor.siteOids.isEmpty();

    OutputFiles files(directory);
    QSaveFile *f = files.open(name);
    if (!f)
        return files.status();
    CsvWriter w(*f, {options.bom, true});
    const auto failed = [&] {
        return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(name), f->errorString());
    };
    if (!w.writeRow(auditCsvHeader()))
        return failed();
    audit::AuditTrail trail(context.db, context.clock);
    const qint64 total = trail.count();
    qint64 done = 0;
    qint64 after = 0;
    const auto opt = [](const std::optional<QString> &v) { return v.value_or(QString()); };
    while (true) {
        if (cancelled && cancelled())
            return Status::error(ErrorCode::Cancelled, QStringLiteral("The export was cancelled."));
        Result<QList<audit::AuditEvent>> page = trail.events(after, 2000);
        if (!page)
            return page.status();
        if (page->isEmpty())
            break;
        for (const audit::AuditEvent &e : std::as_const(*page)) {
            after = e.seq;
            ++done;
            if (e.subjectKey.isEmpty()) {
                if (siteLimited)
                    continue;
            } else {
                const QString site = siteOf.value(e.subjectKey);
                if (!context.actor.mayAccessSite(site) || (!options.sites.isEmpty() && !options.sites.contains(site)))
                    continue;
            }
            if (!options.forms.isEmpty() && !e.formOid.isEmpty() && !options.forms.contains(e.formOid))
                continue;
            if (!options.events.isEmpty() && !e.eventOid.isEmpty() && !options.events.contains(e.eventOid))
                continue;
            const QDate day = QDate::fromString(e.utc.left(10), Qt::ISODate);
            if (options.from.isValid() && day < options.from)
                continue;
            if (options.to.isValid() && day > options.to)
                continue;
            const QStringList row{QString::number(e.seq),
                                  e.eventId,
                                  e.deviceId,
                                  QString::number(e.deviceCounter),
                                  e.userName,
                                  e.userRole,
                                  e.utc,
                                  QString::number(e.siteOffsetMinutes),
                                  e.action,
                                  e.subjectKey,
                                  e.eventOid,
                                  QString::number(e.eventRepeat),
                                  e.formOid,
                                  QString::number(e.formRepeat),
                                  e.itemOid,
                                  opt(e.oldValue),
                                  opt(e.newValue),
                                  e.reason,
                                  e.replacesEventId,
                                  e.prevHash,
                                  e.hash};
            if (!w.writeRow(row))
                return failed();
        }
        if (progress)
            progress(done, total);
    }
    ExportResult result;
    result.subjects = qint64(siteOf.size());
    result.files << ExportedFile{name, w.sha256(), w.rowCount() - 1};
    if (Status s = finish(context, options, directory, QStringLiteral("audit"), files, result, now); !s)
        return s;
    return result;
}

} // namespace cellcrf::exchange
