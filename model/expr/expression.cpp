#include "expr/expression.h"

#include "expr/ast.h"
#include "expr/canonical.h"
#include "expr/parser.h"

using namespace Qt::StringLiterals;

namespace cellcrf::expr {

Value Value::boolean(bool b)
{
    Value v;
    v.m_type = Type::Boolean;
    v.m_data = b;
    return v;
}

Value Value::number(double d)
{
    Value v;
    v.m_type = Type::Number;
    v.m_data = d;
    return v;
}

Value Value::text(const QString &s)
{
    Value v;
    v.m_type = Type::Text;
    v.m_data = s;
    return v;
}

Value Value::date(const QDate &d)
{
    if (!d.isValid())
        return {};
    Value v;
    v.m_type = Type::Date;
    v.m_data = d;
    return v;
}

Value Value::time(const QTime &t)
{
    if (!t.isValid())
        return {};
    Value v;
    v.m_type = Type::Time;
    v.m_data = t;
    return v;
}

Value Value::dateTime(const QDateTime &dt)
{
    if (!dt.isValid())
        return {};
    Value v;
    v.m_type = Type::DateTime;
    v.m_data = dt;
    return v;
}

Value Value::codeSet(const QStringList &codes)
{
    Value v;
    v.m_type = Type::CodeSet;
    v.m_data = codes;
    return v;
}

Value Value::partialDate(const QString &isoText)
{
    Value v;
    v.m_type = Type::PartialDate;
    v.m_data = isoText;
    return v;
}

bool Value::toBool() const
{
    return m_type == Type::Boolean && m_data.toBool();
}

double Value::toNumber() const
{
    return m_type == Type::Number ? m_data.toDouble() : 0.0;
}

QString Value::toText() const
{
    switch (m_type) {
    case Type::Null:
        return {};
    case Type::Boolean:
        return m_data.toBool() ? u"1"_s : u"0"_s;
    case Type::Number:
        return canonical::formatNumber(m_data.toDouble());
    case Type::Text:
    case Type::PartialDate:
        return m_data.toString();
    case Type::Date:
        return canonical::formatDate(m_data.toDate());
    case Type::Time:
        return canonical::formatTime(m_data.toTime());
    case Type::DateTime:
        return canonical::formatDateTime(m_data.toDateTime());
    case Type::CodeSet:
        return m_data.toStringList().join(u'|');
    }
    return {};
}

QDate Value::toDate() const
{
    if (m_type == Type::Date)
        return m_data.toDate();
    if (m_type == Type::DateTime)
        return m_data.toDateTime().date();
    return {};
}

QTime Value::toTime() const
{
    if (m_type == Type::Time)
        return m_data.toTime();
    if (m_type == Type::DateTime)
        return m_data.toDateTime().time();
    return {};
}

QDateTime Value::toDateTime() const
{
    return m_type == Type::DateTime ? m_data.toDateTime() : QDateTime();
}

QStringList Value::toCodeSet() const
{
    if (m_type == Type::CodeSet)
        return m_data.toStringList();
    if (m_type == Type::Text)
        return {m_data.toString()};
    return {};
}

std::optional<Value> MapContext::value(const QString &reference) const
{
    const auto it = m_values.constFind(reference);
    if (it == m_values.cend())
        return std::nullopt;
    return *it;
}

Result<Expression> Expression::parse(const QString &source)
{
    auto root = parseExpression(source);
    if (!root)
        return root.status();
    Expression expression;
    expression.m_source = source;
    expression.m_root = QSharedPointer<const ExpressionNode>(std::move(root).value().release());
    return expression;
}

QStringList Expression::references() const
{
    QStringList references;
    if (m_root)
        m_root->collectReferences(references);
    return references;
}

Value Expression::evaluate(const EvaluationContext &context) const
{
    if (!m_root)
        return {};
    return m_root->evaluate(context);
}

} // namespace cellcrf::expr
