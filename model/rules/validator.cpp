#include "rules/validator.h"

#include "expr/canonical.h"
#include "expr/expression.h"
#include "rules/storedvalue.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cellcrf::rules {

Q_LOGGING_CATEGORY(lcRules, "cellcrf.rules")

using expr::EvaluationContext;
using expr::Expression;
using expr::Value;
namespace canonical = expr::canonical;

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("cellcrf::rules", text, nullptr, n);
}

// The canonical text of a typed value, or the message that says why it is not one.
struct Normalised
{
    QString text;
    QString error;
};

Normalised normalise(const study::Study &study, const study::Item &item, const QString &value)
{
    using study::ItemType;
    auto bad = [](const QString &message) { return Normalised{{}, message}; };
    switch (item.type) {
    case ItemType::Integer: {
        if (!canonical::parseNumber(value) || value.contains(u'.'))
            return bad(tr("Enter a whole number."));
        bool ok = false;
        const qlonglong n = value.toLongLong(&ok);
        if (!ok)
            return bad(tr("The number is too large."));
        return {QString::number(n), {}}; // drops leading zeros and "-0"
    }
    case ItemType::Decimal: {
        if (!canonical::parseNumber(value))
            return bad(tr("Enter a number with digits and '.' only."));
        const qsizetype dot = value.indexOf(u'.');
        const qsizetype places = dot < 0 ? 0 : value.size() - dot - 1;
        if (item.decimals >= 0 && places > item.decimals) {
            return bad(item.decimals == 0 ? tr("Enter a whole number.")
                                          : tr("Enter at most %n decimal place(s).", item.decimals));
        }
        return {value, {}};
    }
    case ItemType::Date:
        if (canonical::parseDate(value))
            return {value, {}};
        if (canonical::isPartialDate(value)) {
            if (item.allowPartialDate)
                return {value, {}};
            return bad(tr("Enter the full date (YYYY-MM-DD)."));
        }
        return bad(tr("Enter a real date as YYYY-MM-DD."));
    case ItemType::Time:
        if (canonical::parseTime(value))
            return {value, {}};
        return bad(tr("Enter a time as HH:MM (00:00 to 23:59)."));
    case ItemType::DateTime:
        if (canonical::parseDateTime(value))
            return {value, {}};
        return bad(tr("Enter a date and time as YYYY-MM-DDTHH:MM."));
    case ItemType::SingleChoice: {
        const study::CodeList *codes = study.codeList(item.codeListOid);
        if (codes && !codes->contains(value))
            return bad(tr("'%1' is not one of the choices.").arg(value));
        return {value, {}};
    }
    case ItemType::MultipleChoice: {
        QStringList chosen;
        for (const QString &part : value.split(u'|', Qt::SkipEmptyParts)) {
            const QString code = part.trimmed();
            if (!code.isEmpty() && !chosen.contains(code))
                chosen.append(code);
        }
        const study::CodeList *codes = study.codeList(item.codeListOid);
        if (!codes)
            return {chosen.join(u'|'), {}};
        for (const QString &code : std::as_const(chosen)) {
            if (!codes->contains(code))
                return bad(tr("'%1' is not one of the choices.").arg(code));
        }
        // One spelling per selection: codes in code-list order.
        QStringList ordered;
        for (const auto &entry : codes->items) {
            if (chosen.contains(entry.code))
                ordered.append(entry.code);
        }
        return {ordered.join(u'|'), {}};
    }
    case ItemType::YesNo:
        if (value == u"1"_s || value == u"0"_s)
            return {value, {}};
        return bad(tr("Answer yes (1) or no (0)."));
    case ItemType::Text:
        if (item.maxLength > 0 && value.toUcs4().size() > item.maxLength)
            return bad(tr("Enter at most %n character(s).", item.maxLength));
        return {value, {}};
    case ItemType::Calculated:
    case ItemType::Derived:
        return {value, {}};
    }
    return {value, {}};
}

QString jsonToText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return canonical::formatNumber(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? u"1"_s : u"0"_s;
    case QJsonValue::String:
        return value.toString();
    default:
        return {};
    }
}

