#include "study/studyloader.h"

#include "clinical/derivation.h"
#include "expr/expression.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cellcrf::study {

using namespace Qt::StringLiterals;

namespace {

// The languages every text of a definition must carry.
const QStringList &requiredLanguages()
{
    static const QStringList languages{u"en"_s, u"zh_CN"_s};
    return languages;
}

// Reasons a value may be missing (DESIGN.md §2): not done, unknown, not applicable.
const QStringList &knownMissingCodes()
{
    static const QStringList codes{u"ND"_s, u"UNK"_s, u"NA"_s};
    return codes;
}

// Derivation inputs that are objects of named parts rather than one value. A
// definition feeds each part from its own item as "<input>.<part>" (CLINICAL.md,
// "Derivation inputs": ice_items and capd_answers).
const QHash<QString, QStringList> &compositeInputs()
{
    static const QHash<QString, QStringList> parts{
        {u"ice_items"_s,
         {u"orientation_year"_s, u"orientation_month"_s, u"orientation_city"_s, u"orientation_hospital"_s,
          u"naming_objects_correct"_s, u"follows_simple_command"_s, u"writes_standard_sentence"_s,
          u"counts_back_from_100_by_10"_s}},
        {u"capd_answers"_s,
         {u"eye_contact"_s, u"purposeful_actions"_s, u"aware_of_surroundings"_s, u"communicates_needs"_s, u"restless"_s,
          u"inconsolable"_s, u"underactive"_s, u"slow_response"_s}},
    };
    return parts;
}

// Item, form, event, arm, anchor and code-list names become REDCap variable and
// event names on export (EXCHANGE.md): lower case, digits and '_', starting with a
// letter, short enough that REDCap's suffixes still fit.
bool isVariableName(const QString &name)
{
    static const QRegularExpression re(u"^[a-z][a-z0-9_]{0,25}$"_s);
    return re.match(name).hasMatch();
}

bool isStudyName(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9_-]{0,39}$"_s);
    return re.match(name).hasMatch();
}

bool isSiteName(const QString &name)
{
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$"_s);
    return re.match(name).hasMatch();
}

bool isCdashName(const QString &name)
{
    static const QRegularExpression re(u"^[A-Z][A-Z0-9_]{0,31}$"_s);
    return re.match(name).hasMatch();
}

QString child(const QString &path, const QString &key)
{
    return path + u'.' + key;
}

