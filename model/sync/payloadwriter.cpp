#include "sync/payloadwriter.h"

#include "audit/audittrail.h"
#include "exchange/odmexport.h"
#include "store/database.h"
#include "study/study.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>
#include <QIODevice>
#include <QSet>
#include <QXmlStreamWriter>

#include <algorithm>
#include <map>

namespace cellcrf::sync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::sync::PayloadWriter", text);
}

const QString odmNs = QStringLiteral("http://www.cdisc.org/ns/odm/v1.3");

// Site clocks differ from UTC by at most 14 hours either way.
constexpr int maxOffsetMinutes = 14 * 60;

Status invalid(const QString &message)
{
    return Status::error(ErrorCode::InvalidInput, message);
}

Status damaged(const QString &message)
{
    return Status::error(ErrorCode::Corrupt, message);
}

// The text fields of an event as cc:E names its attributes; old and new only
// when they hold a value.
QList<std::pair<QString, QStringView>> textFields(const audit::AuditEvent &e)
{
    QList<std::pair<QString, QStringView>> fields{{QStringLiteral("user"), e.userName},
                                                  {QStringLiteral("role"), e.userRole},
                                                  {QStringLiteral("action"), e.action},
                                                  {QStringLiteral("subject"), e.subjectKey},
                                                  {QStringLiteral("event"), e.eventOid},
                                                  {QStringLiteral("form"), e.formOid},
                                                  {QStringLiteral("item"), e.itemOid},
                                                  {QStringLiteral("reason"), e.reason},
                                                  {QStringLiteral("replaces"), e.replacesEventId}};
    if (e.oldValue)
        fields.append({QStringLiteral("old"), *e.oldValue});
    if (e.newValue)
        fields.append({QStringLiteral("new"), *e.newValue});
    return fields;
}

QString codePoint(QStringView text, qsizetype at)
{
    return QStringLiteral("U+") + QString::number(text.at(at).unicode(), 16).toUpper().rightJustified(4, u'0');
}

// `text` with what XML cannot carry shown as U+FFFD, for messages.
QString printable(QString text)
{
    for (qsizetype at = firstNonXmlCharacter(text); at >= 0; at = firstNonXmlCharacter(text))
        text[at] = QChar::ReplacementCharacter;
    return text;
}

class Writer
{
public:
    Writer(QIODevice &sink, const store::Database &db, const study::Study &study, const PayloadLimits &limits,
           const PayloadSpec &spec)
        : m_sink(sink)
        , m_x(&sink)
        , m_db(db)
        , m_study(study)
        , m_limits(limits)
        , m_spec(spec)
    {
        for (const PayloadUser &u : spec.users)
            m_users.insert(u.loginName);
        for (const PayloadChain &c : spec.chains)
            m_ranges.insert(c.device, {c.from, c.to});
    }

