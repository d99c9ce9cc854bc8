#include "expr/ast.h"

#include "expr/canonical.h"

#include <QString>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace cellcrf::expr {

QString staticTypeName(StaticType type)
{
    switch (type) {
    case StaticType::Unknown:
        return u"value"_s;
    case StaticType::Null:
        return u"blank"_s;
    case StaticType::Boolean:
        return u"true/false"_s;
    case StaticType::Number:
        return u"number"_s;
    case StaticType::Text:
        return u"text"_s;
    case StaticType::Date:
        return u"date"_s;
    case StaticType::Time:
        return u"time"_s;
    case StaticType::DateTime:
        return u"date-time"_s;
    case StaticType::CodeSet:
        return u"set of codes"_s;
    }
    return {};
}

QString operatorSymbol(BinaryOperator op)
{
    switch (op) {
    case BinaryOperator::Or:
        return u"or"_s;
    case BinaryOperator::And:
        return u"and"_s;
    case BinaryOperator::Equal:
        return u"="_s;
    case BinaryOperator::NotEqual:
        return u"!="_s;
    case BinaryOperator::Less:
        return u"<"_s;
    case BinaryOperator::LessEqual:
        return u"<="_s;
    case BinaryOperator::Greater:
        return u">"_s;
    case BinaryOperator::GreaterEqual:
        return u">="_s;
    case BinaryOperator::Add:
        return u"+"_s;
    case BinaryOperator::Subtract:
        return u"-"_s;
    case BinaryOperator::Multiply:
        return u"*"_s;
    case BinaryOperator::Divide:
        return u"/"_s;
    }
    return {};
}

