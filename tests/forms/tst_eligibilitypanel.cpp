// The eligibility panel of the screening visit on real widgets: the criteria of
// a demo subject as the model assesses them, an investigator signing the
// decision from the panel, and a nurse who may not.

#include "guifixture.h"

#include "casebookview.h"
#include "demo/demogenerator.h"
#include "eligibilitypanel.h"
#include "formrenderer.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

using namespace cellcrf;

class TstEligibilityPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    SystemClock m_clock;
    std::unique_ptr<records::StudyFile> m_file;
    std::unique_ptr<forms::ModelAuthenticator> m_auth;
    std::unique_ptr<forms::RecordActions> m_actions;
    std::unique_ptr<test::FakePrompt> m_prompt;

    forms::DemoAccount account(const QString &user) const
    {
        for (const auto &a : m_auth->demoAccounts())
            if (a.userName == user)
                return a;
        return {};
    }
    Actor signIn(const QString &user)
    {
        const auto a = account(user);
        const auto actor = m_auth->signIn(a.userName, a.password);
        return actor ? *actor : Actor{};
    }

    // A demo subject whose criteria are all met and whose decision is recorded but not signed.
    qint64 awaitingSignature(const Actor &actor)
    {
        const auto subjects = m_file->data().subjects(actor);
        if (!subjects)
            return 0;
        for (const auto &s : *subjects) {
            const auto e = m_actions->eligibility(actor, s.id);
            if (e && e->notMet == 0 && e->missing == 0 && e->decision == QLatin1String("eligible") &&
                !e->decisionSigned)
                return s.id;
        }
        return 0;
    }

    std::unique_ptr<forms::CasebookView> casebook(const Actor &actor, qint64 subjectId)
    {
        auto view = std::make_unique<forms::CasebookView>(m_file->data(), actor, *m_auth, *m_actions, *m_prompt);
        view->resize(1400, 900);
        view->show();
        [&] { QVERIFY(QTest::qWaitForWindowExposed(view.get())); }();
        [&] {
            QVERIFY(view->setSubject(subjectId));
            QVERIFY(view->showEligibility());
            QTRY_VERIFY(view->eligibility()->height() > 400);
        }();
        return view;
    }

    static QStringList statuses(const QTreeWidget *tree)
    {
        QStringList out;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            for (int j = 0; j < tree->topLevelItem(i)->childCount(); ++j)
                out.append(tree->topLevelItem(i)->child(j)->text(1));
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto created =
            demo::createDemoDatabase(m_dir->filePath(QStringLiteral("demo.cellcrf")), {QStringLiteral("s1904"), 8, 1});
        QVERIFY2(created, qPrintable(created.message()));
        m_file = std::move(created).value();
        m_auth = std::make_unique<forms::ModelAuthenticator>(m_file->database(), m_clock);
        m_actions = std::make_unique<forms::RecordActions>(m_file->data(), m_auth->service(), m_clock);
        m_prompt = std::make_unique<test::FakePrompt>();
    }
    void cleanup()
    {
        m_actions.reset();
        m_auth.reset();
        m_file.reset();
        m_dir.reset();
    }

    void demoSubject_allCriteriaMet_awaitsInvestigatorSignature()
    {
        const Actor investigator = signIn(QStringLiteral("investigator"));
        const qint64 id = awaitingSignature(investigator);
        QVERIFY(id > 0);
        auto view = casebook(investigator, id);
        auto *panel = view->findChild<forms::EligibilityPanel *>(QStringLiteral("eligibilityPanel"));
        QVERIFY(panel);
        QVERIFY(panel->isVisible());
        auto *tree = panel->findChild<QTreeWidget *>(QStringLiteral("eligibilityCriteria"));
        const auto shown = statuses(tree);
        const auto assessed = m_actions->eligibility(investigator, id);
        QVERIFY(assessed);
        QCOMPARE(shown.size(), assessed->criteria.size());
        QVERIFY(!shown.isEmpty());
        for (const auto &s : shown)
            QCOMPARE(s, QStringLiteral("Met"));
        const QString summary = panel->findChild<QLabel *>(QStringLiteral("eligibilitySummary"))->text();
        QVERIFY2(summary.contains(QStringLiteral("awaits the investigator's signature")), qPrintable(summary));
        auto *sign = panel->findChild<QPushButton *>(QStringLiteral("signDecisionButton"));
        QVERIFY(sign->isEnabled());
    }

    void investigator_signsDecisionFromPanel_showsEligible()
    {
        const Actor investigator = signIn(QStringLiteral("investigator"));
        const qint64 id = awaitingSignature(investigator);
        QVERIFY(id > 0);
        auto view = casebook(investigator, id);
        auto *panel = view->eligibility();
        m_prompt->password = account(QStringLiteral("investigator")).password;
        auto *button = panel->findChild<QPushButton *>(QStringLiteral("signDecisionButton"));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(m_prompt->signAsked, 1);
        QCOMPARE(m_prompt->signRequest.meanings, QStringList{QStringLiteral("approved")});
        QVERIFY2(m_prompt->errors.isEmpty(), qPrintable(m_prompt->errors.join(u'\n')));
        QTRY_VERIFY(panel->summaryText().startsWith(QStringLiteral("Eligible")));
        const auto assessed = m_actions->eligibility(investigator, id);
        QVERIFY(assessed && assessed->eligible && assessed->decisionSigned);
        auto *sign = panel->findChild<QPushButton *>(QStringLiteral("signDecisionButton"));
        QVERIFY(!sign->isEnabled());
        // The eligibility form opened afterwards shows the signature.
        QVERIFY(view->openForm(panel->decisionKey().eventOid, QStringLiteral("elig")));
        QCOMPARE(view->formView()->formStatus(), QStringLiteral("signed"));
        QVERIFY(panel->isVisible());
    }

    void wrongPassword_signsNothing()
    {
        const Actor investigator = signIn(QStringLiteral("investigator"));
        const qint64 id = awaitingSignature(investigator);
        QVERIFY(id > 0);
        auto view = casebook(investigator, id);
        m_prompt->password = QStringLiteral("not the password");
        view->eligibility()->signDecision();
        QCOMPARE(m_prompt->errors.size(), 1);
        QVERIFY(view->eligibility()->summaryText().contains(QStringLiteral("awaits the investigator's signature")));
    }

    void nurse_signDecisionDisabled_withTheModelsReason()
    {
        const Actor nurse = signIn(QStringLiteral("nurse"));
        const qint64 id = awaitingSignature(nurse);
        QVERIFY(id > 0);
        auto view = casebook(nurse, id);
        auto *sign = view->eligibility()->findChild<QPushButton *>(QStringLiteral("signDecisionButton"));
        QVERIFY(sign->isVisible());
        QVERIFY(!sign->isEnabled());
        QCOMPARE(sign->toolTip(), m_auth->mayDo(nurse, forms::Action::Sign).message());
        QVERIFY(!sign->toolTip().isEmpty());
    }
};

QTEST_MAIN(TstEligibilityPanel)
#include "tst_eligibilitypanel.moc"
