// Validation of one form instance: each rule of rules/validator.h on a small
// study built here, with a fake derivation and fake values of other forms.

#include "rules/validator.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cellcrf;
using namespace cellcrf::rules;

Q_DECLARE_METATYPE(cellcrf::study::ItemType)
Q_DECLARE_METATYPE(cellcrf::rules::MessageKind)

namespace {

study::LocalizedText text(const QString &en, const QString &zh = {})
{
    study::LocalizedText t;
    t.texts.insert(u"en"_s, en);
    if (!zh.isEmpty())
        t.texts.insert(u"zh_CN"_s, zh);
    return t;
}

study::Item item(const QString &oid, study::ItemType type)
{
    study::Item i;
    i.oid = oid;
    i.type = type;
    i.label = text(oid);
    return i;
}

study::Study sampleStudy()
{
    study::Study s;
    s.oid = u"demo"_s;
    s.settings.insert(u"icans_ice_min_age_years"_s, 12);

    study::CodeList symptoms;
    symptoms.oid = u"cl_symptoms"_s;
    for (const auto &code : {u"fever"_s, u"hypoxia"_s, u"hypotension"_s})
        symptoms.items.append({code, text(code)});
    study::CodeList response;
    response.oid = u"cl_response"_s;
    for (const auto &code : {u"CR"_s, u"PR"_s, u"PD"_s})
        response.items.append({code, text(code)});
    s.codeLists = {symptoms, response};

    study::Form dm;
    dm.oid = u"dm"_s;
    dm.items = {item(u"birth_date"_s, study::ItemType::Date), item(u"sex"_s, study::ItemType::Text)};

    study::Form vs;
    vs.oid = u"vs"_s;
    auto weight = item(u"weight"_s, study::ItemType::Decimal);
    weight.decimals = 1;
    weight.required = true;
    weight.missingCodes = {u"ND"_s, u"UNK"_s};
    weight.range.hardMin = 1;
    weight.range.hardMax = 400;
    weight.range.softMin = 30;
    weight.range.softMax = 150;
    auto height = item(u"height"_s, study::ItemType::Integer);
    height.range.hardMin = 30;
    height.range.hardMax = 250;
    auto bmi = item(u"bmi"_s, study::ItemType::Calculated);
    bmi.calculation = u"round(weight / (height / 100) / (height / 100), 1)"_s;
    bmi.range.softMax = 40;
    auto visit = item(u"visit_date"_s, study::ItemType::Date);
    auto onset = item(u"onset_date"_s, study::ItemType::Date);
    onset.allowPartialDate = true;
    auto time = item(u"dose_time"_s, study::ItemType::Time);
    auto stamp = item(u"sample_at"_s, study::ItemType::DateTime);
    auto sym = item(u"symptoms"_s, study::ItemType::MultipleChoice);
    sym.codeListOid = u"cl_symptoms"_s;
    auto spo2 = item(u"spo2"_s, study::ItemType::Integer);
    spo2.showIf = u"has(symptoms, 'hypoxia')"_s;
    spo2.required = true;
    auto oxygen = item(u"oxygen"_s, study::ItemType::YesNo);
    oxygen.showIf = u"spo2 < 92"_s;
    auto resp = item(u"response"_s, study::ItemType::SingleChoice);
    resp.codeListOid = u"cl_response"_s;
    auto comment = item(u"comment"_s, study::ItemType::Text);
    comment.maxLength = 5;
    auto pregnant = item(u"pregnant"_s, study::ItemType::YesNo);
    pregnant.showIf = u"dm.sex = 'F'"_s;
    auto age = item(u"age"_s, study::ItemType::Calculated);
    age.calculation = u"age(dm.birth_date, visit_date)"_s;
    auto crcl = item(u"crcl"_s, study::ItemType::Derived);
    crcl.derivation = u"crcl"_s;
    crcl.derivationOutput = u"crcl_ml_min"_s;
    crcl.derivationInputs.insert(u"weight_kg"_s, {study::DerivationInput::Kind::Item, u"weight"_s, {}});
    crcl.derivationInputs.insert(u"age_years"_s, {study::DerivationInput::Kind::Item, u"age"_s, {}});
    crcl.derivationInputs.insert(u"symptoms"_s, {study::DerivationInput::Kind::Item, u"symptoms"_s, {}});
    crcl.derivationInputs.insert(u"on_oxygen"_s, {study::DerivationInput::Kind::Item, u"oxygen"_s, {}});
    crcl.derivationInputs.insert(u"sex"_s, {study::DerivationInput::Kind::Item, u"dm.sex"_s, {}});
    crcl.derivationInputs.insert(u"factor"_s, {study::DerivationInput::Kind::Constant, {}, 0.85});
    crcl.derivationInputs.insert(u"min_age"_s,
                                 {study::DerivationInput::Kind::Setting, u"icans_ice_min_age_years"_s, {}});
    vs.items = {weight, height, bmi, visit, onset, time, stamp, sym, spo2, oxygen, resp, comment, pregnant, age, crcl};

    study::EditCheck weightVsHeight;
    weightVsHeight.oid = u"chk_bmi"_s;
    weightVsHeight.expression = u"bmi < 60"_s;
    weightVsHeight.message = text(u"BMI is implausible."_s, u"BMI 不合理。"_s);
    weightVsHeight.items = {u"weight"_s, u"height"_s};
    study::EditCheck visitAfterBirth;
    visitAfterBirth.oid = u"chk_dates"_s;
    visitAfterBirth.expression = u"onset_date <= visit_date"_s;
    visitAfterBirth.message = text(u"Onset after the visit."_s);
    visitAfterBirth.items = {u"onset_date"_s};
    visitAfterBirth.blocking = false;
    vs.checks = {weightVsHeight, visitAfterBirth};

    s.forms = {dm, vs};
    return s;
}

class FakeSubject final : public SubjectValues
{
public:
    std::optional<QString> storedValue(const QString &formOid, const QString &itemOid) const override
    {
        const auto it = values.constFind(formOid + u'.' + itemOid);
        if (it == values.cend())
            return std::nullopt;
        return *it;
    }
    QHash<QString, QString> values;
};

// A stand-in for clinical::derive that records what it was given.
struct FakeDerivation
{
    QJsonObject lastInput;
    QString lastName;
    int calls = 0;
    QJsonObject output;

