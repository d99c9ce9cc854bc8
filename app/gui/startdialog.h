#pragma once

// Shown when the program starts without a file and none was open last time:
// open the demonstration study, create a new study file, or open one.

#include <QDialog>

namespace cellcrf::gui {

class StartDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Choice
    {
        None,
        Demo,
        Create,
        Open
    };

    explicit StartDialog(QWidget *parent = nullptr);
    Choice choice() const { return m_choice; }

private:
    Choice m_choice = Choice::None;
};

} // namespace cellcrf::gui
