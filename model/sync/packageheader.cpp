#include "sync/packageheader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace cellcrf::sync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::sync::PackageHeader", text);
}

// JSON numbers are doubles: whole numbers are exact up to 2^53.
constexpr qint64 MaxWholeNumber = qint64(1) << 53;

const QRegularExpression &deviceIdPattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{16}$"));
    return re;
}
const QRegularExpression &chainIdPattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{16}(-[A-Za-z0-9._]{1,64})?$"));
    return re;
}
const QRegularExpression &keyIdPattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9A-F]{16}$"));
    return re;
}
const QRegularExpression &sha256Pattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re;
}

// Reads the fields of one JSON object and remembers the first problem, naming
// the field by its path ("chains[2].from"), so that each check is one line.
class Fields
{
public:
    Fields(const QJsonObject &object, QString path, Status *problem)
        : m_object(object)
        , m_path(std::move(path))
        , m_problem(problem)
    {}

    QString name(const char *field) const
    {
        return m_path.isEmpty() ? QLatin1String(field) : m_path + QLatin1Char('.') + QLatin1String(field);
    }

    bool failed() const { return !m_problem->isOk(); }

    void fail(const QString &field, const QString &what)
    {
        if (!failed())
            *m_problem = Status::error(ErrorCode::InvalidInput, tr("field %1 must be %2").arg(field, what));
    }

    const QJsonValue *present(const char *field)
    {
        if (failed())
            return nullptr;
        const auto it = m_object.constFind(QLatin1String(field));
        if (it == m_object.constEnd()) {
            *m_problem = Status::error(ErrorCode::InvalidInput, tr("field %1 is missing").arg(name(field)));
            return nullptr;
        }
        m_value = it.value();
        return &m_value;
    }

    QString string(const char *field, const QRegularExpression *pattern = nullptr, const QString &what = {},
                   bool allowEmpty = true)
    {
        const QJsonValue *v = present(field);
        if (!v)
            return {};
        if (!v->isString()) {
            fail(name(field), tr("a string"));
            return {};
        }
        const QString s = v->toString();
        if (s.isEmpty() && allowEmpty && pattern)
            return s;
        if (s.isEmpty() && !allowEmpty) {
            fail(name(field), what.isEmpty() ? tr("a string that is not empty") : what);
            return {};
        }
        if (pattern && !pattern->match(s).hasMatch()) {
            fail(name(field), what);
            return {};
        }
        return s;
    }

    QString required(const char *field) { return string(field, nullptr, {}, false); }

    QString matching(const char *field, const QRegularExpression &pattern, const QString &what)
    {
        return string(field, &pattern, what, false);
    }

    QString oneOf(const char *field, const QStringList &allowed)
    {
        const QString s = string(field);
        if (!failed() && !allowed.contains(s))
            fail(name(field), tr("one of: %1").arg(allowed.join(QLatin1String(", "))));
        return s;
    }

    QString utc(const char *field)
    {
        const QString s = string(field);
        if (failed())
            return {};
        const QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid() || !s.endsWith(QLatin1Char('Z')))
            fail(name(field), tr("a UTC time in ISO 8601 form ending in Z"));
        return s;
    }

    qint64 whole(const char *field, qint64 minimum)
    {
        const QJsonValue *v = present(field);
        if (!v)
            return 0;
        const double d = v->toDouble();
        if (!v->isDouble() || !std::isfinite(d) || d != std::floor(d) || d < double(minimum) ||
            d > double(MaxWholeNumber)) {
            fail(name(field), tr("a whole number from %1").arg(minimum));
            return 0;
        }
        return qint64(d);
    }

    QJsonObject object(const char *field)
    {
        const QJsonValue *v = present(field);
        if (!v)
            return {};
        if (!v->isObject())
            fail(name(field), tr("an object"));
        return v->toObject();
    }

    QJsonArray array(const char *field)
    {
        const QJsonValue *v = present(field);
        if (!v)
            return {};
        if (!v->isArray())
            fail(name(field), tr("a list"));
        return v->toArray();
    }

private:
    QJsonObject m_object;
    QString m_path;
    Status *m_problem;
    QJsonValue m_value;
};

QString hexWhat()
{
    return tr("64 lower-case hex digits");
}

QString deviceWhat()
{
    return tr("a device id (16 lower-case hex digits)");
}

QString keyIdWhat()
{
    return tr("a key id (16 upper-case hex digits)");
}

