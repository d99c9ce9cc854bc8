// Times the subject list with many subjects: reading the table model, the whole
// list view (model, filter proxy, sorted table), a text filter, a status filter
// and a sort by column, and reports the peak resident memory. See README.md in
// this folder.
//
// The study it reads is built here through the model's own write path
// (register, save, open a query), with only the forms the list reads: the
// demographics (age, sex), the infusion date for a third of the subjects (the
// schedule's anchor) and an open query on every tenth subject.

#include "auth/authservice.h"
#include "auth/permissions.h"
#include "core/clock.h"
#include "modelauthenticator.h"
#include "records/queries.h"
#include "records/studyfile.h"
#include "records/subjectsummary.h"
#include "subjectlistview.h"
#include "subjecttablemodel.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

using namespace cellcrf;

namespace {

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

int usage(QTextStream &err)
{
    err << "usage: bench_subjectlist [--subjects N] [--keep DB]\n"
           "       bench_subjectlist DB\n"
           "Times the subject list of DB, or of a new S1904 file of N subjects (default 10000).\n";
    return 2;
}

Actor demoActor(const char *role)
{
    for (const auth::DemoAccount &a : auth::demoAccountList())
        if (a.role == QLatin1String(role))
            return Actor{a.userName, a.fullName, a.role, {}};
    return {};
}

Status generate(records::StudyFile &file, ManualClock &clock, int subjects, QTextStream &err)
{
    records::ClinicalData &data = file.data();
    const Actor nurse = demoActor(auth::role::Nurse);
    const Actor monitor = demoActor(auth::role::Monitor);
    records::Queries queries(data, clock);
    const QStringList initials = {QStringLiteral("ABC"), QStringLiteral("ZSF"), QStringLiteral("LWM"),
                                  QStringLiteral("CHY"), QStringLiteral("WXL")};
    const auto &sites = file.study().sites;
    for (int i = 0; i < subjects; ++i) {
        const QString site = sites.at(i % sites.size()).oid;
        auto subject = data.registerSubject(
            nurse, {site, QStringLiteral("%1").arg(i + 1, 5, 10, QLatin1Char('0')), initials.at(i % initials.size())});
        if (!subject)
            return subject.status();
        const QDate consent = QDate(2025, 1, 1).addDays(i % 400);
        records::SaveRequest dm;
        dm.key = {subject->id, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1};
        dm.values.insert(QStringLiteral("rficdtc"), {consent.toString(Qt::ISODate), {}, false});
        dm.values.insert(QStringLiteral("subjinit"), {subject->initials, {}, false});
        dm.values.insert(QStringLiteral("brthdtc"),
                         {QDate(1950 + i % 55, 1 + i % 12, 1 + i % 28).toString(Qt::ISODate), {}, false});
        dm.values.insert(QStringLiteral("sex"), {i % 2 ? QStringLiteral("F") : QStringLiteral("M"), {}, false});
        dm.values.insert(QStringLiteral("weight_kg"), {QString::number(50 + i % 60), {}, false});
        if (auto saved = data.saveForm(nurse, dm); !saved.status)
            return saved.status;
        if (i % 3 == 0) {
            records::SaveRequest inf;
            inf.key = {subject->id, QStringLiteral("infusion"), 1, QStringLiteral("infusion"), 1};
            inf.values.insert(QStringLiteral("infdtc"), {consent.addDays(30).toString(Qt::ISODate), {}, false});
            if (auto saved = data.saveForm(nurse, inf); !saved.status)
                return saved.status;
        }
        if (i % 10 == 0) {
            if (auto q = queries.open(monitor, dm.key, QStringLiteral("weight_kg"), QStringLiteral("Weight?")); !q)
                return q.status();
        }
        if ((i + 1) % 1000 == 0)
            err << "generating: " << (i + 1) << " of " << subjects << " subjects" << Qt::endl;
    }
    return Status::ok();
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments().mid(1);

    int subjects = 10000;
    QString path;
    bool generateNew = true;
    if (args.size() == 1 && !args.first().startsWith(QLatin1String("--"))) {
        path = args.first();
        generateNew = false;
    } else {
        for (qsizetype i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size())
                return usage(err);
            bool ok = true;
            if (args.at(i) == QLatin1String("--subjects"))
                subjects = args.at(i + 1).toInt(&ok);
            else if (args.at(i) == QLatin1String("--keep"))
                path = args.at(i + 1);
            else
                return usage(err);
            if (!ok || subjects < 1)
                return usage(err);
        }
    }

