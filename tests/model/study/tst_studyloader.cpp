#include "study/studyloader.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;
using namespace cellcrf::study;
using namespace Qt::StringLiterals;

namespace {

// The smallest definition that uses every part of the format; each broken case
// below starts from it and changes one thing, so that the expected error is known
// exactly.
const char minimalStudy[] = R"json({
  "format": "cellcrf-study/1", "oid": "mini", "version": "1.0.0", "protocol": "TEST-1",
  "name": {"en": "Mini", "zh_CN": "迷你"},
  "settings": {"icans_ice_min_age_years": 12},
  "sites": [{"oid": "01", "name": {"en": "Site", "zh_CN": "中心"}, "utc_offset_minutes": 480}],
  "arms": [{"oid": "a", "name": {"en": "A", "zh_CN": "甲"}, "ratio": 2},
           {"oid": "b", "name": {"en": "B", "zh_CN": "乙"}, "ratio": 1}],
  "anchors": [{"oid": "infusion", "name": {"en": "Infusion", "zh_CN": "回输"}, "form": "inf", "item": "infdtc"}],
  "code_lists": [{"oid": "sex", "items": [{"code": "M", "label": {"en": "Male", "zh_CN": "男"}},
                                          {"code": "F", "label": {"en": "Female", "zh_CN": "女"}}]}],
  "events": [
    {"oid": "screening", "name": {"en": "Screening", "zh_CN": "筛选"}, "anchor": "infusion", "day": -17,
     "window": [-11, 11], "forms": ["dm"]},
    {"oid_prefix": "tox_d", "name": {"en": "Day %1", "zh_CN": "第%1天"}, "anchor": "infusion", "days": [1, 3],
     "window": [0, 1], "forms": ["inf"]},
    {"oid": "unscheduled", "name": {"en": "Unscheduled", "zh_CN": "计划外"}, "repeating": true, "forms": ["dm", "inf"]}
  ],
  "forms": ["dm", "inf"]
})json";

const char minimalDm[] = R"json({
  "oid": "dm", "name": {"en": "Demographics", "zh_CN": "人口学"}, "repeating": false,
  "sections": [{"oid": "main", "title": {"en": "Main", "zh_CN": "主要"}, "items": [
    {"oid": "brthdtc", "cdash": "BRTHDTC", "type": "date", "label": {"en": "Birth date", "zh_CN": "出生日期"},
     "required": true, "identifier": true},
    {"oid": "sex", "cdash": "SEX", "type": "single_choice", "label": {"en": "Sex", "zh_CN": "性别"}, "code_list": "sex"},
    {"oid": "weight", "type": "decimal", "label": {"en": "Weight", "zh_CN": "体重"}, "unit": "kg", "decimals": 1,
     "range": {"hard": [20, 200], "soft": [35, 130]}},
    {"oid": "pregnant", "type": "yes_no", "label": {"en": "Pregnant", "zh_CN": "妊娠"}, "show_if": "sex = 'F'"},
    {"oid": "qt", "type": "integer", "label": {"en": "QT", "zh_CN": "QT间期"}, "unit": "ms"},
    {"oid": "hr", "type": "integer", "label": {"en": "Heart rate", "zh_CN": "心率"}, "unit": "bpm"},
    {"oid": "qtcf", "type": "derived", "label": {"en": "QTcF", "zh_CN": "QTcF"}, "unit": "ms",
     "derivation": {"name": "qtcf", "output": "qtcf_ms", "inputs": {"qt_ms": "qt", "heart_rate_bpm": "hr"}}}
  ]}],
  "edit_checks": [{"oid": "weight_known", "expression": "notblank(weight) or pregnant = false",
                   "message": {"en": "Enter the weight.", "zh_CN": "请填写体重。"}, "items": ["weight"], "blocking": false}]
})json";

const char minimalInf[] = R"json({
  "oid": "inf", "name": {"en": "Infusion", "zh_CN": "回输"},
  "sections": [{"oid": "main", "title": {"en": "Main", "zh_CN": "主要"}, "items": [
    {"oid": "infdtc", "type": "date", "label": {"en": "Infusion date", "zh_CN": "回输日期"}, "required": true},
    {"oid": "age", "type": "calculated", "label": {"en": "Age", "zh_CN": "年龄"}, "calculation": "age(dm.brthdtc, infdtc)"},
    {"oid": "icans_grade", "type": "derived", "label": {"en": "ICANS", "zh_CN": "ICANS"},
     "derivation": {"name": "icans", "output": "icans_grade",
                    "inputs": {"age_years": "age", "ice_min_age_years": {"setting": "icans_ice_min_age_years"},
                               "ice_items.orientation_year": "infdtc"}}}
  ]}]
})json";

// Sets (or with an undefined value removes) the element at a JSON pointer such as
// "/sections/0/items/1/code_list".
QJsonValue patched(const QJsonValue &node, QStringList pointer, const QJsonValue &value)
{
    if (pointer.isEmpty())
        return value;
    const QString key = pointer.takeFirst();
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const int index = key.toInt();
        if (pointer.isEmpty() && value.isUndefined())
            array.removeAt(index);
        else if (index == array.size())
            array.append(patched(QJsonValue(), pointer, value));
        else
            array[index] = patched(array.at(index), pointer, value);
        return array;
    }
    QJsonObject object = node.toObject();
    if (pointer.isEmpty() && value.isUndefined())
        object.remove(key);
    else
        object[key] = patched(object.value(key), pointer, value);
    return object;
}

