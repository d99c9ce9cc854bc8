// The randomization block of a study definition (RANDOMIZATION.md §3.1): what the
// loader accepts, and one broken definition per check, each naming file and JSON path.

#include "auth/permissions.h"
#include "study/studyloader.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;
using namespace cellcrf::study;
using namespace Qt::StringLiterals;

namespace {

// A small study whose scheme is S1904's in shape: 2:1, blocks of 3 and 6, site x a
// mapped disease factor. Every broken case below changes one thing in it.
const char baseStudy[] = R"json({
  "format": "cellcrf-study/1", "oid": "mini", "version": "1.0.0", "protocol": "TEST-1",
  "name": {"en": "Mini", "zh_CN": "迷你"},
  "sites": [{"oid": "01", "name": {"en": "One", "zh_CN": "一"}, "utc_offset_minutes": 480},
            {"oid": "02", "name": {"en": "Two", "zh_CN": "二"}, "utc_offset_minutes": 480}],
  "arms": [{"oid": "a", "name": {"en": "A", "zh_CN": "甲"}, "ratio": 2},
           {"oid": "b", "name": {"en": "B", "zh_CN": "乙"}, "ratio": 1}],
  "code_lists": [
    {"oid": "arm", "items": [{"code": "a", "label": {"en": "A", "zh_CN": "甲"}},
                             {"code": "b", "label": {"en": "B", "zh_CN": "乙"}}]},
    {"oid": "disease", "items": [{"code": "rel", "label": {"en": "Relapse", "zh_CN": "复发"}},
                                 {"code": "ref", "label": {"en": "Refractory", "zh_CN": "难治"}},
                                 {"code": "prim", "label": {"en": "Primary refractory", "zh_CN": "原发难治"}}]}],
  "events": [{"oid": "any", "name": {"en": "Any", "zh_CN": "任意"}, "repeating": true, "forms": ["elig"]}],
  "forms": ["elig"],
  "randomization": {
    "list_prefix": "MINI", "algorithm": "pbr-v1", "blinded": false,
    "arms": [{"oid": "a", "ratio": 2}, {"oid": "b", "ratio": 1}],
    "block_sizes": [3, 6],
    "strata": [{"factor": "site", "source": "subject.site"},
               {"factor": "disease_group", "source": "elig.disease",
                "map": {"rel": "relapsed", "ref": "refractory", "prim": "refractory"},
                "short": {"relapsed": "REL", "refractory": "REF"}}],
    "per_stratum": 40, "pack_size": 4, "low_water": 2,
    "randomizer_roles": ["investigator"], "max_days_after_infusion": 91,
    "confirmations": [{"oid": "rand_conf_accepts_either_arm",
                       "text": {"en": "Accepts either arm", "zh_CN": "接受任一组"}}]
  }
})json";

const char eligForm[] = R"json({
  "oid": "elig", "name": {"en": "Eligibility", "zh_CN": "资格"},
  "sections": [{"oid": "main", "title": {"en": "Main", "zh_CN": "主要"}, "items": [
    {"oid": "disease", "type": "single_choice", "label": {"en": "Disease", "zh_CN": "疾病"}, "code_list": "disease"},
    {"oid": "note", "type": "text", "label": {"en": "Note", "zh_CN": "备注"}}
  ]}]
})json";

// Sets (or, for an undefined value, removes) the element at a JSON pointer.
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

// JSON pointer -> new value as JSON text; an empty text removes the element.
using Patches = QList<QPair<QString, QString>>;

