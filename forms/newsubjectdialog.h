#pragma once

// Registers a subject: site, screening number, initials and the date of consent
// (written to the consent form through the same save path as any entry).

#include "core/actor.h"
#include "records/clinicaldata.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace cellcrf::forms {

class NewSubjectDialog final : public QDialog
{
    Q_OBJECT

public:
    NewSubjectDialog(records::ClinicalData &clinicalData, const Actor &actor, const QString &locale,
                     QWidget *parent = nullptr);

    const records::Subject &subject() const { return m_subject; }
    void accept() override;

private:
    records::ClinicalData &m_data;
    Actor m_actor;
    records::Subject m_subject;
    QComboBox *m_site = nullptr;
    QLineEdit *m_number = nullptr;
    QLineEdit *m_initials = nullptr;
    QDateEdit *m_consent = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace cellcrf::forms
