#pragma once

// The annotated blank case report form of a study, built from its definition
// (study::Study) as submissions expect it: every form as the site sees it, with
// its sections and questions and an empty answer field, and beside each
// question the annotations a reviewer maps the data with, visually apart from
// the form itself: the variable name and the item OID in a blue box, the data
// type and unit, whether an answer is required, the code list (code = label),
// hard and soft limits, the condition that shows the question, what computes a
// calculated or derived item, and the missing-data reasons allowed. Each form
// starts on a new page that names the visits it is scheduled at.

#include "study/study.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

namespace cellcrf::pdf {

struct CrfOptions
{
    QStringList forms;                     // empty: every form, in definition order
    QString locale = QStringLiteral("en"); // the main language; the others are shown smaller below
};

// The anchor a form's heading carries, for the table of contents.
QString formAnchor(const QString &formOid);

// The body of the annotated CRF. `pages` gives the page of each form anchor
// (empty while the first layout finds them).
QString annotatedCrfHtml(const study::Study &study, const CrfOptions &options, const QDateTime &generatedUtc,
                         const QHash<QString, int> &pages = {});

// A text and its other translations (smaller, below), as HTML.
QString localizedHtml(const study::LocalizedText &text, const QString &locale);

} // namespace cellcrf::pdf