QJsonObject patchedStudy(const Patches &patches)
{
    QJsonValue root = QJsonDocument::fromJson(baseStudy).object();
    for (const auto &[pointer, json] : patches) {
        QJsonValue value = QJsonValue::Undefined;
        if (!json.isEmpty())
            value = QJsonDocument::fromJson(u"[%1]"_s.arg(json).toUtf8()).array().at(0);
        root = patched(root, pointer.mid(1).split(u'/'), value);
    }
    return root.toObject();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

Result<Study> loadPatched(const Patches &patches, const QTemporaryDir &dir)
{
    QDir().mkpath(dir.filePath(u"forms"_s));
    if (!writeFile(dir.filePath(u"study.json"_s), QJsonDocument(patchedStudy(patches)).toJson()) ||
        !writeFile(dir.filePath(u"forms/elig.json"_s), eligForm))
        return Status::error(ErrorCode::Io, u"cannot write the test study"_s);
    return StudyLoader::load(dir.path());
}

// A bare scheme file: the base block plus "sites".
Result<RandomizationScheme> loadBareScheme(const Patches &patches, const QTemporaryDir &dir)
{
    QJsonObject block = patchedStudy({}).value(u"randomization"_s).toObject();
    block.insert(u"sites"_s, QJsonArray{u"01"_s, u"02"_s, u"03"_s});
    QJsonValue root = block;
    for (const auto &[pointer, json] : patches) {
        QJsonValue value = QJsonValue::Undefined;
        if (!json.isEmpty())
            value = QJsonDocument::fromJson(u"[%1]"_s.arg(json).toUtf8()).array().at(0);
        root = patched(root, pointer.mid(1).split(u'/'), value);
    }
    const QString path = dir.filePath(u"scheme.json"_s);
    if (!writeFile(path, QJsonDocument(root.toObject()).toJson()))
        return Status::error(ErrorCode::Io, u"cannot write the test scheme"_s);
    return StudyLoader::loadRandomizationScheme(path);
}

QString sitesJson(int count)
{
    QStringList sites;
    for (int i = 1; i <= count; ++i)
        sites.append(uR"({"oid": "%1", "name": {"en": "S", "zh_CN": "中"}, "utc_offset_minutes": 0})"_s.arg(
            i, 2, 10, QLatin1Char('0')));
    return u'[' + sites.join(u',') + u']';
}

bool hasLine(const QString &message, const QString &expected)
{
    const QStringList lines = message.split(u'\n');
    return std::any_of(lines.cbegin(), lines.cend(), [&](const QString &l) { return l.startsWith(expected); });
}

} // namespace

class TestRandomizationScheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void baseScheme_loadsWithEveryPart();
    void s1904_hasSiteByDiseaseGroupInBlocksOfThreeSixNine();
    void brokenScheme_namesFileAndPath_data();
    void brokenScheme_namesFileAndPath();
    void studyWithoutScheme_hasNone();
    void randomizerRoles_knowEveryAccountRole_data();
    void randomizerRoles_knowEveryAccountRole();
    void bareSchemeFile_loadsWithItsSites();
    void brokenBareScheme_namesFileAndPath_data();
    void brokenBareScheme_namesFileAndPath();
    void missingBareScheme_isNotFound();
};

void TestRandomizationScheme::baseScheme_loadsWithEveryPart()
{
    QTemporaryDir dir;
    const auto study = loadPatched({}, dir);
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    QVERIFY(study->randomization.has_value());
    const RandomizationScheme &s = *study->randomization;
    QCOMPARE(s.listPrefix, u"MINI"_s);
    QCOMPARE(s.algorithm, u"pbr-v1"_s);
    QVERIFY(!s.blinded);
    QCOMPARE(s.arms.size(), 2);
    QCOMPARE(s.arms.at(0).oid, u"a"_s);
    QCOMPARE(s.arms.at(0).ratio, 2);
    QCOMPARE(s.ratioSum(), 3);
    QCOMPARE(s.blockSizes, (QList<int>{3, 6}));
    QCOMPARE(s.strata.size(), 2);
    QVERIFY(s.strata.at(0).isSite());
    QCOMPARE(s.strata.at(0).values, (QStringList{u"01"_s, u"02"_s}));
    QCOMPARE(s.strata.at(1).name, u"disease_group"_s);
    QCOMPARE(s.strata.at(1).map.value(u"prim"_s), u"refractory"_s);
    // Mapped values in UTF-8 byte order, not in order of appearance.
    QCOMPARE(s.strata.at(1).values, (QStringList{u"refractory"_s, u"relapsed"_s}));
    QCOMPARE(s.strata.at(1).shortCodes.value(u"relapsed"_s), u"REL"_s);
    QCOMPARE(s.strataCount(), 4);
    QCOMPARE(s.perStratum, 40);
    QCOMPARE(s.packSize, 4);
    QCOMPARE(s.lowWater, 2);
    QCOMPARE(s.randomizerRoles, QStringList{u"investigator"_s});
    QCOMPARE(s.maxDaysAfterInfusion, std::optional<int>(91));
    QCOMPARE(s.confirmations.size(), 1);
    QCOMPARE(s.confirmations.at(0).oid, u"rand_conf_accepts_either_arm"_s);
    QCOMPARE(s.confirmations.at(0).text.text(u"zh_CN"_s), u"接受任一组"_s);
    QCOMPARE(s.json.value(u"block_sizes"_s).toArray().size(), 2);
}