struct Patch
{
    QString file;    // relative to the study folder
    QString pointer; // JSON pointer; empty: replace the whole file with `text`
    QString json;    // new value as JSON text; empty removes the element
};

// Writes the minimal study into `dir` with the patches applied.
bool writeStudy(const QString &dir, const QList<Patch> &patches)
{
    QHash<QString, QByteArray> files{{u"study.json"_s, QByteArray(minimalStudy)},
                                     {u"forms/dm.json"_s, QByteArray(minimalDm)},
                                     {u"forms/inf.json"_s, QByteArray(minimalInf)}};
    for (const Patch &patch : patches) {
        if (patch.pointer.isEmpty()) {
            if (patch.json.isEmpty())
                files.remove(patch.file);
            else
                files[patch.file] = patch.json.toUtf8();
            continue;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(files.value(patch.file));
        if (!doc.isObject())
            return false;
        QJsonValue value = QJsonValue::Undefined;
        if (!patch.json.isEmpty()) {
            // Wrapped so that scalars parse too.
            const QJsonDocument wrapped = QJsonDocument::fromJson(u"[%1]"_s.arg(patch.json).toUtf8());
            if (!wrapped.isArray())
                return false;
            value = wrapped.array().at(0);
        }
        const QStringList pointer = patch.pointer.mid(1).split(u'/');
        files[patch.file] = QJsonDocument(patched(doc.object(), pointer, value).toObject()).toJson();
    }
    QDir().mkpath(dir + u"/forms"_s);
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QFile file(dir + u'/' + it.key());
        if (!file.open(QIODevice::WriteOnly) || file.write(*it) != it->size())
            return false;
    }
    return true;
}

struct ExpectedEvent
{
    const char *oid;
    const char *anchor;
    int day;
    int before;
    int after;
};

} // namespace

Q_DECLARE_METATYPE(QList<Patch>)

class TestStudyLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minimalStudy_loads();
    void series_expandsIntoDailyEvents();
    void brokenDefinition_namesFileAndPath_data();
    void brokenDefinition_namesFileAndPath();
    void severalErrors_areAllReported();
    void invalidJson_givesLineAndColumn();
    void missingFolder_isNotFound();
    void realStudy_loadsWithoutErrors_data();
    void realStudy_loadsWithoutErrors();
    void availableStudies_listsBoth();
    void realStudy_hasEveryProtocolForm_data();
    void realStudy_hasEveryProtocolForm();
    void s1904_scheduleMatchesProtocol();
    void peds_scheduleMatchesProtocol();
    void crsIcans_feedsTheDerivationsWithTheirEnumValues_data();
    void crsIcans_feedsTheDerivationsWithTheirEnumValues();
    void s1904_hasEveryEligibilityCriterion();
    void peds_hasEveryEligibilityCriterion();

private:
    static Result<Study> loadPatched(const QList<Patch> &patches, QTemporaryDir &dir)
    {
        if (!writeStudy(dir.path(), patches))
            return Status::error(ErrorCode::Io, u"could not write the test study"_s);
        return StudyLoader::load(dir.path());
    }
    static void verifySchedule(const Study &study, const QList<ExpectedEvent> &expected);
};

void TestStudyLoader::minimalStudy_loads()
{
    QTemporaryDir dir;
    const auto study = loadPatched({}, dir);
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    QCOMPARE(study->oid, u"mini"_s);
    QCOMPARE(study->forms.size(), 2);
    QCOMPARE(study->arms.size(), 2);
    QCOMPARE(study->arm(u"a"_s)->ratio, 2);
    QCOMPARE(study->site(u"01"_s)->utcOffsetMinutes, 480);
    const Form *dm = study->form(u"dm"_s);
    QVERIFY(dm);
    QCOMPARE(dm->file, u"forms/dm.json"_s);
    const Item *weight = dm->item(u"weight"_s);
    QVERIFY(weight);
    QCOMPARE(weight->type, ItemType::Decimal);
    QCOMPARE(weight->range.hardMin, std::optional<double>(20));
    QCOMPARE(weight->range.softMax, std::optional<double>(130));
    QCOMPARE(weight->decimals, 1);
    QCOMPARE(weight->label.text(u"zh_CN"_s), u"体重"_s);
    QVERIFY(dm->item(u"brthdtc"_s)->identifier);
    QCOMPARE(dm->item(u"brthdtc"_s)->cdashName, u"BRTHDTC"_s);
    const Item *qtcf = dm->item(u"qtcf"_s);
    QCOMPARE(qtcf->derivation, u"qtcf"_s);
    QCOMPARE(qtcf->derivationInputs.value(u"qt_ms"_s).reference, u"qt"_s);
    const Item *icans = study->form(u"inf"_s)->item(u"icans_grade"_s);
    QCOMPARE(icans->derivationInputs.value(u"ice_min_age_years"_s).kind, DerivationInput::Kind::Setting);
    QCOMPARE(dm->checks.size(), 1);
    QVERIFY(!dm->checks.first().blocking);
    QCOMPARE(dm->items.at(3).section, 0);
}