    DerivationFunction function()
    {
        return [this](const QString &name, const QJsonObject &input) {
            ++calls;
            lastName = name;
            lastInput = input;
            if (!input.contains(u"weight_kg"_s))
                return QJsonObject{{u"error"_s, u"weight_kg is required"_s}, {u"field"_s, u"weight_kg"_s}};
            return output;
        };
    }
};

FormValues values(std::initializer_list<std::pair<QString, QString>> entries)
{
    FormValues v;
    for (const auto &[oid, value] : entries)
        v.insert(oid, ItemEntry{value, {}, false});
    return v;
}

bool hasMessage(const ValidationResult &r, const QString &oid, MessageKind kind)
{
    const auto messages = r.messagesFor(oid);
    return std::any_of(messages.cbegin(), messages.cend(), [&](const ItemMessage &m) { return m.kind == kind; });
}

ItemMessage messageOf(const ValidationResult &r, const QString &oid, MessageKind kind)
{
    for (const auto &m : r.messagesFor(oid)) {
        if (m.kind == kind)
            return m;
    }
    return {};
}

} // namespace

class TestValidator : public QObject
{
    Q_OBJECT

private:
    ValidationResult validate(const FormValues &input, const QString &locale = u"en"_s)
    {
        return validateForm(m_study, *m_study.form(u"vs"_s), input, &m_subject, m_derive.function(), locale);
    }

    study::Study m_study = sampleStudy();
    FakeSubject m_subject;
    FakeDerivation m_derive;

private Q_SLOTS:
    void init()
    {
        m_study = sampleStudy();
        m_subject = FakeSubject();
        m_subject.values.insert(u"dm.sex"_s, u"M"_s);
        m_subject.values.insert(u"dm.birth_date"_s, u"1980-06-15"_s);
        m_derive = FakeDerivation();
        m_derive.output = QJsonObject{{u"crcl_ml_min"_s, 88.0}, {u"review"_s, false}, {u"reasons"_s, QJsonArray()}};
    }