QString element(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString quoted(const QString &s)
{
    return u'\'' + s + u'\'';
}

// Levenshtein distance, to suggest the key a typo meant.
int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

QString describeType(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

// Where each loaded element came from, for errors found after all files are read.
struct FormOrigin
{
    QString file;
    QStringList itemPaths;  // parallel to Form::items
    QStringList checkPaths; // parallel to Form::checks
};

struct EventOrigin
{
    QString path;
    bool anchorGiven = false;
};

// One load: the errors found so far and the file being read.
class Loader
{
public:
    explicit Loader(QString directory)
        : m_dir(std::move(directory))
    {}

    Result<Study> run();
    // A bare scheme file: the randomization block with the site codes as "sites".
    Result<RandomizationScheme> runScheme(const QString &fileName);

private:
    void error(const QString &path, const QString &message) { error(m_file, path, message); }
    void error(const QString &file, const QString &path, const QString &message)
    {
        m_errors.append(u"%1: %2: %3"_s.arg(file, path, message));
    }

    std::optional<QJsonObject> readObject(const QString &relative);

    // Typed access to one key of an object; each reports its own errors.
    void checkKeys(const QJsonObject &o, const QString &path, const QStringList &allowed);
    bool require(const QJsonObject &o, const QString &path, const QString &key);
    std::optional<QString> string(const QJsonObject &o, const QString &path, const QString &key, bool required);
    std::optional<bool> boolean(const QJsonObject &o, const QString &path, const QString &key);
    std::optional<int> integer(const QJsonValue &v, const QString &path);
    std::optional<int> integer(const QJsonObject &o, const QString &path, const QString &key, bool required);
    std::optional<QJsonArray> array(const QJsonObject &o, const QString &path, const QString &key, bool required);
    std::optional<QJsonObject> object(const QJsonValue &v, const QString &path);
    LocalizedText text(const QJsonObject &o, const QString &path, const QString &key, bool required);
    std::optional<QString> oid(const QJsonObject &o, const QString &path, const QString &key,
                               bool (*valid)(const QString &), const QString &rule);

    void parseStudy(const QJsonObject &root);
    void parseSites(const QJsonArray &a, const QString &path);
    void parseArms(const QJsonArray &a, const QString &path);
    void parseAnchors(const QJsonArray &a, const QString &path);
    void parseCodeLists(const QJsonArray &a, const QString &path);
    void parseEvents(const QJsonArray &a, const QString &path);
    std::optional<std::pair<int, int>> window(const QJsonObject &o, const QString &path);
    void parseForm(const QString &formOid, const QJsonObject &root);
    void parseItem(Form &form, FormOrigin &origin, const QJsonObject &o, const QString &path, int section);
    void parseRange(Item &item, const QJsonValue &v, const QString &path);
    void parseDerivation(Item &item, const QJsonValue &v, const QString &path);
    void parseCheck(Form &form, FormOrigin &origin, const QJsonObject &o, const QString &path);

    void checkReferences();
    void parseRandomization(const QJsonObject &o, const QString &path);
    void checkRandomization();
    void checkItemReference(const Form &form, const QString &file, const QString &path, const QString &reference,
                            const QString &what);
    void checkExpression(const Form &form, const QString &file, const QString &path, const QString &source);
    void checkDerivation(const Form &form, const Item &item, const QString &file, const QString &path);

    QString m_dir;
    QString m_file;
    QStringList m_errors;
    Study m_study;
    QStringList m_listedForms;
    QList<FormOrigin> m_formOrigins;     // parallel to m_study.forms
    QList<EventOrigin> m_eventOrigins;   // parallel to m_study.events
    QStringList m_anchorPaths;           // parallel to m_study.anchors
    QHash<QString, QString> m_itemOwner; // item oid -> form oid, across the study
    QSet<QString> m_untyped;             // "form.item" whose type is unknown, to avoid follow-on errors
    QString m_randomizationPath;         // "$.randomization" in study.json, "$" in a bare scheme file
};

std::optional<QJsonObject> Loader::readObject(const QString &relative)
{
    QFile file(QDir(m_dir).filePath(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        error(relative, u"$"_s, u"cannot read the file: %1"_s.arg(file.errorString()));
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The offset counts bytes of UTF-8; people count lines and characters.
        const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, bytes.size());
        const QByteArray before = bytes.left(offset);
        const qsizetype lineStart = before.lastIndexOf('\n') + 1;
        const int line = int(before.count('\n')) + 1;
        const int column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
        error(relative, u"line %1, column %2"_s.arg(line).arg(column),
              u"invalid JSON: %1"_s.arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        error(relative, u"$"_s, u"expected an object at the top level"_s);
        return std::nullopt;
    }
    return doc.object();
}

void Loader::checkKeys(const QJsonObject &o, const QString &path, const QStringList &allowed)
{
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString key = it.key();
        if (allowed.contains(key))
            continue;
        QString best;
        int bestDistance = 3; // suggest only near misses
        for (const QString &candidate : allowed) {
            if (const int d = editDistance(key, candidate); d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        error(child(path, key), best.isEmpty() ? u"unknown key %1"_s.arg(quoted(key))
                                               : u"unknown key %1 (did you mean %2?)"_s.arg(quoted(key), quoted(best)));
    }
}

bool Loader::require(const QJsonObject &o, const QString &path, const QString &key)
{
    if (o.contains(key))
        return true;
    error(path, u"missing required key %1"_s.arg(quoted(key)));
    return false;
}

std::optional<QString> Loader::string(const QJsonObject &o, const QString &path, const QString &key, bool required)
{
    if (!o.contains(key)) {
        if (required)
            require(o, path, key);
        return std::nullopt;
    }
    const QJsonValue v = o.value(key);
    if (!v.isString()) {
        error(child(path, key), u"expected a string, found %1"_s.arg(describeType(v)));
        return std::nullopt;
    }
    if (required && v.toString().trimmed().isEmpty()) {
        error(child(path, key), u"must not be empty"_s);
        return std::nullopt;
    }
    return v.toString();
}

std::optional<bool> Loader::boolean(const QJsonObject &o, const QString &path, const QString &key)
{
    if (!o.contains(key))
        return std::nullopt;
    const QJsonValue v = o.value(key);
    if (!v.isBool()) {
        error(child(path, key), u"expected true or false, found %1"_s.arg(describeType(v)));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<int> Loader::integer(const QJsonValue &v, const QString &path)
{
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!v.isDouble() || std::floor(d) != d || std::abs(d) > 1e9) {
        error(path, u"expected an integer, found %1"_s.arg(v.isDouble() ? QString::number(d) : describeType(v)));
        return std::nullopt;
    }
    return int(d);
}

std::optional<int> Loader::integer(const QJsonObject &o, const QString &path, const QString &key, bool required)
{
    if (!o.contains(key)) {
        if (required)
            require(o, path, key);
        return std::nullopt;
    }
    return integer(o.value(key), child(path, key));
}

std::optional<QJsonArray> Loader::array(const QJsonObject &o, const QString &path, const QString &key, bool required)
{
    if (!o.contains(key)) {
        if (required)
            require(o, path, key);
        return std::nullopt;
    }
    const QJsonValue v = o.value(key);
    if (!v.isArray()) {
        error(child(path, key), u"expected an array, found %1"_s.arg(describeType(v)));
        return std::nullopt;
    }
    return v.toArray();
}

std::optional<QJsonObject> Loader::object(const QJsonValue &v, const QString &path)
{
    if (!v.isObject()) {
        error(path, u"expected an object, found %1"_s.arg(describeType(v)));
        return std::nullopt;
    }
    return v.toObject();
}

LocalizedText Loader::text(const QJsonObject &o, const QString &path, const QString &key, bool required)
{
    LocalizedText result;
    if (!o.contains(key)) {
        if (required)
            require(o, path, key);
        return result;
    }
    const QString here = child(path, key);
    const auto texts = object(o.value(key), here);
    if (!texts)
        return result;
    for (auto it = texts->constBegin(); it != texts->constEnd(); ++it) {
        if (!requiredLanguages().contains(it.key())) {
            error(child(here, it.key()),
                  u"unknown language %1 (use %2)"_s.arg(quoted(it.key()), requiredLanguages().join(u" and "_s)));
        } else if (!it.value().isString() || it.value().toString().trimmed().isEmpty()) {
            error(child(here, it.key()), u"expected a non-empty string"_s);
        } else {
            result.texts.insert(it.key(), it.value().toString());
        }
    }
    for (const QString &language : requiredLanguages()) {
        if (!texts->contains(language))
            error(here, u"missing translation %1"_s.arg(quoted(language)));
    }
    return result;
}

std::optional<QString> Loader::oid(const QJsonObject &o, const QString &path, const QString &key,
                                   bool (*valid)(const QString &), const QString &rule)
{
    const auto s = string(o, path, key, true);
    if (!s)
        return std::nullopt;
    if (!valid(*s)) {
        error(child(path, key), u"%1 is not a valid name: %2"_s.arg(quoted(*s), rule));
        return std::nullopt;
    }
    return s;
}

const QString &variableRule()
{
    static const QString rule = u"lower-case letters, digits and '_', starting with a letter, at most 26 characters"_s;
    return rule;
}

// ---------------------------------------------------------------- study.json

void Loader::parseStudy(const QJsonObject &root)
{
    const QString top = u"$"_s;
    checkKeys(root, top,
              {u"format"_s, u"oid"_s, u"version"_s, u"protocol"_s, u"name"_s, u"description"_s, u"settings"_s,
               u"sites"_s, u"arms"_s, u"anchors"_s, u"code_lists"_s, u"events"_s, u"forms"_s, u"randomization"_s});
    if (const auto format = string(root, top, u"format"_s, true); format && *format != StudyLoader::formatName())
        error(u"$.format"_s,
              u"unsupported format %1 (expected %2)"_s.arg(quoted(*format), quoted(StudyLoader::formatName())));
    if (const auto s = oid(root, top, u"oid"_s, isStudyName, u"lower-case letters, digits, '_' and '-'"_s))
        m_study.oid = *s;
    if (const auto s = string(root, top, u"version"_s, true)) {
        static const QRegularExpression semver(u"^\\d+\\.\\d+\\.\\d+$"_s);
        if (!semver.match(*s).hasMatch())
            error(u"$.version"_s, u"expected a version like 1.0.0, found %1"_s.arg(quoted(*s)));
        m_study.version = *s;
    }
    if (const auto s = string(root, top, u"protocol"_s, true))
        m_study.protocolId = *s;
    m_study.name = text(root, top, u"name"_s, true);
    text(root, top, u"description"_s, false);
    if (root.contains(u"settings"_s)) {
        if (const auto settings = object(root.value(u"settings"_s), u"$.settings"_s))
            m_study.settings = *settings;
    }
    if (const auto a = array(root, top, u"sites"_s, true))
        parseSites(*a, u"$.sites"_s);
    if (const auto a = array(root, top, u"arms"_s, true))
        parseArms(*a, u"$.arms"_s);
    if (const auto a = array(root, top, u"code_lists"_s, true))
        parseCodeLists(*a, u"$.code_lists"_s);
    if (root.contains(u"randomization"_s)) {
        if (const auto o = object(root.value(u"randomization"_s), u"$.randomization"_s))
            parseRandomization(*o, u"$.randomization"_s);
    }
    if (const auto a = array(root, top, u"forms"_s, true)) {
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QString path = element(u"$.forms"_s, i);
            const QJsonValue v = a->at(i);
            if (!v.isString()) {
                error(path, u"expected a form name, found %1"_s.arg(describeType(v)));
            } else if (!isVariableName(v.toString())) {
                error(path, u"%1 is not a valid name: %2"_s.arg(quoted(v.toString()), variableRule()));
            } else if (m_listedForms.contains(v.toString())) {
                error(path, u"duplicate form %1"_s.arg(quoted(v.toString())));
            } else {
                m_listedForms.append(v.toString());
            }
        }
        if (a->isEmpty())
            error(u"$.forms"_s, u"a study needs at least one form"_s);
    }
    // Anchors and events name forms and items, which are checked once the forms are read.
    if (const auto a = array(root, top, u"anchors"_s, false))
        parseAnchors(*a, u"$.anchors"_s);
    if (const auto a = array(root, top, u"events"_s, true))
        parseEvents(*a, u"$.events"_s);
}

void Loader::parseSites(const QJsonArray &a, const QString &base)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString path = element(base, i);
        const auto o = object(a.at(i), path);
        if (!o)
            continue;
        checkKeys(*o, path, {u"oid"_s, u"name"_s, u"utc_offset_minutes"_s});
        Site site;
        if (const auto s = oid(*o, path, u"oid"_s, isSiteName, u"letters, digits, '_' and '-'"_s)) {
            if (seen.contains(*s))
                error(child(path, u"oid"_s), u"duplicate site %1"_s.arg(quoted(*s)));
            seen.insert(*s);
            site.oid = *s;
        }
        site.name = text(*o, path, u"name"_s, true);
        if (const auto offset = integer(*o, path, u"utc_offset_minutes"_s, true)) {
            if (*offset < -12 * 60 || *offset > 14 * 60)
                error(child(path, u"utc_offset_minutes"_s), u"must be between -720 and 840"_s);
            site.utcOffsetMinutes = *offset;
        }
        m_study.sites.append(site);
    }
    if (a.isEmpty())
        error(base, u"a study needs at least one site"_s);
}

void Loader::parseArms(const QJsonArray &a, const QString &base)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString path = element(base, i);
        const auto o = object(a.at(i), path);
        if (!o)
            continue;
        checkKeys(*o, path, {u"oid"_s, u"name"_s, u"ratio"_s});
        Arm arm;
        if (const auto s = oid(*o, path, u"oid"_s, isVariableName, variableRule())) {
            if (seen.contains(*s))
                error(child(path, u"oid"_s), u"duplicate arm %1"_s.arg(quoted(*s)));
            seen.insert(*s);
            arm.oid = *s;
        }
        arm.name = text(*o, path, u"name"_s, true);
        if (const auto ratio = integer(*o, path, u"ratio"_s, false)) {
            if (*ratio < 1 || *ratio > 100)
                error(child(path, u"ratio"_s), u"must be between 1 and 100"_s);
            arm.ratio = *ratio;
        }
        m_study.arms.append(arm);
    }
    if (a.isEmpty())
        error(base, u"a study needs at least one arm"_s);
}

