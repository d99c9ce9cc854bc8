// Enrolment documents (SYNC.md §2.3): the request and the welcome are signed
// over their compact JSON without `sig`; any change is refused; a document
// re-signed by someone else passes its signature but not the fingerprint a
// person compares.

#include "sync/enrolment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <sodium.h>

using namespace cellcrf;
using namespace cellcrf::sync;

namespace {

DeviceKeys generated(const QString &device)
{
    Result<DeviceKeys> k = DeviceKeys::generate(device);
    Q_ASSERT(k.isOk());
    return std::move(k).value();
}

const QString Hash = QString(64, QLatin1Char('a'));

// Sets a value at a dotted path ("chain.counter", "hub.key_id").
void setAt(QJsonObject &o, const QString &path, const QJsonValue &v)
{
    const qsizetype dot = path.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        if (v.isUndefined())
            o.remove(path);
        else
            o.insert(path, v);
        return;
    }
    QJsonObject inner = o.value(path.left(dot)).toObject();
    setAt(inner, path.mid(dot + 1), v);
    o.insert(path.left(dot), inner);
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Signs a document the way the specification says, independently of the code under test.
QJsonObject resigned(QJsonObject o, const DeviceKeys &keys)
{
    o.remove(QStringLiteral("sig"));
    const QByteArray message = compact(o);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char *>(message.constData()),
                         quint64(message.size()), keys.signSecretKey().data());
    o.insert(QStringLiteral("sig"),
             QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(sig), sizeof sig).toBase64()));
    return o;
}

} // namespace

class TestEnrolment : public QObject
{
    Q_OBJECT

    std::optional<DeviceKeys> m_site;
    std::optional<DeviceKeys> m_hub;
    std::optional<DeviceKeys> m_intruder;

    EnrolmentRequest request() const
    {
        Result<EnrolmentRequest> r =
            EnrolmentRequest::create(*m_site, QStringLiteral("s1904"), QStringLiteral("01"), QStringLiteral("ws1"),
                                     QStringLiteral("2024-05-01T10:00:00.000Z"), ChainMark{12, Hash});
        Q_ASSERT(r.isOk());
        return *r;
    }

    EnrolmentWelcome welcome() const
    {
        const QString hub = m_hub->deviceId();
        Result<EnrolmentWelcome> w =
            EnrolmentWelcome::create(*m_hub, request(), {hub + QStringLiteral("-01"), hub + QStringLiteral("-study")},
                                     QStringLiteral("admin"), QStringLiteral("2024-05-02T08:30:00.000Z"));
        Q_ASSERT(w.isOk());
        return *w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        m_site.emplace(generated(QStringLiteral("a1b2c3d4e5f60718")));
        m_hub.emplace(generated(QStringLiteral("0011223344556677")));
        m_intruder.emplace(generated(QStringLiteral("a1b2c3d4e5f60718")));
    }

