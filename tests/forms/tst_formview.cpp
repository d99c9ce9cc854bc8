// The form view on real widgets: keyboard-only entry, soft limits, reasons for
// change, the unsaved-changes guard, permissions shown as disabled actions.

#include "guifixture.h"

#include "formrenderer.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>

using namespace cellcrf;

class TstFormView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::GuiFixture> m_fx;
    Actor m_nurse;
    records::Subject m_subject;

    std::unique_ptr<forms::FormView> openDm()
    {
        auto view =
            std::make_unique<forms::FormView>(m_fx->file->data(), m_nurse, *m_fx->auth, *m_fx->actions, m_fx->prompt);
        view->resize(1000, 800);
        view->show();
        [&] { QVERIFY(QTest::qWaitForWindowExposed(view.get())); }();
        view->activateWindow();
        [&] { QVERIFY(view->openForm({m_subject.id, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1})); }();
        return view;
    }

    static void type(const QString &text) { QTest::keyClicks(QApplication::focusWidget(), text); }
    static void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier)
    {
        QTest::keyClick(QApplication::focusWidget(), k, m);
    }

    // Enters the whole consent and demographics form with keys only.
    void enterDmByKeys(const QString &weight, bool outsideSoftLimits = false)
    {
        type(QStringLiteral("2026-02-20"));
        key(Qt::Key_Tab);
        type(QStringLiteral("V2.0"));
        key(Qt::Key_Return); // Enter moves on like Tab
        key(Qt::Key_1);      // signed by: the subject (first option)
        key(Qt::Key_Tab);    // assent is hidden for an adult who signed
        type(QStringLiteral("ZSF"));
        key(Qt::Key_Tab);
        type(QStringLiteral("H-20260220-7"));
        key(Qt::Key_Tab);
        type(QStringLiteral("1990-05-01"));
        key(Qt::Key_Tab);
        key(Qt::Key_1); // male
        key(Qt::Key_Tab);
        key(Qt::Key_1); // Han
        key(Qt::Key_Tab);
        type(weight);
        key(Qt::Key_Tab);
        if (outsideSoftLimits) {
            // The confirmation tick is the next stop; leave it unticked for now.
            QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("confirm_weight_kg"));
            key(Qt::Key_Tab);
        }
        type(QStringLiteral("175"));
    }

    QString stored(const QString &item)
    {
        auto form = m_fx->file->data().loadForm(
            m_nurse, {m_subject.id, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1});
        return form ? form->values.value(item).value : QString();
    }
    QString status()
    {
        auto form = m_fx->file->data().loadForm(
            m_nurse, {m_subject.id, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1});
        return form ? form->status : QString();
    }

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<test::GuiFixture>();
        QVERIFY(m_fx->create());
        m_nurse = m_fx->signIn(QStringLiteral("nurse"));
        QCOMPARE(m_nurse.role, QStringLiteral("nurse"));
        m_subject = m_fx->addSubject(m_nurse, QStringLiteral("001"));
        QVERIFY(m_subject.id > 0);
    }
    void cleanup() { m_fx.reset(); }

    void keyboardOnly_entersWholeForm_valuesAndAuditInDatabase()
    {
        auto view = openDm();
        QVERIFY(QApplication::focusWidget());
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("item_rficdtc"));
        enterDmByKeys(QStringLiteral("70"));
        QVERIFY(view->isModified());
        // The computed age appears as soon as both dates are there.
        QTRY_COMPARE(qobject_cast<QLineEdit *>(view->editor(QStringLiteral("age_at_consent")))->text(),
                     QStringLiteral("35"));
        QVERIFY(!view->findChild<QWidget *>(QStringLiteral("row_assent"))->isVisible());
        key(Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!view->isModified());
        QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));

        QCOMPARE(stored(QStringLiteral("rficdtc")), QStringLiteral("2026-02-20"));
        QCOMPARE(stored(QStringLiteral("icf_signer")), QStringLiteral("subject"));
        QCOMPARE(stored(QStringLiteral("subjinit")), QStringLiteral("ZSF"));
        QCOMPARE(stored(QStringLiteral("sex")), QStringLiteral("M"));
        QCOMPARE(stored(QStringLiteral("height_cm")), QStringLiteral("175"));
        QCOMPARE(status(), QStringLiteral("complete"));

        const auto events = m_fx->file->data().auditTrail().events();
        QVERIFY(events);
        QStringList items;
        for (const auto &e : *events)
            if (e.formOid == QLatin1String("dm") && e.userName == QLatin1String("nurse") && !e.itemOid.isEmpty())
                items.append(e.itemOid);
        for (const char *item : {"rficdtc", "icf_version", "icf_signer", "subjinit", "brthdtc", "sex", "weight_kg"})
            QVERIFY2(items.contains(QLatin1String(item)), item);
    }

    void softLimit_blocksCompletionUntilConfirmed()
    {
        auto view = openDm();
        enterDmByKeys(QStringLiteral("140"), true);
        auto *message = view->findChild<QLabel *>(QStringLiteral("message_weight_kg"));
        auto *confirm = view->findChild<QCheckBox *>(QStringLiteral("confirm_weight_kg"));
        QTRY_VERIFY(message->isVisible());
        QVERIFY(confirm->isVisible());
        QVERIFY(!confirm->isChecked());
        QVERIFY(view->save());
        QCOMPARE(status(), QStringLiteral("incomplete"));

        confirm->setFocus();
        key(Qt::Key_Space);
        QVERIFY(confirm->isChecked());
        QVERIFY(view->isModified());
        QVERIFY(view->save());
        QCOMPARE(status(), QStringLiteral("complete"));
        QCOMPARE(m_fx->prompt.reasonAsked, 0); // a confirmation is not a changed value
    }

    void changedSavedValue_asksForReason()
    {
        auto view = openDm();
        enterDmByKeys(QStringLiteral("70"));
        QVERIFY(view->save());
        QCOMPARE(m_fx->prompt.reasonAsked, 0);

        auto *height = qobject_cast<QLineEdit *>(view->editor(QStringLiteral("height_cm")));
        height->setFocus();
        height->selectAll();
        type(QStringLiteral("176"));
        m_fx->prompt.reason = QStringLiteral("Transcription error corrected");
        key(Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(m_fx->prompt.reasonAsked, 1);
        QCOMPARE(m_fx->prompt.reasonItems.size(), 1);
        QVERIFY(m_fx->prompt.reasonItems.first().contains(QStringLiteral("175")));
        QCOMPARE(stored(QStringLiteral("height_cm")), QStringLiteral("176"));

        const auto events = m_fx->file->data().auditTrail().events();
        bool found = false;
        for (const auto &e : *events)
            found = found || (e.itemOid == QLatin1String("height_cm") && e.oldValue == QStringLiteral("175") &&
                              e.reason == QLatin1String("Transcription error corrected"));
        QVERIFY(found);
    }

    void reasonCancelled_keepsEditsUnsaved()
    {
        auto view = openDm();
        enterDmByKeys(QStringLiteral("70"));
        QVERIFY(view->save());
        auto *height = qobject_cast<QLineEdit *>(view->editor(QStringLiteral("height_cm")));
        height->setFocus();
        height->selectAll();
        type(QStringLiteral("180"));
        m_fx->prompt.reason = std::nullopt;
        QVERIFY(!view->save());
        QVERIFY(view->isModified());
        QCOMPARE(stored(QStringLiteral("height_cm")), QStringLiteral("175"));
    }

    void unsavedGuard_cancelKeepsForm_discardLeaves()
    {
        auto view = openDm();
        type(QStringLiteral("2026-02-20"));
        QVERIFY(view->isModified());
        m_fx->prompt.unsavedAnswer = forms::UnsavedAnswer::Cancel;
        QVERIFY(!view->maybeLeave());
        QCOMPARE(m_fx->prompt.unsavedAsked, 1);
        m_fx->prompt.unsavedAnswer = forms::UnsavedAnswer::Discard;
        QVERIFY(view->maybeLeave());
        QCOMPARE(status(), QStringLiteral("not_started"));
    }

    void monitor_cannotEdit_saveDisabledWithReason()
    {
        const Actor monitor = m_fx->signIn(QStringLiteral("monitor"));
        forms::FormView view(m_fx->file->data(), monitor, *m_fx->auth, *m_fx->actions, m_fx->prompt);
        QVERIFY(view.openForm({m_subject.id, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1}));
        auto *edit = qobject_cast<QLineEdit *>(view.editor(QStringLiteral("rficdtc")));
        QVERIFY(edit->isReadOnly());
        auto *save = view.findChild<QPushButton *>(QStringLiteral("saveFormButton"));
        QVERIFY(!save->isEnabled());
        QVERIFY(!save->toolTip().isEmpty());
    }
};

QTEST_MAIN(TstFormView)
#include "tst_formview.moc"
