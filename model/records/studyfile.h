#pragma once

// StudyFile is one open study database together with the study definition it
// was created for: the object the GUI and the CLI each hold while they work.
// Creating one writes the study's identity, its sites and the local device into
// a new file, audited; opening one finds the definition named in the file. It
// lives with the records because it owns the file's ClinicalData and loads the
// study definitions built into the program (":/studies", compiled into
// cellcrf_records), neither of which the store may know.

#include "core/result.h"
#include "records/clinicaldata.h"
#include "store/database.h"
#include "study/study.h"

#include <memory>

namespace cellcrf {
class Clock;
}

namespace cellcrf::records {

struct CreateOptions
{
    QString deviceId;   // empty: a random id
    QString deviceName; // e.g. the workstation's host name
    bool demo = false;  // a demonstration database (demo accounts are listed at login)
    QString creator = QStringLiteral("system");
};

class StudyFile
{
    Q_DISABLE_COPY_MOVE(StudyFile)

public:
    ~StudyFile();

    // Where the definitions built into the program live (":/studies").
    static QString builtInStudiesRoot();
    // Loads a built-in definition by oid (s1904, peds-cd19).
    static Result<study::Study> loadBuiltInStudy(const QString &studyOid);

    // Creates a new study database; refuses to touch an existing non-empty file.
    static Result<std::unique_ptr<StudyFile>> create(const QString &path, const QString &studyOid, const Clock &clock,
                                                     const CreateOptions &options = {});
    static Result<std::unique_ptr<StudyFile>> open(const QString &path, const Clock &clock);

    store::Database &database() { return *m_db; }
    const study::Study &study() const { return m_study; }
    ClinicalData &data() { return *m_data; }
    const Clock &clock() const { return m_clock; }
    bool isDemo() const;
    QString path() const { return m_db->path(); }

private:
    StudyFile(std::unique_ptr<store::Database> db, study::Study study, const Clock &clock);

    std::unique_ptr<store::Database> m_db;
    study::Study m_study;
    const Clock &m_clock;
    std::unique_ptr<ClinicalData> m_data;
};

} // namespace cellcrf::records
