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
};

QTEST_MAIN(TstSubjectTableModel)
#include "tst_subjecttablemodel.moc"