    void typedValue_isCheckedAndNormalised_data();
    void typedValue_isCheckedAndNormalised();
    void wrongType_blocksSave();
    void unknownItem_blocksSave();
    void missingReason_withValueIsInvalid();
    void missingReason_notAllowedForItemIsInvalid();
    void missingReason_allowedSatisfiesRequired();
    void required_blankBlocksCompletionOnly();
    void required_hiddenItemIsNotRequired();
    void showIf_falseHidesAndClearsValue();
    void showIf_blankHides();
    void showIf_cascadesThroughHiddenItems();
    void showIf_readsOtherForms();
    void showIf_withoutOtherFormsIsHidden();
    void limits_giveMessages_data();
    void limits_giveMessages();
    void softLimit_confirmedDoesNotBlock();
    void calculated_isFilledFromTheExpression();
    void calculated_blankResultHasNoValue();
    void calculated_replacesWhatWasSent();
    void calculated_readsOtherForms();
    void derived_passesTypedInputs();
    void derived_storesOutputAsText_data();
    void derived_storesOutputAsText();
    void derived_errorWithAllInputsBlankIsSilent();
    void derived_errorWithSomeInputIsAWarning();
    void derived_reviewGivesNeedsReview();
    void editCheck_blockingFailsCompletion();
    void editCheck_nonBlockingIsConfirmable();
    void editCheck_blankResultSkipsTheCheck();
    void editCheck_messageIsLocalized();
    void messages_comeInItemOrder();
    void emptyForm_canSaveAndComplete();
};

void TestValidator::typedValue_isCheckedAndNormalised_data()
{
    QTest::addColumn<QString>("oid");
    QTest::addColumn<QString>("entered");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("stored");

    QTest::newRow("decimal") << u"weight"_s << u"70.5"_s << true << u"70.5"_s;
    QTest::newRow("decimal is trimmed") << u"weight"_s << u"  70.5 \n"_s << true << u"70.5"_s;
    QTest::newRow("decimal trailing zero kept") << u"weight"_s << u"70.0"_s << true << u"70.0"_s;
    QTest::newRow("decimal too many places") << u"weight"_s << u"70.55"_s << false << u"70.55"_s;
    QTest::newRow("decimal with plus") << u"weight"_s << u"+70"_s << false << u"+70"_s;
    QTest::newRow("decimal with exponent") << u"weight"_s << u"1e3"_s << false << u"1e3"_s;
    QTest::newRow("decimal with comma") << u"weight"_s << u"70,5"_s << false << u"70,5"_s;
    QTest::newRow("decimal without leading digit") << u"weight"_s << u".5"_s << false << u".5"_s;
    QTest::newRow("integer") << u"height"_s << u"175"_s << true << u"175"_s;
    QTest::newRow("integer leading zeros") << u"height"_s << u"0175"_s << true << u"175"_s;
    QTest::newRow("integer with decimals") << u"height"_s << u"175.0"_s << false << u"175.0"_s;
    QTest::newRow("integer text") << u"height"_s << u"tall"_s << false << u"tall"_s;
    QTest::newRow("date") << u"visit_date"_s << u"2024-02-29"_s << true << u"2024-02-29"_s;
    QTest::newRow("impossible date") << u"visit_date"_s << u"2023-02-29"_s << false << u"2023-02-29"_s;
    QTest::newRow("date without zero padding") << u"visit_date"_s << u"2024-2-9"_s << false << u"2024-2-9"_s;
    QTest::newRow("partial date not allowed") << u"visit_date"_s << u"2024-02"_s << false << u"2024-02"_s;
    QTest::newRow("partial date allowed") << u"onset_date"_s << u"2024-02"_s << true << u"2024-02"_s;
    QTest::newRow("year allowed") << u"onset_date"_s << u"2024"_s << true << u"2024"_s;
    QTest::newRow("month 13") << u"onset_date"_s << u"2024-13"_s << false << u"2024-13"_s;
    QTest::newRow("time") << u"dose_time"_s << u"23:59"_s << true << u"23:59"_s;
    QTest::newRow("time 24:00") << u"dose_time"_s << u"24:00"_s << false << u"24:00"_s;
    QTest::newRow("time with seconds") << u"dose_time"_s << u"08:00:00"_s << false << u"08:00:00"_s;
    QTest::newRow("date-time") << u"sample_at"_s << u"2024-03-31T02:30"_s << true << u"2024-03-31T02:30"_s;
    QTest::newRow("date-time with space") << u"sample_at"_s << u"2024-03-31 02:30"_s << false << u"2024-03-31 02:30"_s;
    QTest::newRow("single choice") << u"response"_s << u"CR"_s << true << u"CR"_s;
    QTest::newRow("single choice unknown") << u"response"_s << u"cr"_s << false << u"cr"_s;
    QTest::newRow("multiple choice reordered")
        << u"symptoms"_s << u"hypotension|fever"_s << true << u"fever|hypotension"_s;
    QTest::newRow("multiple choice duplicates")
        << u"symptoms"_s << u"fever|fever| hypoxia"_s << true << u"fever|hypoxia"_s;
    QTest::newRow("multiple choice unknown code") << u"symptoms"_s << u"fever|rash"_s << false << u"fever|rash"_s;
    QTest::newRow("yes") << u"pregnant"_s << u"1"_s << true << u"1"_s;
    QTest::newRow("yes as word") << u"comment"_s << u"ok"_s << true << u"ok"_s;
    QTest::newRow("text at max length") << u"comment"_s << u"abcde"_s << true << u"abcde"_s;
    QTest::newRow("text too long") << u"comment"_s << u"abcdef"_s << false << u"abcdef"_s;
    QTest::newRow("text length counts characters") << u"comment"_s << u"体温升高了"_s << true << u"体温升高了"_s;
}

