// The toxicity flowsheet: a day's assessment typed in its column, the derived
// grades recomputed by the model as values change, and saving through the same
// path as the form view.

#include "guifixture.h"

#include "flowsheet.h"

#include <QTableView>
#include <QTest>

using namespace cellcrf;

class TstFlowsheet : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::GuiFixture> m_fx;
    Actor m_nurse;
    records::Subject m_subject;

    static QModelIndex cell(forms::FlowsheetModel *model, const QString &item, int day)
    {
        for (int c = 0; c < model->columnCount(); ++c)
            if (model->headerData(c, Qt::Horizontal).toString().startsWith(QStringLiteral("Day %1\n").arg(day)))
                return model->index(model->rowOfItem(item), c);
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<test::GuiFixture>();
        QVERIFY(m_fx->create());
        m_nurse = m_fx->signIn(QStringLiteral("nurse"));
        m_subject = m_fx->addSubject(m_nurse, QStringLiteral("001"));
        records::SaveRequest infusion;
        infusion.key = {m_subject.id, QStringLiteral("infusion"), 1, QStringLiteral("infusion"), 1};
        infusion.values.insert(QStringLiteral("infdtc"), ItemEntry{QStringLiteral("2026-02-20"), {}, false});
        const auto saved = m_fx->file->data().saveForm(m_nurse, infusion);
        QVERIFY2(saved.status, qPrintable(saved.status.message()));
    }
    void cleanup() { m_fx.reset(); }

    void crsGrade_updatesAsOxygenSupportIsTyped()
    {
        forms::FlowsheetView view(m_fx->file->data(), m_nurse, *m_fx->auth, m_fx->prompt);
        view.setSubject(m_subject.id);
        auto *model = view.model();
        QVERIFY(model->columnCount() >= 15);
        const auto grade = cell(model, QStringLiteral("crs_grade"), 2);
        QVERIFY(grade.isValid());
        QVERIFY(grade.data().toString().isEmpty());

        for (const auto &[item, value] : {std::pair{QStringLiteral("temp_c"), QStringLiteral("39.2")},
                                          std::pair{QStringLiteral("fever_other_cause"), QStringLiteral("0")},
                                          std::pair{QStringLiteral("antipyretic_given"), QStringLiteral("0")},
                                          std::pair{QStringLiteral("crs_prev_episode"), QStringLiteral("0")},
                                          std::pair{QStringLiteral("hypotension"), QStringLiteral("none")},
                                          std::pair{QStringLiteral("oxygen"), QStringLiteral("none")}})
            QVERIFY2(model->setData(cell(model, item, 2), value), qPrintable(item));
        QCOMPARE(grade.data().toString(), QStringLiteral("1"));

        // Oxygen support typed in the same column raises the grade at once.
        QVERIFY(model->setData(cell(model, QStringLiteral("oxygen"), 2), QStringLiteral("high_flow_gt6")));
        QCOMPARE(grade.data().toString(), QStringLiteral("3"));
        QVERIFY(model->isModified());
        QVERIFY(view.save());
        QVERIFY(!model->isModified());
        QCOMPARE(m_fx->file->data()
                     .loadForm(m_nurse, {m_subject.id, QStringLiteral("tox_d2"), 1, QStringLiteral("crs_icans"), 1})
                     ->values.value(QStringLiteral("oxygen"))
                     .value,
                 QStringLiteral("high_flow_gt6"));
    }
};

QTEST_MAIN(TstFlowsheet)
#include "tst_flowsheet.moc"