    Result<PayloadWriteSummary> run(ChainEventSource &source)
    {
        if (Status s = checkSpec(); !s)
            return s;
        if (!m_sink.isWritable())
            return Status::error(ErrorCode::Io, tr("The sync payload cannot be written: its output is not open "
                                                   "for writing."));
        writeRoot();
        if (m_spec.withMetaData)
            exchange::writeOdmStudy(m_x, m_study);
        QList<exchange::OdmUser> users;
        for (const PayloadUser &u : m_spec.users)
            users.append(exchange::OdmUser{u.loginName, u.fullName});
        exchange::writeOdmAdminData(m_x, m_study, users);
        if (Status s = sinkStatus(); !s)
            return s;

        openClinicalData();
        for (const PayloadAttachment &a : m_spec.attachments) {
            if (Status s = writeAttachment(a); !s)
                return s;
        }
        for (const PayloadChain &c : m_spec.chains) {
            if (Status s = writeChain(c, source); !s)
                return s;
        }
        m_x.writeEndElement(); // ClinicalData #1
        if (m_newestUtc != m_spec.header.asOfUtc)
            return invalid(tr("The sync payload says its newest event is of %1, but the newest it carries is of %2.")
                               .arg(m_spec.header.asOfUtc, m_newestUtc));

        openClinicalData();
        if (Status s = writeTransactionalView(); !s)
            return s;
        m_x.writeEndElement(); // ClinicalData #2
        m_x.writeEndElement(); // ODM
        m_x.writeEndDocument();
        if (Status s = sinkStatus(); !s)
            return s;
        return m_summary;
    }

private:
    Status checkSpec() const
    {
        const PayloadHeader &h = m_spec.header;
        const auto bad = [](const QString &what) {
            return invalid(tr("The sync payload cannot be written: %1").arg(what));
        };
        if (h.studyOid != m_study.oid)
            return bad(tr("the header names study %1, the definition is of %2").arg(h.studyOid, m_study.oid));
        if (h.fileOid.isEmpty() || h.originator.isEmpty() || h.sourceSystemVersion.isEmpty())
            return bad(tr("the file OID, the originator and the program version are required"));
        if (!isCanonicalUtc(h.creationUtc))
            return bad(tr("the creation time %1 is not a UTC time with milliseconds").arg(h.creationUtc));
        if (m_spec.chains.isEmpty() != h.asOfUtc.isEmpty())
            return bad(tr("the time of the newest event is given if and only if events travel"));
        if (!h.asOfUtc.isEmpty() && (!isCanonicalUtc(h.asOfUtc) || h.asOfUtc > h.creationUtc))
            return bad(tr("the time of the newest event, %1, must be a UTC time no later than the creation time %2")
                           .arg(h.asOfUtc, h.creationUtc));
        QSet<QString> logins;
        for (const PayloadUser &u : m_spec.users) {
            if (u.loginName.isEmpty() || logins.contains(u.loginName))
                return bad(tr("user names must be given once each and not be empty"));
            logins.insert(u.loginName);
            for (const QString &name : {u.loginName, u.fullName}) {
                if (const qsizetype at = firstNonXmlCharacter(name); at >= 0)
                    return bad(tr("the name of user %1 holds the character %2, which XML 1.0 cannot carry")
                                   .arg(printable(u.loginName), codePoint(name, at)));
            }
        }
        QSet<QString> devices;
        qint64 events = 0;
        for (const PayloadChain &c : m_spec.chains) {
            if (!isChainId(c.device) || devices.contains(c.device))
                return bad(tr("chain %1 is not a chain id, or appears twice").arg(c.device));
            devices.insert(c.device);
            if (c.scope.isEmpty() || c.from < 1 || c.to < c.from || !isSha256Hex(c.prevHash) ||
                !isSha256Hex(c.lastHash) || (c.from == 1 && c.prevHash != chainGenesisHash()))
                return bad(tr("chain %1 has no scope, an empty range or malformed hashes").arg(c.device));
            events += c.count();
        }
        if (events > m_limits.maxEvents)
            return bad(tr("%1 events are more than one package may carry (%2)")
                           .arg(QString::number(events), QString::number(m_limits.maxEvents)));
        QSet<std::pair<QString, QString>> attachments;
        for (const PayloadAttachment &a : m_spec.attachments) {
            const QString hash =
                QString::fromLatin1(QCryptographicHash::hash(a.content, QCryptographicHash::Sha256).toHex());
            if ((a.kind != QLatin1String(attachmentKind::StudyDefinition) &&
                 a.kind != QLatin1String(attachmentKind::RandomizationList)) ||
                a.id.isEmpty() || attachments.contains({a.kind, a.id}))
                return bad(tr("attachment %1 %2 is of an unknown kind, has no id or appears twice").arg(a.kind, a.id));
            attachments.insert({a.kind, a.id});
            if (a.sha256 != hash)
                return bad(tr("attachment %1 %2 does not match its SHA-256").arg(a.kind, a.id));
            if (a.content.size() > m_limits.maxAttachmentBytes)
                return bad(tr("attachment %1 %2 is larger than %3 bytes")
                               .arg(a.kind, a.id, QString::number(m_limits.maxAttachmentBytes)));
            if (utf8Length(a.id) > m_limits.maxAttributeBytes || firstNonXmlCharacter(a.id) >= 0)
                return bad(tr("attachment id %1 cannot travel").arg(a.id));
        }
        return Status::ok();
    }