void TestValidator::typedValue_isCheckedAndNormalised()
{
    QFETCH(QString, oid);
    QFETCH(QString, entered);
    QFETCH(bool, valid);
    QFETCH(QString, stored);
    m_subject.values.insert(u"dm.sex"_s, u"F"_s); // so that "pregnant" is shown
    const auto r = validate(values({{oid, entered}}));
    QCOMPARE(hasMessage(r, oid, MessageKind::WrongType), !valid);
    QCOMPARE(r.values.value(oid).value, stored);
    QCOMPARE(r.canSave(), valid);
}

void TestValidator::wrongType_blocksSave()
{
    m_subject.values.insert(u"dm.sex"_s, u"F"_s);
    const auto r = validate(values({{u"pregnant"_s, u"yes"_s}}));
    const auto m = messageOf(r, u"pregnant"_s, MessageKind::WrongType);
    QCOMPARE(m.severity, Severity::Error);
    QVERIFY(m.blocksSave);
    QVERIFY(!m.text.isEmpty());
    QVERIFY(!r.canSave());
    QVERIFY(!r.canComplete());
}

void TestValidator::unknownItem_blocksSave()
{
    const auto r = validate(values({{u"nonsense"_s, u"1"_s}}));
    QVERIFY(hasMessage(r, u"nonsense"_s, MessageKind::WrongType));
    QVERIFY(!r.values.contains(u"nonsense"_s));
    QVERIFY(!r.canSave());
}

void TestValidator::missingReason_withValueIsInvalid()
{
    FormValues input;
    input.insert(u"weight"_s, ItemEntry{u"70"_s, u"ND"_s, false});
    const auto r = validate(input);
    const auto m = messageOf(r, u"weight"_s, MessageKind::MissingReasonInvalid);
    QCOMPARE(m.kind, MessageKind::MissingReasonInvalid);
    QVERIFY(m.blocksSave);
    QVERIFY(!r.canSave());
}

void TestValidator::missingReason_notAllowedForItemIsInvalid()
{
    FormValues input;
    input.insert(u"weight"_s, ItemEntry{{}, u"NA"_s, false});
    const auto r = validate(input);
    QVERIFY(hasMessage(r, u"weight"_s, MessageKind::MissingReasonInvalid));
    QVERIFY(!r.canSave());
}

