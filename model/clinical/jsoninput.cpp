#include "jsoninput.h"

#include "clinicaltext.h"

#include <QJsonArray>

#include <cmath>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

QString rangeText(const NumberRange &range)
{
    const QString unit = range.unit.isEmpty() ? QString() : u" "_s + range.unit;
    const QString low = plainNumber(range.min, 6);
    const QString high = plainNumber(range.max, 6);
    if (range.minInclusive && range.maxInclusive)
        return ClinicalText::tr("from %1 to %2%3").arg(low, high, unit);
    if (!range.minInclusive && range.maxInclusive)
        return ClinicalText::tr("greater than %1 and at most %2%3").arg(low, high, unit);
    if (range.minInclusive)
        return ClinicalText::tr("at least %1 and less than %2%3").arg(low, high, unit);
    return ClinicalText::tr("greater than %1 and less than %2%3").arg(low, high, unit);
}

bool inRange(double value, const NumberRange &range)
{
    const bool aboveMin = range.minInclusive ? value >= range.min : value > range.min;
    const bool belowMax = range.maxInclusive ? value <= range.max : value < range.max;
    return aboveMin && belowMax;
}

} // namespace

QJsonObject errorObject(const QString &message, const QString &field)
{
    return QJsonObject{{u"error"_s, message}, {u"field"_s, field}};
}

JsonInput::JsonInput(const QJsonObject &object, const QStringList &known)
    : m_object(object)
{
    // Typos must not silently drop an input, so an unknown name is an error.
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            fail(it.key(), ClinicalText::tr("%1 is not an input of this derivation (known inputs: %2)")
                               .arg(it.key(), known.join(u", "_s)));
            return;
        }
    }
}

bool JsonInput::has(const QString &name) const
{
    const QJsonValue v = m_object.value(name);
    return !v.isUndefined() && !v.isNull();
}

void JsonInput::fail(const QString &field, const QString &message)
{
    if (failed())
        return; // the first problem is the one reported
    m_errorField = field;
    m_errorMessage = message;
}

QJsonObject JsonInput::error() const
{
    return errorObject(m_errorMessage, m_errorField);
}

bool JsonInput::rejectType(const QString &name, const QString &expected)
{
    fail(name, ClinicalText::tr("%1 must be %2").arg(name, expected));
    return false;
}

std::optional<double> JsonInput::number(const QString &name, const NumberRange &range, bool required)
{
    return numberValue(m_object.value(name), name, range, required);
}

std::optional<int> JsonInput::integer(const QString &name, int min, int max, bool required)
{
    return integerValue(m_object.value(name), name, min, max, required);
}

std::optional<double> JsonInput::numberValue(const QJsonValue &v, const QString &path, const NumberRange &range,
                                             bool required)
{
    if (failed())
        return std::nullopt;
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(path, ClinicalText::tr("%1 is required").arg(path));
        return std::nullopt;
    }
    if (!v.isDouble()) {
        rejectType(path, ClinicalText::tr("a number"));
        return std::nullopt;
    }
    const double value = v.toDouble();
    if (!std::isfinite(value) || !inRange(value, range)) {
        fail(path, ClinicalText::tr("%1 = %2 is out of range: it must be %3")
                       .arg(path, plainNumber(value, 6), rangeText(range)));
        return std::nullopt;
    }
    return value;
}

