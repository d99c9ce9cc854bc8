#pragma once

// The Export dialog of a data manager (EXCHANGE.md): a format, the options that
// format takes (sites, forms, events, a date range, raw codes or labels, the
// UTF-8 byte order mark, de-identification), a destination folder, and then a
// progress bar with Cancel and a summary of what was written.
//
// The export runs in an ExportJob thread with its own connection to the study
// file: Qt SQL connections belong to the thread that opened them, and the file
// is in WAL mode, so the export reads beside the window's connection while the
// window stays responsive. The exporters write every file beside its final name
// and rename them only when all are complete, so a cancelled or failed export
// leaves nothing behind. The dialog holds no rules: the permission check, the
// filters and the manifest are the model's (model/exchange).

#include "core/actor.h"
#include "core/result.h"
#include "exchange/exportcommon.h"

#include <QAtomicInt>
#include <QDialog>
#include <QThread>
#include <QUrl>

#include <functional>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTreeWidget;

namespace cellcrf {
class Clock;
namespace records {
class StudyFile;
}
} // namespace cellcrf

namespace cellcrf::forms {

// What one run of an export gets, in the export's own thread.
struct ExportRun
{
    records::StudyFile &file; // opened by the export thread, on the same study file
    const Actor &actor;
    const exchange::ExportOptions &options;
    const QString &directory;
    const exchange::Progress &progress;
    const exchange::CancelCheck &cancelled;
};

// The options a format takes; the dialog disables the others.
enum class ExportOption
{
    Sites = 0x01,
    Forms = 0x02,
    Events = 0x04,
    Dates = 0x08,
    Labels = 0x10,     // raw codes or labels
    Bom = 0x20,        // UTF-8 byte order mark
    Deidentify = 0x40, // identifiers dropped, dates as day offsets from consent
    DataAccessGroups = 0x80,
};
Q_DECLARE_FLAGS(ExportOptionSet, ExportOption)
Q_DECLARE_OPERATORS_FOR_FLAGS(ExportOptionSet)

// One entry of the format list. A new format is one more entry in
// exportFormats(): its names, the options it takes and the call that writes it.
struct ExportFormat
{
    QString id;              // "redcap", "redcap-labels", "long", "audit", "odm", "odm-transactional", "endpoints"
    const char *name;        // translated in the context of ExportDialog
    const char *description; // one line, translated likewise
    ExportOptionSet options;
    bool labels = false;        // the labels variant of a format that also has a raw one
    bool transactional = false; // ODM: the full history instead of a snapshot
    bool cancellable = true;    // false: the writer cannot stop part way
    bool countsEvents = false;  // progress counts audit events, not subjects
    std::function<Result<exchange::ExportResult>(const ExportRun &)> write;
};

// The formats the dialog offers, in the order shown.
const QList<ExportFormat> &exportFormats();

// One export in its own thread. The study file is opened, read and closed again
// inside run(), so the connection never crosses threads.
class ExportJob final : public QThread
{
    Q_OBJECT

public:
    ExportJob(QString studyPath, const Clock &clock, Actor actor, ExportFormat format, exchange::ExportOptions options,
              QString directory, QObject *parent = nullptr);
    // Cancels a running export and waits for its thread.
    ~ExportJob() override;

    const ExportFormat &format() const { return m_format; }
    const QString &directory() const { return m_directory; }
    // Thread-safe: the export stops before its next subject and removes its files.
    void cancel() { m_cancel.storeRelease(1); }
    bool isCancelRequested() const { return m_cancel.loadAcquire() != 0; }
    // Set when run() returned (read it after finished()).
    const std::optional<Result<exchange::ExportResult>> &result() const { return m_result; }

Q_SIGNALS:
    // Emitted from the export's thread, at most once per thousandth of the work
    // (and at the start and the end); `done` counts subjects or audit events.
    void progressed(qint64 done, qint64 total);

protected:
    void run() override;

private:
    QString m_studyPath;
    const Clock &m_clock;
    Actor m_actor;
    ExportFormat m_format;
    exchange::ExportOptions m_options;
    QString m_directory;
    QAtomicInt m_cancel{0};
    std::optional<Result<exchange::ExportResult>> m_result;
};

class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    // Opens the folder of a finished export (QDesktopServices::openUrl unless replaced).
    using FolderOpener = std::function<void(const QUrl &)>;