    void writeRoot()
    {
        const PayloadHeader &h = m_spec.header;
        // One element per line and no indentation: a reader's "line L" then
        // points at the event, for a byte per element.
        m_x.setAutoFormatting(true);
        m_x.setAutoFormattingIndent(0);
        m_x.writeStartDocument();
        m_x.writeStartElement(QStringLiteral("ODM"));
        m_x.writeDefaultNamespace(odmNs);
        m_x.writeNamespace(payloadNamespace(), QStringLiteral("cc"));
        m_x.writeAttribute(QStringLiteral("ODMVersion"), QStringLiteral("1.3.2"));
        m_x.writeAttribute(QStringLiteral("FileType"), QStringLiteral("Transactional"));
        m_x.writeAttribute(QStringLiteral("Granularity"), QStringLiteral("SingleSite"));
        m_x.writeAttribute(QStringLiteral("FileOID"), h.fileOid);
        if (!h.priorFileOid.isEmpty())
            m_x.writeAttribute(QStringLiteral("PriorFileOID"), h.priorFileOid);
        m_x.writeAttribute(QStringLiteral("CreationDateTime"), h.creationUtc);
        if (!h.asOfUtc.isEmpty())
            m_x.writeAttribute(QStringLiteral("AsOfDateTime"), h.asOfUtc);
        m_x.writeAttribute(QStringLiteral("Originator"), h.originator);
        m_x.writeAttribute(QStringLiteral("SourceSystem"), QStringLiteral("CellCRF"));
        m_x.writeAttribute(QStringLiteral("SourceSystemVersion"), h.sourceSystemVersion);
    }

    void openClinicalData()
    {
        m_x.writeStartElement(QStringLiteral("ClinicalData"));
        m_x.writeAttribute(QStringLiteral("StudyOID"), m_study.oid);
        m_x.writeAttribute(QStringLiteral("MetaDataVersionOID"), exchange::odmMetaDataVersionOid(m_study));
    }

    Status writeAttachment(const PayloadAttachment &a)
    {
        m_x.writeStartElement(payloadNamespace(), QStringLiteral("Attachment"));
        m_x.writeAttribute(QStringLiteral("Kind"), a.kind);
        m_x.writeAttribute(QStringLiteral("Id"), a.id);
        m_x.writeAttribute(QStringLiteral("SHA256"), a.sha256);
        // Whole base64 quanta per piece, so the pieces concatenate to the base64 of the whole.
        constexpr qsizetype piece = 3 * 16384;
        for (qsizetype at = 0; at < a.content.size(); at += piece)
            m_x.writeCharacters(QString::fromLatin1(a.content.mid(at, piece).toBase64()));
        m_x.writeEndElement();
        ++m_summary.attachments;
        return sinkStatus();
    }