// Calls `each(fields, index)` for every element of a list of objects.
template<typename Each> void forEachObject(const QJsonArray &list, const QString &path, Status *problem, Each each)
{
    for (qsizetype i = 0; i < list.size() && problem->isOk(); ++i) {
        const QString at = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!list.at(i).isObject()) {
            *problem = Status::error(ErrorCode::InvalidInput, tr("field %1 must be %2").arg(at, tr("an object")));
            return;
        }
        Fields f(list.at(i).toObject(), at, problem);
        each(f);
    }
}

} // namespace

Result<PackageHeader> PackageHeader::fromJson(const QJsonObject &json, Part part)
{
    Status problem;
    PackageHeader h;
    Fields top(json, QString(), &problem);

    h.format = top.string("format");
    if (!problem.isOk())
        return problem;
    if (h.format != QLatin1String(PackageFormatName))
        return Status::error(ErrorCode::InvalidInput,
                             tr("field format must be %1, not %2").arg(QLatin1String(PackageFormatName), h.format));

    Fields package(top.object("package"), QStringLiteral("package"), &problem);
    h.package.fileOid = package.required("file_oid");
    h.package.sequence = package.whole("sequence", 1);
    h.package.priorPackageSha256 = package.string("prior_package_sha256", &sha256Pattern(), hexWhat());
    h.package.priorFileOid = package.string("prior_file_oid");
    if (problem.isOk() && h.package.sequence == 1 && !h.package.priorPackageSha256.isEmpty())
        package.fail(QStringLiteral("package.prior_package_sha256"), tr("empty for the first package"));

    Fields study(top.object("study"), QStringLiteral("study"), &problem);
    h.study.oid = study.required("oid");
    h.study.definitionVersion = study.required("definition_version");

    Fields sender(top.object("sender"), QStringLiteral("sender"), &problem);
    h.sender.device = sender.matching("device", deviceIdPattern(), deviceWhat());
    h.sender.kind = sender.oneOf("kind", {QStringLiteral("site"), QStringLiteral("hub")});
    h.sender.site = h.sender.kind == QLatin1String("site") ? sender.required("site") : sender.string("site");
    h.sender.keyId = sender.matching("key_id", keyIdPattern(), keyIdWhat());

    Fields recipient(top.object("recipient"), QStringLiteral("recipient"), &problem);
    h.recipient.device = recipient.matching("device", deviceIdPattern(), deviceWhat());
    h.recipient.keyId = recipient.matching("key_id", keyIdPattern(), keyIdWhat());

    h.createdUtc = top.utc("created_utc");
    h.asOfUtc = top.utc("as_of_utc");
    h.software = top.required("software");

    forEachObject(top.array("chains"), QStringLiteral("chains"), &problem, [&](Fields &f) {
        PackageChain c;
        c.device = f.matching("device", chainIdPattern(), tr("a chain id"));
        c.scope = f.required("scope");
        c.from = f.whole("from", 1);
        c.to = f.whole("to", 1);
        c.count = f.whole("count", 1);
        c.prevHash = f.matching("prev_hash", sha256Pattern(), hexWhat());
        c.lastHash = f.matching("last_hash", sha256Pattern(), hexWhat());
        if (!f.failed() && c.to < c.from)
            f.fail(f.name("to"), tr("at least from (%1)").arg(c.from));
        if (!f.failed() && c.count != c.to - c.from + 1)
            f.fail(f.name("count"), tr("to − from + 1 (%1)").arg(c.to - c.from + 1));
        h.chains << c;
    });

    Fields acks(top.object("acks"), QStringLiteral("acks"), &problem);
    forEachObject(acks.array("chains"), QStringLiteral("acks.chains"), &problem, [&](Fields &f) {
        PackageAck a;
        a.chain = f.matching("chain", chainIdPattern(), tr("a chain id"));
        a.through = f.whole("through", 0);
        a.hash = f.matching("hash", sha256Pattern(), hexWhat());
        h.acks << a;
    });
    Fields last(acks.object("last_imported"), QStringLiteral("acks.last_imported"), &problem);
    h.lastImported.sequence = last.whole("sequence", 0);
    h.lastImported.sha256 = last.string("sha256", &sha256Pattern(), hexWhat());
    if (problem.isOk() && (h.lastImported.sequence == 0) != h.lastImported.sha256.isEmpty())
        last.fail(QStringLiteral("acks.last_imported.sha256"), tr("empty exactly when sequence is 0"));

    forEachObject(top.array("attachments"), QStringLiteral("attachments"), &problem, [&](Fields &f) {
        PackageAttachment a;
        a.kind = f.oneOf("kind", {QStringLiteral("study_definition"), QStringLiteral("randomization_list")});
        a.id = f.required("id");
        a.sha256 = f.matching("sha256", sha256Pattern(), hexWhat());
        a.bytes = f.whole("bytes", 0);
        h.attachments << a;
    });

    if (part == Part::Complete) {
        Fields payload(top.object("payload"), QStringLiteral("payload"), &problem);
        PackagePayload p;
        p.mediaType = payload.oneOf("media_type", {QLatin1String(PayloadMediaType)});
        p.compression = payload.oneOf("compression", {QLatin1String(PayloadCompression)});
        p.plainBytes = payload.whole("plain_bytes", 0);
        p.plainSha256 = payload.matching("plain_sha256", sha256Pattern(), hexWhat());
        p.compressedBytes = payload.whole("compressed_bytes", 1);
        h.payload = p;
    }

    if (!problem.isOk())
        return problem;
    return h;
}

