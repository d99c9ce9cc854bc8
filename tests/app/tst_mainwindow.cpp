// The main window driven as a person would: switching subjects with unsaved
// edits, actions a role may not take, the status bar.

#include "../forms/guifixture.h"

#include "casebookview.h"
#include "formrenderer.h"
#include "language.h"
#include "mainwindow.h"
#include "subjectlistview.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace cellcrf;

class TstMainWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::GuiFixture> m_fx;
    std::unique_ptr<forms::Language> m_language;
    records::Subject m_first;
    records::Subject m_second;

    std::unique_ptr<forms::MainWindow> window(const QString &user)
    {
        const Actor actor = m_fx->signIn(user);
        auto w = std::make_unique<forms::MainWindow>(*m_fx->file, actor, *m_fx->auth, *m_fx->actions, m_fx->prompt,
                                                     *m_language);
        w->show();
        return w;
    }

    void enterConsentDate(forms::MainWindow &w)
    {
        QVERIFY(w.openSubject(m_first.id));
        QVERIFY(w.casebook()->openForm(QStringLiteral("screening"), QStringLiteral("dm")));
        auto *date = qobject_cast<QLineEdit *>(w.casebook()->formView()->editor(QStringLiteral("rficdtc")));
        date->setFocus();
        QTest::keyClicks(date, QStringLiteral("2026-02-20"));
        QVERIFY(w.casebook()->formView()->isModified());
    }

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<test::GuiFixture>();
        QVERIFY(m_fx->create());
        m_language = std::make_unique<forms::Language>();
        const Actor nurse = m_fx->signIn(QStringLiteral("nurse"));
        m_first = m_fx->addSubject(nurse, QStringLiteral("001"));
        m_second = m_fx->addSubject(nurse, QStringLiteral("002"));
    }
    void cleanup()
    {
        m_language.reset();
        m_fx.reset();
    }

    void statusBar_showsUserRoleSiteAndFile()
    {
        auto w = window(QStringLiteral("nurse"));
        QVERIFY(w->findChild<QLabel *>(QStringLiteral("statusUser"))->text().contains(QStringLiteral("Nora")));
        QVERIFY(w->findChild<QLabel *>(QStringLiteral("statusRole"))->text().contains(QStringLiteral("nurse")));
        QVERIFY(!w->findChild<QLabel *>(QStringLiteral("statusSite"))->text().isEmpty());
        QVERIFY(w->findChild<QLabel *>(QStringLiteral("statusFile"))->text().contains(QStringLiteral("t.cellcrf")));
    }

    void subjectSwitch_withUnsavedEdits_asksAndCanStay()
    {
        auto w = window(QStringLiteral("nurse"));
        enterConsentDate(*w);
        m_fx->prompt.unsavedAnswer = forms::UnsavedAnswer::Cancel;
        QVERIFY(!w->openSubject(m_second.id));
        QCOMPARE(m_fx->prompt.unsavedAsked, 1);
        QCOMPARE(w->casebook()->subjectId(), m_first.id);
        QVERIFY(w->casebook()->formView()->isModified());

        m_fx->prompt.unsavedAnswer = forms::UnsavedAnswer::Save;
        QVERIFY(w->openSubject(m_second.id));
        QCOMPARE(m_fx->prompt.unsavedAsked, 2);
        QCOMPARE(w->casebook()->subjectId(), m_second.id);
        QCOMPARE(m_fx->file->data().firstValue(m_first.id, QStringLiteral("dm"), QStringLiteral("rficdtc")),
                 QStringLiteral("2026-02-20"));
    }

    void closingWindow_withUnsavedEdits_asks()
    {
        auto w = window(QStringLiteral("nurse"));
        enterConsentDate(*w);
        m_fx->prompt.unsavedAnswer = forms::UnsavedAnswer::Cancel;
        QVERIFY(!w->close());
        QCOMPARE(m_fx->prompt.unsavedAsked, 1);
        m_fx->prompt.unsavedAnswer = forms::UnsavedAnswer::Discard;
        QVERIFY(w->close());
    }

    void nurse_lockActionDisabledWithReason()
    {
        auto w = window(QStringLiteral("nurse"));
        enterConsentDate(*w);
        QVERIFY(w->casebook()->formView()->save());
        auto *lock = w->findChild<QPushButton *>(QStringLiteral("lockFormButton"));
        QVERIFY(lock->isVisible());
        QVERIFY(!lock->isEnabled());
        QVERIFY2(lock->toolTip().contains(QStringLiteral("lock"), Qt::CaseInsensitive), qPrintable(lock->toolTip()));
        QVERIFY(!w->findChild<QPushButton *>(QStringLiteral("verifyFormButton"))->isEnabled());
    }

    void dataManager_locksForm_thenEditorsAreReadOnly()
    {
        {
            auto w = window(QStringLiteral("nurse"));
            enterConsentDate(*w);
            QVERIFY(w->casebook()->formView()->save());
        }
        auto w = window(QStringLiteral("datamanager"));
        QVERIFY(w->openSubject(m_first.id));
        QVERIFY(w->casebook()->openForm(QStringLiteral("screening"), QStringLiteral("dm")));
        auto *lock = w->findChild<QPushButton *>(QStringLiteral("lockFormButton"));
        QVERIFY2(lock->isEnabled(), qPrintable(lock->toolTip()));
        lock->click();
        QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
        QCOMPARE(w->casebook()->formView()->formStatus(), QStringLiteral("locked"));
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
