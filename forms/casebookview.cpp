#include "casebookview.h"

#include "authenticator.h"
#include "eligibilitypanel.h"
#include "flowsheet.h"
#include "formrenderer.h"
#include "prompt.h"
#include "signing.h"
#include "statuscolors.h"

#include "auth/authservice.h"
#include "records/signatures.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cellcrf::forms {

namespace {
enum TreeRole
{
    EventRole = Qt::UserRole,
    FormRole,
};
enum TreeColumn
{
    VisitColumn,
    DateColumn,
    StateColumn,
};
} // namespace

CasebookView::CasebookView(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth,
                           RecordActions &actions, Prompt &prompt, QWidget *parent)
    : QWidget(parent)
    , m_data(clinicalData)
    , m_actor(actor)
    , m_auth(auth)
    , m_prompt(prompt)
    , m_authService(std::make_unique<auth::AuthService>(clinicalData.database(), clinicalData.clock()))
    , m_signatures(std::make_unique<records::Signatures>(clinicalData, *m_authService, clinicalData.clock()))
{
    setObjectName(QStringLiteral("casebookView"));
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("casebookHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_signatureState = new QLabel(this);
    m_signatureState->setObjectName(QStringLiteral("casebookSignatureStatus"));
    m_signatureState->setTextFormat(Qt::RichText);
    m_signCasebook = new QPushButton(this);
    m_signCasebook->setObjectName(QStringLiteral("signCasebookButton"));
    connect(m_signCasebook, &QPushButton::clicked, this, &CasebookView::signCasebook);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("scheduleTree"));
    m_tree->setColumnCount(3);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(VisitColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(DateColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_form = new FormView(m_data, m_actor, m_auth, actions, m_prompt, this);
    m_eligibility = new EligibilityPanel(m_data, m_actor, m_auth, actions, m_prompt, this);
    m_eligibility->setLeaveGuard([this] { return m_form->maybeLeave(); });
    m_eligibility->hide();
    m_formPage = new QSplitter(Qt::Vertical, this);
    m_formPage->setObjectName(QStringLiteral("formPageSplitter"));
    m_formPage->setChildrenCollapsible(false);
    m_formPage->addWidget(m_form);
    m_formPage->addWidget(m_eligibility);
    m_formPage->setStretchFactor(0, 3);
    m_formPage->setStretchFactor(1, 2);

    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(QStringLiteral("casebookSplitter"));
    m_splitter->addWidget(m_tree);
    m_flowsheet = new FlowsheetView(m_data, m_actor, m_auth, m_prompt, this);
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("casebookPages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_formPage, QString());
    m_pages->addTab(m_flowsheet, QString());
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({420, 900});

    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_signatureState);
    top->addSpacing(8);
    top->addWidget(m_signCasebook);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    connect(m_tree, &QTreeWidget::itemActivated, this, &CasebookView::itemActivated);
    connect(m_flowsheet, &FlowsheetView::saved, this, [this] {
        fillSchedule();
        Q_EMIT subjectDataChanged(m_subject.id);
    });
    connect(m_pages, &QTabWidget::currentChanged, this, [this](int page) {
        // Each page shows what is stored: leaving one with edits goes through its guard.
        if (page == 1 && m_form->isModified() && !m_form->maybeLeave()) {
            const QSignalBlocker block(m_pages);
            m_pages->setCurrentIndex(0);
        } else if (page == 1) {
            m_flowsheet->setSubject(m_subject.id);
        } else if (page == 0 && !m_flowsheet->maybeLeave()) {
            const QSignalBlocker block(m_pages);
            m_pages->setCurrentIndex(1);
        } else if (page == 0 && m_form->hasForm()) {
            const auto key = m_form->formKey();
            m_form->closeForm();
            m_form->openForm(key);
        }
    });
    connect(m_form, &FormView::saved, this, [this] {
        fillSchedule();
        if (m_eligibility->isVisibleTo(this))
            m_eligibility->refresh();
        Q_EMIT subjectDataChanged(m_subject.id);
    });
    connect(m_eligibility, &EligibilityPanel::decisionSigned, this, [this](const records::FormKey &key) {
        if (m_form->hasForm() && m_form->formKey().eventOid == key.eventOid && m_form->formKey().formOid == key.formOid)
            m_form->reload();
        fillSchedule();
        Q_EMIT subjectDataChanged(m_subject.id);
    });
    retranslate();
}

CasebookView::~CasebookView() = default;

bool CasebookView::setSubject(qint64 subjectId)
{
    if (subjectId == m_subject.id)
        return true;
    if (!maybeLeave())
        return false;
    m_form->closeForm();
    auto subject = m_data.subject(m_actor, subjectId);
    if (!subject) {
        m_subject = {};
        m_tree->clear();
        setEligibilityShown(false);
        updateCasebookSignature();
        return true;
    }
    m_subject = *subject;
    if (!m_eligibility->isHidden()) {
        m_eligibility->setSubject(m_subject.id);
        m_form->hide();
    }
    refresh();
    if (m_pages->currentIndex() == 1)
        m_flowsheet->setSubject(m_subject.id);
    return true;
}

void CasebookView::refresh()
{
    if (m_subject.id == 0)
        return;
    if (auto subject = m_data.subject(m_actor, m_subject.id))
        m_subject = *subject;
    const auto &study = m_data.study();
    const auto *site = study.site(m_subject.siteOid);
    const auto *arm = study.arm(m_subject.armOid);
    QStringList facts;
    facts << (site ? site->name.text(m_locale) : m_subject.siteOid) << subjectStatusText(m_subject.status);
    if (arm)
        facts << arm->name.text(m_locale);
    if (const auto infusion = m_data.anchorDate(m_subject.id, QStringLiteral("infusion")))
        facts << tr("infused %1 (day %2 today)").arg(infusion->toString(Qt::ISODate)).arg(infusion->daysTo(m_today));
    m_header->setText(QStringLiteral("<span style=\"font-size:large; font-weight:600\">%1</span>"
                                     "&nbsp;&nbsp;<span style=\"color:#5f6b7a\">%2</span>")
                          .arg(m_subject.key.toHtmlEscaped(), facts.join(QStringLiteral(" · ")).toHtmlEscaped()));
    fillSchedule();
}

void CasebookView::fillSchedule()
{
    QString currentEvent, currentForm;
    if (auto *cur = m_tree->currentItem()) {
        currentEvent = cur->data(0, EventRole).toString();
        currentForm = cur->data(0, FormRole).toString();
    }
    m_tree->clear();
    study::FormStatuses statuses;
    if (const auto forms = m_data.formsOfSubject(m_actor, m_subject.id)) {
        for (const auto &f : *forms)
            if (f.key.eventRepeat == 1 && f.key.formRepeat == 1)
                statuses.insert(study::formStatusKey(f.key.eventOid, f.key.formOid), f.status);
    }
    const auto schedule = study::computeSchedule(
        m_data.study(), [this](const QString &anchor) { return m_data.anchorDate(m_subject.id, anchor); }, statuses,
        m_today);
    QTreeWidgetItem *select = nullptr;
    QTreeWidgetItem *firstDue = nullptr;
    for (const auto &visit : schedule) {
        auto *top = new QTreeWidgetItem(m_tree);
        top->setText(VisitColumn, visit.event->name.text(m_locale));
        top->setData(0, EventRole, visit.event->oid);
        if (visit.target) {
            top->setText(DateColumn, visit.target->toString(Qt::ISODate));
            top->setToolTip(DateColumn,
                            tr("Window %1 to %2")
                                .arg(visit.windowStart->toString(Qt::ISODate), visit.windowEnd->toString(Qt::ISODate)));
        } else if (visit.event->isScheduled()) {
            const auto *anchor = m_data.study().anchor(visit.event->anchor);
            top->setToolTip(DateColumn, tr("Scheduled from %1, not entered yet")
                                            .arg(anchor ? anchor->name.text(m_locale) : visit.event->anchor));
        }
        top->setText(StateColumn, visitStateText(visit.state));
        top->setBackground(StateColumn, visitStateColor(visit.state));
        QFont bold = top->font(VisitColumn);
        bold.setBold(visit.state == study::VisitState::Due || visit.state == study::VisitState::Overdue);
        top->setFont(VisitColumn, bold);
        if (!firstDue && (visit.state == study::VisitState::Due || visit.state == study::VisitState::Overdue))
            firstDue = top;
        for (const auto &f : visit.forms) {
            const auto *form = m_data.study().form(f.formOid);
            auto *child = new QTreeWidgetItem(top);
            child->setText(VisitColumn, form ? form->name.text(m_locale) : f.formOid);
            child->setData(0, EventRole, visit.event->oid);
            child->setData(0, FormRole, f.formOid);
            child->setText(StateColumn, formStatusText(f.status));
            child->setBackground(StateColumn, formStatusColor(f.status));
            if (visit.event->oid == currentEvent && f.formOid == currentForm)
                select = child;
        }
        top->setExpanded(visit.state == study::VisitState::Due || visit.state == study::VisitState::Overdue ||
                         (visit.isStarted() && visit.state != study::VisitState::Done) ||
                         visit.event->oid == currentEvent);
    }
    if (!select)
        select = firstDue;
    if (select) {
        m_tree->setCurrentItem(select);
        m_tree->scrollToItem(select);
    }
    updateCasebookSignature();
}

void CasebookView::updateCasebookSignature()
{
    m_signatureState->clear();
    m_signatureState->setToolTip(QString());
    m_signCasebook->setEnabled(false);
    m_signCasebook->setToolTip(QString());
    if (m_subject.id == 0)
        return;
    const auto when = [](const QString &utc) {
        return utc.left(16).replace(QLatin1Char('T'), QLatin1Char(' ')) + QStringLiteral(" UTC");
    };
    const auto meaningText = [](const QString &meaning) {
        if (meaning == QLatin1String("approved"))
            return tr("approved");
        if (meaning == QLatin1String("reviewed"))
            return tr("reviewed");
        return tr("authored");
    };
    const auto signatures = m_signatures->casebookSignatures(m_actor, m_subject.id);
    QStringList history;
    const records::CasebookSignature *latestValid = nullptr;
    const records::CasebookSignature *latestBroken = nullptr;
    if (signatures) {
        for (const records::CasebookSignature &s : *signatures) {
            history.append(tr("%1 (%2) on %3: %4")
                               .arg(s.signerFullName, meaningText(s.meaning), when(s.utc),
                                    s.valid ? tr("valid") : tr("broken by a later change")));
            if (s.valid)
                latestValid = &s;
            else
                latestBroken = &s;
        }
    }
    QString text;
    if (latestValid) {
        text = QStringLiteral("<span style=\"color:#1e6b35\">%1</span>")
                   .arg(tr("Casebook signed by %1 on %2 (%3, %n form(s))", nullptr, latestValid->formCount)
                            .arg(latestValid->signerFullName, when(latestValid->utc), meaningText(latestValid->meaning))
                            .toHtmlEscaped());
    } else if (latestBroken) {
        text = QStringLiteral("<span style=\"color:#a12622\">%1</span>")
                   .arg(tr("Casebook signature broken: data changed after %1 signed on %2")
                            .arg(latestBroken->signerFullName, when(latestBroken->utc))
                            .toHtmlEscaped());
    } else {
        text = QStringLiteral("<span style=\"color:#5f6b7a\">%1</span>").arg(tr("Casebook not signed").toHtmlEscaped());
    }
    m_signatureState->setText(text);
    m_signatureState->setToolTip(history.join(QLatin1Char('\n')));

    if (Status may = m_auth.mayDo(m_actor, Action::Sign); !may) {
        m_signCasebook->setToolTip(may.message());
        return;
    }
    const auto review = m_signatures->reviewCasebook(m_actor, m_subject.id);
    if (!review) {
        m_signCasebook->setToolTip(review.message());
        return;
    }
    if (!review->maySign()) {
        m_signCasebook->setToolTip(review->blocker.message());
        return;
    }
    m_signCasebook->setEnabled(true);
    m_signCasebook->setToolTip(
        tr("Sign the casebook of %1: %n form(s) with data, content SHA-256 %2", nullptr, review->formCount)
            .arg(m_subject.key, review->contentHash.left(16)));
}

void CasebookView::signCasebook()
{
    if (m_subject.id == 0 || !maybeLeave())
        return;
    // The dialog covers the casebook as stored at this moment, after any save the person just chose.
    const auto review = m_signatures->reviewCasebook(m_actor, m_subject.id);
    if (!review || !review->maySign()) {
        m_prompt.showError(this, tr("Sign casebook"), review ? review->blocker.message() : review.message());
        fillSchedule();
        return;
    }
    const QString what =
        tr("the casebook of %1 (%n form(s) with data, content SHA-256 %2…)", nullptr, review->formCount)
            .arg(m_subject.key, review->contentHash.left(16));
    const bool signedOk = forms::signCasebook(this, m_prompt, *m_signatures, m_actor, *review, what,
                                              {QStringLiteral("approved"), QStringLiteral("reviewed")});
    fillSchedule();
    if (signedOk)
        Q_EMIT subjectDataChanged(m_subject.id);
}

bool CasebookView::maybeLeave()
{
    return m_form->maybeLeave() && m_flowsheet->maybeLeave();
}

void CasebookView::showFlowsheet()
{
    m_pages->setCurrentIndex(1);
}

bool CasebookView::openForm(const QString &eventOid, const QString &formOid)
{
    if (m_pages->currentIndex() != 0) {
        if (!m_flowsheet->maybeLeave())
            return false;
        const QSignalBlocker block(m_pages);
        m_pages->setCurrentIndex(0);
    }
    if (m_form->hasForm() && m_form->formKey().eventOid == eventOid && m_form->formKey().formOid == formOid)
        return true;
    if (!m_form->maybeLeave())
        return false;
    const bool opened = m_form->openForm({m_subject.id, eventOid, 1, formOid, 1});
    setEligibilityShown(opened && eventOid == eligibilityEvent() && formOid == m_eligibility->decisionKey().formOid);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        auto *top = m_tree->topLevelItem(i);
        for (int j = 0; j < top->childCount(); ++j) {
            auto *child = top->child(j);
            if (child->data(0, EventRole).toString() == eventOid && child->data(0, FormRole).toString() == formOid) {
                const QSignalBlocker block(m_tree);
                m_tree->setCurrentItem(child);
            }
        }
    }
    return opened;
}

bool CasebookView::showEligibility()
{
    if (m_pages->currentIndex() != 0) {
        if (!m_flowsheet->maybeLeave())
            return false;
        const QSignalBlocker block(m_pages);
        m_pages->setCurrentIndex(0);
    }
    if (!m_form->maybeLeave())
        return false;
    m_form->closeForm();
    setEligibilityShown(true);
    m_form->hide();
    return true;
}

void CasebookView::setEligibilityShown(bool shown)
{
    m_form->show();
    m_eligibility->setVisible(shown);
    if (shown) {
        m_eligibility->setSubject(m_subject.id);
        // Below the eligibility form, which keeps its full width, the panel takes two fifths of the page.
        const int height = qMax(m_formPage->height(), 600);
        m_formPage->setSizes({height * 3 / 5, height * 2 / 5});
    }
}

QString CasebookView::eligibilityEvent() const
{
    return m_eligibility->decisionKey().eventOid;
}

void CasebookView::itemActivated(QTreeWidgetItem *item)
{
    const QString formOid = item->data(0, FormRole).toString();
    if (formOid.isEmpty() && item->data(0, EventRole).toString() == eligibilityEvent()) {
        item->setExpanded(true);
        showEligibility();
        return;
    }
    if (formOid.isEmpty()) {
        item->setExpanded(!item->isExpanded());
        return;
    }
    openForm(item->data(0, EventRole).toString(), formOid);
}

void CasebookView::setToday(const QDate &today)
{
    m_today = today;
    refresh();
}

void CasebookView::setLocale(const QString &locale)
{
    m_locale = locale;
    m_form->setLocale(locale);
    m_eligibility->setLocale(locale);
    m_flowsheet->setLocale(locale);
    refresh();
}

void CasebookView::retranslate()
{
    m_tree->setHeaderLabels({tr("Visit and forms"), tr("Target date"), tr("State")});
    m_tree->setAccessibleName(tr("Visit schedule"));
    m_pages->setTabText(0, tr("Form"));
    m_pages->setTabText(1, tr("Toxicity flowsheet"));
    m_signCasebook->setText(tr("Sign casebook…"));
    m_signCasebook->setAccessibleName(tr("Sign casebook"));
    refresh();
    if (m_subject.id == 0)
        updateCasebookSignature();
}

void CasebookView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace cellcrf::forms