// A derivation input as clinical derivations read it: by the source item's type.
QJsonValue storedToJson(const study::Item *item, const QString &text)
{
    if (!item)
        return text;
    switch (item->type) {
    case study::ItemType::Integer:
    case study::ItemType::Decimal:
    case study::ItemType::Calculated:
    case study::ItemType::Derived:
        if (const auto n = canonical::parseNumber(text))
            return *n;
        return text;
    case study::ItemType::YesNo:
        return text == u"1"_s;
    case study::ItemType::MultipleChoice:
        return QJsonArray::fromStringList(text.split(u'|', Qt::SkipEmptyParts));
    default:
        return text;
    }
}

// The whole state of one validation: the values seen so far, which items are
// hidden, what computed items hold. It is also the expressions' context.
class FormState final : public EvaluationContext
{
public:
    FormState(const study::Study &study, const study::Form &form, const SubjectValues *otherForms)
        : m_study(study)
        , m_form(form)
        , m_otherForms(otherForms)
    {}

    // The stored text of a reference, honouring visibility; nullopt if it does not exist.
    std::optional<QString> storedText(const QString &reference, const study::Item **definition) const
    {
        const qsizetype dot = reference.indexOf(u'.');
        if (dot >= 0 && reference.left(dot) != m_form.oid) {
            const QString formOid = reference.left(dot);
            const QString itemOid = reference.mid(dot + 1);
            const study::Form *other = m_study.form(formOid);
            *definition = other ? other->item(itemOid) : nullptr;
            if (!m_otherForms)
                return QString();
            return m_otherForms->storedValue(formOid, itemOid).value_or(QString());
        }
        const QString itemOid = dot >= 0 ? reference.mid(dot + 1) : reference;
        *definition = m_form.item(itemOid);
        if (!*definition)
            return std::nullopt;
        if (hidden.contains(itemOid))
            return QString();
        return stored.value(itemOid);
    }

    std::optional<Value> value(const QString &reference) const override
    {
        const study::Item *definition = nullptr;
        const auto text = storedText(reference, &definition);
        if (!text)
            return std::nullopt;
        if (!definition)
            return text->isEmpty() ? Value() : Value::text(*text);
        // A calculated item is seen in this form with its own type (a date stays a date).
        const qsizetype dot = reference.indexOf(u'.');
        if (dot < 0 || reference.left(dot) == m_form.oid) {
            const auto it = calculated.constFind(definition->oid);
            if (it != calculated.cend() && !hidden.contains(definition->oid))
                return *it;
        }
        return valueFromStored(*definition, *text);
    }

    QHash<QString, QString> stored;   // item oid -> valid canonical text (invalid values are absent)
    QHash<QString, Value> calculated; // calculated item oid -> its value
    QSet<QString> hidden;

private:
    const study::Study &m_study;
    const study::Form &m_form;
    const SubjectValues *m_otherForms;
};

class Validator
{
    // The same context as the file's tr(), declared so that lupdate files the
    // messages of this class under it too.
    Q_DECLARE_TR_FUNCTIONS(cellcrf::rules)

public:
    Validator(const study::Study &study, const study::Form &form, const FormValues &input,
              const SubjectValues *otherForms, const DerivationFunction &derive, const QString &locale)
        : m_study(study)
        , m_form(form)
        , m_input(input)
        , m_derive(derive)
        , m_locale(locale)
        , m_state(study, form, otherForms)
    {}

    ValidationResult run()
    {
        checkEnteredValues();
        resolveVisibilityAndComputedItems();
        buildValuesAndItemMessages();
        runEditChecks();
        ValidationResult result;
        result.values = m_values;
        result.hiddenItems = m_state.hidden;
        result.derivations = m_derivations;
        for (const auto &item : m_form.items)
            result.messages += m_itemMessages.value(item.oid);
        result.messages += m_otherMessages;
        return result;
    }

private:
    void add(const QString &itemOid, MessageKind kind, Severity severity, const QString &text)
    {
        ItemMessage m;
        m.itemOid = itemOid;
        m.kind = kind;
        m.severity = severity;
        m.text = text;
        m.blocksSave = kind == MessageKind::WrongType || kind == MessageKind::MissingReasonInvalid;
        m.blocksCompletion = !m.blocksSave && severity == Severity::Error;
        if (m_form.item(itemOid))
            m_itemMessages[itemOid].append(m);
        else
            m_otherMessages.append(m);
    }