void TestRandomizationScheme::s1904_hasSiteByDiseaseGroupInBlocksOfThreeSixNine()
{
    const auto study = StudyLoader::load(test::studyDir(u"s1904"_s));
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    QVERIFY(study->randomization.has_value());
    const RandomizationScheme &s = *study->randomization;
    QCOMPARE(s.listPrefix, u"S1904"_s);
    QCOMPARE(s.arms.size(), 2);
    QCOMPARE(s.arms.at(0).oid, u"bridging_hsct"_s);
    QCOMPARE(s.arms.at(0).ratio, 2);
    QCOMPARE(s.arms.at(1).oid, u"no_bridging"_s);
    QCOMPARE(s.arms.at(1).ratio, 1);
    QCOMPARE(s.blockSizes, (QList<int>{3, 6, 9}));
    QCOMPARE(s.strata.at(0).values, (QStringList{u"01"_s, u"02"_s, u"03"_s}));
    QCOMPARE(s.strata.at(1).source, u"elig.disease_status"_s);
    // Every disease status code maps (the loader checks coverage; this pins the grouping).
    const CodeList *statuses = study->codeList(u"disease_status"_s);
    QVERIFY(statuses);
    for (const CodeListItem &code : statuses->items)
        QCOMPARE(s.strata.at(1).map.value(code.code),
                 code.code.startsWith(u"relapse"_s) ? u"relapsed"_s : u"refractory"_s);
    // The mapped values are the codes of rand.rand_stratum, which mirrors the stratum.
    const CodeList *mirror = study->codeList(u"rand_stratum"_s);
    QVERIFY(mirror);
    for (const QString &value : s.strata.at(1).values)
        QVERIFY2(mirror->contains(value), qPrintable(value));
    QCOMPARE(s.strataCount(), 6);
    QCOMPARE(s.perStratum, 40);
    QCOMPARE(s.randomizerRoles, QStringList{u"investigator"_s});
    QCOMPARE(s.confirmations.size(), 3);
}