void TestStudyLoader::series_expandsIntoDailyEvents()
{
    QTemporaryDir dir;
    const auto study = loadPatched({}, dir);
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    QStringList oids;
    for (const Event &e : study->events)
        oids.append(e.oid);
    QCOMPARE(oids, (QStringList{u"screening"_s, u"tox_d1"_s, u"tox_d2"_s, u"tox_d3"_s, u"unscheduled"_s}));
    for (int day = 1; day <= 3; ++day) {
        const Event *e = study->event(u"tox_d"_s + QString::number(day));
        QVERIFY(e);
        QCOMPARE(e->day, std::optional<int>(day));
        QCOMPARE(e->anchor, u"infusion"_s);
        QCOMPARE(e->windowBefore, 0);
        QCOMPARE(e->windowAfter, 1);
        QVERIFY(e->isScheduled());
        QCOMPARE(e->name.text(), u"Day %1"_s.arg(day));
        QCOMPARE(e->name.text(u"zh_CN"_s), u"第%1天"_s.arg(day));
    }
    const Event *screening = study->event(u"screening"_s);
    QCOMPARE(screening->windowBefore, 11);
    QCOMPARE(screening->windowAfter, 11);
    QVERIFY(study->event(u"unscheduled"_s)->repeating);
    QVERIFY(!study->event(u"unscheduled"_s)->isScheduled());
}

