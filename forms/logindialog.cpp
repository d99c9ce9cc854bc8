#include "logindialog.h"

#include "authenticator.h"
#include "statuscolors.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cellcrf::forms {

LoginDialog::LoginDialog(Authenticator &auth, const QString &studyName, const QString &fileName, bool demo,
                         QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_demo(demo)
{
    setObjectName(QStringLiteral("loginDialog"));
    m_study = new QLabel(this);
    m_study->setObjectName(QStringLiteral("loginStudy"));
    m_study->setWordWrap(true);
    m_study->setTextFormat(Qt::RichText);
    m_study->setText(QStringLiteral("<div style=\"font-size:large; font-weight:600\">%1</div>"
                                    "<div style=\"color:#5f6b7a\">%2</div>")
                         .arg(studyName.toHtmlEscaped(), fileName.toHtmlEscaped()));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("loginUser"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("loginError"));
    m_error->setStyleSheet(QStringLiteral("color: #a12622;"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_signIn = new QPushButton(this);
    m_signIn->setObjectName(QStringLiteral("loginButton"));
    m_signIn->setDefault(true);
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("loginCancel"));

    m_userLabel = new QLabel(this);
    m_passwordLabel = new QLabel(this);
    m_userLabel->setBuddy(m_user);
    m_passwordLabel->setBuddy(m_password);
    auto *form = new QFormLayout;
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_signIn);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_study);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_error);

    if (m_demo) {
        m_demoLabel = new QLabel(this);
        m_demoLabel->setWordWrap(true);
        m_demoAccounts = new QTreeWidget(this);
        m_demoAccounts->setObjectName(QStringLiteral("demoAccounts"));
        m_demoAccounts->setRootIsDecorated(false);
        m_demoAccounts->setColumnCount(DemoColumnCount);
        m_demoAccounts->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
        // The passwords are shown on purpose: a demonstration database holds no real
        // data, and its accounts are documented (model/auth/README.md).
        for (const auto &a : m_auth.demoAccounts())
            new QTreeWidgetItem(m_demoAccounts, {a.userName, a.password, a.fullName, roleText(a.role)});
        m_demoAccounts->setMaximumHeight(m_demoAccounts->sizeHintForRow(0) * 7 + 8);
        // Double-click or Enter fills both fields and leaves signing in to the person.
        // Enter is taken here, before the dialog would press its default button.
        connect(m_demoAccounts, &QTreeWidget::itemActivated, this, &LoginDialog::useDemoAccount);
        m_demoAccounts->installEventFilter(this);
        m_demoLabel->setVisible(m_demoAccounts->topLevelItemCount() > 0);
        m_demoAccounts->setVisible(m_demoAccounts->topLevelItemCount() > 0);
        layout->addWidget(m_demoLabel);
        layout->addWidget(m_demoAccounts);
    }
    layout->addLayout(buttons);

    connect(m_signIn, &QPushButton::clicked, this, &LoginDialog::accept);
    connect(m_cancel, &QPushButton::clicked, this, &LoginDialog::reject);
    retranslate();
    setMinimumWidth(460);
    m_user->setFocus();
}

void LoginDialog::useDemoAccount(QTreeWidgetItem *item)
{
    if (!item)
        return;
    m_user->setText(item->text(DemoUserColumn));
    m_password->setText(item->text(DemoPasswordColumn));
    m_error->hide();
    m_signIn->setFocus();
}

bool LoginDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_demoAccounts && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            useDemoAccount(m_demoAccounts->currentItem());
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void LoginDialog::accept()
{
    auto actor = m_auth.signIn(m_user->text().trimmed(), m_password->text());
    if (!actor) {
        m_error->setText(actor.message());
        m_error->show();
        m_password->selectAll();
        m_password->setFocus();
        return;
    }
    m_actor = *actor;
    QDialog::accept();
}

void LoginDialog::retranslate()
{
    setWindowTitle(tr("Sign in to CellCRF"));
    m_userLabel->setText(tr("&User name"));
    m_passwordLabel->setText(tr("&Password"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setAccessibleName(tr("Password"));
    m_signIn->setText(tr("Sign in"));
    m_cancel->setText(tr("Cancel"));
    if (m_demoAccounts) {
        m_demoLabel->setText(tr("This is a demonstration database. Double-click an account, or select it and "
                                "press Enter, to fill in its user name and password:"));
        m_demoAccounts->setHeaderLabels({tr("User name"), tr("Password"), tr("Name"), tr("Role")});
        m_demoAccounts->setAccessibleName(tr("Demonstration accounts"));
    }
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace cellcrf::forms
