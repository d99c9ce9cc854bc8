#pragma once

// One subject's casebook: the visit schedule (target dates and windows from the
// anchor dates, each visit coloured by its state) with the forms of every visit
// and their status, and the form view beside it.

#include "core/actor.h"
#include "store/clinicaldata.h"
#include "study/schedule.h"

#include <QDate>
#include <QWidget>

class QLabel;
class QSplitter;
class QTreeWidget;
class QTreeWidgetItem;
class QTabWidget;

namespace cellcrf::forms {

class Authenticator;
class EligibilityPanel;
class FlowsheetView;
class FormView;
class Prompt;
class RecordActions;

class CasebookView final : public QWidget
{
    Q_OBJECT

public:
    CasebookView(store::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth, RecordActions &actions,
                 Prompt &prompt, QWidget *parent = nullptr);
    ~CasebookView() override;

    // Shows another subject; false when the person chose to stay on unsaved edits.
    bool setSubject(qint64 subjectId);
    qint64 subjectId() const { return m_subject.id; }
    bool openForm(const QString &eventOid, const QString &formOid);
    FormView *formView() const { return m_form; }
    FlowsheetView *flowsheet() const { return m_flowsheet; }
    // Shows the toxicity flowsheet beside the schedule.
    void showFlowsheet();
    // Shows the screening visit: the eligibility panel (beside the eligibility form when that is open).
    bool showEligibility();
    EligibilityPanel *eligibility() const { return m_eligibility; }
    // The unsaved-changes guard of the form and the flowsheet.
    bool maybeLeave();
    QTreeWidget *scheduleTree() const { return m_tree; }
    void setToday(const QDate &today);
    void setLocale(const QString &locale);
    void refresh();
    QSplitter *splitter() const { return m_splitter; }

Q_SIGNALS:
    void subjectDataChanged(qint64 subjectId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillSchedule();
    void itemActivated(QTreeWidgetItem *item);
    void retranslate();
    // The eligibility panel is shown for the screening visit and its eligibility form only.
    void setEligibilityShown(bool shown);
    QString eligibilityEvent() const;

    store::ClinicalData &m_data;
    Actor m_actor;
    Authenticator &m_auth;
    Prompt &m_prompt;
    QString m_locale = QStringLiteral("en");
    QDate m_today = QDate::currentDate();
    store::Subject m_subject;
    QLabel *m_header = nullptr;
    QTreeWidget *m_tree = nullptr;
    FormView *m_form = nullptr;
    FlowsheetView *m_flowsheet = nullptr;
    EligibilityPanel *m_eligibility = nullptr;
    QSplitter *m_formPage = nullptr;
    QTabWidget *m_pages = nullptr;
    QSplitter *m_splitter = nullptr;
};

} // namespace cellcrf::forms