void TestValidator::missingReason_allowedSatisfiesRequired()
{
    FormValues input;
    input.insert(u"weight"_s, ItemEntry{{}, u" ND "_s, false});
    const auto r = validate(input);
    QVERIFY(!hasMessage(r, u"weight"_s, MessageKind::RequiredMissing));
    QVERIFY(!hasMessage(r, u"weight"_s, MessageKind::MissingReasonInvalid));
    QCOMPARE(r.values.value(u"weight"_s).missingReason, u"ND"_s);
    QVERIFY(r.canSave());
    QVERIFY(r.canComplete());
}

void TestValidator::required_blankBlocksCompletionOnly()
{
    const auto r = validate(values({{u"weight"_s, u"  "_s}}));
    const auto m = messageOf(r, u"weight"_s, MessageKind::RequiredMissing);
    QCOMPARE(m.kind, MessageKind::RequiredMissing);
    QCOMPARE(m.severity, Severity::Error);
    QVERIFY(!m.blocksSave);
    QVERIFY(m.blocksCompletion);
    QVERIFY(r.canSave());
    QVERIFY(!r.canComplete());
}

void TestValidator::required_hiddenItemIsNotRequired()
{
    const auto r = validate(values({{u"weight"_s, u"70"_s}, {u"symptoms"_s, u"fever"_s}}));
    QVERIFY(r.hiddenItems.contains(u"spo2"_s));
    QVERIFY(!hasMessage(r, u"spo2"_s, MessageKind::RequiredMissing));
    QVERIFY(r.canComplete());
}

void TestValidator::showIf_falseHidesAndClearsValue()
{
    FormValues input = values({{u"weight"_s, u"70"_s}, {u"symptoms"_s, u"fever"_s}, {u"spo2"_s, u"abc"_s}});
    const auto r = validate(input);
    QVERIFY(r.hiddenItems.contains(u"spo2"_s));
    QVERIFY(!r.values.contains(u"spo2"_s));
    const auto m = messageOf(r, u"spo2"_s, MessageKind::HiddenValueCleared);
    QCOMPARE(m.severity, Severity::Info);
    QVERIFY(!m.blocksSave && !m.blocksCompletion);
    // the cleared value was wrong, but it no longer matters
    QVERIFY(!hasMessage(r, u"spo2"_s, MessageKind::WrongType));
    QVERIFY(r.canSave());
}

void TestValidator::showIf_blankHides()
{
    const auto r = validate(values({{u"weight"_s, u"70"_s}}));
    QVERIFY(r.hiddenItems.contains(u"spo2"_s)); // symptoms not answered yet
    QVERIFY(!r.hiddenItems.contains(u"weight"_s));
    QVERIFY(r.messagesFor(u"spo2"_s).isEmpty()); // nothing was entered, nothing cleared
}

void TestValidator::showIf_cascadesThroughHiddenItems()
{
    // oxygen depends on spo2, which depends on symptoms
    auto r = validate(values({{u"symptoms"_s, u"hypoxia"_s}, {u"spo2"_s, u"88"_s}, {u"oxygen"_s, u"1"_s}}));
    QVERIFY(!r.hiddenItems.contains(u"oxygen"_s));
    QCOMPARE(r.values.value(u"oxygen"_s).value, u"1"_s);

    r = validate(values({{u"symptoms"_s, u"fever"_s}, {u"spo2"_s, u"88"_s}, {u"oxygen"_s, u"1"_s}}));
    QVERIFY(r.hiddenItems.contains(u"spo2"_s));
    QVERIFY(r.hiddenItems.contains(u"oxygen"_s));
    QVERIFY(hasMessage(r, u"oxygen"_s, MessageKind::HiddenValueCleared));
    QVERIFY(!r.values.contains(u"oxygen"_s));
}

