#include "audit/auditevent.h"

#include <QCryptographicHash>

namespace cellcrf::audit {

namespace {

// "<tag>=<byte length>:<bytes>;" for a text, "<tag>=~;" for an absent value: no
// separator inside a value can ever be mistaken for a field boundary.
void appendField(QByteArray &out, char tag, const std::optional<QString> &value)
{
    out.append(tag);
    out.append('=');
    if (!value) {
        out.append("~;");
        return;
    }
    const QByteArray bytes = value->toUtf8();
    out.append(QByteArray::number(bytes.size()));
    out.append(':');
    out.append(bytes);
    out.append(';');
}

void appendField(QByteArray &out, char tag, qint64 value)
{
    appendField(out, tag, std::optional<QString>(QString::number(value)));
}

} // namespace

QByteArray AuditEvent::canonicalEncoding() const
{
    QByteArray out("cellcrf-audit-1;");
    appendField(out, 'i', eventId);
    appendField(out, 'd', deviceId);
    appendField(out, 'n', deviceCounter);
    appendField(out, 'u', userName);
    appendField(out, 'r', userRole);
    appendField(out, 't', utc);
    appendField(out, 'z', siteOffsetMinutes);
    appendField(out, 'a', action);
    appendField(out, 's', subjectKey);
    appendField(out, 'e', eventOid);
    appendField(out, 'E', eventRepeat);
    appendField(out, 'f', formOid);
    appendField(out, 'F', formRepeat);
    appendField(out, 'I', itemOid);
    appendField(out, 'o', oldValue);
    appendField(out, 'v', newValue);
    appendField(out, 'w', reason);
    appendField(out, 'p', replacesEventId);
    return out;
}

QString AuditEvent::computeHash() const
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(prevHash.toLatin1());
    h.addData(canonicalEncoding());
    return QString::fromLatin1(h.result().toHex());
}

QString genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

} // namespace cellcrf::audit
