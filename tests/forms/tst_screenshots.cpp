// Writes PNG screenshots of the main screens, in English and in Chinese, to
// <build>/tests/forms/screenshots: what a reviewer looks at before a release.

#include "guifixture.h"

#include "casebookview.h"
#include "demo/demogenerator.h"
#include "exportdialog.h"
#include "formrenderer.h"
#include "language.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "subjectlistview.h"
#include "subjecttablemodel.h"

#include <QApplication>
#include <QAtomicInt>
#include <QCheckBox>
#include <QDateEdit>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace cellcrf;

class TstScreenshots : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SystemClock m_clock;
    std::unique_ptr<records::StudyFile> m_file;
    std::unique_ptr<forms::ModelAuthenticator> m_auth;
    std::unique_ptr<forms::RecordActions> m_actions;
    test::FakePrompt m_prompt;
    forms::Language m_language;
    QString m_out;

    void shoot(QWidget *w, const QString &name)
    {
        QCoreApplication::processEvents();
        const QString path = QDir(m_out).filePath(QStringLiteral("%1-%2.png").arg(name, m_language.current()));
        QVERIFY2(w->grab().save(path), qPrintable(path));
    }

    Actor signIn(const QString &user)
    {
        for (const auto &a : m_auth->demoAccounts())
            if (a.userName == user)
                return *m_auth->signIn(a.userName, a.password);
        return {};
    }

    // A subject a few days after infusion: the casebook and flowsheet have something to show.
    qint64 infusedSubject(forms::SubjectTableModel *model)
    {
        for (int r = 0; r < model->rowCount(); ++r) {
            const auto id = model->index(r, 0).data(forms::SubjectTableModel::SubjectIdRole).toLongLong();
            if (const auto d = m_file->data().anchorDate(id, QStringLiteral("infusion"));
                d && d->daysTo(m_clock.nowUtc().date()) > 20 && d->daysTo(m_clock.nowUtc().date()) < 80)
                return id;
        }
        return model->index(0, 0).data(forms::SubjectTableModel::SubjectIdRole).toLongLong();
    }

    void shootAll()
    {
        forms::LoginDialog login(*m_auth, m_file->study().name.text(m_language.current()),
                                 QStringLiteral("/home/nurse/.local/share/CellCRF/demo-s1904.cellcrf"), true);
        login.show();
        shoot(&login, QStringLiteral("01-login"));

        const Actor nurse = signIn(QStringLiteral("nurse"));
        forms::MainWindow window(*m_file, nurse, *m_auth, *m_actions, m_prompt, m_language);
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.subjectList()->model()->setToday(m_clock.nowUtc().date());
        window.subjectList()->reload();
        shoot(&window, QStringLiteral("02-subjects"));

        const qint64 id = infusedSubject(window.subjectList()->model());
        window.casebook()->setToday(m_clock.nowUtc().date());
        QVERIFY(window.openSubject(id));
        shoot(&window, QStringLiteral("03-casebook"));

        QVERIFY(window.casebook()->showEligibility());
        shoot(&window, QStringLiteral("06-eligibility"));

        window.casebook()->showFlowsheet();
        shoot(&window, QStringLiteral("06-flowsheet"));

        QVERIFY(window.casebook()->openForm(QStringLiteral("screening"), QStringLiteral("elig")));
        shoot(&window, QStringLiteral("04-screening-form"));

        QVERIFY(window.casebook()->openForm(QStringLiteral("screening"), QStringLiteral("dm")));
        auto *weight = qobject_cast<QLineEdit *>(window.casebook()->formView()->editor(QStringLiteral("weight_kg")));
        weight->setFocus();
        weight->selectAll();
        QTest::keyClicks(weight, QStringLiteral("150"));
        auto *height = qobject_cast<QLineEdit *>(window.casebook()->formView()->editor(QStringLiteral("height_cm")));
        height->setFocus();
        height->selectAll();
        QTest::keyClicks(height, QStringLiteral("x"));
        shoot(&window, QStringLiteral("05-form-messages"));
        m_prompt.unsavedAnswer = forms::UnsavedAnswer::Discard;
        QVERIFY(window.casebook()->maybeLeave());
        window.showDashboard();
        shoot(&window, QStringLiteral("07-dashboard"));
        QVERIFY(window.casebook()->formView()->maybeLeave());
        window.casebook()->formView()->closeForm();
    }

    // The export dialog filled in, held part way through an export, and finished.
    void shootExport()
    {
        const Actor dm = signIn(QStringLiteral("datamanager"));
        forms::ExportDialog dialog(*m_file, dm, m_language.current());
        dialog.setFolderOpener([](const QUrl &) {});
        dialog.setDirectory(m_dir.filePath(QStringLiteral("exports")));
        QVERIFY(dialog.setFormat(QStringLiteral("redcap")));
        auto *forms = dialog.findChild<QListWidget *>(QStringLiteral("exportFormsList"));
        for (int row : {3, 5})
            forms->item(row)->setCheckState(Qt::Unchecked);
        dialog.findChild<QCheckBox *>(QStringLiteral("exportBom"))->setChecked(true);
        dialog.findChild<QCheckBox *>(QStringLiteral("exportDeidentify"))->setChecked(true);
        dialog.findChild<QCheckBox *>(QStringLiteral("exportUseFrom"))->setChecked(true);
        dialog.findChild<QDateEdit *>(QStringLiteral("exportFrom"))->setDate(QDate(2025, 1, 1));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        shoot(&dialog, QStringLiteral("08-export"));

        // Hold the export at its 12th subject while the picture is taken.
        QAtomicInt held(0);
        QAtomicInt release(0);
        connect(&dialog, &forms::ExportDialog::exportStarted, &dialog, [&](forms::ExportJob *job) {
            connect(
                job, &forms::ExportJob::progressed, job,
                [&](qint64 done, qint64) {
                    if (done != 12)
                        return;
                    held.storeRelease(1);
                    const QDeadlineTimer deadline(30000);
                    while (!release.loadAcquire() && !deadline.hasExpired())
                        QThread::msleep(2);
                },
                Qt::DirectConnection);
        });
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("exportStart")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(held.loadAcquire() == 1, 30000);
        QTRY_COMPARE(dialog.findChild<QProgressBar *>(QStringLiteral("exportProgress"))->value(), 300);
        shoot(&dialog, QStringLiteral("09-export-progress"));
        release.storeRelease(1);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
        QVERIFY(dialog.lastResult() && *dialog.lastResult());
        shoot(&dialog, QStringLiteral("10-export-done"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_out = QDir(QStringLiteral(CELLCRF_SCREENSHOT_DIR)).absolutePath();
        QDir().mkpath(m_out);
        auto created =
            demo::createDemoDatabase(m_dir.filePath(QStringLiteral("demo.cellcrf")), {QStringLiteral("s1904"), 40, 1});
        QVERIFY2(created, qPrintable(created.message()));
        m_file = std::move(created).value();
        m_auth = std::make_unique<forms::ModelAuthenticator>(m_file->database(), m_clock);
        m_actions = std::make_unique<forms::RecordActions>(m_file->data(), m_auth->service(), m_clock);
    }

    void english()
    {
        shootAll();
        shootExport();
    }

    void chinese()
    {
        m_language.use(QStringLiteral("zh_CN"));
        shootAll();
        shootExport();
        m_language.use(QStringLiteral("en"));
    }
};

QTEST_MAIN(TstScreenshots)
#include "tst_screenshots.moc"
