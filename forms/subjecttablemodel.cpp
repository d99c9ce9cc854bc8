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

SubjectTableModel::SubjectTableModel(store::ClinicalData &clinicalData, Actor actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_data(clinicalData)
    , m_actor(std::move(actor))
{
    findItem(m_data.study(), QStringLiteral("SEX"), QStringLiteral("sex"), m_sexItemForm, m_sexItem, &m_sexCodeList);
    findItem(m_data.study(), QStringLiteral("AGE"), QStringLiteral("age_at_consent"), m_ageItemForm, m_ageItem);
}

void SubjectTableModel::setLocale(const QString &locale)
{
    m_locale = locale;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void SubjectTableModel::setToday(const QDate &today)
{
    m_today = today;
}

void SubjectTableModel::setOpenQueries(const QHash<qint64, int> &counts)
{
    m_openQueries = counts;
    m_queriesKnown = true;
}

void SubjectTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    const auto subjects = m_data.subjects(m_actor);
    if (subjects) {
        m_rows.reserve(subjects->size());
        for (const auto &s : *subjects)
            m_rows.append(summarize(s));
    }
    endResetModel();
}

void SubjectTableModel::subjectAdded(const store::Subject &subject)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(summarize(subject));
    endInsertRows();
}

void SubjectTableModel::subjectChanged(qint64 subjectId)
{
    const int row = rowOfSubject(subjectId);
    if (row < 0)
        return;
    const auto subject = m_data.subject(m_actor, subjectId);
    if (!subject)
        return;
    m_rows[row] = summarize(*subject);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int SubjectTableModel::rowOfSubject(qint64 subjectId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).subject.id == subjectId)
            return i;
    return -1;
}

const SubjectRow *SubjectTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

SubjectRow SubjectTableModel::summarize(const store::Subject &subject) const
{
    SubjectRow row;
    row.subject = subject;
    if (!m_ageItem.isEmpty())
        row.age = m_data.firstValue(subject.id, m_ageItemForm, m_ageItem).value_or(QString());
    if (!m_sexItem.isEmpty())
        row.sexCode = m_data.firstValue(subject.id, m_sexItemForm, m_sexItem).value_or(QString());

    row.openQueries = m_queriesKnown ? m_openQueries.value(subject.id) : -1;
    if (!study::subjectExpectsVisits(subject.status))
        return row;
    study::FormStatuses statuses;
    if (const auto forms = m_data.formsOfSubject(m_actor, subject.id)) {
        for (const auto &f : *forms)
            if (f.key.eventRepeat == 1 && f.key.formRepeat == 1)
                statuses.insert(study::formStatusKey(f.key.eventOid, f.key.formOid), f.status);
    }
    const auto schedule = study::computeSchedule(
        m_data.study(), [this, &subject](const QString &anchor) { return m_data.anchorDate(subject.id, anchor); },
        statuses, m_today);
    if (const auto *next = study::nextDueVisit(schedule)) {
        row.nextVisitOid = next->event->oid;
        row.nextVisitDate = next->target;
        row.nextVisitState = int(next->state);
    }
    return row;
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
    switch (column) {
    case SubjectColumn:
        return row.subject.key;
    case InitialsColumn:
        return row.subject.initials;
    case AgeColumn:
        return row.age;
    case SexColumn: {
        const auto *list = s.codeList(m_sexCodeList);
        return list && !row.sexCode.isEmpty() ? list->label(row.sexCode, m_locale) : row.sexCode;
    }
    case ArmColumn: {
        const auto *arm = s.arm(row.subject.armOid);
        return arm ? arm->name.text(m_locale) : QString();
    }
    case StatusColumn:
        return subjectStatusText(row.subject.status);
    case NextVisitColumn: {
        if (row.nextVisitOid.isEmpty())
            return {};
        const auto *event = s.event(row.nextVisitOid);
        const QString name = event ? event->name.text(m_locale) : row.nextVisitOid;
        if (!row.nextVisitDate)
            return name;
        //: next visit in the subject list: visit name, target date
        return tr("%1 · %2").arg(name, row.nextVisitDate->toString(Qt::ISODate));
    }
    case QueriesColumn:
        return row.openQueries <= 0 ? QString() : QString::number(row.openQueries);
    case SiteColumn: {
        const auto *site = s.site(row.subject.siteOid);
        return site ? site->name.text(m_locale) : row.subject.siteOid;
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
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return displayText(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == AgeColumn || index.column() == QueriesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        if (index.column() == QueriesColumn && row.openQueries > 0)
            return QBrush(formStatusColor(QStringLiteral("query")));
        if (index.column() == NextVisitColumn && !row.nextVisitOid.isEmpty()) {
            const auto state = study::VisitState(row.nextVisitState);
            if (state == study::VisitState::Due || state == study::VisitState::Overdue)
                return QBrush(visitStateColor(state));
        }
        return {};
    case SubjectIdRole:
        return row.subject.id;
    case SiteRole:
        return row.subject.siteOid;
    case StatusRole:
        return row.subject.status;
    case SortRole:
        if (index.column() == AgeColumn)
            return row.age.toInt();
        if (index.column() == NextVisitColumn)
            return row.nextVisitDate ? row.nextVisitDate->toString(Qt::ISODate) : QStringLiteral("9999");
        if (index.column() == QueriesColumn)
            return row.openQueries;
        return displayText(row, index.column());
    case SearchTextRole:
        return QStringList{row.subject.key, row.subject.initials, row.subject.screeningNumber,
                           row.subject.randomizationNumber}
            .join(QLatin1Char(' '));
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