namespace semantics {

namespace {
// Numbers from measurements and decimal literals rarely match to the last bit
// (0.1 + 0.2 against 0.3); a relative tolerance far below any recorded precision
// makes `=` mean what a reader expects.
bool nearlyEqual(double a, double b)
{
    const double scale = std::max({1.0, std::fabs(a), std::fabs(b)});
    return std::fabs(a - b) <= 1e-9 * scale;
}

template<typename T> int compareOrdered(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

Value numberOrBlank(double d)
{
    return std::isfinite(d) ? Value::number(d) : Value::null();
}
} // namespace

std::optional<QDate> asDate(const Value &v)
{
    if (v.type() == Value::Type::Date)
        return v.toDate();
    if (v.type() == Value::Type::DateTime)
        return v.toDateTime().date();
    return std::nullopt;
}

std::optional<int> order(const Value &a, const Value &b)
{
    if (a.isUnknown() || b.isUnknown() || a.type() != b.type())
        return std::nullopt;
    switch (a.type()) {
    case Value::Type::Number:
        if (nearlyEqual(a.toNumber(), b.toNumber()))
            return 0;
        return a.toNumber() < b.toNumber() ? -1 : 1;
    case Value::Type::Text:
        return compareOrdered(QString::compare(a.toText(), b.toText()), 0);
    case Value::Type::Date:
        return compareOrdered(a.toDate(), b.toDate());
    case Value::Type::Time:
        return compareOrdered(a.toTime(), b.toTime());
    case Value::Type::DateTime:
        return compareOrdered(a.toDateTime(), b.toDateTime());
    default:
        return std::nullopt;
    }
}

Value equal(const Value &a, const Value &b)
{
    if (a.isUnknown() || b.isUnknown() || a.type() != b.type())
        return Value::null();
    switch (a.type()) {
    case Value::Type::Boolean:
        return Value::boolean(a.toBool() == b.toBool());
    case Value::Type::CodeSet: {
        QStringList x = a.toCodeSet();
        QStringList y = b.toCodeSet();
        x.sort();
        y.sort();
        return Value::boolean(x == y);
    }
    default:
        if (const auto o = order(a, b))
            return Value::boolean(*o == 0);
        return Value::null();
    }
}

Value arithmetic(BinaryOperator op, const Value &a, const Value &b)
{
    if (a.isUnknown() || b.isUnknown())
        return Value::null();
    using T = Value::Type;
    const T ta = a.type();
    const T tb = b.type();
    if (ta == T::Number && tb == T::Number) {
        const double x = a.toNumber();
        const double y = b.toNumber();
        switch (op) {
        case BinaryOperator::Add:
            return numberOrBlank(x + y);
        case BinaryOperator::Subtract:
            return numberOrBlank(x - y);
        case BinaryOperator::Multiply:
            return numberOrBlank(x * y);
        case BinaryOperator::Divide:
            if (y == 0.0)
                return Value::null();
            return numberOrBlank(x / y);
        default:
            return Value::null();
        }
    }
    // Days added to a date are whole days: half a day rounds away from zero.
    if (ta == T::Date && tb == T::Number && (op == BinaryOperator::Add || op == BinaryOperator::Subtract)) {
        const qint64 n = std::llround(b.toNumber());
        const QDate d = a.toDate().addDays(op == BinaryOperator::Add ? n : -n);
        return d.isValid() ? Value::date(d) : Value::null();
    }
    if (ta == T::Number && tb == T::Date && op == BinaryOperator::Add)
        return arithmetic(op, b, a);
    if (ta == T::Date && tb == T::Date && op == BinaryOperator::Subtract)
        return Value::number(double(b.toDate().daysTo(a.toDate())));
    if (ta == T::DateTime && tb == T::Number && (op == BinaryOperator::Add || op == BinaryOperator::Subtract)) {
        const qint64 seconds = std::llround(b.toNumber() * 86400.0);
        return Value::dateTime(a.toDateTime().addSecs(op == BinaryOperator::Add ? seconds : -seconds));
    }
    if (ta == T::Number && tb == T::DateTime && op == BinaryOperator::Add)
        return arithmetic(op, b, a);
    if (ta == T::DateTime && tb == T::DateTime && op == BinaryOperator::Subtract)
        return Value::number(double(b.toDateTime().secsTo(a.toDateTime())) / 86400.0);
    return Value::null();
}

} // namespace semantics

Value ReferenceNode::evaluate(const EvaluationContext &context) const
{
    return context.value(m_name).value_or(Value::null());
}

void ReferenceNode::collectReferences(QStringList &references) const
{
    if (!references.contains(m_name))
        references.append(m_name);
}

Value NotNode::evaluate(const EvaluationContext &context) const
{
    const Value v = m_operand->evaluate(context);
    if (v.type() != Value::Type::Boolean)
        return Value::null();
    return Value::boolean(!v.toBool());
}

Value NegateNode::evaluate(const EvaluationContext &context) const
{
    const Value v = m_operand->evaluate(context);
    if (v.type() != Value::Type::Number)
        return Value::null();
    return Value::number(-v.toNumber());
}

void BinaryNode::collectReferences(QStringList &references) const
{
    m_left->collectReferences(references);
    m_right->collectReferences(references);
}

Value BinaryNode::evaluate(const EvaluationContext &context) const
{
    switch (m_op) {
    case BinaryOperator::And:
    case BinaryOperator::Or: {
        // Kleene logic: the deciding value (false for and, true for or) wins over
        // blank; otherwise any blank, or anything not true/false, makes it blank.
        const bool decider = m_op == BinaryOperator::Or;
        const Value left = m_left->evaluate(context);
        if (left.type() == Value::Type::Boolean && left.toBool() == decider)
            return left;
        const Value right = m_right->evaluate(context);
        if (right.type() == Value::Type::Boolean && right.toBool() == decider)
            return right;
        if (left.type() == Value::Type::Boolean && right.type() == Value::Type::Boolean)
            return Value::boolean(!decider);
        return Value::null();
    }
    case BinaryOperator::Equal:
    case BinaryOperator::NotEqual: {
        const Value e = semantics::equal(m_left->evaluate(context), m_right->evaluate(context));
        if (e.isNull() || m_op == BinaryOperator::Equal)
            return e;
        return Value::boolean(!e.toBool());
    }
    case BinaryOperator::Less:
    case BinaryOperator::LessEqual:
    case BinaryOperator::Greater:
    case BinaryOperator::GreaterEqual: {
        const auto o = semantics::order(m_left->evaluate(context), m_right->evaluate(context));
        if (!o)
            return Value::null();
        switch (m_op) {
        case BinaryOperator::Less:
            return Value::boolean(*o < 0);
        case BinaryOperator::LessEqual:
            return Value::boolean(*o <= 0);
        case BinaryOperator::Greater:
            return Value::boolean(*o > 0);
        default:
            return Value::boolean(*o >= 0);
        }
    }
    case BinaryOperator::Add:
    case BinaryOperator::Subtract:
    case BinaryOperator::Multiply:
    case BinaryOperator::Divide:
        return semantics::arithmetic(m_op, m_left->evaluate(context), m_right->evaluate(context));
    }
    return Value::null();
}

void CallNode::collectReferences(QStringList &references) const
{
    for (const auto &argument : m_arguments)
        argument->collectReferences(references);
}

namespace {
// Half away from zero at `digits` places; the scaled value is first cut to 15
// significant digits so that 2.675 (stored as 2.67499999...) rounds to 2.68.
double roundHalfAway(double value, int digits)
{
    const double factor = std::pow(10.0, digits);
    const double scaled = QString::number(value * factor, 'g', 15).toDouble();
    return std::round(scaled) / factor;
}

int completedYears(const QDate &birth, const QDate &on)
{
    int years = on.year() - birth.year();
    if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day()))
        --years;
    return years;
}
} // namespace