void TestValidator::showIf_readsOtherForms()
{
    FormValues input = values({{u"pregnant"_s, u"0"_s}});
    auto r = validate(input);
    QVERIFY(r.hiddenItems.contains(u"pregnant"_s));
    QVERIFY(!r.values.contains(u"pregnant"_s));

    m_subject.values.insert(u"dm.sex"_s, u"F"_s);
    r = validate(input);
    QVERIFY(!r.hiddenItems.contains(u"pregnant"_s));
    QCOMPARE(r.values.value(u"pregnant"_s).value, u"0"_s);
}

void TestValidator::showIf_withoutOtherFormsIsHidden()
{
    const auto r =
        validateForm(m_study, *m_study.form(u"vs"_s), values({{u"pregnant"_s, u"0"_s}}), nullptr, m_derive.function());
    QVERIFY(r.hiddenItems.contains(u"pregnant"_s));
}

void TestValidator::limits_giveMessages_data()
{
    QTest::addColumn<QString>("weight");
    QTest::addColumn<int>("kind"); // -1: none
    QTest::addColumn<bool>("canComplete");

    const int hard = int(MessageKind::HardLimit);
    const int soft = int(MessageKind::SoftLimit);
    QTest::newRow("inside") << u"70"_s << -1 << true;
    QTest::newRow("at soft minimum") << u"30"_s << -1 << true;
    QTest::newRow("below soft minimum") << u"29.9"_s << soft << false;
    QTest::newRow("above soft maximum") << u"150.1"_s << soft << false;
    QTest::newRow("below hard minimum") << u"0.5"_s << hard << false;
    QTest::newRow("at hard maximum") << u"400"_s << soft << false;
    QTest::newRow("above hard maximum") << u"400.1"_s << hard << false;
}

void TestValidator::limits_giveMessages()
{
    QFETCH(QString, weight);
    QFETCH(int, kind);
    QFETCH(bool, canComplete);
    const auto r = validate(values({{u"weight"_s, weight}}));
    QCOMPARE(hasMessage(r, u"weight"_s, MessageKind::HardLimit), kind == int(MessageKind::HardLimit));
    QCOMPARE(hasMessage(r, u"weight"_s, MessageKind::SoftLimit), kind == int(MessageKind::SoftLimit));
    QVERIFY(r.canSave());
    QCOMPARE(r.canComplete(), canComplete);
    if (kind == int(MessageKind::HardLimit)) {
        const auto m = messageOf(r, u"weight"_s, MessageKind::HardLimit);
        QCOMPARE(m.severity, Severity::Error);
        QVERIFY(!m.confirmable);
    } else if (kind == int(MessageKind::SoftLimit)) {
        const auto m = messageOf(r, u"weight"_s, MessageKind::SoftLimit);
        QCOMPARE(m.severity, Severity::Warning);
        QVERIFY(m.confirmable);
        QVERIFY(!m.confirmed);
        QVERIFY(m.blocksCompletion);
    }
}

void TestValidator::softLimit_confirmedDoesNotBlock()
{
    FormValues input;
    input.insert(u"weight"_s, ItemEntry{u"160"_s, {}, true});
    const auto r = validate(input);
    const auto m = messageOf(r, u"weight"_s, MessageKind::SoftLimit);
    QCOMPARE(m.kind, MessageKind::SoftLimit);
    QVERIFY(m.confirmed);
    QVERIFY(!m.blocksCompletion);
    QVERIFY(r.canComplete());
    QVERIFY(r.values.value(u"weight"_s).softConfirmed);
}

void TestValidator::calculated_isFilledFromTheExpression()
{
    const auto r = validate(values({{u"weight"_s, u"70"_s}, {u"height"_s, u"175"_s}}));
    QCOMPARE(r.values.value(u"bmi"_s).value, u"22.9"_s);
    QVERIFY(r.canComplete());
}

void TestValidator::calculated_blankResultHasNoValue()
{
    const auto r = validate(values({{u"weight"_s, u"70"_s}}));
    QVERIFY(r.values.value(u"bmi"_s).value.isEmpty());
    QVERIFY(!hasMessage(r, u"bmi"_s, MessageKind::DerivationError));
}

