#include "randomization/commitment.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtEndian>

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace cellcrf::randomization {

using namespace Qt::StringLiterals;

namespace {

// libsodium is initialised once before its first use; every caller here needs it.
void ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    Q_ASSERT(ready);
}

const unsigned char *data(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

void appendEscaped(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (byte < 0x20) {
            out += "\\u00";
            out += QByteArray::number(byte, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    out += '"';
}

bool appendCanonical(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        out += "null";
        return true;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return true;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) != d || std::abs(d) > 9007199254740992.0)
            return false;
        out += QByteArray::number(static_cast<qint64>(d));
        return true;
    }
    case QJsonValue::String:
        appendEscaped(out, value.toString());
        return true;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            if (!appendCanonical(out, array.at(i)))
                return false;
        }
        out += ']';
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QStringList keys = object.keys();
        // By UTF-8 bytes, which is not QString's UTF-16 order for every character.
        std::sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
        out += '{';
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0)
                out += ',';
            appendEscaped(out, keys.at(i));
            out += ':';
            if (!appendCanonical(out, object.value(keys.at(i))))
                return false;
        }
        out += '}';
        return true;
    }
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

} // namespace

Seed::~Seed()
{
    sodium_memzero(m_bytes.data(), m_bytes.size());
}

Seed Seed::random()
{
    ensureSodium();
    Digest bytes;
    randombytes_buf(bytes.data(), bytes.size());
    Seed seed(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return seed;
}

std::optional<Seed> Seed::fromHex(const QString &hex)
{
    const auto bytes = digestFromHex(hex);
    if (!bytes)
        return std::nullopt;
    return Seed(*bytes);
}

bool Seed::operator==(const Seed &other) const
{
    return sodium_memcmp(m_bytes.data(), other.m_bytes.data(), m_bytes.size()) == 0;
}

QByteArray encodeString(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return encodeU32(quint32(utf8.size())) + utf8;
}

QByteArray encodeU32(quint32 value)
{
    QByteArray out(4, '\0');
    qToBigEndian(value, out.data());
    return out;
}

Digest keyedHash(const Digest &key, const QByteArray &message)
{
    ensureSodium();
    Digest out;
    crypto_generichash(out.data(), out.size(), data(message), quint64(message.size()), key.data(), key.size());
    return out;
}

Digest plainHash(const QByteArray &message)
{
    ensureSodium();
    Digest out;
    crypto_generichash(out.data(), out.size(), data(message), quint64(message.size()), nullptr, 0);
    return out;
}

Digest stratumKey(const Seed &seed, const QString &listId, const QString &stratumCode)
{
    return keyedHash(seed.bytes(),
                     encodeString(u"cellcrf/rand/v1/stratum"_s) + encodeString(listId) + encodeString(stratumCode));
}

Digest slotNonce(const Seed &seed, const QString &listId, const QString &stratumCode, quint32 seq)
{
    return keyedHash(seed.bytes(), encodeString(u"cellcrf/rand/v1/nonce"_s) + encodeString(listId) +
                                       encodeString(stratumCode) + encodeU32(seq));
}

Digest commitment(const QString &listId, const QString &stratumCode, quint32 seq, const QString &armOid,
                  const Digest &nonce)
{
    const QByteArray message = encodeString(u"cellcrf/rand/v1/commit"_s) + encodeString(listId) +
                               encodeString(stratumCode) + encodeU32(seq) + encodeString(armOid) +
                               QByteArray(reinterpret_cast<const char *>(nonce.data()), qsizetype(nonce.size()));
    return plainHash(message);
}

bool opensCommitment(const Digest &expected, const QString &listId, const QString &stratumCode, quint32 seq,
                     const QString &armOid, const Digest &nonce)
{
    const Digest actual = commitment(listId, stratumCode, seq, armOid, nonce);
    return sodium_memcmp(actual.data(), expected.data(), actual.size()) == 0;
}

Digest seedFingerprint(const Seed &seed)
{
    return keyedHash(seed.bytes(), encodeString(u"cellcrf/rand/v1/fingerprint"_s));
}

std::optional<QByteArray> canonicalJson(const QJsonValue &value)
{
    QByteArray out;
    if (!appendCanonical(out, value))
        return std::nullopt;
    return out;
}

QString toHex(const Digest &digest)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest.data()), qsizetype(digest.size())).toHex());
}

std::optional<Digest> digestFromHex(const QString &hex)
{
    if (hex.size() != 64)
        return std::nullopt;
    for (const QChar c : hex) {
        if (c.unicode() > 0x7f || !std::isxdigit(static_cast<unsigned char>(c.unicode())))
            return std::nullopt;
    }
    const QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    Digest out;
    std::copy(bytes.cbegin(), bytes.cend(), out.begin());
    return out;
}

} // namespace cellcrf::randomization
