#pragma once

// Questions the widgets ask a person (save changes? reason for change? sure?).
// Widgets receive a Prompt in their constructor, so tests answer with a fake and
// nothing depends on a global message box.

#include <QString>
#include <QStringList>

#include <optional>

class QWidget;

namespace cellcrf::forms {

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
};

// The prompt people see: message boxes and the reason-for-change dialog.
class WidgetPrompt final : public Prompt
{
public:
    UnsavedAnswer askUnsaved(QWidget *parent, const QString &what) override;
    std::optional<QString> askReason(QWidget *parent, const QStringList &changedItems) override;
    bool confirm(QWidget *parent, const QString &title, const QString &text) override;
    void showError(QWidget *parent, const QString &title, const QString &text) override;
};

} // namespace cellcrf::forms
