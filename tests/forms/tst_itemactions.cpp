// What a person does to one item beside typing its value, on real widgets: the
// item's query thread through its menu (a monitor opens, a nurse answers, close
// is refused to anyone but the opener with the reason shown, the opener closes
// and re-opens), source data verification of a single item and its loss when
// the value changes, and a missing-data reason (ND) given and taken back with
// keys only. After each step the database and the audit trail are checked.

#include "guifixture.h"

#include "audit/verifier.h"
#include "formrenderer.h"
#include "records/queries.h"
#include "records/sourceverification.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTest>
#include <QToolButton>

using namespace cellcrf;

namespace {

const records::FormKey dmKey(qint64 subjectId)
{
    return {subjectId, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1};
}

const records::FormKey ldKey(qint64 subjectId)
{
    return {subjectId, QStringLiteral("lymphodepletion"), 1, QStringLiteral("lymphodep"), 1};
}

} // namespace

class TstItemActions : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::GuiFixture> m_fx;
    Actor m_nurse;
    Actor m_monitor;
    records::Subject m_subject;

    std::unique_ptr<forms::FormView> openView(const Actor &actor, const records::FormKey &key)
    {
        auto view =
            std::make_unique<forms::FormView>(m_fx->file->data(), actor, *m_fx->auth, *m_fx->actions, m_fx->prompt);
        view->resize(1100, 800);
        view->show();
        [&] { QVERIFY(QTest::qWaitForWindowExposed(view.get())); }();
        view->activateWindow();
        [&] { QVERIFY(view->openForm(key)); }();
        return view;
    }

    static void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier)
    {
        QTest::keyClick(QApplication::focusWidget(), k, m);
    }

    // Puts the focus on the item's editor and opens its menu with Shift+F10.
    static QMenu *itemMenu(forms::FormView &view, const QString &itemOid)
    {
        auto *editor = view.editor(itemOid);
        if (!editor)
            return nullptr;
        editor->setFocus(Qt::TabFocusReason);
        if (!QTest::qWaitFor([&] { return editor->hasFocus(); }))
            return nullptr;
        key(Qt::Key_F10, Qt::ShiftModifier);
        return popup();
    }

    static QMenu *popup()
    {
        QMenu *menu = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            return menu && menu->isVisible();
        });
        return shown ? menu : nullptr;
    }

    static void closeMenus()
    {
        while (auto *w = QApplication::activePopupWidget())
            w->close();
        QCoreApplication::processEvents();
    }

    // Clicks an action of the item menu or of one of its query submenus, as a person would.
    static void click(QMenu *menu, QAction *action)
    {
        QVERIFY(action);
        auto *owner = qobject_cast<QMenu *>(action->parent());
        QVERIFY(owner);
        if (owner != menu) {
            menu->setActiveAction(owner->menuAction());
            QTest::keyClick(menu, Qt::Key_Right);
            QTRY_VERIFY(owner->isVisible());
        }
        QTest::mouseClick(owner, Qt::LeftButton, {}, owner->actionGeometry(action).center());
    }

    QAction *find(QMenu *menu, const QString &name, qint64 id = 0) const
    {
        return menu->findChild<QAction *>(id ? QStringLiteral("%1_%2").arg(name).arg(id) : name);
    }

    std::optional<records::DataQuery> storedQuery(qint64 id)
    {
        auto q = records::Queries(m_fx->file->data(), m_fx->clock).query(m_monitor, id);
        return q ? std::optional<records::DataQuery>(*q) : std::nullopt;
    }

    // Audit events of one action on one item, as (user, new value).
    QList<audit::AuditEvent> audited(const char *action, const QString &itemOid)
    {
        QList<audit::AuditEvent> out;
        const auto events = m_fx->file->data().auditTrail().events();
        for (const auto &e : *events)
            if (e.action == QLatin1String(action) && e.itemOid == itemOid)
                out.append(e);
        return out;
    }

    bool chainIntact()
    {
        const auto report = audit::verify(m_fx->file->database());
        return report && report->isOk();
    }

    void saveDm(const QString &weight)
    {
        records::SaveRequest request;
        request.key = dmKey(m_subject.id);
        request.values.insert(QStringLiteral("subjinit"), {QStringLiteral("ZSF"), {}, false});
        request.values.insert(QStringLiteral("weight_kg"), {weight, {}, false});
        auto saved = m_fx->file->data().saveForm(m_nurse, request);
        QVERIFY2(saved.status, qPrintable(saved.status.message()));
    }

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<test::GuiFixture>();
        QVERIFY(m_fx->create());
        m_nurse = m_fx->signIn(QStringLiteral("nurse"));
        m_monitor = m_fx->signIn(QStringLiteral("monitor"));
        QCOMPARE(m_monitor.role, QStringLiteral("monitor"));
        m_subject = m_fx->addSubject(m_nurse, QStringLiteral("001"));
        QVERIFY(m_subject.id > 0);
    }
    void cleanup()
    {
        closeMenus();
        m_fx.reset();
    }

    void queryThread_openAnswerCloseReopen_closeOnlyForTheOpener()
    {
        saveDm(QStringLiteral("70"));
        const QString item = QStringLiteral("weight_kg");

        // The monitor raises a query on the weight.
        qint64 id = 0;
        {
            auto view = openView(m_monitor, dmKey(m_subject.id));
            QMenu *menu = itemMenu(*view, item);
            QVERIFY(menu);
            QAction *raise = find(menu, QStringLiteral("raiseQueryAction"));
            QVERIFY(raise && raise->isEnabled());
            m_fx->prompt.textAnswer = QStringLiteral("Weight 70 kg is not in the source; please check.");
            click(menu, raise);
            QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
            const auto queries = m_fx->actions->queriesOfItem(m_monitor, dmKey(m_subject.id), item);
            QCOMPARE(queries.size(), 1);
            id = queries.first().id;
            QCOMPARE(queries.first().status, QStringLiteral("open"));
            QCOMPARE(queries.first().openedBy, QStringLiteral("monitor"));
            const auto opened = audited(audit::action::QueryOpened, item);
            QCOMPARE(opened.size(), 1);
            QCOMPARE(opened.first().userName, QStringLiteral("monitor"));
            QVERIFY(opened.first().newValue->contains(QStringLiteral("not in the source")));
        }

        // The nurse answers; closing is not hers to do, and the menu says why.
        {
            auto view = openView(m_nurse, dmKey(m_subject.id));
            QMenu *menu = itemMenu(*view, item);
            QVERIFY(menu);
            QAction *raise = find(menu, QStringLiteral("raiseQueryAction"));
            QVERIFY(raise && !raise->isEnabled());
            QVERIFY(!raise->toolTip().isEmpty());
            QAction *close = find(menu, QStringLiteral("closeQueryAction"), id);
            QVERIFY(close);
            QVERIFY(!close->isEnabled());
            QCOMPARE(close->toolTip(), m_fx->auth->mayDo(m_nurse, forms::Action::CloseQuery).message());
            QVERIFY(!close->toolTip().isEmpty());
            QAction *answer = find(menu, QStringLiteral("answerQueryAction"), id);
            QVERIFY(answer && answer->isEnabled());
            m_fx->prompt.textAnswer = QStringLiteral("The scale was recalibrated; 70 kg is right.");
            click(menu, answer);
            QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
            QCOMPARE(storedQuery(id)->status, QStringLiteral("answered"));
            const auto answered = audited(audit::action::QueryAnswered, item);
            QCOMPARE(answered.size(), 1);
            QCOMPARE(answered.first().userName, QStringLiteral("nurse"));
        }

        // Another monitor may not close a query they did not open: disabled, with the model's reason.
        {
            Actor otherMonitor = m_monitor;
            otherMonitor.userName = QStringLiteral("monitor2");
            auto view = openView(otherMonitor, dmKey(m_subject.id));
            QMenu *menu = itemMenu(*view, item);
            QVERIFY(menu);
            QAction *close = find(menu, QStringLiteral("closeQueryAction"), id);
            QVERIFY(close);
            QVERIFY(!close->isEnabled());
            QVERIFY2(close->toolTip().contains(QStringLiteral("Only monitor, who opened this query")),
                     qPrintable(close->toolTip()));
            closeMenus();
        }

        // The opener closes it, then re-opens it with a reason.
        {
            auto view = openView(m_monitor, dmKey(m_subject.id));
            QMenu *menu = itemMenu(*view, item);
            QVERIFY(menu);
            QAction *reopen = find(menu, QStringLiteral("reopenQueryAction"), id);
            QVERIFY(reopen && !reopen->isEnabled());
            QCOMPARE(reopen->toolTip(), QStringLiteral("Only a closed query can be re-opened."));
            QAction *close = find(menu, QStringLiteral("closeQueryAction"), id);
            QVERIFY(close && close->isEnabled());
            click(menu, close);
            QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
            QCOMPARE(storedQuery(id)->status, QStringLiteral("closed"));
            QCOMPARE(audited(audit::action::QueryClosed, item).size(), 1);

            menu = itemMenu(*view, item);
            QVERIFY(menu);
            QAction *answer = find(menu, QStringLiteral("answerQueryAction"), id);
            QVERIFY(answer && !answer->isEnabled());
            close = find(menu, QStringLiteral("closeQueryAction"), id);
            QVERIFY(close && !close->isEnabled());
            QCOMPARE(close->toolTip(), QStringLiteral("This query is already closed."));
            reopen = find(menu, QStringLiteral("reopenQueryAction"), id);
            QVERIFY(reopen && reopen->isEnabled());
            m_fx->prompt.textAnswer = QStringLiteral("The source shows 72 kg.");
            click(menu, reopen);
            QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
            const auto q = storedQuery(id);
            QCOMPARE(q->status, QStringLiteral("open"));
            QCOMPARE(q->messages.size(), 4);
            QCOMPARE(q->messages.last().kind, QStringLiteral("reopen"));
            QCOMPARE(q->messages.last().text, QStringLiteral("The source shows 72 kg."));
            const auto reopened = audited(audit::action::QueryReopened, item);
            QCOMPARE(reopened.size(), 1);
            QCOMPARE(reopened.first().userName, QStringLiteral("monitor"));
        }
        QVERIFY(chainIntact());
    }

    void sdv_monitorTicksOneItem_othersSeeWhy_changeClearsIt()
    {
        saveDm(QStringLiteral("70"));
        const QString item = QStringLiteral("weight_kg");
        {
            auto view = openView(m_monitor, dmKey(m_subject.id));
            auto *weight = view->findChild<QCheckBox *>(QStringLiteral("sdv_weight_kg"));
            auto *initials = view->findChild<QCheckBox *>(QStringLiteral("sdv_subjinit"));
            auto *blank = view->findChild<QCheckBox *>(QStringLiteral("sdv_height_cm"));
            QVERIFY(weight && initials && blank);
            QVERIFY(weight->isVisible());
            QVERIFY(weight->isEnabled());
            QVERIFY(!weight->isChecked());
            // Nothing saved, nothing to verify.
            QVERIFY(!blank->isEnabled());
            QCOMPARE(blank->toolTip(), QStringLiteral("Nothing to verify: no value is saved for this item."));

            // Space on the focused tick verifies the one item.
            weight->setFocus(Qt::TabFocusReason);
            QTRY_VERIFY(weight->hasFocus());
            QTest::keyClick(weight, Qt::Key_Space);
            QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
            QTRY_VERIFY(weight->isChecked());
            QVERIFY(!weight->isEnabled());
            QVERIFY2(weight->toolTip().startsWith(QStringLiteral("Verified against the source by monitor on ")),
                     qPrintable(weight->toolTip()));
            QVERIFY(!initials->isChecked());
            QVERIFY(initials->isEnabled());

            const auto marks = m_fx->actions->verificationMarks(m_monitor, dmKey(m_subject.id));
            QCOMPARE(marks.keys(), QStringList{item});
            QCOMPARE(marks.value(item).verifiedBy, QStringLiteral("monitor"));
            const auto verified = audited(audit::action::SdvVerified, item);
            QCOMPARE(verified.size(), 1);
            QCOMPARE(verified.first().newValue.value_or(QString()), QStringLiteral("value=70"));
            QVERIFY(audited(audit::action::SdvVerified, QStringLiteral("subjinit")).isEmpty());

            // The item menu offers the same, already done.
            QMenu *menu = itemMenu(*view, QStringLiteral("subjinit"));
            QVERIFY(menu);
            QAction *verifyInitials = find(menu, QStringLiteral("verifyItemAction"));
            QVERIFY(verifyInitials && verifyInitials->isEnabled());
            click(menu, verifyInitials);
            QTRY_VERIFY(initials->isChecked());
            QCOMPARE(audited(audit::action::SdvVerified, QStringLiteral("subjinit")).size(), 1);
        }

        // The nurse sees the marks but cannot tick; a changed value loses its mark when saved.
        {
            auto view = openView(m_nurse, dmKey(m_subject.id));
            auto *weight = view->findChild<QCheckBox *>(QStringLiteral("sdv_weight_kg"));
            auto *height = view->findChild<QCheckBox *>(QStringLiteral("sdv_height_cm"));
            QVERIFY(weight && height);
            QVERIFY(weight->isChecked());
            QVERIFY(!weight->isEnabled());
            QVERIFY(!height->isEnabled());
            QCOMPARE(height->toolTip(), m_fx->auth->mayDo(m_nurse, forms::Action::VerifySource).message());
            QVERIFY(!height->toolTip().isEmpty());

            auto *edit = qobject_cast<QLineEdit *>(view->editor(item));
            edit->setFocus(Qt::TabFocusReason);
            QTRY_VERIFY(edit->hasFocus());
            edit->selectAll();
            QTest::keyClicks(edit, QStringLiteral("72"));
            QVERIFY(weight->isChecked());
            QVERIFY2(weight->toolTip().contains(QStringLiteral("Saving this change clears the mark.")),
                     qPrintable(weight->toolTip()));
            key(Qt::Key_S, Qt::ControlModifier);
            QTRY_VERIFY(!view->isModified());
            QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
            QCOMPARE(m_fx->prompt.reasonAsked, 1);
            QVERIFY(!weight->isChecked());
            QVERIFY(view->findChild<QCheckBox *>(QStringLiteral("sdv_subjinit"))->isChecked());

            const auto marks = m_fx->actions->verificationMarks(m_nurse, dmKey(m_subject.id));
            QCOMPARE(marks.keys(), QStringList{QStringLiteral("subjinit")});
            const auto cleared = audited(audit::action::SdvCleared, item);
            QCOMPARE(cleared.size(), 1);
            QCOMPARE(cleared.first().userName, QStringLiteral("nurse"));
        }
        QVERIFY(chainIntact());
    }

    void missingReason_givenAndTakenBackByKeys_savedAndAudited()
    {
        const QString item = QStringLiteral("flu_dm5_mg");
        auto view = openView(m_nurse, ldKey(m_subject.id));
        auto *edit = qobject_cast<QLineEdit *>(view->editor(item));
        QVERIFY(edit);
        auto *missing = view->findChild<QLabel *>(QStringLiteral("missing_%1").arg(item));
        QVERIFY(missing);
        QVERIFY(!missing->isVisible());

        // Type a dose, then decide it was not done: Shift+F10, N.
        edit->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, QStringLiteral("25"));
        key(Qt::Key_F10, Qt::ShiftModifier);
        QMenu *menu = popup();
        QVERIFY(menu);
        QAction *nd = find(menu, QStringLiteral("missingAction_ND"));
        QVERIFY(nd && nd->isEnabled() && !nd->isChecked());
        QVERIFY(!find(menu, QStringLiteral("missingAction_UNK"))); // the study allows ND only here
        QAction *clear = find(menu, QStringLiteral("clearMissingAction"));
        QVERIFY(clear && !clear->isEnabled());
        QTest::keyClick(menu, Qt::Key_N);
        QTRY_VERIFY(missing->isVisible());
        QCOMPARE(missing->text(), QStringLiteral("ND — not done"));
        QVERIFY(edit->text().isEmpty());
        QVERIFY(!edit->isEnabled());
        QVERIFY(view->isModified());
        // The reason satisfies the required item; no message says otherwise.
        for (const auto &m : view->validation().messagesFor(item))
            QVERIFY2(m.kind != rules::MessageKind::RequiredMissing &&
                         m.kind != rules::MessageKind::MissingReasonInvalid,
                     qPrintable(m.text));
        // The keyboard stays on the item: its menu button is the stop now.
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("itemMenuButton_%1").arg(item));

        key(Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!view->isModified());
        QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
        auto stored = m_fx->file->data().loadForm(m_nurse, ldKey(m_subject.id));
        QVERIFY(stored);
        QCOMPARE(stored->values.value(item).missingReason, QStringLiteral("ND"));
        QVERIFY(stored->values.value(item).value.isEmpty());
        auto reasons = audited(audit::action::ItemMissingReason, item);
        QCOMPARE(reasons.size(), 1);
        QCOMPARE(reasons.first().newValue.value_or(QString()), QStringLiteral("ND"));
        QVERIFY(audited(audit::action::ItemValue, item).isEmpty());
        // Shown as stored after the save.
        QVERIFY(missing->isVisible());
        QVERIFY(!edit->isEnabled());

        // Take it back from the menu button (Space opens the menu, C clears) and enter the dose.
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("itemMenuButton_%1").arg(item));
        key(Qt::Key_Space);
        menu = popup();
        QVERIFY(menu);
        QVERIFY(find(menu, QStringLiteral("missingAction_ND"))->isChecked());
        QTest::keyClick(menu, Qt::Key_C);
        QTRY_VERIFY(!missing->isVisible());
        QVERIFY(edit->isEnabled());
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, QStringLiteral("25"));
        key(Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!view->isModified());
        QVERIFY2(m_fx->prompt.errors.isEmpty(), qPrintable(m_fx->prompt.errors.join(u'\n')));
        // Replacing a saved reason is a change: the reason for it was asked, the old state named.
        QCOMPARE(m_fx->prompt.reasonAsked, 1);
        QVERIFY2(m_fx->prompt.reasonItems.join(u'\n').contains(QStringLiteral("ND — not done → 25")),
                 qPrintable(m_fx->prompt.reasonItems.join(u'\n')));
        stored = m_fx->file->data().loadForm(m_nurse, ldKey(m_subject.id));
        QCOMPARE(stored->values.value(item).value, QStringLiteral("25"));
        QVERIFY(stored->values.value(item).missingReason.isEmpty());
        reasons = audited(audit::action::ItemMissingReason, item);
        QCOMPARE(reasons.size(), 2);
        QCOMPARE(reasons.last().oldValue.value_or(QString()), QStringLiteral("ND"));
        QCOMPARE(reasons.last().reason, m_fx->prompt.reason.value_or(QString()));
        QVERIFY(chainIntact());
    }

    void missingReason_notOfferedWhereTheStudyAllowsNone()
    {
        auto view = openView(m_nurse, dmKey(m_subject.id));
        QMenu *menu = itemMenu(*view, QStringLiteral("weight_kg"));
        QVERIFY(menu);
        QAction *none = find(menu, QStringLiteral("missingReasonAction"));
        QVERIFY(none);
        QVERIFY(!none->isEnabled());
        QVERIFY(!none->toolTip().isEmpty());
        QVERIFY(!find(menu, QStringLiteral("missingAction_ND")));
        closeMenus();

        // A monitor may not give a reason on a form that allows one: disabled, with why.
        auto monitorView = openView(m_monitor, ldKey(m_subject.id));
        menu = itemMenu(*monitorView, QStringLiteral("flu_dm5_mg"));
        QVERIFY(menu);
        QAction *nd = find(menu, QStringLiteral("missingAction_ND"));
        QVERIFY(nd && !nd->isEnabled());
        QCOMPARE(nd->toolTip(), m_fx->auth->mayDo(m_monitor, forms::Action::EnterData).message());
    }
};

QTEST_MAIN(TstItemActions)
#include "tst_itemactions.moc"