QJsonObject PackageHeader::toJson() const
{
    QJsonArray chainList;
    for (const PackageChain &c : chains)
        chainList.append(QJsonObject{{QStringLiteral("device"), c.device},
                                     {QStringLiteral("scope"), c.scope},
                                     {QStringLiteral("from"), double(c.from)},
                                     {QStringLiteral("to"), double(c.to)},
                                     {QStringLiteral("count"), double(c.count)},
                                     {QStringLiteral("prev_hash"), c.prevHash},
                                     {QStringLiteral("last_hash"), c.lastHash}});
    QJsonArray ackList;
    for (const PackageAck &a : acks)
        ackList.append(QJsonObject{{QStringLiteral("chain"), a.chain},
                                   {QStringLiteral("through"), double(a.through)},
                                   {QStringLiteral("hash"), a.hash}});
    QJsonArray attachmentList;
    for (const PackageAttachment &a : attachments)
        attachmentList.append(QJsonObject{{QStringLiteral("kind"), a.kind},
                                          {QStringLiteral("id"), a.id},
                                          {QStringLiteral("sha256"), a.sha256},
                                          {QStringLiteral("bytes"), double(a.bytes)}});
    QJsonObject o{
        {QStringLiteral("format"), format},
        {QStringLiteral("package"), QJsonObject{{QStringLiteral("file_oid"), package.fileOid},
                                                {QStringLiteral("sequence"), double(package.sequence)},
                                                {QStringLiteral("prior_package_sha256"), package.priorPackageSha256},
                                                {QStringLiteral("prior_file_oid"), package.priorFileOid}}},
        {QStringLiteral("study"), QJsonObject{{QStringLiteral("oid"), study.oid},
                                              {QStringLiteral("definition_version"), study.definitionVersion}}},
        {QStringLiteral("sender"), QJsonObject{{QStringLiteral("device"), sender.device},
                                               {QStringLiteral("kind"), sender.kind},
                                               {QStringLiteral("site"), sender.site},
                                               {QStringLiteral("key_id"), sender.keyId}}},
        {QStringLiteral("recipient"),
         QJsonObject{{QStringLiteral("device"), recipient.device}, {QStringLiteral("key_id"), recipient.keyId}}},
        {QStringLiteral("created_utc"), createdUtc},
        {QStringLiteral("as_of_utc"), asOfUtc},
        {QStringLiteral("software"), software},
        {QStringLiteral("chains"), chainList},
        {QStringLiteral("acks"), QJsonObject{{QStringLiteral("chains"), ackList},
                                             {QStringLiteral("last_imported"),
                                              QJsonObject{{QStringLiteral("sequence"), double(lastImported.sequence)},
                                                          {QStringLiteral("sha256"), lastImported.sha256}}}}},
        {QStringLiteral("attachments"), attachmentList},
    };
    if (payload)
        o.insert(QStringLiteral("payload"),
                 QJsonObject{{QStringLiteral("media_type"), payload->mediaType},
                             {QStringLiteral("compression"), payload->compression},
                             {QStringLiteral("plain_bytes"), double(payload->plainBytes)},
                             {QStringLiteral("plain_sha256"), payload->plainSha256},
                             {QStringLiteral("compressed_bytes"), double(payload->compressedBytes)}});
    return o;
}

QString PackageHeader::fileOidFor(const QString &study, const QString &sender, const QString &recipient,
                                  qint64 sequence)
{
    return QStringLiteral("CellCRF/%1/%2/%3/%4").arg(study, sender, recipient).arg(sequence);
}

QString PackageHeader::fileNameFor(const QString &study, const QString &sender, const QString &recipient,
                                   qint64 sequence)
{
    return QStringLiteral("%1_%2_to_%3_%4.ccsync").arg(study, sender, recipient).arg(sequence, 6, 10, QLatin1Char('0'));
}

} // namespace cellcrf::sync
