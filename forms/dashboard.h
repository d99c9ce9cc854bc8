#pragma once

// The record status dashboard: every subject the person may see against every
// scheduled visit, each cell coloured by the status of the visit's forms (not
// started, incomplete, complete, verified, signed, locked, open query).
// Activating a cell opens that visit's first form.

#include "core/actor.h"
#include "records/clinicaldata.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QWidget>

class QTableView;
class QLabel;

namespace cellcrf::forms {

class RecordActions;

class DashboardModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        SubjectIdRole = Qt::UserRole,
        EventOidRole,
        StatusRole,
    };

    DashboardModel(records::ClinicalData &clinicalData, const Actor &actor, RecordActions *actions,
                   QObject *parent = nullptr);
    void reload();
    void subjectChanged(qint64 subjectId);
    void setLocale(const QString &locale);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        records::Subject subject;
        QHash<QString, QString> eventStatus; // event oid -> combined status
    };
    Row readRow(const records::Subject &subject, const QHash<qint64, QSet<QString>> &queried) const;
    QHash<qint64, QSet<QString>> queriedEvents() const;

    records::ClinicalData &m_data;
    Actor m_actor;
    RecordActions *m_actions = nullptr;
    QString m_locale = QStringLiteral("en");
    QList<const study::Event *> m_events;
    QList<Row> m_rows;
};

class DashboardView final : public QWidget
{
    Q_OBJECT

public:
    DashboardView(records::ClinicalData &clinicalData, const Actor &actor, RecordActions *actions,
                  QWidget *parent = nullptr);
    DashboardModel *model() const { return m_model; }
    void reload();
    void setLocale(const QString &locale);

Q_SIGNALS:
    void formRequested(qint64 subjectId, const QString &eventOid, const QString &formOid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    records::ClinicalData &m_data;
    DashboardModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_legend = nullptr;
};

} // namespace cellcrf::forms
