// The subject table model and its filters, checked by QAbstractItemModelTester.

#include "guifixture.h"

#include "subjectlistview.h"
#include "subjecttablemodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QTableView>

using namespace cellcrf;

class TstSubjectTableModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::GuiFixture> m_fx;
    Actor m_nurse;

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<test::GuiFixture>();
        QVERIFY(m_fx->create());
        m_nurse = m_fx->signIn(QStringLiteral("nurse"));
        for (int i = 1; i <= 5; ++i)
            QVERIFY(m_fx->addSubject(m_nurse, QStringLiteral("%1").arg(i, 3, 10, QLatin1Char('0')),
                                     i % 2 ? QStringLiteral("01") : QStringLiteral("02"))
                        .id > 0);
    }
    void cleanup() { m_fx.reset(); }

    void model_passesTester_throughResetInsertAndChange()
    {
        forms::SubjectTableModel model(m_fx->file->data(), m_nurse);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(forms::SubjectTableModel::ColumnCount));
        const auto added = m_fx->addSubject(m_nurse, QStringLiteral("006"));
        model.subjectAdded(added);
        QCOMPARE(model.rowCount(), 6);
        model.subjectChanged(added.id);
        QCOMPARE(model.index(5, 0).data(forms::SubjectTableModel::SubjectIdRole).toLongLong(), added.id);
        model.setLocale(QStringLiteral("zh_CN"));
    }

    void filters_textStatusAndSite()
    {
        forms::SubjectListView view(m_fx->file->data(), m_nurse, *m_fx->auth);
        view.reload();
        auto *table = view.findChild<QTableView *>(QStringLiteral("subjectTable"));
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(table->model()->rowCount(), 5);
        view.findChild<QLineEdit *>(QStringLiteral("subjectFilter"))->setText(QStringLiteral("003"));
        QCOMPARE(table->model()->rowCount(), 1);
        view.findChild<QLineEdit *>(QStringLiteral("subjectFilter"))->clear();
        auto *site = view.findChild<QComboBox *>(QStringLiteral("siteFilter"));
        site->setCurrentIndex(site->findData(QStringLiteral("02")));
        QCOMPARE(table->model()->rowCount(), 2);
        site->setCurrentIndex(0);
        auto *status = view.findChild<QComboBox *>(QStringLiteral("statusFilter"));
        status->setCurrentIndex(status->findData(QStringLiteral("died")));
        QCOMPARE(table->model()->rowCount(), 0);
    }

    void sorting_followsTheRowsValues_filterKeepsTheOrder()
    {
        // Ages 40, 25, unknown, 61, 33 (the third has no demographics saved).
        const QStringList births = {QStringLiteral("1985-06-01"), QStringLiteral("2000-06-01"), QString(),
                                    QStringLiteral("1964-06-01"), QStringLiteral("1992-06-01")};
        auto subjects = m_fx->file->data().subjects(m_nurse);
        QVERIFY(subjects);
        for (int i = 0; i < births.size(); ++i) {
            if (births.at(i).isEmpty())
                continue;
            records::SaveRequest request;
            request.key = {subjects->at(i).id, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1};
            request.values.insert(QStringLiteral("rficdtc"), {QStringLiteral("2026-01-10"), {}, false});
            request.values.insert(QStringLiteral("brthdtc"), {births.at(i), {}, false});
            request.values.insert(QStringLiteral("sex"),
                                  {i % 2 ? QStringLiteral("F") : QStringLiteral("M"), {}, false});
            auto saved = m_fx->file->data().saveForm(m_nurse, request);
            QVERIFY2(saved.status, qPrintable(saved.status.message()));
        }
        forms::SubjectListView view(m_fx->file->data(), m_nurse, *m_fx->auth);
        view.reload();
        auto *table = view.findChild<QTableView *>(QStringLiteral("subjectTable"));
        auto *proxy = table->model();
        QAbstractItemModelTester tester(proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto column = [&](int c) {
            QStringList out;
            for (int r = 0; r < proxy->rowCount(); ++r)
                out.append(proxy->index(r, c).data().toString());
            return out;
        };
        table->sortByColumn(forms::SubjectTableModel::AgeColumn, Qt::AscendingOrder);
        QCOMPARE(column(forms::SubjectTableModel::AgeColumn),
                 (QStringList{QString(), QStringLiteral("25"), QStringLiteral("33"), QStringLiteral("40"),
                              QStringLiteral("61")}));
        table->sortByColumn(forms::SubjectTableModel::SexColumn, Qt::DescendingOrder);
        QCOMPARE(column(forms::SubjectTableModel::SexColumn).first(), QStringLiteral("Male"));
        QCOMPARE(column(forms::SubjectTableModel::SexColumn).last(), QString());
        table->sortByColumn(forms::SubjectTableModel::SubjectColumn, Qt::DescendingOrder);
        QCOMPARE(column(forms::SubjectTableModel::SubjectColumn),
                 (QStringList{QStringLiteral("02-004"), QStringLiteral("02-002"), QStringLiteral("01-005"),
                              QStringLiteral("01-003"), QStringLiteral("01-001")}));
        // A filter keeps the order; clearing it brings every row back in order.
        view.findChild<QLineEdit *>(QStringLiteral("subjectFilter"))->setText(QStringLiteral("01-"));
        QCOMPARE(column(forms::SubjectTableModel::SubjectColumn),
                 (QStringList{QStringLiteral("01-005"), QStringLiteral("01-003"), QStringLiteral("01-001")}));
        view.findChild<QLineEdit *>(QStringLiteral("subjectFilter"))->clear();
        QCOMPARE(column(forms::SubjectTableModel::SubjectColumn).size(), 5);
        QCOMPARE(column(forms::SubjectTableModel::SubjectColumn).first(), QStringLiteral("02-004"));
    }
};

QTEST_MAIN(TstSubjectTableModel)
#include "tst_subjecttablemodel.moc"