void Loader::parseAnchors(const QJsonArray &a, const QString &base)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString path = element(base, i);
        const auto o = object(a.at(i), path);
        if (!o)
            continue;
        checkKeys(*o, path, {u"oid"_s, u"name"_s, u"form"_s, u"item"_s});
        Anchor anchor;
        if (const auto s = oid(*o, path, u"oid"_s, isVariableName, variableRule())) {
            if (seen.contains(*s))
                error(child(path, u"oid"_s), u"duplicate anchor %1"_s.arg(quoted(*s)));
            seen.insert(*s);
            anchor.oid = *s;
        }
        anchor.name = text(*o, path, u"name"_s, true);
        anchor.formOid = string(*o, path, u"form"_s, true).value_or(QString());
        anchor.itemOid = string(*o, path, u"item"_s, true).value_or(QString());
        m_study.anchors.append(anchor);
        m_anchorPaths.append(path);
    }
}

void Loader::parseCodeLists(const QJsonArray &a, const QString &base)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString path = element(base, i);
        const auto o = object(a.at(i), path);
        if (!o)
            continue;
        checkKeys(*o, path, {u"oid"_s, u"items"_s});
        CodeList list;
        if (const auto s = oid(*o, path, u"oid"_s, isVariableName, variableRule())) {
            if (seen.contains(*s))
                error(child(path, u"oid"_s), u"duplicate code list %1"_s.arg(quoted(*s)));
            seen.insert(*s);
            list.oid = *s;
        }
        if (const auto items = array(*o, path, u"items"_s, true)) {
            const QString itemsPath = child(path, u"items"_s);
            if (items->isEmpty())
                error(itemsPath, u"a code list needs at least one code"_s);
            QSet<QString> codes;
            for (qsizetype j = 0; j < items->size(); ++j) {
                const QString itemPath = element(itemsPath, j);
                const auto io = object(items->at(j), itemPath);
                if (!io)
                    continue;
                checkKeys(*io, itemPath, {u"code"_s, u"label"_s});
                CodeListItem entry;
                if (const auto code = string(*io, itemPath, u"code"_s, true)) {
                    // Multiple-choice values are stored as codes joined by '|'.
                    if (code->contains(u'|') || code->trimmed() != *code)
                        error(child(itemPath, u"code"_s),
                              u"code %1 must not contain '|' or surrounding spaces"_s.arg(quoted(*code)));
                    else if (codes.contains(*code))
                        error(child(itemPath, u"code"_s), u"duplicate code %1"_s.arg(quoted(*code)));
                    codes.insert(*code);
                    entry.code = *code;
                }
                entry.label = text(*io, itemPath, u"label"_s, true);
                list.items.append(entry);
            }
        }
        m_study.codeLists.append(list);
    }
}

std::optional<std::pair<int, int>> Loader::window(const QJsonObject &o, const QString &path)
{
    const auto a = array(o, path, u"window"_s, false);
    if (!a)
        return std::nullopt;
    const QString here = child(path, u"window"_s);
    if (a->size() != 2) {
        error(here, u"expected [days before, days after], e.g. [-2, 2]"_s);
        return std::nullopt;
    }
    const auto before = integer(a->at(0), element(here, 0));
    const auto after = integer(a->at(1), element(here, 1));
    if (!before || !after)
        return std::nullopt;
    if (*before > 0 || *after < 0) {
        error(here, u"the window must contain the target day: first value <= 0, second >= 0"_s);
        return std::nullopt;
    }
    return std::pair{-*before, *after};
}

void Loader::parseEvents(const QJsonArray &a, const QString &base)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString path = element(base, i);
        const auto o = object(a.at(i), path);
        if (!o)
            continue;
        checkKeys(*o, path,
                  {u"oid"_s, u"oid_prefix"_s, u"name"_s, u"anchor"_s, u"day"_s, u"days"_s, u"window"_s, u"repeating"_s,
                   u"forms"_s});
        Event event;
        event.name = text(*o, path, u"name"_s, true);
        event.repeating = boolean(*o, path, u"repeating"_s).value_or(false);
        const auto anchor = string(*o, path, u"anchor"_s, false);
        event.anchor = anchor.value_or(QString());
        if (const auto w = window(*o, path)) {
            event.windowBefore = w->first;
            event.windowAfter = w->second;
        }
        if (const auto forms = array(*o, path, u"forms"_s, true)) {
            for (qsizetype j = 0; j < forms->size(); ++j) {
                const QJsonValue v = forms->at(j);
                if (!v.isString())
                    error(element(child(path, u"forms"_s), j),
                          u"expected a form name, found %1"_s.arg(describeType(v)));
                else if (event.forms.contains(v.toString()))
                    error(element(child(path, u"forms"_s), j), u"form %1 is listed twice"_s.arg(quoted(v.toString())));
                else
                    event.forms.append(v.toString());
            }
            if (forms->isEmpty())
                error(child(path, u"forms"_s), u"an event needs at least one form"_s);
        }

        // An event is either one visit ("oid", optional "day") or a series of daily
        // visits ("oid_prefix" and "days": [first, last]) expanded here, so that a
        // schedule of 14 daily assessments is written once.
        QList<Event> expanded;
        const bool series = o->contains(u"oid_prefix"_s);
        if (series && o->contains(u"oid"_s))
            error(path, u"use either 'oid' or 'oid_prefix', not both"_s);
        if (series) {
            if (o->contains(u"day"_s))
                error(child(path, u"day"_s), u"a series takes 'days': [first, last], not 'day'"_s);
            const auto prefix = oid(*o, path, u"oid_prefix"_s, isVariableName, variableRule());
            const auto days = array(*o, path, u"days"_s, true);
            // Plain ints with a flag: GCC 12 at -O2 warns falsely about optional<int> here.
            int first = 0;
            int last = 0;
            bool haveDays = false;
            if (days && days->size() == 2) {
                const auto from = integer(days->at(0), element(child(path, u"days"_s), 0));
                const auto to = integer(days->at(1), element(child(path, u"days"_s), 1));
                if (from && to) {
                    first = *from;
                    last = *to;
                    haveDays = first <= last && last - first <= 365;
                    if (!haveDays)
                        error(child(path, u"days"_s), u"expected [first, last] with first <= last"_s);
                }
            } else if (days) {
                error(child(path, u"days"_s), u"expected [first, last]"_s);
            }
            if (!anchor)
                error(path, u"a series of visits needs an 'anchor'"_s);
            if (event.repeating)
                error(child(path, u"repeating"_s), u"a series of visits cannot be repeating"_s);
            if (prefix && haveDays) {
                for (int day = first; day <= last; ++day) {
                    Event e = event;
                    // Negative days read "m5" so that the name stays a valid variable name.
                    e.oid = *prefix + (day < 0 ? u"m"_s + QString::number(-day) : QString::number(day));
                    e.day = day;
                    for (auto it = e.name.texts.begin(); it != e.name.texts.end(); ++it)
                        *it = it->arg(day);
                    if (!isVariableName(e.oid))
                        error(child(path, u"oid_prefix"_s),
                              u"%1 is not a valid event name: %2"_s.arg(quoted(e.oid), variableRule()));
                    expanded.append(e);
                }
            }
        } else {
            if (o->contains(u"days"_s))
                error(child(path, u"days"_s), u"'days' needs 'oid_prefix'; a single visit takes 'day'"_s);
            if (const auto s = oid(*o, path, u"oid"_s, isVariableName, variableRule()))
                event.oid = *s;
            event.day = integer(*o, path, u"day"_s, false);
            if (event.day && !anchor)
                error(path, u"a 'day' needs an 'anchor' to count from"_s);
            if (anchor && !o->contains(u"day"_s))
                error(path, u"an 'anchor' needs a 'day'"_s);
            if (o->contains(u"window"_s) && !o->contains(u"day"_s))
                error(child(path, u"window"_s), u"a window needs a 'day'"_s);
            if (event.repeating && o->contains(u"day"_s))
                error(child(path, u"repeating"_s), u"a repeating visit has no target day"_s);
            if (!event.oid.isEmpty())
                expanded.append(event);
        }
        for (const Event &e : expanded) {
            if (seen.contains(e.oid))
                error(path, u"duplicate event %1"_s.arg(quoted(e.oid)));
            seen.insert(e.oid);
            m_study.events.append(e);
            m_eventOrigins.append({path, anchor.has_value()});
        }
    }
}

