#include "sync/payloadreader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>
#include <QIODevice>
#include <QSet>
#include <QXmlStreamReader>

#include <algorithm>
#include <climits>
#include <cstring>

namespace cellcrf::sync {

Status PayloadHandler::attachment(const PayloadAttachment &)
{
    return Status::ok();
}

Status PayloadHandler::chainStarted(const PayloadChain &)
{
    return Status::ok();
}

Status PayloadHandler::chainFinished(const PayloadChain &)
{
    return Status::ok();
}

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::sync::PayloadReader", text);
}

const QString odmNs = QStringLiteral("http://www.cdisc.org/ns/odm/v1.3");

constexpr int maxOffsetMinutes = 14 * 60;
constexpr qsizetype chunkBytes = 65536;

// Every byte passes here before QXmlStreamReader sees it. QXmlStreamReader
// buffers a whole token (a tag with all its attributes, a text run) before it
// reports it, and checks a tag's attributes for duplicates pair by pair, so the
// only place to bound both is the raw input. The guard knows just enough of XML
// to tell text, tags, quoted values, comments, CDATA and declarations apart; the
// parser behind it judges everything else.
class ByteGuard
{
public:
    explicit ByteGuard(const PayloadLimits &limits)
        : m_maxRun(limits.maxTextBytes())
        , m_maxValue(6 * limits.maxAttributeBytes + 64)
        , m_maxAttributes(limits.maxAttributesPerElement)
        , m_maxAttributeBytes(limits.maxAttributeBytes)
    {}

    // Empty when the bytes are acceptable so far; else the problem, found on line().
    QString scan(const char *data, qsizetype size)
    {
        qsizetype i = 0;
        QString problem;
        while (i < size && problem.isEmpty()) {
            switch (m_state) {
            case State::Text: {
                const void *lt = std::memchr(data + i, '<', size_t(size - i));
                const qsizetype end = lt ? static_cast<const char *>(lt) - data : size;
                m_run += end - i;
                if (m_run > m_maxRun)
                    problem = tr("a text is longer than %1 bytes").arg(m_maxRun);
                i = end;
                if (lt) {
                    ++i;
                    m_state = State::Open;
                    m_run = 1;
                }
                break;
            }
            case State::Open: {
                const char c = data[i++];
                m_run = 2;
                if (c == '/') {
                    m_state = State::EndTag;
                } else if (c == '?') {
                    m_state = State::Instruction;
                    m_tail = 0;
                } else if (c == '!') {
                    m_state = State::Bang;
                } else {
                    m_state = State::StartTag;
                    m_attributes = 0;
                }
                break;
            }
            case State::StartTag: {
                const char c = data[i++];
                ++m_run;
                if (c == '"' || c == '\'') {
                    m_quote = c;
                    m_value = 0;
                    m_state = State::Quoted;
                    if (++m_attributes > m_maxAttributes)
                        problem = tr("an element has more than %1 attributes").arg(m_maxAttributes);
                } else if (c == '>') {
                    m_state = State::Text;
                    m_run = 0;
                } else if (m_run > m_maxRun) {
                    problem = tr("a tag is longer than %1 bytes").arg(m_maxRun);
                }
                break;
            }
            case State::Quoted: {
                const void *q = std::memchr(data + i, m_quote, size_t(size - i));
                const qsizetype end = q ? static_cast<const char *>(q) - data : size;
                m_value += end - i;
                m_run += end - i;
                // Escapes make a value longer than what it says: refuse here only
                // what cannot be within the limit once unescaped.
                if (m_value > m_maxValue)
                    problem = tr("an attribute value is longer than %1 bytes").arg(m_maxAttributeBytes);
                else if (m_run > m_maxRun)
                    problem = tr("a tag is longer than %1 bytes").arg(m_maxRun);
                i = end;
                if (q) {
                    ++i;
                    ++m_run;
                    m_state = State::StartTag;
                }
                break;
            }
            case State::EndTag:
            case State::Instruction:
            case State::Comment:
            case State::CData: {
                const char c = data[i++];
                ++m_run;
                const bool closes = c == '>' && (m_state == State::EndTag ||
                                                 (m_state == State::Instruction && (m_tail & 0xff) == '?') ||
                                                 (m_state == State::Comment && (m_tail & 0xffff) == 0x2d2d) ||
                                                 (m_state == State::CData && (m_tail & 0xffff) == 0x5d5d));
                m_tail = (m_tail << 8) | quint8(c);
                if (closes) {
                    m_state = State::Text;
                    m_run = 0;
                } else if (m_run > m_maxRun) {
                    problem = tr("a tag, comment or CDATA section is longer than %1 bytes").arg(m_maxRun);
                }
                break;
            }
            case State::Bang: {
                const char c = data[i++];
                m_tail = 0;
                if (c == '-')
                    m_state = State::Comment;
                else if (c == '[')
                    m_state = State::CData;
                else
                    problem = tr("a DOCTYPE or other declaration is not allowed (no DTD, no entities)");
                break;
            }
            }
        }
        const qsizetype counted = problem.isEmpty() ? size : i;
        m_problemLine = m_line + std::count(data, data + counted, '\n');
        m_line = m_problemLine;
        return problem;
    }

