#pragma once

// Internal to model/clinical: reads the named inputs of one derivation from a JSON
// object and stops at the first problem, remembering which field it was. The
// derivations never grade from partial or mistyped input: unknown names, wrong
// types, out-of-range numbers and unknown codes are all errors naming the field.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace cellcrf::clinical {

struct NumberRange
{
    double min = 0.0;
    double max = 0.0;
    bool minInclusive = true;
    bool maxInclusive = true;
    QString unit; // shown after the numbers in messages, may be empty
};

class JsonInput
{
public:
    // `known` is every input name the derivation understands.
    JsonInput(const QJsonObject &object, const QStringList &known);

    // A name is present when it is in the object and not null: a null is a blank
    // form item and counts as missing.
    bool has(const QString &name) const;

    // Each reader returns nothing when the field is absent (and, if required,
    // records the error) or when it is invalid (and records the error).
    std::optional<double> number(const QString &name, const NumberRange &range, bool required);
    std::optional<int> integer(const QString &name, int min, int max, bool required);
    std::optional<bool> boolean(const QString &name, bool required);
    // true/false or 1/0, as the ICE item checklist may be entered either way.
    std::optional<bool> booleanOrBit(const QJsonObject &object, const QString &name, const QString &path);
    std::optional<QString> code(const QString &name, const QStringList &allowed, bool required);
    std::optional<QStringList> codeList(const QString &name, const QStringList &allowed, bool required);
    std::optional<QJsonObject> object(const QString &name, bool required);
    std::optional<QJsonArray> array(const QString &name, bool required);

    // Read a value held inside a list or object of the input (an entry of a
    // series); `path` names it in messages, e.g. anc_series[2].day.
    std::optional<double> numberValue(const QJsonValue &value, const QString &path, const NumberRange &range,
                                      bool required);
    std::optional<int> integerValue(const QJsonValue &value, const QString &path, int min, int max, bool required);

    // Reports a problem found by the caller (for example two inputs that contradict).
    void fail(const QString &field, const QString &message);

    bool failed() const { return !m_errorField.isEmpty(); }
    QJsonObject error() const;
    QJsonValue value(const QString &name) const { return m_object.value(name); }

private:
    bool rejectType(const QString &name, const QString &expected);

    QJsonObject m_object;
    QString m_errorField;
    QString m_errorMessage;
};

// The error object every derivation returns on invalid input.
QJsonObject errorObject(const QString &message, const QString &field);

// Checks that an object (such as ice_items) holds only the listed names.
bool rejectUnknownKeys(JsonInput &input, const QJsonObject &object, const QStringList &known, const QString &path);

} // namespace cellcrf::clinical