void TestValidator::calculated_replacesWhatWasSent()
{
    const auto r = validate(values({{u"weight"_s, u"70"_s}, {u"height"_s, u"175"_s}, {u"bmi"_s, u"99"_s}}));
    QCOMPARE(r.values.value(u"bmi"_s).value, u"22.9"_s);
    QVERIFY(!hasMessage(r, u"bmi"_s, MessageKind::WrongType));
}

void TestValidator::calculated_readsOtherForms()
{
    const auto r = validate(values({{u"visit_date"_s, u"2024-06-14"_s}}));
    QCOMPARE(r.values.value(u"age"_s).value, u"43"_s);
}

void TestValidator::derived_passesTypedInputs()
{
    m_subject.values.insert(u"dm.sex"_s, u"F"_s);
    const auto r = validate(values({{u"weight"_s, u"70.5"_s},
                                    {u"visit_date"_s, u"2024-06-14"_s},
                                    {u"symptoms"_s, u"hypoxia|fever"_s},
                                    {u"spo2"_s, u"90"_s},
                                    {u"oxygen"_s, u"1"_s}}));
    QCOMPARE(m_derive.lastName, u"crcl"_s);
    const QJsonObject expected{
        {u"weight_kg"_s, 70.5}, {u"age_years"_s, 43}, {u"symptoms"_s, QJsonArray{u"fever"_s, u"hypoxia"_s}},
        {u"on_oxygen"_s, true}, {u"sex"_s, u"F"_s},   {u"factor"_s, 0.85},
        {u"min_age"_s, 12},
    };
    QCOMPARE(m_derive.lastInput, expected);
    QCOMPARE(r.values.value(u"crcl"_s).value, u"88"_s);
    QCOMPARE(r.derivations.value(u"crcl"_s), m_derive.output);
}

void TestValidator::derived_storesOutputAsText_data()
{
    QTest::addColumn<QJsonValue>("output");
    QTest::addColumn<QString>("stored");

    QTest::newRow("whole number") << QJsonValue(88.0) << u"88"_s;
    QTest::newRow("decimal") << QJsonValue(88.25) << u"88.25"_s;
    QTest::newRow("text") << QJsonValue(u"grade 2"_s) << u"grade 2"_s;
    QTest::newRow("boolean") << QJsonValue(true) << u"1"_s;
    QTest::newRow("null") << QJsonValue() << u""_s;
}

void TestValidator::derived_storesOutputAsText()
{
    QFETCH(QJsonValue, output);
    QFETCH(QString, stored);
    m_derive.output = QJsonObject{{u"crcl_ml_min"_s, output}};
    const auto r = validate(values({{u"weight"_s, u"70"_s}}));
    QCOMPARE(r.values.value(u"crcl"_s).value, stored);
}

void TestValidator::derived_errorWithAllInputsBlankIsSilent()
{
    m_subject.values.clear(); // dm.sex is an input too
    const auto r = validate({});
    QVERIFY(r.derivations.value(u"crcl"_s).contains(u"error"_s));
    QVERIFY(r.values.value(u"crcl"_s).value.isEmpty());
    QVERIFY(!hasMessage(r, u"crcl"_s, MessageKind::DerivationError));
}

void TestValidator::derived_errorWithSomeInputIsAWarning()
{
    const auto r = validate(values({{u"visit_date"_s, u"2024-06-14"_s}})); // age known, weight not
    const auto m = messageOf(r, u"crcl"_s, MessageKind::DerivationError);
    QCOMPARE(m.kind, MessageKind::DerivationError);
    QCOMPARE(m.severity, Severity::Warning);
    QVERIFY(m.text.contains(u"weight_kg is required"_s));
    QVERIFY(!m.blocksSave && !m.blocksCompletion);
    QVERIFY(r.values.value(u"crcl"_s).value.isEmpty());
}