// ---------------------------------------------------------------- forms

void Loader::parseForm(const QString &formOid, const QJsonObject &root)
{
    const QString top = u"$"_s;
    checkKeys(root, top, {u"oid"_s, u"name"_s, u"description"_s, u"repeating"_s, u"sections"_s, u"edit_checks"_s});
    Form form;
    FormOrigin origin;
    origin.file = m_file;
    form.file = m_file;
    form.oid = formOid;
    if (const auto s = string(root, top, u"oid"_s, true); s && *s != formOid)
        error(u"$.oid"_s, u"the form in %1 must have the oid %2, not %3"_s.arg(m_file, quoted(formOid), quoted(*s)));
    form.name = text(root, top, u"name"_s, true);
    text(root, top, u"description"_s, false);
    form.repeating = boolean(root, top, u"repeating"_s).value_or(false);
    if (const auto sections = array(root, top, u"sections"_s, true)) {
        if (sections->isEmpty())
            error(u"$.sections"_s, u"a form needs at least one section"_s);
        QSet<QString> sectionOids;
        for (qsizetype i = 0; i < sections->size(); ++i) {
            const QString path = element(u"$.sections"_s, i);
            const auto o = object(sections->at(i), path);
            if (!o)
                continue;
            checkKeys(*o, path, {u"oid"_s, u"title"_s, u"items"_s});
            Section section;
            if (const auto s = oid(*o, path, u"oid"_s, isVariableName, variableRule())) {
                if (sectionOids.contains(*s))
                    error(child(path, u"oid"_s), u"duplicate section %1"_s.arg(quoted(*s)));
                sectionOids.insert(*s);
                section.oid = *s;
            }
            section.title = text(*o, path, u"title"_s, true);
            form.sections.append(section);
            if (const auto items = array(*o, path, u"items"_s, true)) {
                if (items->isEmpty())
                    error(child(path, u"items"_s), u"a section needs at least one item"_s);
                for (qsizetype j = 0; j < items->size(); ++j) {
                    const QString itemPath = element(child(path, u"items"_s), j);
                    if (const auto io = object(items->at(j), itemPath))
                        parseItem(form, origin, *io, itemPath, int(form.sections.size() - 1));
                }
            }
        }
    }
    if (const auto checks = array(root, top, u"edit_checks"_s, false)) {
        QSet<QString> checkOids;
        for (qsizetype i = 0; i < checks->size(); ++i) {
            const QString path = element(u"$.edit_checks"_s, i);
            if (const auto o = object(checks->at(i), path)) {
                parseCheck(form, origin, *o, path);
                const QString checkOid = form.checks.constLast().oid;
                if (!checkOid.isEmpty() && checkOids.contains(checkOid))
                    error(child(path, u"oid"_s), u"duplicate edit check %1"_s.arg(quoted(checkOid)));
                checkOids.insert(checkOid);
            }
        }
    }
    m_study.forms.append(form);
    m_formOrigins.append(origin);
}

void Loader::parseItem(Form &form, FormOrigin &origin, const QJsonObject &o, const QString &path, int section)
{
    checkKeys(o, path,
              {u"oid"_s, u"cdash"_s, u"type"_s, u"label"_s, u"help"_s, u"unit"_s, u"required"_s, u"partial_date"_s,
               u"identifier"_s, u"max_length"_s, u"decimals"_s, u"range"_s, u"code_list"_s, u"show_if"_s,
               u"calculation"_s, u"derivation"_s, u"missing_codes"_s});
    Item item;
    item.section = section;
    if (const auto s = oid(o, path, u"oid"_s, isVariableName, variableRule())) {
        item.oid = *s;
        if (form.item(*s)) {
            error(child(path, u"oid"_s), u"duplicate item %1"_s.arg(quoted(*s)));
        } else if (const auto owner = m_itemOwner.constFind(*s); owner != m_itemOwner.cend()) {
            // REDCap field names are unique across a project, not per instrument.
            error(child(path, u"oid"_s),
                  u"item %1 is already used in form %2; item names must be unique in the study"_s.arg(quoted(*s),
                                                                                                      quoted(*owner)));
        } else if (*s == u"record_id"_s || s->startsWith(u"redcap_"_s)) {
            error(child(path, u"oid"_s), u"%1 is reserved by REDCap exports"_s.arg(quoted(*s)));
        }
        m_itemOwner.insert(*s, form.oid);
    }
    if (const auto s = string(o, path, u"cdash"_s, false); s && !isCdashName(*s))
        error(child(path, u"cdash"_s),
              u"%1 is not a CDASH-style name (upper-case letters, digits, '_')"_s.arg(quoted(*s)));
    else if (s)
        item.cdashName = *s;
    bool typeKnown = false;
    if (const auto s = string(o, path, u"type"_s, true)) {
        if (const auto type = itemTypeFromName(*s)) {
            item.type = *type;
            typeKnown = true;
        } else {
            error(child(path, u"type"_s), u"unknown item type %1"_s.arg(quoted(*s)));
        }
    }
    if (!typeKnown)
        m_untyped.insert(form.oid + u'.' + item.oid);
    item.label = text(o, path, u"label"_s, true);
    item.help = text(o, path, u"help"_s, false);
    item.unit = string(o, path, u"unit"_s, false).value_or(QString());
    item.required = boolean(o, path, u"required"_s).value_or(false);
    item.allowPartialDate = boolean(o, path, u"partial_date"_s).value_or(false);
    item.identifier = boolean(o, path, u"identifier"_s).value_or(false);
    if (const auto n = integer(o, path, u"max_length"_s, false)) {
        if (*n < 1)
            error(child(path, u"max_length"_s), u"must be at least 1"_s);
        item.maxLength = *n;
    }
    if (const auto n = integer(o, path, u"decimals"_s, false)) {
        if (*n < 0 || *n > 10)
            error(child(path, u"decimals"_s), u"must be between 0 and 10"_s);
        item.decimals = *n;
    }
    if (o.contains(u"range"_s))
        parseRange(item, o.value(u"range"_s), child(path, u"range"_s));
    item.codeListOid = string(o, path, u"code_list"_s, false).value_or(QString());
    item.showIf = string(o, path, u"show_if"_s, false).value_or(QString());
    item.calculation = string(o, path, u"calculation"_s, false).value_or(QString());
    if (o.contains(u"derivation"_s))
        parseDerivation(item, o.value(u"derivation"_s), child(path, u"derivation"_s));
    if (const auto codes = array(o, path, u"missing_codes"_s, false)) {
        for (qsizetype i = 0; i < codes->size(); ++i) {
            const QString code = codes->at(i).toString();
            if (!knownMissingCodes().contains(code))
                error(element(child(path, u"missing_codes"_s), i),
                      u"unknown missing-data code %1 (use %2)"_s.arg(quoted(code), knownMissingCodes().join(u", "_s)));
            else if (item.missingCodes.contains(code))
                error(element(child(path, u"missing_codes"_s), i), u"duplicate code %1"_s.arg(quoted(code)));
            else
                item.missingCodes.append(code);
        }
    }

    // Which keys fit which type. Only checked for a known type, so that one typo
    // in "type" gives one error rather than a cascade.
    if (typeKnown) {
        const bool isDate = item.type == ItemType::Date || item.type == ItemType::DateTime;
        const bool numericResult = item.isNumeric() || item.isComputed();
        if (item.isChoice() && !o.contains(u"code_list"_s))
            error(path, u"a %1 item needs a 'code_list'"_s.arg(itemTypeName(item.type)));
        if (!item.isChoice() && o.contains(u"code_list"_s))
            error(child(path, u"code_list"_s),
                  u"a code list needs a single_choice or multiple_choice item, not %1"_s.arg(itemTypeName(item.type)));
        if (o.contains(u"range"_s) && !numericResult)
            error(child(path, u"range"_s), u"a range needs a numeric item, not %1"_s.arg(itemTypeName(item.type)));
        if (o.contains(u"decimals"_s) && !numericResult)
            error(child(path, u"decimals"_s),
                  u"'decimals' needs a numeric item, not %1"_s.arg(itemTypeName(item.type)));
        if (o.contains(u"max_length"_s) && item.type != ItemType::Text)
            error(child(path, u"max_length"_s), u"'max_length' needs a text item"_s);
        if (o.contains(u"partial_date"_s) && !isDate)
            error(child(path, u"partial_date"_s), u"'partial_date' needs a date item"_s);
        if (item.type == ItemType::Calculated && !o.contains(u"calculation"_s))
            error(path, u"a calculated item needs a 'calculation'"_s);
        if (item.type != ItemType::Calculated && o.contains(u"calculation"_s))
            error(child(path, u"calculation"_s), u"'calculation' needs a calculated item"_s);
        if (item.type == ItemType::Derived && !o.contains(u"derivation"_s))
            error(path, u"a derived item needs a 'derivation'"_s);
        if (item.type != ItemType::Derived && o.contains(u"derivation"_s))
            error(child(path, u"derivation"_s), u"'derivation' needs a derived item"_s);
        if (item.isComputed() && item.required)
            error(child(path, u"required"_s), u"a computed item cannot be required"_s);
    }
    form.items.append(item);
    origin.itemPaths.append(path);
}

