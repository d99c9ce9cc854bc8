#include "prompt.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace cellcrf::forms {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::forms::WidgetPrompt", text);
}
} // namespace

UnsavedAnswer WidgetPrompt::askUnsaved(QWidget *parent, const QString &what)
{
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"), tr("%1 has changes that are not saved.").arg(what),
                    QMessageBox::NoButton, parent);
    box.setInformativeText(tr("Save them now, discard them, or go back to the form?"));
    auto *save = box.addButton(QMessageBox::Save);
    auto *discard = box.addButton(QMessageBox::Discard);
    box.addButton(QMessageBox::Cancel);
    save->setText(tr("Save"));
    discard->setText(tr("Discard changes"));
    box.setDefaultButton(save);
    box.setObjectName(QStringLiteral("unsavedPrompt"));
    box.exec();
    if (box.clickedButton() == save)
        return UnsavedAnswer::Save;
    if (box.clickedButton() == discard)
        return UnsavedAnswer::Discard;
    return UnsavedAnswer::Cancel;
}

std::optional<QString> WidgetPrompt::askReason(QWidget *parent, const QStringList &changedItems)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("reasonDialog"));
    dialog.setWindowTitle(tr("Reason for change"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *intro = new QLabel(tr("Saved values change. The audit trail records why:"), &dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *items = new QLabel(QStringLiteral("• ") + changedItems.join(QStringLiteral("\n• ")), &dialog);
    items->setWordWrap(true);
    layout->addWidget(items);
    auto *reason = new QComboBox(&dialog);
    reason->setObjectName(QStringLiteral("reasonEdit"));
    reason->setAccessibleName(tr("Reason for change"));
    reason->setEditable(true);
    reason->addItems({QString(), tr("Transcription error corrected"), tr("Source document updated"),
                      tr("Query answered"), tr("Value entered in the wrong field")});
    reason->lineEdit()->setPlaceholderText(tr("Choose or type a reason"));
    layout->addWidget(reason);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Save with reason"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("reasonOk"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    QObject::connect(reason, &QComboBox::currentTextChanged, buttons, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(440, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return reason->currentText().trimmed();
}

bool WidgetPrompt::confirm(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text) == QMessageBox::Yes;
}

void WidgetPrompt::showError(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

std::optional<QString> WidgetPrompt::askText(QWidget *parent, const QString &title, const QString &label)
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(parent, title, label, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return std::nullopt;
    return text.trimmed();
}

bool WidgetPrompt::askSignature(QWidget *parent, const SignatureRequest &request, const SignAttempt &sign)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("signDialog"));
    dialog.setWindowTitle(tr("Sign %1").arg(request.what));
    auto *layout = new QFormLayout(&dialog);
    // A form names its stored version; a casebook (version 0) names its content in `what`.
    auto *intro = new QLabel(request.version > 0
                                 ? tr("Your signature applies to %1 as saved now (version %2). It is recorded with "
                                      "your name, the time and its meaning, and is the legal equivalent of a "
                                      "handwritten signature.")
                                       .arg(request.what)
                                       .arg(request.version)
                                 : tr("Your signature applies to %1 as saved now. It is recorded with your name, the "
                                      "time and its meaning, and is the legal equivalent of a handwritten signature.")
                                       .arg(request.what),
                             &dialog);
    intro->setWordWrap(true);
    layout->addRow(intro);
    auto *meaning = new QComboBox(&dialog);
    meaning->setObjectName(QStringLiteral("signMeaning"));
    for (const QString &code : request.meanings) {
        if (code == QLatin1String("reviewed"))
            meaning->addItem(tr("I reviewed this data"), code);
        else if (code == QLatin1String("approved"))
            meaning->addItem(tr("I approve this data"), code);
        else if (code == QLatin1String("authored"))
            meaning->addItem(tr("I am responsible for this data"), code);
    }
    meaning->setEnabled(meaning->count() > 1);
    layout->addRow(tr("Meaning"), meaning);
    auto *password = new QLineEdit(&dialog);
    password->setObjectName(QStringLiteral("signPassword"));
    password->setEchoMode(QLineEdit::Password);
    password->setAccessibleName(tr("Password"));
    layout->addRow(tr("Password"), password);
    auto *error = new QLabel(&dialog);
    error->setObjectName(QStringLiteral("signError"));
    error->setStyleSheet(QStringLiteral("color: #a12622;"));
    error->setWordWrap(true);
    error->hide();
    layout->addRow(error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("signOk"));
    layout->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        const Status signedOk = sign(meaning->currentData().toString(), password->text());
        if (!signedOk) {
            error->setText(signedOk.message());
            error->show();
            password->clear();
            return;
        }
        dialog.accept();
    });
    dialog.setMinimumWidth(460);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace cellcrf::forms
