#include "sync/enrolment.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace cellcrf::sync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::sync::Enrolment", text);
}

// An enrolment document is a few hundred bytes; anything far larger is not one.
constexpr qsizetype MaxDocumentBytes = 1024 * 1024;

bool matches(const QString &s, const char *pattern)
{
    return QRegularExpression(QLatin1String(pattern)).match(s).hasMatch();
}

bool isDeviceId(const QString &s)
{
    return matches(s, "^[0-9a-f]{16}$");
}

bool isUtc(const QString &s)
{
    return s.endsWith(QLatin1Char('Z')) && QDateTime::fromString(s, Qt::ISODateWithMs).isValid();
}

QByteArray signedBytes(QJsonObject document)
{
    document.remove(QStringLiteral("sig"));
    return QJsonDocument(document).toJson(QJsonDocument::Compact);
}

QByteArray fileBytes(const QJsonObject &document)
{
    return QJsonDocument(document).toJson(QJsonDocument::Compact) + '\n';
}

// Parses an enrolment document: a JSON object of the expected format.
Result<QJsonObject> parseDocument(const QByteArray &bytes, const char *expected, const QString &what)
{
    QJsonParseError error{};
    const QJsonDocument document =
        bytes.size() > MaxDocumentBytes ? QJsonDocument() : QJsonDocument::fromJson(bytes, &error);
    const QString format = document.object().value(QLatin1String("format")).toString();
    if (error.error != QJsonParseError::NoError || !document.isObject() || format.isEmpty())
        return Status::error(ErrorCode::NotCellCrfFile, tr("not a CellCRF %1").arg(what));
    if (format == QLatin1String(expected))
        return document.object();
    if (format == QLatin1String(EnrolmentRequestFormat))
        return Status::error(ErrorCode::InvalidInput, tr("this is an enrolment request, not an %1").arg(what));
    if (format == QLatin1String(EnrolmentWelcomeFormat))
        return Status::error(ErrorCode::InvalidInput, tr("this is an enrolment welcome, not an %1").arg(what));
    if (format.startsWith(QLatin1String(expected).chopped(1)))
        return Status::error(ErrorCode::TooNew, tr("this %1 was made by a newer CellCRF (%2)").arg(what, format));
    return Status::error(ErrorCode::NotCellCrfFile, tr("not a CellCRF %1 (format %2)").arg(what, format));
}

Status badField(const QString &what, const QString &field)
{
    return Status::error(ErrorCode::InvalidInput,
                         tr("the %1 is damaged: field %2 is missing or wrong").arg(what, field));
}

Status checkTyped(const QString &typed, const QString &actual, const QString &refusal)
{
    Result<QString> normalized = normalizeFingerprint(typed);
    if (!normalized)
        return normalized.status();
    if (*normalized != actual)
        return Status::error(ErrorCode::AuthenticationFailed, refusal);
    return Status::ok();
}

} // namespace

// ---- EnrolmentRequest ----

Result<EnrolmentRequest> EnrolmentRequest::create(const DeviceKeys &keys, const QString &study, const QString &site,
                                                  const QString &name, const QString &createdUtc,
                                                  const ChainMark &chain)
{
    EnrolmentRequest r;
    r.study = study;
    r.site = site;
    r.keys = keys.publicKeys();
    r.name = name;
    r.createdUtc = createdUtc;
    r.chain = chain;
    r.signature = keys.signDetached(signedBytes(r.toJson()));
    // Checked as a reader will check it, so that a bad field fails here and not at the hub.
    if (Result<EnrolmentRequest> check = parse(r.toFileBytes()); !check)
        return Status::error(ErrorCode::InvalidInput, tr("cannot make the request: %1").arg(check.message()));
    return r;
}