void Loader::parseRange(Item &item, const QJsonValue &v, const QString &path)
{
    const auto o = object(v, path);
    if (!o)
        return;
    checkKeys(*o, path, {u"hard"_s, u"soft"_s});
    // A limit is [min, max]; null leaves that side open.
    auto limits = [&](const QString &key, std::optional<double> &min, std::optional<double> &max) {
        const auto a = array(*o, path, key, false);
        if (!a)
            return true;
        const QString here = child(path, key);
        if (a->size() != 2) {
            error(here, u"expected [min, max]"_s);
            return false;
        }
        for (int i = 0; i < 2; ++i) {
            const QJsonValue bound = a->at(i);
            if (bound.isNull())
                continue;
            if (!bound.isDouble()) {
                error(element(here, i), u"expected a number or null, found %1"_s.arg(describeType(bound)));
                continue;
            }
            (i == 0 ? min : max) = bound.toDouble();
        }
        if (min && max && *min > *max) {
            error(here, u"minimum %1 is above maximum %2"_s.arg(*min).arg(*max));
            return false;
        }
        return true;
    };
    const bool hardValid = limits(u"hard"_s, item.range.hardMin, item.range.hardMax);
    const bool softValid = limits(u"soft"_s, item.range.softMin, item.range.softMax);
    if (!hardValid || !softValid)
        return;
    const Range &r = item.range;
    const bool softBelowHard = r.softMin && r.hardMin && *r.softMin < *r.hardMin;
    const bool softAboveHard = r.softMax && r.hardMax && *r.softMax > *r.hardMax;
    if (softBelowHard || softAboveHard)
        error(child(path, u"soft"_s), u"the soft range must lie inside the hard range"_s);
    if (!o->contains(u"hard"_s) && !o->contains(u"soft"_s))
        error(path, u"expected 'hard' and/or 'soft'"_s);
}

void Loader::parseDerivation(Item &item, const QJsonValue &v, const QString &path)
{
    const auto o = object(v, path);
    if (!o)
        return;
    checkKeys(*o, path, {u"name"_s, u"output"_s, u"inputs"_s});
    item.derivation = string(*o, path, u"name"_s, true).value_or(QString());
    item.derivationOutput = string(*o, path, u"output"_s, true).value_or(QString());
    if (!require(*o, path, u"inputs"_s))
        return;
    const QString inputsPath = child(path, u"inputs"_s);
    const auto inputs = object(o->value(u"inputs"_s), inputsPath);
    if (!inputs)
        return;
    for (auto it = inputs->constBegin(); it != inputs->constEnd(); ++it) {
        const QString here = child(inputsPath, it.key());
        DerivationInput input;
        if (it.value().isString() && !it.value().toString().isEmpty()) {
            input.kind = DerivationInput::Kind::Item;
            input.reference = it.value().toString();
        } else if (it.value().isObject()) {
            const QJsonObject source = it.value().toObject();
            checkKeys(source, here, {u"setting"_s, u"value"_s});
            if (source.contains(u"setting"_s) == source.contains(u"value"_s)) {
                error(here, u"expected either {\"setting\": name} or {\"value\": constant}"_s);
                continue;
            }
            if (source.contains(u"setting"_s)) {
                input.kind = DerivationInput::Kind::Setting;
                input.reference = string(source, here, u"setting"_s, true).value_or(QString());
            } else {
                input.kind = DerivationInput::Kind::Constant;
                input.constant = source.value(u"value"_s);
            }
        } else {
            error(here, u"expected an item name, {\"setting\": name} or {\"value\": constant}"_s);
            continue;
        }
        item.derivationInputs.insert(it.key(), input);
    }
}

void Loader::parseCheck(Form &form, FormOrigin &origin, const QJsonObject &o, const QString &path)
{
    checkKeys(o, path, {u"oid"_s, u"expression"_s, u"message"_s, u"items"_s, u"blocking"_s});
    EditCheck check;
    if (const auto s = oid(o, path, u"oid"_s, isVariableName, variableRule()))
        check.oid = *s;
    check.expression = string(o, path, u"expression"_s, true).value_or(QString());
    check.message = text(o, path, u"message"_s, true);
    check.blocking = boolean(o, path, u"blocking"_s).value_or(true);
    if (const auto items = array(o, path, u"items"_s, true)) {
        for (qsizetype i = 0; i < items->size(); ++i) {
            if (!items->at(i).isString())
                error(element(child(path, u"items"_s), i), u"expected an item name"_s);
            else
                check.items.append(items->at(i).toString());
        }
        if (items->isEmpty())
            error(child(path, u"items"_s), u"name at least one item to show the message on"_s);
    }
    form.checks.append(check);
    origin.checkPaths.append(path);
}

// ---------------------------------------------------------------- references

void Loader::checkItemReference(const Form &form, const QString &file, const QString &path, const QString &reference,
                                const QString &what)
{
    const qsizetype dot = reference.indexOf(u'.');
    if (dot < 0) {
        if (!form.item(reference))
            error(file, path, u"%1 names unknown item %2"_s.arg(what, quoted(reference)));
        return;
    }
    const QString formOid = reference.left(dot);
    const QString itemOid = reference.mid(dot + 1);
    const Form *other = m_study.form(formOid);
    if (!other && m_listedForms.contains(formOid))
        return; // the form's file failed to load and has its own errors
    if (!other)
        error(file, path, u"%1 names unknown form %2 in %3"_s.arg(what, quoted(formOid), quoted(reference)));
    else if (!other->item(itemOid))
        error(file, path, u"%1 names unknown item %2 of form %3"_s.arg(what, quoted(itemOid), quoted(formOid)));
}

