#pragma once

// The subjects a person may see, one row each, with what a nurse looks for first:
// who, which arm, what status, which visit is due next. Rows are read together by
// records::SubjectSummaries when loaded (a few queries for any number of subjects)
// and again only for a subject that changed; the texts shown, sorted and searched
// are made once per row and language, so that a proxy sorts and filters ten
// thousand rows without asking the model to build strings.

#include "core/actor.h"
#include "records/clinicaldata.h"
#include "records/subjectsummary.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>

namespace cellcrf::forms {

struct SubjectRow
{
    records::SubjectSummary summary;
    QString age;
    int ageYears = 0; // for sorting; 0 when not known
    QString sexCode;
    QStringList texts;     // per column, in the model's language
    QStringList sortTexts; // the same, case-folded once for sorting
    QString searchText;
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

    SubjectTableModel(records::ClinicalData &clinicalData, Actor actor, QObject *parent = nullptr);

    void setLocale(const QString &locale);
    void setToday(const QDate &today);
    // Reads every subject again (a real reset).
    void reload();
    // A new subject appended, or one subject's row read again.
    void subjectAdded(const records::Subject &subject);
    void subjectChanged(qint64 subjectId);
    int rowOfSubject(qint64 subjectId) const;
    const SubjectRow *rowAt(int row) const;
    // The order of SortRole, compared on the rows' own values: what a proxy
    // sorting ten thousand rows calls instead of building a QVariant per comparison.
    bool lessThan(int leftRow, int rightRow, int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    SubjectRow makeRow(records::SubjectSummary summary) const;
    void makeTexts(SubjectRow &row) const;
    QString displayText(const SubjectRow &row, int column) const;

    records::ClinicalData &m_data;
    Actor m_actor;
    QString m_locale = QStringLiteral("en");
    QDate m_today = QDate::currentDate();
    QList<SubjectRow> m_rows;
    QHash<qint64, int> m_rowOf;      // subject id -> row
    QList<records::ItemRef> m_items; // age, sex (when the study has them)
    int m_ageAt = -1;
    int m_sexAt = -1;
    QString m_sexCodeList;
};

} // namespace cellcrf::forms
