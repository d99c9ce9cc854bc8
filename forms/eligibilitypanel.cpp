#include "eligibilitypanel.h"

#include "authenticator.h"
#include "prompt.h"
#include "recordactions.h"
#include "signing.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cellcrf::forms {

namespace {

const char eligibilityForm[] = "elig";

enum CriterionColumn
{
    CriterionTextColumn,
    CriterionStatusColumn,
    CriterionReasonColumn,
};

QColor statusColor(clinical::CriterionStatus status)
{
    switch (status) {
    case clinical::CriterionStatus::Met:
        return QColor(0xdf, 0xf0, 0xdc);
    case clinical::CriterionStatus::NotMet:
        return QColor(0xf7, 0xd9, 0xd4);
    case clinical::CriterionStatus::MissingData:
        break;
    }
    return QColor(0xfb, 0xed, 0xc8);
}

} // namespace

EligibilityPanel::EligibilityPanel(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth,
                                   RecordActions &actions, Prompt &prompt, QWidget *parent)
    : QWidget(parent)
    , m_data(clinicalData)
    , m_actor(actor)
    , m_auth(auth)
    , m_actions(actions)
    , m_prompt(prompt)
{
    setObjectName(QStringLiteral("eligibilityPanel"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("eligibilityTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_sign = new QPushButton(this);
    m_sign->setObjectName(QStringLiteral("signDecisionButton"));
    m_sign->setAutoDefault(false);
    connect(m_sign, &QPushButton::clicked, this, &EligibilityPanel::signDecision);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("eligibilitySummary"));
    m_summary->setWordWrap(true);
    m_summary->setMargin(8);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("eligibilityCounts"));
    m_decision = new QLabel(this);
    m_decision->setObjectName(QStringLiteral("eligibilityDecision"));
    m_decision->setWordWrap(true);
    m_decision->setStyleSheet(QStringLiteral("color: #5f6b7a;"));

    m_criteria = new QTreeWidget(this);
    m_criteria->setObjectName(QStringLiteral("eligibilityCriteria"));
    m_criteria->setColumnCount(3);
    m_criteria->setRootIsDecorated(false);
    m_criteria->setUniformRowHeights(false);
    m_criteria->setWordWrap(true);
    m_criteria->setSelectionMode(QAbstractItemView::SingleSelection);
    m_criteria->setIndentation(8);
    m_criteria->header()->setStretchLastSection(true);
    m_criteria->header()->setSectionResizeMode(CriterionTextColumn, QHeaderView::Interactive);
    m_criteria->header()->setSectionResizeMode(CriterionStatusColumn, QHeaderView::ResizeToContents);
    m_criteria->setColumnWidth(CriterionTextColumn, 340);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_sign);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_summary);
    layout->addWidget(m_counts);
    layout->addWidget(m_decision);
    layout->addWidget(m_criteria, 1);
    retranslate();
}

EligibilityPanel::~EligibilityPanel() = default;

void EligibilityPanel::setSubject(qint64 subjectId)
{
    m_subjectId = subjectId;
    refresh();
}

records::FormKey EligibilityPanel::decisionKey() const
{
    for (const auto &event : m_data.study().events)
        if (event.forms.contains(QLatin1String(eligibilityForm)))
            return {m_subjectId, event.oid, 1, QString::fromLatin1(eligibilityForm), 1};
    return {};
}

QString EligibilityPanel::summaryText() const
{
    return m_summary->text();
}