void Loader::checkExpression(const Form &form, const QString &file, const QString &path, const QString &source)
{
    const auto parsed = expr::Expression::parse(source);
    if (!parsed) {
        error(file, path, u"invalid expression: %1"_s.arg(parsed.message()));
        return;
    }
    for (const QString &reference : parsed->references())
        checkItemReference(form, file, path, reference, u"the expression"_s);
}

void Loader::checkDerivation(const Form &form, const Item &item, const QString &file, const QString &path)
{
    const clinical::DerivationInfo *info = clinical::findDerivation(item.derivation);
    if (!info) {
        QStringList names;
        for (const auto &d : clinical::derivations())
            names.append(d.name);
        error(file, child(path, u"name"_s),
              u"unknown derivation %1 (known: %2)"_s.arg(quoted(item.derivation), names.join(u", "_s)));
        return;
    }
    if (!info->outputs.contains(item.derivationOutput))
        error(file, child(path, u"output"_s),
              u"derivation %1 has no output %2 (it has %3)"_s.arg(quoted(info->name), quoted(item.derivationOutput),
                                                                  info->outputs.join(u", "_s)));
    for (auto it = item.derivationInputs.cbegin(); it != item.derivationInputs.cend(); ++it) {
        const QString here = child(child(path, u"inputs"_s), it.key());
        const qsizetype dot = it.key().indexOf(u'.');
        const QString input = dot < 0 ? it.key() : it.key().left(dot);
        if (!info->inputs.contains(input)) {
            error(file, here, u"derivation %1 has no input %2"_s.arg(quoted(info->name), quoted(input)));
            continue;
        }
        if (dot >= 0) {
            const QStringList parts = compositeInputs().value(input);
            if (!parts.contains(it.key().mid(dot + 1))) {
                error(file, here,
                      parts.isEmpty() ? u"input %1 takes one value, not named parts"_s.arg(quoted(input))
                                      : u"input %1 has no part %2"_s.arg(quoted(input), quoted(it.key().mid(dot + 1))));
                continue;
            }
        } else if (compositeInputs().contains(input) && it->kind == DerivationInput::Kind::Item) {
            error(file, here, u"input %1 takes its parts one by one, as \"%1.<part>\""_s.arg(input));
            continue;
        }
        switch (it->kind) {
        case DerivationInput::Kind::Item:
            checkItemReference(form, file, here, it->reference, u"the input"_s);
            break;
        case DerivationInput::Kind::Setting:
            if (!m_study.settings.contains(it->reference))
                error(file, here, u"unknown setting %1"_s.arg(quoted(it->reference)));
            break;
        case DerivationInput::Kind::Constant:
            break;
        }
    }
}

void Loader::checkReferences()
{
    for (qsizetype f = 0; f < m_study.forms.size(); ++f) {
        const Form &form = m_study.forms.at(f);
        const FormOrigin &origin = m_formOrigins.at(f);
        for (qsizetype i = 0; i < form.items.size(); ++i) {
            const Item &item = form.items.at(i);
            const QString &path = origin.itemPaths.at(i);
            if (!item.codeListOid.isEmpty() && !m_study.codeList(item.codeListOid))
                error(origin.file, child(path, u"code_list"_s),
                      u"unknown code list %1"_s.arg(quoted(item.codeListOid)));
            if (!item.showIf.isEmpty())
                checkExpression(form, origin.file, child(path, u"show_if"_s), item.showIf);
            if (!item.calculation.isEmpty())
                checkExpression(form, origin.file, child(path, u"calculation"_s), item.calculation);
            if (!item.derivation.isEmpty())
                checkDerivation(form, item, origin.file, child(path, u"derivation"_s));
        }
        for (qsizetype c = 0; c < form.checks.size(); ++c) {
            const EditCheck &check = form.checks.at(c);
            const QString &path = origin.checkPaths.at(c);
            if (!check.expression.isEmpty())
                checkExpression(form, origin.file, child(path, u"expression"_s), check.expression);
            for (qsizetype i = 0; i < check.items.size(); ++i) {
                if (!form.item(check.items.at(i)))
                    error(origin.file, element(child(path, u"items"_s), i),
                          u"unknown item %1"_s.arg(quoted(check.items.at(i))));
            }
        }
    }

    const QString studyFile = u"study.json"_s;
    for (qsizetype a = 0; a < m_study.anchors.size(); ++a) {
        const Anchor &anchor = m_study.anchors.at(a);
        const QString &path = m_anchorPaths.at(a);
        if (anchor.formOid.isEmpty() || anchor.itemOid.isEmpty())
            continue;
        const Form *form = m_study.form(anchor.formOid);
        if (!form && m_listedForms.contains(anchor.formOid))
            continue;
        if (!form) {
            error(studyFile, child(path, u"form"_s), u"unknown form %1"_s.arg(quoted(anchor.formOid)));
            continue;
        }
        const Item *item = form->item(anchor.itemOid);
        if (!item)
            error(studyFile, child(path, u"item"_s),
                  u"unknown item %1 of form %2"_s.arg(quoted(anchor.itemOid), quoted(anchor.formOid)));
        else if (item->type != ItemType::Date && item->type != ItemType::DateTime &&
                 !m_untyped.contains(form->oid + u'.' + item->oid))
            error(studyFile, child(path, u"item"_s),
                  u"an anchor needs a date or datetime item; %1 is %2"_s.arg(quoted(item->oid),
                                                                             itemTypeName(item->type)));
    }

    // A series expands to many events from one JSON element: report each problem once.
    QSet<QString> reported;
    for (qsizetype e = 0; e < m_study.events.size(); ++e) {
        const Event &event = m_study.events.at(e);
        const QString &path = m_eventOrigins.at(e).path;
        if (!event.anchor.isEmpty() && !m_study.anchor(event.anchor)) {
            const QString message = u"unknown anchor %1"_s.arg(quoted(event.anchor));
            if (!reported.contains(path + message))
                error(studyFile, child(path, u"anchor"_s), message);
            reported.insert(path + message);
        }
        for (qsizetype i = 0; i < event.forms.size(); ++i) {
            // A listed form whose file failed to load has its own error already.
            if (m_study.form(event.forms.at(i)) || m_listedForms.contains(event.forms.at(i)))
                continue;
            const QString formPath = element(child(path, u"forms"_s), i);
            const QString message = u"unknown form %1"_s.arg(quoted(event.forms.at(i)));
            if (!reported.contains(formPath + message))
                error(studyFile, formPath, message);
            reported.insert(formPath + message);
        }
    }
}

// ---------------------------------------------------------------- randomization

// Roles that randomize at a site. The names are auth's role names (model/auth/permissions.h),
// repeated because the definition layer sits below auth; a test keeps the two in step.
const QStringList &randomizingRoles()
{
    static const QStringList roles{u"nurse"_s, u"investigator"_s};
    return roles;
}

// Roles that exist but never randomize: separation of duties (RANDOMIZATION.md §3.5).
const QStringList &nonRandomizingRoles()
{
    static const QStringList roles{u"monitor"_s, u"data_manager"_s, u"administrator"_s, u"statistician"_s, u"system"_s};
    return roles;
}

bool matches(const QString &pattern, const QString &text)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(text).hasMatch();
}

