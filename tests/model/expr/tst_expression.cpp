// The expression language: grammar, semantics of blank and partial dates, every
// function, parse errors with their column. The stored-text conversions, which
// need the item types of a study, are tested in tests/model/rules/tst_storedvalue.cpp.

#include "expr/expression.h"

#include <QTest>

Q_DECLARE_METATYPE(cellcrf::expr::Value)

using namespace Qt::StringLiterals;
using namespace cellcrf;
using namespace cellcrf::expr;

namespace {

// One line per value so that an expected result reads like the result.
QString describe(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return u"blank"_s;
    case Value::Type::Boolean:
        return v.toBool() ? u"true"_s : u"false"_s;
    case Value::Type::Number:
        return u"number "_s + v.toText();
    case Value::Type::Text:
        return u"text "_s + v.toText();
    case Value::Type::Date:
        return u"date "_s + v.toText();
    case Value::Type::Time:
        return u"time "_s + v.toText();
    case Value::Type::DateTime:
        return u"datetime "_s + v.toText();
    case Value::Type::CodeSet:
        return u"codes "_s + v.toText();
    case Value::Type::PartialDate:
        return u"partial "_s + v.toText();
    }
    return {};
}

MapContext sampleContext()
{
    MapContext c;
    c.insert(u"weight"_s, Value::number(70));
    c.insert(u"height"_s, Value::number(175));
    c.insert(u"zero"_s, Value::number(0));
    c.insert(u"birth_date"_s, Value::date(QDate(1980, 6, 15)));
    c.insert(u"visit_date"_s, Value::date(QDate(2024, 6, 14)));
    c.insert(u"leap_birth"_s, Value::date(QDate(2000, 2, 29)));
    c.insert(u"onset"_s, Value::dateTime(QDateTime(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC)));
    c.insert(u"resolved"_s, Value::dateTime(QDateTime(QDate(2024, 3, 2), QTime(20, 0), Qt::UTC)));
    c.insert(u"dose_time"_s, Value::time(QTime(9, 30)));
    c.insert(u"partial"_s, Value::partialDate(u"2024-03"_s));
    c.insert(u"missing"_s, Value::null());
    c.insert(u"name"_s, Value::text(u"O'Brien"_s));
    c.insert(u"symptoms"_s, Value::codeSet({u"fever"_s, u"hypoxia"_s}));
    c.insert(u"yes"_s, Value::boolean(true));
    c.insert(u"no"_s, Value::boolean(false));
    c.insert(u"dm.consent_date"_s, Value::date(QDate(2024, 1, 10)));
    c.insert(u"dm.unknown"_s, Value::null());
    return c;
}

} // namespace

class TestExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_givesTheExpectedValue_data();
    void evaluate_givesTheExpectedValue();
    void parse_rejectsInvalidSourceNamingTheColumn_data();
    void parse_rejectsInvalidSourceNamingTheColumn();
    void references_listsEachItemOnceInOrder_data();
    void references_listsEachItemOnceInOrder();
    void evaluate_unknownReferenceIsBlank();
    void evaluate_defaultExpressionIsEmptyAndBlank();
    void source_isKept();
};