void TestStudyLoader::brokenDefinition_namesFileAndPath_data()
{
    QTest::addColumn<QList<Patch>>("patches");
    QTest::addColumn<QString>("expected");
    const QString dm = u"forms/dm.json"_s;
    const QString st = u"study.json"_s;
    auto row = [](const char *name, QList<Patch> patches, const QString &expected) {
        QTest::newRow(name) << patches << expected;
    };
    row("wrong code list", {{dm, u"/sections/0/items/1/code_list"_s, u"\"sexx\""_s}},
        u"forms/dm.json: $.sections[0].items[1].code_list: unknown code list 'sexx'"_s);
    row("duplicate item", {{dm, u"/sections/0/items/2/oid"_s, u"\"brthdtc\""_s}},
        u"forms/dm.json: $.sections[0].items[2].oid: duplicate item 'brthdtc'"_s);
    row("show_if names a missing item", {{dm, u"/sections/0/items/3/show_if"_s, u"\"sexe = 'F'\""_s}},
        u"forms/dm.json: $.sections[0].items[3].show_if: the expression names unknown item 'sexe'"_s);
    row("show_if names a missing form", {{dm, u"/sections/0/items/3/show_if"_s, u"\"labs.sex = 'F'\""_s}},
        u"forms/dm.json: $.sections[0].items[3].show_if: the expression names unknown form 'labs' in 'labs.sex'"_s);
    row("calculation names a missing item of another form",
        {{u"forms/inf.json"_s, u"/sections/0/items/1/calculation"_s, u"\"age(dm.birth, infdtc)\""_s}},
        u"forms/inf.json: $.sections[0].items[1].calculation: the expression names unknown item 'birth' of form 'dm'"_s);
    row("show_if does not parse", {{dm, u"/sections/0/items/3/show_if"_s, u"\"sex == 'F'\""_s}},
        u"forms/dm.json: $.sections[0].items[3].show_if: invalid expression: column 5"_s);
    row("edit check names a missing item", {{dm, u"/edit_checks/0/items/0"_s, u"\"wieght\""_s}},
        u"forms/dm.json: $.edit_checks[0].items[0]: unknown item 'wieght'"_s);
    row("unknown key", {{dm, u"/sections/0/items/0/requird"_s, u"true"_s}},
        u"forms/dm.json: $.sections[0].items[0].requird: unknown key 'requird' (did you mean 'required'?)"_s);
    row("unknown key in study.json", {{st, u"/setings"_s, u"{}"_s}},
        u"study.json: $.setings: unknown key 'setings' (did you mean 'settings'?)"_s);
    row("unknown type", {{dm, u"/sections/0/items/0/type"_s, u"\"datum\""_s}},
        u"forms/dm.json: $.sections[0].items[0].type: unknown item type 'datum'"_s);
    row("wrong value type", {{dm, u"/sections/0/items/0/required"_s, u"\"yes\""_s}},
        u"forms/dm.json: $.sections[0].items[0].required: expected true or false, found a string"_s);
    row("missing required key", {{dm, u"/sections/0/items/0/type"_s, QString()}},
        u"forms/dm.json: $.sections[0].items[0]: missing required key 'type'"_s);
    row("unknown form in an event", {{st, u"/events/0/forms/1"_s, u"\"labs\""_s}},
        u"study.json: $.events[0].forms[1]: unknown form 'labs'"_s);
    row("unknown anchor in an event", {{st, u"/events/1/anchor"_s, u"\"infusoin\""_s}},
        u"study.json: $.events[1].anchor: unknown anchor 'infusoin'"_s);
    row("anchor on a non-date item", {{st, u"/anchors/0/item"_s, u"\"age\""_s}},
        u"study.json: $.anchors[0].item: an anchor needs a date or datetime item; 'age' is calculated"_s);
    row("anchor on an unknown form", {{st, u"/anchors/0/form"_s, u"\"infu\""_s}},
        u"study.json: $.anchors[0].form: unknown form 'infu'"_s);
    row("listed form without a file", {{st, u"/forms/2"_s, u"\"labs\""_s}},
        u"study.json: $.forms[2]: form 'labs' has no file forms/labs.json"_s);
    row("form file not listed", {{u"forms/extra.json"_s, QString(), u"{}"_s}},
        u"forms/extra.json: $: this form is not listed in study.json \"forms\""_s);
    row("duplicate form", {{st, u"/forms/2"_s, u"\"dm\""_s}}, u"study.json: $.forms[2]: duplicate form 'dm'"_s);
    row("duplicate event from a series", {{st, u"/events/2/oid"_s, u"\"tox_d2\""_s}},
        u"study.json: $.events[2]: duplicate event 'tox_d2'"_s);
    row("duplicate code list",
        {{st, u"/code_lists/1"_s,
          u"{\"oid\": \"sex\", \"items\": [{\"code\": \"X\", "
          "\"label\": {\"en\": \"X\", \"zh_CN\": \"X\"}}]}"_s}},
        u"study.json: $.code_lists[1].oid: duplicate code list 'sex'"_s);
    row("duplicate code", {{st, u"/code_lists/0/items/1/code"_s, u"\"M\""_s}},
        u"study.json: $.code_lists[0].items[1].code: duplicate code 'M'"_s);
    row("code with a bar", {{st, u"/code_lists/0/items/1/code"_s, u"\"F|W\""_s}},
        u"study.json: $.code_lists[0].items[1].code: code 'F|W' must not contain '|' or surrounding spaces"_s);
    row("duplicate arm", {{st, u"/arms/1/oid"_s, u"\"a\""_s}}, u"study.json: $.arms[1].oid: duplicate arm 'a'"_s);
    row("inside-out hard range", {{dm, u"/sections/0/items/2/range/hard"_s, u"[200, 20]"_s}},
        u"forms/dm.json: $.sections[0].items[2].range.hard: minimum 200 is above maximum 20"_s);
    row("soft range outside hard", {{dm, u"/sections/0/items/2/range/soft"_s, u"[10, 130]"_s}},
        u"forms/dm.json: $.sections[0].items[2].range.soft: the soft range must lie inside the hard range"_s);
    row("range on a non-numeric item", {{dm, u"/sections/0/items/0/range"_s, u"{\"hard\": [0, 1]}"_s}},
        u"forms/dm.json: $.sections[0].items[0].range: a range needs a numeric item, not date"_s);
    row("choice without code list", {{dm, u"/sections/0/items/1/code_list"_s, QString()}},
        u"forms/dm.json: $.sections[0].items[1]: a single_choice item needs a 'code_list'"_s);
    row("code list on a non-choice item", {{dm, u"/sections/0/items/2/code_list"_s, u"\"sex\""_s}},
        u"forms/dm.json: $.sections[0].items[2].code_list: a code list needs a single_choice or multiple_choice "
        "item, not decimal"_s);
    row("unknown derivation", {{dm, u"/sections/0/items/6/derivation/name"_s, u"\"qtcx\""_s}},
        u"forms/dm.json: $.sections[0].items[6].derivation.name: unknown derivation 'qtcx'"_s);
    row("unknown derivation output", {{dm, u"/sections/0/items/6/derivation/output"_s, u"\"qtc_ms\""_s}},
        u"forms/dm.json: $.sections[0].items[6].derivation.output: derivation 'qtcf' has no output 'qtc_ms'"_s);
    row("unknown derivation input", {{dm, u"/sections/0/items/6/derivation/inputs/hr_bpm"_s, u"\"hr\""_s}},
        u"forms/dm.json: $.sections[0].items[6].derivation.inputs.hr_bpm: derivation 'qtcf' has no input 'hr_bpm'"_s);
    row("unknown part of a composite input",
        {{u"forms/inf.json"_s, u"/sections/0/items/2/derivation/inputs/ice_items.orientation_yr"_s, u"\"infdtc\""_s}},
        u"forms/inf.json: $.sections[0].items[2].derivation.inputs.ice_items.orientation_yr: input 'ice_items' has "
        "no part 'orientation_yr'"_s);
    row("derivation input names a missing item", {{dm, u"/sections/0/items/6/derivation/inputs/qt_ms"_s, u"\"qtt\""_s}},
        u"forms/dm.json: $.sections[0].items[6].derivation.inputs.qt_ms: the input names unknown item 'qtt'"_s);
    row("unknown setting",
        {{u"forms/inf.json"_s, u"/sections/0/items/2/derivation/inputs/ice_min_age_years"_s,
          u"{\"setting\": \"ice_age\"}"_s}},
        u"forms/inf.json: $.sections[0].items[2].derivation.inputs.ice_min_age_years: unknown setting 'ice_age'"_s);
    row("missing translation", {{dm, u"/sections/0/items/0/label/zh_CN"_s, QString()}},
        u"forms/dm.json: $.sections[0].items[0].label: missing translation 'zh_CN'"_s);
    row("missing translation in study.json", {{st, u"/events/0/name/zh_CN"_s, QString()}},
        u"study.json: $.events[0].name: missing translation 'zh_CN'"_s);
    row("unknown language", {{dm, u"/name/fr"_s, u"\"Démographie\""_s}},
        u"forms/dm.json: $.name.fr: unknown language 'fr'"_s);
    row("item name too long", {{dm, u"/sections/0/items/4/oid"_s, u"\"a_very_long_item_name_for_redcap\""_s}},
        u"forms/dm.json: $.sections[0].items[4].oid: 'a_very_long_item_name_for_redcap' is not a valid name"_s);
    row("item name in upper case", {{dm, u"/sections/0/items/4/oid"_s, u"\"QT\""_s}},
        u"forms/dm.json: $.sections[0].items[4].oid: 'QT' is not a valid name"_s);
    row("item name used by another form", {{u"forms/inf.json"_s, u"/sections/0/items/1/oid"_s, u"\"weight\""_s}},
        u"forms/inf.json: $.sections[0].items[1].oid: item 'weight' is already used in form 'dm'"_s);
    row("window without the target day", {{st, u"/events/0/window"_s, u"[2, 5]"_s}},
        u"study.json: $.events[0].window: the window must contain the target day"_s);
    row("day without anchor", {{st, u"/events/0/anchor"_s, QString()}},
        u"study.json: $.events[0]: a 'day' needs an 'anchor' to count from"_s);
    row("calculated item without calculation", {{u"forms/inf.json"_s, u"/sections/0/items/1/calculation"_s, QString()}},
        u"forms/inf.json: $.sections[0].items[1]: a calculated item needs a 'calculation'"_s);
    row("unsupported format", {{st, u"/format"_s, u"\"cellcrf-study/2\""_s}},
        u"study.json: $.format: unsupported format 'cellcrf-study/2'"_s);
    row("form oid differs from its file", {{dm, u"/oid"_s, u"\"demo\""_s}},
        u"forms/dm.json: $.oid: the form in forms/dm.json must have the oid 'dm', not 'demo'"_s);
    row("edit check does not parse", {{dm, u"/edit_checks/0/expression"_s, u"\"weight >\""_s}},
        u"forms/dm.json: $.edit_checks[0].expression: invalid expression"_s);
    row("unknown missing-data code", {{dm, u"/sections/0/items/2/missing_codes"_s, u"[\"ND\", \"NK\"]"_s}},
        u"forms/dm.json: $.sections[0].items[2].missing_codes[1]: unknown missing-data code 'NK'"_s);
}

