// The ODM payload of a sync package (SYNC.md §2.6): write → read round trips
// of arbitrary text with identical events and hashes, every refusal of the
// reader with its message and line, the writer's refusals (a character XML
// cannot carry names its event), and xmllint: the payload of a demo store
// against the extension schema, and stripped of the extension against the
// plain ODM 1.3.2 schema, which must reject the unstripped file.

#include "audit/auditevent.h"
#include "demo/demogenerator.h"
#include "store/database.h"
#include "study/study.h"
#include "sync/payloadreader.h"
#include "sync/payloadwriter.h"
#include "testsupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

using namespace cellcrf;
using namespace cellcrf::sync;

Q_DECLARE_METATYPE(cellcrf::audit::AuditEvent)

namespace {

const QString deviceA = QStringLiteral("0123456789abcdef");
const QString deviceB = QStringLiteral("fedcba9876543210-01");
const QString prefix = QStringLiteral("payload is not a valid CellCRF ODM document: line ");

study::Study tinyStudy()
{
    study::Study s;
    s.oid = QStringLiteral("tiny");
    s.version = QStringLiteral("1.0");
    s.name.texts.insert(QStringLiteral("en"), QStringLiteral("Tiny"));
    study::Site site;
    site.oid = QStringLiteral("01");
    site.name.texts.insert(QStringLiteral("en"), QStringLiteral("Beijing"));
    s.sites << site;
    return s;
}

audit::AuditEvent itemEvent(int second)
{
    audit::AuditEvent e;
    e.userName = QStringLiteral("nurse");
    e.userRole = QStringLiteral("nurse");
    e.utc = QStringLiteral("2026-03-04T05:06:%1.000Z").arg(second, 2, 10, QLatin1Char('0'));
    e.siteOffsetMinutes = 480;
    e.action = QString::fromLatin1(audit::action::ItemValue);
    e.subjectKey = QStringLiteral("01-001");
    e.eventOid = QStringLiteral("screening");
    e.eventRepeat = 1;
    e.formOid = QStringLiteral("dm");
    e.formRepeat = 1;
    e.itemOid = QStringLiteral("age");
    e.newValue = QStringLiteral("45");
    e.reason = QStringLiteral("r%1").arg(second);
    return e;
}

// Gives `events` their place in a chain and their hashes, as a store holds them.
QList<audit::AuditEvent> chained(const QString &device, QList<audit::AuditEvent> events, qint64 from = 1,
                                 QString prev = chainGenesisHash())
{
    for (qsizetype i = 0; i < events.size(); ++i) {
        audit::AuditEvent &e = events[i];
        e.deviceId = device;
        e.deviceCounter = from + i;
        e.eventId = device + QLatin1Char(':') + QString::number(e.deviceCounter);
        e.prevHash = prev;
        e.hash = e.computeHash();
        prev = e.hash;
    }
    return events;
}

void compareEvents(const audit::AuditEvent &a, const audit::AuditEvent &b)
{
    QCOMPARE(a.eventId, b.eventId);
    QCOMPARE(a.deviceId, b.deviceId);
    QCOMPARE(a.deviceCounter, b.deviceCounter);
    QCOMPARE(a.userName, b.userName);
    QCOMPARE(a.userRole, b.userRole);
    QCOMPARE(a.utc, b.utc);
    QCOMPARE(a.siteOffsetMinutes, b.siteOffsetMinutes);
    QCOMPARE(a.action, b.action);
    QCOMPARE(a.subjectKey, b.subjectKey);
    QCOMPARE(a.eventOid, b.eventOid);
    QCOMPARE(a.eventRepeat, b.eventRepeat);
    QCOMPARE(a.formOid, b.formOid);
    QCOMPARE(a.formRepeat, b.formRepeat);
    QCOMPARE(a.itemOid, b.itemOid);
    QCOMPARE(a.oldValue.has_value(), b.oldValue.has_value());
    QCOMPARE(a.oldValue.value_or(QString()), b.oldValue.value_or(QString()));
    QCOMPARE(a.newValue.has_value(), b.newValue.has_value());
    QCOMPARE(a.newValue.value_or(QString()), b.newValue.value_or(QString()));
    QCOMPARE(a.reason, b.reason);
    QCOMPARE(a.replacesEventId, b.replacesEventId);
    QCOMPARE(a.prevHash, b.prevHash);
    QCOMPARE(a.hash, b.hash);
    QCOMPARE(a.computeHash(), b.computeHash());
}

class MemoryEvents final : public ChainEventSource
{
public:
    Status forEachEvent(const PayloadChain &chain, const EventVisitor &visit) override
    {
        for (const audit::AuditEvent &e : chains.value(chain.device)) {
            if (!chain.contains(e.deviceCounter))
                continue;
            if (Status s = visit(e); !s)
                return s;
        }
        return Status::ok();
    }

    QHash<QString, QList<audit::AuditEvent>> chains;
};

class Recorder final : public PayloadHandler
{
public:
    Status attachment(const PayloadAttachment &a) override
    {
        log << QStringLiteral("attachment ") + a.kind + QLatin1Char(' ') + a.id;
        attachments << a;
        return Status::ok();
    }
    Status chainStarted(const PayloadChain &c) override
    {
        log << QStringLiteral("chain ") + c.device;
        return Status::ok();
    }
    Status event(const audit::AuditEvent &e) override
    {
        events << e;
        if (failAt == events.size())
            return Status::error(ErrorCode::Conflict, QStringLiteral("the importer stops here"));
        return Status::ok();
    }
    Status chainFinished(const PayloadChain &c) override
    {
        log << QStringLiteral("end ") + c.device;
        return Status::ok();
    }

    QStringList log;
    QList<audit::AuditEvent> events;
    QList<PayloadAttachment> attachments;
    int failAt = -1;
};

// A sequential device that hands out a few bytes per read, like a decompressor
// between chunks, and can fail part way with its own message.
class Trickle final : public QIODevice
{
public:
    Trickle(QByteArray bytes, qint64 piece, qint64 failAfter = -1)
        : m_bytes(std::move(bytes))
        , m_piece(piece)
        , m_failAfter(failAfter)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 max) override
    {
        if (m_failAfter >= 0 && m_at >= m_failAfter) {
            setErrorString(QStringLiteral("the payload expands beyond its declared size"));
            return -1;
        }
        const qint64 n = std::min({max, m_piece, qint64(m_bytes.size()) - m_at});
        std::memcpy(data, m_bytes.constData() + m_at, size_t(n));
        m_at += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_piece;
    qint64 m_failAfter;
    qint64 m_at = 0;
};

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<store::Database> db;
    study::Study study = tinyStudy();
    MemoryEvents source;
    PayloadSpec spec;

