#pragma once

// Small helpers shared by the clinical tests: build a derivation input from a
// base object with some fields changed or removed, and look for a reason.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <initializer_list>
#include <utility>

namespace cellcrf::test {

inline QJsonObject with(QJsonObject base, std::initializer_list<std::pair<QString, QJsonValue>> changes)
{
    for (const auto &[key, value] : changes) {
        if (value.isUndefined())
            base.remove(key);
        else
            base.insert(key, value);
    }
    return base;
}

inline QJsonObject without(QJsonObject base, const QString &key)
{
    base.remove(key);
    return base;
}

inline bool hasReason(const QJsonObject &result, const QString &fragment)
{
    if (fragment.isEmpty())
        return true;
    const QJsonArray reasons = result.value(QStringLiteral("reasons")).toArray();
    for (const QJsonValue &r : reasons) {
        if (r.toString().contains(fragment))
            return true;
    }
    return false;
}

inline QString reasonsText(const QJsonObject &result)
{
    QString text;
    for (const QJsonValue &r : result.value(QStringLiteral("reasons")).toArray())
        text += r.toString() + QStringLiteral(" | ");
    return text;
}

} // namespace cellcrf::test
