#pragma once

// The tree an expression parses into. Evaluation walks these nodes and nothing
// else: there is no way for an expression to reach anything but the values its
// context hands out.

#include "expr/expression.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace cellcrf::expr {

// What the parser knows of a value's type before evaluation. A reference is
// Unknown (the parser does not see the study); literals and most functions are known.
enum class StaticType
{
    Unknown,
    Null,
    Boolean,
    Number,
    Text,
    Date,
    Time,
    DateTime,
    CodeSet
};

QString staticTypeName(StaticType type);

class ExpressionNode
{
public:
    explicit ExpressionNode(int column)
        : m_column(column)
    {}
    virtual ~ExpressionNode() = default;
    Q_DISABLE_COPY_MOVE(ExpressionNode)

    virtual Value evaluate(const EvaluationContext &context) const = 0;
    virtual StaticType staticType() const = 0;
    virtual void collectReferences(QStringList &references) const = 0;
    int column() const { return m_column; }

private:
    int m_column;
};

using NodePtr = std::unique_ptr<ExpressionNode>;

class LiteralNode final : public ExpressionNode
{
public:
    LiteralNode(int column, Value value, StaticType type)
        : ExpressionNode(column)
        , m_value(std::move(value))
        , m_type(type)
    {}
    Value evaluate(const EvaluationContext &) const override { return m_value; }
    StaticType staticType() const override { return m_type; }
    void collectReferences(QStringList &) const override {}
    const Value &value() const { return m_value; }

private:
    Value m_value;
    StaticType m_type;
};

class ReferenceNode final : public ExpressionNode
{
public:
    ReferenceNode(int column, QString name)
        : ExpressionNode(column)
        , m_name(std::move(name))
    {}
    Value evaluate(const EvaluationContext &context) const override;
    StaticType staticType() const override { return StaticType::Unknown; }
    void collectReferences(QStringList &references) const override;

private:
    QString m_name;
};

class NotNode final : public ExpressionNode
{
public:
    NotNode(int column, NodePtr operand)
        : ExpressionNode(column)
        , m_operand(std::move(operand))
    {}
    Value evaluate(const EvaluationContext &context) const override;
    StaticType staticType() const override { return StaticType::Boolean; }
    void collectReferences(QStringList &references) const override { m_operand->collectReferences(references); }

private:
    NodePtr m_operand;
};

class NegateNode final : public ExpressionNode
{
public:
    NegateNode(int column, NodePtr operand)
        : ExpressionNode(column)
        , m_operand(std::move(operand))
    {}
    Value evaluate(const EvaluationContext &context) const override;
    StaticType staticType() const override { return StaticType::Number; }
    void collectReferences(QStringList &references) const override { m_operand->collectReferences(references); }

private:
    NodePtr m_operand;
};

enum class BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Add,
    Subtract,
    Multiply,
    Divide
};

QString operatorSymbol(BinaryOperator op);

class BinaryNode final : public ExpressionNode
{
public:
    BinaryNode(int column, BinaryOperator op, NodePtr left, NodePtr right, StaticType type)
        : ExpressionNode(column)
        , m_op(op)
        , m_left(std::move(left))
        , m_right(std::move(right))
        , m_type(type)
    {}
    Value evaluate(const EvaluationContext &context) const override;
    StaticType staticType() const override { return m_type; }
    void collectReferences(QStringList &references) const override;

private:
    BinaryOperator m_op;
    NodePtr m_left;
    NodePtr m_right;
    StaticType m_type;
};

enum class Function
{
    IsBlank,
    NotBlank,
    Date,
    Age,
    Days,
    Has,
    Min,
    Max,
    Abs,
    Round,
    If,
    Len
};

class CallNode final : public ExpressionNode
{
public:
    CallNode(int column, Function function, std::vector<NodePtr> arguments, StaticType type)
        : ExpressionNode(column)
        , m_function(function)
        , m_arguments(std::move(arguments))
        , m_type(type)
    {}
    Value evaluate(const EvaluationContext &context) const override;
    StaticType staticType() const override { return m_type; }
    void collectReferences(QStringList &references) const override;

private:
    Value evaluateMinMax(const EvaluationContext &context) const;

    Function m_function;
    std::vector<NodePtr> m_arguments;
    StaticType m_type;
};

// Semantics shared by the nodes, exposed for the tests of edge cases.
namespace semantics {
// Equality with blank (or a partial date) on either side, or of incompatible types, is blank.
Value equal(const Value &a, const Value &b);
// -1, 0 or 1; nullopt when either side is blank or the types have no order.
std::optional<int> order(const Value &a, const Value &b);
Value arithmetic(BinaryOperator op, const Value &a, const Value &b);
// A date, or the date of a date-time; nullopt for anything else.
std::optional<QDate> asDate(const Value &v);
} // namespace semantics

} // namespace cellcrf::expr
