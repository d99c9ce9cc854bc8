// The composition root of the desktop program: it finds the study file, signs
// the person in and wires the window. Behaviour lives in model/ and forms/.

#include "auth/authservice.h"
#include "auth/session.h"
#include "core/clock.h"
#include "demo/demogenerator.h"
#include "language.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "modelauthenticator.h"
#include "prompt.h"
#include "recordactions.h"
#include "records/studyfile.h"
#include "startdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>

using namespace cellcrf;

namespace cellcrf::gui {
// The translation context of the texts below.
class Main
{
    Q_DECLARE_TR_FUNCTIONS(cellcrf::gui::Main)
};
} // namespace cellcrf::gui

namespace {

using gui::Main;

QString demoPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("demo-s1904.cellcrf"));
}

Result<std::unique_ptr<records::StudyFile>> openDemo(const Clock &clock)
{
    const QString path = demoPath();
    if (QFileInfo::exists(path))
        return records::StudyFile::open(path, clock);
    // Generated under another name and renamed when complete, so that an
    // interrupted first start never leaves a half-filled demo behind.
    const QString partial = path + QStringLiteral(".creating");
    for (const auto &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(partial + suffix);
    QProgressDialog progress(Main::tr("Creating the demonstration study (S1904, 200 subjects)…"), QString(), 0, 200);
    progress.setObjectName(QStringLiteral("demoProgress"));
    progress.setWindowTitle(Main::tr("CellCRF"));
    progress.setMinimumDuration(0);
    progress.setWindowModality(Qt::ApplicationModal);
    progress.setValue(0);
    auto created =
        demo::createDemoDatabase(partial, {QStringLiteral("s1904"), 200, 1}, [&progress](int done, int total) {
            progress.setMaximum(total);
            progress.setValue(done);
            QCoreApplication::processEvents();
        });
    if (!created)
        return created;
    created->reset(); // closes the database and checkpoints its journal
    for (const auto &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFileInfo::exists(partial + suffix))
            QFile::rename(partial + suffix, path + suffix);
    if (!QFile::rename(partial, path))
        return Status::error(ErrorCode::Io, Main::tr("The demonstration study could not be saved as %1.").arg(path));
    return records::StudyFile::open(path, clock);
}

Result<std::unique_ptr<records::StudyFile>> createStudy(const Clock &clock)
{
    bool ok = false;
    const QString study = QInputDialog::getItem(nullptr, Main::tr("New study file"), Main::tr("Study:"),
                                                {QStringLiteral("s1904"), QStringLiteral("peds-cd19")}, 0, false, &ok);
    if (!ok)
        return Status::error(ErrorCode::Cancelled, Main::tr("Cancelled."));
    const QString path =
        QFileDialog::getSaveFileName(nullptr, Main::tr("New study file"),
                                     QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                         .filePath(study + QStringLiteral(".cellcrf")),
                                     Main::tr("CellCRF study files (*.cellcrf)"));
    if (path.isEmpty())
        return Status::error(ErrorCode::Cancelled, Main::tr("Cancelled."));
    records::CreateOptions options;
    options.deviceName = QSysInfo::machineHostName();
    return records::StudyFile::create(path, study, clock, options);
}

QString askFile()
{
    return QFileDialog::getOpenFileName(nullptr, Main::tr("Open study file"),
                                        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
                                        Main::tr("CellCRF study files (*.cellcrf);;All files (*)"));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CellCRF"));
    QApplication::setApplicationName(QStringLiteral("CellCRF"));
    QApplication::setApplicationVersion(QStringLiteral(CELLCRF_VERSION));
    // The installed desktop entry (resources/desktop): its name and icon for the window.
    QApplication::setDesktopFileName(QStringLiteral("io.github.cellcrf.CellCRF"));

    QSettings settings;
    forms::Language language;

    QCommandLineParser parser;
    parser.setApplicationDescription(Main::tr("Electronic case report forms for CAR-T cell therapy trials."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        Main::tr("Open the demonstration S1904 study (created on first start)."));
    const QCommandLineOption languageOption(QStringLiteral("language"), Main::tr("Interface language: en or zh_CN."),
                                            Main::tr("locale"));
    parser.addOption(demoOption);
    parser.addOption(languageOption);
    parser.addPositionalArgument(QStringLiteral("file"), Main::tr("The study database to open."), Main::tr("[file]"));
    parser.process(app);

    language.use(parser.isSet(languageOption)
                     ? parser.value(languageOption)
                     : settings.value(QStringLiteral("language"), QStringLiteral("en")).toString());

    const SystemClock clock;
    Result<std::unique_ptr<records::StudyFile>> file = Status::error(ErrorCode::Cancelled, {});
    if (parser.isSet(demoOption)) {
        file = openDemo(clock);
    } else if (!parser.positionalArguments().isEmpty()) {
        file = records::StudyFile::open(parser.positionalArguments().constFirst(), clock);
    } else if (const QString last = settings.value(QStringLiteral("lastFile")).toString();
               !last.isEmpty() && QFileInfo::exists(last)) {
        file = records::StudyFile::open(last, clock);
    } else {
        gui::StartDialog start;
        if (start.exec() != QDialog::Accepted)
            return 0;
        switch (start.choice()) {
        case gui::StartDialog::Choice::Demo:
            file = openDemo(clock);
            break;
        case gui::StartDialog::Choice::Create:
            file = createStudy(clock);
            break;
        case gui::StartDialog::Choice::Open:
            if (const QString path = askFile(); !path.isEmpty())
                file = records::StudyFile::open(path, clock);
            break;
        case gui::StartDialog::Choice::None:
            return 0;
        }
    }
    if (!file) {
        if (file.status().code() == ErrorCode::Cancelled)
            return 0;
        QMessageBox::critical(nullptr, Main::tr("CellCRF"),
                              Main::tr("The study file cannot be opened.\n\n%1").arg(file.message()));
        return 1;
    }
    settings.setValue(QStringLiteral("lastFile"), (*file)->path());

    forms::ModelAuthenticator auth((*file)->database(), clock);
    if (!auth.service().hasAccounts()) {
        // A new file has no accounts yet: a demo file gets its demo accounts, a
        // real one its first administrator, chosen now.
        Status created;
        if ((*file)->isDemo()) {
            created = auth::createDemoAccounts((*file)->database(), clock);
        } else {
            bool ok = false;
            const QString user = QInputDialog::getText(nullptr, Main::tr("First administrator"),
                                                       Main::tr("User name of the study's first administrator:"),
                                                       QLineEdit::Normal, QStringLiteral("admin"), &ok);
            if (!ok)
                return 0;
            const QString password = QInputDialog::getText(
                nullptr, Main::tr("First administrator"),
                Main::tr("Password (at least %1 characters):").arg(auth::AuthService::MinPasswordLength),
                QLineEdit::Password, QString(), &ok);
            if (!ok)
                return 0;
            created = auth::createAdministrator((*file)->database(), clock, user, user, password);
        }
        if (!created) {
            QMessageBox::critical(nullptr, Main::tr("CellCRF"), created.message());
            return 1;
        }
    }
    forms::WidgetPrompt prompt;
    forms::LoginDialog login(auth, (*file)->study().name.text(language.current()),
                             QDir::toNativeSeparators((*file)->path()), (*file)->isDemo());
    if (login.exec() != QDialog::Accepted)
        return 0;

    forms::RecordActions actions((*file)->data(), auth.service(), clock);
    forms::MainWindow window(**file, login.actor(), auth, actions, prompt, language);
    QObject::connect(&language, &forms::Language::changed, &window,
                     [](const QString &locale) { QSettings().setValue(QStringLiteral("language"), locale); });
    QObject::connect(&window, &forms::MainWindow::openFileRequested, &window, [&window] {
        const QString path = askFile();
        if (path.isEmpty())
            return;
        // Each study file has its own window and session.
        QProcess::startDetached(QCoreApplication::applicationFilePath(), {path});
    });
    window.restoreSettings();
    window.setIdleTimeoutMinutes(
        settings.value(QStringLiteral("idleLockMinutes"), auth::Session::DefaultIdleMinutes).toInt());
    window.show();
    return QApplication::exec();
}