    void addConfirmable(const QString &itemOid, MessageKind kind, const QString &text)
    {
        ItemMessage m;
        m.itemOid = itemOid;
        m.kind = kind;
        m.severity = Severity::Warning;
        m.text = text;
        m.confirmable = true;
        m.confirmed = m_input.value(itemOid).softConfirmed;
        m.blocksCompletion = !m.confirmed;
        m_itemMessages[itemOid].append(m);
    }

    const Expression *expression(const QString &source)
    {
        auto it = m_expressions.find(source);
        if (it == m_expressions.end()) {
            auto parsed = Expression::parse(source);
            if (!parsed)
                qCWarning(lcRules) << "expression does not parse:" << source << parsed.message();
            it = m_expressions.insert(source, parsed ? std::optional<Expression>(*parsed) : std::nullopt);
        }
        return it->has_value() ? &**it : nullptr;
    }

    // Rules 1 and 2: the type of each entered value and its missing reason.
    void checkEnteredValues()
    {
        for (auto it = m_input.cbegin(); it != m_input.cend(); ++it) {
            const study::Item *item = m_form.item(it.key());
            if (!item) {
                add(it.key(), MessageKind::WrongType, Severity::Error,
                    tr("'%1' is not an item of this form.").arg(it.key()));
                continue;
            }
            if (item->isComputed())
                continue; // computed here; whatever was sent is replaced
            const QString value = it->value.trimmed();
            const QString reason = it->missingReason.trimmed();
            ItemEntry entry{value, reason, it->softConfirmed};
            if (!value.isEmpty()) {
                const Normalised n = normalise(m_study, *item, value);
                if (n.error.isEmpty()) {
                    entry.value = n.text;
                    m_state.stored.insert(item->oid, n.text);
                } else {
                    add(item->oid, MessageKind::WrongType, Severity::Error, n.error);
                }
            }
            if (!reason.isEmpty()) {
                if (!value.isEmpty()) {
                    add(item->oid, MessageKind::MissingReasonInvalid, Severity::Error,
                        tr("Give either a value or the reason it is missing, not both."));
                } else if (!item->missingCodes.contains(reason)) {
                    add(item->oid, MessageKind::MissingReasonInvalid, Severity::Error,
                        tr("'%1' is not an allowed reason for a missing value here.").arg(reason));
                } else {
                    m_validReasons.insert(item->oid);
                }
            }
            m_entered.insert(item->oid, entry);
        }
    }

    // Show-if conditions and computed items depend on each other (a calculated
    // item may decide a show-if, a hidden item is blank for a calculation), so
    // both are recomputed until nothing changes. Each pass can only settle more
    // items, and the form has finitely many, so the pass count is bounded.
    void resolveVisibilityAndComputedItems()
    {
        const int maxPasses = int(m_form.items.size()) + 2;
        for (int pass = 0; pass < maxPasses; ++pass) {
            const QHash<QString, QString> before = m_state.stored;
            computeItems();
            QSet<QString> hidden;
            for (const auto &item : m_form.items) {
                if (item.showIf.isEmpty())
                    continue;
                const Expression *condition = expression(item.showIf);
                if (!condition)
                    continue; // the loader rejects such definitions; showing is the safe side
                const Value shown = condition->evaluate(m_state);
                // Only a true condition shows the item: a blank one hides it until known.
                if (!(shown.type() == Value::Type::Boolean && shown.toBool()))
                    hidden.insert(item.oid);
            }
            const bool settled = hidden == m_state.hidden && before == m_state.stored;
            m_state.hidden = hidden;
            if (settled)
                return;
        }
        qCWarning(lcRules) << "show-if conditions of form" << m_form.oid << "do not settle";
    }

    void computeItems()
    {
        for (const auto &item : m_form.items) {
            if (!item.isComputed())
                continue;
            m_state.stored.remove(item.oid);
            m_state.calculated.remove(item.oid);
            m_derivations.remove(item.oid);
            if (m_state.hidden.contains(item.oid))
                continue;
            if (item.type == study::ItemType::Calculated)
                computeCalculated(item);
            else
                computeDerived(item);
        }
    }

