#include "mainwindow.h"

#include "authenticator.h"
#include "casebookview.h"
#include "dashboard.h"
#include "exchange/exportcommon.h"
#include "exportdialog.h"
#include "formrenderer.h"
#include "language.h"
#include "prompt.h"
#include "records/studyfile.h"
#include "statuscolors.h"
#include "subjectlistview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cellcrf::forms {

namespace {

// The lock screen: only the signed-in person's password opens it again.
class LockDialog final : public QDialog
{
public:
    LockDialog(Authenticator &auth, const Actor &actor, QWidget *parent)
        : QDialog(parent)
        , m_auth(auth)
        , m_actor(actor)
    {
        setObjectName(QStringLiteral("lockDialog"));
        setWindowTitle(MainWindow::tr("Session locked"));
        auto *text = new QLabel(
            MainWindow::tr("The session of %1 is locked. Enter the password to continue.").arg(actor.fullName), this);
        text->setWordWrap(true);
        m_password = new QLineEdit(this);
        m_password->setObjectName(QStringLiteral("unlockPassword"));
        m_password->setAccessibleName(MainWindow::tr("Password"));
        m_password->setEchoMode(QLineEdit::Password);
        m_error = new QLabel(this);
        m_error->setStyleSheet(QStringLiteral("color: #a12622;"));
        m_error->hide();
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok, this);
        buttons->button(QDialogButtonBox::Ok)->setText(MainWindow::tr("Unlock"));
        buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("unlockButton"));
        connect(buttons, &QDialogButtonBox::accepted, this, &LockDialog::accept);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(text);
        layout->addWidget(m_password);
        layout->addWidget(m_error);
        layout->addWidget(buttons);
        setMinimumWidth(380);
    }
    void accept() override
    {
        const auto ok = m_auth.confirmPassword(m_actor, m_password->text());
        if (!ok) {
            m_error->setText(ok.message());
            m_error->show();
            m_password->clear();
            return;
        }
        QDialog::accept();
    }
    void reject() override {} // Escape does not unlock.

private:
    Authenticator &m_auth;
    Actor m_actor;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace

MainWindow::MainWindow(records::StudyFile &file, const Actor &actor, Authenticator &auth, RecordActions &actions,
                       Prompt &prompt, Language &language, QWidget *parent)
    : QMainWindow(parent)
    , m_file(file)
    , m_actor(actor)
    , m_auth(auth)
    , m_prompt(prompt)
    , m_language(language)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_subjects = new SubjectListView(m_file.data(), m_actor, m_auth, &actions, m_tabs);
    m_subjects->setObjectName(QStringLiteral("subjectList"));
    m_casebook = new CasebookView(m_file.data(), m_actor, m_auth, actions, m_prompt, m_tabs);
    m_dashboard = new DashboardView(m_file.data(), m_actor, &actions, m_tabs);
    m_tabs->addTab(m_subjects, QString());
    m_tabs->addTab(m_casebook, QString());
    m_tabs->addTab(m_dashboard, QString());
    m_tabs->setTabEnabled(1, false);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == 2 && !m_dashboardLoaded) {
            m_dashboard->reload();
            m_dashboardLoaded = true;
        }
    });
    connect(m_dashboard, &DashboardView::formRequested, this,
            [this](qint64 subjectId, const QString &eventOid, const QString &formOid) {
                if (openSubject(subjectId))
                    m_casebook->openForm(eventOid, formOid);
            });
    setCentralWidget(m_tabs);

    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(QStringLiteral("statusUser"));
    m_roleLabel = new QLabel(this);
    m_roleLabel->setObjectName(QStringLiteral("statusRole"));
    m_siteLabel = new QLabel(this);
    m_siteLabel->setObjectName(QStringLiteral("statusSite"));
    m_fileLabel = new QLabel(this);
    m_fileLabel->setObjectName(QStringLiteral("statusFile"));
    for (auto *l : {m_userLabel, m_roleLabel, m_siteLabel})
        statusBar()->addWidget(l);
    statusBar()->addPermanentWidget(m_fileLabel);

    connect(m_subjects, &SubjectListView::subjectActivated, this, &MainWindow::openSubject);
    connect(m_casebook, &CasebookView::subjectDataChanged, m_subjects, &SubjectListView::subjectChanged);
    connect(m_casebook, &CasebookView::subjectDataChanged, this, [this](qint64 id) {
        if (m_dashboardLoaded)
            m_dashboard->model()->subjectChanged(id);
    });
    connect(m_casebook->formView(), &FormView::modifiedChanged, this,
            [this](bool modified) { setWindowModified(modified); });
    connect(&m_language, &Language::changed, this, &MainWindow::applyLocale);

    m_idle = new QTimer(this);
    m_idle->setSingleShot(true);
    connect(m_idle, &QTimer::timeout, this, [this] { lockSession(false); });
    qApp->installEventFilter(this);

    createMenus();
    retranslate();
    applyLocale(m_language.current());
    m_subjects->reload();
    resize(1360, 860);
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_openAction = m_fileMenu->addAction(QString(), this, &MainWindow::openFileRequested);
    m_openAction->setObjectName(QStringLiteral("openFileAction"));
    m_openAction->setShortcut(QKeySequence::Open);
    m_exportAction = m_fileMenu->addAction(QString(), this, [this] { showExportDialog(); });
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_fileMenu->setToolTipsVisible(true);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_subjectsAction = m_viewMenu->addAction(QString(), this, [this] { m_tabs->setCurrentIndex(0); });
    m_subjectsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_findAction = m_viewMenu->addAction(QString(), this, [this] {
        m_tabs->setCurrentIndex(0);
        m_subjects->setFocus(Qt::ShortcutFocusReason);
    });
    m_findAction->setShortcut(QKeySequence::Find);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    for (const auto &locale : Language::available()) {
        auto *action = m_languageMenu->addAction(Language::displayName(locale));
        action->setObjectName(QStringLiteral("language_%1").arg(locale));
        action->setCheckable(true);
        action->setChecked(locale == m_language.current());
        action->setData(locale);
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, locale] { m_language.use(locale); });
    }

    m_sessionMenu = menuBar()->addMenu(QString());
    m_lockAction = m_sessionMenu->addAction(QString(), this, [this] { lockSession(true); });
    m_lockAction->setObjectName(QStringLiteral("lockSessionAction"));
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("%1 — CellCRF[*]").arg(m_file.study().name.text(m_language.current())));
    m_tabs->setTabText(0, tr("Subjects"));
    m_tabs->setTabText(1, tr("Casebook"));
    m_tabs->setTabText(2, tr("Record status"));
    m_fileMenu->setTitle(tr("&File"));
    m_openAction->setText(tr("&Open study file…"));
    m_exportAction->setText(tr("&Export…"));
    const Status mayExport = exchange::checkExportAllowed(m_actor);
    m_exportAction->setEnabled(mayExport.isOk());
    m_exportAction->setToolTip(mayExport.isOk() ? tr("Export data for analysis or archiving (Ctrl+E)")
                                                : mayExport.message());
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_subjectsAction->setText(tr("&Subjects"));
    m_findAction->setText(tr("&Find subject"));
    m_languageMenu->setTitle(tr("&Language"));
    m_sessionMenu->setTitle(tr("&Session"));
    m_lockAction->setText(tr("&Lock screen"));
    updateStatusBar();
}