void TestRandomizationScheme::brokenScheme_namesFileAndPath_data()
{
    QTest::addColumn<Patches>("patches");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const Patches &patches, const QString &expected) {
        QTest::newRow(name) << patches << u"study.json: "_s + expected;
    };
    const QString r = u"/randomization"_s;
    row("not an object", {{r, u"[]"_s}}, u"$.randomization: expected an object, found an array"_s);
    row("unknown key", {{r + u"/blocksizes"_s, u"[3]"_s}},
        u"$.randomization.blocksizes: unknown key 'blocksizes' (did you mean 'block_sizes'?)"_s);
    row("missing per_stratum", {{r + u"/per_stratum"_s, {}}}, u"$.randomization: missing required key 'per_stratum'"_s);
    row("unknown algorithm", {{r + u"/algorithm"_s, u"\"pbr-v2\""_s}},
        u"$.randomization.algorithm: unknown algorithm 'pbr-v2' (expected 'pbr-v1')"_s);
    row("bad list prefix", {{r + u"/list_prefix"_s, u"\"S 1904\""_s}},
        u"$.randomization.list_prefix: 'S 1904' must be 1 to 12 letters or digits"_s);
    // Arms.
    row("one arm", {{r + u"/arms"_s, uR"([{"oid": "a", "ratio": 2}])"_s}},
        u"$.randomization.arms: a randomization needs at least 2 arms"_s);
    row("arm not in the arm code list", {{r + u"/arms/1/oid"_s, u"\"c\""_s}},
        u"$.randomization.arms[1].oid: 'c' is not a code of the code list 'arm'"_s);
    row("duplicate arm", {{r + u"/arms/1/oid"_s, u"\"a\""_s}}, u"$.randomization.arms[1].oid: duplicate arm 'a'"_s);
    row("arm ratio zero", {{r + u"/arms/1/ratio"_s, u"0"_s}}, u"$.randomization.arms[1].ratio: must be between 1"_s);
    row("every ratio zero", {{r + u"/arms/0/ratio"_s, u"0"_s}, {r + u"/arms/1/ratio"_s, u"0"_s}},
        u"$.randomization.arms[0].ratio: must be between 1 and 100"_s);
    row("no arms", {{r + u"/arms"_s, {}}}, u"$.randomization: missing required key 'arms'"_s);
    row("empty arms", {{r + u"/arms"_s, u"[]"_s}}, u"$.randomization.arms: a randomization needs at least 2 arms"_s);
    row("ratio missing", {{r + u"/arms/1/ratio"_s, {}}}, u"$.randomization.arms[1]: missing required key 'ratio'"_s);
    row("ratio differs from the study arm", {{r + u"/arms/0/ratio"_s, u"3"_s}, {r + u"/block_sizes"_s, u"[4, 8]"_s}},
        u"$.randomization.arms[0].ratio: ratio 3 differs from the ratio 2 of arm 'a' in $.arms"_s);
    row("no arm code list", {{u"/code_lists/0"_s, {}}},
        u"$.randomization.arms: the study has no code list 'arm' to take the arms from"_s);
    // Block sizes.
    row("block size not a multiple", {{r + u"/block_sizes"_s, u"[3, 4]"_s}},
        u"$.randomization.block_sizes[1]: block size 4 is not a positive multiple of the ratio sum 3"_s);
    row("block size zero", {{r + u"/block_sizes"_s, u"[0, 3]"_s}},
        u"$.randomization.block_sizes[0]: block size 0 is not a positive multiple of the ratio sum 3"_s);
    row("block size negative", {{r + u"/block_sizes"_s, u"[-3]"_s}},
        u"$.randomization.block_sizes[0]: block size -3 is not a positive multiple of the ratio sum 3"_s);
    row("block size fractional", {{r + u"/block_sizes"_s, u"[3, 4.5]"_s}},
        u"$.randomization.block_sizes[1]: expected an integer, found 4.5"_s);
    row("duplicate block size", {{r + u"/block_sizes"_s, u"[3, 6, 3]"_s}},
        u"$.randomization.block_sizes[2]: duplicate block size 3"_s);
    row("no block sizes", {{r + u"/block_sizes"_s, u"[]"_s}},
        u"$.randomization.block_sizes: a randomization needs at least one block size"_s);
    // Strata.
    const QString f1 = r + u"/strata/1"_s;
    row("unknown source item", {{f1 + u"/source"_s, u"\"elig.nothing\""_s}},
        u"$.randomization.strata[1].source: unknown item 'elig.nothing'"_s);
    row("unknown source form", {{f1 + u"/source"_s, u"\"labs.disease\""_s}},
        u"$.randomization.strata[1].source: unknown item 'labs.disease'"_s);
    row("source not form.item", {{f1 + u"/source"_s, u"\"disease\""_s}},
        u"$.randomization.strata[1].source: expected 'subject.site' or '<form>.<item>', found 'disease'"_s);
    row("source not a code list", {{f1 + u"/source"_s, u"\"elig.note\""_s}},
        u"$.randomization.strata[1].source: 'elig.note' is not a single-choice item with a code list"_s);
    row("map misses a code", {{f1 + u"/map/prim"_s, {}}},
        u"$.randomization.strata[1].map: the map does not cover the code(s) 'prim' of the code list 'disease'"_s);
    row("map names an unknown code", {{f1 + u"/map/xyz"_s, u"\"relapsed\""_s}},
        u"$.randomization.strata[1].map.xyz: 'xyz' is not a code of the code list 'disease'"_s);
    row("map value with a space", {{f1 + u"/map/rel"_s, u"\"re lapsed\""_s}},
        u"$.randomization.strata[1].map.rel: a stratum value is 1 to 32 letters, digits, '_' or '-'"_s);
    row("no map", {{f1 + u"/map"_s, {}}}, u"$.randomization.strata[1]: missing required key 'map'"_s);
    row("short code missing", {{f1 + u"/short/refractory"_s, {}}},
        u"$.randomization.strata[1].short: no short code for the value 'refractory'"_s);
    row("short code for no value", {{f1 + u"/short/other"_s, u"\"OT\""_s}},
        u"$.randomization.strata[1].short.other: 'other' is not a value of the map"_s);
    row("short code duplicate", {{f1 + u"/short/relapsed"_s, u"\"REF\""_s}}, u"$.randomization.strata[1].short"_s);
    row("short code with a dash", {{f1 + u"/short/relapsed"_s, u"\"R-1\""_s}},
        u"$.randomization.strata[1].short.relapsed: a short code is 1 to 8 letters or digits"_s);
    row("site not first",
        {{r + u"/strata"_s,
          uR"([{"factor": "disease_group", "source": "elig.disease", "map": {"rel": "x", "ref": "x", "prim": "x"},
               "short": {"x": "X"}}, {"factor": "site", "source": "subject.site"}])"_s}},
        u"$.randomization.strata[0].source: the first factor, and only the first, is the site ('subject.site')"_s);
    row("site factor with a map", {{r + u"/strata/0/map"_s, u"{}"_s}},
        u"$.randomization.strata[0].map: the site factor uses the site codes: no 'map'"_s);
    row("duplicate factor", {{f1 + u"/factor"_s, u"\"site\""_s}},
        u"$.randomization.strata[1].factor: duplicate factor 'site'"_s);
    row("no strata", {{r + u"/strata"_s, u"[]"_s}},
        u"$.randomization.strata: a randomization needs the site as its first factor"_s);
    row("more than 24 strata", {{u"/sites"_s, sitesJson(13)}},
        u"$.randomization.strata: 26 strata: at most 24 are allowed"_s);
    // Counts.
    row("per_stratum zero", {{r + u"/per_stratum"_s, u"0"_s}},
        u"$.randomization.per_stratum: must be between 1 and 100000"_s);
    row("pack_size negative", {{r + u"/pack_size"_s, u"-4"_s}},
        u"$.randomization.pack_size: must be between 1 and 1000"_s);
    row("low_water zero", {{r + u"/low_water"_s, u"0"_s}}, u"$.randomization.low_water: must be between 1 and 1000"_s);
    row("low_water text", {{r + u"/low_water"_s, u"\"2\""_s}},
        u"$.randomization.low_water: expected an integer, found a string"_s);
    row("max days zero", {{r + u"/max_days_after_infusion"_s, u"0"_s}},
        u"$.randomization.max_days_after_infusion: must be between 1 and 3650"_s);
    // Roles and confirmations.
    row("administrator randomizes", {{r + u"/randomizer_roles"_s, uR"(["investigator", "administrator"])"_s}},
        u"$.randomization.randomizer_roles[1]: the role 'administrator' may not randomize"_s);
    row("unknown role", {{r + u"/randomizer_roles"_s, uR"(["chief"])"_s}},
        u"$.randomization.randomizer_roles[0]: unknown role 'chief' (use nurse or investigator)"_s);
    row("no role", {{r + u"/randomizer_roles"_s, u"[]"_s}},
        u"$.randomization.randomizer_roles: name at least one role that randomizes"_s);
    row("confirmation without Chinese", {{r + u"/confirmations/0/text/zh_CN"_s, {}}},
        u"$.randomization.confirmations[0].text: missing translation 'zh_CN'"_s);
    row("duplicate confirmation",
        {{r + u"/confirmations/1"_s,
          uR"({"oid": "rand_conf_accepts_either_arm", "text": {"en": "x", "zh_CN": "x"}})"_s}},
        u"$.randomization.confirmations[1].oid: duplicate confirmation 'rand_conf_accepts_either_arm'"_s);
    row("blinded not a boolean", {{r + u"/blinded"_s, u"\"no\""_s}},
        u"$.randomization.blinded: expected true or false, found a string"_s);
}