void Loader::parseRandomization(const QJsonObject &o, const QString &base)
{
    m_randomizationPath = base;
    checkKeys(o, base,
              {u"list_prefix"_s, u"algorithm"_s, u"blinded"_s, u"arms"_s, u"block_sizes"_s, u"strata"_s,
               u"per_stratum"_s, u"pack_size"_s, u"low_water"_s, u"randomizer_roles"_s, u"max_days_after_infusion"_s,
               u"confirmations"_s});
    RandomizationScheme scheme;
    scheme.json = o;
    if (const auto s = string(o, base, u"list_prefix"_s, true)) {
        if (!matches(u"[A-Za-z0-9]{1,12}"_s, *s))
            error(child(base, u"list_prefix"_s), u"%1 must be 1 to 12 letters or digits"_s.arg(quoted(*s)));
        scheme.listPrefix = *s;
    }
    if (const auto s = string(o, base, u"algorithm"_s, true)) {
        if (*s != u"pbr-v1"_s)
            error(child(base, u"algorithm"_s), u"unknown algorithm %1 (expected 'pbr-v1')"_s.arg(quoted(*s)));
        scheme.algorithm = *s;
    }
    scheme.blinded = boolean(o, base, u"blinded"_s).value_or(false);

    bool ratiosKnown = true; // else block sizes are not held against a ratio sum
    if (const auto a = array(o, base, u"arms"_s, true)) {
        const QString armsPath = child(base, u"arms"_s);
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QString path = element(armsPath, i);
            const auto ao = object(a->at(i), path);
            if (!ao)
                continue;
            checkKeys(*ao, path, {u"oid"_s, u"ratio"_s});
            RandomizationArm arm;
            if (const auto s = oid(*ao, path, u"oid"_s, isVariableName, variableRule())) {
                if (std::any_of(scheme.arms.cbegin(), scheme.arms.cend(), [&](const auto &x) { return x.oid == *s; }))
                    error(child(path, u"oid"_s), u"duplicate arm %1"_s.arg(quoted(*s)));
                arm.oid = *s;
            }
            const auto ratio = integer(*ao, path, u"ratio"_s, true);
            if (ratio && (*ratio < 1 || *ratio > 100))
                error(child(path, u"ratio"_s), u"must be between 1 and 100"_s);
            else if (ratio)
                arm.ratio = *ratio;
            ratiosKnown = ratiosKnown && ratio && arm.ratio == *ratio;
            scheme.arms.append(arm);
        }
        if (a->size() < 2)
            error(armsPath, u"a randomization needs at least 2 arms"_s);
    }

    if (const auto a = array(o, base, u"block_sizes"_s, true)) {
        const QString sizesPath = child(base, u"block_sizes"_s);
        const int sum = scheme.ratioSum();
        for (qsizetype i = 0; i < a->size(); ++i) {
            const auto size = integer(a->at(i), element(sizesPath, i));
            if (!size)
                continue;
            if (*size < 1 || *size > 1000 || (ratiosKnown && sum > 0 && *size % sum != 0))
                error(element(sizesPath, i),
                      u"block size %1 is not a positive multiple of the ratio sum %2 (at most 1000)"_s.arg(*size).arg(
                          sum));
            else if (scheme.blockSizes.contains(*size))
                error(element(sizesPath, i), u"duplicate block size %1"_s.arg(*size));
            else
                scheme.blockSizes.append(*size);
        }
        if (a->isEmpty())
            error(sizesPath, u"a randomization needs at least one block size"_s);
    }

    if (const auto a = array(o, base, u"strata"_s, true)) {
        const QString strataPath = child(base, u"strata"_s);
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QString path = element(strataPath, i);
            const auto fo = object(a->at(i), path);
            if (!fo)
                continue;
            checkKeys(*fo, path, {u"factor"_s, u"source"_s, u"map"_s, u"short"_s});
            StratumFactor factor;
            if (const auto s = oid(*fo, path, u"factor"_s, isVariableName, variableRule())) {
                if (std::any_of(scheme.strata.cbegin(), scheme.strata.cend(),
                                [&](const auto &f) { return f.name == *s; }))
                    error(child(path, u"factor"_s), u"duplicate factor %1"_s.arg(quoted(*s)));
                factor.name = *s;
            }
            factor.source = string(*fo, path, u"source"_s, true).value_or(QString());
            if (factor.isSite() != (i == 0)) {
                error(child(path, u"source"_s),
                      u"the first factor, and only the first, is the site ('subject.site')"_s);
            } else if (factor.isSite()) {
                for (const QString &key : {u"map"_s, u"short"_s}) {
                    if (fo->contains(key))
                        error(child(path, key), u"the site factor uses the site codes: no %1"_s.arg(quoted(key)));
                }
                for (const Site &site : std::as_const(m_study.sites))
                    factor.values.append(site.oid);
            } else if (!factor.source.isEmpty()) {
                if (!matches(u"[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*"_s, factor.source))
                    error(child(path, u"source"_s),
                          u"expected 'subject.site' or '<form>.<item>', found %1"_s.arg(quoted(factor.source)));
                const QString mapPath = child(path, u"map"_s);
                if (require(*fo, path, u"map"_s)) {
                    if (const auto map = object(fo->value(u"map"_s), mapPath)) {
                        for (auto it = map->constBegin(); it != map->constEnd(); ++it) {
                            if (!it.value().isString() || !matches(u"[A-Za-z0-9_-]{1,32}"_s, it.value().toString()))
                                error(child(mapPath, it.key()),
                                      u"a stratum value is 1 to 32 letters, digits, '_' or '-'"_s);
                            else
                                factor.map.insert(it.key(), it.value().toString());
                        }
                        if (map->isEmpty())
                            error(mapPath, u"the map needs at least one code"_s);
                    }
                }
                QStringList values = factor.map.values();
                values.removeDuplicates();
                std::sort(values.begin(), values.end(),
                          [](const QString &x, const QString &y) { return x.toUtf8() < y.toUtf8(); });
                factor.values = values;
                const QString shortPath = child(path, u"short"_s);
                if (require(*fo, path, u"short"_s)) {
                    if (const auto shorts = object(fo->value(u"short"_s), shortPath)) {
                        for (auto it = shorts->constBegin(); it != shorts->constEnd(); ++it) {
                            const QString code = it.value().toString();
                            if (!values.contains(it.key()))
                                error(child(shortPath, it.key()),
                                      u"%1 is not a value of the map"_s.arg(quoted(it.key())));
                            else if (!it.value().isString() || !matches(u"[A-Za-z0-9]{1,8}"_s, code))
                                error(child(shortPath, it.key()), u"a short code is 1 to 8 letters or digits"_s);
                            else if (factor.shortCodes.values().contains(code))
                                error(child(shortPath, it.key()), u"duplicate short code %1"_s.arg(quoted(code)));
                            else
                                factor.shortCodes.insert(it.key(), code);
                        }
                        for (const QString &value : std::as_const(values)) {
                            if (!shorts->contains(value))
                                error(shortPath, u"no short code for the value %1"_s.arg(quoted(value)));
                        }
                    }
                }
            }
            scheme.strata.append(factor);
        }
        if (a->isEmpty())
            error(strataPath, u"a randomization needs the site as its first factor"_s);
        if (const qsizetype n = scheme.strataCount(); n > 24)
            error(strataPath, u"%1 strata: at most 24 are allowed"_s.arg(n));
    }

    const auto positive = [&](const QString &key, bool required, int maximum) -> int {
        const auto value = integer(o, base, key, required);
        if (value && (*value < 1 || *value > maximum))
            error(child(base, key), u"must be between 1 and %1"_s.arg(maximum));
        return value.value_or(0);
    };
    scheme.perStratum = positive(u"per_stratum"_s, true, 1000000);
    scheme.packSize = positive(u"pack_size"_s, true, 1000);
    scheme.lowWater = positive(u"low_water"_s, true, 1000);
    if (o.contains(u"max_days_after_infusion"_s))
        scheme.maxDaysAfterInfusion = positive(u"max_days_after_infusion"_s, false, 3650);

    if (const auto a = array(o, base, u"randomizer_roles"_s, true)) {
        const QString rolesPath = child(base, u"randomizer_roles"_s);
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QString role = a->at(i).toString();
            if (!a->at(i).isString())
                error(element(rolesPath, i), u"expected a role name, found %1"_s.arg(describeType(a->at(i))));
            else if (nonRandomizingRoles().contains(role))
                error(element(rolesPath, i), u"the role %1 may not randomize"_s.arg(quoted(role)));
            else if (!randomizingRoles().contains(role))
                error(element(rolesPath, i),
                      u"unknown role %1 (use %2)"_s.arg(quoted(role), randomizingRoles().join(u" or "_s)));
            else if (!scheme.randomizerRoles.contains(role))
                scheme.randomizerRoles.append(role);
        }
        if (a->isEmpty())
            error(rolesPath, u"name at least one role that randomizes"_s);
    }

    if (const auto a = array(o, base, u"confirmations"_s, false)) {
        const QString confirmationsPath = child(base, u"confirmations"_s);
        for (qsizetype i = 0; i < a->size(); ++i) {
            const QString path = element(confirmationsPath, i);
            const auto co = object(a->at(i), path);
            if (!co)
                continue;
            checkKeys(*co, path, {u"oid"_s, u"text"_s});
            RandomizationConfirmation confirmation;
            // Not an item, so not bound by REDCap's variable length: "rand_conf_accepts_either_arm" fits.
            if (const auto s = oid(
                    *co, path, u"oid"_s, [](const QString &n) { return matches(u"[a-z][a-z0-9_]{0,39}"_s, n); },
                    u"lower-case letters, digits and '_', starting with a letter, at most 40 characters"_s)) {
                if (std::any_of(scheme.confirmations.cbegin(), scheme.confirmations.cend(),
                                [&](const auto &c) { return c.oid == *s; }))
                    error(child(path, u"oid"_s), u"duplicate confirmation %1"_s.arg(quoted(*s)));
                confirmation.oid = *s;
            }
            confirmation.text = text(*co, path, u"text"_s, true);
            scheme.confirmations.append(confirmation);
        }
    }
    m_study.randomization = scheme;
}