    ExportDialog(records::StudyFile &file, const Actor &actor, const QString &locale, QWidget *parent = nullptr);
    // Cancels a running export and waits for it.
    ~ExportDialog() override;

    void setFolderOpener(FolderOpener opener) { m_openFolder = std::move(opener); }
    // The format by id (see exportFormats()); false when unknown.
    bool setFormat(const QString &formatId);
    QString formatId() const;
    void setDirectory(const QString &directory);
    QString directory() const;
    // The options as the widgets show them, for the chosen format.
    exchange::ExportOptions options() const;
    bool isRunning() const;
    // The last export's result, once it finished.
    const std::optional<Result<exchange::ExportResult>> &lastResult() const { return m_lastResult; }

    // Starts the export (the Export button).
    void startExport();
    // Asks the running export to stop (the Cancel button).
    void cancelExport();
    void reject() override;

Q_SIGNALS:
    // Emitted before the job's thread starts, so that a caller can connect to it.
    void exportStarted(cellcrf::forms::ExportJob *job);
    // The export ended: written, failed or cancelled (see lastResult()).
    void exportFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct CheckList
    {
        QLabel *title = nullptr;
        QListWidget *list = nullptr;
        QPushButton *all = nullptr;
        QPushButton *none = nullptr;
    };

    void buildUi();
    CheckList makeCheckList(const QString &name);
    void fillLists();
    void setFormatIndex(int index);
    void useLabels(bool labels);
    bool prepareDirectory(QString &directory);
    void removeCreatedDirectories();
    void retranslate();
    void updateOptionStates();
    void setRunning(bool running);
    void showError(const QString &message);
    void showProgress(qint64 done, qint64 total);
    void jobFinished();
    void chooseDirectory();
    QStringList checkedOids(const CheckList &list) const;
    const ExportFormat &currentFormat() const;

    records::StudyFile &m_file;
    Actor m_actor;
    QString m_locale;
    Status m_allowed;
    FolderOpener m_openFolder;
    ExportJob *m_job = nullptr;
    QStringList m_createdDirectories; // by the running export, deepest first
    std::optional<Result<exchange::ExportResult>> m_lastResult;

    QLabel *m_formatLabel = nullptr;
    QComboBox *m_format = nullptr;
    QLabel *m_description = nullptr;
    QGroupBox *m_selection = nullptr;
    CheckList m_sites;
    CheckList m_forms;
    CheckList m_events;
    QCheckBox *m_useFrom = nullptr;
    QDateEdit *m_from = nullptr;
    QCheckBox *m_useTo = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_datesNote = nullptr;
    QGroupBox *m_fileOptions = nullptr;
    QLabel *m_valuesLabel = nullptr;
    QRadioButton *m_raw = nullptr;
    QRadioButton *m_labels = nullptr;
    QButtonGroup *m_valuesGroup = nullptr;
    QCheckBox *m_bom = nullptr;
    QCheckBox *m_deidentify = nullptr;
    QCheckBox *m_dataAccessGroups = nullptr;
    QLabel *m_folderLabel = nullptr;
    QLineEdit *m_directory = nullptr;
    QPushButton *m_chooseDirectory = nullptr;
    QCheckBox *m_openWhenDone = nullptr;
    QStackedWidget *m_statusStack = nullptr;
    QLabel *m_hint = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QLabel *m_progressFolder = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_message = nullptr;
    QTreeWidget *m_files = nullptr;
    QPushButton *m_openFolderButton = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace cellcrf::forms
