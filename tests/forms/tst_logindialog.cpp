// The sign-in dialog with the real authenticator of a study file: a demonstration
// database lists each demo account with its password, and double-click or Enter on
// a row fills both fields without signing in; a real database lists nothing.

#include "auth/authservice.h"
#include "guifixture.h"
#include "logindialog.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>

using namespace cellcrf;

class TstLoginDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::GuiFixture> m_fx;

    static QString documentedPassword(const QString &user)
    {
        for (const auth::DemoAccount &d : auth::demoAccountList())
            if (d.userName == user)
                return d.password;
        return {};
    }

    static int rowOf(QTreeWidget *list, const QString &user)
    {
        for (int r = 0; r < list->topLevelItemCount(); ++r)
            if (list->topLevelItem(r)->text(0) == user)
                return r;
        return -1;
    }

    // Double-clicks a row on its password cell, as a person does: the first click
    // of a double-click is a click of its own.
    static void doubleClickRow(QTreeWidget *list, int row)
    {
        const QRect cell = list->visualItemRect(list->topLevelItem(row));
        const QPoint point(list->header()->sectionViewportPosition(1) + 4, cell.center().y());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, point);
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, point);
    }

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<test::GuiFixture>();
        QVERIFY(m_fx->create());
    }
    void cleanup() { m_fx.reset(); }

    void demoDatabase_listsEveryAccountWithItsPassword()
    {
        forms::LoginDialog dialog(*m_fx->auth, QStringLiteral("S1904"), QStringLiteral("t.cellcrf"), true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("demoAccounts"));
        QVERIFY(list);
        QVERIFY(list->isVisible());
        QCOMPARE(list->headerItem()->text(1), QStringLiteral("Password"));
        const auto documented = auth::demoAccountList();
        QCOMPARE(list->topLevelItemCount(), documented.size());
        for (const auth::DemoAccount &d : documented) {
            const int row = rowOf(list, d.userName);
            QVERIFY2(row >= 0, qPrintable(d.userName));
            QCOMPARE(list->topLevelItem(row)->text(1), d.password);
        }
    }

    void enterOnRow_fillsBothFieldsWithoutSigningIn_data()
    {
        QTest::addColumn<QString>("user");
        for (const auth::DemoAccount &d : auth::demoAccountList())
            QTest::newRow(qPrintable(d.userName)) << d.userName;
    }
    void enterOnRow_fillsBothFieldsWithoutSigningIn()
    {
        QFETCH(QString, user);
        forms::LoginDialog dialog(*m_fx->auth, QStringLiteral("S1904"), QStringLiteral("t.cellcrf"), true);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("demoAccounts"));
        auto *userEdit = dialog.findChild<QLineEdit *>(QStringLiteral("loginUser"));
        auto *passwordEdit = dialog.findChild<QLineEdit *>(QStringLiteral("loginPassword"));
        auto *signIn = dialog.findChild<QPushButton *>(QStringLiteral("loginButton"));
        QVERIFY(list && userEdit && passwordEdit && signIn);
        const int row = rowOf(list, user);
        QVERIFY(row >= 0);

        // Selecting a row alone fills nothing.
        list->setFocus();
        list->setCurrentItem(list->topLevelItem(row));
        QTRY_VERIFY(list->hasFocus());
        QVERIFY(userEdit->text().isEmpty());
        QVERIFY(passwordEdit->text().isEmpty());

        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(userEdit->text(), user);
        QCOMPARE(passwordEdit->text(), documentedPassword(user));
        // Enter on the list is not the dialog's default button: nobody is signed in yet.
        QCOMPARE(accepted.count(), 0);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.actor().userName.isEmpty());

        // Signing in is the person's next step, and it works with what was filled in.
        QTRY_VERIFY(signIn->hasFocus());
        QTest::mouseClick(signIn, Qt::LeftButton);
        QTRY_COMPARE(accepted.count(), 1);
        QCOMPARE(dialog.actor().userName, user);
    }

    void doubleClickOnRow_fillsBothFields()
    {
        forms::LoginDialog dialog(*m_fx->auth, QStringLiteral("S1904"), QStringLiteral("t.cellcrf"), true);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("demoAccounts"));
        auto *userEdit = dialog.findChild<QLineEdit *>(QStringLiteral("loginUser"));
        auto *passwordEdit = dialog.findChild<QLineEdit *>(QStringLiteral("loginPassword"));
        QVERIFY(list && userEdit && passwordEdit);

        const int monitor = rowOf(list, QStringLiteral("monitor"));
        const int investigator = rowOf(list, QStringLiteral("investigator"));
        QVERIFY(monitor >= 0 && investigator >= 0);
        doubleClickRow(list, monitor);
        QTRY_COMPARE(userEdit->text(), QStringLiteral("monitor"));
        QCOMPARE(passwordEdit->text(), documentedPassword(QStringLiteral("monitor")));
        // Another row replaces both fields.
        doubleClickRow(list, investigator);
        QTRY_COMPARE(userEdit->text(), QStringLiteral("investigator"));
        QCOMPARE(passwordEdit->text(), documentedPassword(QStringLiteral("investigator")));
        QCOMPARE(accepted.count(), 0);

        // Enter in the password field is the dialog's default button: sign in.
        QTest::keyClick(passwordEdit, Qt::Key_Return);
        QTRY_COMPARE(accepted.count(), 1);
        QCOMPARE(dialog.actor().userName, QStringLiteral("investigator"));
    }

    void realDatabase_listsNoAccounts()
    {
        forms::LoginDialog dialog(*m_fx->auth, QStringLiteral("S1904"), QStringLiteral("t.cellcrf"), false);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.findChild<QTreeWidget *>(QStringLiteral("demoAccounts")));
        // No password of any account appears anywhere on the dialog.
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            for (const auth::DemoAccount &d : auth::demoAccountList())
                QVERIFY2(!label->text().contains(d.password), qPrintable(label->text()));
    }
};

QTEST_MAIN(TstLoginDialog)
#include "tst_logindialog.moc"