void MainWindow::applyLocale(const QString &locale)
{
    for (auto *a : m_languageGroup->actions())
        a->setChecked(a->data().toString() == locale);
    m_subjects->setLocale(locale);
    m_dashboard->setLocale(locale);
    m_casebook->setLocale(locale);
    retranslate();
}

void MainWindow::updateStatusBar()
{
    const QString locale = m_language.current();
    m_userLabel->setText(tr("User: %1").arg(m_actor.fullName));
    m_userLabel->setToolTip(tr("Signed in as %1").arg(m_actor.userName));
    m_roleLabel->setText(tr("Role: %1").arg(roleText(m_actor.role)));
    QStringList sites;
    for (const auto &site : m_file.study().sites)
        if (m_actor.mayAccessSite(site.oid))
            sites.append(site.name.text(locale));
    m_siteLabel->setText(m_actor.siteOids.isEmpty() ? tr("Sites: all") : tr("Site: %1").arg(sites.join(u", ")));
    QString fileText = tr("Database: %1").arg(QDir::toNativeSeparators(m_file.path()));
    if (m_file.isDemo())
        fileText = tr("%1 (demonstration)").arg(fileText);
    m_fileLabel->setText(fileText);
    m_fileLabel->setToolTip(QDir::toNativeSeparators(m_file.path()));
}

void MainWindow::showDashboard()
{
    m_tabs->setCurrentIndex(2);
}

bool MainWindow::openSubject(qint64 subjectId)
{
    if (!m_casebook->setSubject(subjectId)) {
        m_tabs->setCurrentIndex(1);
        return false;
    }
    m_tabs->setTabEnabled(1, true);
    m_tabs->setCurrentIndex(1);
    m_casebook->scheduleTree()->setFocus();
    return true;
}

bool MainWindow::lockSession(bool ask)
{
    if (m_locked)
        return true;
    if (ask && !m_casebook->maybeLeave())
        return false;
    m_locked = true;
    m_idle->stop();
    LockDialog dialog(m_auth, m_actor, this);
    dialog.exec();
    m_locked = false;
    m_idle->start();
    return true;
}

ExportDialog *MainWindow::showExportDialog()
{
    if (!m_exportAction->isEnabled())
        return nullptr;
    if (!m_exportDialog) {
        m_exportDialog = new ExportDialog(m_file, m_actor, m_language.current(), this);
        m_exportDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_exportDialog->setWindowModality(Qt::WindowModal);
    }
    m_exportDialog->show();
    m_exportDialog->raise();
    m_exportDialog->activateWindow();
    return m_exportDialog;
}

ExportDialog *MainWindow::exportDialog() const
{
    return m_exportDialog;
}

void MainWindow::setIdleTimeoutMinutes(int minutes)
{
    m_idle->setInterval(minutes * 60 * 1000);
    if (minutes > 0)
        m_idle->start();
    else
        m_idle->stop();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_casebook->splitter()->restoreState(settings.value(QStringLiteral("mainWindow/casebookSplitter")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_casebook->maybeLeave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/casebookSplitter"), m_casebook->splitter()->saveState());
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        if (!m_locked && m_idle->interval() > 0)
            m_idle->start();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace cellcrf::forms