void TestStudyLoader::brokenDefinition_namesFileAndPath()
{
    QFETCH(QList<Patch>, patches);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const auto study = loadPatched(patches, dir);
    QVERIFY(!study.isOk());
    QCOMPARE(study.status().code(), ErrorCode::InvalidInput);
    const QStringList lines = study.message().split(u'\n');
    const bool found =
        std::any_of(lines.cbegin(), lines.cend(), [&](const QString &l) { return l.startsWith(expected); });
    QVERIFY2(found,
             qPrintable(u"expected a line starting with\n  %1\ngot\n  %2"_s.arg(expected, lines.join(u"\n  "_s))));
}

void TestStudyLoader::severalErrors_areAllReported()
{
    QTemporaryDir dir;
    const QString dm = u"forms/dm.json"_s;
    const auto study = loadPatched({{dm, u"/sections/0/items/1/code_list"_s, u"\"sexx\""_s},
                                    {dm, u"/sections/0/items/2/range/hard"_s, u"[200, 20]"_s},
                                    {dm, u"/sections/0/items/0/label/zh_CN"_s, QString()},
                                    {u"study.json"_s, u"/events/0/forms/0"_s, u"\"labs\""_s},
                                    {u"forms/inf.json"_s, u"/sections/0/items/0/type"_s, u"\"datum\""_s}},
                                   dir);
    QVERIFY(!study.isOk());
    const QStringList lines = study.message().split(u'\n');
    const QStringList expected{
        u"forms/dm.json: $.sections[0].items[1].code_list: unknown code list 'sexx'"_s,
        u"forms/dm.json: $.sections[0].items[2].range.hard: minimum 200 is above maximum 20"_s,
        u"forms/dm.json: $.sections[0].items[0].label: missing translation 'zh_CN'"_s,
        u"study.json: $.events[0].forms[0]: unknown form 'labs'"_s,
        u"forms/inf.json: $.sections[0].items[0].type: unknown item type 'datum'"_s,
    };
    for (const QString &e : expected)
        QVERIFY2(lines.contains(e), qPrintable(u"missing: %1\ngot:\n%2"_s.arg(e, study.message())));
    // Nothing that merely follows from these (the soft range against an inside-out hard
    // range, the anchor on an item of unknown type) is reported.
    QVERIFY2(lines.size() == expected.size(), qPrintable(study.message()));
}

void TestStudyLoader::invalidJson_givesLineAndColumn()
{
    QTemporaryDir dir;
    // A missing comma after the name on line 3.
    const QString broken = u"{\n  \"oid\": \"dm\",\n  \"name\": {\"en\": \"Demographics\", \"zh_CN\": \"人口学\"}\n"
                           "  \"sections\": []\n}\n"_s;
    const auto study = loadPatched({{u"forms/dm.json"_s, QString(), broken}}, dir);
    QVERIFY(!study.isOk());
    const QStringList lines = study.message().split(u'\n');
    QVERIFY2(lines.first().startsWith(u"forms/dm.json: line 4, column 4: invalid JSON: "_s), qPrintable(lines.first()));
    // References to the broken form are not reported again: it is listed, its file failed.
    QVERIFY2(lines.size() == 1, qPrintable(study.message()));
}

void TestStudyLoader::missingFolder_isNotFound()
{
    const auto study = StudyLoader::load(u"/nonexistent/study"_s);
    QVERIFY(!study.isOk());
    QCOMPARE(study.status().code(), ErrorCode::NotFound);
}

void TestStudyLoader::realStudy_loadsWithoutErrors_data()
{
    QTest::addColumn<QString>("directory");
    for (const QString &oid : {u"s1904"_s, u"peds-cd19"_s}) {
        QTest::newRow(qPrintable(oid + u" source"_s)) << test::studyDir(oid);
        QTest::newRow(qPrintable(oid + u" resource"_s)) << u":/studies/"_s + oid;
    }
}

void TestStudyLoader::realStudy_loadsWithoutErrors()
{
    QFETCH(QString, directory);
    const auto study = StudyLoader::load(directory);
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    QCOMPARE(study->directory, directory);
    QVERIFY(study->settings.value(u"icans_ice_min_age_years"_s).toInt() == 12);
}

