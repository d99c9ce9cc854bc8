#include "expr/lexer.h"

using namespace Qt::StringLiterals;

namespace cellcrf::expr {

namespace {

bool isLower(QChar c)
{
    return c >= u'a' && c <= u'z';
}
bool isUpper(QChar c)
{
    return c >= u'A' && c <= u'Z';
}
bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}
bool isNameChar(QChar c)
{
    return isLower(c) || isUpper(c) || isDigit(c) || c == u'_';
}

Status errorAt(int column, const QString &what)
{
    return Status::error(ErrorCode::InvalidInput, u"column %1: %2"_s.arg(column).arg(what));
}

} // namespace

Result<QList<Token>> tokenize(const QString &source)
{
    QList<Token> tokens;
    const qsizetype n = source.size();
    qsizetype i = 0;
    auto add = [&](Token::Kind kind, qsizetype start, qsizetype length, QString text = {}) {
        tokens.append(Token{kind, std::move(text), int(start) + 1});
        i = start + length;
    };
    while (i < n) {
        const QChar c = source.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        const int column = int(start) + 1;
        if (isDigit(c)) {
            qsizetype j = i;
            while (j < n && isDigit(source.at(j)))
                ++j;
            if (j < n && source.at(j) == u'.') {
                ++j;
                if (j >= n || !isDigit(source.at(j)))
                    return errorAt(int(j) + 1, u"expected a digit after the decimal point"_s);
                while (j < n && isDigit(source.at(j)))
                    ++j;
            }
            if (j < n && (isNameChar(source.at(j)) || source.at(j) == u'.'))
                return errorAt(int(j) + 1, u"expected an operator after the number %1"_s.arg(source.mid(i, j - i)));
            add(Token::Kind::Number, start, j - start, source.mid(start, j - start));
            continue;
        }
        if (isLower(c) || isUpper(c) || c == u'_') {
            if (!isLower(c))
                return errorAt(column, u"names start with a lower-case letter"_s);
            qsizetype j = i;
            int parts = 1;
            while (j < n) {
                const QChar d = source.at(j);
                if (isUpper(d))
                    return errorAt(int(j) + 1, u"names are written in lower case"_s);
                if (isNameChar(d)) {
                    ++j;
                } else if (d == u'.' && parts == 1) {
                    // "form.item": the dot belongs to the name only when a name follows at once.
                    if (j + 1 >= n || !isLower(source.at(j + 1)))
                        return errorAt(int(j) + 2, u"expected an item name after '.'"_s);
                    ++parts;
                    ++j;
                } else if (d == u'.') {
                    return errorAt(int(j) + 1, u"a reference has at most one '.' (form.item)"_s);
                } else {
                    break;
                }
            }
            add(Token::Kind::Name, start, j - start, source.mid(start, j - start));
            continue;
        }
        if (c == u'\'') {
            QString text;
            qsizetype j = i + 1;
            bool closed = false;
            while (j < n) {
                if (source.at(j) == u'\'') {
                    if (j + 1 < n && source.at(j + 1) == u'\'') {
                        text.append(u'\'');
                        j += 2;
                        continue;
                    }
                    closed = true;
                    ++j;
                    break;
                }
                text.append(source.at(j));
                ++j;
            }
            if (!closed)
                return errorAt(column, u"expected a closing quote for the text that starts here"_s);
            add(Token::Kind::String, start, j - start, text);
            continue;
        }
        const QChar next = i + 1 < n ? source.at(i + 1) : QChar();
        switch (c.unicode()) {
        case u'=':
            if (next == u'=')
                return errorAt(column, u"'==' is written '='"_s);
            add(Token::Kind::Equal, start, 1);
            continue;
        case u'!':
            if (next != u'=')
                return errorAt(column, u"expected '=' after '!' (write 'not' for negation)"_s);
            add(Token::Kind::NotEqual, start, 2);
            continue;
        case u'<':
            if (next == u'>')
                return errorAt(column, u"'<>' is written '!='"_s);
            add(next == u'=' ? Token::Kind::LessEqual : Token::Kind::Less, start, next == u'=' ? 2 : 1);
            continue;
        case u'>':
            add(next == u'=' ? Token::Kind::GreaterEqual : Token::Kind::Greater, start, next == u'=' ? 2 : 1);
            continue;
        case u'+':
            add(Token::Kind::Plus, start, 1);
            continue;
        case u'-':
            add(Token::Kind::Minus, start, 1);
            continue;
        case u'*':
            add(Token::Kind::Star, start, 1);
            continue;
        case u'/':
            add(Token::Kind::Slash, start, 1);
            continue;
        case u'(':
            add(Token::Kind::LeftParen, start, 1);
            continue;
        case u')':
            add(Token::Kind::RightParen, start, 1);
            continue;
        case u',':
            add(Token::Kind::Comma, start, 1);
            continue;
        default:
            break;
        }
        if (c == u'"')
            return errorAt(column, u"texts are written in single quotes"_s);
        return errorAt(column, u"unexpected character '%1'"_s.arg(c));
    }
    tokens.append(Token{Token::Kind::End, {}, int(n) + 1});
    return tokens;
}

QString describeToken(const Token &token)
{
    switch (token.kind) {
    case Token::Kind::End:
        return u"the end of the expression"_s;
    case Token::Kind::String:
        return u"the text '%1'"_s.arg(token.text);
    case Token::Kind::Number:
    case Token::Kind::Name:
        return u"'%1'"_s.arg(token.text);
    case Token::Kind::Equal:
        return u"'='"_s;
    case Token::Kind::NotEqual:
        return u"'!='"_s;
    case Token::Kind::Less:
        return u"'<'"_s;
    case Token::Kind::LessEqual:
        return u"'<='"_s;
    case Token::Kind::Greater:
        return u"'>'"_s;
    case Token::Kind::GreaterEqual:
        return u"'>='"_s;
    case Token::Kind::Plus:
        return u"'+'"_s;
    case Token::Kind::Minus:
        return u"'-'"_s;
    case Token::Kind::Star:
        return u"'*'"_s;
    case Token::Kind::Slash:
        return u"'/'"_s;
    case Token::Kind::LeftParen:
        return u"'('"_s;
    case Token::Kind::RightParen:
        return u"')'"_s;
    case Token::Kind::Comma:
        return u"','"_s;
    }
    return {};
}

} // namespace cellcrf::expr
