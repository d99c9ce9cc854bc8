#pragma once

// Questions the widgets ask a person (save changes? reason for change? sure?).
// Widgets receive a Prompt in their constructor, so tests answer with a fake and
// nothing depends on a global message box.

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QWidget;

namespace cellcrf::forms {

// What a signing dialog offers: the form's name and the stored version the
// signature covers (0 for a casebook, whose `what` names its content), and the
// meanings the signer may choose ("authored", "reviewed", "approved"), the
// first one preselected.
struct SignatureRequest
{
    QString what;
    int version = 0;
    QStringList meanings;
};

// Applies a signature with the chosen meaning and the re-entered password;
// returns the model's answer (a refusal is shown and the person may try again).
using SignAttempt = std::function<Status(const QString &meaning, const QString &password)>;

enum class UnsavedAnswer
{
    Save,
    Discard,
    Cancel
};

class Prompt
{
public:
    virtual ~Prompt() = default;
    // Unsaved changes on the way out of a form. `what` names the form.
    virtual UnsavedAnswer askUnsaved(QWidget *parent, const QString &what) = 0;
    // A reason for changing saved values; std::nullopt when the person cancels.
    virtual std::optional<QString> askReason(QWidget *parent, const QStringList &changedItems) = 0;
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text) = 0;
    virtual void showError(QWidget *parent, const QString &title, const QString &text) = 0;
    // A short text (a query, an answer); std::nullopt when the person cancels.
    virtual std::optional<QString> askText(QWidget *parent, const QString &title, const QString &label) = 0;
    // The signing dialog: asks the meaning and the password and calls `sign`
    // until it succeeds (true) or the person cancels (false).
    virtual bool askSignature(QWidget *parent, const SignatureRequest &request, const SignAttempt &sign) = 0;
};

// The prompt people see: message boxes and the reason-for-change dialog.
class WidgetPrompt final : public Prompt
{
public:
    UnsavedAnswer askUnsaved(QWidget *parent, const QString &what) override;
    std::optional<QString> askReason(QWidget *parent, const QStringList &changedItems) override;
    bool confirm(QWidget *parent, const QString &title, const QString &text) override;
    void showError(QWidget *parent, const QString &title, const QString &text) override;
    std::optional<QString> askText(QWidget *parent, const QString &title, const QString &label) override;
    bool askSignature(QWidget *parent, const SignatureRequest &request, const SignAttempt &sign) override;
};

} // namespace cellcrf::forms
