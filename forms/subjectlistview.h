#pragma once

// The subject list: a sortable table of every subject the person may see, with a
// live text filter and status and site filters, and "New subject".

#include "core/actor.h"

#include <QSortFilterProxyModel>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace cellcrf::records {
class ClinicalData;
}

namespace cellcrf::forms {

class Authenticator;
class RecordActions;
class SubjectTableModel;

// Filters the subject table by free text (subject, initials, numbers), status and site.
class SubjectFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setText(const QString &text);
    void setStatus(const QString &status);
    void setSite(const QString &siteOid);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QString m_status;
    QString m_site;
};

class SubjectListView final : public QWidget
{
    Q_OBJECT

public:
    SubjectListView(records::ClinicalData &clinicalData, const Actor &actor, Authenticator &auth,
                    RecordActions *actions = nullptr, QWidget *parent = nullptr);
    ~SubjectListView() override;

    SubjectTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    void setLocale(const QString &locale);
    void reload();
    void subjectChanged(qint64 subjectId);

Q_SIGNALS:
    void subjectActivated(qint64 subjectId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void newSubject();
    void updateCount();

    records::ClinicalData &m_data;
    Actor m_actor;
    Authenticator &m_auth;
    RecordActions *m_actions = nullptr;
    QString m_locale = QStringLiteral("en");
    SubjectTableModel *m_model = nullptr;
    SubjectFilterProxy *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_site = nullptr;
    QPushButton *m_new = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
};

} // namespace cellcrf::forms
