#include "audit/formcontent.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>

#include <algorithm>

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

// The canonical order of a casebook's forms: event oid, event repeat, form oid,
// form repeat; oids by their UTF-8 bytes (as SQLite's BINARY collation).
bool canonicalOrder(const CasebookForm &a, const CasebookForm &b)
{
    const int e = a.eventOid.toUtf8().compare(b.eventOid.toUtf8());
    if (e != 0)
        return e < 0;
    if (a.eventRepeat != b.eventRepeat)
        return a.eventRepeat < b.eventRepeat;
    const int f = a.formOid.toUtf8().compare(b.formOid.toUtf8());
    return f != 0 ? f < 0 : a.formRepeat < b.formRepeat;
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

QString casebookContentHash(const QString &subjectKey, QList<CasebookForm> forms)
{
    std::sort(forms.begin(), forms.end(), canonicalOrder);
    QByteArray content("cellcrf-casebook-1;");
    appendField(content, subjectKey);
    for (const CasebookForm &f : std::as_const(forms)) {
        appendField(content, f.eventOid);
        appendField(content, QString::number(f.eventRepeat));
        appendField(content, f.formOid);
        appendField(content, QString::number(f.formRepeat));
        appendField(content, f.contentHash);
    }
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

Result<CasebookContent> storedCasebookContent(const store::Database &db, qint64 subjectId)
{
    store::Query subject(db, QStringLiteral("SELECT subject_key FROM subject WHERE id = ?"));
    subject.bind(subjectId);
    if (Status s = subject.exec(); !s)
        return s;
    if (!subject.next())
        return Status::error(ErrorCode::NotFound,
                             QCoreApplication::translate("cellcrf::audit", "No such subject: %1.").arg(subjectId));
    CasebookContent out;
    out.subjectKey = subject.text(0);

    store::Query q(db, QStringLiteral("SELECT fi.id, fi.event_oid, fi.event_repeat, fi.form_oid, fi.form_repeat, "
                                      "iv.item_oid, iv.value, iv.missing_reason, iv.soft_confirmed "
                                      "FROM form_instance fi JOIN item_value iv ON iv.form_instance_id = fi.id "
                                      "WHERE fi.subject_id = ? ORDER BY fi.id"));
    q.bind(subjectId);
    if (Status s = q.exec(); !s)
        return s;
    QList<qint64> order;
    QHash<qint64, CasebookForm> forms;
    QHash<qint64, FormValues> values;
    while (q.next()) {
        const qint64 id = q.integer(0);
        if (!forms.contains(id)) {
            order.append(id);
            forms.insert(id, CasebookForm{q.text(1), int(q.integer(2)), q.text(3), int(q.integer(4)), {}});
        }
        values[id].insert(q.text(5), ItemEntry{q.text(6), q.text(7), q.integer(8) != 0});
    }
    for (const qint64 id : std::as_const(order)) {
        const FormValues &v = values[id];
        const bool holdsContent = std::any_of(
            v.cbegin(), v.cend(), [](const ItemEntry &e) { return !e.value.isEmpty() || !e.missingReason.isEmpty(); });
        if (!holdsContent)
            continue;
        CasebookForm f = forms.value(id);
        f.contentHash = formContentHash(v);
        out.forms.append(f);
    }
    std::sort(out.forms.begin(), out.forms.end(), canonicalOrder);
    out.hash = casebookContentHash(out.subjectKey, out.forms);
    return out;
}

QString casebookSignatureEventValue(const QString &meaning, const QString &contentHash, int formCount)
{
    return QStringLiteral("meaning=%1;sha256=%2;forms=%3").arg(meaning, contentHash).arg(formCount);
}

} // namespace cellcrf::audit
