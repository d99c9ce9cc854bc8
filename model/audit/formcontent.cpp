#include "audit/formcontent.h"

#include "store/database.h"

#include <QCryptographicHash>

namespace cellcrf::audit {

namespace {
void appendField(QByteArray &out, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    out.append(QByteArray::number(bytes.size()));
    out.append(':');
    out.append(bytes);
    out.append(';');
}
} // namespace

QString formContentHash(const FormValues &values)
{
    QByteArray content("cellcrf-content-1;");
    // QMap iterates in key order, which is the canonical item order.
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (it->value.isEmpty() && it->missingReason.isEmpty())
            continue;
        appendField(content, it.key());
        appendField(content, it->value);
        appendField(content, it->missingReason);
    }
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

Result<FormValues> storedFormValues(const store::Database &db, qint64 formInstanceId)
{
    store::Query q(db, QStringLiteral("SELECT item_oid, value, missing_reason, soft_confirmed FROM item_value "
                                      "WHERE form_instance_id = ?"));
    q.bind(formInstanceId);
    if (Status s = q.exec(); !s)
        return s;
    FormValues values;
    while (q.next())
        values.insert(q.text(0), ItemEntry{q.text(1), q.text(2), q.integer(3) != 0});
    return values;
}

QString signatureEventValue(const QString &meaning, const QString &contentHash)
{
    return QStringLiteral("meaning=%1;sha256=%2").arg(meaning, contentHash);
}

} // namespace cellcrf::audit