void TestStudyLoader::availableStudies_listsBoth()
{
    const QStringList expected{u"peds-cd19"_s, u"s1904"_s};
    QCOMPARE(StudyLoader::availableStudies(test::sourceDir() + u"/resources/studies"_s), expected);
    QCOMPARE(StudyLoader::availableStudies(u":/studies"_s), expected);
}

void TestStudyLoader::realStudy_hasEveryProtocolForm_data()
{
    QTest::addColumn<QString>("oid");
    QTest::addColumn<QStringList>("forms");
    // PROTOCOLS.md, "Forms both protocols use"; randomization and transplant are S1904 only.
    const QStringList common{u"dm"_s,        u"elig"_s,     u"apheresis"_s, u"lymphodep"_s, u"infusion"_s,
                             u"crs_icans"_s, u"response"_s, u"survival"_s,  u"ae"_s};
    QTest::newRow("s1904") << u"s1904"_s << (common + QStringList{u"rand"_s, u"transplant"_s});
    QTest::newRow("peds-cd19") << u"peds-cd19"_s << common;
}

void TestStudyLoader::realStudy_hasEveryProtocolForm()
{
    QFETCH(QString, oid);
    QFETCH(QStringList, forms);
    const auto study = StudyLoader::load(test::studyDir(oid));
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    QCOMPARE(study->forms.size(), forms.size());
    for (const QString &f : forms)
        QVERIFY2(study->form(f), qPrintable(f));
    QVERIFY(study->form(u"ae"_s)->repeating);
    // Every form is collected at some visit.
    QSet<QString> scheduled;
    for (const Event &e : study->events)
        scheduled.unite(QSet<QString>(e.forms.cbegin(), e.forms.cend()));
    for (const QString &f : forms)
        QVERIFY2(scheduled.contains(f), qPrintable(f));
    QVERIFY(study->event(u"unscheduled"_s)->repeating);
    // The lymphodepletion regimen comes from the definition.
    QCOMPARE(study->settings.value(u"fludarabine_mg_per_m2"_s).toInt(), 30);
    QCOMPARE(study->settings.value(u"cyclophosphamide_mg_per_m2"_s).toInt(), 300);
    // The infusion is checked against the apheresis chain of identity.
    const Form *infusion = study->form(u"infusion"_s);
    QVERIFY(std::any_of(infusion->checks.cbegin(), infusion->checks.cend(),
                        [](const EditCheck &c) { return c.expression.contains(u"apheresis.coi_id"_s) && c.blocking; }));
    for (const char *identifier : {"subjinit", "brthdtc", "hosp_rec_no"})
        QVERIFY(study->form(u"dm"_s)->item(QString::fromLatin1(identifier))->identifier);
    QVERIFY(study->form(u"apheresis"_s)->item(u"coi_id"_s)->identifier);
    QVERIFY(infusion->item(u"inf_coi_id"_s)->identifier);
}

void TestStudyLoader::verifySchedule(const Study &study, const QList<ExpectedEvent> &expected)
{
    for (const ExpectedEvent &x : expected) {
        const Event *e = study.event(QString::fromLatin1(x.oid));
        QVERIFY2(e, x.oid);
        if (!x.anchor) {
            QVERIFY2(!e->isScheduled(), x.oid);
            continue;
        }
        QCOMPARE(e->anchor, QString::fromLatin1(x.anchor));
        QCOMPARE(e->day, std::optional<int>(x.day));
        QCOMPARE(e->windowBefore, x.before);
        QCOMPARE(e->windowAfter, x.after);
    }
}

void TestStudyLoader::s1904_scheduleMatchesProtocol()
{
    const auto study = StudyLoader::load(test::studyDir(u"s1904"_s));
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    // PROTOCOLS.md A: screening −28 to −6, lymphodepletion −5 to −3, infusion 0, daily toxicity 1–14,
    // day 21 ±2, day 28 ±3, week 8 ±7, week 12 ±7, months 3–24 after randomization ±14.
    QList<ExpectedEvent> expected{
        {"screening", "infusion", -17, 11, 11},    {"apheresis", nullptr, 0, 0, 0},
        {"lymphodepletion", "infusion", -4, 1, 1}, {"infusion", "infusion", 0, 0, 0},
        {"day21", "infusion", 21, 2, 2},           {"day28", "infusion", 28, 3, 3},
        {"week8", "infusion", 56, 7, 7},           {"week12", "infusion", 84, 7, 7},
        {"month3", "randomization", 91, 14, 14},   {"month6", "randomization", 183, 14, 14},
        {"month9", "randomization", 274, 14, 14},  {"month12", "randomization", 365, 14, 14},
        {"month18", "randomization", 548, 14, 14}, {"month24", "randomization", 730, 14, 14},
        {"unscheduled", nullptr, 0, 0, 0},
    };
    const QByteArray tox[14] = {"tox_d1", "tox_d2", "tox_d3",  "tox_d4",  "tox_d5",  "tox_d6",  "tox_d7",
                                "tox_d8", "tox_d9", "tox_d10", "tox_d11", "tox_d12", "tox_d13", "tox_d14"};
    for (int day = 1; day <= 14; ++day)
        expected.append({tox[day - 1].constData(), "infusion", day, 0, 0});
    verifySchedule(*study, expected);
    // Screening spans exactly days −28 to −6.
    const Event *screening = study->event(u"screening"_s);
    QCOMPARE(*screening->day - screening->windowBefore, -28);
    QCOMPARE(*screening->day + screening->windowAfter, -6);
    // Day 0 assessment on the infusion visit, then daily to day 14, then at each visit to day 28.
    for (const char *e : {"infusion", "tox_d1", "tox_d14", "day21", "day28"})
        QVERIFY2(study->event(QString::fromLatin1(e))->forms.contains(u"crs_icans"_s), e);
    QVERIFY(study->event(u"week12"_s)->forms.contains(u"rand"_s));
    QVERIFY(study->event(u"week12"_s)->forms.contains(u"response"_s));
    QCOMPARE(study->arm(u"bridging_hsct"_s)->ratio, 2);
    QCOMPARE(study->arm(u"no_bridging"_s)->ratio, 1);
    QCOMPARE(study->sites.size(), 3);
    QCOMPARE(study->protocolId, u"NCT06581081"_s);
}

