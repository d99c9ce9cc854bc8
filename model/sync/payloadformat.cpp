#include "sync/payloadformat.h"

#include <algorithm>

namespace cellcrf::sync {

QString payloadNamespace()
{
    return QStringLiteral("urn:cellcrf:odm:sync:1");
}

qint64 PayloadLimits::maxTextBytes() const
{
    // A tag may hold a few long values, each escaped at worst six bytes per
    // character ("&quot;"); an attachment is base64 text, 4 bytes per 3.
    const qint64 longestTag = 4 * 6 * maxAttributeBytes;
    const qint64 longestAttachment = (maxAttachmentBytes + 2) / 3 * 4;
    return std::max(longestTag, longestAttachment) + 65536;
}

bool isCanonicalUtc(QStringView t)
{
    // yyyy-MM-ddTHH:mm:ss.zzzZ
    if (t.size() != 24)
        return false;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char16_t c = t.at(i).unicode();
        switch (i) {
        case 4:
        case 7:
            if (c != u'-')
                return false;
            break;
        case 10:
            if (c != u'T')
                return false;
            break;
        case 13:
        case 16:
            if (c != u':')
                return false;
            break;
        case 19:
            if (c != u'.')
                return false;
            break;
        case 23:
            if (c != u'Z')
                return false;
            break;
        default:
            if (c < u'0' || c > u'9')
                return false;
        }
    }
    return true;
}

namespace {
bool isLowerHex(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}
} // namespace

bool isSha256Hex(QStringView t)
{
    return t.size() == 64 && std::all_of(t.begin(), t.end(), [](QChar c) { return isLowerHex(c.unicode()); });
}

bool isChainId(QStringView t)
{
    if (t.size() < 16 || !std::all_of(t.begin(), t.begin() + 16, [](QChar c) { return isLowerHex(c.unicode()); }))
        return false;
    if (t.size() == 16)
        return true;
    const QStringView scope = t.mid(17);
    return t.at(16) == u'-' && !scope.isEmpty() && scope.size() <= 64 &&
           std::all_of(scope.begin(), scope.end(), [](QChar c) {
               const char16_t u = c.unicode();
               return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'.' ||
                      u == u'_';
           });
}

QString chainGenesisHash()
{
    return QString(64, QLatin1Char('0'));
}

qint64 utf8Length(QStringView t)
{
    qint64 n = 0;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char16_t c = t.at(i).unicode();
        if (c < 0x80)
            n += 1;
        else if (c < 0x800)
            n += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < t.size() && QChar::isLowSurrogate(t.at(i + 1).unicode())) {
            n += 4;
            ++i;
        } else
            n += 3;
    }
    return n;
}

qsizetype firstNonXmlCharacter(QStringView t)
{
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char16_t c = t.at(i).unicode();
        if (c < 0x20) {
            if (c != u'\t' && c != u'\n' && c != u'\r')
                return i;
        } else if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= t.size() || !QChar::isLowSurrogate(t.at(i + 1).unicode()))
                return i;
            ++i;
        } else if (QChar::isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            return i;
        }
    }
    return -1;
}

} // namespace cellcrf::sync
