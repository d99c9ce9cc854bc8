#pragma once

// What a list of subjects shows of each one (who, a few stored values such as
// age and sex, the next visit due, open queries), read with one query per kind
// of fact for all subjects together rather than several per subject, so that a
// list of ten thousand subjects opens at once. Read-only; site access as
// ClinicalData::subjects().

#include "core/actor.h"
#include "core/result.h"
#include "records/clinicaldata.h"
#include "study/schedule.h"

#include <QDate>
#include <QList>

#include <optional>

namespace cellcrf::records {

// One item of one form; its value is read from the form's first instance that
// holds one (any event), as ClinicalData::firstValue() does.
struct ItemRef
{
    QString formOid;
    QString itemOid;
};

struct SubjectSummary
{
    Subject subject;
    QStringList values;   // one per requested ItemRef, in order; empty when not entered
    QString nextVisitOid; // study::nextDueVisit() of the subject's schedule; empty when none
    std::optional<QDate> nextVisitDate;
    study::VisitState nextVisitState = study::VisitState::NotDue;
    int openQueries = 0; // queries not closed
};

class SubjectSummaries
{
public:
    explicit SubjectSummaries(const ClinicalData &data);

    // Every subject the actor may see, in ClinicalData::subjects() order;
    // `today` decides which visit is due.
    Result<QList<SubjectSummary>> all(const Actor &actor, const QList<ItemRef> &items, const QDate &today) const;
    // One subject, read the same way (after it changed).
    Result<SubjectSummary> one(const Actor &actor, qint64 subjectId, const QList<ItemRef> &items,
                               const QDate &today) const;

private:
    Status fill(QList<SubjectSummary> &rows, qint64 onlySubject, const QList<ItemRef> &items, const QDate &today) const;

    const ClinicalData &m_data;
};

} // namespace cellcrf::records
