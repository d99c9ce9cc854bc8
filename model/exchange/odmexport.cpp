#include "exchange/odmexport.h"

#include "audit/auditevent.h"
#include "core/clock.h"
#include "records/signatures.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QSet>
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

QString signatureDefOid(const QString &meaning)
{
    return QStringLiteral("SD.") + meaning;
}

void writeUser(QXmlStreamWriter &x, const QString &loginName, const QString &fullName)
{
    x.writeStartElement(QStringLiteral("User"));
    x.writeAttribute(QStringLiteral("OID"), userOid(loginName));
    x.writeTextElement(QStringLiteral("LoginName"), loginName);
    if (!fullName.isEmpty())
        x.writeTextElement(QStringLiteral("FullName"), fullName);
    x.writeEndElement();
}

void writeLocations(QXmlStreamWriter &x, const study::Study &study)
{
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
}

void writeSignatureDefs(QXmlStreamWriter &x)
{
    const std::pair<records::SignatureMeaning, const char *> meanings[] = {
        {records::SignatureMeaning::Authored, "I entered or am responsible for this data."},
        {records::SignatureMeaning::Reviewed, "I reviewed this data."},
        {records::SignatureMeaning::Approved, "I approve this data."}};
    for (const auto &[meaning, text] : meanings) {
        x.writeStartElement(QStringLiteral("SignatureDef"));
        x.writeAttribute(QStringLiteral("OID"), signatureDefOid(records::meaningName(meaning)));
        x.writeAttribute(QStringLiteral("Methodology"), QStringLiteral("Electronic"));
        x.writeTextElement(QStringLiteral("Meaning"), QString::fromLatin1(text));
        x.writeTextElement(QStringLiteral("LegalReason"),
                           QStringLiteral("Electronic signature under 21 CFR Part 11, signed with the "
                                          "signer's password"));
        x.writeEndElement();
    }
}