    void request_roundTripInTheSpecifiedForm()
    {
        const EnrolmentRequest r = request();
        const QByteArray bytes = r.toFileBytes();
        const QJsonObject o = QJsonDocument::fromJson(bytes).object();
        const QStringList keys{QStringLiteral("box_pk"), QStringLiteral("chain"),   QStringLiteral("created_utc"),
                               QStringLiteral("device"), QStringLiteral("format"),  QStringLiteral("name"),
                               QStringLiteral("sig"),    QStringLiteral("sign_pk"), QStringLiteral("site"),
                               QStringLiteral("study")};
        QCOMPARE(o.keys(), keys);
        QCOMPARE(o.value(QLatin1String("format")).toString(), QStringLiteral("cellcrf-enrol-request/1"));
        QCOMPARE(o.value(QLatin1String("device")).toString(), m_site->deviceId());
        QCOMPARE(o.value(QLatin1String("chain")).toObject().value(QLatin1String("counter")).toInt(), 12);
        QCOMPARE(bytes, compact(o) + '\n');

        // The signature is plain Ed25519 over the compact JSON without sig.
        QJsonObject unsignedDoc = o;
        unsignedDoc.remove(QStringLiteral("sig"));
        const QByteArray message = compact(unsignedDoc);
        const QByteArray sig = QByteArray::fromBase64(o.value(QLatin1String("sig")).toString().toLatin1());
        QCOMPARE(sig.size(), 64);
        QCOMPARE(crypto_sign_verify_detached(
                     reinterpret_cast<const unsigned char *>(sig.constData()),
                     reinterpret_cast<const unsigned char *>(message.constData()), quint64(message.size()),
                     reinterpret_cast<const unsigned char *>(m_site->publicKeys().signPk.constData())),
                 0);

        Result<EnrolmentRequest> parsed = EnrolmentRequest::parse(bytes);
        QVERIFY2(parsed.isOk(), qPrintable(parsed.message()));
        QCOMPARE(parsed->keys, m_site->publicKeys());
        QCOMPARE(parsed->study, QStringLiteral("s1904"));
        QCOMPARE(parsed->site, QStringLiteral("01"));
        QCOMPARE(parsed->name, QStringLiteral("ws1"));
        QCOMPARE(parsed->chain, (ChainMark{12, Hash}));
        QCOMPARE(parsed->fingerprint(), m_site->fingerprint());
        // Any layout of the same JSON reads the same: the signature covers values, not whitespace.
        QVERIFY(EnrolmentRequest::parse(QJsonDocument(o).toJson(QJsonDocument::Indented)).isOk());
    }

