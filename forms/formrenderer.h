#pragma once

// FormView renders one form instance from its study definition and edits it:
// sections, labels in the chosen language, an editor per item type, required
// markers, show-if applied as the person types, computed values read-only with
// their reasons on hover, and the messages of ClinicalData::validate() right at
// each item. It holds no rules: every decision comes back from the model.
//
// Leaving a form with unsaved edits always goes through maybeLeave(), which asks
// the Prompt; saving asks it for a reason when saved values change.

#include "authenticator.h"
#include "core/actor.h"
#include "records/clinicaldata.h"
#include "records/sourceverification.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QMenu;
class QPushButton;
class QScrollArea;
class QToolButton;
class QVBoxLayout;

namespace cellcrf::forms {

class Authenticator;
class Prompt;
class RecordActions;

class FormView final : public QWidget
{
    Q_OBJECT

public:
    FormView(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth, RecordActions &actions,
             Prompt &prompt, QWidget *parent = nullptr);
    ~FormView() override;

    // Loads a form; the current one must have been left first (maybeLeave()).
    bool openForm(const records::FormKey &key);
    void closeForm();
    bool hasForm() const { return m_form != nullptr; }
    const records::FormKey &formKey() const { return m_key; }
    bool isModified() const { return m_modified; }
    QString formStatus() const { return m_loaded.status; }
    const rules::ValidationResult &validation() const { return m_validation; }
    // The editor of an item (tests drive it by objectName "item_<oid>").
    QWidget *editor(const QString &itemOid) const;
    // The item's menu (history, missing-data reason, queries) as a popup at the
    // item; also opened by the Menu key or Shift+F10 on the item and by its "⋯" button.
    void popupItemMenu(const QString &itemOid, QPoint globalPos = {});
    // The unsaved-changes guard: true when the caller may go on (saved, discarded,
    // or nothing to save); false when the person chose to stay.
    bool maybeLeave();
    bool save();
    // Shows the form as stored now (after a signature or a lock elsewhere).
    void reload();
    void setLocale(const QString &locale);

Q_SIGNALS:
    void saved(const records::FormKey &key);
    void modifiedChanged(bool modified);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Row
    {
        const study::Item *item = nullptr;
        QWidget *container = nullptr;
        QLabel *label = nullptr;
        QWidget *editor = nullptr; // what the row shows: the input with its unit and calendar
        QWidget *input = nullptr;  // the widget named "item_<oid>"
        QLabel *message = nullptr;
        QCheckBox *confirm = nullptr;
        QLabel *missing = nullptr;         // "ND — not done" while a missing-data reason is given
        QToolButton *menuButton = nullptr; // opens the item menu
        QCheckBox *sdv = nullptr;          // source data verified, per item
        std::function<void(const QString &)> setValue;
        QList<QWidget *> focusables;
    };

    void build();
    void clearRows();
    void createEditor(Row &row, QWidget *parent);
    void edited(const QString &itemOid, const QString &value);
    // Gives (or with an empty code takes back) the reason the item's value is missing.
    void setMissingReason(const QString &itemOid, const QString &code);
    // Shows m_values in the editors, the missing-data reasons and the SDV marks.
    void showEntries();
    void updateRowState(Row &row);
    void verifyItem(const QString &itemOid);
    // Why the item cannot be marked verified now; empty when it can.
    QString sdvUnavailable(const QString &itemOid) const;
    QString missingText(const QString &code) const;
    QString entryText(const ItemEntry &entry) const;
    void revalidate();
    void applyValidation();
    void updateHeader();
    void retranslate();
    void setModified(bool modified);
    void verify();
    void sign();
    void toggleLock();
    enum class QueryStep
    {
        Answer,
        Close,
        Reopen
    };
    // The item's context menu: history, raising a query, and the steps of its queries.
    void fillItemMenu(QMenu &menu, const QString &itemOid);
    void raiseQuery(const QString &itemOid);
    void stepQuery(const QString &itemOid, qint64 queryId, QueryStep step);
    void showHistory(const QString &itemOid);
    void setAction(QPushButton *button, Action action, const QString &unavailable);
    QString itemLabel(const study::Item &item) const;
    QList<QWidget *> focusStops() const;
    void moveFocus(QWidget *from, bool forward);

    records::ClinicalData &m_data;
    Actor m_actor;
    Authenticator &m_auth;
    RecordActions &m_actions;
    Prompt &m_prompt;
    QString m_locale = QStringLiteral("en");
    const study::Form *m_form = nullptr;
    records::FormKey m_key;
    records::FormData m_loaded;
    FormValues m_values;
    rules::ValidationResult m_validation;
    bool m_modified = false;
    bool m_showRequired = false;
    bool m_applying = false;
    QList<Row> m_rows;
    QHash<QString, int> m_rowOf;
    QHash<QString, records::VerificationMark> m_marks;

    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_sign = nullptr;
    QPushButton *m_lock = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_page = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace cellcrf::forms
