#pragma once

// What every export shares: the options a data manager chooses, the files it
// produced, the permission check and audit event, the REDCap-style variable
// names, and a reader that streams the study one subject at a time so that
// memory stays flat however many subjects the file holds.

#include "core/actor.h"
#include "core/result.h"
#include "study/study.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSaveFile>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace cellcrf {
class Clock;
namespace store {
class Database;
}
} // namespace cellcrf

namespace cellcrf::exchange {

struct ExportOptions
{
    QStringList sites;             // empty: every site the actor may see
    QStringList forms;             // empty: every form
    QStringList events;            // empty: every event
    QDate from;                    // forms last changed on or after (invalid: no limit)
    QDate to;                      // forms last changed on or before (invalid: no limit)
    bool labels = false;           // labels variant: for people to read, not for re-import
    bool bom = false;              // UTF-8 byte order mark
    bool deidentify = false;       // drop identifier items, dates become day offsets from consent
    bool transactional = false;    // ODM: full history instead of a snapshot
    bool dataAccessGroups = false; // REDCap: the site as redcap_data_access_group

    QJsonObject toJson() const;
    // InvalidInput when the options contradict themselves (a date range that
    // ends before it starts); every caller asks the same question.
    Status check() const;
};

// The study file an export reads and the person exporting it.
struct ExportContext
{
    store::Database &db;
    const study::Study &study;
    const Clock &clock;
    Actor actor;
};

// Called with the subjects done so far and the total; return nothing.
using Progress = std::function<void(qint64 done, qint64 total)>;
// Polled between subjects: true stops the export and leaves no file behind.
using CancelCheck = std::function<bool()>;

struct ExportedFile
{
    QString fileName; // name inside the target folder
    QString sha256;
    qint64 rows = 0; // CSV records without the header; XML: elements of interest
};

struct ExportResult
{
    QList<ExportedFile> files;
    qint64 subjects = 0;
};

// One form instance of a subject with its stored values.
struct StoredValue
{
    QString value;
    QString missingReason;
    QString changedBy;
    QString changedUtc;
    int itemIndex = -1; // the item's position in its form's definition; -1 when the definition lacks it
};

struct StoredForm
{
    QString eventOid;
    int eventRepeat = 1;
    QString formOid;
    int formRepeat = 1;
    QString status;
    QString updatedUtc;
    QString updatedBy;
    QHash<QString, StoredValue> values; // by item oid
};

struct StoredSubject
{
    qint64 id = 0;
    QString key;
    QString siteOid;
    QString status;
    QList<StoredForm> forms; // ordered by event (study order), repeat, form (study order), repeat
    std::optional<QDate> consent;
};

// Streams the subjects an export covers, applying the actor's sites and the
// filters of the options. Only one subject is held at a time. It reads through
// SQLite's own interface on the file's connection: every value is read once,
// as the UTF-8 SQLite stores, without the per-column conversions of Qt SQL.
class SubjectReader
{
public:
    SubjectReader(const store::Database &db, const study::Study &study, const Actor &actor,
                  const ExportOptions &options, bool withChangeInfo);
    ~SubjectReader();
    Q_DISABLE_COPY_MOVE(SubjectReader)

    // Number of subjects that will be read.
    qint64 count() const { return m_ids.size(); }
    // The next subject, or nullopt at the end or on a database error (see status()).
    std::optional<StoredSubject> next();
    const Status &status() const { return m_status; }

private:
    struct Statements;
    // The item oids of one form as SQLite stores them, sorted bytewise like
    // SQLite's BINARY collation, so that a stored item finds its definition
    // without building a string first.
    struct ItemKey
    {
        QByteArray utf8;
        int index = -1;
    };
    struct FormKeys
    {
        const study::Form *form = nullptr;
        QList<ItemKey> items;
    };
    void fail(const QString &what);

    const study::Study &m_study;
    ExportOptions m_options;
    bool m_withChangeInfo;
    std::unique_ptr<Statements> m_sql;
    QList<qint64> m_ids;
    qsizetype m_pos = 0;
    Status m_status;
    QHash<QString, int> m_eventOrder;
    QHash<QString, int> m_formOrder;
    QHash<QString, FormKeys> m_formKeys;
};

// Variable names as REDCap wants them: lower case letters, digits and '_',
// starting with a letter, unique across the study (an item name used by two
// forms is prefixed with its form).
class VariableNames
{
public:
    explicit VariableNames(const study::Study &study);
    QString field(const QString &formOid, const QString &itemOid) const;
    // The same for a reference of the rules language ("item" within `formOid`, or "form.item").
    QString reference(const QString &formOid, const QString &reference) const;
    static QString sanitize(const QString &name);
    // "<field>___<code>" with the code's other characters as '_'.
    static QString checkboxColumn(const QString &field, const QString &code);
    static QString uniqueEventName(const QString &eventOid);
    static QString formName(const QString &formOid);

private:
    QHash<QString, QString> m_names; // "form.item" -> name
};

// Ok when `actor` may export (auth::Permissions), else PermissionDenied.
Status checkExportAllowed(const Actor &actor);
// The actor as an export reads: the chosen sites (empty: all) narrow the sites
// the actor may see and never widen them; PermissionDenied when none is left.
Result<Actor> readerForSites(const Actor &actor, const QStringList &sites);
// What every export checks before it writes: the export right, options that
// make sense (ExportOptions::check) and an existing folder.
Status checkExportStart(const Actor &actor, const ExportOptions &options, const QString &directory);
// Writes the audit event of a finished export naming every file and its hash.
Status auditExport(store::Database &db, const Clock &clock, const Actor &actor, const QString &kind,
                   const ExportOptions &options, const ExportResult &result);

// The day offset of a stored date or datetime from the subject's consent date
// (de-identification); empty when either is missing or the date is partial.
QString dayOffset(const QString &storedDate, const std::optional<QDate> &anchor);

// Files of one export are written beside their final names and renamed only
// when all of them are complete, so a cancelled or failed export leaves nothing.
class OutputFiles
{
public:
    explicit OutputFiles(QString directory);
    ~OutputFiles(); // removes what was staged and never committed
    OutputFiles(const OutputFiles &) = delete;
    OutputFiles &operator=(const OutputFiles &) = delete;

    // Opens a new file, written as a stream; nullptr (and status() set) when it
    // cannot be created. It stays open until commitAll().
    QSaveFile *open(const QString &fileName);
    // Stages a file whose bytes are complete (a rendered document) as a hidden
    // ".<name>.part" beside its final name and closes it at once, so an export
    // of thousands of documents never holds more than one of them open.
    Status stage(const QString &fileName, const QByteArray &bytes);
    Status commitAll();
    const Status &status() const { return m_status; }
    QString directory() const { return m_dir; }

private:
    QString m_dir;
    QList<std::shared_ptr<QSaveFile>> m_files;
    QStringList m_staged; // final names; the bytes wait in stagedPath(name)
    Status m_status;
    QString stagedPath(const QString &fileName) const;
};

// SHA-256 (hex) of bytes.
QString sha256Hex(const QByteArray &bytes);
// "yyyy-MM-dd_HHmm" of the export time, for file names.
QString fileStamp(const QDateTime &utc);
// Writes <study>_manifest.json into `files` and adds it to `result`.
Status writeManifest(OutputFiles &files, const QString &fileName, const study::Study &study, const Actor &actor,
                     const QDateTime &utc, const QString &kind, const ExportOptions &options, ExportResult &result,
                     const QJsonObject &extra = {});

} // namespace cellcrf::exchange
