#pragma once

// The main window of a signed-in session: subject list and casebook, the status
// bar (user, role, site, database file), the language switch, and the session
// lock (on request and after inactivity). Every way out of a form with unsaved
// edits (closing, switching subject, quitting, locking) goes through the form's
// unsaved-changes guard.

#include "core/actor.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QTabWidget;
class QTimer;
class QActionGroup;

namespace cellcrf::records {
class StudyFile;
}

namespace cellcrf::forms {

class Authenticator;
class CasebookView;
class DashboardView;
class ExportDialog;
class Language;
class Prompt;
class RecordActions;
class SubjectListView;

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(records::StudyFile &file, const Actor &actor, Authenticator &auth, RecordActions &actions,
               Prompt &prompt, Language &language, QWidget *parent = nullptr);
    ~MainWindow() override;

    SubjectListView *subjectList() const { return m_subjects; }
    CasebookView *casebook() const { return m_casebook; }
    DashboardView *dashboard() const { return m_dashboard; }
    void showDashboard();
    QTabWidget *tabs() const { return m_tabs; }
    // Opens a subject's casebook; false when the person stayed on unsaved edits.
    bool openSubject(qint64 subjectId);
    // Locks the session now. With `ask`, unsaved edits go through the guard first;
    // after inactivity they are kept, unsaved, behind the lock.
    bool lockSession(bool ask);
    bool isLocked() const { return m_locked; }
    void setIdleTimeoutMinutes(int minutes);
    void restoreSettings();
    // File > Export…: disabled, with the reason as tooltip, for roles without the export right.
    QAction *exportAction() const { return m_exportAction; }
    // Opens the export dialog (or raises the open one); null when export is not allowed.
    ExportDialog *showExportDialog();
    ExportDialog *exportDialog() const;

Q_SIGNALS:
    void openFileRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createMenus();
    void retranslate();
    void applyLocale(const QString &locale);
    void updateStatusBar();

    records::StudyFile &m_file;
    Actor m_actor;
    Authenticator &m_auth;
    Prompt &m_prompt;
    Language &m_language;
    QTabWidget *m_tabs = nullptr;
    SubjectListView *m_subjects = nullptr;
    CasebookView *m_casebook = nullptr;
    DashboardView *m_dashboard = nullptr;
    bool m_dashboardLoaded = false;
    QLabel *m_userLabel = nullptr;
    QLabel *m_roleLabel = nullptr;
    QLabel *m_siteLabel = nullptr;
    QLabel *m_fileLabel = nullptr;
    QTimer *m_idle = nullptr;
    bool m_locked = false;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_sessionMenu = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_exportAction = nullptr;
    QPointer<ExportDialog> m_exportDialog;
    QAction *m_quitAction = nullptr;
    QAction *m_subjectsAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_lockAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
};

} // namespace cellcrf::forms
