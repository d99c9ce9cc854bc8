#include "expr/parser.h"

#include "expr/canonical.h"
#include "expr/lexer.h"

using namespace Qt::StringLiterals;

namespace cellcrf::expr {

namespace {

// Argument expectations of a function; Unknown accepts anything.
struct FunctionInfo
{
    Function function;
    const char16_t *name;
    int minArguments;
    int maxArguments; // -1: no limit
};

constexpr FunctionInfo functionTable[] = {
    {Function::IsBlank, u"isblank", 1, 1}, {Function::NotBlank, u"notblank", 1, 1},
    {Function::Date, u"date", 1, 1},       {Function::Age, u"age", 2, 2},
    {Function::Days, u"days", 2, 2},       {Function::Has, u"has", 2, 2},
    {Function::Min, u"min", 1, -1},        {Function::Max, u"max", 1, -1},
    {Function::Abs, u"abs", 1, 1},         {Function::Round, u"round", 1, 2},
    {Function::If, u"if", 3, 3},           {Function::Len, u"len", 1, 1},
};

const FunctionInfo *findFunction(const QString &name)
{
    for (const auto &info : functionTable) {
        if (name == QStringView(info.name))
            return &info;
    }
    return nullptr;
}

bool isKnown(StaticType t)
{
    return t != StaticType::Unknown && t != StaticType::Null;
}

bool isDateLike(StaticType t)
{
    return t == StaticType::Date || t == StaticType::DateTime;
}

class Parser
{
public:
    explicit Parser(QList<Token> tokens)
        : m_tokens(std::move(tokens))
    {}

    Result<NodePtr> parse()
    {
        if (peek().kind == Token::Kind::End) {
            fail(peek().column, u"expected an expression"_s);
            return m_error;
        }
        NodePtr root = orExpression();
        if (!m_error.isOk())
            return m_error;
        if (peek().kind != Token::Kind::End) {
            fail(peek().column,
                 u"expected an operator or the end of the expression, found %1"_s.arg(describeToken(peek())));
            return m_error;
        }
        return root;
    }

private:
    const Token &peek() const { return m_tokens.at(m_position); }
    const Token &advance() { return m_tokens.at(m_position++); }
    bool isName(const char16_t *word) const
    {
        return peek().kind == Token::Kind::Name && peek().text == QStringView(word);
    }
    bool failed() const { return !m_error.isOk(); }

    // Records the first error only: later ones are consequences of it.
    void fail(int column, const QString &what)
    {
        if (m_error.isOk())
            m_error = Status::error(ErrorCode::InvalidInput, u"column %1: %2"_s.arg(column).arg(what));
    }

    NodePtr orExpression()
    {
        NodePtr left = andExpression();
        while (!failed() && isName(u"or")) {
            const int column = advance().column;
            NodePtr right = andExpression();
            if (failed())
                return {};
            left = logical(column, BinaryOperator::Or, std::move(left), std::move(right));
        }
        return left;
    }

    NodePtr andExpression()
    {
        NodePtr left = notExpression();
        while (!failed() && isName(u"and")) {
            const int column = advance().column;
            NodePtr right = notExpression();
            if (failed())
                return {};
            left = logical(column, BinaryOperator::And, std::move(left), std::move(right));
        }
        return left;
    }

    NodePtr logical(int column, BinaryOperator op, NodePtr left, NodePtr right)
    {
        for (const NodePtr *operand : {&left, &right}) {
            const StaticType t = (*operand)->staticType();
            if (isKnown(t) && t != StaticType::Boolean) {
                fail((*operand)->column(), u"expected true/false on each side of '%1', found a %2"_s.arg(
                                               operatorSymbol(op), staticTypeName(t)));
                return {};
            }
        }
        return std::make_unique<BinaryNode>(column, op, std::move(left), std::move(right), StaticType::Boolean);
    }

    NodePtr notExpression()
    {
        if (isName(u"not")) {
            const int column = advance().column;
            NodePtr operand = notExpression();
            if (failed())
                return {};
            const StaticType t = operand->staticType();
            if (isKnown(t) && t != StaticType::Boolean) {
                fail(operand->column(), u"expected true/false after 'not', found a %1"_s.arg(staticTypeName(t)));
                return {};
            }
            return std::make_unique<NotNode>(column, std::move(operand));
        }
        return comparison();
    }