    qint64 line() const { return m_problemLine; }

private:
    enum class State
    {
        Text,
        Open, // just after '<'
        StartTag,
        Quoted,
        EndTag,
        Instruction, // <? ... ?>
        Bang,        // just after "<!"
        Comment,
        CData,
    };
    const qint64 m_maxRun;
    const qint64 m_maxValue;
    const int m_maxAttributes;
    const qint64 m_maxAttributeBytes;
    State m_state = State::Text;
    char m_quote = 0;
    qint64 m_run = 0;   // bytes of the current text, tag, comment or section
    qint64 m_value = 0; // raw bytes of the current attribute value
    int m_attributes = 0;
    quint32 m_tail = 0; // the last bytes, to find "?>", "-->" and "]]>"
    qint64 m_line = 1;
    qint64 m_problemLine = 1;
};

// "0" or a positive decimal without sign or leading zeros, at most 18 digits.
bool parseCount(QStringView t, qint64 *out)
{
    if (t.isEmpty() || t.size() > 18 || (t.size() > 1 && t.at(0) == u'0'))
        return false;
    qint64 v = 0;
    for (QChar c : t) {
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + (c.unicode() - u'0');
    }
    *out = v;
    return true;
}

bool parseOffset(QStringView t, int *out)
{
    const bool negative = t.startsWith(u'-');
    qint64 v = 0;
    if (!parseCount(negative ? t.mid(1) : t, &v) || v > maxOffsetMinutes || (negative && v == 0))
        return false;
    *out = int(negative ? -v : v);
    return true;
}

class Reader
{
public:
    Reader(const PayloadHeader &expected, const PayloadLimits &limits, PayloadHandler &handler)
        : m_expected(expected)
        , m_limits(limits)
        , m_handler(handler)
        , m_guard(limits)
    {}

