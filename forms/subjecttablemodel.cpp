#include "subjecttablemodel.h"

#include "statuscolors.h"
#include "study/schedule.h"

#include <QBrush>

namespace cellcrf::forms {

namespace {

// Finds an item by its CDASH name (or, failing that, by oid) in any form.
void findItem(const study::Study &s, const QString &cdash, const QString &oid, QString &formOid, QString &itemOid,
              QString *codeList = nullptr)
{
    for (const auto &form : s.forms) {
        for (const auto &item : form.items) {
            if (item.cdashName.compare(cdash, Qt::CaseInsensitive) == 0 || item.oid == oid) {
                formOid = form.oid;
                itemOid = item.oid;
                if (codeList)
                    *codeList = item.codeListOid;
                return;
            }
        }
    }
}

} // namespace

SubjectTableModel::SubjectTableModel(records::ClinicalData &clinicalData, Actor actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_data(clinicalData)
    , m_actor(std::move(actor))
{
    QString formOid, itemOid;
    findItem(m_data.study(), QStringLiteral("AGE"), QStringLiteral("age_at_consent"), formOid, itemOid);
    if (!itemOid.isEmpty()) {
        m_ageAt = int(m_items.size());
        m_items.append({formOid, itemOid});
    }
    formOid.clear();
    itemOid.clear();
    findItem(m_data.study(), QStringLiteral("SEX"), QStringLiteral("sex"), formOid, itemOid, &m_sexCodeList);
    if (!itemOid.isEmpty()) {
        m_sexAt = int(m_items.size());
        m_items.append({formOid, itemOid});
    }
}

void SubjectTableModel::setLocale(const QString &locale)
{
    m_locale = locale;
    for (auto &row : m_rows)
        makeTexts(row);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void SubjectTableModel::setToday(const QDate &today)
{
    m_today = today;
}

void SubjectTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    auto summaries = records::SubjectSummaries(m_data).all(m_actor, m_items, m_today);
    if (summaries) {
        m_rows.reserve(summaries->size());
        m_rowOf.reserve(summaries->size());
        for (auto &s : *summaries) {
            m_rowOf.insert(s.subject.id, int(m_rows.size()));
            m_rows.append(makeRow(std::move(s)));
        }
    }
    endResetModel();
}

void SubjectTableModel::subjectAdded(const records::Subject &subject)
{
    auto summary = records::SubjectSummaries(m_data).one(m_actor, subject.id, m_items, m_today);
    if (!summary)
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rowOf.insert(subject.id, row);
    m_rows.append(makeRow(std::move(*summary)));
    endInsertRows();
}

void SubjectTableModel::subjectChanged(qint64 subjectId)
{
    const int row = rowOfSubject(subjectId);
    if (row < 0)
        return;
    auto summary = records::SubjectSummaries(m_data).one(m_actor, subjectId, m_items, m_today);
    if (!summary)
        return;
    m_rows[row] = makeRow(std::move(*summary));
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int SubjectTableModel::rowOfSubject(qint64 subjectId) const
{
    return m_rowOf.value(subjectId, -1);
}

const SubjectRow *SubjectTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

SubjectRow SubjectTableModel::makeRow(records::SubjectSummary summary) const
{
    SubjectRow row;
    row.summary = std::move(summary);
    if (m_ageAt >= 0)
        row.age = row.summary.values.value(m_ageAt);
    row.ageYears = row.age.toInt();
    if (m_sexAt >= 0)
        row.sexCode = row.summary.values.value(m_sexAt);
    const auto &s = row.summary.subject;
    row.searchText = QStringList{s.key, s.initials, s.screeningNumber, s.randomizationNumber}.join(QLatin1Char(' '));
    makeTexts(row);
    return row;
}

bool SubjectTableModel::lessThan(int leftRow, int rightRow, int column) const
{
    const SubjectRow &l = m_rows.at(leftRow);
    const SubjectRow &r = m_rows.at(rightRow);
    switch (column) {
    case AgeColumn:
        return l.ageYears < r.ageYears;
    case QueriesColumn:
        return l.summary.openQueries < r.summary.openQueries;
    case NextVisitColumn: {
        // Subjects without a next visit come last.
        const auto &a = l.summary.nextVisitDate;
        const auto &b = r.summary.nextVisitDate;
        return a && (!b || *a < *b);
    }
    default:
        return l.sortTexts.at(column) < r.sortTexts.at(column);
    }
}

void SubjectTableModel::makeTexts(SubjectRow &row) const
{
    row.texts.resize(ColumnCount);
    row.sortTexts.resize(ColumnCount);
    for (int c = 0; c < ColumnCount; ++c) {
        row.texts[c] = displayText(row, c);
        row.sortTexts[c] = row.texts.at(c).toCaseFolded();
    }
}

int SubjectTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SubjectTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SubjectTableModel::displayText(const SubjectRow &row, int column) const
{
    const auto &s = m_data.study();
    const auto &summary = row.summary;
    switch (column) {
    case SubjectColumn:
        return summary.subject.key;
    case InitialsColumn:
        return summary.subject.initials;
    case AgeColumn:
        return row.age;
    case SexColumn: {
        const auto *list = s.codeList(m_sexCodeList);
        return list && !row.sexCode.isEmpty() ? list->label(row.sexCode, m_locale) : row.sexCode;
    }
    case ArmColumn: {
        const auto *arm = s.arm(summary.subject.armOid);
        return arm ? arm->name.text(m_locale) : QString();
    }
    case StatusColumn:
        return subjectStatusText(summary.subject.status);
    case NextVisitColumn: {
        if (summary.nextVisitOid.isEmpty())
            return {};
        const auto *event = s.event(summary.nextVisitOid);
        const QString name = event ? event->name.text(m_locale) : summary.nextVisitOid;
        if (!summary.nextVisitDate)
            return name;
        //: next visit in the subject list: visit name, target date
        return tr("%1 · %2").arg(name, summary.nextVisitDate->toString(Qt::ISODate));
    }
    case QueriesColumn:
        return summary.openQueries <= 0 ? QString() : QString::number(summary.openQueries);
    case SiteColumn: {
        const auto *site = s.site(summary.subject.siteOid);
        return site ? site->name.text(m_locale) : summary.subject.siteOid;
    }
    default:
        return {};
    }
}

QVariant SubjectTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &row = m_rows.at(index.row());
    const auto &summary = row.summary;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return row.texts.at(index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == AgeColumn || index.column() == QueriesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        if (index.column() == QueriesColumn && summary.openQueries > 0)
            return QBrush(formStatusColor(QStringLiteral("query")));
        if (index.column() == NextVisitColumn && !summary.nextVisitOid.isEmpty()) {
            const auto state = summary.nextVisitState;
            if (state == study::VisitState::Due || state == study::VisitState::Overdue)
                return QBrush(visitStateColor(state));
        }
        return {};
    case SubjectIdRole:
        return summary.subject.id;
    case SiteRole:
        return summary.subject.siteOid;
    case StatusRole:
        return summary.subject.status;
    case SortRole:
        if (index.column() == AgeColumn)
            return row.ageYears;
        if (index.column() == NextVisitColumn)
            return summary.nextVisitDate ? summary.nextVisitDate->toString(Qt::ISODate) : QStringLiteral("9999");
        if (index.column() == QueriesColumn)
            return summary.openQueries;
        return row.texts.at(index.column());
    case SearchTextRole:
        return row.searchText;
    default:
        return {};
    }
}

QVariant SubjectTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case InitialsColumn:
        return tr("Initials");
    case AgeColumn:
        return tr("Age");
    case SexColumn:
        return tr("Sex");
    case ArmColumn:
        return tr("Arm");
    case StatusColumn:
        return tr("Status");
    case NextVisitColumn:
        return tr("Next visit");
    case QueriesColumn:
        return tr("Open queries");
    case SiteColumn:
        return tr("Site");
    default:
        return {};
    }
}

} // namespace cellcrf::forms