    static std::optional<BinaryOperator> comparisonOperator(Token::Kind kind)
    {
        switch (kind) {
        case Token::Kind::Equal:
            return BinaryOperator::Equal;
        case Token::Kind::NotEqual:
            return BinaryOperator::NotEqual;
        case Token::Kind::Less:
            return BinaryOperator::Less;
        case Token::Kind::LessEqual:
            return BinaryOperator::LessEqual;
        case Token::Kind::Greater:
            return BinaryOperator::Greater;
        case Token::Kind::GreaterEqual:
            return BinaryOperator::GreaterEqual;
        default:
            return std::nullopt;
        }
    }

    NodePtr comparison()
    {
        NodePtr left = additive();
        if (failed())
            return {};
        const auto op = comparisonOperator(peek().kind);
        if (!op)
            return left;
        const int column = advance().column;
        NodePtr right = additive();
        if (failed())
            return {};
        if (comparisonOperator(peek().kind)) {
            fail(peek().column, u"comparisons cannot be chained; join them with 'and'"_s);
            return {};
        }
        const StaticType a = left->staticType();
        const StaticType b = right->staticType();
        if (isKnown(a) && isKnown(b) && a != b) {
            fail(column, u"cannot compare a %1 with a %2"_s.arg(staticTypeName(a), staticTypeName(b)));
            return {};
        }
        const bool ordering = *op != BinaryOperator::Equal && *op != BinaryOperator::NotEqual;
        for (StaticType t : {a, b}) {
            if (ordering && (t == StaticType::Boolean || t == StaticType::CodeSet)) {
                fail(column, u"'%1' cannot order a %2"_s.arg(operatorSymbol(*op), staticTypeName(t)));
                return {};
            }
        }
        return std::make_unique<BinaryNode>(column, *op, std::move(left), std::move(right), StaticType::Boolean);
    }

    // The type of `a op b` for + and -, or nullopt when the combination can never work.
    static std::optional<StaticType> additiveType(BinaryOperator op, StaticType a, StaticType b)
    {
        if (!isKnown(a) || !isKnown(b)) {
            // One side unknown: a known side still limits what can work.
            const StaticType known = isKnown(a) ? a : b;
            if (!isKnown(known))
                return StaticType::Unknown;
            if (known == StaticType::Number || isDateLike(known))
                return StaticType::Unknown;
            return std::nullopt;
        }
        if (a == StaticType::Number && b == StaticType::Number)
            return StaticType::Number;
        if (isDateLike(a) && b == StaticType::Number)
            return a;
        if (op == BinaryOperator::Add && a == StaticType::Number && isDateLike(b))
            return b;
        if (op == BinaryOperator::Subtract && isDateLike(a) && a == b)
            return StaticType::Number;
        return std::nullopt;
    }

    NodePtr additive()
    {
        NodePtr left = term();
        while (!failed() && (peek().kind == Token::Kind::Plus || peek().kind == Token::Kind::Minus)) {
            const Token &token = advance();
            const BinaryOperator op = token.kind == Token::Kind::Plus ? BinaryOperator::Add : BinaryOperator::Subtract;
            NodePtr right = term();
            if (failed())
                return {};
            const auto type = additiveType(op, left->staticType(), right->staticType());
            if (!type) {
                fail(token.column,
                     u"'%1' cannot combine a %2 and a %3"_s.arg(operatorSymbol(op), staticTypeName(left->staticType()),
                                                                staticTypeName(right->staticType())));
                return {};
            }
            left = std::make_unique<BinaryNode>(token.column, op, std::move(left), std::move(right), *type);
        }
        return left;
    }