// What the scheme names elsewhere in the study: arms and the items its factors read.
void Loader::checkRandomization()
{
    if (!m_study.randomization)
        return;
    const QString studyFile = u"study.json"_s;
    const RandomizationScheme &scheme = *m_study.randomization;
    const QString armsPath = child(m_randomizationPath, u"arms"_s);
    const CodeList *armCodes = m_study.codeList(u"arm"_s);
    if (!armCodes)
        error(studyFile, armsPath, u"the study has no code list 'arm' to take the arms from"_s);
    for (qsizetype i = 0; i < scheme.arms.size() && armCodes; ++i) {
        const RandomizationArm &arm = scheme.arms.at(i);
        const Arm *studyArm = m_study.arm(arm.oid);
        if (arm.oid.isEmpty())
            continue;
        if (!armCodes->contains(arm.oid))
            error(studyFile, child(element(armsPath, i), u"oid"_s),
                  u"%1 is not a code of the code list 'arm'"_s.arg(quoted(arm.oid)));
        else if (studyArm && studyArm->ratio != arm.ratio)
            error(studyFile, child(element(armsPath, i), u"ratio"_s),
                  u"ratio %1 differs from the ratio %2 of arm %3 in $.arms"_s.arg(arm.ratio)
                      .arg(studyArm->ratio)
                      .arg(quoted(arm.oid)));
    }
    for (qsizetype i = 1; i < scheme.strata.size(); ++i) {
        const StratumFactor &factor = scheme.strata.at(i);
        const QString path = element(child(m_randomizationPath, u"strata"_s), i);
        const qsizetype dot = factor.source.indexOf(u'.');
        if (dot < 0)
            continue;
        const QString formOid = factor.source.left(dot);
        const Form *form = m_study.form(formOid);
        if (!form && m_listedForms.contains(formOid))
            continue; // the form's file failed to load and has its own error
        const Item *item = form ? form->item(factor.source.mid(dot + 1)) : nullptr;
        if (!item) {
            error(studyFile, child(path, u"source"_s), u"unknown item %1"_s.arg(quoted(factor.source)));
            continue;
        }
        if (m_untyped.contains(formOid + u'.' + item->oid))
            continue;
        const CodeList *codes = m_study.codeList(item->codeListOid);
        if (item->type != ItemType::SingleChoice || !codes) {
            error(studyFile, child(path, u"source"_s),
                  u"%1 is not a single-choice item with a code list"_s.arg(quoted(factor.source)));
            continue;
        }
        QStringList missing;
        for (const CodeListItem &code : codes->items) {
            if (!factor.map.contains(code.code))
                missing.append(quoted(code.code));
        }
        if (!missing.isEmpty())
            error(studyFile, child(path, u"map"_s),
                  u"the map does not cover the code(s) %1 of the code list %2"_s.arg(missing.join(u", "_s),
                                                                                     quoted(codes->oid)));
        for (auto it = factor.map.cbegin(); it != factor.map.cend(); ++it) {
            if (!codes->contains(it.key()))
                error(studyFile, child(child(path, u"map"_s), it.key()),
                      u"%1 is not a code of the code list %2"_s.arg(quoted(it.key()), quoted(codes->oid)));
        }
    }
}

Result<RandomizationScheme> Loader::runScheme(const QString &fileName)
{
    m_file = fileName;
    if (const auto root = readObject(m_file)) {
        QJsonObject block = *root;
        block.remove(u"sites"_s);
        if (const auto sites = array(*root, u"$"_s, u"sites"_s, true)) {
            for (qsizetype i = 0; i < sites->size(); ++i) {
                const QString code = sites->at(i).toString();
                if (!sites->at(i).isString() || !isSiteName(code))
                    error(element(u"$.sites"_s, i), u"expected a site code: letters, digits, '_' and '-'"_s);
                else if (m_study.site(code))
                    error(element(u"$.sites"_s, i), u"duplicate site %1"_s.arg(quoted(code)));
                else
                    m_study.sites.append(Site{code, {}, 0});
            }
            if (sites->isEmpty())
                error(u"$.sites"_s, u"a scheme needs at least one site"_s);
        }
        // Known keys are checked by parseRandomization; "sites" is the one addition.
        parseRandomization(block, u"$"_s);
    }
    if (!m_errors.isEmpty())
        return Status::error(ErrorCode::InvalidInput, m_errors.join(u'\n'), QDir(m_dir).filePath(fileName));
    return std::move(*m_study.randomization);
}

Result<Study> Loader::run()
{
    const QDir dir(m_dir);
    if (!QFileInfo(dir.filePath(u"study.json"_s)).isFile())
        return Status::error(ErrorCode::NotFound, u"%1: no study.json in this folder"_s.arg(m_dir));

    m_file = u"study.json"_s;
    if (const auto root = readObject(m_file))
        parseStudy(*root);

    for (qsizetype i = 0; i < m_listedForms.size(); ++i) {
        const QString &formOid = m_listedForms.at(i);
        m_file = u"forms/"_s + formOid + u".json"_s;
        if (!QFileInfo(dir.filePath(m_file)).isFile()) {
            error(u"study.json"_s, element(u"$.forms"_s, i), u"form %1 has no file %2"_s.arg(quoted(formOid), m_file));
            continue;
        }
        if (const auto root = readObject(m_file))
            parseForm(formOid, *root);
    }
    // A form file that study.json does not list is most likely a misspelt name.
    const QStringList files = QDir(dir.filePath(u"forms"_s)).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        if (!m_listedForms.contains(QFileInfo(name).completeBaseName()))
            error(u"forms/"_s + name, u"$"_s, u"this form is not listed in study.json \"forms\""_s);
    }

    checkReferences();
    checkRandomization();

    if (!m_errors.isEmpty())
        return Status::error(ErrorCode::InvalidInput, m_errors.join(u'\n'), m_dir);
    m_study.directory = m_dir;
    return std::move(m_study);
}

} // namespace

QString StudyLoader::formatName()
{
    return u"cellcrf-study/1"_s;
}

Result<Study> StudyLoader::load(const QString &directory)
{
    return Loader(directory).run();
}

Result<RandomizationScheme> StudyLoader::loadRandomizationScheme(const QString &file)
{
    const QFileInfo info(file);
    if (!info.isFile())
        return Status::error(ErrorCode::NotFound, u"%1: no such file"_s.arg(file));
    return Loader(info.absolutePath()).runScheme(info.fileName());
}

QStringList StudyLoader::availableStudies(const QString &root)
{
    const QDir dir(root);
    QStringList studies;
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : entries) {
        if (QFileInfo(dir.filePath(name + u"/study.json"_s)).isFile())
            studies.append(name);
    }
    return studies;
}

} // namespace cellcrf::study