void TestRandomizationScheme::brokenScheme_namesFileAndPath()
{
    QFETCH(Patches, patches);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const auto study = loadPatched(patches, dir);
    QVERIFY(!study.isOk());
    QCOMPARE(study.status().code(), ErrorCode::InvalidInput);
    QVERIFY2(hasLine(study.message(), expected),
             qPrintable(u"expected a line starting with\n  %1\ngot\n  %2"_s.arg(expected, study.message())));
}

void TestRandomizationScheme::studyWithoutScheme_hasNone()
{
    QTemporaryDir dir;
    const auto study = loadPatched({{u"/randomization"_s, {}}}, dir);
    QVERIFY2(study.isOk(), qPrintable(study.message()));
    QVERIFY(!study->randomization.has_value());
    const auto peds = StudyLoader::load(test::studyDir(u"peds-cd19"_s));
    QVERIFY2(peds.isOk(), qPrintable(peds.message()));
    QVERIFY(!peds->randomization.has_value());
}

void TestRandomizationScheme::randomizerRoles_knowEveryAccountRole_data()
{
    QTest::addColumn<QString>("role");
    for (const QString &role : auth::Permissions::grantableRoles())
        QTest::newRow(qPrintable(role)) << role;
}

// The loader keeps its own copy of the role names (it sits below auth): every role an
// account can hold is either a randomizer or refused by name, never "unknown".
void TestRandomizationScheme::randomizerRoles_knowEveryAccountRole()
{
    QFETCH(QString, role);
    QTemporaryDir dir;
    const auto study = loadPatched({{u"/randomization/randomizer_roles"_s, u"[\"%1\"]"_s.arg(role)}}, dir);
    const bool randomizes = role == QLatin1String(auth::role::Investigator) || role == QLatin1String(auth::role::Nurse);
    if (randomizes) {
        QVERIFY2(study.isOk(), qPrintable(study.message()));
        QCOMPARE(study->randomization->randomizerRoles, QStringList{role});
    } else {
        QVERIFY(!study.isOk());
        QVERIFY2(study.message().contains(u"the role '%1' may not randomize"_s.arg(role)), qPrintable(study.message()));
    }
}