void TestExpression::evaluate_givesTheExpectedValue_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    // literals
    QTest::newRow("integer") << u"12"_s << u"number 12"_s;
    QTest::newRow("decimal") << u"3.5"_s << u"number 3.5"_s;
    QTest::newRow("text") << u"'abc'"_s << u"text abc"_s;
    QTest::newRow("text with doubled quote") << u"'it''s'"_s << u"text it's"_s;
    QTest::newRow("empty text") << u"''"_s << u"text "_s;
    QTest::newRow("only a quote") << u"''''"_s << u"text '"_s;
    QTest::newRow("true") << u"true"_s << u"true"_s;
    QTest::newRow("false") << u"false"_s << u"false"_s;
    QTest::newRow("blank") << u"blank"_s << u"blank"_s;
    QTest::newRow("whitespace is free") << u"  1\t+\n2 "_s << u"number 3"_s;

    // references
    QTest::newRow("item") << u"weight"_s << u"number 70"_s;
    QTest::newRow("other form item") << u"dm.consent_date"_s << u"date 2024-01-10"_s;
    QTest::newRow("text item equals escaped literal") << u"name = 'O''Brien'"_s << u"true"_s;

    // precedence and associativity
    QTest::newRow("* before +") << u"1 + 2 * 3"_s << u"number 7"_s;
    QTest::newRow("/ before -") << u"10 - 6 / 2"_s << u"number 7"_s;
    QTest::newRow("parentheses first") << u"(1 + 2) * 3"_s << u"number 9"_s;
    QTest::newRow("- is left associative") << u"10 - 3 - 2"_s << u"number 5"_s;
    QTest::newRow("/ is left associative") << u"24 / 4 / 2"_s << u"number 3"_s;
    QTest::newRow("unary minus") << u"-2 * 3"_s << u"number -6"_s;
    QTest::newRow("double unary minus") << u"- -4"_s << u"number 4"_s;
    QTest::newRow("minus of negative") << u"1 - -1"_s << u"number 2"_s;
    QTest::newRow("arithmetic before comparison") << u"1 + 1 = 2"_s << u"true"_s;
    QTest::newRow("comparison before not") << u"not 1 > 2"_s << u"true"_s;
    QTest::newRow("not before and") << u"not false and false"_s << u"false"_s;
    QTest::newRow("and before or") << u"true or true and false"_s << u"true"_s;
    QTest::newRow("and before or, left") << u"false and true or true"_s << u"true"_s;
    QTest::newRow("not not") << u"not not true"_s << u"true"_s;
    QTest::newRow("decimal sums compare equal") << u"0.1 + 0.2 = 0.3"_s << u"true"_s;

    // comparisons
    QTest::newRow("=") << u"weight = 70"_s << u"true"_s;
    QTest::newRow("!=") << u"weight != 70"_s << u"false"_s;
    QTest::newRow("<") << u"weight < 70"_s << u"false"_s;
    QTest::newRow("<=") << u"weight <= 70"_s << u"true"_s;
    QTest::newRow(">") << u"height > weight"_s << u"true"_s;
    QTest::newRow(">=") << u"weight >= 71"_s << u"false"_s;
    QTest::newRow("text order") << u"'abc' < 'abd'"_s << u"true"_s;
    QTest::newRow("booleans equal") << u"yes = true"_s << u"true"_s;
    QTest::newRow("dates chronological") << u"birth_date < visit_date"_s << u"true"_s;
    QTest::newRow("date with literal") << u"visit_date = date('2024-06-14')"_s << u"true"_s;
    QTest::newRow("date-times") << u"onset < resolved"_s << u"true"_s;
    QTest::newRow("text with number at run time is blank") << u"name = weight"_s << u"blank"_s;
    QTest::newRow("code sets equal ignoring order") << u"symptoms = symptoms"_s << u"true"_s;

    // blank propagation
    QTest::newRow("blank + 1") << u"missing + 1"_s << u"blank"_s;
    QTest::newRow("blank * 0") << u"missing * 0"_s << u"blank"_s;
    QTest::newRow("-blank") << u"-missing"_s << u"blank"_s;
    QTest::newRow("blank = blank") << u"missing = blank"_s << u"blank"_s;
    QTest::newRow("blank != 1") << u"missing != 1"_s << u"blank"_s;
    QTest::newRow("blank < 1") << u"missing < 1"_s << u"blank"_s;
    QTest::newRow("missing other form") << u"dm.unknown > 1"_s << u"blank"_s;

    // three-valued logic
    QTest::newRow("true and blank") << u"true and missing = 1"_s << u"blank"_s;
    QTest::newRow("false and blank") << u"false and missing = 1"_s << u"false"_s;
    QTest::newRow("blank and false") << u"missing = 1 and false"_s << u"false"_s;
    QTest::newRow("blank and blank") << u"missing = 1 and missing = 2"_s << u"blank"_s;
    QTest::newRow("true or blank") << u"true or missing = 1"_s << u"true"_s;
    QTest::newRow("blank or true") << u"missing = 1 or true"_s << u"true"_s;
    QTest::newRow("false or blank") << u"false or missing = 1"_s << u"blank"_s;
    QTest::newRow("not blank") << u"not (missing = 1)"_s << u"blank"_s;
    QTest::newRow("true and true") << u"true and true"_s << u"true"_s;
    QTest::newRow("false or false") << u"false or false"_s << u"false"_s;
    QTest::newRow("number in logic at run time is blank") << u"weight and true"_s << u"blank"_s;

    // division
    QTest::newRow("division") << u"7 / 2"_s << u"number 3.5"_s;
    QTest::newRow("division by zero") << u"1 / 0"_s << u"blank"_s;
    QTest::newRow("division by zero item") << u"weight / zero"_s << u"blank"_s;
    QTest::newRow("bmi") << u"round(weight / (height / 100) / (height / 100), 1)"_s << u"number 22.9"_s;

    // dates and partial dates
    QTest::newRow("date + days") << u"visit_date + 30"_s << u"date 2024-07-14"_s;
    QTest::newRow("days + date") << u"1 + date('2024-02-28')"_s << u"date 2024-02-29"_s;
    QTest::newRow("date - days") << u"date('2024-03-01') - 1"_s << u"date 2024-02-29"_s;
    QTest::newRow("date - date") << u"visit_date - dm.consent_date"_s << u"number 156"_s;
    QTest::newRow("date-time - date-time in days") << u"resolved - onset"_s << u"number 1.5"_s;
    QTest::newRow("date-time + days") << u"onset + 0.5"_s << u"datetime 2024-03-01T20:00"_s;
    QTest::newRow("partial date is not blank") << u"isblank(partial)"_s << u"false"_s;
    QTest::newRow("partial date in comparison") << u"partial < visit_date"_s << u"blank"_s;
    QTest::newRow("partial date in arithmetic") << u"partial + 1"_s << u"blank"_s;
    QTest::newRow("partial date in days()") << u"days(partial, visit_date)"_s << u"blank"_s;
    QTest::newRow("partial date literal") << u"date('2024')"_s << u"partial 2024"_s;
    QTest::newRow("times compare") << u"dose_time > dose_time"_s << u"false"_s;

    // functions
    QTest::newRow("isblank of blank") << u"isblank(missing)"_s << u"true"_s;
    QTest::newRow("isblank of value") << u"isblank(weight)"_s << u"false"_s;
    QTest::newRow("isblank of empty text") << u"isblank('')"_s << u"false"_s;
    QTest::newRow("notblank") << u"notblank(missing)"_s << u"false"_s;
    QTest::newRow("date of text") << u"date('2024-01-31')"_s << u"date 2024-01-31"_s;
    QTest::newRow("date of item") << u"date(visit_date)"_s << u"date 2024-06-14"_s;
    QTest::newRow("date of bad text") << u"date(name)"_s << u"blank"_s;
    QTest::newRow("age the day before the birthday") << u"age(birth_date, visit_date)"_s << u"number 43"_s;
    QTest::newRow("age on the birthday") << u"age(birth_date, date('2024-06-15'))"_s << u"number 44"_s;
    QTest::newRow("age of a leap-day birth on 28 Feb") << u"age(leap_birth, date('2023-02-28'))"_s << u"number 22"_s;
    QTest::newRow("age of a leap-day birth on 1 Mar") << u"age(leap_birth, date('2023-03-01'))"_s << u"number 23"_s;
    QTest::newRow("age with blank") << u"age(missing, visit_date)"_s << u"blank"_s;
    QTest::newRow("days") << u"days(dm.consent_date, visit_date)"_s << u"number 156"_s;
    QTest::newRow("days backwards") << u"days(visit_date, dm.consent_date)"_s << u"number -156"_s;
    QTest::newRow("days across a leap day") << u"days(date('2024-02-28'), date('2024-03-01'))"_s << u"number 2"_s;
    QTest::newRow("days of date-times") << u"days(onset, resolved)"_s << u"number 1"_s;
    QTest::newRow("has present") << u"has(symptoms, 'fever')"_s << u"true"_s;
    QTest::newRow("has absent") << u"has(symptoms, 'rash')"_s << u"false"_s;
    QTest::newRow("has of blank") << u"has(missing, 'rash')"_s << u"blank"_s;
    QTest::newRow("has of single choice") << u"has(name, 'O''Brien')"_s << u"true"_s;
    QTest::newRow("min") << u"min(3, 1, 2)"_s << u"number 1"_s;
    QTest::newRow("max") << u"max(3, 1, 2)"_s << u"number 3"_s;
    QTest::newRow("max of one") << u"max(weight)"_s << u"number 70"_s;
    QTest::newRow("min of dates") << u"min(visit_date, dm.consent_date)"_s << u"date 2024-01-10"_s;
    QTest::newRow("min with blank") << u"min(1, missing)"_s << u"blank"_s;
    QTest::newRow("max of mixed types at run time") << u"max(weight, visit_date)"_s << u"blank"_s;
    QTest::newRow("abs") << u"abs(-2.5)"_s << u"number 2.5"_s;
    QTest::newRow("abs of blank") << u"abs(missing)"_s << u"blank"_s;
    QTest::newRow("round half up") << u"round(2.5, 0)"_s << u"number 3"_s;
    QTest::newRow("round half away from zero") << u"round(-2.5, 0)"_s << u"number -3"_s;
    QTest::newRow("round decimal noise") << u"round(2.675, 2)"_s << u"number 2.68"_s;
    QTest::newRow("round to tens") << u"round(1234, -1)"_s << u"number 1230"_s;
    QTest::newRow("round without digits") << u"round(3.49)"_s << u"number 3"_s;
    QTest::newRow("round blank digits") << u"round(1.5, missing)"_s << u"blank"_s;
    QTest::newRow("if true") << u"if(weight > 50, 'heavy', 'light')"_s << u"text heavy"_s;
    QTest::newRow("if false") << u"if(weight > 90, 'heavy', 'light')"_s << u"text light"_s;
    QTest::newRow("if blank") << u"if(missing > 1, 1, 2)"_s << u"blank"_s;
    QTest::newRow("if does not touch the other branch") << u"if(true, 1, 1 / 0)"_s << u"number 1"_s;
    QTest::newRow("len") << u"len(name)"_s << u"number 7"_s;
    QTest::newRow("len counts characters") << u"len('体重')"_s << u"number 2"_s;
    QTest::newRow("len of code set") << u"len(symptoms)"_s << u"number 2"_s;
    QTest::newRow("len of blank") << u"len(missing)"_s << u"blank"_s;
    QTest::newRow("function names nest") << u"abs(min(-3, max(1, 2)))"_s << u"number 3"_s;
}

