#pragma once

// The byte-level derivations of pbr-v1 (RANDOMIZATION.md §3.2; the exact bytes are
// written out in model/randomization/README.md): the list seed, the per-stratum
// key, each slot's secret nonce and public commitment, the seed fingerprint, the
// canonical scheme JSON and the manifest hash. Every function here is pure, so the
// hub, a site and `rand verify` compute the same bytes from the same inputs, and the
// reference script tests/tools/pbr_reference.py computes them independently.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <array>
#include <optional>

namespace cellcrf::randomization {

// A BLAKE2b-256 value: a key, a nonce, a commitment or a hash.
using Digest = std::array<quint8, 32>;

// The 32-byte secret list seed S. Nobody who enrolls may ever hold it: it lives only
// in the statistician's seed file (seedfile.h) and in memory while a list is computed.
// The bytes are wiped when a Seed goes out of scope.
class Seed final
{
public:
    Seed() = default;
    explicit Seed(const Digest &bytes)
        : m_bytes(bytes)
    {}
    Seed(const Seed &other) = default;
    Seed &operator=(const Seed &other) = default;
    ~Seed();

    // A fresh seed from the operating system's CSPRNG (randombytes_buf): the only
    // source a production list may use, so that nobody can shop for a favourable seed.
    static Seed random();
    // Exactly 64 hexadecimal digits (either case); nothing else parses.
    static std::optional<Seed> fromHex(const QString &hex);

    const Digest &bytes() const { return m_bytes; }
    bool operator==(const Seed &other) const;

private:
    Digest m_bytes{};
};

// str(s) = u32be(byte length) ‖ UTF-8 bytes.
QByteArray encodeString(const QString &text);
// u32be(value)
QByteArray encodeU32(quint32 value);

// H_k(m): crypto_generichash (BLAKE2b-256) keyed with the 32-byte `key`.
Digest keyedHash(const Digest &key, const QByteArray &message);
// H(m): unkeyed BLAKE2b-256.
Digest plainHash(const QByteArray &message);

// s_k = H_S(str("cellcrf/rand/v1/stratum") ‖ str(list_id) ‖ str(stratum_code)).
Digest stratumKey(const Seed &seed, const QString &listId, const QString &stratumCode);
// r = H_S(str("cellcrf/rand/v1/nonce") ‖ str(list_id) ‖ str(stratum_code) ‖ u32be(seq)).
Digest slotNonce(const Seed &seed, const QString &listId, const QString &stratumCode, quint32 seq);
// H(str("cellcrf/rand/v1/commit") ‖ str(list_id) ‖ str(stratum_code) ‖ u32be(seq) ‖ str(arm_oid) ‖ r).
Digest commitment(const QString &listId, const QString &stratumCode, quint32 seq, const QString &armOid,
                  const Digest &nonce);
// Whether a revealed arm and nonce open `expected` (compared in constant time).
bool opensCommitment(const Digest &expected, const QString &listId, const QString &stratumCode, quint32 seq,
                     const QString &armOid, const Digest &nonce);
// H_S(str("cellcrf/rand/v1/fingerprint")): names a seed without revealing it.
Digest seedFingerprint(const Seed &seed);

// Canonical JSON: compact, object keys sorted by their UTF-8 bytes, integers only
// (written in decimal without exponent), strings as raw UTF-8 with only '"', '\' and
// U+0000–U+001F escaped (\", \\, \u00xx with lower-case hex). Returns nothing for a
// value that has no canonical form (a fractional number, one beyond ±2^53).
std::optional<QByteArray> canonicalJson(const QJsonValue &value);

// Lower-case hexadecimal, and its inverse (nothing unless exactly 64 hex digits).
QString toHex(const Digest &digest);
std::optional<Digest> digestFromHex(const QString &hex);

} // namespace cellcrf::randomization
