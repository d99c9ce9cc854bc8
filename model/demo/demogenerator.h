#pragma once

// Demonstration and benchmark data: realistic synthetic subjects of a study,
// entered through the same ClinicalData save path (and so the same validation
// and audit trail) as a nurse's entries. The demo investigator signs the
// casebooks of the first finished subjects whose forms are all complete (up to
// twelve), through the same signing path as a person. The same seed gives the
// same database.

#include "core/result.h"
#include "records/studyfile.h"

#include <functional>
#include <memory>

namespace cellcrf::demo {

struct DemoOptions
{
    QString studyOid = QStringLiteral("s1904");
    int subjects = 200;
    quint64 seed = 1;
};

using Progress = std::function<void(int subjectsDone, int subjectsTotal)>;

// Creates `path` (which must not exist) and fills it. The file is marked as a
// demo database. On failure the partly written file is removed.
Result<std::unique_ptr<records::StudyFile>> createDemoDatabase(const QString &path, const DemoOptions &options,
                                                               const Progress &progress = {});

} // namespace cellcrf::demo
