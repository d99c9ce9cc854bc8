#pragma once

// The expression language of study definitions: show-if conditions, cross-field
// edit checks and calculated items. Grammar and semantics: resources/studies/EXPRESSIONS.md.
// Parsing yields a tree; evaluation walks only that tree, so nothing outside the
// grammar can ever run. The language knows no study: what an item's type means
// for its stored text is rules/storedvalue.h, one layer up.

#include "core/result.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QSharedPointer>
#include <QStringList>
#include <QTime>
#include <QVariant>

#include <functional>
#include <optional>

namespace cellcrf::expr {

// A typed value inside an evaluation. Null is "blank": arithmetic and
// comparisons with a blank give blank; `and`/`or` use three-valued logic.
// A partial date (YYYY or YYYY-MM) is not blank, yet it takes part in no
// arithmetic or comparison: there it behaves as blank.
class Value
{
public:
    enum class Type
    {
        Null,
        Boolean,
        Number,
        Text,
        Date,
        Time,
        DateTime,
        CodeSet,
        PartialDate
    };

    Value() = default;
    static Value null() { return {}; }
    static Value boolean(bool b);
    static Value number(double d);
    static Value text(const QString &s);
    static Value date(const QDate &d);
    static Value time(const QTime &t);
    static Value dateTime(const QDateTime &dt);
    static Value codeSet(const QStringList &codes);
    static Value partialDate(const QString &isoText); // "2024" or "2024-03"

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    // Null, or a partial date: what arithmetic and comparisons treat as blank.
    bool isUnknown() const { return m_type == Type::Null || m_type == Type::PartialDate; }
    bool toBool() const;
    double toNumber() const;
    QString toText() const; // also the text of a partial date
    QDate toDate() const;
    QTime toTime() const;
    QDateTime toDateTime() const;
    QStringList toCodeSet() const;

    friend bool operator==(const Value &a, const Value &b) { return a.m_type == b.m_type && a.m_data == b.m_data; }

private:
    Type m_type = Type::Null;
    QVariant m_data;
};

// What an expression can see: the items of the form being evaluated by plain
// name, and items of other forms of the same subject as "form.item".
class EvaluationContext
{
public:
    virtual ~EvaluationContext() = default;
    // Value of a reference; std::nullopt when the reference does not exist at all.
    virtual std::optional<Value> value(const QString &reference) const = 0;
};

class ExpressionNode;

// A context over a fixed map of references, for callers that already hold the values.
class MapContext final : public EvaluationContext
{
public:
    MapContext() = default;
    explicit MapContext(QHash<QString, Value> values)
        : m_values(std::move(values))
    {}
    void insert(const QString &reference, const Value &value) { m_values.insert(reference, value); }
    std::optional<Value> value(const QString &reference) const override;

private:
    QHash<QString, Value> m_values;
};

class Expression
{
public:
    Expression() = default;

    // Parses and type-checks what can be checked without the study. An empty or
    // blank source is an error; the message names the column (from 1).
    static Result<Expression> parse(const QString &source);

    // Every item reference in the expression ("item" or "form.item"), each once,
    // in order of first appearance.
    QStringList references() const;
    // A reference the context does not know evaluates as blank. An empty
    // expression evaluates as blank.
    Value evaluate(const EvaluationContext &context) const;
    const QString &source() const { return m_source; }
    bool isEmpty() const { return !m_root; }

private:
    QString m_source;
    QSharedPointer<const ExpressionNode> m_root;
};

} // namespace cellcrf::expr