void TestStudyLoader::peds_scheduleMatchesProtocol()
{
    const auto study = StudyLoader::load(test::studyDir(u"peds-cd19"_s));
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    QList<ExpectedEvent> expected{
        {"screening", nullptr, 0, 0, 0},   {"apheresis", nullptr, 0, 0, 0},  {"lymphodepletion", "infusion", -4, 1, 1},
        {"infusion", "infusion", 0, 0, 0}, {"day21", "infusion", 21, 2, 2},  {"day28", "infusion", 28, 3, 3},
        {"month2", "infusion", 61, 7, 7},  {"month3", "infusion", 91, 7, 7}, {"unscheduled", nullptr, 0, 0, 0},
    };
    verifySchedule(*study, expected);
    for (int day = 1; day <= 14; ++day) {
        const Event *e = study->event(u"tox_d"_s + QString::number(day));
        QVERIFY(e);
        QCOMPARE(e->day, std::optional<int>(day));
        QCOMPARE(e->windowBefore + e->windowAfter, 0);
    }
    QVERIFY(!study->event(u"tox_d15"_s));
    QVERIFY(!study->form(u"rand"_s));
    QCOMPARE(study->arms.size(), 1);
    QVERIFY(study->event(u"day28"_s)->forms.contains(u"response"_s));
}

void TestStudyLoader::crsIcans_feedsTheDerivationsWithTheirEnumValues_data()
{
    QTest::addColumn<QString>("oid");
    QTest::newRow("s1904") << u"s1904"_s;
    QTest::newRow("peds-cd19") << u"peds-cd19"_s;
}

void TestStudyLoader::crsIcans_feedsTheDerivationsWithTheirEnumValues()
{
    QFETCH(QString, oid);
    const auto study = StudyLoader::load(test::studyDir(oid));
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    const Form *form = study->form(u"crs_icans"_s);
    QVERIFY(form);
    // CLINICAL.md "Derivation inputs": the codes are the derivations' enum values.
    const QHash<QString, QStringList> enums{
        {u"hypotension"_s,
         {u"none"_s, u"no_vasopressor"_s, u"vasopressin_only"_s, u"one_vasopressor"_s, u"multiple_vasopressors"_s}},
        {u"oxygen"_s,
         {u"none"_s, u"nasal_cannula"_s, u"low_flow_le6"_s, u"blow_by"_s, u"high_flow_gt6"_s, u"facemask"_s,
          u"nonrebreather"_s, u"venturi"_s, u"cpap"_s, u"bipap"_s, u"mechanical_ventilation"_s}},
        {u"consciousness"_s,
         {u"alert"_s, u"awakens_spontaneously"_s, u"awakens_to_voice"_s, u"awakens_to_tactile"_s, u"unarousable"_s}},
        {u"seizure"_s, {u"none"_s, u"clinical"_s, u"nonconvulsive_eeg"_s, u"repetitive_without_return_to_baseline"_s}},
        {u"motor"_s, {u"none"_s, u"tremor"_s, u"myoclonus"_s, u"deep_focal_weakness"_s}},
        {u"icp_findings"_s,
         {u"focal_edema"_s, u"diffuse_edema"_s, u"decerebrate_posturing"_s, u"decorticate_posturing"_s,
          u"cranial_nerve_vi_palsy"_s, u"papilledema"_s, u"cushings_triad"_s,
          u"intracranial_hemorrhage_with_or_without_edema"_s}},
        {u"icans_excluded"_s, {u"ice"_s, u"encephalopathy"_s, u"consciousness"_s, u"seizure"_s, u"motor"_s, u"icp"_s}},
        {u"capd_eye_contact"_s, {u"never"_s, u"rarely"_s, u"sometimes"_s, u"often"_s, u"always"_s}},
    };
    for (auto it = enums.cbegin(); it != enums.cend(); ++it) {
        const Item *item = form->item(it.key());
        QVERIFY2(item, qPrintable(it.key()));
        const CodeList *list = study->codeList(item->codeListOid);
        QVERIFY2(list, qPrintable(it.key()));
        QStringList codes;
        for (const CodeListItem &c : list->items)
            codes.append(c.code);
        QCOMPARE(codes, it.value());
    }
    QCOMPARE(form->item(u"icp_findings"_s)->type, ItemType::MultipleChoice);
    QCOMPARE(form->item(u"icans_excluded"_s)->type, ItemType::MultipleChoice);

    const Item *crs = form->item(u"crs_grade"_s);
    QCOMPARE(crs->derivation, u"crs"_s);
    QCOMPARE(crs->derivationOutput, u"crs_grade"_s);
    QCOMPARE(crs->derivationInputs.value(u"hypotension"_s).reference, u"hypotension"_s);
    QCOMPARE(crs->derivationInputs.value(u"oxygen"_s).reference, u"oxygen"_s);
    const Item *icans = form->item(u"icans_grade"_s);
    QCOMPARE(icans->derivation, u"icans"_s);
    QCOMPARE(icans->derivationOutput, u"icans_grade"_s);
    const DerivationInput minAge = icans->derivationInputs.value(u"ice_min_age_years"_s);
    QCOMPARE(minAge.kind, DerivationInput::Kind::Setting);
    QCOMPARE(minAge.reference, u"icans_ice_min_age_years"_s);
    QCOMPARE(form->item(icans->derivationInputs.value(u"age_years"_s).reference)->type, ItemType::Calculated);
    for (const char *part :
         {"orientation_year", "orientation_month", "orientation_city", "orientation_hospital", "naming_objects_correct",
          "follows_simple_command", "writes_standard_sentence", "counts_back_from_100_by_10"})
        QVERIFY2(icans->derivationInputs.contains(u"ice_items."_s + QString::fromLatin1(part)), part);
    for (const char *part : {"eye_contact", "purposeful_actions", "aware_of_surroundings", "communicates_needs",
                             "restless", "inconsolable", "underactive", "slow_response"})
        QVERIFY2(icans->derivationInputs.contains(u"capd_answers."_s + QString::fromLatin1(part)), part);

    for (const QString &prefix : {u"crs"_s, u"icans"_s}) {
        QCOMPARE(form->item(prefix + u"_grade_confirmed"_s)->type, ItemType::YesNo);
        const Item *override = form->item(prefix + u"_grade_override"_s);
        QCOMPARE(override->type, ItemType::Integer);
        QCOMPARE(override->range.hardMin, std::optional<double>(0));
        QCOMPARE(override->range.hardMax, std::optional<double>(5));
        QVERIFY(!override->showIf.isEmpty());
        QVERIFY(form->item(prefix + u"_override_reason"_s));
        const QString checkOid = prefix + u"_override_reason"_s;
        QVERIFY(std::any_of(form->checks.cbegin(), form->checks.cend(),
                            [&](const EditCheck &c) { return c.oid == checkOid && c.blocking; }));
    }
    const Item *temp = form->item(u"temp_c"_s);
    QCOMPARE(temp->range.hardMin, std::optional<double>(30));
    QCOMPARE(temp->range.hardMax, std::optional<double>(45));
    QCOMPARE(temp->range.softMin, std::optional<double>(35));
    QCOMPARE(temp->range.softMax, std::optional<double>(41));
    for (const char *oid2 : {"toci_given", "steroid_given", "icu_transfer", "assess_dtc"})
        QVERIFY2(form->item(QString::fromLatin1(oid2)), oid2);
}