    NodePtr term()
    {
        NodePtr left = unary();
        while (!failed() && (peek().kind == Token::Kind::Star || peek().kind == Token::Kind::Slash)) {
            const Token &token = advance();
            const BinaryOperator op =
                token.kind == Token::Kind::Star ? BinaryOperator::Multiply : BinaryOperator::Divide;
            NodePtr right = unary();
            if (failed())
                return {};
            for (const NodePtr *operand : {&left, &right}) {
                const StaticType t = (*operand)->staticType();
                if (isKnown(t) && t != StaticType::Number) {
                    fail(token.column, u"'%1' needs numbers, found a %2"_s.arg(operatorSymbol(op), staticTypeName(t)));
                    return {};
                }
            }
            left =
                std::make_unique<BinaryNode>(token.column, op, std::move(left), std::move(right), StaticType::Number);
        }
        return left;
    }

    NodePtr unary()
    {
        if (peek().kind == Token::Kind::Minus) {
            const int column = advance().column;
            NodePtr operand = unary();
            if (failed())
                return {};
            const StaticType t = operand->staticType();
            if (isKnown(t) && t != StaticType::Number) {
                fail(column, u"'-' needs a number, found a %1"_s.arg(staticTypeName(t)));
                return {};
            }
            return std::make_unique<NegateNode>(column, std::move(operand));
        }
        return primary();
    }

    NodePtr primary()
    {
        const Token &token = peek();
        switch (token.kind) {
        case Token::Kind::Number: {
            advance();
            bool ok = false;
            const double d = token.text.toDouble(&ok);
            if (!ok) {
                fail(token.column, u"the number %1 is out of range"_s.arg(token.text));
                return {};
            }
            return std::make_unique<LiteralNode>(token.column, Value::number(d), StaticType::Number);
        }
        case Token::Kind::String:
            advance();
            return std::make_unique<LiteralNode>(token.column, Value::text(token.text), StaticType::Text);
        case Token::Kind::LeftParen: {
            advance();
            NodePtr inner = orExpression();
            if (failed())
                return {};
            if (peek().kind != Token::Kind::RightParen) {
                fail(peek().column, u"expected ')' to close the '(' at column %1, found %2"_s.arg(token.column)
                                        .arg(describeToken(peek())));
                return {};
            }
            advance();
            return inner;
        }
        case Token::Kind::Name:
            return nameOrCall();
        default:
            fail(token.column, u"expected a value, a name or '(', found %1"_s.arg(describeToken(token)));
            return {};
        }
    }

    NodePtr nameOrCall()
    {
        const Token &token = advance();
        const QString &name = token.text;
        if (name == u"true"_s || name == u"false"_s)
            return std::make_unique<LiteralNode>(token.column, Value::boolean(name == u"true"_s), StaticType::Boolean);
        if (name == u"blank"_s)
            return std::make_unique<LiteralNode>(token.column, Value::null(), StaticType::Null);
        if (name == u"and"_s || name == u"or"_s || name == u"not"_s) {
            fail(token.column, u"expected a value before '%1'"_s.arg(name));
            return {};
        }
        if (peek().kind != Token::Kind::LeftParen)
            return std::make_unique<ReferenceNode>(token.column, name);

        const FunctionInfo *info = findFunction(name);
        if (!info) {
            fail(token.column, u"unknown function '%1'"_s.arg(name));
            return {};
        }
        advance(); // '('
        std::vector<NodePtr> arguments;
        if (peek().kind != Token::Kind::RightParen) {
            while (true) {
                NodePtr argument = orExpression();
                if (failed())
                    return {};
                arguments.push_back(std::move(argument));
                if (peek().kind != Token::Kind::Comma)
                    break;
                advance();
            }
        }
        if (peek().kind != Token::Kind::RightParen) {
            fail(peek().column, u"expected ')' after the arguments of %1"_s.arg(name));
            return {};
        }
        advance();
        const int count = int(arguments.size());
        if (count < info->minArguments || (info->maxArguments >= 0 && count > info->maxArguments)) {
            QString expected;
            if (info->maxArguments < 0)
                expected = u"at least %1"_s.arg(info->minArguments);
            else if (info->minArguments == info->maxArguments)
                expected = QString::number(info->minArguments);
            else
                expected = u"%1 or %2"_s.arg(info->minArguments).arg(info->maxArguments);
            fail(token.column, u"%1 takes %2 argument(s), not %3"_s.arg(name, expected).arg(count));
            return {};
        }
        const auto type = checkCall(info->function, name, arguments);
        if (!type)
            return {};
        return std::make_unique<CallNode>(token.column, info->function, std::move(arguments), *type);
    }

