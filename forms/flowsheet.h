#pragma once

// The toxicity flowsheet of one subject: days since infusion as columns, the CRS
// and ICANS assessment items as rows, and the derived CRS and ICANS grades in
// their own rows, recomputed by the model's validation as values are typed. A
// day's assessment is entered in its column and saved with the same save path
// (and reason for change) as the form view.

#include "core/actor.h"
#include "records/clinicaldata.h"

#include <functional>
#include <optional>

#include <QAbstractTableModel>
#include <QDate>
#include <QSet>
#include <QStyledItemDelegate>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QChartView;

namespace cellcrf::forms {

class Authenticator;
class Prompt;

class FlowsheetModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        ItemOidRole = Qt::UserRole,
        CanonicalValueRole,
        ChoicesRole, // QStringList of "code\tlabel" for choice items
        GradeRowRole,
    };

    FlowsheetModel(records::ClinicalData &clinicalData, const Actor &actor, QObject *parent = nullptr);

    void setSubject(qint64 subjectId);
    void setLocale(const QString &locale);
    void setEditable(bool editable);
    bool isModified() const { return !m_dirty.isEmpty(); }
    // Saves every changed day; `askReason` is called when saved values change.
    Status save(const std::function<std::optional<QString>(const QStringList &)> &askReason);
    void discard();
    int rowOfItem(const QString &itemOid) const;
    // The derived grade of each day that has one: day -> grade.
    QList<QPair<int, int>> grades(const QString &gradeItem) const;
    QString summary() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Day
    {
        QString eventOid;
        int day = 0;
        std::optional<QDate> date;
        records::FormData form;
        FormValues values;
        rules::ValidationResult validation;
    };
    void validateDay(int column);
    QString display(const Day &day, const study::Item &item) const;

    records::ClinicalData &m_data;
    Actor m_actor;
    QString m_locale = QStringLiteral("en");
    const study::Form *m_form = nullptr;
    QList<const study::Item *> m_items;
    QList<Day> m_days;
    QSet<int> m_dirty;
    qint64 m_subjectId = 0;
    bool m_editable = true;
};

// Edits choice cells with a combo box of the code list; other cells as text.
class FlowsheetDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

class FlowsheetView final : public QWidget
{
    Q_OBJECT

public:
    FlowsheetView(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth, Prompt &prompt,
                  QWidget *parent = nullptr);
    ~FlowsheetView() override;

    void setSubject(qint64 subjectId);
    void setLocale(const QString &locale);
    bool maybeLeave();
    bool save();
    FlowsheetModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    void saved(qint64 subjectId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshChart();
    void retranslate();

    records::ClinicalData &m_data;
    Actor m_actor;
    Authenticator &m_auth;
    Prompt &m_prompt;
    qint64 m_subjectId = 0;
    FlowsheetModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_save = nullptr;
    QChartView *m_chart = nullptr;
};

} // namespace cellcrf::forms
