#pragma once

// The in-memory form of a study definition (resources/studies/<study>/). A Study
// is immutable once StudyLoader has checked it: every reference inside it (code
// lists, forms named by events, anchors, items named by expressions and
// derivations) is known to resolve.

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace cellcrf::study {

// A text in every language the definition provides ("en", "zh_CN").
struct LocalizedText
{
    QMap<QString, QString> texts;

    // The text in `locale`, falling back to English, then to any language.
    QString text(const QString &locale = QStringLiteral("en")) const;
    bool isEmpty() const { return texts.isEmpty(); }
};

enum class ItemType
{
    Text,
    Integer,
    Decimal,
    Date,     // ISO 8601 YYYY-MM-DD; YYYY-MM or YYYY when partial dates are allowed
    Time,     // HH:MM
    DateTime, // YYYY-MM-DDTHH:MM
    SingleChoice,
    MultipleChoice, // stored as codes joined by '|', in code-list order
    YesNo,          // stored as "1" (yes) or "0" (no)
    Calculated,     // computed by an expression of the rules language
    Derived,        // computed by a named clinical derivation (model/clinical)
};

QString itemTypeName(ItemType type);
std::optional<ItemType> itemTypeFromName(const QString &name);

struct CodeListItem
{
    QString code;
    LocalizedText label;
};

struct CodeList
{
    QString oid;
    QList<CodeListItem> items;

    bool contains(const QString &code) const;
    QString label(const QString &code, const QString &locale = QStringLiteral("en")) const;
};

// Numeric limits. Outside a hard limit a value cannot complete the form; outside
// a soft limit it needs a confirmation that is recorded.
struct Range
{
    std::optional<double> hardMin;
    std::optional<double> hardMax;
    std::optional<double> softMin;
    std::optional<double> softMax;
};

// Where a derived item takes one input of its derivation from.
struct DerivationInput
{
    enum class Kind
    {
        Item,
        Constant,
        Setting
    };
    Kind kind = Kind::Item;
    QString reference; // item reference ("item" or "form.item") or setting name
    QJsonValue constant;
};

struct Item
{
    QString oid;       // lower-case name, unique within the form
    QString cdashName; // CDASH-style variable name, e.g. BRTHDTC
    ItemType type = ItemType::Text;
    LocalizedText label;
    LocalizedText help;
    QString unit;
    bool required = false;
    bool allowPartialDate = false;
    bool identifier = false; // removed by de-identified exports
    int maxLength = 0;       // text: 0 means no limit
    int decimals = -1;       // decimal: -1 means any
    Range range;
    QString codeListOid;                             // single and multiple choice
    QString showIf;                                  // rules expression; empty means always shown
    QString calculation;                             // Calculated: rules expression
    QString derivation;                              // Derived: derivation name (clinical::derivations())
    QString derivationOutput;                        // Derived: which output field of the derivation
    QMap<QString, DerivationInput> derivationInputs; // derivation input name -> source
    QStringList missingCodes;                        // reasons a value may be missing: ND, UNK, NA
    int section = 0;                                 // index into Form::sections

    bool isComputed() const { return type == ItemType::Calculated || type == ItemType::Derived; }
    bool isChoice() const { return type == ItemType::SingleChoice || type == ItemType::MultipleChoice; }
    bool isNumeric() const { return type == ItemType::Integer || type == ItemType::Decimal; }
};

struct Section
{
    QString oid;
    LocalizedText title;
};

// A cross-field check: the expression must hold (a blank operand skips it).
struct EditCheck
{
    QString oid;
    QString expression;
    LocalizedText message;
    QStringList items; // where the message is shown; the first is the primary item
    // A blocking check must hold for the form to complete; a non-blocking one is a
    // warning that the user confirms on the primary item (recorded like a soft limit).
    bool blocking = true;
};

struct Form
{
    QString oid;
    LocalizedText name;
    bool repeating = false;
    QList<Section> sections;
    QList<Item> items; // in display order
    QList<EditCheck> checks;
    QString file; // the definition file it came from

    const Item *item(const QString &oid) const;
};

// A named date of a subject that events are scheduled from (consent, infusion,
// randomization), read from one item of one form.
struct Anchor
{
    QString oid;
    LocalizedText name;
    QString formOid;
    QString itemOid;
};

struct Event
{
    QString oid;
    LocalizedText name;
    QString anchor;         // anchor oid; empty for unscheduled events
    std::optional<int> day; // target day relative to the anchor date (day 0)
    int windowBefore = 0;   // days allowed before the target day
    int windowAfter = 0;    // days allowed after the target day
    bool repeating = false; // unscheduled visits
    QStringList forms;

    bool isScheduled() const { return !anchor.isEmpty() && day.has_value(); }
};

struct Arm
{
    QString oid;
    LocalizedText name;
    int ratio = 1;
};

struct Site
{
    QString oid;
    LocalizedText name;
    int utcOffsetMinutes = 0;
};

// One stratification factor of a randomization scheme (RANDOMIZATION.md §3.1).
struct StratumFactor
{
    QString name;                      // the key in stratum codes: "site", "disease_group"
    QString source;                    // "subject.site", or "<form>.<item>" of a single-choice item
    QMap<QString, QString> map;        // source code -> stratum value (every factor but the site)
    QMap<QString, QString> shortCodes; // stratum value -> its part of the randomization number
    // Site oids in definition order for the site; else the distinct map values sorted by UTF-8 bytes.
    QStringList values;

    bool isSite() const { return source == QLatin1String("subject.site"); }
};

struct RandomizationArm
{
    QString oid;
    int ratio = 1;
};

// A statement the randomizing person ticks before randomizing (RANDOMIZATION.md §3.6, check 8).
struct RandomizationConfirmation
{
    QString oid;
    LocalizedText text;
};

// The stratified permuted-block scheme of a study (RANDOMIZATION.md §3.1). The loader
// guarantees: two or more arms from the `arm` code list, every block size a multiple of
// the ratio sum, the site as the first factor, every other factor a single-choice item
// whose codes all map to a value with a short code, and at most 24 strata.
struct RandomizationScheme
{
    QString listPrefix;
    QString algorithm; // "pbr-v1"
    bool blinded = false;
    QList<RandomizationArm> arms;
    QList<int> blockSizes;
    QList<StratumFactor> strata; // the site first
    int perStratum = 0;
    int packSize = 0;
    int lowWater = 0;
    QStringList randomizerRoles;
    std::optional<int> maxDaysAfterInfusion;
    QList<RandomizationConfirmation> confirmations;
    QJsonObject json; // the block as loaded; its canonical form enters the list's manifest hash

    int ratioSum() const
    {
        int sum = 0;
        for (const RandomizationArm &arm : arms)
            sum += arm.ratio;
        return sum;
    }
    qsizetype strataCount() const
    {
        qsizetype count = strata.isEmpty() ? 0 : 1;
        for (const StratumFactor &factor : strata)
            count *= factor.values.size();
        return count;
    }
};

struct Study
{
    QString oid;
    QString version;
    LocalizedText name;
    QString protocolId;
    QList<Site> sites;
    QList<Arm> arms;
    QList<Anchor> anchors;
    QList<Event> events;
    QList<Form> forms;
    QList<CodeList> codeLists;
    QJsonObject settings; // study-specific parameters, e.g. icans_ice_min_age_years
    std::optional<RandomizationScheme> randomization;
    QString directory; // where the definition was loaded from

    const Form *form(const QString &oid) const;
    const Event *event(const QString &oid) const;
    const CodeList *codeList(const QString &oid) const;
    const Anchor *anchor(const QString &oid) const;
    const Arm *arm(const QString &oid) const;
    const Site *site(const QString &oid) const;
};

} // namespace cellcrf::study
