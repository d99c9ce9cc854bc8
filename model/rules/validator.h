#pragma once

// Validation of one form instance against its definition: the single place that
// decides whether entered values can be saved and whether the form can complete.
// It normalises values to their canonical text, hides items whose show-if does not
// hold (clearing their values), fills calculated and derived items, and reports
// every problem as a message on an item. The store, the CLI and the widgets all
// call this, so they cannot disagree.

#include "core/formvalues.h"
#include "study/study.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace cellcrf::rules {

enum class MessageKind
{
    RequiredMissing,
    WrongType,
    HardLimit,
    SoftLimit,
    EditCheck,
    HiddenValueCleared,
    MissingReasonInvalid,
    DerivationError,
    NeedsReview,
};

enum class Severity
{
    Error,
    Warning,
    Info
};

struct ItemMessage
{
    QString itemOid;
    MessageKind kind = MessageKind::WrongType;
    Severity severity = Severity::Error;
    QString text; // localized, fit to show next to the item
    bool blocksSave = false;
    bool blocksCompletion = false;
    bool confirmable = false; // a warning the user may confirm (soft limit, non-blocking check)
    bool confirmed = false;   // ... and has confirmed (ItemEntry::softConfirmed)
};

// Runs a clinical derivation by name (clinical::derive in the application, a fake in tests).
using DerivationFunction = std::function<QJsonObject(const QString &name, const QJsonObject &input)>;

// The stored values of the other forms of the same subject, for "form.item" references.
class SubjectValues
{
public:
    virtual ~SubjectValues() = default;
    // std::nullopt when there is no such value.
    virtual std::optional<QString> storedValue(const QString &formOid, const QString &itemOid) const = 0;
};

struct ValidationResult
{
    FormValues values; // canonical, hidden items removed, computed items filled
    QList<ItemMessage> messages;
    QSet<QString> hiddenItems;
    QMap<QString, QJsonObject> derivations; // derived item oid -> the full derivation output (reasons, review)

    bool canSave() const;
    bool canComplete() const;
    QList<ItemMessage> messagesFor(const QString &itemOid) const;
};

// `input` may hold any text the user typed; values are trimmed before anything
// else. `otherForms` may be null (then every "form.item" is blank); `derive` may
// be empty (then derived items stay blank).
ValidationResult validateForm(const study::Study &study, const study::Form &form, const FormValues &input,
                              const SubjectValues *otherForms, const DerivationFunction &derive,
                              const QString &locale = QStringLiteral("en"));

} // namespace cellcrf::rules