    void request_refusesAnyChange_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        const QString mismatch = QStringLiteral("the request's signature does not match: the file was altered or "
                                                "damaged");
        const auto damaged = [](const char *f) {
            return QStringLiteral("the enrolment request is damaged: field %1 is missing or wrong")
                .arg(QLatin1String(f));
        };
        QTest::newRow("study") << QStringLiteral("study") << QJsonValue(QStringLiteral("s1905")) << mismatch;
        QTest::newRow("site") << QStringLiteral("site") << QJsonValue(QStringLiteral("02")) << mismatch;
        QTest::newRow("name") << QStringLiteral("name") << QJsonValue(QStringLiteral("ws2")) << mismatch;
        QTest::newRow("device") << QStringLiteral("device") << QJsonValue(QStringLiteral("a1b2c3d4e5f60719"))
                                << mismatch;
        QTest::newRow("created_utc") << QStringLiteral("created_utc")
                                     << QJsonValue(QStringLiteral("2024-05-01T10:00:01.000Z")) << mismatch;
        QTest::newRow("chain.counter") << QStringLiteral("chain.counter") << QJsonValue(13) << mismatch;
        QTest::newRow("chain.hash") << QStringLiteral("chain.hash") << QJsonValue(QString(64, QLatin1Char('b')))
                                    << mismatch;
        QTest::newRow("study missing") << QStringLiteral("study") << QJsonValue(QJsonValue::Undefined)
                                       << damaged("study");
        QTest::newRow("site missing") << QStringLiteral("site") << QJsonValue(QJsonValue::Undefined) << damaged("site");
        QTest::newRow("name a number") << QStringLiteral("name") << QJsonValue(7) << damaged("name");
        QTest::newRow("device not hex") << QStringLiteral("device") << QJsonValue(QStringLiteral("A1B2C3D4E5F60718"))
                                        << damaged("device");
        QTest::newRow("sign_pk short") << QStringLiteral("sign_pk") << QJsonValue(QStringLiteral("AAAA"))
                                       << damaged("sign_pk");
        QTest::newRow("box_pk missing") << QStringLiteral("box_pk") << QJsonValue(QJsonValue::Undefined)
                                        << damaged("box_pk");
        QTest::newRow("created_utc local")
            << QStringLiteral("created_utc") << QJsonValue(QStringLiteral("2024-05-01T10:00:00"))
            << damaged("created_utc");
        QTest::newRow("chain.counter negative")
            << QStringLiteral("chain.counter") << QJsonValue(-1) << damaged("chain");
        QTest::newRow("chain.hash short")
            << QStringLiteral("chain.hash") << QJsonValue(QStringLiteral("abc")) << damaged("chain");
        QTest::newRow("sig missing") << QStringLiteral("sig") << QJsonValue(QJsonValue::Undefined) << damaged("sig");
        QTest::newRow("sig short") << QStringLiteral("sig") << QJsonValue(QStringLiteral("AAAA")) << damaged("sig");
        QTest::newRow("format welcome") << QStringLiteral("format")
                                        << QJsonValue(QStringLiteral("cellcrf-enrol-welcome/1"))
                                        << QStringLiteral("this is an enrolment welcome, not an enrolment request");
        QTest::newRow("format newer") << QStringLiteral("format")
                                      << QJsonValue(QStringLiteral("cellcrf-enrol-request/2"))
                                      << QStringLiteral("this enrolment request was made by a newer CellCRF "
                                                        "(cellcrf-enrol-request/2)");
        QTest::newRow("format other") << QStringLiteral("format") << QJsonValue(QStringLiteral("something/1"))
                                      << QStringLiteral("not a CellCRF enrolment request (format something/1)");
        QTest::newRow("format missing") << QStringLiteral("format") << QJsonValue(QJsonValue::Undefined)
                                        << QStringLiteral("not a CellCRF enrolment request");
    }

    void request_refusesAnyChange()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject o = request().toJson();
        setAt(o, field, value);
        Result<EnrolmentRequest> r = EnrolmentRequest::parse(compact(o));
        QVERIFY(!r.isOk());
        QCOMPARE(r.message(), message);
    }

    void request_refusesAFlippedSignatureAndNonJson()
    {
        QJsonObject o = request().toJson();
        QByteArray sig = QByteArray::fromBase64(o.value(QLatin1String("sig")).toString().toLatin1());
        sig[5] = char(sig[5] ^ 0x20);
        o.insert(QStringLiteral("sig"), QString::fromLatin1(sig.toBase64()));
        QCOMPARE(EnrolmentRequest::parse(compact(o)).message(),
                 QStringLiteral("the request's signature does not match: the file was altered or damaged"));
        QCOMPARE(EnrolmentRequest::parse("not json at all").message(),
                 QStringLiteral("not a CellCRF enrolment request"));
        QCOMPARE(EnrolmentRequest::parse(QByteArray()).message(), QStringLiteral("not a CellCRF enrolment request"));
        QCOMPARE(EnrolmentRequest::parse(request().toFileBytes().chopped(10)).message(),
                 QStringLiteral("not a CellCRF enrolment request"));
    }

    // Someone who swaps in their own keys and signs again makes a valid
    // document: the fingerprint read out by phone is what stops it.
    void request_resignedByAnIntruderFailsTheFingerprint()
    {
        QJsonObject o = request().toJson();
        o.insert(QStringLiteral("sign_pk"), QString::fromLatin1(m_intruder->publicKeys().signPk.toBase64()));
        o.insert(QStringLiteral("box_pk"), QString::fromLatin1(m_intruder->publicKeys().boxPk.toBase64()));
        o = resigned(o, *m_intruder);
        Result<EnrolmentRequest> parsed = EnrolmentRequest::parse(compact(o));
        QVERIFY2(parsed.isOk(), qPrintable(parsed.message()));
        const Status refused = parsed->checkFingerprint(m_site->fingerprint());
        QVERIFY(!refused.isOk());
        QCOMPARE(refused.message(), QStringLiteral("fingerprint does not match: do not register this file"));
        QVERIFY(parsed->checkFingerprint(m_intruder->fingerprint()).isOk());
    }

    void request_checkFingerprint_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("message"); // empty: accepted
        QTest::newRow("as printed") << QStringLiteral("%fp") << QString();
        QTest::newRow("without dashes") << QStringLiteral("%plain") << QString();
        QTest::newRow("lower case") << QStringLiteral("%lower") << QString();
        QTest::newRow("one character wrong")
            << QStringLiteral("%wrong") << QStringLiteral("fingerprint does not match: do not register this file");
        QTest::newRow("first 28 characters")
            << QStringLiteral("%short")
            << QStringLiteral("a fingerprint has 32 characters; 28 were given: compare all of them");
        QTest::newRow("another device's")
            << QStringLiteral("%other") << QStringLiteral("fingerprint does not match: do not register this file");
    }

    void request_checkFingerprint()
    {
        QFETCH(QString, typed);
        QFETCH(QString, message);
        const EnrolmentRequest r = request();
        const QString fp = r.fingerprint();
        QString plain = fp;
        plain.remove(QLatin1Char('-'));
        QString wrong = fp;
        wrong[0] = wrong[0] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        if (typed == QLatin1String("%fp"))
            typed = fp;
        else if (typed == QLatin1String("%plain"))
            typed = plain;
        else if (typed == QLatin1String("%lower"))
            typed = fp.toLower();
        else if (typed == QLatin1String("%wrong"))
            typed = wrong;
        else if (typed == QLatin1String("%short"))
            typed = plain.left(28);
        else if (typed == QLatin1String("%other"))
            typed = m_hub->fingerprint();
        const Status s = r.checkFingerprint(typed);
        QCOMPARE(s.isOk(), message.isEmpty());
        QCOMPARE(s.message(), message);
    }

    void welcome_roundTripInTheSpecifiedForm()
    {
        const EnrolmentWelcome w = welcome();
        const QByteArray bytes = w.toFileBytes();
        const QJsonObject o = QJsonDocument::fromJson(bytes).object();
        const QStringList keys{
            QStringLiteral("chains"), QStringLiteral("device"),        QStringLiteral("format"),
            QStringLiteral("hub"),    QStringLiteral("registered_by"), QStringLiteral("registered_utc"),
            QStringLiteral("sig"),    QStringLiteral("site"),          QStringLiteral("study")};
        QCOMPARE(o.keys(), keys);
        QCOMPARE(o.value(QLatin1String("format")).toString(), QStringLiteral("cellcrf-enrol-welcome/1"));
        const QJsonObject hub = o.value(QLatin1String("hub")).toObject();
        QCOMPARE(hub.value(QLatin1String("device")).toString(), m_hub->deviceId());
        QCOMPARE(hub.value(QLatin1String("key_id")).toString(), m_hub->keyId());
        QCOMPARE(o.value(QLatin1String("device")).toString(), m_site->deviceId());
        QCOMPARE(o.value(QLatin1String("chains")).toArray().size(), 2);

        Result<EnrolmentWelcome> parsed = EnrolmentWelcome::parse(bytes);
        QVERIFY2(parsed.isOk(), qPrintable(parsed.message()));
        QCOMPARE(parsed->hub, m_hub->publicKeys());
        QCOMPARE(parsed->chains, (QStringList{m_hub->deviceId() + QStringLiteral("-01"),
                                              m_hub->deviceId() + QStringLiteral("-study")}));
        QCOMPARE(parsed->registeredBy, QStringLiteral("admin"));
        QVERIFY(parsed->checkHubFingerprint(m_hub->fingerprint()).isOk());
        QVERIFY(parsed->checkHubFingerprint(m_hub->fingerprint().remove(QLatin1Char('-')).toLower()).isOk());
        QVERIFY(parsed->checkAddressedTo(QStringLiteral("s1904"), QStringLiteral("01"), m_site->deviceId()).isOk());
        QCOMPARE(parsed->checkAddressedTo(QStringLiteral("s1904"), QStringLiteral("02"), m_site->deviceId()).message(),
                 QStringLiteral("this welcome registers device %1 of site 01 in study s1904, not this database "
                                "(device %1 of site 02 in study s1904)")
                     .arg(m_site->deviceId()));
    }

    void welcome_refusesAnyChange_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        const QString mismatch = QStringLiteral("the welcome's signature does not match: the file was altered or "
                                                "damaged");
        const auto damaged = [](const char *f) {
            return QStringLiteral("the enrolment welcome is damaged: field %1 is missing or wrong")
                .arg(QLatin1String(f));
        };
        QTest::newRow("study") << QStringLiteral("study") << QJsonValue(QStringLiteral("s1905")) << mismatch;
        QTest::newRow("site") << QStringLiteral("site") << QJsonValue(QStringLiteral("02")) << mismatch;
        QTest::newRow("device") << QStringLiteral("device") << QJsonValue(QStringLiteral("ffffffffffffffff"))
                                << mismatch;
        QTest::newRow("chains") << QStringLiteral("chains")
                                << QJsonValue(QJsonArray{QStringLiteral("0011223344556677-02")}) << mismatch;
        QTest::newRow("registered_by") << QStringLiteral("registered_by") << QJsonValue(QStringLiteral("eve"))
                                       << mismatch;
        QTest::newRow("registered_utc") << QStringLiteral("registered_utc")
                                        << QJsonValue(QStringLiteral("2024-05-03T08:30:00.000Z")) << mismatch;
        QTest::newRow("hub.key_id") << QStringLiteral("hub.key_id") << QJsonValue(QStringLiteral("0000000000000000"))
                                    << damaged("hub.key_id");
        QTest::newRow("hub.device") << QStringLiteral("hub.device") << QJsonValue(QStringLiteral("0011223344556678"))
                                    << damaged("hub.key_id");
        QTest::newRow("hub.sign_pk missing")
            << QStringLiteral("hub.sign_pk") << QJsonValue(QJsonValue::Undefined) << damaged("hub.sign_pk");
        QTest::newRow("chains not a list")
            << QStringLiteral("chains") << QJsonValue(QStringLiteral("x")) << damaged("chains");
        QTest::newRow("chain with a colon")
            << QStringLiteral("chains") << QJsonValue(QJsonArray{QStringLiteral("0011223344556677:1")})
            << damaged("chains");
        QTest::newRow("registered_by missing")
            << QStringLiteral("registered_by") << QJsonValue(QJsonValue::Undefined) << damaged("registered_by");
        QTest::newRow("a request") << QStringLiteral("format") << QJsonValue(QStringLiteral("cellcrf-enrol-request/1"))
                                   << QStringLiteral("this is an enrolment request, not an enrolment welcome");
    }

    void welcome_refusesAnyChange()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject o = welcome().toJson();
        setAt(o, field, value);
        Result<EnrolmentWelcome> w = EnrolmentWelcome::parse(compact(o));
        QVERIFY(!w.isOk());
        QCOMPARE(w.message(), message);
    }

    // A welcome made with other keys than the hub's (consistent key id, valid
    // signature) is stopped by the fingerprint of the site-initiation sheet.
    void welcome_fromAnotherHubFailsTheFingerprint()
    {
        Result<EnrolmentWelcome> fake =
            EnrolmentWelcome::create(*m_intruder, request(), {m_intruder->deviceId() + QStringLiteral("-01")},
                                     QStringLiteral("admin"), QStringLiteral("2024-05-02T08:30:00.000Z"));
        QVERIFY(fake.isOk());
        Result<EnrolmentWelcome> parsed = EnrolmentWelcome::parse(fake->toFileBytes());
        QVERIFY(parsed.isOk());
        QCOMPARE(parsed->checkHubFingerprint(m_hub->fingerprint()).message(),
                 QStringLiteral("fingerprint does not match: this welcome is not from the study's hub; do not accept "
                                "it"));
    }

    void create_refusesWhatAReaderWouldRefuse()
    {
        Result<EnrolmentRequest> r =
            EnrolmentRequest::create(*m_site, QString(), QStringLiteral("01"), QStringLiteral("ws1"),
                                     QStringLiteral("2024-05-01T10:00:00.000Z"), ChainMark{0, Hash});
        QVERIFY(!r.isOk());
        QCOMPARE(r.message(), QStringLiteral("cannot make the request: the enrolment request is damaged: field study "
                                             "is missing or wrong"));
    }
};

QTEST_GUILESS_MAIN(TestEnrolment)
#include "tst_enrolment.moc"