    // Checks what can be known of the arguments and gives the result type.
    std::optional<StaticType> checkCall(Function function, const QString &name, const std::vector<NodePtr> &arguments)
    {
        auto expect = [&](std::size_t index, std::initializer_list<StaticType> allowed, const QString &what) {
            const StaticType t = arguments.at(index)->staticType();
            if (!isKnown(t))
                return true;
            for (StaticType a : allowed) {
                if (t == a)
                    return true;
            }
            fail(arguments.at(index)->column(),
                 u"argument %1 of %2 must be %3, not a %4"_s.arg(index + 1).arg(name, what, staticTypeName(t)));
            return false;
        };
        switch (function) {
        case Function::IsBlank:
        case Function::NotBlank:
            return StaticType::Boolean;
        case Function::Date: {
            if (!expect(0, {StaticType::Text, StaticType::Date, StaticType::DateTime}, u"a text"_s))
                return std::nullopt;
            // A literal date is checked now: a typo in a definition must not load.
            if (const auto *literal = dynamic_cast<const LiteralNode *>(arguments.at(0).get());
                literal && literal->value().type() == Value::Type::Text) {
                const QString text = literal->value().toText();
                if (!canonical::parseDate(text) && !canonical::isPartialDate(text)) {
                    fail(literal->column(), u"'%1' is not a date; expected YYYY-MM-DD"_s.arg(text));
                    return std::nullopt;
                }
            }
            return StaticType::Date;
        }
        case Function::Age:
        case Function::Days:
            for (std::size_t i = 0; i < 2; ++i) {
                if (!expect(i, {StaticType::Date, StaticType::DateTime}, u"a date"_s))
                    return std::nullopt;
            }
            return StaticType::Number;
        case Function::Has:
            if (!expect(0, {StaticType::CodeSet, StaticType::Text}, u"a multiple-choice item"_s) ||
                !expect(1, {StaticType::Text}, u"a code in quotes"_s))
                return std::nullopt;
            return StaticType::Boolean;
        case Function::Min:
        case Function::Max: {
            StaticType common = StaticType::Unknown;
            for (std::size_t i = 0; i < arguments.size(); ++i) {
                if (!expect(i, {StaticType::Number, StaticType::Date, StaticType::DateTime, StaticType::Time},
                            u"a number or a date"_s))
                    return std::nullopt;
                const StaticType t = arguments.at(i)->staticType();
                if (!isKnown(t))
                    continue;
                if (common != StaticType::Unknown && common != t) {
                    fail(arguments.at(i)->column(),
                         u"%1 cannot compare a %2 with a %3"_s.arg(name, staticTypeName(common), staticTypeName(t)));
                    return std::nullopt;
                }
                common = t;
            }
            return common;
        }
        case Function::Abs:
            if (!expect(0, {StaticType::Number}, u"a number"_s))
                return std::nullopt;
            return StaticType::Number;
        case Function::Round:
            for (std::size_t i = 0; i < arguments.size(); ++i) {
                if (!expect(i, {StaticType::Number}, u"a number"_s))
                    return std::nullopt;
            }
            return StaticType::Number;
        case Function::If: {
            if (!expect(0, {StaticType::Boolean}, u"true/false"_s))
                return std::nullopt;
            const StaticType a = arguments.at(1)->staticType();
            const StaticType b = arguments.at(2)->staticType();
            if (a == b || b == StaticType::Null)
                return a;
            return a == StaticType::Null ? b : StaticType::Unknown;
        }
        case Function::Len:
            if (!expect(0, {StaticType::Text, StaticType::CodeSet}, u"a text"_s))
                return std::nullopt;
            return StaticType::Number;
        }
        return StaticType::Unknown;
    }

    QList<Token> m_tokens;
    qsizetype m_position = 0;
    Status m_error;
};

} // namespace

Result<NodePtr> parseExpression(const QString &source)
{
    auto tokens = tokenize(source);
    if (!tokens)
        return tokens.status();
    Parser parser(std::move(tokens).value());
    return parser.parse();
}

} // namespace cellcrf::expr