    QTemporaryDir work;
    if (!work.isValid()) {
        err << "bench_subjectlist: cannot create a temporary folder\n";
        return 1;
    }
    if (path.isEmpty())
        path = work.filePath(QStringLiteral("bench.ccrf"));
    ManualClock clock(QDateTime(QDate(2024, 12, 1), QTime(8, 0), Qt::UTC));
    std::unique_ptr<records::StudyFile> file;
    if (generateNew) {
        if (QFileInfo::exists(path)) {
            err << "bench_subjectlist: " << path << " exists; pass it alone to time it\n";
            return 1;
        }
        records::CreateOptions options;
        options.demo = true;
        options.deviceName = QStringLiteral("bench");
        auto created = records::StudyFile::create(path, QStringLiteral("s1904"), clock, options);
        if (!created) {
            err << "bench_subjectlist: " << created.message() << Qt::endl;
            return 1;
        }
        file = std::move(created).value();
        QElapsedTimer t;
        t.start();
        Status s = auth::createDemoAccounts(file->database(), clock);
        if (s)
            s = file->database().setBulkLoad(true);
        if (s)
            s = generate(*file, clock, subjects, err);
        if (s)
            s = file->database().setBulkLoad(false);
        if (!s) {
            err << "bench_subjectlist: " << s.message() << Qt::endl;
            return 1;
        }
        out << "generated " << subjects << " subjects in " << qRound(ms(t)) << " ms: " << path << Qt::endl;
    } else {
        auto opened = records::StudyFile::open(path, clock);
        if (!opened) {
            err << "bench_subjectlist: " << opened.message() << Qt::endl;
            return 1;
        }
        file = std::move(opened).value();
    }

    const Actor viewer = demoActor(auth::role::DataManager);
    const QDate today(2025, 6, 1);
    const long rssBefore = peakRssKiB();

    // What the store reads for the list, then the table model, which also makes
    // the texts shown: each twice (the second read has a warm page cache).
    for (int round = 1; round <= 2; ++round) {
        const QList<records::ItemRef> items{{QStringLiteral("dm"), QStringLiteral("age_at_consent")},
                                            {QStringLiteral("dm"), QStringLiteral("sex")}};
        QElapsedTimer t;
        t.start();
        const auto read = records::SubjectSummaries(file->data()).all(viewer, items, today);
        out << "store read of the summaries (" << (round == 1 ? "first" : "again")
            << "): " << (read ? read->size() : -1) << " subjects in " << Qt::fixed << qSetRealNumberPrecision(1)
            << ms(t) << " ms" << Qt::endl;
    }
    // The table model alone, twice (the second read has a warm page cache).
    for (int round = 1; round <= 2; ++round) {
        forms::SubjectTableModel model(file->data(), viewer);
        model.setToday(today);
        QElapsedTimer t;
        t.start();
        model.reload();
        out << "model load (" << (round == 1 ? "first" : "again") << "): " << model.rowCount() << " rows in "
            << Qt::fixed << qSetRealNumberPrecision(1) << ms(t) << " ms" << Qt::endl;
    }

    // The whole list a person sees: model, filter proxy sorted by subject, table.
    forms::ModelAuthenticator authenticator(file->database(), clock);
    forms::SubjectListView view(file->data(), viewer, authenticator);
    view.resize(1200, 800);
    view.show();
    view.model()->setToday(today);
    auto *table = view.findChild<QTableView *>(QStringLiteral("subjectTable"));
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(table->model());
    auto *filter = view.findChild<QLineEdit *>(QStringLiteral("subjectFilter"));
    auto *status = view.findChild<QComboBox *>(QStringLiteral("statusFilter"));
    QElapsedTimer t;
    t.start();
    view.reload();
    QCoreApplication::processEvents();
    out << "list view load (model, proxy, sorted table): " << proxy->rowCount() << " rows in " << ms(t) << " ms"
        << Qt::endl;

    // Typing a filter: each keystroke filters again, as the person types.
    const QString typed = QStringLiteral("01-0012");
    double worstKey = 0;
    t.start();
    for (qsizetype i = 1; i <= typed.size(); ++i) {
        QElapsedTimer k;
        k.start();
        filter->setText(typed.left(i));
        worstKey = qMax(worstKey, ms(k));
    }
    out << "text filter \"" << typed << "\" typed key by key: " << proxy->rowCount() << " rows, " << ms(t)
        << " ms in all, slowest key " << worstKey << " ms" << Qt::endl;
    t.start();
    filter->clear();
    out << "text filter cleared: " << proxy->rowCount() << " rows in " << ms(t) << " ms" << Qt::endl;

    t.start();
    status->setCurrentIndex(status->findData(QStringLiteral("screening")));
    out << "status filter (screening): " << proxy->rowCount() << " rows in " << ms(t) << " ms" << Qt::endl;
    status->setCurrentIndex(0);

    for (int column : {int(forms::SubjectTableModel::AgeColumn), int(forms::SubjectTableModel::NextVisitColumn),
                       int(forms::SubjectTableModel::QueriesColumn), int(forms::SubjectTableModel::SubjectColumn)}) {
        t.start();
        table->sortByColumn(column, Qt::DescendingOrder);
        const double sorted = ms(t);
        out << "sort by " << view.model()->headerData(column, Qt::Horizontal).toString() << ": " << sorted << " ms"
            << Qt::endl;
    }

    out << "peak resident memory: " << peakRssKiB() / 1024 << " MiB (" << rssBefore / 1024
        << " MiB before the list was read)" << Qt::endl;
    return 0;
}