    Fixture()
    {
        auto opened =
            store::Database::open(dir.filePath(QStringLiteral("sender.ccrf")), store::Database::Mode::CreateIfMissing);
        if (opened)
            db = std::move(opened).value();
        spec.header.studyOid = study.oid;
        spec.header.fileOid = QStringLiteral("CellCRF/tiny/0123456789abcdef/hub/1");
        spec.header.creationUtc = QStringLiteral("2026-03-05T00:00:00.000Z");
        spec.header.originator = deviceA;
        spec.header.sourceSystemVersion = QStringLiteral("0.1.0");
    }

    // Adds a chain of these (chained) events, every user they name and their newest time.
    void addChain(const QString &scope, const QList<audit::AuditEvent> &events)
    {
        PayloadChain c;
        c.device = events.first().deviceId;
        c.scope = scope;
        c.from = events.first().deviceCounter;
        c.to = events.last().deviceCounter;
        c.prevHash = events.first().prevHash;
        c.lastHash = events.last().hash;
        spec.chains << c;
        source.chains[c.device] = events;
        for (const audit::AuditEvent &e : events) {
            const bool known = std::any_of(spec.users.cbegin(), spec.users.cend(),
                                           [&](const PayloadUser &u) { return u.loginName == e.userName; });
            if (!known)
                spec.users << PayloadUser{e.userName, QString()};
            spec.header.asOfUtc = std::max(spec.header.asOfUtc, e.utc);
        }
    }

    void addAttachment(const QString &kind, const QString &id, const QByteArray &content)
    {
        spec.attachments << PayloadAttachment{
            kind, id, QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()),
            content};
    }

    Result<QByteArray> write(const PayloadLimits &limits = {})
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        auto written = PayloadWriter(*db, study, limits).write(buffer, spec, source);
        if (!written)
            return written.status();
        return bytes;
    }
};

Result<PayloadReadSummary> readBytes(const QByteArray &bytes, PayloadHandler &handler, const PayloadHeader &expected,
                                     const PayloadLimits &limits = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return PayloadReader(expected, limits).read(buffer, handler);
}

// 1-based line of the first occurrence of `needle`.
int lineOf(const QByteArray &bytes, const QByteArray &needle)
{
    const qsizetype at = bytes.indexOf(needle);
    return at < 0 ? -1 : int(bytes.left(at).count('\n')) + 1;
}

// The payload without its extension: every element of the cc namespace and
// what it holds removed, everything else copied as it is.
QByteArray stripExtension(const QByteArray &bytes)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QXmlStreamReader r(bytes);
    QXmlStreamWriter w(&buffer);
    int skipping = 0;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && (skipping > 0 || r.namespaceUri() == payloadNamespace())) {
            ++skipping;
            continue;
        }
        if (skipping > 0) {
            if (r.isEndElement())
                --skipping;
            continue;
        }
        if (r.isStartElement()) {
            // By name, as the payload spells them: writeCurrentToken would
            // invent prefixes for the namespaces it has not yet seen declared.
            w.writeStartElement(r.qualifiedName().toString());
            for (const QXmlStreamNamespaceDeclaration &d : r.namespaceDeclarations()) {
                if (d.namespaceUri() == payloadNamespace())
                    continue;
                if (d.prefix().isEmpty())
                    w.writeDefaultNamespace(d.namespaceUri().toString());
                else
                    w.writeNamespace(d.namespaceUri().toString(), d.prefix().toString());
            }
            w.writeAttributes(r.attributes());
        } else {
            w.writeCurrentToken(r);
        }
    }
    return r.hasError() ? QByteArray() : out;
}

// Runs xmllint; empty when the file is valid, else what xmllint said.
QString xmllint(const QString &schema, const QString &file)
{
    QProcess p;
    p.start(QStringLiteral("xmllint"),
            {QStringLiteral("--nonet"), QStringLiteral("--noout"), QStringLiteral("--schema"), schema, file});
    if (!p.waitForFinished(300000))
        return QStringLiteral("xmllint did not finish: ") + p.errorString();
    if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
        return {};
    return QString::fromUtf8(p.readAllStandardError()).left(4000) + QStringLiteral(" (exit %1)").arg(p.exitCode());
}

