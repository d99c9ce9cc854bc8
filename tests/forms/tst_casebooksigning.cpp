// Signing a subject's casebook from the casebook view on real widgets: an
// investigator signs what the view shows, a nurse is told why she may not, an
// incomplete form keeps the button disabled with its name, a wrong password
// signs nothing, and a later edit shows the signature as broken.

#include "guifixture.h"

#include "casebookview.h"
#include "records/signatures.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace cellcrf;

namespace {

// The s1904 demographics form, complete.
FormValues completeDm()
{
    const QList<std::pair<const char *, const char *>> values = {{"rficdtc", "2026-01-05"},
                                                                 {"icf_version", "V2.0"},
                                                                 {"icf_signer", "subject"},
                                                                 {"subjinit", "AB"},
                                                                 {"hosp_rec_no", "H123"},
                                                                 {"brthdtc", "1980-02-03"},
                                                                 {"sex", "M"},
                                                                 {"ethnic", "han"},
                                                                 {"weight_kg", "70"},
                                                                 {"height_cm", "175"}};
    FormValues out;
    for (const auto &[item, value] : values)
        out.insert(QString::fromLatin1(item), ItemEntry{QString::fromLatin1(value), {}, false});
    return out;
}

} // namespace

class TstCasebookSigning : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::GuiFixture> m_fx;
    qint64 m_subject = 0;

    records::FormKey dmKey() const { return {m_subject, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1}; }

    Status saveDm(const Actor &nurse, const FormValues &values, bool complete, const QString &reason = {})
    {
        auto form = m_fx->file->data().loadForm(nurse, dmKey());
        records::SaveRequest r;
        r.key = dmKey();
        r.expectedVersion = form ? form->version : 0;
        r.values = values;
        r.complete = complete;
        r.reason = reason;
        m_fx->clock.advanceSeconds(60);
        return m_fx->file->data().saveForm(nurse, r).status;
    }

    std::unique_ptr<forms::CasebookView> view(const Actor &actor)
    {
        auto v =
            std::make_unique<forms::CasebookView>(m_fx->file->data(), actor, *m_fx->auth, *m_fx->actions, m_fx->prompt);
        v->resize(1400, 900);
        v->show();
        [&] {
            QVERIFY(QTest::qWaitForWindowExposed(v.get()));
            QVERIFY(v->setSubject(m_subject));
        }();
        return v;
    }

    int casebookSignatures() const
    {
        store::Query q(m_fx->file->database(), QStringLiteral("SELECT count(*) FROM casebook_signature"));
        return q.exec() && q.next() ? int(q.integer(0)) : -1;
    }

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<test::GuiFixture>();
        QVERIFY(m_fx->create());
        const Actor nurse = m_fx->signIn(QStringLiteral("nurse"));
        m_subject = m_fx->addSubject(nurse, QStringLiteral("0001")).id;
        QVERIFY(m_subject > 0);
    }
    void cleanup() { m_fx.reset(); }

    void investigator_signsTheCasebookShown_andAnEditBreaksIt()
    {
        const Actor nurse = m_fx->signIn(QStringLiteral("nurse"));
        QVERIFY(saveDm(nurse, completeDm(), true));
        const Actor investigator = m_fx->signIn(QStringLiteral("investigator"));
        auto v = view(investigator);
        QPushButton *button = v->findChild<QPushButton *>(QStringLiteral("signCasebookButton"));
        QLabel *state = v->findChild<QLabel *>(QStringLiteral("casebookSignatureStatus"));
        QVERIFY(button && state);
        QVERIFY(button->isVisible());
        QVERIFY2(button->isEnabled(), qPrintable(button->toolTip()));
        QVERIFY(button->toolTip().contains(QStringLiteral("1 form(s) with data")));
        QVERIFY(state->text().contains(QStringLiteral("Casebook not signed")));

        // A wrong password signs nothing and says so.
        m_fx->prompt.password = QStringLiteral("not-my-password");
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(m_fx->prompt.signAsked, 1);
        QVERIFY(m_fx->prompt.signRequest.what.contains(QStringLiteral("casebook of 01-0001")));
        QCOMPARE(m_fx->prompt.signRequest.meanings.first(), QStringLiteral("approved"));
        QCOMPARE(m_fx->prompt.errors.size(), 1);
        QCOMPARE(casebookSignatures(), 0);
        QVERIFY(state->text().contains(QStringLiteral("Casebook not signed")));

        m_fx->prompt.password = QStringLiteral("demo-signs-2026");
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(m_fx->prompt.errors.size(), 1);
        QCOMPARE(casebookSignatures(), 1);
        QVERIFY2(state->text().contains(QStringLiteral("Casebook signed by Ivan Demo (investigator)")),
                 qPrintable(state->text()));
        QVERIFY(state->text().contains(QStringLiteral("approved, 1 form(s)")));
        // Signed again with the same meaning over the same content: the model refuses the duplicate.
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(m_fx->prompt.errors.size(), 2);
        QVERIFY(m_fx->prompt.errors.last().contains(QStringLiteral("already signed")));
        QCOMPARE(casebookSignatures(), 1);

        // The nurse corrects a value: the investigator's view shows the signature broken.
        FormValues changed = completeDm();
        changed[QStringLiteral("weight_kg")].value = QStringLiteral("72");
        QVERIFY(saveDm(nurse, changed, true, QStringLiteral("transcription error")));
        v->refresh();
        QVERIFY2(state->text().contains(QStringLiteral("Casebook signature broken")), qPrintable(state->text()));
        QVERIFY(state->toolTip().contains(QStringLiteral("broken by a later change")));
        QVERIFY(button->isEnabled());
    }

    void nurse_isToldWhy_andIncompleteFormsAreNamed()
    {
        const Actor nurse = m_fx->signIn(QStringLiteral("nurse"));
        FormValues partial = completeDm();
        partial.remove(QStringLiteral("sex"));
        QVERIFY(saveDm(nurse, partial, false));

        auto asNurse = view(nurse);
        QPushButton *button = asNurse->signCasebookButton();
        QVERIFY(!button->isEnabled());
        QVERIFY2(button->toolTip().contains(QStringLiteral("may not sign")), qPrintable(button->toolTip()));

        const Actor investigator = m_fx->signIn(QStringLiteral("investigator"));
        auto v = view(investigator);
        QVERIFY(!v->signCasebookButton()->isEnabled());
        QVERIFY2(v->signCasebookButton()->toolTip().contains(QStringLiteral("not complete: screening/dm")),
                 qPrintable(v->signCasebookButton()->toolTip()));

        // Completed, the casebook may be signed; the view follows a save made in its own form view.
        QVERIFY(saveDm(nurse, completeDm(), true, QStringLiteral("sex entered")));
        v->refresh();
        QVERIFY2(v->signCasebookButton()->isEnabled(), qPrintable(v->signCasebookButton()->toolTip()));
        QCOMPARE(casebookSignatures(), 0);
    }
};

QTEST_MAIN(TstCasebookSigning)
#include "tst_casebooksigning.moc"