    Status writeChain(const PayloadChain &chain, ChainEventSource &source)
    {
        m_x.writeStartElement(payloadNamespace(), QStringLiteral("Chain"));
        m_x.writeAttribute(QStringLiteral("Device"), chain.device);
        m_x.writeAttribute(QStringLiteral("Scope"), chain.scope);
        m_x.writeAttribute(QStringLiteral("From"), QString::number(chain.from));
        m_x.writeAttribute(QStringLiteral("To"), QString::number(chain.to));
        m_x.writeAttribute(QStringLiteral("PrevHash"), chain.prevHash);
        m_x.writeAttribute(QStringLiteral("LastHash"), chain.lastHash);
        if (Status s = sinkStatus(); !s)
            return s;
        qint64 next = chain.from;
        QString prevHash = chain.prevHash;
        const Status pulled = source.forEachEvent(chain, [&](const audit::AuditEvent &e) -> Status {
            const QString due = chain.device + QLatin1Char(':') + QString::number(next);
            if (next > chain.to || e.deviceId != chain.device || e.deviceCounter != next || e.eventId != due)
                return damaged(tr("The audit trail handed event %1 where event %2 was due.")
                                   .arg(e.eventId, next > chain.to ? tr("none") : due));
            if (e.prevHash != prevHash)
                return damaged(tr("Event %1 does not follow the event before it in its chain: the audit trail is "
                                  "damaged (run verify).")
                                   .arg(e.eventId));
            if (Status s = writeEvent(e); !s)
                return s;
            prevHash = e.hash;
            ++next;
            return Status::ok();
        });
        if (!pulled)
            return pulled;
        if (next != chain.to + 1 || prevHash != chain.lastHash)
            return damaged(tr("Chain %1 was to run from event %2 to event %3 ending in hash %4, but the audit trail "
                              "handed events up to %5 ending in hash %6.")
                               .arg(chain.device, QString::number(chain.from), QString::number(chain.to),
                                    chain.lastHash, QString::number(next - 1), prevHash));
        m_x.writeEndElement();
        return sinkStatus();
    }

    Status writeEvent(const audit::AuditEvent &e)
    {
        const auto malformed = [&](const char *what) {
            return damaged(tr("Event %1 cannot travel: its %2 is malformed.").arg(e.eventId, QLatin1String(what)));
        };
        if (!isSha256Hex(e.hash))
            return malformed("hash");
        if (!isCanonicalUtc(e.utc))
            return malformed("utc");
        if (std::abs(e.siteOffsetMinutes) > maxOffsetMinutes)
            return malformed("offset");
        if (e.eventRepeat < 0 || e.formRepeat < 0)
            return malformed("repeat");
        if (!m_users.contains(e.userName))
            return invalid(
                tr("Event %1 names user %2, who is not in the payload's AdminData.").arg(e.eventId, e.userName));
        const QList<std::pair<QString, QStringView>> fields = textFields(e);
        qint64 total = 0;
        for (const auto &[name, value] : fields) {
            const qint64 bytes = utf8Length(value);
            if (bytes > m_limits.maxAttributeBytes)
                return invalid(
                    tr("Event %1 cannot travel: its %2 holds %3 bytes, more than the %4 a package may "
                       "carry in one value.")
                        .arg(e.eventId, name, QString::number(bytes), QString::number(m_limits.maxAttributeBytes)));
            total += bytes;
        }
        // Escaping may make a value up to six times longer; the reader holds at most maxTextBytes of one tag.
        if (6 * total + 4096 > m_limits.maxTextBytes())
            return invalid(tr("Event %1 cannot travel: its values hold %2 bytes together, more than a package may "
                              "carry in one event.")
                               .arg(e.eventId, QString::number(total)));
        if (++m_summary.events > m_limits.maxEvents)
            return invalid(tr("The package would carry more than %1 events.").arg(m_limits.maxEvents));

        static const QString E = QStringLiteral("E");
        m_x.writeEmptyElement(payloadNamespace(), E);
        m_x.writeAttribute(QStringLiteral("n"), QString::number(e.deviceCounter));
        m_x.writeAttribute(QStringLiteral("user"), e.userName);
        m_x.writeAttribute(QStringLiteral("role"), e.userRole);
        m_x.writeAttribute(QStringLiteral("utc"), e.utc);
        m_x.writeAttribute(QStringLiteral("offset"), QString::number(e.siteOffsetMinutes));
        m_x.writeAttribute(QStringLiteral("action"), e.action);
        // Empty texts and zero repeats are left out: absent reads back as "" and 0.
        const auto optional = [&](const QString &name, const QString &value) {
            if (!value.isEmpty())
                m_x.writeAttribute(name, value);
        };
        const auto repeat = [&](const QString &name, int value) {
            if (value != 0)
                m_x.writeAttribute(name, QString::number(value));
        };
        optional(QStringLiteral("subject"), e.subjectKey);
        optional(QStringLiteral("event"), e.eventOid);
        repeat(QStringLiteral("eventRepeat"), e.eventRepeat);
        optional(QStringLiteral("form"), e.formOid);
        repeat(QStringLiteral("formRepeat"), e.formRepeat);
        optional(QStringLiteral("item"), e.itemOid);
        // Absent and empty differ here: "no value" is not "an empty value".
        if (e.oldValue)
            m_x.writeAttribute(QStringLiteral("old"), *e.oldValue);
        if (e.newValue)
            m_x.writeAttribute(QStringLiteral("new"), *e.newValue);
        optional(QStringLiteral("reason"), e.reason);
        optional(QStringLiteral("replaces"), e.replacesEventId);
        m_x.writeAttribute(QStringLiteral("hash"), e.hash);
        if (m_x.hasError()) {
            // QXmlStreamWriter drops what XML cannot carry and only raises its
            // flag; find the value to name it, or it was the output that failed.
            for (const auto &[name, value] : fields) {
                const qsizetype at = firstNonXmlCharacter(value);
                if (at >= 0)
                    return invalid(tr("Event %1 cannot travel: its %2 holds the character %3 at position %4, which "
                                      "XML 1.0 cannot carry. Correct the value with a reason for change, then "
                                      "export again.")
                                       .arg(e.eventId, name, codePoint(value, at), QString::number(at + 1)));
            }
            return sinkStatus();
        }
        if (!e.subjectKey.isEmpty())
            m_subjects.insert(e.subjectKey);
        if (e.utc > m_newestUtc)
            m_newestUtc = e.utc;
        return Status::ok();
    }

