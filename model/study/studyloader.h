#pragma once

// StudyLoader reads a study definition (resources/studies/README.md describes the
// format) into a Study and checks every reference in it. A definition is the
// contract between the people who write a protocol and everything that reads its
// data, so a broken one never loads in part: the loader collects every error it
// can find, each naming the file and the JSON path, and returns them together so
// that an author fixes a definition in one pass instead of one error at a time.

#include "core/result.h"
#include "study/study.h"

#include <QString>
#include <QStringList>

namespace cellcrf::study {

class StudyLoader
{
public:
    // The value of "format" in every study.json this loader understands.
    static QString formatName();

    // Loads `directory` (a folder or a Qt resource path such as ":/studies/s1904")
    // holding study.json and forms/<form>.json. On failure the message lists
    // every error, one per line, as "<file>: <JSON path>: <message>".
    static Result<Study> load(const QString &directory);

    // Loads a bare randomization scheme: the "randomization" block of a study.json
    // plus "sites": [site codes in definition order]. Checked as in a study, except
    // what needs the rest of the study (the arm code list, the factors' items).
    static Result<RandomizationScheme> loadRandomizationScheme(const QString &file);

    // The names of the sub-folders of `root` that hold a study.json, sorted.
    static QStringList availableStudies(const QString &root);
};

} // namespace cellcrf::study