void EligibilityPanel::refresh()
{
    m_criteria->clear();
    const auto may = m_auth.mayDo(m_actor, Action::Sign);
    if (m_subjectId == 0) {
        m_summary->clear();
        m_counts->clear();
        m_decision->clear();
        m_sign->setEnabled(false);
        return;
    }
    const auto assessed = m_actions.eligibility(m_actor, m_subjectId);
    if (!assessed) {
        m_summary->setText(assessed.message());
        m_summary->setStyleSheet(QStringLiteral("background: #f7d9d4; border-radius: 3px;"));
        m_counts->clear();
        m_decision->clear();
        m_sign->setEnabled(false);
        m_sign->setToolTip(assessed.message());
        return;
    }
    const auto &e = *assessed;
    m_summary->setText(e.summary);
    const QString banner = e.eligible      ? QStringLiteral("#dff0dc")
                           : e.notMet > 0  ? QStringLiteral("#f7d9d4")
                           : e.missing > 0 ? QStringLiteral("#fbedc8")
                                           : QStringLiteral("#e4ecf5");
    m_summary->setStyleSheet(QStringLiteral("background: %1; border-radius: 3px;").arg(banner));
    m_counts->setText(tr("%1 met · %2 not met · %3 missing data").arg(e.met).arg(e.notMet).arg(e.missing));

    const QString decision = e.decision == QLatin1String("eligible")       ? tr("eligible")
                             : e.decision == QLatin1String("not_eligible") ? tr("not eligible")
                                                                           : tr("not recorded");
    m_decision->setText(e.decisionSigned ? tr("Investigator's decision: %1 · signed by %2").arg(decision, e.signedBy)
                                         : tr("Investigator's decision: %1 · not signed").arg(decision));

    QTreeWidgetItem *groups[2] = {new QTreeWidgetItem(m_criteria, {tr("Inclusion criteria")}),
                                  new QTreeWidgetItem(m_criteria, {tr("Exclusion criteria")})};
    for (auto *group : groups) {
        QFont bold = group->font(CriterionTextColumn);
        bold.setBold(true);
        group->setFont(CriterionTextColumn, bold);
        group->setFirstColumnSpanned(true);
        group->setFlags(Qt::ItemIsEnabled);
    }
    for (const auto &c : e.criteria) {
        auto *parent = groups[c.kind == clinical::CriterionKind::Inclusion ? 0 : 1];
        QString status;
        switch (c.status) {
        case clinical::CriterionStatus::Met:
            status = tr("Met");
            break;
        case clinical::CriterionStatus::NotMet:
            status = tr("NOT met");
            break;
        case clinical::CriterionStatus::MissingData:
            status = tr("Missing data");
            break;
        }
        auto *row = new QTreeWidgetItem(parent, {c.text, status, c.reason});
        row->setData(CriterionTextColumn, Qt::UserRole, c.criterionId);
        row->setBackground(CriterionStatusColumn, statusColor(c.status));
        row->setTextAlignment(CriterionStatusColumn, Qt::AlignCenter);
        row->setToolTip(CriterionTextColumn, c.text);
        row->setToolTip(CriterionReasonColumn, c.reason);
        if (c.status == clinical::CriterionStatus::NotMet) {
            QFont bold = row->font(CriterionStatusColumn);
            bold.setBold(true);
            row->setFont(CriterionStatusColumn, bold);
        }
    }
    for (auto *group : groups) {
        if (group->childCount() == 0)
            delete group;
        else
            group->setExpanded(true);
    }

    // The button: the role's permission from the model first, then whether there is a decision to sign.
    const auto key = decisionKey();
    bool saved = false;
    if (!key.eventOid.isEmpty())
        if (const auto form = m_data.loadForm(m_actor, key))
            saved = form->instanceId != 0;
    QString unavailable;
    if (!saved)
        unavailable = tr("Nothing to sign: the eligibility form has not been saved.");
    else if (e.decisionSigned)
        unavailable = tr("The decision is signed by %1.").arg(e.signedBy);
    m_sign->setEnabled(may.isOk() && unavailable.isEmpty());
    m_sign->setToolTip(!may.isOk() ? may.message()
                       : !unavailable.isEmpty()
                           ? unavailable
                           : tr("Approve the eligibility decision with your electronic signature"));
}

void EligibilityPanel::signDecision()
{
    if (m_subjectId == 0)
        return;
    if (m_leaveGuard && !m_leaveGuard())
        return;
    const auto key = decisionKey();
    const auto form = m_data.loadForm(m_actor, key);
    if (!form) {
        m_prompt.showError(this, tr("Not signed"), form.message());
        return;
    }
    const auto *definition = m_data.study().form(key.formOid);
    const QString what = definition ? definition->name.text(m_locale) : key.formOid;
    if (!signStoredForm(this, m_prompt, m_actions, m_actor, key, what, form->version, {QStringLiteral("approved")}))
        return;
    refresh();
    Q_EMIT decisionSigned(key);
}

void EligibilityPanel::retranslate()
{
    m_title->setText(tr("Eligibility"));
    m_sign->setText(tr("Sign decision…"));
    m_sign->setAccessibleName(tr("Sign the eligibility decision"));
    m_criteria->setHeaderLabels({tr("Criterion"), tr("Result"), tr("Reason")});
    m_criteria->setAccessibleName(tr("Eligibility criteria"));
    refresh();
}

void EligibilityPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace cellcrf::forms