Value CallNode::evaluateMinMax(const EvaluationContext &context) const
{
    Value best;
    for (const auto &argument : m_arguments) {
        const Value v = argument->evaluate(context);
        if (v.isUnknown())
            return Value::null();
        if (best.isNull()) {
            best = v;
            continue;
        }
        const auto o = semantics::order(v, best);
        if (!o)
            return Value::null();
        if ((m_function == Function::Min && *o < 0) || (m_function == Function::Max && *o > 0))
            best = v;
    }
    return best;
}

Value CallNode::evaluate(const EvaluationContext &context) const
{
    auto arg = [&](std::size_t i) { return m_arguments.at(i)->evaluate(context); };
    switch (m_function) {
    case Function::IsBlank:
        return Value::boolean(arg(0).isNull());
    case Function::NotBlank:
        return Value::boolean(!arg(0).isNull());
    case Function::Date: {
        const Value v = arg(0);
        if (v.type() == Value::Type::Date || v.type() == Value::Type::PartialDate)
            return v;
        if (v.type() == Value::Type::DateTime)
            return Value::date(v.toDateTime().date());
        if (v.type() != Value::Type::Text)
            return Value::null();
        if (const auto d = canonical::parseDate(v.toText()))
            return Value::date(*d);
        if (canonical::isPartialDate(v.toText()))
            return Value::partialDate(v.toText());
        return Value::null();
    }
    case Function::Age: {
        const auto birth = semantics::asDate(arg(0));
        const auto on = semantics::asDate(arg(1));
        if (!birth || !on)
            return Value::null();
        return Value::number(completedYears(*birth, *on));
    }
    case Function::Days: {
        const auto from = semantics::asDate(arg(0));
        const auto to = semantics::asDate(arg(1));
        if (!from || !to)
            return Value::null();
        return Value::number(double(from->daysTo(*to)));
    }
    case Function::Has: {
        const Value set = arg(0);
        const Value code = arg(1);
        if (set.isNull() || code.type() != Value::Type::Text)
            return Value::null();
        if (set.type() == Value::Type::CodeSet)
            return Value::boolean(set.toCodeSet().contains(code.toText()));
        if (set.type() == Value::Type::Text)
            return Value::boolean(set.toText() == code.toText());
        return Value::null();
    }
    case Function::Min:
    case Function::Max:
        return evaluateMinMax(context);
    case Function::Abs: {
        const Value v = arg(0);
        return v.type() == Value::Type::Number ? Value::number(std::fabs(v.toNumber())) : Value::null();
    }
    case Function::Round: {
        const Value v = arg(0);
        if (v.type() != Value::Type::Number)
            return Value::null();
        int digits = 0;
        if (m_arguments.size() > 1) {
            const Value d = arg(1);
            if (d.type() != Value::Type::Number)
                return Value::null();
            digits = int(std::clamp(std::round(d.toNumber()), -15.0, 15.0));
        }
        return Value::number(roundHalfAway(v.toNumber(), digits));
    }
    case Function::If: {
        const Value condition = arg(0);
        if (condition.type() != Value::Type::Boolean)
            return Value::null();
        return condition.toBool() ? arg(1) : arg(2);
    }
    case Function::Len: {
        const Value v = arg(0);
        if (v.type() == Value::Type::Text)
            return Value::number(double(v.toText().toUcs4().size()));
        if (v.type() == Value::Type::CodeSet)
            return Value::number(double(v.toCodeSet().size()));
        return Value::null();
    }
    }
    return Value::null();
}

} // namespace cellcrf::expr