std::optional<int> JsonInput::integerValue(const QJsonValue &v, const QString &path, int min, int max, bool required)
{
    const std::optional<double> value =
        numberValue(v, path, {static_cast<double>(min), static_cast<double>(max), true, true, {}}, required);
    if (!value)
        return std::nullopt;
    if (std::floor(*value) != *value) {
        rejectType(path, ClinicalText::tr("a whole number"));
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

std::optional<bool> JsonInput::boolean(const QString &name, bool required)
{
    if (failed())
        return std::nullopt;
    if (!has(name)) {
        if (required)
            fail(name, ClinicalText::tr("%1 is required").arg(name));
        return std::nullopt;
    }
    const QJsonValue v = m_object.value(name);
    if (!v.isBool()) {
        rejectType(name, ClinicalText::tr("true or false"));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<bool> JsonInput::booleanOrBit(const QJsonObject &object, const QString &name, const QString &path)
{
    if (failed())
        return std::nullopt;
    const QJsonValue v = object.value(name);
    if (v.isUndefined() || v.isNull()) {
        fail(path, ClinicalText::tr("%1 is required").arg(path));
        return std::nullopt;
    }
    if (v.isBool())
        return v.toBool();
    if (v.isDouble() && (v.toDouble() == 0.0 || v.toDouble() == 1.0))
        return v.toDouble() == 1.0;
    rejectType(path, ClinicalText::tr("true, false, 1 or 0"));
    return std::nullopt;
}

std::optional<QString> JsonInput::code(const QString &name, const QStringList &allowed, bool required)
{
    if (failed())
        return std::nullopt;
    if (!has(name)) {
        if (required)
            fail(name, ClinicalText::tr("%1 is required (one of: %2)").arg(name, allowed.join(u", "_s)));
        return std::nullopt;
    }
    const QJsonValue v = m_object.value(name);
    if (!v.isString()) {
        rejectType(name, ClinicalText::tr("one of the codes %1").arg(allowed.join(u", "_s)));
        return std::nullopt;
    }
    const QString text = v.toString();
    if (!allowed.contains(text)) {
        fail(name,
             ClinicalText::tr("%1: \"%2\" is not a known code (one of: %3)").arg(name, text, allowed.join(u", "_s)));
        return std::nullopt;
    }
    return text;
}

std::optional<QStringList> JsonInput::codeList(const QString &name, const QStringList &allowed, bool required)
{
    if (failed())
        return std::nullopt;
    if (!has(name)) {
        if (required)
            fail(name, ClinicalText::tr("%1 is required").arg(name));
        return std::nullopt;
    }
    const QJsonValue v = m_object.value(name);
    if (!v.isArray()) {
        rejectType(name, ClinicalText::tr("a list of codes (%1)").arg(allowed.join(u", "_s)));
        return std::nullopt;
    }
    QStringList codes;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString() || !allowed.contains(item.toString())) {
            const QString shown = item.isString() ? item.toString() : ClinicalText::tr("(not text)");
            fail(name, ClinicalText::tr("%1: \"%2\" is not a known code (one of: %3)")
                           .arg(name, shown, allowed.join(u", "_s)));
            return std::nullopt;
        }
        if (!codes.contains(item.toString()))
            codes.append(item.toString());
    }
    return codes;
}

std::optional<QJsonObject> JsonInput::object(const QString &name, bool required)
{
    if (failed())
        return std::nullopt;
    if (!has(name)) {
        if (required)
            fail(name, ClinicalText::tr("%1 is required").arg(name));
        return std::nullopt;
    }
    const QJsonValue v = m_object.value(name);
    if (!v.isObject()) {
        rejectType(name, ClinicalText::tr("an object of named items"));
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QJsonArray> JsonInput::array(const QString &name, bool required)
{
    if (failed())
        return std::nullopt;
    if (!has(name)) {
        if (required)
            fail(name, ClinicalText::tr("%1 is required").arg(name));
        return std::nullopt;
    }
    const QJsonValue v = m_object.value(name);
    if (!v.isArray()) {
        rejectType(name, ClinicalText::tr("a list"));
        return std::nullopt;
    }
    return v.toArray();
}

bool rejectUnknownKeys(JsonInput &input, const QJsonObject &object, const QStringList &known, const QString &path)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            const QString field = path + u'.' + it.key();
            input.fail(field,
                       ClinicalText::tr("%1 is not a known item (known items: %2)").arg(field, known.join(u", "_s)));
            return false;
        }
    }
    return true;
}

} // namespace cellcrf::clinical
