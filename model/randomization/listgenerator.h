#pragma once

// ListGenerator makes a stratified permuted-block randomization list with the
// published algorithm pbr-v1 (RANDOMIZATION.md §3.2; byte-level description in
// model/randomization/README.md). It is a pure function of the scheme, the list id,
// the seed and the number of slots per stratum: no database, no clock, no global
// state, so `rand plan`, `rand generate` and `rand verify` produce identical bytes,
// and tests/tools/pbr_reference.py reproduces them independently.
//
// The arms of unused slots are the secret this module computes; callers keep them
// in memory only (RANDOMIZATION.md §3.4: no arm or block column exists anywhere).

#include "core/result.h"
#include "randomization/commitment.h"
#include "study/study.h"

#include <QHash>
#include <QIODevice>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>

namespace cellcrf::randomization {

// The ChaCha20-IETF keystream under a 32-byte key with a zero 12-byte nonce, from
// block 0, read as consecutive little-endian 32-bit words (§3.2 step 3). Words are
// consumed one at a time and never skipped; how many blocks are computed ahead is
// invisible in the output.
class WordStream final
{
public:
    explicit WordStream(const Digest &key);
    ~WordStream();
    Q_DISABLE_COPY_MOVE(WordStream)

    quint32 next();
    // A uniform integer in [0, n), 1 <= n: draws words until w < 2^32 - (2^32 mod n)
    // and returns w mod n. uniform(1) still consumes one word.
    quint32 uniform(quint32 n);
    // Words consumed so far.
    quint64 consumed() const { return m_consumed; }

private:
    void refill();

    static constexpr int BlocksAhead = 16; // 1 KiB of keystream per refill
    Digest m_key;
    std::array<quint32, BlocksAhead * 16> m_words{};
    quint32 m_nextBlock = 0;
    qsizetype m_position = BlocksAhead * 16;
    quint64 m_consumed = 0;
};

// One stratum: a value of every factor, site first.
struct Stratum
{
    QString code;             // "site=01|disease_group=relapsed": factors in definition order
    QStringList values;       // parallel to the scheme's factors
    QString randNumberMiddle; // "01-REL": the site code, then the short code of each other factor
};

struct Slot
{
    QString stratumCode;
    quint32 seq = 0; // from 1 within the stratum
    int blockNo = 0; // from 1 within the stratum
    int blockSize = 0;
    QString randNumber; // "S1904-01-REL-007"
    QString armOid;     // the secret
    Digest nonce{};     // r, the secret that opens the commitment
    Digest commitment{};
};

struct StratumList
{
    Stratum stratum;
    QList<Slot> slots; // seq order; always whole blocks
};

struct GeneratedList
{
    QString listId;
    Digest seedFingerprint{};
    Digest manifestHash{};
    QList<StratumList> strata; // by stratum code bytes

    qsizetype slotCount() const;
};

class ListGenerator final
{
public:
    // The bounds `generate` accepts.
    static constexpr int MaxPerStratum = 100000;

    // Every stratum of the scheme in generation order: the cartesian product of the
    // factors in definition order, each factor's values in StratumFactor::values order.
    static QList<Stratum> strata(const study::RandomizationScheme &scheme);

    // The stratum of a subject at `siteOid` whose other factors' source items hold
    // `sourceCodes` (factor name -> code of its source item); refused when a value is
    // missing or not in the factor's map.
    static Result<Stratum> stratumOf(const study::RandomizationScheme &scheme, const QString &siteOid,
                                     const QHash<QString, QString> &sourceCodes);

    // A list id is 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.
    static bool isValidListId(const QString &listId);

    // The whole list: at least `perStratum` slots (whole blocks) in every stratum, the
    // seed fingerprint and the manifest hash.
    static Result<GeneratedList> generate(const study::RandomizationScheme &scheme, const QString &listId,
                                          const Seed &seed, int perStratum);
    // One stratum alone, exactly as `generate` makes it.
    static StratumList generateStratum(const study::RandomizationScheme &scheme, const QString &listId,
                                       const Seed &seed, const Stratum &stratum, int perStratum);

    // The manifest hash of §3.2 step 7 over the slots of `strata` (sorted here) and the
    // canonical JSON of the scheme block as loaded.
    static Result<Digest> manifestHash(const study::RandomizationScheme &scheme, const QList<StratumList> &strata);

    // The plaintext CSV of `rand plan`: the header
    // list_id,stratum_code,seq,block_no,block_size,rand_number,arm_oid,commitment_hex
    // and one LF-terminated line per slot, by stratum code bytes then seq.
    static QByteArray planCsvHeader();
    static QByteArray planCsvLine(const QString &listId, const Slot &slot);
    static bool writePlanCsv(const GeneratedList &list, QIODevice &out);
};

} // namespace cellcrf::randomization
