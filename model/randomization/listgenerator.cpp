#include "randomization/listgenerator.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QtEndian>

#include <sodium.h>

#include <algorithm>

namespace cellcrf::randomization {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::randomization::ListGenerator", text);
}

bool byCodeBytes(const StratumList &a, const StratumList &b)
{
    return a.stratum.code.toUtf8() < b.stratum.code.toUtf8();
}

} // namespace

WordStream::WordStream(const Digest &key)
    : m_key(key)
{}

WordStream::~WordStream()
{
    sodium_memzero(m_key.data(), m_key.size());
    sodium_memzero(m_words.data(), sizeof(m_words));
}

void WordStream::refill()
{
    // The IETF variant's 32-bit block counter allows 2^32 blocks (2^36 words) per
    // key; a stratum of MaxPerStratum slots draws a few hundred thousand words.
    Q_ASSERT(quint64(m_nextBlock) + BlocksAhead <= (quint64(1) << 32));
    static const std::array<unsigned char, crypto_stream_chacha20_ietf_NONCEBYTES> zeroNonce{};
    std::array<unsigned char, BlocksAhead * 64> bytes{};
    crypto_stream_chacha20_ietf_xor_ic(bytes.data(), bytes.data(), bytes.size(), zeroNonce.data(), m_nextBlock,
                                       m_key.data());
    for (qsizetype i = 0; i < qsizetype(m_words.size()); ++i)
        m_words[size_t(i)] = qFromLittleEndian<quint32>(bytes.data() + 4 * i);
    sodium_memzero(bytes.data(), bytes.size());
    m_nextBlock += BlocksAhead;
    m_position = 0;
}

quint32 WordStream::next()
{
    if (m_position == qsizetype(m_words.size()))
        refill();
    ++m_consumed;
    return m_words[size_t(m_position++)];
}

quint32 WordStream::uniform(quint32 n)
{
    Q_ASSERT(n >= 1);
    // 2^32 mod n, computed in 64 bits; the limit is the largest multiple of n not above 2^32.
    const quint64 limit = (quint64(1) << 32) - ((quint64(1) << 32) % n);
    for (;;) {
        const quint32 w = next();
        if (w < limit)
            return w % n;
    }
}

qsizetype GeneratedList::slotCount() const
{
    qsizetype n = 0;
    for (const StratumList &s : strata)
        n += s.slots.size();
    return n;
}

QList<Stratum> ListGenerator::strata(const study::RandomizationScheme &scheme)
{
    QList<Stratum> result{Stratum{}};
    for (qsizetype f = 0; f < scheme.strata.size(); ++f) {
        const study::StratumFactor &factor = scheme.strata.at(f);
        QList<Stratum> next;
        for (const Stratum &partial : std::as_const(result)) {
            for (const QString &value : factor.values) {
                Stratum s = partial;
                const QString part = factor.name + u'=' + value;
                s.code = f == 0 ? part : s.code + u'|' + part;
                s.values.append(value);
                const QString shortCode = factor.isSite() ? value : factor.shortCodes.value(value);
                s.randNumberMiddle = f == 0 ? shortCode : s.randNumberMiddle + u'-' + shortCode;
                next.append(s);
            }
        }
        result = next;
    }
    return scheme.strata.isEmpty() ? QList<Stratum>{} : result;
}

Result<Stratum> ListGenerator::stratumOf(const study::RandomizationScheme &scheme, const QString &siteOid,
                                         const QHash<QString, QString> &sourceCodes)
{
    QStringList values;
    for (const study::StratumFactor &factor : scheme.strata) {
        if (factor.isSite()) {
            if (!factor.values.contains(siteOid))
                return Status::error(ErrorCode::InvalidInput,
                                     tr("%1 is not a site of this randomization.").arg(siteOid));
            values.append(siteOid);
            continue;
        }
        const QString code = sourceCodes.value(factor.name);
        if (code.isEmpty())
            return Status::error(ErrorCode::InvalidInput,
                                 tr("The stratification factor %1 has no value (%2).").arg(factor.name, factor.source));
        if (!factor.map.contains(code))
            return Status::error(
                ErrorCode::InvalidInput,
                tr("The code %1 of %2 does not map to a stratum of %3.").arg(code, factor.source, factor.name));
        values.append(factor.map.value(code));
    }
    const QList<Stratum> all = strata(scheme);
    for (const Stratum &s : all) {
        if (s.values == values)
            return s;
    }
    return Status::error(ErrorCode::InvalidInput, tr("The scheme has no factors."));
}

bool ListGenerator::isValidListId(const QString &listId)
{
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"_s);
    return re.match(listId).hasMatch();
}