Result<EnrolmentRequest> EnrolmentRequest::parse(const QByteArray &bytes)
{
    const QString what = tr("enrolment request");
    Result<QJsonObject> parsed = parseDocument(bytes, EnrolmentRequestFormat, what);
    if (!parsed)
        return parsed.status();
    const QJsonObject &o = *parsed;
    EnrolmentRequest r;
    r.study = o.value(QLatin1String("study")).toString();
    r.site = o.value(QLatin1String("site")).toString();
    r.name = o.value(QLatin1String("name")).toString();
    r.createdUtc = o.value(QLatin1String("created_utc")).toString();
    const QString device = o.value(QLatin1String("device")).toString();
    if (r.study.isEmpty())
        return badField(what, QStringLiteral("study"));
    if (r.site.isEmpty())
        return badField(what, QStringLiteral("site"));
    if (!isDeviceId(device))
        return badField(what, QStringLiteral("device"));
    if (!o.value(QLatin1String("name")).isString())
        return badField(what, QStringLiteral("name"));
    r.keys = PublicKeys{device, decodeBase64Exactly(o.value(QLatin1String("sign_pk")).toString(), SignPublicKeyBytes),
                        decodeBase64Exactly(o.value(QLatin1String("box_pk")).toString(), BoxPublicKeyBytes)};
    if (r.keys.signPk.isEmpty())
        return badField(what, QStringLiteral("sign_pk"));
    if (r.keys.boxPk.isEmpty())
        return badField(what, QStringLiteral("box_pk"));
    if (!isUtc(r.createdUtc))
        return badField(what, QStringLiteral("created_utc"));
    const QJsonObject chain = o.value(QLatin1String("chain")).toObject();
    const QJsonValue counter = chain.value(QLatin1String("counter"));
    r.chain.hash = chain.value(QLatin1String("hash")).toString();
    if (!counter.isDouble() || counter.toDouble() < 0 || counter.toDouble() != std::floor(counter.toDouble()) ||
        counter.toDouble() > 9007199254740992.0 || !matches(r.chain.hash, "^[0-9a-f]{64}$"))
        return badField(what, QStringLiteral("chain"));
    r.chain.counter = qint64(counter.toDouble());
    r.signature = decodeBase64Exactly(o.value(QLatin1String("sig")).toString(), SignatureBytes);
    if (r.signature.isEmpty())
        return badField(what, QStringLiteral("sig"));
    if (!verifyDetached(signedBytes(o), r.signature, r.keys.signPk))
        return Status::error(ErrorCode::Corrupt,
                             tr("the request's signature does not match: the file was altered or damaged"));
    return r;
}

QJsonObject EnrolmentRequest::toJson() const
{
    return QJsonObject{
        {QStringLiteral("format"), QLatin1String(EnrolmentRequestFormat)},
        {QStringLiteral("study"), study},
        {QStringLiteral("site"), site},
        {QStringLiteral("device"), keys.device},
        {QStringLiteral("name"), name},
        {QStringLiteral("sign_pk"), QString::fromLatin1(keys.signPk.toBase64())},
        {QStringLiteral("box_pk"), QString::fromLatin1(keys.boxPk.toBase64())},
        {QStringLiteral("created_utc"), createdUtc},
        {QStringLiteral("chain"),
         QJsonObject{{QStringLiteral("counter"), double(chain.counter)}, {QStringLiteral("hash"), chain.hash}}},
        {QStringLiteral("sig"), QString::fromLatin1(signature.toBase64())},
    };
}

QByteArray EnrolmentRequest::toFileBytes() const
{
    return fileBytes(toJson());
}

Status EnrolmentRequest::checkFingerprint(const QString &typed) const
{
    return checkTyped(typed, fingerprint(), tr("fingerprint does not match: do not register this file"));
}

// ---- EnrolmentWelcome ----

Result<EnrolmentWelcome> EnrolmentWelcome::create(const DeviceKeys &hubKeys, const EnrolmentRequest &request,
                                                  const QStringList &chains, const QString &registeredBy,
                                                  const QString &registeredUtc)
{
    EnrolmentWelcome w;
    w.study = request.study;
    w.site = request.site;
    w.device = request.keys.device;
    w.hub = hubKeys.publicKeys();
    w.chains = chains;
    w.registeredBy = registeredBy;
    w.registeredUtc = registeredUtc;
    w.signature = hubKeys.signDetached(signedBytes(w.toJson()));
    if (Result<EnrolmentWelcome> check = parse(w.toFileBytes()); !check)
        return Status::error(ErrorCode::InvalidInput, tr("cannot make the welcome: %1").arg(check.message()));
    return w;
}

