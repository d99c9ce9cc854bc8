#include "study/schedule.h"

namespace cellcrf::study {

namespace {
const QString notStarted = QStringLiteral("not_started");
} // namespace

QString visitStateName(VisitState state)
{
    switch (state) {
    case VisitState::NotDue:
        return QStringLiteral("not_due");
    case VisitState::Due:
        return QStringLiteral("due");
    case VisitState::Overdue:
        return QStringLiteral("overdue");
    case VisitState::Done:
        return QStringLiteral("done");
    case VisitState::Missed:
        return QStringLiteral("missed");
    case VisitState::Unscheduled:
        return QStringLiteral("unscheduled");
    }
    return {};
}

QString formStatusKey(const QString &eventOid, const QString &formOid)
{
    return eventOid + QLatin1Char('/') + formOid;
}

bool isFormDone(const QString &status)
{
    return status == QLatin1String("complete") || status == QLatin1String("verified") ||
           status == QLatin1String("signed") || status == QLatin1String("locked");
}

bool ScheduledVisit::isStarted() const
{
    for (const auto &f : forms)
        if (f.status != notStarted)
            return true;
    return false;
}

bool ScheduledVisit::isDone() const
{
    if (forms.isEmpty())
        return false;
    for (const auto &f : forms)
        if (!isFormDone(f.status))
            return false;
    return true;
}

QList<ScheduledVisit> computeSchedule(const Study &study, const AnchorDates &anchors, const FormStatuses &forms,
                                      const QDate &today)
{
    QList<ScheduledVisit> out;
    out.reserve(study.events.size());
    for (const auto &event : study.events) {
        ScheduledVisit v;
        v.event = &event;
        for (const auto &formOid : event.forms)
            v.forms.append({formOid, forms.value(formStatusKey(event.oid, formOid), notStarted)});
        if (event.isScheduled() && anchors) {
            v.anchorDate = anchors(event.anchor);
            if (v.anchorDate) {
                v.target = v.anchorDate->addDays(*event.day);
                v.windowStart = v.target->addDays(-qAbs(event.windowBefore));
                v.windowEnd = v.target->addDays(qAbs(event.windowAfter));
            }
        }
        out.append(v);
    }

    // A visit whose window has closed is missed only once the subject has moved
    // on (a later visit on the same anchor was started); until then it is overdue
    // and the nurse is reminded of it.
    for (qsizetype i = 0; i < out.size(); ++i) {
        auto &v = out[i];
        if (v.isDone()) {
            v.state = VisitState::Done;
            continue;
        }
        if (!v.event->isScheduled()) {
            v.state = VisitState::Unscheduled;
            continue;
        }
        if (!v.windowStart || today < *v.windowStart) {
            v.state = VisitState::NotDue;
            continue;
        }
        if (today <= *v.windowEnd) {
            v.state = VisitState::Due;
            continue;
        }
        bool laterStarted = false;
        for (qsizetype j = i + 1; j < out.size() && !laterStarted; ++j) {
            const auto &later = out.at(j);
            laterStarted = later.event->anchor == v.event->anchor && later.event->day && v.event->day &&
                           *later.event->day > *v.event->day && later.isStarted();
        }
        v.state = (!v.isStarted() && laterStarted) ? VisitState::Missed : VisitState::Overdue;
    }
    return out;
}

bool subjectExpectsVisits(const QString &subjectStatus)
{
    return subjectStatus != QLatin1String("screen_failed") && subjectStatus != QLatin1String("withdrawn") &&
           subjectStatus != QLatin1String("died") && subjectStatus != QLatin1String("completed");
}

const ScheduledVisit *nextDueVisit(const QList<ScheduledVisit> &schedule)
{
    for (const auto &v : schedule)
        if (v.state == VisitState::Overdue || v.state == VisitState::Due)
            return &v;
    const ScheduledVisit *best = nullptr;
    for (const auto &v : schedule)
        if (v.state == VisitState::NotDue && v.target && (!best || *v.target < *best->target))
            best = &v;
    return best;
}

} // namespace cellcrf::study
