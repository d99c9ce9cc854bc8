#include "rules/storedvalue.h"

#include "expr/canonical.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace cellcrf::rules {

using expr::Value;
namespace canonical = expr::canonical;

Value valueFromStored(const study::Item &item, const QString &text)
{
    if (text.isEmpty())
        return {};
    using study::ItemType;
    switch (item.type) {
    case ItemType::Integer:
    case ItemType::Decimal:
        if (const auto n = canonical::parseNumber(text))
            return Value::number(*n);
        return {};
    case ItemType::Date:
        if (const auto d = canonical::parseDate(text))
            return Value::date(*d);
        if (canonical::isPartialDate(text))
            return Value::partialDate(text);
        return {};
    case ItemType::Time:
        if (const auto t = canonical::parseTime(text))
            return Value::time(*t);
        return {};
    case ItemType::DateTime:
        if (const auto dt = canonical::parseDateTime(text))
            return Value::dateTime(*dt);
        return {};
    case ItemType::Text:
    case ItemType::SingleChoice:
        return Value::text(text);
    case ItemType::MultipleChoice:
        return Value::codeSet(text.split(u'|', Qt::SkipEmptyParts));
    case ItemType::YesNo:
        if (text == u"1"_s)
            return Value::boolean(true);
        if (text == u"0"_s)
            return Value::boolean(false);
        return {};
    case ItemType::Calculated:
    case ItemType::Derived:
        if (const auto n = canonical::parseNumber(text))
            return Value::number(*n);
        return Value::text(text);
    }
    return {};
}

QString storedText(const Value &value, study::ItemType type)
{
    if (value.type() == Value::Type::Null)
        return {};
    switch (type) {
    case study::ItemType::Integer:
        if (value.type() == Value::Type::Number)
            return canonical::formatNumber(double(std::llround(value.toNumber())));
        break;
    case study::ItemType::YesNo:
        if (value.type() == Value::Type::Boolean)
            return value.toBool() ? u"1"_s : u"0"_s;
        break;
    default:
        break;
    }
    return value.toText();
}

} // namespace cellcrf::rules