    Status writeTransactionalView()
    {
        const exchange::OdmEventFilter keep = [this](const QString &eventId) {
            const qsizetype colon = eventId.lastIndexOf(QLatin1Char(':'));
            if (colon < 0)
                return false;
            const auto range = m_ranges.constFind(eventId.left(colon));
            bool ok = false;
            const qint64 counter = QStringView(eventId).mid(colon + 1).toLongLong(&ok);
            return ok && range != m_ranges.constEnd() && counter >= range->first && counter <= range->second;
        };
        QStringList keys(m_subjects.cbegin(), m_subjects.cend());
        std::sort(keys.begin(), keys.end());
        for (const QString &key : std::as_const(keys)) {
            store::Query q(m_db, QStringLiteral("SELECT id, site_oid FROM subject WHERE subject_key = ?"));
            q.bind(key);
            if (Status s = q.exec(); !s)
                return s;
            // A subject the sender holds no record of (its events wait for a
            // data manager) has no standard view: #2 is informative only.
            if (!q.next())
                continue;
            exchange::StoredSubject subject;
            subject.id = q.integer(0);
            subject.key = key;
            subject.siteOid = q.text(1);
            auto items = exchange::writeOdmSubjectTransactions(m_x, m_db, m_study, subject, keep);
            if (!items)
                return items.status();
            m_summary.informativeItems += *items;
            ++m_summary.subjects;
            if (Status s = sinkStatus(); !s)
                return s;
        }
        return Status::ok();
    }

    Status sinkStatus() const
    {
        if (!m_x.hasError())
            return Status::ok();
        // QXmlStreamWriter says only that something failed: the output, or a
        // text of the definition that XML cannot carry (the events' and the
        // users' own texts are checked one by one, and named).
        return Status::error(ErrorCode::Io,
                             tr("The sync payload could not be written: the output failed, or a text of the study "
                                "definition holds a character XML 1.0 cannot carry."),
                             m_sink.errorString());
    }

    QIODevice &m_sink;
    QXmlStreamWriter m_x;
    const store::Database &m_db;
    const study::Study &m_study;
    const PayloadLimits &m_limits;
    const PayloadSpec &m_spec;
    QSet<QString> m_users;
    QHash<QString, std::pair<qint64, qint64>> m_ranges;
    QSet<QString> m_subjects; // grows with the subjects, never with the events
    QString m_newestUtc;
    PayloadWriteSummary m_summary;
};

} // namespace