StratumList ListGenerator::generateStratum(const study::RandomizationScheme &scheme, const QString &listId,
                                           const Seed &seed, const Stratum &stratum, int perStratum)
{
    StratumList out;
    out.stratum = stratum;
    const int ratioSum = scheme.ratioSum();
    WordStream words(stratumKey(seed, listId, stratum.code));
    int blockNo = 0;
    QStringList block;
    while (out.slots.size() < perStratum) {
        ++blockNo;
        const int size = scheme.blockSizes.at(qsizetype(words.uniform(quint32(scheme.blockSizes.size()))));
        block.clear();
        for (const study::RandomizationArm &arm : scheme.arms) {
            for (int k = 0; k < size * arm.ratio / ratioSum; ++k)
                block.append(arm.oid);
        }
        Q_ASSERT(block.size() == size);
        for (int i = size - 1; i >= 1; --i) {
            const auto j = qsizetype(words.uniform(quint32(i + 1)));
            block.swapItemsAt(i, j);
        }
        for (const QString &arm : std::as_const(block)) {
            Slot slot;
            slot.stratumCode = stratum.code;
            slot.seq = quint32(out.slots.size() + 1);
            slot.blockNo = blockNo;
            slot.blockSize = size;
            slot.randNumber = scheme.listPrefix + u'-' + stratum.randNumberMiddle + u'-' +
                              QString::number(slot.seq).rightJustified(3, u'0');
            slot.armOid = arm;
            slot.nonce = slotNonce(seed, listId, stratum.code, slot.seq);
            slot.commitment = commitment(listId, stratum.code, slot.seq, arm, slot.nonce);
            out.slots.append(slot);
        }
    }
    return out;
}

Result<Digest> ListGenerator::manifestHash(const study::RandomizationScheme &scheme, const QList<StratumList> &strata)
{
    const auto schemeJson = canonicalJson(scheme.json);
    if (!schemeJson)
        return Status::error(ErrorCode::InvalidInput, tr("The scheme holds a number that is not a whole number."));
    QList<StratumList> sorted = strata;
    std::sort(sorted.begin(), sorted.end(), byCodeBytes);
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
    const auto update = [&state](const QByteArray &bytes) {
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char *>(bytes.constData()),
                                  quint64(bytes.size()));
    };
    for (const StratumList &s : std::as_const(sorted)) {
        for (const Slot &slot : s.slots) {
            update(slot.stratumCode.toUtf8() + ',' + QByteArray::number(slot.seq) + ',' + slot.randNumber.toUtf8() +
                   ',' + toHex(slot.commitment).toLatin1() + '\n');
        }
    }
    update(*schemeJson);
    Digest out;
    crypto_generichash_final(&state, out.data(), out.size());
    return out;
}

Result<GeneratedList> ListGenerator::generate(const study::RandomizationScheme &scheme, const QString &listId,
                                              const Seed &seed, int perStratum)
{
    if (!isValidListId(listId))
        return Status::error(ErrorCode::InvalidInput,
                             tr("The list id %1 is not valid: 1 to 64 letters, digits, '.', '_' or '-'.").arg(listId));
    if (perStratum < 1 || perStratum > MaxPerStratum)
        return Status::error(ErrorCode::InvalidInput,
                             tr("The slots per stratum must be between 1 and %1.").arg(MaxPerStratum));
    // The loader guarantees all of this; a scheme assembled in code is checked again
    // here because a wrong block would silently break the allocation ratio.
    const int ratioSum = scheme.ratioSum();
    const bool armsOk = scheme.arms.size() >= 2 && std::all_of(scheme.arms.cbegin(), scheme.arms.cend(),
                                                               [](const auto &arm) { return arm.ratio >= 1; });
    const bool sizesOk = ratioSum > 0 && !scheme.blockSizes.isEmpty() &&
                         std::all_of(scheme.blockSizes.cbegin(), scheme.blockSizes.cend(),
                                     [&](int size) { return size >= 1 && size <= 1000 && size % ratioSum == 0; });
    const bool strataOk = !scheme.strata.isEmpty() && scheme.strata.constFirst().isSite() &&
                          scheme.strataCount() >= 1 && scheme.strataCount() <= 24;
    if (scheme.algorithm != u"pbr-v1"_s || !armsOk || !sizesOk || !strataOk)
        return Status::error(ErrorCode::InvalidInput, tr("The scheme was not loaded and checked by the study loader."));
    GeneratedList list;
    list.listId = listId;
    list.seedFingerprint = seedFingerprint(seed);
    const QList<Stratum> all = strata(scheme);
    for (const Stratum &stratum : all)
        list.strata.append(generateStratum(scheme, listId, seed, stratum, perStratum));
    std::sort(list.strata.begin(), list.strata.end(), byCodeBytes);
    auto manifest = manifestHash(scheme, list.strata);
    if (!manifest)
        return manifest.status();
    list.manifestHash = *manifest;
    return list;
}

QByteArray ListGenerator::planCsvHeader()
{
    return "list_id,stratum_code,seq,block_no,block_size,rand_number,arm_oid,commitment_hex\n";
}

QByteArray ListGenerator::planCsvLine(const QString &listId, const Slot &slot)
{
    // Every field is restricted by the loader to characters that need no CSV quoting.
    return listId.toUtf8() + ',' + slot.stratumCode.toUtf8() + ',' + QByteArray::number(slot.seq) + ',' +
           QByteArray::number(slot.blockNo) + ',' + QByteArray::number(slot.blockSize) + ',' +
           slot.randNumber.toUtf8() + ',' + slot.armOid.toUtf8() + ',' + toHex(slot.commitment).toLatin1() + '\n';
}

bool ListGenerator::writePlanCsv(const GeneratedList &list, QIODevice &out)
{
    if (out.write(planCsvHeader()) < 0)
        return false;
    for (const StratumList &s : list.strata) {
        for (const Slot &slot : s.slots) {
            if (out.write(planCsvLine(list.listId, slot)) < 0)
                return false;
        }
    }
    return true;
}

} // namespace cellcrf::randomization
