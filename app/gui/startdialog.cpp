#include "startdialog.h"

#include <QCommandLinkButton>
#include <QLabel>
#include <QVBoxLayout>

namespace cellcrf::gui {

StartDialog::StartDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("startDialog"));
    setWindowTitle(tr("Welcome to CellCRF"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Choose a study database to work in."), this);
    layout->addWidget(intro);
    const auto add = [this, layout](const QString &name, const QString &text, const QString &detail, Choice choice) {
        auto *button = new QCommandLinkButton(text, detail, this);
        button->setObjectName(name);
        button->setAccessibleName(text);
        connect(button, &QCommandLinkButton::clicked, this, [this, choice] {
            m_choice = choice;
            accept();
        });
        layout->addWidget(button);
    };
    add(QStringLiteral("startDemo"), tr("Open the demonstration study"),
        tr("S1904 with 200 synthetic subjects, created on first use"), Choice::Demo);
    add(QStringLiteral("startCreate"), tr("Create a new study file…"), tr("An empty database for S1904 or peds-cd19"),
        Choice::Create);
    add(QStringLiteral("startOpen"), tr("Open a study file…"), tr("A .cellcrf database on this computer"),
        Choice::Open);
    setMinimumWidth(460);
}

} // namespace cellcrf::gui