    Result<PayloadReadSummary> run(QIODevice &source)
    {
        QByteArray chunk(chunkBytes, Qt::Uninitialized);
        bool inputEnded = false;
        while (true) {
            const QXmlStreamReader::TokenType token = m_xml.readNext();
            if (token == QXmlStreamReader::Invalid) {
                if (m_xml.error() != QXmlStreamReader::PrematureEndOfDocumentError || inputEnded)
                    return refuse(m_xml.lineNumber(), m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError
                                                          ? tr("the document ends before its root element is closed")
                                                          : m_xml.errorString());
                const qint64 n = source.read(chunk.data(), chunk.size());
                if (n < 0)
                    return readError(source);
                if (n == 0) {
                    inputEnded = true;
                    continue;
                }
                if (const QString problem = m_guard.scan(chunk.constData(), n); !problem.isEmpty())
                    return refuse(m_guard.line(), problem);
                m_xml.addData(QByteArray(chunk.constData(), n));
                continue;
            }
            if (Status s = handle(token); !s)
                return s;
            if (token == QXmlStreamReader::EndDocument)
                break;
        }
        // Only white space may follow the root; the rest of the input is read
        // so that whatever produces it sees its end.
        while (true) {
            const qint64 n = source.read(chunk.data(), chunk.size());
            if (n < 0)
                return readError(source);
            if (n == 0)
                break;
            const bool blank = std::all_of(chunk.constBegin(), chunk.constBegin() + n,
                                           [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
            if (!blank)
                return refuse(m_xml.lineNumber(), tr("there is content after the root element"));
        }
        return m_summary;
    }

private:
    enum class Where
    {
        Root,
        Study,       // and everything in it
        AdminData,   // and everything in it
        Normative,   // ClinicalData #1
        Attachment,  // cc:Attachment
        Chain,       // cc:Chain
        Event,       // cc:E
        Informative, // ClinicalData #2 and everything in it
        SourceId,    // a SourceID of ClinicalData #2
    };

    Status refuse(qint64 line, const QString &problem) const
    {
        return Status::error(
            ErrorCode::Corrupt,
            tr("payload is not a valid CellCRF ODM document: line %1: %2").arg(QString::number(line), problem));
    }
    Status refuse(const QString &problem) const { return refuse(m_xml.lineNumber(), problem); }

    static Status readError(const QIODevice &source)
    {
        const QString why = source.errorString();
        return Status::error(ErrorCode::Io, why.isEmpty() ? tr("The payload could not be read.") : why);
    }

    Status handle(QXmlStreamReader::TokenType token)
    {
        switch (token) {
        case QXmlStreamReader::StartDocument:
            if (m_xml.documentVersion() != QLatin1String("1.0") ||
                m_xml.documentEncoding().compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) != 0)
                return refuse(tr("the document must declare XML 1.0 in UTF-8"));
            return Status::ok();
        case QXmlStreamReader::DTD:
            return refuse(tr("a DOCTYPE or other declaration is not allowed (no DTD, no entities)"));
        case QXmlStreamReader::EntityReference:
            return refuse(tr("entity references are not allowed"));
        case QXmlStreamReader::ProcessingInstruction:
            return refuse(tr("processing instructions are not allowed"));
        case QXmlStreamReader::Comment:
            return Status::ok();
        case QXmlStreamReader::StartElement:
            return startElement();
        case QXmlStreamReader::EndElement:
            return endElement();
        case QXmlStreamReader::Characters:
            return characters();
        case QXmlStreamReader::EndDocument:
            if (m_phase != Phase::AfterInformative)
                return refuse(tr("the document lacks its AdminData or one of its two ClinicalData"));
            return Status::ok();
        default:
            return refuse(tr("unexpected content"));
        }
    }

    static QString qualified(QStringView ns, QStringView name)
    {
        if (ns == payloadNamespace())
            return QStringLiteral("cc:") + name.toString();
        return name.toString();
    }

    Status startElement()
    {
        const QStringView ns = m_xml.namespaceUri();
        const QStringView name = m_xml.name();
        if (m_stack.size() + 1 > m_limits.maxDepth)
            return refuse(tr("elements nest deeper than %1 levels").arg(m_limits.maxDepth));
        const QXmlStreamAttributes attributes = m_xml.attributes();
        for (const QXmlStreamAttribute &a : attributes) {
            const QStringView v = a.value();
            if (3 * v.size() > m_limits.maxAttributeBytes && utf8Length(v) > m_limits.maxAttributeBytes)
                return refuse(tr("attribute %1 of %2 holds %3 bytes, more than %4")
                                  .arg(a.name().toString(), qualified(ns, name), QString::number(utf8Length(v)),
                                       QString::number(m_limits.maxAttributeBytes)));
        }
        const bool odm = ns == odmNs;
        const bool cc = ns == payloadNamespace();
        if (m_stack.isEmpty()) {
            if (!odm || name != u"ODM")
                return refuse(tr("the root element must be ODM in the ODM 1.3 namespace"));
            m_stack.append(Where::Root);
            return checkRoot(attributes);
        }
        const Where parent = m_stack.last();
        switch (parent) {
        case Where::Root:
            return rootChild(odm, name, attributes);
        case Where::Study:
        case Where::AdminData:
        case Where::Informative:
            if (cc)
                return refuse(tr("extension element %1 outside the first ClinicalData").arg(qualified(ns, name)));
            if (parent == Where::Informative && odm && name == u"SourceID") {
                m_text.clear();
                m_stack.append(Where::SourceId);
            } else {
                m_stack.append(parent);
            }
            return Status::ok();
        case Where::Normative:
            if (cc && name == u"Attachment") {
                if (m_chainSeen)
                    return refuse(tr("cc:Attachment must come before every cc:Chain"));
                m_stack.append(Where::Attachment);
                return startAttachment(attributes);
            }
            if (cc && name == u"Chain") {
                m_chainSeen = true;
                m_stack.append(Where::Chain);
                return startChain(attributes);
            }
            return refuse(
                tr("the first ClinicalData may hold only cc:Attachment and cc:Chain, not %1").arg(qualified(ns, name)));
        case Where::Chain:
            if (!cc || name != u"E")
                return refuse(tr("cc:Chain may hold only cc:E, not %1").arg(qualified(ns, name)));
            m_stack.append(Where::Event);
            return event(attributes);
        case Where::Event:
        case Where::Attachment:
        case Where::SourceId:
            return refuse(tr("%1 may not contain elements").arg(qualified(ns, name)));
        }
        return Status::ok();
    }

    Status checkRoot(const QXmlStreamAttributes &attributes)
    {
        const QList<std::pair<QString, QString>> expected{
            {QStringLiteral("ODMVersion"), QStringLiteral("1.3.2")},
            {QStringLiteral("FileType"), QStringLiteral("Transactional")},
            {QStringLiteral("Granularity"), QStringLiteral("SingleSite")},
            {QStringLiteral("FileOID"), m_expected.fileOid},
            {QStringLiteral("PriorFileOID"), m_expected.priorFileOid},
            {QStringLiteral("CreationDateTime"), m_expected.creationUtc},
            {QStringLiteral("AsOfDateTime"), m_expected.asOfUtc},
            {QStringLiteral("Originator"), m_expected.originator},
            {QStringLiteral("SourceSystem"), QStringLiteral("CellCRF")},
            {QStringLiteral("SourceSystemVersion"), m_expected.sourceSystemVersion}};
        for (const QXmlStreamAttribute &a : attributes) {
            const auto known =
                std::find_if(expected.cbegin(), expected.cend(), [&](const auto &e) { return a.name() == e.first; });
            if (!a.namespaceUri().isEmpty() || known == expected.cend())
                return refuse(tr("the root element has an unexpected attribute %1").arg(a.qualifiedName()));
        }
        for (const auto &[name, value] : expected) {
            // An empty PriorFileOID or AsOfDateTime is written as no attribute.
            const bool present = attributes.hasAttribute(name);
            if (value.isEmpty() && !present)
                continue;
            const QString actual = attributes.value(name).toString();
            if (!present)
                return refuse(tr("the root element lacks %1 (the package header says \"%2\")").arg(name, value));
            if (actual != value)
                return refuse(tr("the root element's %1 is \"%2\", the package header says \"%3\"")
                                  .arg(name, actual, value.isEmpty() ? tr("(none)") : value));
        }
        return Status::ok();
    }

    Status checkStudyOid(const QXmlStreamAttributes &attributes, const QString &attribute, QStringView element)
    {
        const QStringView oid = attributes.value(attribute);
        if (oid != m_expected.studyOid)
            return refuse(tr("%1 names study \"%2\", the package header says \"%3\"")
                              .arg(element.toString(), oid.toString(), m_expected.studyOid));
        return Status::ok();
    }

    Status rootChild(bool odm, QStringView name, const QXmlStreamAttributes &attributes)
    {
        if (odm && name == u"Study" && m_phase == Phase::Start) {
            m_phase = Phase::AfterStudy;
            m_summary.metaData = true;
            m_stack.append(Where::Study);
            return checkStudyOid(attributes, QStringLiteral("OID"), name);
        }
        if (odm && name == u"AdminData" && (m_phase == Phase::Start || m_phase == Phase::AfterStudy)) {
            m_phase = Phase::AfterAdminData;
            m_stack.append(Where::AdminData);
            return checkStudyOid(attributes, QStringLiteral("StudyOID"), name);
        }
        if (odm && name == u"ClinicalData" && (m_phase == Phase::AfterAdminData || m_phase == Phase::AfterNormative)) {
            const bool first = m_phase == Phase::AfterAdminData;
            m_phase = first ? Phase::AfterNormative : Phase::AfterInformative;
            m_stack.append(first ? Where::Normative : Where::Informative);
            return checkStudyOid(attributes, QStringLiteral("StudyOID"), name);
        }
        return refuse(tr("unexpected element %1 in ODM (expected Study, AdminData, then two ClinicalData)")
                          .arg(qualified(m_xml.namespaceUri(), name)));
    }

    // Only the attributes in `known` may appear, each without a namespace.
    Status onlyKnownAttributes(const QXmlStreamAttributes &attributes, std::initializer_list<QStringView> known,
                               const char *element)
    {
        for (const QXmlStreamAttribute &a : attributes) {
            if (!a.namespaceUri().isEmpty() || std::find(known.begin(), known.end(), a.name()) == known.end())
                return refuse(tr("unknown attribute %1 of %2").arg(a.qualifiedName(), QLatin1String(element)));
        }
        return Status::ok();
    }

    Status startAttachment(const QXmlStreamAttributes &attributes)
    {
        if (Status s = onlyKnownAttributes(attributes, {u"Kind", u"Id", u"SHA256"}, "cc:Attachment"); !s)
            return s;
        m_attachment = PayloadAttachment{};
        m_attachment.kind = attributes.value(QStringLiteral("Kind")).toString();
        m_attachment.id = attributes.value(QStringLiteral("Id")).toString();
        m_attachment.sha256 = attributes.value(QStringLiteral("SHA256")).toString();
        if (m_attachment.kind != QLatin1String(attachmentKind::StudyDefinition) &&
            m_attachment.kind != QLatin1String(attachmentKind::RandomizationList))
            return refuse(tr("cc:Attachment of unknown kind \"%1\"").arg(m_attachment.kind));
        if (m_attachment.id.isEmpty() || !isSha256Hex(m_attachment.sha256))
            return refuse(tr("cc:Attachment needs an Id and a SHA256 of 64 lower-case hex digits"));
        if (m_attachments.contains({m_attachment.kind, m_attachment.id}))
            return refuse(tr("attachment %1 %2 appears twice").arg(m_attachment.kind, m_attachment.id));
        m_attachments.insert({m_attachment.kind, m_attachment.id});
        m_base64.clear();
        return Status::ok();
    }

    Status endAttachment()
    {
        const auto decoded = QByteArray::fromBase64Encoding(m_base64, QByteArray::AbortOnBase64DecodingErrors);
        m_base64.clear();
        if (!decoded)
            return refuse(tr("attachment %1 %2 is not base64").arg(m_attachment.kind, m_attachment.id));
        m_attachment.content = *decoded;
        const QString hash =
            QString::fromLatin1(QCryptographicHash::hash(m_attachment.content, QCryptographicHash::Sha256).toHex());
        if (hash != m_attachment.sha256)
            return refuse(tr("attachment %1 %2 does not match its SHA256").arg(m_attachment.kind, m_attachment.id));
        ++m_summary.attachments;
        const Status s = m_handler.attachment(m_attachment);
        m_attachment = PayloadAttachment{};
        return s;
    }

    Status startChain(const QXmlStreamAttributes &attributes)
    {
        if (Status s = onlyKnownAttributes(attributes, {u"Device", u"Scope", u"From", u"To", u"PrevHash", u"LastHash"},
                                           "cc:Chain");
            !s)
            return s;
        PayloadChain c;
        c.device = attributes.value(QStringLiteral("Device")).toString();
        c.scope = attributes.value(QStringLiteral("Scope")).toString();
        c.prevHash = attributes.value(QStringLiteral("PrevHash")).toString();
        c.lastHash = attributes.value(QStringLiteral("LastHash")).toString();
        if (!isChainId(c.device))
            return refuse(tr("cc:Chain Device \"%1\" is not a chain id").arg(c.device));
        if (c.scope.isEmpty())
            return refuse(tr("cc:Chain %1 has no Scope").arg(c.device));
        if (!parseCount(attributes.value(QStringLiteral("From")), &c.from) ||
            !parseCount(attributes.value(QStringLiteral("To")), &c.to) || c.from < 1 || c.to < c.from)
            return refuse(tr("cc:Chain %1 needs From and To with 1 <= From <= To").arg(c.device));
        if (!isSha256Hex(c.prevHash) || !isSha256Hex(c.lastHash))
            return refuse(tr("cc:Chain %1 needs PrevHash and LastHash of 64 lower-case hex digits").arg(c.device));
        if (c.from == 1 && c.prevHash != chainGenesisHash())
            return refuse(tr("cc:Chain %1 starts at 1 but its PrevHash is not the genesis hash").arg(c.device));
        if (m_ranges.contains(c.device))
            return refuse(tr("chain %1 appears twice").arg(c.device));
        m_ranges.insert(c.device, {c.from, c.to});
        m_chain = c;
        m_next = c.from;
        m_prevHash = c.prevHash;
        return m_handler.chainStarted(m_chain);
    }

    Status endChain()
    {
        if (m_next != m_chain.to + 1)
            return refuse(tr("chain %1 announces events %2 to %3 but ends after event %4")
                              .arg(m_chain.device, QString::number(m_chain.from), QString::number(m_chain.to),
                                   QString::number(m_next - 1)));
        if (m_prevHash != m_chain.lastHash)
            return refuse(tr("chain %1 announces LastHash %2 but its last event has hash %3")
                              .arg(m_chain.device, m_chain.lastHash, m_prevHash));
        m_summary.chains.append(m_chain);
        return m_handler.chainFinished(m_chain);
    }

    Status event(const QXmlStreamAttributes &attributes)
    {
        if (++m_summary.events > m_limits.maxEvents)
            return refuse(tr("the package carries more than %1 events").arg(m_limits.maxEvents));
        audit::AuditEvent e;
        e.deviceId = m_chain.device;
        bool hasN = false, hasUser = false, hasRole = false, hasUtc = false, hasOffset = false, hasAction = false,
             hasHash = false;
        for (const QXmlStreamAttribute &a : attributes) {
            const QStringView n = a.name();
            const QStringView v = a.value();
            bool ok = true;
            if (!a.namespaceUri().isEmpty()) {
                return refuse(tr("unknown attribute %1 of cc:E").arg(a.qualifiedName()));
            } else if (n == u"n") {
                ok = parseCount(v, &e.deviceCounter);
                hasN = true;
            } else if (n == u"user") {
                e.userName = v.toString();
                hasUser = true;
            } else if (n == u"role") {
                e.userRole = v.toString();
                hasRole = true;
            } else if (n == u"utc") {
                e.utc = v.toString();
                ok = isCanonicalUtc(v);
                hasUtc = true;
            } else if (n == u"offset") {
                ok = parseOffset(v, &e.siteOffsetMinutes);
                hasOffset = true;
            } else if (n == u"action") {
                e.action = v.toString();
                hasAction = true;
            } else if (n == u"subject") {
                e.subjectKey = v.toString();
            } else if (n == u"event") {
                e.eventOid = v.toString();
            } else if (n == u"eventRepeat" || n == u"formRepeat") {
                qint64 r = 0;
                ok = parseCount(v, &r) && r <= INT_MAX;
                (n == u"eventRepeat" ? e.eventRepeat : e.formRepeat) = int(r);
            } else if (n == u"form") {
                e.formOid = v.toString();
            } else if (n == u"item") {
                e.itemOid = v.toString();
            } else if (n == u"old") {
                e.oldValue = v.toString();
            } else if (n == u"new") {
                e.newValue = v.toString();
            } else if (n == u"reason") {
                e.reason = v.toString();
            } else if (n == u"replaces") {
                e.replacesEventId = v.toString();
            } else if (n == u"hash") {
                e.hash = v.toString();
                ok = isSha256Hex(v);
                hasHash = true;
            } else {
                return refuse(tr("unknown attribute %1 of cc:E").arg(a.qualifiedName()));
            }
            if (!ok)
                return refuse(tr("cc:E has a malformed %1: \"%2\"").arg(a.qualifiedName(), v.left(80)));
        }
        if (!(hasN && hasUser && hasRole && hasUtc && hasOffset && hasAction && hasHash))
            return refuse(tr("cc:E needs n, user, role, utc, offset, action and hash"));
        if (e.deviceCounter != m_next || m_next > m_chain.to)
            return refuse(tr("chain %1: event %2 where event %3 was due")
                              .arg(m_chain.device, QString::number(e.deviceCounter),
                                   m_next > m_chain.to ? tr("none") : QString::number(m_next)));
        e.eventId = m_chain.device + QLatin1Char(':') + QString::number(e.deviceCounter);
        e.prevHash = m_prevHash;
        m_prevHash = e.hash;
        ++m_next;
        return m_handler.event(e);
    }

    Status endElement()
    {
        const Where where = m_stack.takeLast();
        switch (where) {
        case Where::Attachment:
            return endAttachment();
        case Where::Chain:
            return endChain();
        case Where::SourceId:
            return checkSourceId();
        default:
            return Status::ok();
        }
    }

    Status checkSourceId()
    {
        ++m_summary.sourceIds;
        const QString id = m_text.trimmed();
        m_text.clear();
        const qsizetype colon = id.lastIndexOf(QLatin1Char(':'));
        qint64 counter = 0;
        const auto range = colon < 0 ? m_ranges.constEnd() : m_ranges.constFind(id.left(colon));
        if (range == m_ranges.constEnd() || !parseCount(QStringView(id).mid(colon + 1), &counter) ||
            counter < range->first || counter > range->second)
            return refuse(tr("SourceID \"%1\" names no event of this package").arg(id.left(200)));
        return Status::ok();
    }

    Status characters()
    {
        const Where where = m_stack.isEmpty() ? Where::Root : m_stack.last();
        switch (where) {
        case Where::Attachment: {
            const QStringView text = m_xml.text();
            if (m_base64.size() + text.size() > (m_limits.maxAttachmentBytes + 2) / 3 * 4)
                return refuse(
                    tr("attachment %1 %2 is larger than %3 bytes")
                        .arg(m_attachment.kind, m_attachment.id, QString::number(m_limits.maxAttachmentBytes)));
            m_base64.append(text.toLatin1());
            return Status::ok();
        }
        case Where::SourceId:
            if (m_text.size() + m_xml.text().size() > 1024)
                return refuse(tr("a SourceID is too long"));
            m_text.append(m_xml.text());
            return Status::ok();
        case Where::Root:
        case Where::Normative:
        case Where::Chain:
        case Where::Event:
            if (!m_xml.isWhitespace())
                return refuse(tr("text where only elements belong"));
            return Status::ok();
        default:
            return Status::ok();
        }
    }

    enum class Phase
    {
        Start,
        AfterStudy,
        AfterAdminData,
        AfterNormative,
        AfterInformative,
    };

    const PayloadHeader &m_expected;
    const PayloadLimits &m_limits;
    PayloadHandler &m_handler;
    ByteGuard m_guard;
    QXmlStreamReader m_xml;
    QList<Where> m_stack;
    Phase m_phase = Phase::Start;
    bool m_chainSeen = false;
    // The package's event ids: one counter range per chain, however many events.
    QHash<QString, std::pair<qint64, qint64>> m_ranges;
    PayloadChain m_chain;
    qint64 m_next = 0;
    QString m_prevHash;
    PayloadAttachment m_attachment;
    QSet<std::pair<QString, QString>> m_attachments;
    QByteArray m_base64;
    QString m_text;
    PayloadReadSummary m_summary;
};

} // namespace

PayloadReader::PayloadReader(PayloadHeader expected, PayloadLimits limits)
    : m_expected(std::move(expected))
    , m_limits(limits)
{}

Result<PayloadReadSummary> PayloadReader::read(QIODevice &source, PayloadHandler &handler) const
{
    Reader reader(m_expected, m_limits, handler);
    return reader.run(source);
}

} // namespace cellcrf::sync