// The official ODM 1.3.2 schemas and the extension's two files in one folder,
// as the extension schema expects them.
QString schemaFolder(const QTemporaryDir &dir)
{
    const QString target = dir.filePath(QStringLiteral("schemas"));
    QDir().mkpath(target);
    const QDir odm(QDir(test::sharedDir()).filePath(QStringLiteral("schemas/odm-1.3.2")));
    const QDir ours(QDir(test::sourceDir()).filePath(QStringLiteral("model/sync/schemas")));
    for (const auto &[from, names] : {std::pair{odm, odm.entryList({QStringLiteral("*.xsd")}, QDir::Files)},
                                      std::pair{ours, ours.entryList({QStringLiteral("*.xsd")}, QDir::Files)}}) {
        for (const QString &name : names)
            QFile::copy(from.filePath(name), QDir(target).filePath(name));
    }
    return target;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestSyncPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryFieldAndHash_data()
    {
        QTest::addColumn<audit::AuditEvent>("event");
        const audit::AuditEvent plain = itemEvent(1);
        QTest::newRow("plain") << plain;

        audit::AuditEvent unicode = plain;
        unicode.userName = QStringLiteral("张伟");
        unicode.userRole = QStringLiteral("研究护士");
        unicode.subjectKey = QStringLiteral("北京-001");
        unicode.newValue = QStringLiteral("发热 🌡️ 38.5℃");
        unicode.reason = QStringLiteral("更正：录入错误 😀 👨‍👩‍👧 e\u0301 𝕏");
        QTest::newRow("chinese, emoji, combining marks") << unicode;

        audit::AuditEvent controls = plain;
        const QString ws = QStringLiteral(" \tleading\nand\r\ntrailing\r \t");
        controls.userName = ws;
        controls.userRole = ws;
        controls.action = ws;
        controls.subjectKey = ws;
        controls.eventOid = ws;
        controls.formOid = ws;
        controls.itemOid = ws;
        controls.oldValue = QStringLiteral("\r");
        controls.newValue = QStringLiteral("\n");
        controls.reason = QStringLiteral("\t");
        controls.replacesEventId = ws;
        QTest::newRow("tab, LF, CR and spaces in every text") << controls;

        audit::AuditEvent markup = plain;
        markup.newValue = QStringLiteral("<b>&amp; \"quoted\" 'single' ]]> &#1; </ODM>");
        markup.reason = QStringLiteral("a < b && c > d");
        QTest::newRow("markup characters") << markup;

        audit::AuditEvent absentOldEmptyNew = plain;
        absentOldEmptyNew.oldValue = std::nullopt;
        absentOldEmptyNew.newValue = QString();
        QTest::newRow("no old value, empty new value") << absentOldEmptyNew;

        audit::AuditEvent emptyOldAbsentNew = plain;
        emptyOldAbsentNew.oldValue = QString();
        emptyOldAbsentNew.newValue = std::nullopt;
        QTest::newRow("empty old value, no new value") << emptyOldAbsentNew;

        audit::AuditEvent bothEmpty = plain;
        bothEmpty.oldValue = QString();
        bothEmpty.newValue = QString();
        QTest::newRow("both empty") << bothEmpty;

        audit::AuditEvent bothAbsent = plain;
        bothAbsent.oldValue = std::nullopt;
        bothAbsent.newValue = std::nullopt;
        QTest::newRow("both absent") << bothAbsent;

        audit::AuditEvent longReason = plain;
        longReason.reason = QString(1 << 20, QLatin1Char('x'));
        QTest::newRow("a reason of exactly 1 MiB") << longReason;

        audit::AuditEvent longUnicode = plain;
        longUnicode.reason = QStringLiteral("诊断").repeated((1 << 20) / 6);
        longUnicode.oldValue = QStringLiteral("\n").repeated(100000);
        QTest::newRow("long Chinese reason, a value of line feeds") << longUnicode;

        audit::AuditEvent login = plain;
        login.action = QString::fromLatin1(audit::action::Login);
        login.userRole = QString();
        login.siteOffsetMinutes = -300;
        login.subjectKey.clear();
        login.eventOid.clear();
        login.eventRepeat = 0;
        login.formOid.clear();
        login.formRepeat = 0;
        login.itemOid.clear();
        login.oldValue = std::nullopt;
        login.newValue = std::nullopt;
        login.reason.clear();
        QTest::newRow("no subject, empty role, negative offset") << login;

        audit::AuditEvent correction = plain;
        correction.oldValue = QStringLiteral("45");
        correction.newValue = QStringLiteral("46");
        correction.replacesEventId = QStringLiteral("fedcba9876543210-01:17");
        correction.eventRepeat = 2147483647;
        correction.formRepeat = 12;
        QTest::newRow("replaces another chain's event, large repeats") << correction;

        audit::AuditEvent rare = plain;
        rare.newValue = QStringLiteral("del \u007f c1 \u0085 nbsp \u00a0 bom \ufeff fffd \ufffd");
        QTest::newRow("DEL, C1 controls, BOM, replacement character") << rare;
    }

    void roundTripKeepsEveryFieldAndHash()
    {
        QFETCH(audit::AuditEvent, event);
        Fixture fx;
        QVERIFY(fx.db);
        // Three events of the kind, so a chain links values of the kind to each other.
        QList<audit::AuditEvent> events{event, event, event};
        events[1].utc = QStringLiteral("2026-03-04T05:07:00.000Z");
        events[2].oldValue = event.newValue;
        events = chained(deviceA, events);
        fx.addChain(QStringLiteral("01"), events);
        auto bytes = fx.write();
        QVERIFY2(bytes, qPrintable(bytes.message()));

        Recorder got;
        auto read = readBytes(*bytes, got, fx.spec.header);
        QVERIFY2(read, qPrintable(read.message()));
        QCOMPARE(got.events.size(), 3);
        for (int i = 0; i < 3; ++i) {
            compareEvents(got.events.at(i), events.at(i));
            QCOMPARE(got.events.at(i).computeHash(), events.at(i).hash);
        }
        QCOMPARE(read->events, 3);
    }

    void roundTripHandsAttachmentsFirstThenEachChainInOrder()
    {
        Fixture fx;
        const QList<audit::AuditEvent> a = chained(deviceA, {itemEvent(1), itemEvent(2), itemEvent(3)});
        // B's first event here is its fifth: a package continues from the last acknowledgement.
        audit::AuditEvent query = itemEvent(9);
        query.userName = QStringLiteral("dm");
        query.action = QString::fromLatin1(audit::action::QueryOpened);
        const QList<audit::AuditEvent> b =
            chained(deviceB, {query, itemEvent(4)}, 5, QStringLiteral("ab").repeated(32));
        fx.addChain(QStringLiteral("01"), a);
        fx.addChain(QStringLiteral("01"), b);
        QByteArray definition("{\"study\":\"tiny\",\"version\":\"1.1\"}\n");
        QByteArray list(3000, '\0');
        for (int i = 0; i < list.size(); ++i)
            list[i] = char(i * 7);
        fx.addAttachment(QString::fromLatin1(attachmentKind::StudyDefinition), QStringLiteral("1.1"), definition);
        fx.addAttachment(QString::fromLatin1(attachmentKind::RandomizationList), QStringLiteral("01/A"), list);
        auto bytes = fx.write();
        QVERIFY2(bytes, qPrintable(bytes.message()));
        QVERIFY(bytes->contains("AsOfDateTime=\"2026-03-04T05:06:09.000Z\""));
        QVERIFY(!bytes->contains("PriorFileOID"));

        Recorder got;
        auto read = readBytes(*bytes, got, fx.spec.header);
        QVERIFY2(read, qPrintable(read.message()));
        QCOMPARE(got.log, QStringList({QStringLiteral("attachment study_definition 1.1"),
                                       QStringLiteral("attachment randomization_list 01/A"),
                                       QStringLiteral("chain ") + deviceA, QStringLiteral("end ") + deviceA,
                                       QStringLiteral("chain ") + deviceB, QStringLiteral("end ") + deviceB}));
        QCOMPARE(got.attachments.at(0).content, definition);
        QCOMPARE(got.attachments.at(1).content, list);
        QCOMPARE(got.events.size(), 5);
        QCOMPARE(got.events.at(3).eventId, deviceB + QStringLiteral(":5"));
        QCOMPARE(got.events.at(3).prevHash, QStringLiteral("ab").repeated(32));
        for (int i = 0; i < 5; ++i)
            compareEvents(got.events.at(i), (a + b).at(i));
        QCOMPARE(read->chains.size(), 2);
        QCOMPARE(read->chains.at(1).from, 5);
        QCOMPARE(read->chains.at(1).to, 6);
        QCOMPARE(read->attachments, 2);
        QCOMPARE(read->events, 5);
        QVERIFY(!read->metaData);
    }

    void priorFileOidAndMetaDataAreWrittenWhenAsked()
    {
        Fixture fx;
        fx.spec.header.priorFileOid = QStringLiteral("CellCRF/tiny/hub/0123456789abcdef/3");
        fx.spec.withMetaData = true;
        fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1)}));
        auto bytes = fx.write();
        QVERIFY2(bytes, qPrintable(bytes.message()));
        QVERIFY(bytes->contains("PriorFileOID=\"CellCRF/tiny/hub/0123456789abcdef/3\""));
        QVERIFY(bytes->contains("<MetaDataVersion OID=\"MDV.1.0\""));
        Recorder got;
        auto read = readBytes(*bytes, got, fx.spec.header);
        QVERIFY2(read, qPrintable(read.message()));
        QVERIFY(read->metaData);
    }

    void packageWithoutEventsHasNoAsOfDateTime()
    {
        Fixture fx;
        auto bytes = fx.write();
        QVERIFY2(bytes, qPrintable(bytes.message()));
        QVERIFY(!bytes->contains("AsOfDateTime"));
        Recorder got;
        auto read = readBytes(*bytes, got, fx.spec.header);
        QVERIFY2(read, qPrintable(read.message()));
        QCOMPARE(read->events, 0);
        QVERIFY(got.log.isEmpty());
    }

    void readerReadsASequentialDeviceInSmallPieces()
    {
        Fixture fx;
        const QList<audit::AuditEvent> a = chained(deviceA, {itemEvent(1), itemEvent(2), itemEvent(3)});
        fx.addChain(QStringLiteral("01"), a);
        fx.addAttachment(QString::fromLatin1(attachmentKind::StudyDefinition), QStringLiteral("1.1"),
                         QByteArray(10000, 'd'));
        auto bytes = fx.write();
        QVERIFY(bytes);
        for (const qint64 piece : {1, 7, 4096}) {
            Trickle device(*bytes, piece);
            Recorder got;
            auto read = PayloadReader(fx.spec.header).read(device, got);
            QVERIFY2(read, qPrintable(read.message()));
            QCOMPARE(got.events.size(), 3);
            for (int i = 0; i < 3; ++i)
                compareEvents(got.events.at(i), a.at(i));
            QCOMPARE(got.attachments.at(0).content, QByteArray(10000, 'd'));
            QVERIFY(device.atEnd());
        }
    }

    void readerPassesTheDevicesRefusalThrough()
    {
        Fixture fx;
        fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1), itemEvent(2)}));
        auto bytes = fx.write();
        QVERIFY(bytes);
        Trickle device(*bytes, 100, 300);
        Recorder got;
        auto read = PayloadReader(fx.spec.header).read(device, got);
        QVERIFY(!read);
        QCOMPARE(read.status().code(), ErrorCode::Io);
        QCOMPARE(read.message(), QStringLiteral("the payload expands beyond its declared size"));
    }

    void handlersRefusalStopsTheReading()
    {
        Fixture fx;
        fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1), itemEvent(2), itemEvent(3)}));
        auto bytes = fx.write();
        QVERIFY(bytes);
        Recorder got;
        got.failAt = 2;
        auto read = readBytes(*bytes, got, fx.spec.header);
        QVERIFY(!read);
        QCOMPARE(read.status().code(), ErrorCode::Conflict);
        QCOMPARE(read.message(), QStringLiteral("the importer stops here"));
        QCOMPARE(got.events.size(), 2);
        QCOMPARE(got.log, QStringList{QStringLiteral("chain ") + deviceA});
    }

    void informativeSourceIdsOfThePackageAreAccepted()
    {
        Fixture fx;
        fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1), itemEvent(2), itemEvent(3)}));
        auto bytes = fx.write();
        QVERIFY(bytes);
        const QByteArray anchor("MetaDataVersionOID=\"MDV.1.0\"/>");
        QCOMPARE(bytes->count(anchor), 1);
        QByteArray withRecords = *bytes;
        withRecords.replace(anchor, "MetaDataVersionOID=\"MDV.1.0\"><AuditRecords>"
                                    "<AuditRecord ID=\"a\"><SourceID>0123456789abcdef:1</SourceID></AuditRecord>"
                                    "<AuditRecord ID=\"b\"><SourceID> 0123456789abcdef:3 </SourceID></AuditRecord>"
                                    "</AuditRecords></ClinicalData>");
        Recorder got;
        auto read = readBytes(withRecords, got, fx.spec.header);
        QVERIFY2(read, qPrintable(read.message()));
        QCOMPARE(read->sourceIds, 2);
    }

    void readerRefuses_data()
    {
        QTest::addColumn<QByteArray>("find");
        QTest::addColumn<QByteArray>("replace");
        QTest::addColumn<int>("maxEvents");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<bool>("atFind"); // the refusal names the line of `find`
        QTest::addColumn<int>("cut");     // bytes removed after `find` as well

        const QByteArray e2("<cc:E n=\"2\"");
        const QByteArray clinical2("MetaDataVersionOID=\"MDV.1.0\"/>");
        const auto inInformative = [&](const QByteArray &content) {
            return QByteArray("MetaDataVersionOID=\"MDV.1.0\">") + content + "</ClinicalData>";
        };
        const QByteArray hashA(64, 'a');
        QByteArray deep;
        for (int i = 0; i < 11; ++i)
            deep += "<x>";
        for (int i = 0; i < 11; ++i)
            deep += "</x>";
        QByteArray attributes("<cc:E");
        for (int i = 0; i < 70; ++i)
            attributes += " a" + QByteArray::number(i) + "=\"\"";

        QTest::newRow("DOCTYPE") << QByteArray("<ODM") << QByteArray("<!DOCTYPE ODM [<!ENTITY x \"y\">]>\n<ODM") << 0
                                 << QStringLiteral("a DOCTYPE or other declaration is not allowed") << true << 0;
        QTest::newRow("billion laughs")
            << QByteArray("<ODM")
            << QByteArray("<!DOCTYPE ODM [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<ODM")
            << 0 << QStringLiteral("a DOCTYPE or other declaration is not allowed") << true << 0;
        QTest::newRow("undeclared entity") << QByteArray("reason=\"r2\"") << QByteArray("reason=\"&x;\"") << 0
                                           << QStringLiteral("Entity 'x' not declared") << true << 0;
        QTest::newRow("character reference XML cannot carry")
            << QByteArray("reason=\"r2\"") << QByteArray("reason=\"&#1;\"") << 0 << QString() << true << 0;
        QTest::newRow("deeper than 12") << QByteArray("</AdminData>") << deep + "</AdminData>" << 0
                                        << QStringLiteral("elements nest deeper than 12 levels") << true << 0;
        QTest::newRow("attribute value over 1 MiB")
            << QByteArray("reason=\"r2\"") << "reason=\"" + QByteArray((1 << 20) + 1, 'x') + "\"" << 0
            << QStringLiteral("attribute reason of cc:E holds 1048577 bytes, more than 1048576") << true << 0;
        QTest::newRow("attribute value far over, refused before parsing")
            << QByteArray("reason=\"r2\"") << "reason=\"" + QByteArray(7 << 20, 'x') + "\"" << 0
            << QStringLiteral("an attribute value is longer than 1048576 bytes") << true << 0;
        QTest::newRow("too many attributes") << e2 << attributes + " n=\"2\"" << 0
                                             << QStringLiteral("an element has more than 64 attributes") << true << 0;
        QTest::newRow("more events than allowed")
            << QByteArray("<cc:E n=\"3\"") << QByteArray("<cc:E n=\"3\"") << 2
            << QStringLiteral("the package carries more than 2 events") << true << 0;
        QTest::newRow("FileOID differs")
            << QByteArray("FileOID=\"CellCRF/tiny/0123456789abcdef/hub/1\"")
            << QByteArray("FileOID=\"CellCRF/tiny/0123456789abcdef/hub/2\"") << 0
            << QStringLiteral("the root element's FileOID is \"CellCRF/tiny/0123456789abcdef/hub/2\", the package "
                              "header says \"CellCRF/tiny/0123456789abcdef/hub/1\"")
            << true << 0;
        QTest::newRow("PriorFileOID where the header has none")
            << QByteArray("CreationDateTime=") << QByteArray("PriorFileOID=\"x\" CreationDateTime=") << 0
            << QStringLiteral("the root element's PriorFileOID is \"x\", the package header says \"(none)\"") << true
            << 0;
        QTest::newRow("unexpected root attribute")
            << QByteArray("CreationDateTime=") << QByteArray("Description=\"x\" CreationDateTime=") << 0
            << QStringLiteral("the root element has an unexpected attribute Description") << true << 0;
        QTest::newRow("AsOfDateTime missing")
            << QByteArray("AsOfDateTime=\"2026-03-04T05:06:03.000Z\"") << QByteArray() << 0
            << QStringLiteral("the root element lacks AsOfDateTime") << false << 0;
        QTest::newRow("wrong FileType") << QByteArray("\"Transactional\"") << QByteArray("\"Snapshot\"") << 0
                                        << QStringLiteral("FileType is \"Snapshot\"") << true << 0;
        QTest::newRow("other study") << QByteArray("<ClinicalData StudyOID=\"tiny\"")
                                     << QByteArray("<ClinicalData StudyOID=\"peds\"") << 0
                                     << QStringLiteral("ClinicalData names study \"peds\"") << true << 0;
        QTest::newRow("mismatched tag") << QByteArray("</cc:Chain>") << QByteArray("</cc:Chainx>") << 0
                                        << QStringLiteral("Opening and ending tag mismatch") << true << 0;
        QTest::newRow("extension in the informative ClinicalData")
            << clinical2 << inInformative("<cc:Attachment/>") << 0
            << QStringLiteral("extension element cc:Attachment outside the first ClinicalData") << true << 0;
        QTest::newRow("extension in AdminData")
            << QByteArray("</AdminData>") << QByteArray("<cc:Chain/></AdminData>") << 0
            << QStringLiteral("extension element cc:Chain outside the first ClinicalData") << true << 0;
        QTest::newRow("standard data in the normative ClinicalData")
            << QByteArray("<cc:Chain") << QByteArray("<SubjectData SubjectKey=\"x\"/><cc:Chain") << 0
            << QStringLiteral("the first ClinicalData may hold only cc:Attachment and cc:Chain, not SubjectData")
            << true << 0;
        QTest::newRow("third ClinicalData")
            << QByteArray("</ODM>") << QByteArray("<ClinicalData StudyOID=\"tiny\"/></ODM>") << 0
            << QStringLiteral("unexpected element ClinicalData in ODM") << true << 0;
        QTest::newRow("SourceID of another device")
            << clinical2
            << inInformative("<AuditRecords><AuditRecord><SourceID>ffffffffffffffff:1</SourceID>"
                             "</AuditRecord></AuditRecords>")
            << 0 << QStringLiteral("SourceID \"ffffffffffffffff:1\" names no event of this package") << true << 0;
        QTest::newRow("SourceID beyond the chain")
            << clinical2
            << inInformative("<AuditRecords><AuditRecord><SourceID>0123456789abcdef:4</SourceID>"
                             "</AuditRecord></AuditRecords>")
            << 0 << QStringLiteral("SourceID \"0123456789abcdef:4\" names no event of this package") << true << 0;
        QTest::newRow("unknown attribute of cc:E") << e2 << QByteArray("<cc:E colour=\"red\" n=\"2\"") << 0
                                                   << QStringLiteral("unknown attribute colour of cc:E") << true << 0;
        QTest::newRow("attribute of cc:E in a namespace")
            << e2 << QByteArray("<cc:E cc:n=\"7\" n=\"2\"") << 0 << QStringLiteral("unknown attribute cc:n of cc:E")
            << true << 0;
        QTest::newRow("counter gap") << e2 << QByteArray("<cc:E n=\"4\"") << 0
                                     << QStringLiteral("chain 0123456789abcdef: event 4 where event 2 was due") << true
                                     << 0;
        QTest::newRow("counter with a leading zero")
            << e2 << QByteArray("<cc:E n=\"02\"") << 0 << QStringLiteral("cc:E has a malformed n: \"02\"") << true << 0;
        QTest::newRow("utc not canonical")
            << QByteArray("utc=\"2026-03-04T05:06:02.000Z\"") << QByteArray("utc=\"2026-03-04T05:06:02Z\"") << 0
            << QStringLiteral("cc:E has a malformed utc") << true << 0;
        QTest::newRow("offset out of range") << QByteArray(" offset=\"480\"") << QByteArray(" offset=\"900\"") << 0
                                             << QStringLiteral("cc:E has a malformed offset: \"900\"") << true << 0;
        QTest::newRow("cc:E without hash") << QByteArray(" hash=\"") << QByteArray(" hush=\"") << 0
                                           << QStringLiteral("unknown attribute hush of cc:E") << true << 0;
        QTest::newRow("LastHash differs")
            << QByteArray("LastHash=\"") << "LastHash=\"" + hashA << 0
            << QStringLiteral("chain 0123456789abcdef announces LastHash ") + QString(64, QLatin1Char('a')) << false
            << 64;
        QTest::newRow("chain ends early") << QByteArray("To=\"3\"") << QByteArray("To=\"4\"") << 0
                                          << QStringLiteral("chain 0123456789abcdef announces events 1 to 4 but ends "
                                                            "after event 3")
                                          << false << 0;
        QTest::newRow("chain from 1 with another PrevHash")
            << QByteArray("PrevHash=\"0000000000000000000000000000000000000000000000000000000000000000\"")
            << "PrevHash=\"" + hashA + "\"" << 0
            << QStringLiteral("cc:Chain 0123456789abcdef starts at 1 but its PrevHash is not the genesis hash") << true
            << 0;
        QTest::newRow("chain twice") << QByteArray("</ClinicalData>")
                                     << QByteArray("<cc:Chain Device=\"0123456789abcdef\" Scope=\"01\" From=\"4\" "
                                                   "To=\"4\" PrevHash=\"") +
                                            hashA + "\" LastHash=\"" + hashA + "\"/></ClinicalData>"
                                     << 0 << QStringLiteral("chain 0123456789abcdef appears twice") << true << 0;
        QTest::newRow("attachment does not match its hash")
            << QByteArray("SHA256=\"") << QByteArray("SHA256=\"") + hashA << 0
            << QStringLiteral("attachment study_definition 1.1 does not match its SHA256") << false << 64;
        QTest::newRow("unknown attribute of cc:Attachment")
            << QByteArray("SHA256=\"") << QByteArray("Old=\"1\" SHA256=\"") << 0
            << QStringLiteral("unknown attribute Old of cc:Attachment") << true << 0;
        QTest::newRow("cc:E without role")
            << QByteArray(" role=\"nurse\"") << QByteArray() << 0
            << QStringLiteral("cc:E needs n, user, role, utc, offset, action and hash") << true << 0;
        QTest::newRow("attachment after a chain")
            << QByteArray("</ClinicalData>")
            << "<cc:Attachment Kind=\"study_definition\" Id=\"2\" SHA256=\"" + hashA +
                   "\">eA==</cc:Attachment>"
                   "</ClinicalData>"
            << 0 << QStringLiteral("cc:Attachment must come before every cc:Chain") << true << 0;
        QTest::newRow("attachment not base64")
            << QByteArray("\">e30=</cc:Attachment>") << QByteArray("\">e3!0</cc:Attachment>") << 0
            << QStringLiteral("attachment study_definition 1.1 is not base64") << false << 0;
        QTest::newRow("attachment of unknown kind")
            << QByteArray("Kind=\"study_definition\"") << QByteArray("Kind=\"script\"") << 0
            << QStringLiteral("cc:Attachment of unknown kind \"script\"") << true << 0;
        QTest::newRow("declared in another encoding")
            << QByteArray("encoding=\"UTF-8\"") << QByteArray("encoding=\"ISO-8859-1\"") << 0
            << QStringLiteral("the document must declare XML 1.0 in UTF-8") << true << 0;
        QTest::newRow("processing instruction")
            << QByteArray("<AdminData") << QByteArray("<?run me?><AdminData") << 0
            << QStringLiteral("processing instructions are not allowed") << true << 0;
        // QXmlStreamReader decodes before it counts lines: it says line 1.
        QTest::newRow("invalid UTF-8") << QByteArray("reason=\"r2\"") << QByteArray("reason=\"\xff\xfe\"") << 0
                                       << QStringLiteral("Encountered incorrectly encoded content") << false << 0;
        QTest::newRow("text in a chain") << e2 << "junk" + e2 << 0 << QStringLiteral("text where only elements belong")
                                         << true << 0;
        QTest::newRow("element in an event")
            << QByteArray("/>\n<cc:E n=\"2\"") << QByteArray("><x/></cc:E>\n<cc:E n=\"2\"") << 0
            << QStringLiteral("x may not contain elements") << true << 0;
        QTest::newRow("root is not ODM") << QByteArray("<ODM ") << QByteArray("<ODX ") << 0
                                         << QStringLiteral("the root element must be ODM") << true << 0;
        QTest::newRow("truncated") << QByteArray("</ODM>") << QByteArray() << 0
                                   << QStringLiteral("the document ends before its root element is closed") << false
                                   << 0;
        QTest::newRow("content after the root")
            << QByteArray("</ODM>") << QByteArray("</ODM>\n<ODM/>") << 0 << QString() << false << 0;
    }

    void readerRefuses()
    {
        QFETCH(QByteArray, find);
        QFETCH(QByteArray, replace);
        QFETCH(int, maxEvents);
        QFETCH(QString, problem);
        QFETCH(bool, atFind);
        QFETCH(int, cut);

        Fixture fx;
        fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1), itemEvent(2), itemEvent(3)}));
        fx.addAttachment(QString::fromLatin1(attachmentKind::StudyDefinition), QStringLiteral("1.1"), "{}");
        auto written = fx.write();
        QVERIFY(written);
        // The untouched payload reads, with these limits too.
        PayloadLimits limits;
        if (maxEvents > 0)
            limits.maxEvents = maxEvents;
        {
            Recorder got;
            auto read = readBytes(*written, got, fx.spec.header, PayloadLimits{});
            QVERIFY2(read, qPrintable(read.message()));
        }
        QByteArray bytes = *written;
        const qsizetype at = bytes.indexOf(find);
        QVERIFY2(at >= 0, find.constData());
        bytes.replace(at, find.size() + cut, replace);

        Recorder got;
        auto read = readBytes(bytes, got, fx.spec.header, limits);
        QVERIFY(!read);
        QCOMPARE(read.status().code(), ErrorCode::Corrupt);
        QVERIFY2(read.message().startsWith(prefix), qPrintable(read.message()));
        QVERIFY2(read.message().contains(problem), qPrintable(read.message()));
        if (atFind) {
            const QString line = QString::number(lineOf(*written, find)) + QStringLiteral(": ");
            QVERIFY2(read.message().startsWith(prefix + line),
                     qPrintable(read.message() + QStringLiteral(" / ") + line));
        }
    }

    void readerRefusesAnEmptyInput()
    {
        Recorder got;
        auto read = readBytes(QByteArray(), got, PayloadHeader{});
        QVERIFY(!read);
        QCOMPARE(read.message(), prefix + QStringLiteral("1: the document ends before its root element is closed"));
    }

    void readerRefusesALongTextBeforeParsingIt()
    {
        Fixture fx;
        fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1)}));
        auto written = fx.write();
        QVERIFY(written);
        PayloadLimits limits;
        limits.maxAttributeBytes = 1000;
        limits.maxAttachmentBytes = 1000;
        QByteArray bytes = *written;
        bytes.replace("</AdminData>", "<x>" + QByteArray(200000, 'y') + "</x></AdminData>");
        Recorder got;
        auto read = readBytes(bytes, got, fx.spec.header, limits);
        QVERIFY(!read);
        QVERIFY2(read.message().contains(QStringLiteral("a text is longer than %1 bytes").arg(limits.maxTextBytes())),
                 qPrintable(read.message()));
    }

    void readerRefusesRootAttributesOtherThanTheHeaders_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("attribute");
        for (const char *f : {"fileOid", "creationUtc", "asOfUtc", "originator", "sourceSystemVersion"})
            QTest::newRow(f) << QString::fromLatin1(f) << QString();
        QTest::newRow("priorFileOid") << QStringLiteral("priorFileOid") << QStringLiteral("PriorFileOID");
    }

    void readerRefusesRootAttributesOtherThanTheHeaders()
    {
        QFETCH(QString, field);
        Fixture fx;
        fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1)}));
        auto written = fx.write();
        QVERIFY(written);
        PayloadHeader expected = fx.spec.header;
        QString *value = field == QLatin1String("fileOid")               ? &expected.fileOid
                         : field == QLatin1String("creationUtc")         ? &expected.creationUtc
                         : field == QLatin1String("asOfUtc")             ? &expected.asOfUtc
                         : field == QLatin1String("originator")          ? &expected.originator
                         : field == QLatin1String("sourceSystemVersion") ? &expected.sourceSystemVersion
                                                                         : &expected.priorFileOid;
        *value = QStringLiteral("2027-01-01T00:00:00.000Z");
        Recorder got;
        auto read = readBytes(*written, got, expected);
        QVERIFY(!read);
        QVERIFY2(read.message().startsWith(prefix + QStringLiteral("2: the root element")), qPrintable(read.message()));
        QVERIFY(got.events.isEmpty());
    }

    void writerStopsAtACharacterXmlCannotCarry_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("codePoint");
        QTest::newRow("U+0001 in the reason")
            << QStringLiteral("reason") << QStringLiteral("bad \u0001 reason") << QStringLiteral("U+0001");
        QTest::newRow("U+001F in the subject")
            << QStringLiteral("subject") << QStringLiteral("01-\u001f") << QStringLiteral("U+001F");
        QTest::newRow("U+FFFE in the new value")
            << QStringLiteral("new") << QString(QChar(0xFFFE)) << QStringLiteral("U+FFFE");
        QTest::newRow("U+FFFF in the item")
            << QStringLiteral("item") << QString(QChar(0xFFFF)) << QStringLiteral("U+FFFF");
        QTest::newRow("unpaired surrogate in the old value")
            << QStringLiteral("old") << QStringLiteral("x") + QChar(0xD83D) << QStringLiteral("U+D83D");
        QTest::newRow("NUL in the user") << QStringLiteral("user") << QStringLiteral("nurse") + QChar(0)
                                         << QStringLiteral("U+0000");
    }

    void writerStopsAtACharacterXmlCannotCarry()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, codePoint);
        Fixture fx;
        audit::AuditEvent bad = itemEvent(2);
        if (field == QLatin1String("reason"))
            bad.reason = value;
        else if (field == QLatin1String("subject"))
            bad.subjectKey = value;
        else if (field == QLatin1String("new"))
            bad.newValue = value;
        else if (field == QLatin1String("item"))
            bad.itemOid = value;
        else if (field == QLatin1String("old"))
            bad.oldValue = value;
        else
            bad.userName = value;
        fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1), bad, itemEvent(3)}));
        auto bytes = fx.write();
        QVERIFY(!bytes);
        QCOMPARE(bytes.status().code(), ErrorCode::InvalidInput);
        // A user's name is written in AdminData, before any event.
        const QString expected =
            field == QLatin1String("user")
                ? QStringLiteral("The sync payload cannot be written: the name of user nurse\ufffd holds the "
                                 "character %1, which XML 1.0 cannot carry")
                      .arg(codePoint)
                : QStringLiteral("Event 0123456789abcdef:2 cannot travel: its %1 holds the character %2")
                      .arg(field, codePoint);
        QVERIFY2(bytes.message().startsWith(expected), qPrintable(bytes.message()));
    }

    void writerRefusesEventsThatDoNotContinueTheirChain_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("previous hash differs")
            << 0
            << QStringLiteral("Event 0123456789abcdef:2 does not follow the event before it in its chain: the audit "
                              "trail is damaged (run verify).");
        QTest::newRow("an event is missing")
            << 1
            << QStringLiteral("The audit trail handed event 0123456789abcdef:3 where event 0123456789abcdef:2 was "
                              "due.");
        QTest::newRow("id is not device and counter")
            << 2 << QStringLiteral("The audit trail handed event elsewhere:2 where event 0123456789abcdef:2 was due.");
        QTest::newRow("the chain ends early")
            << 3 << QStringLiteral("Chain 0123456789abcdef was to run from event 1 to event 3");
        QTest::newRow("hash malformed") << 4
                                        << QStringLiteral("Event 0123456789abcdef:2 cannot travel: its hash is "
                                                          "malformed.");
    }

    void writerRefusesEventsThatDoNotContinueTheirChain()
    {
        QFETCH(int, damage);
        QFETCH(QString, message);
        Fixture fx;
        QList<audit::AuditEvent> events = chained(deviceA, {itemEvent(1), itemEvent(2), itemEvent(3)});
        fx.addChain(QStringLiteral("01"), events);
        QList<audit::AuditEvent> &held = fx.source.chains[deviceA];
        switch (damage) {
        case 0:
            held[1].prevHash = QString(64, QLatin1Char('e'));
            break;
        case 1:
            held.removeAt(1);
            break;
        case 2:
            held[1].eventId = QStringLiteral("elsewhere:2");
            break;
        case 3:
            held.removeLast();
            break;
        default:
            held[1].hash = held[1].hash.toUpper();
            held[2].prevHash = held[1].hash;
            break;
        }
        auto bytes = fx.write();
        QVERIFY(!bytes);
        QCOMPARE(bytes.status().code(), ErrorCode::Corrupt);
        QVERIFY2(bytes.message().startsWith(message), qPrintable(bytes.message()));
    }

    void writerRefusesWhatTheHeaderMisstates()
    {
        {
            Fixture fx;
            fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1), itemEvent(2)}));
            fx.spec.header.asOfUtc = QStringLiteral("2026-03-04T05:06:01.000Z");
            auto bytes = fx.write();
            QVERIFY(!bytes);
            QCOMPARE(bytes.message(), QStringLiteral("The sync payload says its newest event is of "
                                                     "2026-03-04T05:06:01.000Z, but the newest it carries is of "
                                                     "2026-03-04T05:06:02.000Z."));
        }
        {
            Fixture fx;
            fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1)}));
            fx.spec.users.clear();
            auto bytes = fx.write();
            QVERIFY(!bytes);
            QCOMPARE(bytes.message(), QStringLiteral("Event 0123456789abcdef:1 names user nurse, who is not in the "
                                                     "payload's AdminData."));
        }
        {
            Fixture fx;
            fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1)}));
            fx.spec.header.creationUtc = QStringLiteral("2026-03-04T05:06:00.000Z");
            auto bytes = fx.write();
            QVERIFY(!bytes);
            QVERIFY2(bytes.message().contains(QStringLiteral("no later than the creation time")),
                     qPrintable(bytes.message()));
        }
        {
            Fixture fx;
            fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1)}));
            fx.addAttachment(QString::fromLatin1(attachmentKind::StudyDefinition), QStringLiteral("1.1"), "{}");
            fx.spec.attachments[0].content = "{ }";
            auto bytes = fx.write();
            QVERIFY(!bytes);
            QVERIFY2(bytes.message().contains(QStringLiteral("does not match its SHA-256")),
                     qPrintable(bytes.message()));
        }
    }

    void writerRefusesWhatAReaderWouldRefuse()
    {
        {
            Fixture fx;
            audit::AuditEvent big = itemEvent(1);
            big.reason = QString((1 << 20) + 1, QLatin1Char('x'));
            fx.addChain(QStringLiteral("01"), chained(deviceA, {big}));
            auto bytes = fx.write();
            QVERIFY(!bytes);
            QCOMPARE(bytes.message(), QStringLiteral("Event 0123456789abcdef:1 cannot travel: its reason holds 1048577 "
                                                     "bytes, more than the 1048576 a package may carry in one value."));
        }
        {
            Fixture fx;
            fx.addChain(QStringLiteral("01"), chained(deviceA, {itemEvent(1), itemEvent(2), itemEvent(3)}));
            PayloadLimits limits;
            limits.maxEvents = 2;
            auto bytes = fx.write(limits);
            QVERIFY(!bytes);
            QCOMPARE(bytes.message(), QStringLiteral("The sync payload cannot be written: 3 events are more than one "
                                                     "package may carry (2)"));
        }
    }

    void limitsAreTheSpecifications()
    {
        const PayloadLimits limits;
        QCOMPARE(limits.maxDepth, 12);
        QCOMPARE(limits.maxAttributeBytes, 1 << 20);
        QCOMPARE(limits.maxEvents, 5'000'000);
    }

    void demoStorePayloadValidatesWithXmllint()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("xmllint")).isEmpty())
            QSKIP("xmllint is not installed (Debian package libxml2-utils)");
        if (!QFile::exists(QDir(test::sharedDir()).filePath(QStringLiteral("schemas/odm-1.3.2/ODM1-3-2.xsd"))))
            QSKIP("the ODM 1.3.2 schemas are not beside the sources (../shared/schemas)");
        QTemporaryDir dir;
        auto demo =
            demo::createDemoDatabase(dir.filePath(QStringLiteral("demo.ccrf")), {QStringLiteral("s1904"), 8, 1});
        QVERIFY2(demo, qPrintable(demo.message()));
        store::Database &db = (*demo)->database();
        const study::Study &study = (*demo)->study();
        const QString device = db.meta(QStringLiteral("device_id"));
        store::Query last(db, QStringLiteral("SELECT max(device_counter) FROM audit_event WHERE device_id = ?"));
        last.bind(device);
        QVERIFY(last.exec() && last.next());
        const qint64 count = last.integer(0);
        QVERIFY(count > 100);

        StoreChainEvents source(db);
        auto chain = source.chain(device, QStringLiteral("site"), 1, count);
        QVERIFY2(chain, qPrintable(chain.message()));
        auto facts = source.facts({*chain});
        QVERIFY2(facts, qPrintable(facts.message()));
        QCOMPARE(facts->events, count);
        QVERIFY(!source.chain(device, QStringLiteral("site"), 1, count + 1));

        PayloadSpec spec;
        spec.header.studyOid = study.oid;
        spec.header.fileOid = QStringLiteral("CellCRF/%1/%2/hub/1").arg(study.oid, device);
        spec.header.creationUtc = facts->newestUtc;
        spec.header.asOfUtc = facts->newestUtc;
        spec.header.originator = device;
        spec.header.sourceSystemVersion = QStringLiteral(CELLCRF_VERSION);
        spec.withMetaData = true;
        spec.users = facts->users;
        spec.chains << *chain;
        QFile definition(QDir(test::studyDir(QStringLiteral("s1904"))).filePath(QStringLiteral("study.json")));
        QVERIFY(definition.open(QIODevice::ReadOnly));
        const QByteArray definitionBytes = definition.readAll();
        spec.attachments << PayloadAttachment{
            QString::fromLatin1(attachmentKind::StudyDefinition), study.version,
            QString::fromLatin1(QCryptographicHash::hash(definitionBytes, QCryptographicHash::Sha256).toHex()),
            definitionBytes};

        const QString payload = dir.filePath(QStringLiteral("payload.xml"));
        QFile out(payload);
        QVERIFY(out.open(QIODevice::WriteOnly));
        auto written = PayloadWriter(db, study).write(out, spec, source);
        QVERIFY2(written, qPrintable(written.message()));
        out.close();
        QCOMPARE(written->events, count);
        QCOMPARE(written->subjects, 8);
        QVERIFY(written->informativeItems > 100);

        const QString schemas = schemaFolder(dir);
        const QString extension = QDir(schemas).filePath(QStringLiteral("cellcrf-sync-1.xsd"));
        const QString plain = QDir(schemas).filePath(QStringLiteral("ODM1-3-2.xsd"));
        const QString valid = xmllint(extension, payload);
        QVERIFY2(valid.isEmpty(), qPrintable(valid));
        // The plain schema knows nothing of the extension: it must refuse it.
        const QString refused = xmllint(plain, payload);
        QVERIFY2(refused.contains(QStringLiteral("{urn:cellcrf:odm:sync:1}")), qPrintable(refused));

        // Stripped of the extension, the payload is a standard transactional ODM file.
        QFile in(payload);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        const QByteArray stripped = stripExtension(bytes);
        QVERIFY(!stripped.isEmpty());
        QVERIFY(!stripped.contains("<cc:"));
        QCOMPARE(stripped.count("<ItemData "), written->informativeItems);
        const QString strippedFile = dir.filePath(QStringLiteral("stripped.xml"));
        QVERIFY(writeFile(strippedFile, stripped));
        const QString standard = xmllint(plain, strippedFile);
        QVERIFY2(standard.isEmpty(), qPrintable(standard));

        // The extension schema checks the extension: a malformed hash fails it.
        QByteArray broken = bytes;
        const qsizetype at = broken.indexOf(" hash=\"") + 7;
        broken.replace(at, 64, QByteArray(64, 'Z'));
        const QString brokenFile = dir.filePath(QStringLiteral("broken.xml"));
        QVERIFY(writeFile(brokenFile, broken));
        QVERIFY(xmllint(extension, brokenFile).contains(QStringLiteral("'hash'")));

        // The reader gets every event of the store back, and the chain verifies.
        Recorder got;
        auto read = readBytes(bytes, got, spec.header);
        QVERIFY2(read, qPrintable(read.message()));
        QCOMPARE(qint64(got.events.size()), count);
        // Every transaction of the informative view names its event, and the reader checked each.
        QCOMPARE(read->sourceIds, stripped.count("<SourceID>"));
        QVERIFY(read->sourceIds >= written->informativeItems);
        QCOMPARE(got.attachments.at(0).content, definitionBytes);
        qint64 n = 0;
        QString prev = chainGenesisHash();
        const Status same = source.forEachEvent(*chain, [&](const audit::AuditEvent &stored) -> Status {
            const audit::AuditEvent &e = got.events.at(n++);
            compareEvents(e, stored);
            if (e.prevHash != prev || e.computeHash() != e.hash)
                return Status::error(ErrorCode::Corrupt, e.eventId);
            prev = e.hash;
            return Status::ok();
        });
        QVERIFY2(same, qPrintable(same.message()));
        QCOMPARE(n, count);
    }
};

QTEST_GUILESS_MAIN(TestSyncPayload)
#include "tst_syncpayload.moc"