void TestExpression::evaluate_givesTheExpectedValue()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    const auto expression = Expression::parse(source);
    QVERIFY2(expression.isOk(), qPrintable(expression.message()));
    QCOMPARE(describe(expression->evaluate(sampleContext())), expected);
}

void TestExpression::parse_rejectsInvalidSourceNamingTheColumn_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");

    QTest::newRow("missing ) of a call") << u"age(birth_date, visit_date"_s
                                         << u"column 27: expected ')' after the arguments of age"_s;
    QTest::newRow("missing ) of a group")
        << u"(1 + 2"_s << u"column 7: expected ')' to close the '(' at column 1, found the end of the expression"_s;
    QTest::newRow("empty") << u""_s << u"column 1: expected an expression"_s;
    QTest::newRow("only spaces") << u"   "_s << u"column 4: expected an expression"_s;
    QTest::newRow("dangling operator")
        << u"1 +"_s << u"column 4: expected a value, a name or '(', found the end of the expression"_s;
    QTest::newRow("two values") << u"1 2"_s
                                << u"column 3: expected an operator or the end of the expression, found '2'"_s;
    QTest::newRow("unknown function") << u"1 + sqrt(4)"_s << u"column 5: unknown function 'sqrt'"_s;
    QTest::newRow("too many arguments") << u"abs(1, 2)"_s << u"column 1: abs takes 1 argument(s), not 2"_s;
    QTest::newRow("too few arguments") << u"age(birth_date)"_s << u"column 1: age takes 2 argument(s), not 1"_s;
    QTest::newRow("min without arguments") << u"min()"_s << u"column 1: min takes at least 1 argument(s), not 0"_s;
    QTest::newRow("round with three") << u"round(1, 2, 3)"_s << u"column 1: round takes 1 or 2 argument(s), not 3"_s;
    QTest::newRow("unterminated text") << u"name = 'abc"_s
                                       << u"column 8: expected a closing quote for the text that starts here"_s;
    QTest::newRow("double quotes") << u"name = \"abc\""_s << u"column 8: texts are written in single quotes"_s;
    QTest::newRow("upper case name") << u"Weight > 1"_s << u"column 1: names start with a lower-case letter"_s;
    QTest::newRow("upper case inside a name") << u"weIght > 1"_s << u"column 3: names are written in lower case"_s;
    QTest::newRow("name starting with _") << u"_x"_s << u"column 1: names start with a lower-case letter"_s;
    QTest::newRow("dot without item") << u"dm. = 1"_s << u"column 4: expected an item name after '.'"_s;
    QTest::newRow("two dots") << u"a.b.c"_s << u"column 4: a reference has at most one '.' (form.item)"_s;
    QTest::newRow("number without fraction") << u"3. + 1"_s << u"column 3: expected a digit after the decimal point"_s;
    QTest::newRow("exponent") << u"1e3"_s << u"column 2: expected an operator after the number 1"_s;
    QTest::newRow("==") << u"a == 1"_s << u"column 3: '==' is written '='"_s;
    QTest::newRow("<>") << u"a <> 1"_s << u"column 3: '<>' is written '!='"_s;
    QTest::newRow("! alone") << u"!a"_s << u"column 1: expected '=' after '!' (write 'not' for negation)"_s;
    QTest::newRow("unexpected character") << u"a # 1"_s << u"column 3: unexpected character '#'"_s;
    QTest::newRow("chained comparison") << u"1 < a < 3"_s
                                        << u"column 7: comparisons cannot be chained; join them with 'and'"_s;
    QTest::newRow("number compared with text")
        << u"weight = 'abc'"_s.replace(u"weight"_s, u"3"_s) << u"column 3: cannot compare a number with a text"_s;
    QTest::newRow("date compared with number")
        << u"date('2024-01-01') > 5"_s << u"column 20: cannot compare a date with a number"_s;
    QTest::newRow("ordering booleans") << u"true < false"_s << u"column 6: '<' cannot order a true/false"_s;
    QTest::newRow("text plus number") << u"'a' + 1"_s << u"column 5: '+' cannot combine a text and a number"_s;
    QTest::newRow("text times item") << u"'a' * weight"_s << u"column 5: '*' needs numbers, found a text"_s;
    QTest::newRow("negated text") << u"-'a'"_s << u"column 1: '-' needs a number, found a text"_s;
    QTest::newRow("number in and") << u"1 and true"_s
                                   << u"column 1: expected true/false on each side of 'and', found a number"_s;
    QTest::newRow("not of text") << u"not 'a'"_s << u"column 5: expected true/false after 'not', found a text"_s;
    QTest::newRow("impossible date literal")
        << u"date('2024-02-30')"_s << u"column 6: '2024-02-30' is not a date; expected YYYY-MM-DD"_s;
    QTest::newRow("age of a number") << u"age(1, visit_date)"_s
                                     << u"column 5: argument 1 of age must be a date, not a number"_s;
    QTest::newRow("has with a number code")
        << u"has(symptoms, 1)"_s << u"column 15: argument 2 of has must be a code in quotes, not a number"_s;
    QTest::newRow("if with a number condition")
        << u"if(1, 2, 3)"_s << u"column 4: argument 1 of if must be true/false, not a number"_s;
    QTest::newRow("min of number and text")
        << u"min(1, 'a')"_s << u"column 8: argument 2 of min must be a number or a date, not a text"_s;
    QTest::newRow("missing argument") << u"max(1, )"_s << u"column 8: expected a value, a name or '(', found ')'"_s;
    QTest::newRow("keyword as value") << u"1 = and"_s << u"column 5: expected a value before 'and'"_s;
    QTest::newRow("unclosed nested call")
        << u"if(true, abs(1), 2"_s << u"column 19: expected ')' after the arguments of if"_s;
}

