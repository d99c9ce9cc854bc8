#pragma once

// The subjects a person may see, one row each, with what a nurse looks for first:
// who, which arm, what status, which visit is due next. Rows are summarised once
// when loaded and again only for a subject that changed.

#include "core/actor.h"
#include "store/clinicaldata.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>

namespace cellcrf::forms {

struct SubjectRow
{
    store::Subject subject;
    QString age;
    QString sexCode;
    QString nextVisitOid;
    std::optional<QDate> nextVisitDate;
    int nextVisitState = 0; // study::VisitState
    int openQueries = -1;   // -1: not known
};

class SubjectTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SubjectColumn,
        InitialsColumn,
        AgeColumn,
        SexColumn,
        ArmColumn,
        StatusColumn,
        NextVisitColumn,
        QueriesColumn,
        SiteColumn,
        ColumnCount
    };
    enum Role
    {
        SubjectIdRole = Qt::UserRole,
        SiteRole,
        StatusRole,
        SortRole,
        SearchTextRole,
    };

    SubjectTableModel(store::ClinicalData &clinicalData, Actor actor, QObject *parent = nullptr);

    void setLocale(const QString &locale);
    void setToday(const QDate &today);
    // Open queries per subject id; rows read after this show them.
    void setOpenQueries(const QHash<qint64, int> &counts);
    // Reads every subject again (a real reset).
    void reload();
    // A new subject appended, or one subject's row read again.
    void subjectAdded(const store::Subject &subject);
    void subjectChanged(qint64 subjectId);
    int rowOfSubject(qint64 subjectId) const;
    const SubjectRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    SubjectRow summarize(const store::Subject &subject) const;
    QString displayText(const SubjectRow &row, int column) const;

    store::ClinicalData &m_data;
    Actor m_actor;
    QString m_locale = QStringLiteral("en");
    QDate m_today = QDate::currentDate();
    QList<SubjectRow> m_rows;
    QHash<qint64, int> m_openQueries;
    bool m_queriesKnown = false;
    QString m_sexItemForm, m_sexItem, m_ageItemForm, m_ageItem, m_sexCodeList;
};

} // namespace cellcrf::forms