void TestRandomizationScheme::bareSchemeFile_loadsWithItsSites()
{
    QTemporaryDir dir;
    const auto scheme = loadBareScheme({}, dir);
    QVERIFY2(scheme.isOk(), qPrintable(scheme.message()));
    QCOMPARE(scheme->strata.at(0).values, (QStringList{u"01"_s, u"02"_s, u"03"_s}));
    QCOMPARE(scheme->strataCount(), 6);
    // The block as loaded, without "sites": the same canonical JSON as inside a study.
    QVERIFY(!scheme->json.contains(u"sites"_s));
    QCOMPARE(scheme->json, patchedStudy({}).value(u"randomization"_s).toObject());
}

void TestRandomizationScheme::brokenBareScheme_namesFileAndPath_data()
{
    QTest::addColumn<Patches>("patches");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const Patches &patches, const QString &expected) {
        QTest::newRow(name) << patches << u"scheme.json: "_s + expected;
    };
    row("no sites", {{u"/sites"_s, {}}}, u"$: missing required key 'sites'"_s);
    row("empty sites", {{u"/sites"_s, u"[]"_s}}, u"$.sites: a scheme needs at least one site"_s);
    row("duplicate site", {{u"/sites/2"_s, u"\"01\""_s}}, u"$.sites[2]: duplicate site '01'"_s);
    row("site with a space", {{u"/sites/2"_s, u"\"0 3\""_s}},
        u"$.sites[2]: expected a site code: letters, digits, '_' and '-'"_s);
    row("block size not a multiple", {{u"/block_sizes/1"_s, u"5"_s}},
        u"$.block_sizes[1]: block size 5 is not a positive multiple of the ratio sum 3"_s);
    row("short code missing", {{u"/strata/1/short/relapsed"_s, {}}},
        u"$.strata[1].short: no short code for the value 'relapsed'"_s);
    row("more than 24 strata", {{u"/sites"_s, uR"(["1","2","3","4","5","6","7","8","9","10","11","12","13"])"_s}},
        u"$.strata: 26 strata: at most 24 are allowed"_s);
    row("unknown key", {{u"/site"_s, uR"(["01"])"_s}}, u"$.site: unknown key 'site'"_s);
}

void TestRandomizationScheme::brokenBareScheme_namesFileAndPath()
{
    QFETCH(Patches, patches);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const auto scheme = loadBareScheme(patches, dir);
    QVERIFY(!scheme.isOk());
    QCOMPARE(scheme.status().code(), ErrorCode::InvalidInput);
    QVERIFY2(hasLine(scheme.message(), expected),
             qPrintable(u"expected a line starting with\n  %1\ngot\n  %2"_s.arg(expected, scheme.message())));
}

void TestRandomizationScheme::missingBareScheme_isNotFound()
{
    QTemporaryDir dir;
    const auto scheme = StudyLoader::loadRandomizationScheme(dir.filePath(u"absent.json"_s));
    QVERIFY(!scheme.isOk());
    QCOMPARE(scheme.status().code(), ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestRandomizationScheme)
#include "tst_randomizationscheme.moc"
