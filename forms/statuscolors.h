#pragma once

// One palette for statuses everywhere (subject list, casebook, dashboard), with
// the words people read beside the colours (colour is never the only cue).

#include "study/schedule.h"

#include <QColor>
#include <QString>

namespace cellcrf::forms {

QColor formStatusColor(const QString &status);
QString formStatusText(const QString &status);
QColor visitStateColor(study::VisitState state);
QString visitStateText(study::VisitState state);
QString subjectStatusText(const QString &status);
QString roleText(const QString &role);

} // namespace cellcrf::forms
