#pragma once

// The expression language of study definitions: show-if conditions, cross-field
// edit checks and calculated items. Grammar and semantics: resources/studies/EXPRESSIONS.md.
// Parsing yields a tree; evaluation walks only that tree, so nothing outside the
// grammar can ever run.

#include "core/result.h"
#include "study/study.h"

#include <QDate>
#include <QSharedPointer>
#include <QStringList>
#include <QTime>
#include <QVariant>

#include <functional>
#include <optional>

namespace cellcrf::rules {

// A typed value inside an evaluation. Null is "blank": arithmetic and
// comparisons with a blank give blank; `and`/`or` use three-valued logic.
class Value
{
public:
    enum class Type { Null, Boolean, Number, Text, Date, Time, DateTime, CodeSet };

    Value() = default;
    static Value null() { return {}; }
    static Value boolean(bool b);
    static Value number(double d);
    static Value text(const QString &s);
    static Value date(const QDate &d);
    static Value time(const QTime &t);
    static Value dateTime(const QDateTime &dt);
    static Value codeSet(const QStringList &codes);

    // Converts the canonical stored text of an item to a value of its type
    // (partial dates become blank for arithmetic). An empty text is null.
    static Value fromStored(const study::Item &item, const QString &text);

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool toBool() const;
    double toNumber() const;
    QString toText() const;
    QDate toDate() const;
    QTime toTime() const;
    QDateTime toDateTime() const;
    QStringList toCodeSet() const;

    // Canonical stored text for a calculated item of the given type.
    QString toStored(study::ItemType type) const;

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

class Expression
{
public:
    Expression() = default;

    static Result<Expression> parse(const QString &source);

    // Every item reference in the expression ("item" or "form.item").
    QStringList references() const;
    Value evaluate(const EvaluationContext &context) const;
    const QString &source() const { return m_source; }
    bool isEmpty() const { return !m_root; }

private:
    QString m_source;
    QSharedPointer<const ExpressionNode> m_root;
};

} // namespace cellcrf::rules
