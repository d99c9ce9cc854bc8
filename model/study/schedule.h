#pragma once

// The visit schedule of one subject: for each event of the study definition, its
// target date and window computed from the subject's anchor dates (infusion,
// randomization) and its state on a given day, derived from the status of the
// event's forms. Pure computation: the caller supplies anchor dates and form
// statuses, so the GUI, the CLI and the tests share one answer.

#include "study/study.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace cellcrf::study {

enum class VisitState
{
    NotDue,      // the window has not opened, or its anchor date is not known yet
    Due,         // today lies inside the window and the visit is not done
    Overdue,     // the window has closed, the visit is not done and no later visit was started
    Done,        // every form of the visit is complete (or verified, signed, locked)
    Missed,      // the window has closed with nothing entered, and a later visit was started
    Unscheduled, // an event without an anchor (apheresis, AE log, unscheduled visits) not done yet
};

QString visitStateName(VisitState state);

struct ScheduledForm
{
    QString formOid;
    QString status; // records::formstatus text; "not_started" when there is no instance
};

struct ScheduledVisit
{
    const Event *event = nullptr;
    std::optional<QDate> anchorDate;
    std::optional<QDate> target;
    std::optional<QDate> windowStart;
    std::optional<QDate> windowEnd;
    VisitState state = VisitState::NotDue;
    QList<ScheduledForm> forms;

    bool isStarted() const;
    bool isDone() const;
};

// Anchor oid -> the subject's date for it, when entered.
using AnchorDates = std::function<std::optional<QDate>(const QString &anchorOid)>;
// (event oid, form oid) -> the status of the first instance of that form, when started.
using FormStatuses = QHash<QString, QString>;

QString formStatusKey(const QString &eventOid, const QString &formOid);

// True for the statuses in which a form counts as done for the schedule.
bool isFormDone(const QString &status);

QList<ScheduledVisit> computeSchedule(const Study &study, const AnchorDates &anchors, const FormStatuses &forms,
                                      const QDate &today);
// The visits point into the study's events: a temporary study would leave them dangling.
QList<ScheduledVisit> computeSchedule(Study &&study, const AnchorDates &anchors, const FormStatuses &forms,
                                      const QDate &today) = delete;

// Whether visits are still expected of a subject in this status (store
// subjectstatus text): not after a screen failure, withdrawal, death or completion.
bool subjectExpectsVisits(const QString &subjectStatus);

// The first scheduled visit that is due or overdue, else the next one not yet due
// with a known target date; nullptr when there is none.
const ScheduledVisit *nextDueVisit(const QList<ScheduledVisit> &schedule);

} // namespace cellcrf::study
