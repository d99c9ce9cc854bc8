#include "exchange/odmexport.h"

#include "core/clock.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QXmlStreamWriter>

namespace cellcrf::exchange {

namespace {

using study::ItemType;

const QString odmNs = QStringLiteral("http://www.cdisc.org/ns/odm/v1.3");

QString eventOid(const QString &e)
{
    return QStringLiteral("SE.") + e;
}
QString formOid(const QString &f)
{
    return QStringLiteral("F.") + f;
}
QString groupOid(const QString &f)
{
    return QStringLiteral("IG.") + f;
}
QString itemOid(const QString &f, const QString &i)
{
    return QStringLiteral("I.") + f + QLatin1Char('.') + i;
}
QString codeListOid(const QString &c)
{
    return QStringLiteral("CL.") + c;
}
// Unit texts such as "10^6 cells" and "10^9 cells" sanitize alike: number them instead.
QString unitOid(const study::Study &study, const QString &u)
{
    QStringList units;
    for (const study::Form &f : study.forms)
        for (const study::Item &i : f.items)
            if (!i.unit.isEmpty() && !units.contains(i.unit))
                units << i.unit;
    return QStringLiteral("MU.") + QString::number(units.indexOf(u) + 1);
}
QString userOid(const QString &u)
{
    return QStringLiteral("USR.") + u;
}
QString locationOid(const QString &s)
{
    return QStringLiteral("LOC.") + s;
}

QString dataType(const study::Item &item)
{
    switch (item.type) {
    case ItemType::Integer:
        return QStringLiteral("integer");
    case ItemType::Decimal:
        return QStringLiteral("float");
    case ItemType::Date:
        return item.allowPartialDate ? QStringLiteral("partialDate") : QStringLiteral("date");
    case ItemType::Time:
        return QStringLiteral("time");
    case ItemType::DateTime:
        return QStringLiteral("datetime");
    case ItemType::YesNo:
        return QStringLiteral("boolean");
    default:
        return QStringLiteral("text");
    }
}

// ODM writes "zh-CN" where the definitions say "zh_CN".
void translated(QXmlStreamWriter &x, const study::LocalizedText &t)
{
    for (auto it = t.texts.constBegin(); it != t.texts.constEnd(); ++it) {
        x.writeStartElement(QStringLiteral("TranslatedText"));
        x.writeAttribute(QStringLiteral("xml:lang"), QString(it.key()).replace(QLatin1Char('_'), QLatin1Char('-')));
        x.writeCharacters(it.value());
        x.writeEndElement();
    }
}

bool formSelected(const ExportOptions &o, const QString &f)
{
    return o.forms.isEmpty() || o.forms.contains(f);
}
bool eventSelected(const ExportOptions &o, const QString &e)
{
    return o.events.isEmpty() || o.events.contains(e);
}

void writeMetaData(QXmlStreamWriter &x, const study::Study &study, const ExportOptions &options)
{
    x.writeStartElement(QStringLiteral("GlobalVariables"));
    x.writeTextElement(QStringLiteral("StudyName"), study.name.text());
    x.writeTextElement(QStringLiteral("StudyDescription"), study.name.text());
    x.writeTextElement(QStringLiteral("ProtocolName"), study.protocolId.isEmpty() ? study.oid : study.protocolId);
    x.writeEndElement();

    QStringList units;
    for (const study::Form &f : study.forms)
        for (const study::Item &i : f.items)
            if (!i.unit.isEmpty() && !units.contains(i.unit))
                units << i.unit;
    if (!units.isEmpty()) {
        x.writeStartElement(QStringLiteral("BasicDefinitions"));
        for (const QString &u : std::as_const(units)) {
            x.writeStartElement(QStringLiteral("MeasurementUnit"));
            x.writeAttribute(QStringLiteral("OID"), unitOid(study, u));
            x.writeAttribute(QStringLiteral("Name"), u);
            x.writeStartElement(QStringLiteral("Symbol"));
            study::LocalizedText t;
            t.texts.insert(QStringLiteral("en"), u);
            translated(x, t);
            x.writeEndElement();
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    x.writeStartElement(QStringLiteral("MetaDataVersion"));
    x.writeAttribute(QStringLiteral("OID"), QStringLiteral("MDV.") + study.version);
    x.writeAttribute(QStringLiteral("Name"), study.oid + QStringLiteral(" ") + study.version);

    x.writeStartElement(QStringLiteral("Protocol"));
    int order = 1;
    for (const study::Event &e : study.events) {
        if (!eventSelected(options, e.oid))
            continue;
        x.writeEmptyElement(QStringLiteral("StudyEventRef"));
        x.writeAttribute(QStringLiteral("StudyEventOID"), eventOid(e.oid));
        x.writeAttribute(QStringLiteral("OrderNumber"), QString::number(order++));
        x.writeAttribute(QStringLiteral("Mandatory"), e.isScheduled() ? QStringLiteral("Yes") : QStringLiteral("No"));
    }
    x.writeEndElement();

    for (const study::Event &e : study.events) {
        if (!eventSelected(options, e.oid))
            continue;
        x.writeStartElement(QStringLiteral("StudyEventDef"));
        x.writeAttribute(QStringLiteral("OID"), eventOid(e.oid));
        x.writeAttribute(QStringLiteral("Name"), e.name.text());
        x.writeAttribute(QStringLiteral("Repeating"), e.repeating ? QStringLiteral("Yes") : QStringLiteral("No"));
        x.writeAttribute(QStringLiteral("Type"),
                         e.isScheduled() ? QStringLiteral("Scheduled") : QStringLiteral("Unscheduled"));
        int fo = 1;
        for (const QString &f : e.forms) {
            if (!formSelected(options, f))
                continue;
            x.writeEmptyElement(QStringLiteral("FormRef"));
            x.writeAttribute(QStringLiteral("FormOID"), formOid(f));
            x.writeAttribute(QStringLiteral("OrderNumber"), QString::number(fo++));
            x.writeAttribute(QStringLiteral("Mandatory"), QStringLiteral("No"));
        }
        x.writeEndElement();
    }

    for (const study::Form &f : study.forms) {
        if (!formSelected(options, f.oid))
            continue;
        x.writeStartElement(QStringLiteral("FormDef"));
        x.writeAttribute(QStringLiteral("OID"), formOid(f.oid));
        x.writeAttribute(QStringLiteral("Name"), f.name.text());
        x.writeAttribute(QStringLiteral("Repeating"), f.repeating ? QStringLiteral("Yes") : QStringLiteral("No"));
        x.writeEmptyElement(QStringLiteral("ItemGroupRef"));
        x.writeAttribute(QStringLiteral("ItemGroupOID"), groupOid(f.oid));
        x.writeAttribute(QStringLiteral("Mandatory"), QStringLiteral("Yes"));
        x.writeEndElement();
    }
    for (const study::Form &f : study.forms) {
        if (!formSelected(options, f.oid))
            continue;
        // One item group per form: our forms have no item groups of their own.
        x.writeStartElement(QStringLiteral("ItemGroupDef"));
        x.writeAttribute(QStringLiteral("OID"), groupOid(f.oid));
        x.writeAttribute(QStringLiteral("Name"), f.name.text());
        x.writeAttribute(QStringLiteral("Repeating"), QStringLiteral("No"));
        int io = 1;
        for (const study::Item &i : f.items) {
            if (options.deidentify && i.identifier)
                continue;
            x.writeEmptyElement(QStringLiteral("ItemRef"));
            x.writeAttribute(QStringLiteral("ItemOID"), itemOid(f.oid, i.oid));
            x.writeAttribute(QStringLiteral("OrderNumber"), QString::number(io++));
            x.writeAttribute(QStringLiteral("Mandatory"), i.required ? QStringLiteral("Yes") : QStringLiteral("No"));
        }
        x.writeEndElement();
    }
    for (const study::Form &f : study.forms) {
        if (!formSelected(options, f.oid))
            continue;
        for (const study::Item &i : f.items) {
            if (options.deidentify && i.identifier)
                continue;
            x.writeStartElement(QStringLiteral("ItemDef"));
            x.writeAttribute(QStringLiteral("OID"), itemOid(f.oid, i.oid));
            x.writeAttribute(QStringLiteral("Name"), i.oid);
            const bool shifted = options.deidentify && (i.type == ItemType::Date || i.type == ItemType::DateTime);
            x.writeAttribute(QStringLiteral("DataType"), shifted ? QStringLiteral("integer") : dataType(i));
            if (i.maxLength > 0)
                x.writeAttribute(QStringLiteral("Length"), QString::number(i.maxLength));
            if (i.type == ItemType::Decimal && i.decimals >= 0)
                x.writeAttribute(QStringLiteral("SignificantDigits"), QString::number(i.decimals));
            x.writeStartElement(QStringLiteral("Question"));
            translated(x, i.label);
            x.writeEndElement();
            if (!i.unit.isEmpty()) {
                x.writeEmptyElement(QStringLiteral("MeasurementUnitRef"));
                x.writeAttribute(QStringLiteral("MeasurementUnitOID"), unitOid(study, i.unit));
            }
            const auto range = [&](const char *comparator, const char *softHard, double v) {
                x.writeStartElement(QStringLiteral("RangeCheck"));
                x.writeAttribute(QStringLiteral("Comparator"), QString::fromLatin1(comparator));
                x.writeAttribute(QStringLiteral("SoftHard"), QString::fromLatin1(softHard));
                x.writeTextElement(QStringLiteral("CheckValue"), QString::number(v, 'g', 15));
                x.writeEndElement();
            };
            if (i.isNumeric()) {
                if (i.range.hardMin)
                    range("GE", "Hard", *i.range.hardMin);
                if (i.range.hardMax)
                    range("LE", "Hard", *i.range.hardMax);
                if (i.range.softMin)
                    range("GE", "Soft", *i.range.softMin);
                if (i.range.softMax)
                    range("LE", "Soft", *i.range.softMax);
            }
            if (i.type == ItemType::SingleChoice && !i.codeListOid.isEmpty()) {
                x.writeEmptyElement(QStringLiteral("CodeListRef"));
                x.writeAttribute(QStringLiteral("CodeListOID"), codeListOid(i.codeListOid));
            }
            // SDSVarName allows 8 characters; CDASH names can be longer.
            if (!i.cdashName.isEmpty()) {
                x.writeEmptyElement(QStringLiteral("Alias"));
                x.writeAttribute(QStringLiteral("Context"), QStringLiteral("CDASH"));
                x.writeAttribute(QStringLiteral("Name"), i.cdashName);
            }
            x.writeEndElement();
        }
    }
    for (const study::CodeList &cl : study.codeLists) {
        x.writeStartElement(QStringLiteral("CodeList"));
        x.writeAttribute(QStringLiteral("OID"), codeListOid(cl.oid));
        x.writeAttribute(QStringLiteral("Name"), cl.oid);
        x.writeAttribute(QStringLiteral("DataType"), QStringLiteral("text"));
        for (const study::CodeListItem &c : cl.items) {
            x.writeStartElement(QStringLiteral("CodeListItem"));
            x.writeAttribute(QStringLiteral("CodedValue"), c.code);
            x.writeStartElement(QStringLiteral("Decode"));
            translated(x, c.label);
            x.writeEndElement();
            x.writeEndElement();
        }
        x.writeEndElement();
    }
    x.writeEndElement(); // MetaDataVersion
}

Status writeAdminData(QXmlStreamWriter &x, const store::Database &db, const study::Study &study)
{
    x.writeStartElement(QStringLiteral("AdminData"));
    x.writeAttribute(QStringLiteral("StudyOID"), study.oid);
    store::Query q(db, QStringLiteral("SELECT user_name, full_name FROM user_account ORDER BY user_name"));
    if (Status s = q.exec(); !s)
        return s;
    while (q.next()) {
        x.writeStartElement(QStringLiteral("User"));
        x.writeAttribute(QStringLiteral("OID"), userOid(q.text(0)));
        x.writeTextElement(QStringLiteral("LoginName"), q.text(0));
        x.writeTextElement(QStringLiteral("FullName"), q.text(1));
        x.writeEndElement();
    }
    for (const study::Site &s : study.sites) {
        x.writeStartElement(QStringLiteral("Location"));
        x.writeAttribute(QStringLiteral("OID"), locationOid(s.oid));
        x.writeAttribute(QStringLiteral("Name"), s.name.text());
        x.writeAttribute(QStringLiteral("LocationType"), QStringLiteral("Site"));
        x.writeEmptyElement(QStringLiteral("MetaDataVersionRef"));
        x.writeAttribute(QStringLiteral("StudyOID"), study.oid);
        x.writeAttribute(QStringLiteral("MetaDataVersionOID"), QStringLiteral("MDV.") + study.version);
        x.writeAttribute(QStringLiteral("EffectiveDate"), QStringLiteral("2000-01-01"));
        x.writeEndElement();
    }
    x.writeEndElement();
    return Status::ok();
}

QString odmValue(const study::Item &item, const StoredValue &v, const StoredSubject &s, bool deidentify)
{
    if (v.value.isEmpty())
        return v.missingReason;
    if (deidentify && (item.type == ItemType::Date || item.type == ItemType::DateTime))
        return dayOffset(v.value, s.consent);
    if (item.type == ItemType::DateTime && v.value.size() == 16)
        return v.value + QStringLiteral(":00");
    return v.value;
}

} // namespace

Result<ExportResult> exportOdm(const ExportContext &context, const ExportOptions &options, const QString &directory,
                               const Progress &progress, const CancelCheck &cancelled)
{
    if (Status s = checkExportAllowed(context.actor); !s)
        return s;
    if (!QDir(directory).exists())
        return Status::error(ErrorCode::NotFound, QStringLiteral("The folder %1 does not exist.").arg(directory));
    const study::Study &study = context.study;
    const QDateTime now = context.clock.nowUtc();
    const QString name = study.oid.toUpper() + QStringLiteral("_ODM_") + fileStamp(now) + QStringLiteral(".xml");
    OutputFiles files(directory);
    QSaveFile *f = files.open(name);
    if (!f)
        return files.status();

    QXmlStreamWriter x(f);
    x.setAutoFormatting(true);
    x.writeStartDocument();
    x.writeStartElement(QStringLiteral("ODM"));
    x.writeDefaultNamespace(odmNs);
    x.writeAttribute(QStringLiteral("ODMVersion"), QStringLiteral("1.3.2"));
    x.writeAttribute(QStringLiteral("FileType"), QStringLiteral("Snapshot"));
    x.writeAttribute(QStringLiteral("FileOID"),
                     study.oid + QLatin1Char('.') + now.toString(QStringLiteral("yyyyMMddHHmmss")));
    x.writeAttribute(QStringLiteral("CreationDateTime"), now.toOffsetFromUtc(0).toString(Qt::ISODate));
    x.writeAttribute(QStringLiteral("Originator"), context.actor.userName);
    x.writeAttribute(QStringLiteral("SourceSystem"), QStringLiteral("CellCRF"));
    x.writeAttribute(QStringLiteral("SourceSystemVersion"), QStringLiteral(CELLCRF_VERSION));

    x.writeStartElement(QStringLiteral("Study"));
    x.writeAttribute(QStringLiteral("OID"), study.oid);
    writeMetaData(x, study, options);
    x.writeEndElement();
    if (Status s = writeAdminData(x, context.db, study); !s)
        return s;

    x.writeStartElement(QStringLiteral("ClinicalData"));
    x.writeAttribute(QStringLiteral("StudyOID"), study.oid);
    x.writeAttribute(QStringLiteral("MetaDataVersionOID"), QStringLiteral("MDV.") + study.version);
    SubjectReader reader(context.db, study, context.actor, options, false);
    const qint64 total = reader.count();
    qint64 done = 0;
    qint64 itemCount = 0;
    while (true) {
        if (cancelled && cancelled())
            return Status::error(ErrorCode::Cancelled, QStringLiteral("The export was cancelled."));
        std::optional<StoredSubject> s = reader.next();
        if (!s)
            break;
        x.writeStartElement(QStringLiteral("SubjectData"));
        x.writeAttribute(QStringLiteral("SubjectKey"), s->key);
        x.writeEmptyElement(QStringLiteral("SiteRef"));
        x.writeAttribute(QStringLiteral("LocationOID"), locationOid(s->siteOid));
        QString openEvent;
        int openRepeat = 0;
        for (const StoredForm &form : std::as_const(s->forms)) {
            if (form.eventOid != openEvent || form.eventRepeat != openRepeat) {
                if (!openEvent.isEmpty())
                    x.writeEndElement();
                openEvent = form.eventOid;
                openRepeat = form.eventRepeat;
                x.writeStartElement(QStringLiteral("StudyEventData"));
                x.writeAttribute(QStringLiteral("StudyEventOID"), eventOid(form.eventOid));
                x.writeAttribute(QStringLiteral("StudyEventRepeatKey"), QString::number(form.eventRepeat));
            }
            const study::Form *def = study.form(form.formOid);
            x.writeStartElement(QStringLiteral("FormData"));
            x.writeAttribute(QStringLiteral("FormOID"), formOid(form.formOid));
            x.writeAttribute(QStringLiteral("FormRepeatKey"), QString::number(form.formRepeat));
            x.writeStartElement(QStringLiteral("ItemGroupData"));
            x.writeAttribute(QStringLiteral("ItemGroupOID"), groupOid(form.formOid));
            for (const study::Item &item : def->items) {
                const auto it = form.values.constFind(item.oid);
                if (it == form.values.constEnd() || (options.deidentify && item.identifier))
                    continue;
                const QString value = odmValue(item, *it, *s, options.deidentify);
                x.writeEmptyElement(QStringLiteral("ItemData"));
                x.writeAttribute(QStringLiteral("ItemOID"), itemOid(form.formOid, item.oid));
                if (value.isEmpty())
                    x.writeAttribute(QStringLiteral("IsNull"), QStringLiteral("Yes"));
                else
                    x.writeAttribute(QStringLiteral("Value"), value);
                ++itemCount;
            }
            x.writeEndElement(); // ItemGroupData
            x.writeEndElement(); // FormData
        }
        if (!openEvent.isEmpty())
            x.writeEndElement();
        x.writeEndElement(); // SubjectData
        ++done;
        if (progress)
            progress(done, total);
    }
    if (!reader.status())
        return reader.status();
    x.writeEndElement(); // ClinicalData
    x.writeEndElement(); // ODM
    x.writeEndDocument();
    if (x.hasError())
        return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(name), f->errorString());
    ExportResult result;
    result.subjects = done;
    result.files << ExportedFile{name, QString(), itemCount};

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
    OutputFiles manifestFiles(directory);
    if (Status s = writeManifest(manifestFiles, study.oid.toUpper() + QStringLiteral("_odm_manifest.json"), study,
                                 context.actor, now, QStringLiteral("odm"), options, result);
        !s)
        return s;
    if (Status s = manifestFiles.commitAll(); !s)
        return s;
    if (Status s = auditExport(context.db, context.clock, context.actor, QStringLiteral("odm"), options, result); !s) {
        for (const ExportedFile &ef : std::as_const(result.files))
            QFile::remove(QDir(directory).filePath(ef.fileName));
        return s;
    }
    return result;
}

} // namespace cellcrf::exchange