void TestValidator::derived_reviewGivesNeedsReview()
{
    m_derive.output = QJsonObject{{u"crcl_ml_min"_s, 20.0},
                                  {u"review"_s, true},
                                  {u"reasons"_s, QJsonArray{u"CrCl below 30"_s, u"age over 75"_s}}};
    const auto r = validate(values({{u"weight"_s, u"70"_s}}));
    const auto m = messageOf(r, u"crcl"_s, MessageKind::NeedsReview);
    QCOMPARE(m.kind, MessageKind::NeedsReview);
    QCOMPARE(m.severity, Severity::Warning);
    QVERIFY(m.text.contains(u"CrCl below 30; age over 75"_s));
    QVERIFY(!m.blocksCompletion);
    QCOMPARE(r.derivations.value(u"crcl"_s).value(u"review"_s).toBool(), true);
}

void TestValidator::editCheck_blockingFailsCompletion()
{
    const auto r = validate(values({{u"weight"_s, u"200"_s}, {u"height"_s, u"150"_s}}));
    const auto m = messageOf(r, u"weight"_s, MessageKind::EditCheck);
    QCOMPARE(m.text, u"BMI is implausible."_s);
    QCOMPARE(m.severity, Severity::Error);
    QVERIFY(m.blocksCompletion);
    QVERIFY(!hasMessage(r, u"height"_s, MessageKind::EditCheck)); // only on the primary item
    QVERIFY(r.canSave());
    QVERIFY(!r.canComplete());
}

void TestValidator::editCheck_nonBlockingIsConfirmable()
{
    FormValues input = values({{u"visit_date"_s, u"2024-06-14"_s}, {u"onset_date"_s, u"2024-06-20"_s}});
    auto r = validate(input);
    auto m = messageOf(r, u"onset_date"_s, MessageKind::EditCheck);
    QCOMPARE(m.severity, Severity::Warning);
    QVERIFY(m.confirmable);
    QVERIFY(!m.confirmed);
    QVERIFY(m.blocksCompletion);

    input[u"onset_date"_s].softConfirmed = true;
    input.insert(u"weight"_s, ItemEntry{u"70"_s, {}, false});
    r = validate(input);
    m = messageOf(r, u"onset_date"_s, MessageKind::EditCheck);
    QVERIFY(m.confirmed);
    QVERIFY(!m.blocksCompletion);
    QVERIFY(r.canComplete());
}

void TestValidator::editCheck_blankResultSkipsTheCheck()
{
    // a partial onset date cannot be compared: the check is skipped
    const auto r =
        validate(values({{u"weight"_s, u"70"_s}, {u"visit_date"_s, u"2024-06-14"_s}, {u"onset_date"_s, u"2024-07"_s}}));
    QVERIFY(!hasMessage(r, u"onset_date"_s, MessageKind::EditCheck));
    QVERIFY(r.canComplete());
}

void TestValidator::editCheck_messageIsLocalized()
{
    const auto r = validate(values({{u"weight"_s, u"200"_s}, {u"height"_s, u"150"_s}}), u"zh_CN"_s);
    QCOMPARE(messageOf(r, u"weight"_s, MessageKind::EditCheck).text, u"BMI 不合理。"_s);
}

void TestValidator::messages_comeInItemOrder()
{
    m_subject.values.clear(); // keeps the derivation silent
    FormValues input = values({{u"height"_s, u"x"_s}, {u"comment"_s, u"toolong"_s}});
    input.insert(u"weight"_s, ItemEntry{{}, u"NA"_s, false});
    const auto r = validate(input);
    QStringList order;
    for (const auto &m : r.messages)
        order.append(m.itemOid);
    QCOMPARE(order, (QStringList{u"weight"_s, u"weight"_s, u"height"_s, u"comment"_s}));
    QCOMPARE(r.messages.at(0).kind, MessageKind::MissingReasonInvalid);
    QCOMPARE(r.messages.at(1).kind, MessageKind::RequiredMissing);
}

void TestValidator::emptyForm_canSaveAndComplete()
{
    study::Form form;
    form.oid = u"empty"_s;
    const auto r = validateForm(m_study, form, {}, nullptr, {});
    QVERIFY(r.messages.isEmpty());
    QVERIFY(r.values.isEmpty());
    QVERIFY(r.canSave());
    QVERIFY(r.canComplete());
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