// A transactional file names everyone who changed data, including accounts
// that no longer exist and the program itself (`system`), and the meanings of
// the signatures it holds.
Status writeAdminData(QXmlStreamWriter &x, const store::Database &db, const study::Study &study, bool transactional)
{
    x.writeStartElement(QStringLiteral("AdminData"));
    x.writeAttribute(QStringLiteral("StudyOID"), study.oid);
    store::Query q(db, QStringLiteral("SELECT user_name, full_name FROM user_account ORDER BY user_name"));
    if (Status s = q.exec(); !s)
        return s;
    QSet<QString> users;
    while (q.next()) {
        users.insert(q.text(0));
        x.writeStartElement(QStringLiteral("User"));
        x.writeAttribute(QStringLiteral("OID"), userOid(q.text(0)));
        x.writeTextElement(QStringLiteral("LoginName"), q.text(0));
        x.writeTextElement(QStringLiteral("FullName"), q.text(1));
        x.writeEndElement();
    }
    if (transactional) {
        store::Query a(db, QStringLiteral("SELECT DISTINCT user_name FROM audit_event WHERE subject_key <> '' "
                                          "ORDER BY user_name"));
        if (Status s = a.exec(); !s)
            return s;
        while (a.next()) {
            if (!users.contains(a.text(0)))
                writeUser(x, a.text(0), QString());
        }
    }
    writeLocations(x, study);
    if (transactional)
        writeSignatureDefs(x);
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

// "2026-01-10T16:30:00+08:00": the UTC time of an event at its site's offset.
QString stampWithOffset(const QString &utc, int offsetMinutes)
{
    QDateTime t = QDateTime::fromString(utc, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(utc, Qt::ISODate);
    const QDateTime local = t.toOffsetFromUtc(offsetMinutes * 60);
    const int a = std::abs(offsetMinutes);
    return local.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")) + (offsetMinutes < 0 ? u'-' : u'+') +
           QStringLiteral("%1:%2").arg(a / 60, 2, 10, QLatin1Char('0')).arg(a % 60, 2, 10, QLatin1Char('0'));
}

// Writes the history of one subject as ODM transactions, in the order of its
// audit events. Every change of an item's value (or of the reason it is
// missing, which the export folds into the value) is one ItemData with its own
// AuditRecord: Insert when the item had no value, Update when it had one,
// Remove with IsNull="Yes" when it has none left. Consecutive changes of one
// form share their containers as long as no item repeats; an element holds at
// most one AuditRecord. Signatures become Signature elements of their form, and
// casebook signatures Signature elements of the SubjectData. `keep`, when set,
// narrows what is written to the audit events it accepts (a sync package's
// events) the way the date window does.
class TransactionWriter
{
public:
    TransactionWriter(QXmlStreamWriter &x, const store::Database &db, const study::Study &study,
                      const ExportOptions &options, const StoredSubject &subject, OdmEventFilter keep = {})
        : m_x(x)
        , m_db(db)
        , m_study(study)
        , m_options(options)
        , m_subject(subject)
        , m_keep(std::move(keep))
    {}

    qint64 itemCount() const { return m_items; }

    Status write()
    {
        // Signatures of this subject by the audit event that made them.
        QHash<QString, std::pair<qint64, QString>> signatures;
        {
            store::Query q(m_db, QStringLiteral("SELECT s.audit_event_id, s.id, s.content_hash FROM signature s "
                                                "JOIN form_instance fi ON fi.id = s.form_instance_id "
                                                "WHERE fi.subject_id = ?"));
            q.bind(m_subject.id);
            if (Status s = q.exec(); !s)
                return s;
            while (q.next())
                signatures.insert(q.text(0), {q.integer(1), q.text(2)});
        }
        // Casebook signatures of this subject, the same way.
        QHash<QString, std::pair<qint64, QString>> casebookSignatures;
        {
            store::Query q(m_db, QStringLiteral("SELECT audit_event_id, id, content_hash FROM casebook_signature "
                                                "WHERE subject_id = ?"));
            q.bind(m_subject.id);
            if (Status s = q.exec(); !s)
                return s;
            while (q.next())
                casebookSignatures.insert(q.text(0), {q.integer(1), q.text(2)});
        }
        store::Query q(m_db, QStringLiteral("SELECT event_id, user_name, utc, site_offset_min, action, event_oid, "
                                            "event_repeat, form_oid, form_repeat, item_oid, new_value, reason "
                                            "FROM audit_event WHERE subject_key = ? ORDER BY seq"));
        q.bind(m_subject.key);
        if (Status s = q.exec(); !s)
            return s;
        const QString itemValue = QString::fromLatin1(audit::action::ItemValue);
        const QString itemMissing = QString::fromLatin1(audit::action::ItemMissingReason);
        const QString signature = QString::fromLatin1(audit::action::Signature);
        const QString casebookSignature = QString::fromLatin1(audit::action::CasebookSignature);
        const QString created = QString::fromLatin1(audit::action::SubjectCreated);
        while (q.next()) {
            Change c;
            c.eventId = q.text(0);
            c.user = q.text(1);
            c.utc = q.text(2);
            c.offset = int(q.integer(3));
            const QString action = q.text(4);
            c.eventOid = q.text(5);
            c.eventRepeat = int(q.integer(6));
            c.formOid = q.text(7);
            c.formRepeat = int(q.integer(8));
            c.itemOid = q.text(9);
            const QVariant newValue = q.value(10);
            c.reason = q.text(11);

            if (action == created) {
                if (inWindow(c) && kept(c))
                    writeSubjectCreated(c);
                continue;
            }
            if (action == signature) {
                const auto sig = signatures.constFind(c.eventId);
                if (sig != signatures.constEnd() && selected(c, nullptr) && kept(c))
                    writeSignature(c, sig->first, sig->second, newValue.toString());
                continue;
            }
            if (action == casebookSignature) {
                const auto sig = casebookSignatures.constFind(c.eventId);
                if (sig != casebookSignatures.constEnd() && inWindow(c) && kept(c))
                    writeCasebookSignature(c, sig->first, sig->second, newValue.toString());
                continue;
            }
            if (action != itemValue && action != itemMissing)
                continue;
            // The state is followed through every event, so that the first
            // change inside a date window still knows what it replaces.
            const study::Item *item = nullptr;
            const bool emit = selected(c, &item);
            const QString key = formKey(c) + QLatin1Char('|') + c.itemOid;
            StoredValue &state = m_values[key];
            const QString before = item ? odmValue(*item, state, m_subject, m_options.deidentify) : QString();
            if (action == itemValue)
                state.value = newValue.isNull() ? QString() : newValue.toString();
            else
                state.missingReason = newValue.isNull() ? QString() : newValue.toString();
            if (!emit || !inWindow(c) || !kept(c))
                continue;
            const QString after = odmValue(*item, state, m_subject, m_options.deidentify);
            if (before == after || (before.isEmpty() && after.isEmpty()))
                continue;
            writeItem(c, before, after);
        }
        closeBlock();
        return Status::ok();
    }

private:
    struct Change
    {
        QString eventId;
        QString user;
        QString utc;
        int offset = 0;
        QString eventOid;
        int eventRepeat = 0;
        QString formOid;
        int formRepeat = 0;
        QString itemOid;
        QString reason;
    };

    static QString eventKey(const Change &c) { return c.eventOid + QLatin1Char('|') + QString::number(c.eventRepeat); }
    static QString formKey(const Change &c)
    {
        return eventKey(c) + QLatin1Char('|') + c.formOid + QLatin1Char('|') + QString::number(c.formRepeat);
    }

    // Whether the change concerns a form (and item) of this definition that the options keep.
    bool selected(const Change &c, const study::Item **item) const
    {
        if (!eventSelected(m_options, c.eventOid) || !formSelected(m_options, c.formOid))
            return false;
        if (!m_study.event(c.eventOid))
            return false;
        const study::Form *form = m_study.form(c.formOid);
        if (!form)
            return false;
        if (!item)
            return true;
        for (const study::Item &i : form->items) {
            if (i.oid == c.itemOid) {
                if (m_options.deidentify && i.identifier)
                    return false;
                *item = &i;
                return true;
            }
        }
        return false;
    }

    bool inWindow(const Change &c) const
    {
        const QDate day = QDate::fromString(c.utc.left(10), Qt::ISODate);
        if (m_options.from.isValid() && (!day.isValid() || day < m_options.from))
            return false;
        if (m_options.to.isValid() && (!day.isValid() || day > m_options.to))
            return false;
        return true;
    }

    bool kept(const Change &c) const { return !m_keep || m_keep(c.eventId); }

    void writeAuditRecord(const Change &c)
    {
        m_x.writeStartElement(QStringLiteral("AuditRecord"));
        m_x.writeEmptyElement(QStringLiteral("UserRef"));
        m_x.writeAttribute(QStringLiteral("UserOID"), userOid(c.user));
        m_x.writeEmptyElement(QStringLiteral("LocationRef"));
        m_x.writeAttribute(QStringLiteral("LocationOID"), locationOid(m_subject.siteOid));
        m_x.writeTextElement(QStringLiteral("DateTimeStamp"), stampWithOffset(c.utc, c.offset));
        if (!c.reason.isEmpty())
            m_x.writeTextElement(QStringLiteral("ReasonForChange"), c.reason);
        m_x.writeTextElement(QStringLiteral("SourceID"), c.eventId);
        m_x.writeEndElement();
    }

    void openSubject(const char *transaction)
    {
        m_x.writeStartElement(QStringLiteral("SubjectData"));
        m_x.writeAttribute(QStringLiteral("SubjectKey"), m_subject.key);
        m_x.writeAttribute(QStringLiteral("TransactionType"), QString::fromLatin1(transaction));
    }
    void writeSiteRef()
    {
        m_x.writeEmptyElement(QStringLiteral("SiteRef"));
        m_x.writeAttribute(QStringLiteral("LocationOID"), locationOid(m_subject.siteOid));
    }

    // Insert the first time a container appears in the file, Update after.
    QString containerTransaction(QSet<QString> &seen, const QString &key)
    {
        if (seen.contains(key))
            return QStringLiteral("Update");
        seen.insert(key);
        return QStringLiteral("Insert");
    }

    void openForm(const Change &c)
    {
        openSubject("Update");
        writeSiteRef();
        m_x.writeStartElement(QStringLiteral("StudyEventData"));
        m_x.writeAttribute(QStringLiteral("StudyEventOID"), eventOid(c.eventOid));
        m_x.writeAttribute(QStringLiteral("StudyEventRepeatKey"), QString::number(c.eventRepeat));
        m_x.writeAttribute(QStringLiteral("TransactionType"), containerTransaction(m_seenEvents, eventKey(c)));
        m_x.writeStartElement(QStringLiteral("FormData"));
        m_x.writeAttribute(QStringLiteral("FormOID"), formOid(c.formOid));
        m_x.writeAttribute(QStringLiteral("FormRepeatKey"), QString::number(c.formRepeat));
        m_x.writeAttribute(QStringLiteral("TransactionType"), containerTransaction(m_seenForms, formKey(c)));
    }
    void closeForm()
    {
        m_x.writeEndElement(); // FormData
        m_x.writeEndElement(); // StudyEventData
        m_x.writeEndElement(); // SubjectData
    }

    void closeBlock()
    {
        if (m_open.isEmpty())
            return;
        m_x.writeEndElement(); // ItemGroupData
        closeForm();
        m_open.clear();
        m_itemsInBlock.clear();
    }

    void writeItem(const Change &c, const QString &before, const QString &after)
    {
        const QString form = formKey(c);
        if (m_open != form || m_itemsInBlock.contains(c.itemOid))
            closeBlock();
        if (m_open.isEmpty()) {
            openForm(c);
            m_x.writeStartElement(QStringLiteral("ItemGroupData"));
            m_x.writeAttribute(QStringLiteral("ItemGroupOID"), groupOid(c.formOid));
            m_x.writeAttribute(QStringLiteral("TransactionType"), containerTransaction(m_seenGroups, form));
            m_open = form;
        }
        m_itemsInBlock.insert(c.itemOid);
        m_x.writeStartElement(QStringLiteral("ItemData"));
        m_x.writeAttribute(QStringLiteral("ItemOID"), itemOid(c.formOid, c.itemOid));
        if (after.isEmpty()) {
            m_x.writeAttribute(QStringLiteral("TransactionType"), QStringLiteral("Remove"));
            m_x.writeAttribute(QStringLiteral("IsNull"), QStringLiteral("Yes"));
        } else {
            m_x.writeAttribute(QStringLiteral("TransactionType"),
                               before.isEmpty() ? QStringLiteral("Insert") : QStringLiteral("Update"));
            m_x.writeAttribute(QStringLiteral("Value"), after);
        }
        writeAuditRecord(c);
        m_x.writeEndElement();
        ++m_items;
    }

    void writeSubjectCreated(const Change &c)
    {
        closeBlock();
        openSubject("Insert");
        writeAuditRecord(c);
        writeSiteRef();
        m_x.writeEndElement();
    }

    // The meaning in the newValue of a signature event ("meaning=<m>;sha256=<hash>[;forms=<n>]").
    static QString eventMeaning(const QString &eventValue)
    {
        for (const QString &part : eventValue.split(QLatin1Char(';')))
            if (part.startsWith(QLatin1String("meaning=")))
                return part.mid(8);
        return {};
    }

    void writeSignature(const Change &c, qint64 id, const QString &hash, const QString &eventValue)
    {
        const QString meaning = eventMeaning(eventValue);
        if (!records::parseMeaning(meaning))
            return;
        closeBlock();
        openForm(c);
        writeSignatureElement(c, QStringLiteral("SIG.") + QString::number(id), meaning, hash);
        closeForm();
        ++m_signatures;
    }

    // A casebook signature is the Signature of the SubjectData itself: it
    // covers every form of the subject (audit::casebookContentHash).
    void writeCasebookSignature(const Change &c, qint64 id, const QString &hash, const QString &eventValue)
    {
        const QString meaning = eventMeaning(eventValue);
        if (!records::parseMeaning(meaning))
            return;
        closeBlock();
        openSubject("Update");
        writeSignatureElement(c, QStringLiteral("CSIG.") + QString::number(id), meaning, hash);
        writeSiteRef();
        m_x.writeEndElement(); // SubjectData
        ++m_signatures;
    }

    void writeSignatureElement(const Change &c, const QString &id, const QString &meaning, const QString &hash)
    {
        m_x.writeStartElement(QStringLiteral("Signature"));
        m_x.writeAttribute(QStringLiteral("ID"), id);
        m_x.writeEmptyElement(QStringLiteral("UserRef"));
        m_x.writeAttribute(QStringLiteral("UserOID"), userOid(c.user));
        m_x.writeEmptyElement(QStringLiteral("LocationRef"));
        m_x.writeAttribute(QStringLiteral("LocationOID"), locationOid(m_subject.siteOid));
        m_x.writeEmptyElement(QStringLiteral("SignatureRef"));
        m_x.writeAttribute(QStringLiteral("SignatureOID"), signatureDefOid(meaning));
        m_x.writeTextElement(QStringLiteral("DateTimeStamp"), stampWithOffset(c.utc, c.offset));
        m_x.writeTextElement(QStringLiteral("CryptoBindingManifest"), QStringLiteral("sha256=") + hash);
        m_x.writeEndElement();
    }

    QXmlStreamWriter &m_x;
    const store::Database &m_db;
    const study::Study &m_study;
    const ExportOptions &m_options;
    const StoredSubject &m_subject;
    OdmEventFilter m_keep;
    QHash<QString, StoredValue> m_values;
    QSet<QString> m_seenEvents;
    QSet<QString> m_seenForms;
    QSet<QString> m_seenGroups;
    QString m_open; // form key of the open block, empty when none
    QSet<QString> m_itemsInBlock;
    qint64 m_items = 0;
    qint64 m_signatures = 0;
};

} // namespace

QString odmMetaDataVersionOid(const study::Study &study)
{
    return QStringLiteral("MDV.") + study.version;
}

void writeOdmStudy(QXmlStreamWriter &x, const study::Study &study)
{
    x.writeStartElement(QStringLiteral("Study"));
    x.writeAttribute(QStringLiteral("OID"), study.oid);
    writeMetaData(x, study, ExportOptions{});
    x.writeEndElement();
}

void writeOdmAdminData(QXmlStreamWriter &x, const study::Study &study, const QList<OdmUser> &users)
{
    x.writeStartElement(QStringLiteral("AdminData"));
    x.writeAttribute(QStringLiteral("StudyOID"), study.oid);
    for (const OdmUser &u : users)
        writeUser(x, u.loginName, u.fullName);
    writeLocations(x, study);
    writeSignatureDefs(x);
    x.writeEndElement();
}

Result<qint64> writeOdmSubjectTransactions(QXmlStreamWriter &x, const store::Database &db, const study::Study &study,
                                           const StoredSubject &subject, const OdmEventFilter &keep)
{
    const ExportOptions options;
    TransactionWriter tx(x, db, study, options, subject, keep);
    if (Status s = tx.write(); !s)
        return s;
    return tx.itemCount();
}

Result<ExportResult> exportOdm(const ExportContext &context, const ExportOptions &options, const QString &directory,
                               const Progress &progress, const CancelCheck &cancelled)
{
    if (Status s = checkExportStart(context.actor, options, directory); !s)
        return s;
    const study::Study &study = context.study;
    const QDateTime now = context.clock.nowUtc();
    const QString name = study.oid.toUpper() +
                         (options.transactional ? QStringLiteral("_ODM_TRANSACTIONAL_") : QStringLiteral("_ODM_")) +
                         fileStamp(now) + QStringLiteral(".xml");
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
    x.writeAttribute(QStringLiteral("FileType"),
                     options.transactional ? QStringLiteral("Transactional") : QStringLiteral("Snapshot"));
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
    if (Status s = writeAdminData(x, context.db, study, options.transactional); !s)
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
        if (options.transactional) {
            TransactionWriter tx(x, context.db, study, options, *s);
            if (Status st = tx.write(); !st)
                return st;
            itemCount += tx.itemCount();
            ++done;
            if (progress)
                progress(done, total);
            continue;
        }
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
    if (Status s = writeManifest(manifestFiles,
                                 study.oid.toUpper() + (options.transactional
                                                            ? QStringLiteral("_odm_transactional_manifest.json")
                                                            : QStringLiteral("_odm_manifest.json")),
                                 study, context.actor, now, QStringLiteral("odm"), options, result);
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
