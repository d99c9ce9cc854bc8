#pragma once

// Signing in. The demo accounts of a demonstration database are listed with their
// passwords (and only there) so that anyone trying the program can pick a role:
// double-click or Enter on a row fills both fields.

#include "core/actor.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace cellcrf::forms {

class Authenticator;

class LoginDialog final : public QDialog
{
    Q_OBJECT

public:
    LoginDialog(Authenticator &auth, const QString &studyName, const QString &fileName, bool demo,
                QWidget *parent = nullptr);

    const Actor &actor() const { return m_actor; }
    void accept() override;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The columns of the demo account list.
    static constexpr int DemoUserColumn = 0;
    static constexpr int DemoPasswordColumn = 1;
    static constexpr int DemoColumnCount = 4; // user name, password, name, role

    void retranslate();
    void useDemoAccount(QTreeWidgetItem *item);

    Authenticator &m_auth;
    bool m_demo = false;
    Actor m_actor;
    QLabel *m_study = nullptr;
    QLabel *m_userLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_demoLabel = nullptr;
    QTreeWidget *m_demoAccounts = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace cellcrf::forms