PayloadWriter::PayloadWriter(const store::Database &db, const study::Study &study, PayloadLimits limits)
    : m_db(db)
    , m_study(study)
    , m_limits(limits)
{}

Result<PayloadWriteSummary> PayloadWriter::write(QIODevice &sink, const PayloadSpec &spec,
                                                 ChainEventSource &source) const
{
    Writer writer(sink, m_db, m_study, m_limits, spec);
    return writer.run(source);
}

StoreChainEvents::StoreChainEvents(const store::Database &db)
    : m_db(db)
{}

Status StoreChainEvents::forEachEvent(const PayloadChain &chain, const EventVisitor &visit)
{
    store::Query q(m_db, QStringLiteral("SELECT %1 FROM audit_event WHERE device_id = ? AND device_counter >= ? "
                                        "AND device_counter <= ? ORDER BY device_counter")
                             .arg(audit::auditColumns()));
    q.bind(chain.device).bind(chain.from).bind(chain.to);
    if (Status s = q.exec(); !s)
        return s;
    while (q.next()) {
        if (Status s = visit(audit::readAuditRow(q)); !s)
            return s;
    }
    return Status::ok();
}

Result<PayloadChain> StoreChainEvents::chain(const QString &device, const QString &scope, qint64 from, qint64 to) const
{
    PayloadChain c{device, scope, from, to, {}, {}};
    store::Query q(m_db, QStringLiteral("SELECT device_counter, hash FROM audit_event WHERE device_id = ? AND "
                                        "device_counter IN (?, ?)"));
    q.bind(device).bind(from - 1).bind(to);
    if (Status s = q.exec(); !s)
        return s;
    while (q.next()) {
        if (q.integer(0) == from - 1)
            c.prevHash = q.text(1);
        if (q.integer(0) == to)
            c.lastHash = q.text(1);
    }
    if (from == 1)
        c.prevHash = chainGenesisHash();
    store::Query n(m_db, QStringLiteral("SELECT count(*) FROM audit_event WHERE device_id = ? AND device_counter >= ? "
                                        "AND device_counter <= ?"));
    n.bind(device).bind(from).bind(to);
    if (Status s = n.exec(); !s)
        return s;
    if (from < 1 || to < from || c.prevHash.isEmpty() || c.lastHash.isEmpty() || !n.next() ||
        n.integer(0) != to - from + 1)
        return Status::error(ErrorCode::NotFound, tr("This database does not hold events %1 to %2 of device %3.")
                                                      .arg(QString::number(from), QString::number(to), device));
    return c;
}

Result<ChainFacts> StoreChainEvents::facts(const QList<PayloadChain> &chains) const
{
    ChainFacts facts;
    std::map<QString, QString> users; // sorted by login name
    for (const PayloadChain &c : chains) {
        store::Query q(m_db, QStringLiteral("SELECT user_name, max(utc), count(*) FROM audit_event WHERE device_id = ? "
                                            "AND device_counter >= ? AND device_counter <= ? GROUP BY user_name"));
        q.bind(c.device).bind(c.from).bind(c.to);
        if (Status s = q.exec(); !s)
            return s;
        while (q.next()) {
            users.emplace(q.text(0), QString());
            facts.newestUtc = std::max(facts.newestUtc, q.text(1));
            facts.events += q.integer(2);
        }
    }
    for (auto &[login, fullName] : users) {
        store::Query q(m_db, QStringLiteral("SELECT full_name FROM user_account WHERE user_name = ?"));
        q.bind(login);
        if (Status s = q.exec(); !s)
            return s;
        if (q.next())
            fullName = q.text(0);
        facts.users.append(PayloadUser{login, fullName});
    }
    return facts;
}

} // namespace cellcrf::sync
