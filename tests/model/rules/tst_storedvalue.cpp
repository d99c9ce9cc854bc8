// The conversions between an item's stored canonical text and a value of the
// expression language, for every item type.

#include "rules/storedvalue.h"

#include <QTest>

Q_DECLARE_METATYPE(cellcrf::expr::Value)
Q_DECLARE_METATYPE(cellcrf::study::ItemType)

using namespace Qt::StringLiterals;
using namespace cellcrf;
using namespace cellcrf::rules;
using expr::Value;

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

study::Item itemOfType(study::ItemType type)
{
    study::Item item;
    item.oid = u"x"_s;
    item.type = type;
    return item;
}

} // namespace

class TestStoredValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromStored_convertsByItemType_data();
    void fromStored_convertsByItemType();
    void toStored_givesCanonicalText_data();
    void toStored_givesCanonicalText();
};

void TestStoredValue::fromStored_convertsByItemType_data()
{
    QTest::addColumn<study::ItemType>("type");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("expected");

    using study::ItemType;
    QTest::newRow("empty is blank") << ItemType::Integer << u""_s << u"blank"_s;
    QTest::newRow("integer") << ItemType::Integer << u"42"_s << u"number 42"_s;
    QTest::newRow("negative decimal") << ItemType::Decimal << u"-38.50"_s << u"number -38.5"_s;
    QTest::newRow("bad number") << ItemType::Decimal << u"abc"_s << u"blank"_s;
    QTest::newRow("date") << ItemType::Date << u"2024-01-31"_s << u"date 2024-01-31"_s;
    QTest::newRow("year and month") << ItemType::Date << u"2024-01"_s << u"partial 2024-01"_s;
    QTest::newRow("year") << ItemType::Date << u"2024"_s << u"partial 2024"_s;
    QTest::newRow("impossible date") << ItemType::Date << u"2023-02-29"_s << u"blank"_s;
    QTest::newRow("time") << ItemType::Time << u"07:05"_s << u"time 07:05"_s;
    QTest::newRow("date-time") << ItemType::DateTime << u"2024-03-31T02:30"_s << u"datetime 2024-03-31T02:30"_s;
    QTest::newRow("single choice") << ItemType::SingleChoice << u"CR"_s << u"text CR"_s;
    QTest::newRow("text") << ItemType::Text << u"a|b"_s << u"text a|b"_s;
    QTest::newRow("multiple choice") << ItemType::MultipleChoice << u"fever|hypoxia"_s << u"codes fever|hypoxia"_s;
    QTest::newRow("yes") << ItemType::YesNo << u"1"_s << u"true"_s;
    QTest::newRow("no") << ItemType::YesNo << u"0"_s << u"false"_s;
    QTest::newRow("neither yes nor no") << ItemType::YesNo << u"Y"_s << u"blank"_s;
    QTest::newRow("calculated number") << ItemType::Calculated << u"22.9"_s << u"number 22.9"_s;
    QTest::newRow("calculated text") << ItemType::Calculated << u"2024-01-31"_s << u"text 2024-01-31"_s;
    QTest::newRow("derived number") << ItemType::Derived << u"3"_s << u"number 3"_s;
    QTest::newRow("derived text") << ItemType::Derived << u"CR"_s << u"text CR"_s;
}

void TestStoredValue::fromStored_convertsByItemType()
{
    QFETCH(study::ItemType, type);
    QFETCH(QString, stored);
    QFETCH(QString, expected);
    QCOMPARE(describe(valueFromStored(itemOfType(type), stored)), expected);
}

void TestStoredValue::toStored_givesCanonicalText_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<study::ItemType>("type");
    QTest::addColumn<QString>("expected");

    using study::ItemType;
    QTest::newRow("blank") << Value() << ItemType::Decimal << u""_s;
    QTest::newRow("decimal") << Value::number(97.2) << ItemType::Decimal << u"97.2"_s;
    QTest::newRow("whole decimal") << Value::number(2.0) << ItemType::Decimal << u"2"_s;
    QTest::newRow("binary noise") << Value::number(0.1 + 0.2) << ItemType::Calculated << u"0.3"_s;
    QTest::newRow("negative zero") << Value::number(-0.0) << ItemType::Decimal << u"0"_s;
    QTest::newRow("large") << Value::number(1e20) << ItemType::Decimal << u"100000000000000000000"_s;
    QTest::newRow("integer rounds") << Value::number(2.5) << ItemType::Integer << u"3"_s;
    QTest::newRow("yes") << Value::boolean(true) << ItemType::YesNo << u"1"_s;
    QTest::newRow("no") << Value::boolean(false) << ItemType::Calculated << u"0"_s;
    QTest::newRow("date") << Value::date(QDate(2024, 1, 5)) << ItemType::Date << u"2024-01-05"_s;
    QTest::newRow("time") << Value::time(QTime(7, 5)) << ItemType::Time << u"07:05"_s;
    QTest::newRow("date-time") << Value::dateTime(QDateTime(QDate(2024, 1, 5), QTime(7, 5), Qt::UTC))
                               << ItemType::DateTime << u"2024-01-05T07:05"_s;
    QTest::newRow("codes") << Value::codeSet({u"a"_s, u"b"_s}) << ItemType::MultipleChoice << u"a|b"_s;
    QTest::newRow("partial date") << Value::partialDate(u"2024-03"_s) << ItemType::Date << u"2024-03"_s;
    QTest::newRow("text") << Value::text(u"x"_s) << ItemType::Text << u"x"_s;
}

void TestStoredValue::toStored_givesCanonicalText()
{
    QFETCH(Value, value);
    QFETCH(study::ItemType, type);
    QFETCH(QString, expected);
    QCOMPARE(storedText(value, type), expected);
}

QTEST_GUILESS_MAIN(TestStoredValue)
#include "tst_storedvalue.moc"
