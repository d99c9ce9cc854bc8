#include "dashboard.h"

#include "recordactions.h"
#include "records/queries.h"
#include "statuscolors.h"

#include <QBrush>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace cellcrf::forms {

namespace {
// The least advanced status of a visit's forms decides its colour; an open query
// outranks everything, because it needs someone's attention.
int rank(const QString &status)
{
    static const QStringList order = {QStringLiteral("not_started"), QStringLiteral("incomplete"),
                                      QStringLiteral("complete"),    QStringLiteral("verified"),
                                      QStringLiteral("signed"),      QStringLiteral("locked")};
    return int(order.indexOf(status));
}
} // namespace

DashboardModel::DashboardModel(records::ClinicalData &clinicalData, const Actor &actor, RecordActions *actions,
                               QObject *parent)
    : QAbstractTableModel(parent)
    , m_data(clinicalData)
    , m_actor(actor)
    , m_actions(actions)
{
    for (const auto &event : m_data.study().events)
        if (!event.repeating)
            m_events.append(&event);
}

QHash<qint64, QSet<QString>> DashboardModel::queriedEvents() const
{
    return m_actions ? m_actions->openQueryEvents(m_actor) : QHash<qint64, QSet<QString>>{};
}

DashboardModel::Row DashboardModel::readRow(const records::Subject &subject,
                                            const QHash<qint64, QSet<QString>> &queried) const
{
    Row row;
    row.subject = subject;
    QHash<QString, QHash<QString, QString>> byEvent;
    if (const auto forms = m_data.formsOfSubject(m_actor, subject.id))
        for (const auto &f : *forms)
            if (f.key.eventRepeat == 1 && f.key.formRepeat == 1)
                byEvent[f.key.eventOid].insert(f.key.formOid, f.status);
    for (const auto *event : m_events) {
        const auto &statuses = byEvent.value(event->oid);
        if (statuses.isEmpty())
            continue;
        QString least = QStringLiteral("locked");
        bool anyStarted = false;
        for (const auto &form : event->forms) {
            const QString s = statuses.value(form, QStringLiteral("not_started"));
            anyStarted = anyStarted || s != QLatin1String("not_started");
            if (rank(s) < rank(least))
                least = s;
        }
        if (least == QLatin1String("not_started") && anyStarted)
            least = QStringLiteral("incomplete");
        if (queried.value(subject.id).contains(event->oid))
            least = QStringLiteral("query");
        row.eventStatus.insert(event->oid, least);
    }
    return row;
}

void DashboardModel::reload()
{
    beginResetModel();
    m_rows.clear();
    const auto queried = queriedEvents();
    if (const auto subjects = m_data.subjects(m_actor))
        for (const auto &s : *subjects)
            m_rows.append(readRow(s, queried));
    endResetModel();
}

void DashboardModel::subjectChanged(qint64 subjectId)
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows.at(r).subject.id != subjectId)
            continue;
        if (const auto subject = m_data.subject(m_actor, subjectId))
            m_rows[r] = readRow(*subject, queriedEvents());
        Q_EMIT dataChanged(index(r, 0), index(r, columnCount() - 1));
    }
}

void DashboardModel::setLocale(const QString &locale)
{
    m_locale = locale;
    if (!m_events.isEmpty())
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, int(m_events.size()) - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int DashboardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DashboardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant DashboardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &row = m_rows.at(index.row());
    const auto *event = m_events.at(index.column());
    const QString status = row.eventStatus.value(event->oid);
    switch (role) {
    case Qt::BackgroundRole:
        return status.isEmpty() ? QVariant() : QVariant(QBrush(formStatusColor(status)));
    case Qt::ToolTipRole:
        //: dashboard cell: subject, visit, status
        return tr("%1 · %2: %3")
            .arg(row.subject.key, event->name.text(m_locale),
                 formStatusText(status.isEmpty() ? QStringLiteral("not_started") : status));
    case Qt::AccessibleTextRole:
        return formStatusText(status.isEmpty() ? QStringLiteral("not_started") : status);
    case SubjectIdRole:
        return row.subject.id;
    case EventOidRole:
        return event->oid;
    case StatusRole:
        return status;
    default:
        return {};
    }
}

QVariant DashboardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical)
        return section >= 0 && section < m_rows.size() ? m_rows.at(section).subject.key : QVariant();
    if (section < 0 || section >= m_events.size())
        return {};
    const auto *event = m_events.at(section);
    if (role == Qt::ToolTipRole)
        return event->name.text(m_locale);
    if (event->oid.startsWith(QLatin1String("tox_d")) && event->day)
        return tr("D%1").arg(*event->day);
    return event->name.text(m_locale);
}

DashboardView::DashboardView(records::ClinicalData &clinicalData, const Actor &actor, RecordActions *actions,
                             QWidget *parent)
    : QWidget(parent)
    , m_data(clinicalData)
{
    setObjectName(QStringLiteral("dashboardView"));
    m_model = new DashboardModel(m_data, actor, actions, this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("dashboardTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setDefaultSectionSize(66);
    m_table->horizontalHeader()->setMinimumSectionSize(34);
    m_table->horizontalHeader()->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setShowGrid(true);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("dashboardLegend"));
    m_legend->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_legend);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const auto *event = m_data.study().event(index.data(DashboardModel::EventOidRole).toString());
        if (event && !event->forms.isEmpty())
            Q_EMIT formRequested(index.data(DashboardModel::SubjectIdRole).toLongLong(), event->oid,
                                 event->forms.constFirst());
    });
    retranslate();
}

void DashboardView::reload()
{
    m_model->reload();
    for (int c = 0; c < m_model->columnCount(); ++c)
        if (m_model->headerData(c, Qt::Horizontal).toString().size() <= 4)
            m_table->setColumnWidth(c, 38);
}

void DashboardView::setLocale(const QString &locale)
{
    m_model->setLocale(locale);
    retranslate();
}

void DashboardView::retranslate()
{
    QStringList items;
    for (const char *s : {"not_started", "incomplete", "complete", "verified", "signed", "locked", "query"})
        items.append(
            QStringLiteral("<span style=\"background:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%2")
                .arg(formStatusColor(QLatin1String(s)).name(), formStatusText(QLatin1String(s)).toHtmlEscaped()));
    m_legend->setText(items.join(QStringLiteral("&nbsp;&nbsp;&nbsp;")) +
                      QStringLiteral("&nbsp;&nbsp;&nbsp;<span style=\"color:#5f6b7a\">%1</span>")
                          .arg(tr("Enter or double-click a cell to open the visit.").toHtmlEscaped()));
    m_table->setAccessibleName(tr("Record status by subject and visit"));
}

void DashboardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace cellcrf::forms