    void computeCalculated(const study::Item &item)
    {
        const Expression *calculation = expression(item.calculation);
        if (!calculation)
            return;
        const Value v = calculation->evaluate(m_state);
        const QString text = storedText(v, v.type() == Value::Type::Number ? study::ItemType::Decimal : item.type);
        if (text.isEmpty())
            return;
        m_state.stored.insert(item.oid, text);
        m_state.calculated.insert(item.oid, v);
    }

    void computeDerived(const study::Item &item)
    {
        if (!m_derive)
            return;
        QJsonObject input;
        for (auto it = item.derivationInputs.cbegin(); it != item.derivationInputs.cend(); ++it) {
            switch (it->kind) {
            case study::DerivationInput::Kind::Item: {
                const study::Item *source = nullptr;
                const QString text = m_state.storedText(it->reference, &source).value_or(QString());
                if (!text.isEmpty())
                    input.insert(it.key(), storedToJson(source, text));
                break;
            }
            case study::DerivationInput::Kind::Constant:
                input.insert(it.key(), it->constant);
                break;
            case study::DerivationInput::Kind::Setting:
                if (m_study.settings.contains(it->reference))
                    input.insert(it.key(), m_study.settings.value(it->reference));
                break;
            }
        }
        // The fixed-point loop asks again with the same input; a derivation is pure.
        const QString key =
            item.derivation + u'\n' + QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact));
        auto cached = m_deriveCache.constFind(key);
        if (cached == m_deriveCache.cend())
            cached = m_deriveCache.insert(key, m_derive(item.derivation, input));
        const QJsonObject &output = *cached;
        m_derivations.insert(item.oid, output);
        if (output.contains(u"error"_s))
            return;
        const QString text = jsonToText(output.value(item.derivationOutput));
        if (!text.isEmpty())
            m_state.stored.insert(item.oid, text);
    }

    bool allItemInputsBlank(const study::Item &item) const
    {
        bool anyItemInput = false;
        for (const auto &source : item.derivationInputs) {
            if (source.kind != study::DerivationInput::Kind::Item)
                continue;
            anyItemInput = true;
            const study::Item *definition = nullptr;
            if (!m_state.storedText(source.reference, &definition).value_or(QString()).isEmpty())
                return false;
        }
        return anyItemInput;
    }

    static QString limitText(double limit) { return canonical::formatNumber(limit); }

    // Rules 3 to 6, item by item in display order.
    void buildValuesAndItemMessages()
    {
        for (const auto &item : m_form.items) {
            const bool wasEntered = m_input.contains(item.oid);
            const ItemEntry original = m_input.value(item.oid);
            if (m_state.hidden.contains(item.oid)) {
                // A cleared value cannot be wrong: only the clearing is worth saying.
                m_itemMessages.remove(item.oid);
                if (!item.isComputed() &&
                    (!original.value.trimmed().isEmpty() || !original.missingReason.trimmed().isEmpty())) {
                    add(item.oid, MessageKind::HiddenValueCleared, Severity::Info,
                        tr("The answer was removed because the question does not apply."));
                }
                continue;
            }
            ItemEntry entry = m_entered.value(item.oid, ItemEntry{{}, {}, original.softConfirmed});
            if (item.isComputed()) {
                entry.value = m_state.stored.value(item.oid);
                entry.missingReason.clear();
            }
            if (wasEntered || !entry.value.isEmpty())
                m_values.insert(item.oid, entry);

            if (item.required && entry.value.isEmpty() && !m_validReasons.contains(item.oid)) {
                add(item.oid, MessageKind::RequiredMissing, Severity::Error,
                    tr("A value is required; enter it or give the reason it is missing."));
            }
            checkLimits(item);
            if (item.type == study::ItemType::Derived)
                reportDerivation(item);
            if (item.type == study::ItemType::Calculated && !item.calculation.isEmpty() &&
                !expression(item.calculation))
                add(item.oid, MessageKind::DerivationError, Severity::Warning, tr("The calculation cannot be read."));
        }
    }

    void checkLimits(const study::Item &item)
    {
        const auto text = m_state.stored.constFind(item.oid);
        if (text == m_state.stored.cend())
            return;
        const auto number = canonical::parseNumber(*text);
        if (!number || !(item.isNumeric() || item.isComputed()))
            return;
        const study::Range &r = item.range;
        const double v = *number;
        if (r.hardMin && v < *r.hardMin) {
            add(item.oid, MessageKind::HardLimit, Severity::Error,
                tr("%1 is below the lowest possible value, %2.").arg(*text, limitText(*r.hardMin)));
        } else if (r.hardMax && v > *r.hardMax) {
            add(item.oid, MessageKind::HardLimit, Severity::Error,
                tr("%1 is above the highest possible value, %2.").arg(*text, limitText(*r.hardMax)));
        } else if (r.softMin && v < *r.softMin) {
            addConfirmable(item.oid, MessageKind::SoftLimit,
                           tr("%1 is below the expected minimum of %2; confirm it if it is correct.")
                               .arg(*text, limitText(*r.softMin)));
        } else if (r.softMax && v > *r.softMax) {
            addConfirmable(item.oid, MessageKind::SoftLimit,
                           tr("%1 is above the expected maximum of %2; confirm it if it is correct.")
                               .arg(*text, limitText(*r.softMax)));
        }
    }

    void reportDerivation(const study::Item &item)
    {
        const auto it = m_derivations.constFind(item.oid);
        if (it == m_derivations.cend())
            return;
        const QJsonObject &output = *it;
        if (output.contains(u"error"_s)) {
            // Nothing entered yet is not an error worth a message.
            if (!allItemInputsBlank(item)) {
                add(item.oid, MessageKind::DerivationError, Severity::Warning,
                    tr("The value cannot be derived: %1").arg(output.value(u"error"_s).toString()));
            }
            return;
        }
        if (output.value(u"review"_s).toBool()) {
            QStringList reasons;
            for (const auto &reason : output.value(u"reasons"_s).toArray())
                reasons.append(reason.toString());
            add(item.oid, MessageKind::NeedsReview, Severity::Warning,
                reasons.isEmpty() ? tr("Needs clinical review.")
                                  : tr("Needs clinical review: %1").arg(reasons.join(u"; "_s)));
        }
    }

    // Rule 7: checks see the final, computed values.
    void runEditChecks()
    {
        for (const auto &check : m_form.checks) {
            const Expression *condition = expression(check.expression);
            if (!condition)
                continue;
            const QString primary = check.items.value(0);
            if (!primary.isEmpty() && m_state.hidden.contains(primary))
                continue; // a message on a question nobody sees helps nobody
            const Value holds = condition->evaluate(m_state);
            if (holds.type() != Value::Type::Boolean || holds.toBool())
                continue; // blank: not enough is known to judge
            const QString text = check.message.text(m_locale);
            if (check.blocking)
                add(primary, MessageKind::EditCheck, Severity::Error, text);
            else
                addConfirmable(primary, MessageKind::EditCheck, text);
        }
    }

    const study::Study &m_study;
    const study::Form &m_form;
    const FormValues &m_input;
    const DerivationFunction &m_derive;
    const QString m_locale;
    FormState m_state;

    QHash<QString, ItemEntry> m_entered; // trimmed (and, when valid, canonical) entries
    QSet<QString> m_validReasons;
    QHash<QString, std::optional<Expression>> m_expressions;
    QHash<QString, QJsonObject> m_deriveCache;
    QMap<QString, QJsonObject> m_derivations;
    FormValues m_values;
    QHash<QString, QList<ItemMessage>> m_itemMessages;
    QList<ItemMessage> m_otherMessages;
};

} // namespace

bool ValidationResult::canSave() const
{
    return std::none_of(messages.cbegin(), messages.cend(), [](const ItemMessage &m) { return m.blocksSave; });
}

bool ValidationResult::canComplete() const
{
    return std::none_of(messages.cbegin(), messages.cend(),
                        [](const ItemMessage &m) { return m.blocksSave || m.blocksCompletion; });
}

QList<ItemMessage> ValidationResult::messagesFor(const QString &itemOid) const
{
    QList<ItemMessage> result;
    for (const auto &m : messages) {
        if (m.itemOid == itemOid)
            result.append(m);
    }
    return result;
}

ValidationResult validateForm(const study::Study &study, const study::Form &form, const FormValues &input,
                              const SubjectValues *otherForms, const DerivationFunction &derive, const QString &locale)
{
    return Validator(study, form, input, otherForms, derive, locale).run();
}

} // namespace cellcrf::rules
