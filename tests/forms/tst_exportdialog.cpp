// The Export dialog driven as a data manager would: a REDCap export of a demo
// study with options that end up in the manifest, cancelling and closing during
// an export (nothing left behind), an unwritable folder, options that follow
// the format, and the File > Export action refused to a nurse with the reason.

#include "guifixture.h"

#include "auth/permissions.h"
#include "demo/demogenerator.h"
#include "exportdialog.h"
#include "language.h"
#include "mainwindow.h"

#include <QAtomicInt>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTreeWidget>

using namespace cellcrf;

namespace {

// Holds the export thread at its first progress report until the export is
// cancelled (or a safety deadline passes), so that a cancel always lands while
// the export is under way, however fast the machine.
void holdUntilCancelled(forms::ExportJob *job, QAtomicInt &reached, qint64 &firstDone, qint64 &firstTotal)
{
    QObject::connect(
        job, &forms::ExportJob::progressed, job,
        [job, &reached, &firstDone, &firstTotal](qint64 done, qint64 total) {
            if (reached.loadAcquire())
                return;
            firstDone = done;
            firstTotal = total;
            reached.storeRelease(1);
            const QDeadlineTimer deadline(30000);
            while (!job->isCancelRequested() && !deadline.hasExpired())
                QThread::msleep(2);
        },
        Qt::DirectConnection);
}

} // namespace

class TstExportDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<records::StudyFile> m_small; // a few subjects
    std::unique_ptr<records::StudyFile> m_large; // enough subjects that an export takes a while
    std::unique_ptr<forms::ModelAuthenticator> m_smallAuth;
    std::unique_ptr<forms::ModelAuthenticator> m_largeAuth;
    QList<QUrl> m_opened;

    static Actor signIn(forms::ModelAuthenticator &auth, const QString &user)
    {
        for (const auto &a : auth.demoAccounts())
            if (a.userName == user)
                return *auth.signIn(a.userName, a.password);
        return {};
    }

    template<typename T> static T *child(QWidget &parent, const char *name)
    {
        T *w = parent.findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }

    std::unique_ptr<forms::ExportDialog> openDialog(records::StudyFile &file, const Actor &actor)
    {
        auto dialog = std::make_unique<forms::ExportDialog>(file, actor, QStringLiteral("en"));
        dialog->setFolderOpener([this](const QUrl &url) { m_opened << url; });
        dialog->show();
        return dialog;
    }

    static void typeDirectory(forms::ExportDialog &dialog, const QString &path)
    {
        auto *edit = child<QLineEdit>(dialog, "exportDirectory");
        edit->selectAll();
        QTest::keyClicks(edit, QDir::toNativeSeparators(path));
    }

    static void chooseFormat(forms::ExportDialog &dialog, const QString &id)
    {
        auto *combo = child<QComboBox>(dialog, "exportFormat");
        combo->setCurrentIndex(combo->findData(id));
    }

    static QStringList entries(const QString &path)
    {
        return QDir(path).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("export"));
        auto small =
            demo::createDemoDatabase(m_dir.filePath(QStringLiteral("small.cellcrf")), {QStringLiteral("s1904"), 6, 3});
        QVERIFY2(small, qPrintable(small.message()));
        m_small = std::move(small).value();
        auto large =
            demo::createDemoDatabase(m_dir.filePath(QStringLiteral("large.cellcrf")), {QStringLiteral("s1904"), 40, 5});
        QVERIFY2(large, qPrintable(large.message()));
        m_large = std::move(large).value();
        m_smallAuth = std::make_unique<forms::ModelAuthenticator>(m_small->database(), m_small->clock());
        m_largeAuth = std::make_unique<forms::ModelAuthenticator>(m_large->database(), m_large->clock());
    }

    void init() { m_opened.clear(); }

    void redcapExport_writesFilesAndManifestWithTheChosenOptions()
    {
        const Actor dm = signIn(*m_smallAuth, QStringLiteral("datamanager"));
        QCOMPARE(dm.role, QStringLiteral("data_manager"));
        auto dialog = openDialog(*m_small, dm);
        chooseFormat(*dialog, QStringLiteral("redcap"));
        QVERIFY(child<QLabel>(*dialog, "exportFormatDescription")->text().contains(QStringLiteral("REDCap")));

        // Leave out the first form; keep every site and event.
        auto *forms = child<QListWidget>(*dialog, "exportFormsList");
        QVERIFY(forms->count() > 2);
        QStringList expectedForms;
        for (int i = 1; i < forms->count(); ++i)
            expectedForms << forms->item(i)->data(Qt::UserRole).toString();
        forms->item(0)->setCheckState(Qt::Unchecked);
        QTest::mouseClick(child<QCheckBox>(*dialog, "exportBom"), Qt::LeftButton);
        QTest::mouseClick(child<QCheckBox>(*dialog, "exportDeidentify"), Qt::LeftButton);
        QTest::mouseClick(child<QCheckBox>(*dialog, "exportUseFrom"), Qt::LeftButton);
        auto *from = child<QDateEdit>(*dialog, "exportFrom");
        QVERIFY(from->isEnabled());
        from->setDate(QDate(2020, 1, 1));
        QVERIFY(!child<QDateEdit>(*dialog, "exportTo")->isEnabled());
        const QString target = m_dir.filePath(QStringLiteral("redcap-out"));
        typeDirectory(*dialog, target);

        QSignalSpy finished(dialog.get(), &forms::ExportDialog::exportFinished);
        QTest::mouseClick(child<QPushButton>(*dialog, "exportStart"), Qt::LeftButton);
        QVERIFY(dialog->isRunning());
        QVERIFY(!child<QComboBox>(*dialog, "exportFormat")->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(!dialog->isRunning());
        QVERIFY(dialog->lastResult().has_value());
        QVERIFY2(*dialog->lastResult(), qPrintable(dialog->lastResult()->message()));
        const exchange::ExportResult &result = dialog->lastResult()->value();
        QCOMPARE(result.subjects, 6);

        // One new folder inside the chosen one, holding exactly the files reported.
        const QStringList folders = entries(target);
        QCOMPARE(folders.size(), 1);
        QVERIFY(folders.first().startsWith(QStringLiteral("S1904_redcap_")));
        const QString folder = QDir(target).filePath(folders.first());
        QStringList reported;
        for (const auto &f : result.files)
            reported << f.fileName;
        reported.sort();
        QStringList written = entries(folder);
        written.sort();
        QCOMPARE(written, reported);
        QCOMPARE(child<QTreeWidget>(*dialog, "exportFiles")->topLevelItemCount(), int(result.files.size()));
        QVERIFY(child<QLabel>(*dialog, "exportMessage")->text().contains(QDir::toNativeSeparators(folder)));

        // The folder was opened once, as the issue asks, and can be opened again.
        QCOMPARE(m_opened, QList<QUrl>{QUrl::fromLocalFile(folder)});
        QTest::mouseClick(child<QPushButton>(*dialog, "exportOpenFolder"), Qt::LeftButton);
        QCOMPARE(m_opened.size(), 2);

        // The manifest records every option as chosen.
        QFile manifest(QDir(folder).filePath(QStringLiteral("S1904_manifest.json")));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(manifest.readAll()).object();
        QCOMPARE(m.value(QStringLiteral("export_kind")).toString(), QStringLiteral("redcap"));
        QCOMPARE(m.value(QStringLiteral("exported_by")).toString(), QStringLiteral("datamanager"));
        const QJsonObject options = m.value(QStringLiteral("options")).toObject();
        QCOMPARE(options.value(QStringLiteral("bom")).toBool(), true);
        QCOMPARE(options.value(QStringLiteral("deidentify")).toBool(), true);
        QCOMPARE(options.value(QStringLiteral("labels")).toBool(), false);
        QCOMPARE(options.value(QStringLiteral("from")).toString(), QStringLiteral("2020-01-01"));
        QCOMPARE(options.value(QStringLiteral("to")).toString(), QString());
        QCOMPARE(options.value(QStringLiteral("sites")).toArray().size(), 0); // every site: no filter
        QStringList manifestForms;
        for (const auto &v : options.value(QStringLiteral("forms")).toArray())
            manifestForms << v.toString();
        QCOMPARE(manifestForms, expectedForms);

        // The byte order mark is really there.
        const auto data = std::find_if(result.files.cbegin(), result.files.cend(),
                                       [](const auto &f) { return f.fileName.contains(QStringLiteral("_DATA_")); });
        QVERIFY(data != result.files.cend());
        QFile csv(QDir(folder).filePath(data->fileName));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.read(3), QByteArray("\xEF\xBB\xBF"));

        // The folder and the format are remembered for the next time.
        auto again = openDialog(*m_small, dm);
        QCOMPARE(again->directory(), QDir::fromNativeSeparators(target));
        QCOMPARE(again->formatId(), QStringLiteral("redcap"));
    }

    void everyFormat_exportsWithItsOptions_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("kind"); // export_kind in the manifest
        for (const forms::ExportFormat &f : forms::exportFormats())
            QTest::newRow(qPrintable(f.id))
                << f.id
                << (f.id.startsWith(QLatin1String("redcap")) ? QStringLiteral("redcap")
                                                             : f.id.section(QLatin1Char('-'), 0, 0));
    }

    // Every option a format takes, switched on, is accepted by its exporter and
    // recorded; the options it does not take are not sent.
    void everyFormat_exportsWithItsOptions()
    {
        QFETCH(QString, format);
        QFETCH(QString, kind);
        const Actor dm = signIn(*m_smallAuth, QStringLiteral("datamanager"));
        auto dialog = openDialog(*m_small, dm);
        chooseFormat(*dialog, format);
        QCOMPARE(dialog->formatId(), format);
        for (const char *name : {"exportBom", "exportDeidentify", "exportDataAccessGroups", "exportUseFrom"}) {
            auto *box = child<QCheckBox>(*dialog, name);
            if (box->isEnabled())
                QTest::mouseClick(box, Qt::LeftButton);
        }
        auto *sites = child<QListWidget>(*dialog, "exportSitesList");
        sites->item(sites->count() - 1)->setCheckState(Qt::Unchecked);
        const QString target = m_dir.filePath(QStringLiteral("every-") + format);
        typeDirectory(*dialog, target);
        QSignalSpy finished(dialog.get(), &forms::ExportDialog::exportFinished);
        QTest::mouseClick(child<QPushButton>(*dialog, "exportStart"), Qt::LeftButton);
        // Generous: the PDF casebooks take over a minute under the sanitizers (asan preset).
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        QVERIFY2(*dialog->lastResult(), qPrintable(dialog->lastResult()->message()));

        const QStringList folders = entries(target);
        QCOMPARE(folders.size(), 1);
        const QDir folder(QDir(target).filePath(folders.first()));
        const QStringList manifests = folder.entryList({QStringLiteral("*manifest.json")});
        QCOMPARE(manifests.size(), 1);
        QFile manifest(folder.filePath(manifests.first()));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(manifest.readAll()).object();
        QCOMPARE(m.value(QStringLiteral("export_kind")).toString(), kind);
        const QJsonObject recorded = m.value(QStringLiteral("options")).toObject();
        const exchange::ExportOptions sent = dialog->options();
        QCOMPARE(recorded, sent.toJson());
        const forms::ExportFormat &f = *std::find_if(forms::exportFormats().cbegin(), forms::exportFormats().cend(),
                                                     [&](const auto &x) { return x.id == format; });
        QCOMPARE(sent.sites.size(), f.options.testFlag(forms::ExportOption::Sites) ? sites->count() - 1 : 0);
        QCOMPARE(sent.bom, f.options.testFlag(forms::ExportOption::Bom));
        QCOMPARE(sent.deidentify, f.options.testFlag(forms::ExportOption::Deidentify));
        QCOMPARE(sent.from.isValid(), f.options.testFlag(forms::ExportOption::Dates));
        QCOMPARE(sent.labels, format == QLatin1String("redcap-labels"));
        QCOMPARE(sent.transactional, format == QLatin1String("odm-transactional"));
    }

    void options_followTheFormat_disabledNotHidden()
    {
        const Actor dm = signIn(*m_smallAuth, QStringLiteral("datamanager"));
        auto dialog = openDialog(*m_small, dm);
        auto *forms = child<QListWidget>(*dialog, "exportFormsList");
        auto *bom = child<QCheckBox>(*dialog, "exportBom");
        auto *deidentify = child<QCheckBox>(*dialog, "exportDeidentify");
        auto *labels = child<QRadioButton>(*dialog, "exportLabels");
        auto *sites = child<QListWidget>(*dialog, "exportSitesList");

        chooseFormat(*dialog, QStringLiteral("endpoints"));
        QVERIFY(sites->isEnabled());
        QVERIFY(bom->isEnabled());
        QVERIFY(!forms->isEnabled());
        QVERIFY(forms->isVisible());
        QVERIFY(!deidentify->isEnabled());
        QVERIFY(deidentify->isVisible());
        QVERIFY(deidentify->toolTip().contains(QStringLiteral("Endpoints dataset")));

        chooseFormat(*dialog, QStringLiteral("odm"));
        QVERIFY(!bom->isEnabled());
        QVERIFY(deidentify->isEnabled());
        QVERIFY(forms->isEnabled());
        QVERIFY(!labels->isEnabled());

        chooseFormat(*dialog, QStringLiteral("audit"));
        QVERIFY(!deidentify->isEnabled());
        QVERIFY(bom->isEnabled());

        // Raw or labels picks between the two REDCap variants, both ways.
        chooseFormat(*dialog, QStringLiteral("redcap"));
        QVERIFY(labels->isEnabled());
        QTest::mouseClick(labels, Qt::LeftButton);
        QCOMPARE(dialog->formatId(), QStringLiteral("redcap-labels"));
        QVERIFY(dialog->options().labels);
        QTest::mouseClick(child<QRadioButton>(*dialog, "exportRaw"), Qt::LeftButton);
        QCOMPARE(dialog->formatId(), QStringLiteral("redcap"));
        chooseFormat(*dialog, QStringLiteral("redcap-labels"));
        QVERIFY(labels->isChecked());

        // An option checked under one format is not sent with a format that does not take it.
        chooseFormat(*dialog, QStringLiteral("long"));
        deidentify->setChecked(true);
        chooseFormat(*dialog, QStringLiteral("audit"));
        QVERIFY(!dialog->options().deidentify);
        chooseFormat(*dialog, QStringLiteral("odm-transactional"));
        QVERIFY(dialog->options().transactional);
        QVERIFY(dialog->options().deidentify);
    }

    void cancel_duringExport_stopsPromptlyAndLeavesNoFile()
    {
        const Actor dm = signIn(*m_largeAuth, QStringLiteral("datamanager"));
        auto dialog = openDialog(*m_large, dm);
        chooseFormat(*dialog, QStringLiteral("long"));
        const QString target = m_dir.filePath(QStringLiteral("cancel-out"));
        QVERIFY(QDir().mkpath(target));
        typeDirectory(*dialog, target);

        QAtomicInt reached(0);
        qint64 firstDone = -1;
        qint64 firstTotal = -1;
        QList<qint64> seen;
        connect(dialog.get(), &forms::ExportDialog::exportStarted, this, [&](forms::ExportJob *job) {
            holdUntilCancelled(job, reached, firstDone, firstTotal);
            connect(
                job, &forms::ExportJob::progressed, job, [&seen](qint64 done, qint64) { seen << done; },
                Qt::DirectConnection);
        });
        QSignalSpy finished(dialog.get(), &forms::ExportDialog::exportFinished);
        QTest::mouseClick(child<QPushButton>(*dialog, "exportStart"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(reached.loadAcquire() == 1, 30000);
        QCOMPARE(firstTotal, 40);
        auto *cancel = child<QPushButton>(*dialog, "exportCancel");
        QVERIFY(cancel->isVisible());
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);

        // Stopped before the next subject: nothing more was reported.
        QCOMPARE(seen, QList<qint64>{firstDone});
        QVERIFY(dialog->lastResult().has_value());
        QCOMPARE(dialog->lastResult()->status().code(), ErrorCode::Cancelled);
        QVERIFY(child<QLabel>(*dialog, "exportMessage")->text().contains(QStringLiteral("cancelled")));
        QVERIFY2(entries(target).isEmpty(), qPrintable(entries(target).join(QLatin1Char(','))));
        QVERIFY(m_opened.isEmpty());
        QVERIFY(child<QPushButton>(*dialog, "exportStart")->isEnabled());
    }

    void closing_duringExport_cancelsAndWaits()
    {
        const Actor dm = signIn(*m_largeAuth, QStringLiteral("datamanager"));
        const QString target = m_dir.filePath(QStringLiteral("close-out"));
        QVERIFY(QDir().mkpath(target));
        for (const bool destroy : {false, true}) {
            auto dialog = openDialog(*m_large, dm);
            chooseFormat(*dialog, QStringLiteral("odm"));
            typeDirectory(*dialog, target);
            QAtomicInt reached(0);
            qint64 firstDone = -1;
            qint64 firstTotal = -1;
            connect(dialog.get(), &forms::ExportDialog::exportStarted, this,
                    [&](forms::ExportJob *job) { holdUntilCancelled(job, reached, firstDone, firstTotal); });
            QTest::mouseClick(child<QPushButton>(*dialog, "exportStart"), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(reached.loadAcquire() == 1, 30000);
            if (destroy) {
                dialog.reset(); // e.g. the main window closing with the dialog open
            } else {
                QVERIFY(dialog->close());
                QVERIFY(!dialog->isRunning());
                QVERIFY(!dialog->isVisible());
                QCOMPARE(dialog->lastResult()->status().code(), ErrorCode::Cancelled);
            }
            QVERIFY2(entries(target).isEmpty(), qPrintable(entries(target).join(QLatin1Char(','))));
        }
        QVERIFY(m_opened.isEmpty());
    }

    void unwritableFolder_clearMessageAndNothingWritten()
    {
        const Actor dm = signIn(*m_smallAuth, QStringLiteral("datamanager"));
        const QString base = m_dir.filePath(QStringLiteral("unwritable"));
        QVERIFY(QDir().mkpath(base));
        QFile blocker(QDir(base).filePath(QStringLiteral("a-file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();

        // A folder below a file cannot be created; a file is no folder.
        for (const QString &path : {QDir(base).filePath(QStringLiteral("a-file/exports")), blocker.fileName()}) {
            auto dialog = openDialog(*m_small, dm);
            chooseFormat(*dialog, QStringLiteral("redcap"));
            typeDirectory(*dialog, path);
            QSignalSpy started(dialog.get(), &forms::ExportDialog::exportStarted);
            QTest::mouseClick(child<QPushButton>(*dialog, "exportStart"), Qt::LeftButton);
            QVERIFY(!dialog->isRunning());
            QCOMPARE(started.count(), 0);
            auto *message = child<QLabel>(*dialog, "exportMessage");
            QVERIFY(message->isVisible());
            QVERIFY2(message->text().contains(QDir::toNativeSeparators(path)), qPrintable(message->text()));
            QVERIFY(message->text().contains(QStringLiteral("folder")));
            QCOMPARE(entries(base), QStringList{QStringLiteral("a-file")});
            QVERIFY(QFileInfo(blocker.fileName()).isFile());
            QCOMPARE(QFileInfo(blocker.fileName()).size(), 0);
        }
    }

    void nothingChosen_isRefusedBeforeAnyFolderIsMade()
    {
        const Actor dm = signIn(*m_smallAuth, QStringLiteral("datamanager"));
        auto dialog = openDialog(*m_small, dm);
        chooseFormat(*dialog, QStringLiteral("long"));
        const QString target = m_dir.filePath(QStringLiteral("never-made"));
        typeDirectory(*dialog, target);
        QTest::mouseClick(child<QPushButton>(*dialog, "exportEventsNone"), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(*dialog, "exportStart"), Qt::LeftButton);
        QCOMPARE(child<QLabel>(*dialog, "exportMessage")->text(), QStringLiteral("Choose at least one event."));
        QVERIFY(!QFileInfo::exists(target));

        QTest::mouseClick(child<QPushButton>(*dialog, "exportEventsAll"), Qt::LeftButton);
        QTest::mouseClick(child<QCheckBox>(*dialog, "exportUseFrom"), Qt::LeftButton);
        QTest::mouseClick(child<QCheckBox>(*dialog, "exportUseTo"), Qt::LeftButton);
        child<QDateEdit>(*dialog, "exportFrom")->setDate(QDate(2026, 2, 1));
        child<QDateEdit>(*dialog, "exportTo")->setDate(QDate(2026, 1, 1));
        QTest::mouseClick(child<QPushButton>(*dialog, "exportStart"), Qt::LeftButton);
        QCOMPARE(child<QLabel>(*dialog, "exportMessage")->text(),
                 QStringLiteral("The date range starts after it ends."));
        QVERIFY(!QFileInfo::exists(target));
    }

    // The model refuses in the export's thread too, whoever starts the job.
    void exportJob_refusedRole_writesNothing()
    {
        const Actor nurse = signIn(*m_smallAuth, QStringLiteral("nurse"));
        const QString target = m_dir.filePath(QStringLiteral("job-refused"));
        QVERIFY(QDir().mkpath(target));
        forms::ExportJob job(m_small->path(), m_small->clock(), nurse, forms::exportFormats().first(), {}, target);
        job.start();
        QVERIFY(job.wait(QDeadlineTimer(60000)));
        QVERIFY(job.result().has_value());
        QCOMPARE(job.result()->status().code(), ErrorCode::PermissionDenied);
        QVERIFY(entries(target).isEmpty());
    }

    void nurse_exportActionDisabledWithTheReason()
    {
        test::GuiFixture fx;
        QVERIFY(fx.create());
        forms::Language language;
        const Actor nurse = fx.signIn(QStringLiteral("nurse"));
        const QString reason = auth::Permissions::check(nurse, auth::Operation::Export).message();
        QVERIFY(!reason.isEmpty());
        {
            forms::MainWindow window(*fx.file, nurse, *fx.auth, *fx.actions, fx.prompt, language);
            QAction *action = window.exportAction();
            QVERIFY(action);
            QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
            QVERIFY(!action->isEnabled());
            QCOMPARE(action->toolTip(), reason);
            action->trigger();
            QVERIFY(!window.exportDialog());
            QVERIFY(!window.showExportDialog());
        }
        // The dialog itself refuses as well, with the same reason.
        auto dialog = openDialog(*fx.file, nurse);
        QVERIFY(!child<QPushButton>(*dialog, "exportStart")->isEnabled());
        QCOMPARE(child<QPushButton>(*dialog, "exportStart")->toolTip(), reason);
        QCOMPARE(child<QLabel>(*dialog, "exportHint")->text(), reason);
        dialog->startExport();
        QVERIFY(!dialog->isRunning());

        // A data manager gets the dialog from the same action.
        const Actor dm = fx.signIn(QStringLiteral("datamanager"));
        forms::MainWindow window(*fx.file, dm, *fx.auth, *fx.actions, fx.prompt, language);
        window.show();
        QVERIFY(window.exportAction()->isEnabled());
        window.exportAction()->trigger();
        QVERIFY(window.exportDialog());
        QTRY_VERIFY(window.exportDialog()->isVisible());
        QVERIFY(child<QPushButton>(*window.exportDialog(), "exportStart")->isEnabled());
    }
};

QTEST_MAIN(TstExportDialog)
#include "tst_exportdialog.moc"