Result<EnrolmentWelcome> EnrolmentWelcome::parse(const QByteArray &bytes)
{
    const QString what = tr("enrolment welcome");
    Result<QJsonObject> parsed = parseDocument(bytes, EnrolmentWelcomeFormat, what);
    if (!parsed)
        return parsed.status();
    const QJsonObject &o = *parsed;
    EnrolmentWelcome w;
    w.study = o.value(QLatin1String("study")).toString();
    w.site = o.value(QLatin1String("site")).toString();
    w.device = o.value(QLatin1String("device")).toString();
    w.registeredBy = o.value(QLatin1String("registered_by")).toString();
    w.registeredUtc = o.value(QLatin1String("registered_utc")).toString();
    if (w.study.isEmpty())
        return badField(what, QStringLiteral("study"));
    if (w.site.isEmpty())
        return badField(what, QStringLiteral("site"));
    if (!isDeviceId(w.device))
        return badField(what, QStringLiteral("device"));
    const QJsonObject hub = o.value(QLatin1String("hub")).toObject();
    const QString hubDevice = hub.value(QLatin1String("device")).toString();
    if (!isDeviceId(hubDevice))
        return badField(what, QStringLiteral("hub.device"));
    w.hub =
        PublicKeys{hubDevice, decodeBase64Exactly(hub.value(QLatin1String("sign_pk")).toString(), SignPublicKeyBytes),
                   decodeBase64Exactly(hub.value(QLatin1String("box_pk")).toString(), BoxPublicKeyBytes)};
    if (w.hub.signPk.isEmpty())
        return badField(what, QStringLiteral("hub.sign_pk"));
    if (w.hub.boxPk.isEmpty())
        return badField(what, QStringLiteral("hub.box_pk"));
    if (hub.value(QLatin1String("key_id")).toString() != w.hub.keyId())
        return badField(what, QStringLiteral("hub.key_id"));
    const QJsonValue chainList = o.value(QLatin1String("chains"));
    if (!chainList.isArray())
        return badField(what, QStringLiteral("chains"));
    for (const QJsonValue &chain : chainList.toArray()) {
        if (!matches(chain.toString(), "^[0-9a-f]{16}(-[A-Za-z0-9._]{1,64})?$"))
            return badField(what, QStringLiteral("chains"));
        w.chains << chain.toString();
    }
    if (w.registeredBy.isEmpty())
        return badField(what, QStringLiteral("registered_by"));
    if (!isUtc(w.registeredUtc))
        return badField(what, QStringLiteral("registered_utc"));
    w.signature = decodeBase64Exactly(o.value(QLatin1String("sig")).toString(), SignatureBytes);
    if (w.signature.isEmpty())
        return badField(what, QStringLiteral("sig"));
    if (!verifyDetached(signedBytes(o), w.signature, w.hub.signPk))
        return Status::error(ErrorCode::Corrupt,
                             tr("the welcome's signature does not match: the file was altered or damaged"));
    return w;
}

QJsonObject EnrolmentWelcome::toJson() const
{
    return QJsonObject{
        {QStringLiteral("format"), QLatin1String(EnrolmentWelcomeFormat)},
        {QStringLiteral("study"), study},
        {QStringLiteral("site"), site},
        {QStringLiteral("device"), device},
        {QStringLiteral("hub"), QJsonObject{{QStringLiteral("device"), hub.device},
                                            {QStringLiteral("sign_pk"), QString::fromLatin1(hub.signPk.toBase64())},
                                            {QStringLiteral("box_pk"), QString::fromLatin1(hub.boxPk.toBase64())},
                                            {QStringLiteral("key_id"), hub.keyId()}}},
        {QStringLiteral("chains"), QJsonArray::fromStringList(chains)},
        {QStringLiteral("registered_by"), registeredBy},
        {QStringLiteral("registered_utc"), registeredUtc},
        {QStringLiteral("sig"), QString::fromLatin1(signature.toBase64())},
    };
}

QByteArray EnrolmentWelcome::toFileBytes() const
{
    return fileBytes(toJson());
}

Status EnrolmentWelcome::checkHubFingerprint(const QString &typed) const
{
    return checkTyped(typed, hubFingerprint(),
                      tr("fingerprint does not match: this welcome is not from the study's hub; do not accept it"));
}

Status EnrolmentWelcome::checkAddressedTo(const QString &studyOid, const QString &siteOid,
                                          const QString &deviceId) const
{
    if (study != studyOid || site != siteOid || device != deviceId)
        return Status::error(ErrorCode::InvalidInput,
                             tr("this welcome registers device %1 of site %2 in study %3, not this database "
                                "(device %4 of site %5 in study %6)")
                                 .arg(device, site, study, deviceId, siteOid, studyOid));
    return Status::ok();
}

} // namespace cellcrf::sync
