#pragma once

// One subject's casebook: the visit schedule (target dates and windows from the
// anchor dates, each visit coloured by its state) with the forms of every visit
// and their status, and the form view beside it. Above them, the casebook's
// signature state (signed by whom, when and with what meaning; broken; or
// unsigned) and Sign casebook…, which an investigator uses once every started
// form is complete and no query is open (records::Signatures::signCasebook); the
// button says why when it is disabled.

#include "core/actor.h"
#include "records/clinicaldata.h"
#include "study/schedule.h"

#include <QDate>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QSplitter;
class QTreeWidget;
class QTreeWidgetItem;
class QTabWidget;

namespace cellcrf::auth {
class AuthService;
}
namespace cellcrf::records {
class Signatures;
}

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
    CasebookView(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth, RecordActions &actions,
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
    QPushButton *signCasebookButton() const { return m_signCasebook; }
    QLabel *casebookSignatureLabel() const { return m_signatureState; }
    // Sign casebook…: the signing dialog for the casebook as it is stored now.
    void signCasebook();

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
    // The signature line and whether (and why not) Sign casebook… is offered.
    void updateCasebookSignature();

    records::ClinicalData &m_data;
    Actor m_actor;
    Authenticator &m_auth;
    Prompt &m_prompt;
    QString m_locale = QStringLiteral("en");
    QDate m_today = QDate::currentDate();
    records::Subject m_subject;
    QLabel *m_header = nullptr;
    QTreeWidget *m_tree = nullptr;
    FormView *m_form = nullptr;
    FlowsheetView *m_flowsheet = nullptr;
    EligibilityPanel *m_eligibility = nullptr;
    QSplitter *m_formPage = nullptr;
    QTabWidget *m_pages = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_signatureState = nullptr;
    QPushButton *m_signCasebook = nullptr;
    std::unique_ptr<auth::AuthService> m_authService;
    std::unique_ptr<records::Signatures> m_signatures;
};

} // namespace cellcrf::forms