void TestExpression::parse_rejectsInvalidSourceNamingTheColumn()
{
    QFETCH(QString, source);
    QFETCH(QString, message);
    const auto expression = Expression::parse(source);
    QVERIFY(!expression.isOk());
    QCOMPARE(expression.status().code(), ErrorCode::InvalidInput);
    QCOMPARE(expression.message(), message);
}

void TestExpression::references_listsEachItemOnceInOrder_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("references");

    QTest::newRow("none") << u"1 + 2"_s << QStringList();
    QTest::newRow("one") << u"weight > 1"_s << QStringList{u"weight"_s};
    QTest::newRow("other form") << u"days(dm.consent_date, visit_date) < 28"_s
                                << QStringList{u"dm.consent_date"_s, u"visit_date"_s};
    QTest::newRow("repeated once") << u"weight > 1 and weight < 2 or height = weight"_s
                                   << QStringList{u"weight"_s, u"height"_s};
    QTest::newRow("inside functions") << u"if(isblank(a), max(b, 1), round(c, d))"_s
                                      << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
    QTest::newRow("keywords are not references") << u"not true and blank = x or false"_s << QStringList{u"x"_s};
    QTest::newRow("names with digits and underscores") << u"ae2.grade_3 = 1"_s << QStringList{u"ae2.grade_3"_s};
}

void TestExpression::references_listsEachItemOnceInOrder()
{
    QFETCH(QString, source);
    QFETCH(QStringList, references);
    const auto expression = Expression::parse(source);
    QVERIFY2(expression.isOk(), qPrintable(expression.message()));
    QCOMPARE(expression->references(), references);
}

void TestExpression::evaluate_unknownReferenceIsBlank()
{
    const auto expression = Expression::parse(u"isblank(nowhere)"_s);
    QVERIFY(expression.isOk());
    QCOMPARE(describe(expression->evaluate(MapContext())), u"true"_s);
}

void TestExpression::evaluate_defaultExpressionIsEmptyAndBlank()
{
    const Expression expression;
    QVERIFY(expression.isEmpty());
    QVERIFY(expression.references().isEmpty());
    QVERIFY(expression.evaluate(MapContext()).isNull());
}

void TestExpression::source_isKept()
{
    const auto expression = Expression::parse(u"weight > 1"_s);
    QVERIFY(expression.isOk());
    QCOMPARE(expression->source(), u"weight > 1"_s);
    QVERIFY(!expression->isEmpty());
}

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
