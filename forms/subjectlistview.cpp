#include "subjectlistview.h"

#include "authenticator.h"
#include "newsubjectdialog.h"
#include "recordactions.h"
#include "records/clinicaldata.h"
#include "statuscolors.h"
#include "subjecttablemodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace cellcrf::forms {

void SubjectFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void SubjectFilterProxy::setStatus(const QString &status)
{
    m_status = status;
    invalidateFilter();
}

void SubjectFilterProxy::setSite(const QString &siteOid)
{
    m_site = siteOid;
    invalidateFilter();
}

bool SubjectFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    // The rows' own values, without a QVariant per row and role.
    const auto *model = qobject_cast<const SubjectTableModel *>(sourceModel());
    const SubjectRow *row = model && !sourceParent.isValid() ? model->rowAt(sourceRow) : nullptr;
    if (!row)
        return false;
    const records::Subject &subject = row->summary.subject;
    if (!m_status.isEmpty() && subject.status != m_status)
        return false;
    if (!m_site.isEmpty() && subject.siteOid != m_site)
        return false;
    if (!m_text.isEmpty() && !row->searchText.contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

bool SubjectFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (const auto *model = qobject_cast<const SubjectTableModel *>(sourceModel()))
        return model->lessThan(left.row(), right.row(), left.column());
    return QSortFilterProxyModel::lessThan(left, right);
}

SubjectListView::SubjectListView(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth,
                                 RecordActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_data(clinicalData)
    , m_actor(actor)
    , m_auth(auth)
    , m_actions(actions)
{
    m_model = new SubjectTableModel(m_data, m_actor, this);
    m_proxy = new SubjectFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SubjectTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("subjectFilter"));
    m_filter->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_site = new QComboBox(this);
    m_site->setObjectName(QStringLiteral("siteFilter"));
    m_new = new QPushButton(this);
    m_new->setObjectName(QStringLiteral("newSubjectButton"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("subjectCount"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("subjectTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SubjectTableModel::SubjectColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Column widths from the first rows, not from every one of thousands.
    m_table->horizontalHeader()->setResizeContentsPrecision(200);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setWordWrap(false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 2);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_site, 1);
    bar->addStretch();
    bar->addWidget(m_count);
    bar->addWidget(m_new);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &SubjectFilterProxy::setText);
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStatus(m_status->currentData().toString()); });
    connect(m_site, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setSite(m_site->currentData().toString()); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &SubjectListView::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &SubjectListView::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &SubjectListView::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &SubjectListView::updateCount);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT subjectActivated(index.data(SubjectTableModel::SubjectIdRole).toLongLong());
    });
    connect(m_new, &QPushButton::clicked, this, &SubjectListView::newSubject);

    retranslate();
    setFocusProxy(m_filter);
}

SubjectListView::~SubjectListView() = default;

void SubjectListView::setLocale(const QString &locale)
{
    m_locale = locale;
    m_model->setLocale(locale);
    retranslate();
}

void SubjectListView::reload()
{
    m_model->reload();
    m_table->resizeColumnsToContents();
    updateCount();
}

void SubjectListView::subjectChanged(qint64 subjectId)
{
    m_model->subjectChanged(subjectId);
}

void SubjectListView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SubjectListView::retranslate()
{
    m_filter->setPlaceholderText(tr("Find subject, initials or number (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Find subject"));
    m_status->setAccessibleName(tr("Status filter"));
    m_site->setAccessibleName(tr("Site filter"));
    m_new->setText(tr("New subject…"));
    m_new->setAccessibleName(tr("New subject"));
    m_table->setAccessibleName(tr("Subjects"));

    const QSignalBlocker b1(m_status);
    const QSignalBlocker b2(m_site);
    const QString status = m_status->currentData().toString();
    m_status->clear();
    m_status->addItem(tr("All statuses"), QString());
    for (const char *s :
         {records::subjectstatus::Screening, records::subjectstatus::ScreenFailed, records::subjectstatus::OnStudy,
          records::subjectstatus::Randomized, records::subjectstatus::Completed, records::subjectstatus::Withdrawn,
          records::subjectstatus::Died})
        m_status->addItem(subjectStatusText(QString::fromLatin1(s)), QString::fromLatin1(s));
    m_status->setCurrentIndex(qMax(0, m_status->findData(status)));

    const QString site = m_site->currentData().toString();
    m_site->clear();
    m_site->addItem(tr("All sites"), QString());
    for (const auto &s : m_data.study().sites)
        if (m_actor.mayAccessSite(s.oid))
            m_site->addItem(s.name.text(m_locale), s.oid);
    m_site->setCurrentIndex(qMax(0, m_site->findData(site)));
    m_site->setVisible(m_site->count() > 2);

    const auto allowed = m_auth.mayDo(m_actor, Action::RegisterSubject);
    m_new->setEnabled(allowed.isOk());
    m_new->setToolTip(allowed.isOk() ? tr("Register a new subject (Ctrl+N)") : allowed.message());
    updateCount();
}

void SubjectListView::updateCount()
{
    m_count->setText(tr("%n subject(s)", nullptr, m_proxy->rowCount()));
}

void SubjectListView::newSubject()
{
    NewSubjectDialog dialog(m_data, m_actor, m_locale, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->subjectAdded(dialog.subject());
    const int row = m_model->rowOfSubject(dialog.subject().id);
    const auto index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (index.isValid())
        m_table->setCurrentIndex(index);
    Q_EMIT subjectActivated(dialog.subject().id);
}

} // namespace cellcrf::forms
