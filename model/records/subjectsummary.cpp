#include "records/subjectsummary.h"

#include "store/database.h"

#include <QHash>

namespace cellcrf::records {

using store::Database;
using store::Query;

namespace {

// "AND <column> = ?" when one subject is read, nothing when all are.
QString subjectClause(const char *column, qint64 onlySubject)
{
    return onlySubject ? QStringLiteral(" AND %1 = ?").arg(QLatin1String(column)) : QString();
}

} // namespace

SubjectSummaries::SubjectSummaries(const ClinicalData &data)
    : m_data(data)
{}

Result<QList<SubjectSummary>> SubjectSummaries::all(const Actor &actor, const QList<ItemRef> &items,
                                                    const QDate &today) const
{
    Result<QList<Subject>> subjects = m_data.subjects(actor);
    if (!subjects)
        return subjects.status();
    QList<SubjectSummary> rows;
    rows.reserve(subjects->size());
    for (Subject &s : *subjects)
        rows.append(SubjectSummary{std::move(s), {}, {}, {}, study::VisitState::NotDue, 0});
    if (Status s = fill(rows, 0, items, today); !s)
        return s;
    return rows;
}

Result<SubjectSummary> SubjectSummaries::one(const Actor &actor, qint64 subjectId, const QList<ItemRef> &items,
                                             const QDate &today) const
{
    Result<Subject> subject = m_data.subject(actor, subjectId);
    if (!subject)
        return subject.status();
    QList<SubjectSummary> rows{SubjectSummary{*subject, {}, {}, {}, study::VisitState::NotDue, 0}};
    if (Status s = fill(rows, subjectId, items, today); !s)
        return s;
    return rows.first();
}

Status SubjectSummaries::fill(QList<SubjectSummary> &rows, qint64 onlySubject, const QList<ItemRef> &items,
                              const QDate &today) const
{
    const Database &db = m_data.database();
    const study::Study &study = m_data.study();
    QHash<qint64, int> rowOf;
    rowOf.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        rowOf.insert(rows.at(i).subject.id, i);
        rows[i].values = QStringList(items.size(), QString());
    }

    // Each wanted value (the requested items, then every anchor date) in one
    // query per item: the first instance of its form that holds a value.
    QList<ItemRef> wanted = items;
    for (const study::Anchor &a : study.anchors)
        wanted.append({a.formOid, a.itemOid});
    QList<QHash<qint64, QString>> firstValues(wanted.size());
    for (qsizetype w = 0; w < wanted.size(); ++w) {
        Query q(db, QStringLiteral("SELECT fi.subject_id, iv.value FROM form_instance fi JOIN item_value iv "
                                   "ON iv.form_instance_id = fi.id AND iv.item_oid = ? "
                                   "WHERE fi.form_oid = ? AND iv.value <> ''%1 ORDER BY fi.id")
                        .arg(subjectClause("fi.subject_id", onlySubject)));
        q.bind(wanted.at(w).itemOid).bind(wanted.at(w).formOid);
        if (onlySubject)
            q.bind(onlySubject);
        if (Status s = q.exec(); !s)
            return s;
        QHash<qint64, QString> &values = firstValues[w];
        while (q.next()) {
            const qint64 id = q.integer(0);
            if (!values.contains(id))
                values.insert(id, q.text(1));
        }
    }
    for (SubjectSummary &row : rows)
        for (qsizetype i = 0; i < items.size(); ++i)
            row.values[i] = firstValues.at(i).value(row.subject.id);

    // The status of the first instance of every form at every event's first occurrence.
    QHash<qint64, study::FormStatuses> statuses;
    {
        Query q(db, QStringLiteral("SELECT subject_id, event_oid, form_oid, status FROM form_instance "
                                   "WHERE event_repeat = 1 AND form_repeat = 1%1")
                        .arg(subjectClause("subject_id", onlySubject)));
        if (onlySubject)
            q.bind(onlySubject);
        if (Status s = q.exec(); !s)
            return s;
        while (q.next())
            statuses[q.integer(0)].insert(study::formStatusKey(q.text(1), q.text(2)), q.text(3));
    }

    {
        Query q(db, QStringLiteral("SELECT subject_id, count(*) FROM query WHERE status <> 'closed'%1 "
                                   "GROUP BY subject_id")
                        .arg(subjectClause("subject_id", onlySubject)));
        if (onlySubject)
            q.bind(onlySubject);
        if (Status s = q.exec(); !s)
            return s;
        while (q.next()) {
            const auto it = rowOf.constFind(q.integer(0));
            if (it != rowOf.cend())
                rows[*it].openQueries = int(q.integer(1));
        }
    }

    // The schedule itself is computed in memory from what was read, with each
    // anchor date parsed once per subject rather than once per visit.
    QList<std::optional<QDate>> anchorDates(study.anchors.size());
    for (SubjectSummary &row : rows) {
        if (!study::subjectExpectsVisits(row.subject.status))
            continue;
        const qint64 id = row.subject.id;
        for (qsizetype a = 0; a < study.anchors.size(); ++a) {
            const auto it = firstValues.at(items.size() + a).constFind(id);
            const QDate d =
                it == firstValues.at(items.size() + a).cend() ? QDate() : QDate::fromString(it->left(10), Qt::ISODate);
            anchorDates[a] = d.isValid() ? std::optional<QDate>(d) : std::nullopt;
        }
        const auto anchorDate = [&](const QString &anchorOid) -> std::optional<QDate> {
            for (qsizetype a = 0; a < study.anchors.size(); ++a)
                if (study.anchors.at(a).oid == anchorOid)
                    return anchorDates.at(a);
            return std::nullopt;
        };
        const QList<study::ScheduledVisit> schedule =
            study::computeSchedule(study, anchorDate, statuses.value(id), today);
        if (const study::ScheduledVisit *next = study::nextDueVisit(schedule)) {
            row.nextVisitOid = next->event->oid;
            row.nextVisitDate = next->target;
            row.nextVisitState = next->state;
        }
    }
    return Status::ok();
}

} // namespace cellcrf::records
