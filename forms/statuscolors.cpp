#include "statuscolors.h"

#include <QCoreApplication>

namespace cellcrf::forms {

namespace {
// lupdate files these free functions' texts under the namespace.
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::forms", text);
}
} // namespace

QColor formStatusColor(const QString &status)
{
    if (status == QLatin1String("incomplete"))
        return QColor(0xf6, 0xd8, 0x8f);
    if (status == QLatin1String("complete"))
        return QColor(0xa8, 0xd5, 0xa2);
    if (status == QLatin1String("verified"))
        return QColor(0x8e, 0xc3, 0xe6);
    if (status == QLatin1String("signed"))
        return QColor(0xb9, 0xa7, 0xe0);
    if (status == QLatin1String("locked"))
        return QColor(0xb0, 0xb6, 0xbe);
    if (status == QLatin1String("query"))
        return QColor(0xf0, 0x9a, 0x8a);
    return QColor(0xf2, 0xf3, 0xf5);
}

QString formStatusText(const QString &status)
{
    if (status == QLatin1String("incomplete"))
        return tr("Incomplete");
    if (status == QLatin1String("complete"))
        return tr("Complete");
    if (status == QLatin1String("verified"))
        return tr("Verified");
    if (status == QLatin1String("signed"))
        return tr("Signed");
    if (status == QLatin1String("locked"))
        return tr("Locked");
    if (status == QLatin1String("query"))
        return tr("Open query");
    return tr("Not started");
}

QColor visitStateColor(study::VisitState state)
{
    switch (state) {
    case study::VisitState::Due:
        return QColor(0xf6, 0xd8, 0x8f);
    case study::VisitState::Overdue:
        return QColor(0xf0, 0x9a, 0x8a);
    case study::VisitState::Done:
        return QColor(0xa8, 0xd5, 0xa2);
    case study::VisitState::Missed:
        return QColor(0xb0, 0xb6, 0xbe);
    case study::VisitState::NotDue:
    case study::VisitState::Unscheduled:
        break;
    }
    return QColor(0xf2, 0xf3, 0xf5);
}

QString visitStateText(study::VisitState state)
{
    switch (state) {
    case study::VisitState::NotDue:
        return tr("Not due");
    case study::VisitState::Due:
        return tr("Due");
    case study::VisitState::Overdue:
        return tr("Overdue");
    case study::VisitState::Done:
        return tr("Done");
    case study::VisitState::Missed:
        return tr("Missed");
    case study::VisitState::Unscheduled:
        return tr("As needed");
    }
    return {};
}

QString subjectStatusText(const QString &status)
{
    if (status == QLatin1String("screening"))
        return tr("Screening");
    if (status == QLatin1String("screen_failed"))
        return tr("Screen failed");
    if (status == QLatin1String("on_study"))
        return tr("On study");
    if (status == QLatin1String("randomized"))
        return tr("Randomized");
    if (status == QLatin1String("completed"))
        return tr("Completed");
    if (status == QLatin1String("withdrawn"))
        return tr("Withdrawn");
    if (status == QLatin1String("died"))
        return tr("Died");
    return status;
}

QString roleText(const QString &role)
{
    if (role == QLatin1String("nurse"))
        return tr("Study nurse");
    if (role == QLatin1String("investigator"))
        return tr("Investigator");
    if (role == QLatin1String("monitor"))
        return tr("Monitor");
    if (role == QLatin1String("data_manager"))
        return tr("Data manager");
    if (role == QLatin1String("administrator"))
        return tr("Administrator");
    return role;
}

} // namespace cellcrf::forms
