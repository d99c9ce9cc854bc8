#pragma once

// Splits the source of an expression into tokens, remembering the column of each
// so that every parse error can say where it is.

#include "core/result.h"

#include <QList>
#include <QString>

namespace cellcrf::expr {

struct Token
{
    enum class Kind
    {
        Number,
        String,
        Name, // an identifier, or "form.item"
        Equal,
        NotEqual,
        Less,
        LessEqual,
        Greater,
        GreaterEqual,
        Plus,
        Minus,
        Star,
        Slash,
        LeftParen,
        RightParen,
        Comma,
        End,
    };
    Kind kind = Kind::End;
    QString text;   // the name, the unquoted string, or the digits of a number
    int column = 0; // 1-based
};

// The tokens of `source`, always ending with an End token.
Result<QList<Token>> tokenize(const QString &source);

// How a token is named in messages: "')'", "'age'", "the end of the expression".
QString describeToken(const Token &token);

} // namespace cellcrf::expr