void TestStudyLoader::s1904_hasEveryEligibilityCriterion()
{
    const auto study = StudyLoader::load(test::studyDir(u"s1904"_s));
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    const Form *elig = study->form(u"elig"_s);
    for (int n = 1; n <= 11; ++n)
        QVERIFY(elig->item(u"inc%1"_s.arg(n, 2, 10, QChar(u'0'))));
    for (int n = 1; n <= 23; ++n)
        QVERIFY(elig->item(u"exc%1"_s.arg(n, 2, 10, QChar(u'0'))));
    QVERIFY(!elig->item(u"inc12"_s));
    QVERIFY(!elig->item(u"exc24"_s));
    for (const char *oid :
         {"ast",          "ast_uln",       "alt",        "alt_uln",      "tbil",      "tbil_uln",     "creat",
          "creat_unit",   "creat_uln",     "crcl",       "spo2_scr",     "qt_ms",     "heart_rate",   "qtcf",
          "lvef",         "sbp",           "dbp",        "hbsag",        "hbcab",     "hbv_dna",      "hcv_ab",
          "hcv_rna",      "hiv_ab",        "cmv_dna",    "ebv_dna",      "syph_trep", "syph_nontrep", "preg_test",
          "childbearing", "prior_hsct",    "prior_cd19", "prior_cart",   "ph_status", "tki_failed_n", "t315i",
          "ecog",         "scr_bm_blasts", "cd19_flow",  "elig_decision"})
        QVERIFY2(elig->item(QString::fromLatin1(oid)), oid);
    QCOMPARE(elig->item(u"crcl"_s)->derivation, u"crcl"_s);
    QCOMPARE(elig->item(u"qtcf"_s)->derivation, u"qtcf"_s);
}

void TestStudyLoader::peds_hasEveryEligibilityCriterion()
{
    const auto study = StudyLoader::load(test::studyDir(u"peds-cd19"_s));
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    const Form *elig = study->form(u"elig"_s);
    for (int n = 1; n <= 9; ++n) {
        QVERIFY(elig->item(u"inc%1"_s.arg(n, 2, 10, QChar(u'0'))));
        QVERIFY(elig->item(u"exc%1"_s.arg(n, 2, 10, QChar(u'0'))));
    }
    QVERIFY(!elig->item(u"inc10"_s));
    QVERIFY(!elig->item(u"exc10"_s));
    QVERIFY(elig->item(u"lansky"_s));
    QVERIFY(elig->item(u"karnofsky"_s));
}

QTEST_GUILESS_MAIN(TestStudyLoader)
#include "tst_studyloader.moc"
