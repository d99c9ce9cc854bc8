#pragma once

// The eligibility panel of the screening visit: every criterion the screening
// data decide, met / NOT met / missing data with its reason, the recorded
// decision and its signature, and the summary sentence, all as
// records::assessSubjectEligibility() returns them. The panel holds no rules.
// Investigators sign the decision here through the same signing path as the
// form view's Sign… action (signStoredForm), with the meaning "approved".

#include "core/actor.h"
#include "records/clinicaldata.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cellcrf::forms {

class Authenticator;
class Prompt;
class RecordActions;

class EligibilityPanel final : public QWidget
{
    Q_OBJECT

public:
    EligibilityPanel(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth,
                     RecordActions &actions, Prompt &prompt, QWidget *parent = nullptr);
    ~EligibilityPanel() override;

    void setSubject(qint64 subjectId);
    qint64 subjectId() const { return m_subjectId; }
    // Asks the model again (after a save or a signature).
    void refresh();
    // Called before signing; false keeps the panel from signing (unsaved edits
    // of the eligibility form that the person chose to keep).
    void setLeaveGuard(std::function<bool()> guard) { m_leaveGuard = std::move(guard); }
    // The form whose signature records the decision: the eligibility form of the screening visit.
    records::FormKey decisionKey() const;
    void signDecision();
    void setLocale(const QString &locale) { m_locale = locale; }

    QString summaryText() const;
    QTreeWidget *criteriaTree() const { return m_criteria; }
    QPushButton *signButton() const { return m_sign; }

Q_SIGNALS:
    void decisionSigned(const records::FormKey &key);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    records::ClinicalData &m_data;
    Actor m_actor;
    Authenticator &m_auth;
    RecordActions &m_actions;
    Prompt &m_prompt;
    QString m_locale = QStringLiteral("en");
    qint64 m_subjectId = 0;
    std::function<bool()> m_leaveGuard;

    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_decision = nullptr;
    QPushButton *m_sign = nullptr;
    QTreeWidget *m_criteria = nullptr;
};

} // namespace cellcrf::forms
