#include "newsubjectdialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace cellcrf::forms {

NewSubjectDialog::NewSubjectDialog(records::ClinicalData &clinicalData, const Actor &actor, const QString &locale,
                                   QWidget *parent)
    : QDialog(parent)
    , m_data(clinicalData)
    , m_actor(actor)
{
    setObjectName(QStringLiteral("newSubjectDialog"));
    setWindowTitle(tr("New subject"));
    m_site = new QComboBox(this);
    m_site->setObjectName(QStringLiteral("newSubjectSite"));
    m_site->setAccessibleName(tr("Site"));
    for (const auto &s : m_data.study().sites)
        if (m_actor.mayAccessSite(s.oid))
            m_site->addItem(QStringLiteral("%1 — %2").arg(s.oid, s.name.text(locale)), s.oid);
    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("newSubjectNumber"));
    m_number->setAccessibleName(tr("Screening number"));
    m_number->setPlaceholderText(tr("e.g. 001"));
    m_initials = new QLineEdit(this);
    m_initials->setObjectName(QStringLiteral("newSubjectInitials"));
    m_initials->setAccessibleName(tr("Initials"));
    m_initials->setMaxLength(4);
    m_consent = new QDateEdit(QDate::currentDate(), this);
    m_consent->setObjectName(QStringLiteral("newSubjectConsent"));
    m_consent->setAccessibleName(tr("Date of informed consent"));
    m_consent->setCalendarPopup(true);
    m_consent->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_consent->setMaximumDate(QDate::currentDate());
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("newSubjectError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a12622;"));
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Register"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("newSubjectOk"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewSubjectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewSubjectDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Site"), m_site);
    form->addRow(tr("Screening number"), m_number);
    form->addRow(tr("Initials"), m_initials);
    form->addRow(tr("Informed consent"), m_consent);
    form->addRow(m_error);
    form->addRow(m_buttons);
    setMinimumWidth(420);
}

void NewSubjectDialog::accept()
{
    auto registered = m_data.registerSubject(
        m_actor, {m_site->currentData().toString(), m_number->text().trimmed(), m_initials->text().trimmed()});
    if (!registered) {
        m_error->setText(registered.message());
        m_error->show();
        return;
    }
    m_subject = *registered;

    // The consent date is the first value of the consent form, saved like any entry.
    if (const auto *anchor = m_data.study().anchor(QStringLiteral("consent"))) {
        for (const auto &event : m_data.study().events) {
            if (!event.forms.contains(anchor->formOid))
                continue;
            records::SaveRequest request;
            request.key = {m_subject.id, event.oid, 1, anchor->formOid, 1};
            request.values.insert(anchor->itemOid, ItemEntry{m_consent->date().toString(Qt::ISODate), {}, false});
            if (const auto *form = m_data.study().form(anchor->formOid)) {
                for (const auto &item : form->items)
                    if (item.cdashName == QLatin1String("SUBJINIT") && !m_subject.initials.isEmpty())
                        request.values.insert(item.oid, ItemEntry{m_subject.initials, {}, false});
            }
            const auto saved = m_data.saveForm(m_actor, request);
            if (!saved.status) {
                m_error->setText(tr("The subject is registered, but the consent date was not saved: %1")
                                     .arg(saved.status.message()));
                m_error->show();
                m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(false);
                m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Continue"));
                disconnect(m_buttons, &QDialogButtonBox::accepted, this, &NewSubjectDialog::accept);
                connect(m_buttons, &QDialogButtonBox::accepted, this, [this] { QDialog::accept(); });
                return;
            }
            break;
        }
    }
    QDialog::accept();
}

} // namespace cellcrf::forms
