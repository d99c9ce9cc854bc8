#include "cli.h"

#include "authcommands.h"
#include "exportcommands.h"
#include "password.h"
#include "randcommands.h"

#include "audit/verifier.h"
#include "auth/authservice.h"
#include "auth/permissions.h"
#include "clinical/derivation.h"
#include "core/clock.h"
#include "demo/demogenerator.h"
#include "exchange/datasets.h"
#include "records/studyfile.h"
#include "records/subjecteligibility.h"
#include "records/subjecthistory.h"
#include "study/studyloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSysInfo>

namespace cellcrf::cli {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("cellcrf::cli", text, disambiguation, n);
}

struct CommandHelp
{
    const char *name;
    const char *synopsis;
    const char *summary;
};

constexpr CommandHelp commands[] = {
    {"init", "init DB --study s1904|peds-cd19", "create a new, empty study database"},
    {"demo", "demo DB --study ID --subjects N --seed S", "create a database of realistic synthetic subjects"},
    {"verify", "verify DB", "check the audit trail's hash chains and the stored values against it"},
    {"derive", "derive NAME < input.jsonl", "run a clinical derivation on JSON objects, one per line"},
    {"endpoints", "endpoints DB --user NAME [--out FILE]",
     "per-subject endpoints dataset as CSV (export right needed)"},
    {"episodes", "episodes DB --user NAME [--out FILE]", "CRS and ICANS episodes of every subject as CSV"},
    {"eligibility", "eligibility DB SUBJECT --user NAME",
     "each eligibility criterion the data decide, and the decision"},
    {"studies", "studies", "list the study definitions built into this program"},
    {"check-study", "check-study DIR", "load a study definition folder and report every error in it"},
};

// Parses `args` (command name first) with the given options; on a problem writes it and returns false.
bool parseCommand(QCommandLineParser &parser, const QStringList &args, QTextStream &err, int positionals)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(args)) {
        err << parser.errorText() << Qt::endl;
        return false;
    }
    if (parser.positionalArguments().size() != positionals) {
        err << tr("%1: expected %2 argument(s), got %3. See 'cellcrf-cli --help'.")
                   .arg(args.value(0))
                   .arg(positionals)
                   .arg(parser.positionalArguments().size())
            << Qt::endl;
        return false;
    }
    return true;
}

} // namespace

Cli::Cli(QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock)
    : m_out(out)
    , m_err(err)
    , m_in(in)
    , m_clock(clock)
{}

int Cli::run(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty())
        return usage(tr("no command given"));
    const QString command = args.first();
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        usage();
        return Ok;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        m_out << "cellcrf-cli " << QStringLiteral(CELLCRF_VERSION) << Qt::endl;
        return Ok;
    }
    if (command == QLatin1String("init"))
        return cmdInit(args);
    if (command == QLatin1String("demo"))
        return cmdDemo(args);
    if (command == QLatin1String("verify"))
        return cmdVerify(args);
    if (command == QLatin1String("derive"))
        return cmdDerive(args);
    if (command == QLatin1String("studies"))
        return cmdStudies(args);
    if (command == QLatin1String("endpoints"))
        return cmdDataset(args, command,
                          [](const records::ClinicalData &data, const Actor &actor, QTextStream &out,
                             const std::function<void(int, int)> &progress) {
                              return exchange::writeEndpointsCsv(data, actor, out, progress);
                          });
    if (command == QLatin1String("episodes"))
        return cmdDataset(args, command, &exchange::writeEpisodesCsv);
    if (command == QLatin1String("eligibility"))
        return cmdEligibility(args);
    if (command == QLatin1String("check-study"))
        return cmdCheckStudy(args);
    if (authCommandNames().contains(command))
        return runAuthCommand(args, m_out, m_err, m_in, m_clock);
    if (exportCommandNames().contains(command))
        return runExportCommand(args, m_out, m_err, m_in, m_clock);
    if (randCommandNames().contains(command))
        return runRandCommand(args, m_out, m_err);
    return usage(tr("unknown command '%1'").arg(command));
}

int Cli::usage(const QString &problem)
{
    QTextStream &s = problem.isEmpty() ? m_out : m_err;
    if (!problem.isEmpty())
        s << "cellcrf-cli: " << problem << "\n\n";
    s << tr("Usage: cellcrf-cli COMMAND [ARGUMENTS] [OPTIONS]") << "\n\n" << tr("Commands:") << "\n";
    for (const CommandHelp &c : commands)
        s << "  " << QString::fromLatin1(c.synopsis).leftJustified(44) << ' ' << tr(c.summary) << '\n';
    for (const auto &[synopsis, summary] : authCommandHelp())
        s << "  " << synopsis.leftJustified(44) << ' ' << summary << '\n';
    for (const auto &[synopsis, summary] : exportCommandHelp())
        s << "  " << synopsis.leftJustified(44) << ' ' << summary << '\n';
    for (const auto &[synopsis, summary] : randCommandHelp())
        s << "  " << synopsis.leftJustified(44) << ' ' << summary << '\n';
    s << '\n' << tr("Derivations:") << '\n';
    for (const clinical::DerivationInfo &d : clinical::derivations())
        s << "  " << d.name.leftJustified(10) << ' ' << d.description << '\n';
    s << '\n'
      << tr("Options: --help, --version. Results go to standard output, progress and errors to standard error.")
      << Qt::endl;
    return problem.isEmpty() ? Ok : Usage;
}

int Cli::cmdInit(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("study"), tr("study definition (s1904 or peds-cd19)"), QStringLiteral("ID")});
    p.addOption({QStringLiteral("device-name"), tr("name of this workstation"), QStringLiteral("NAME")});
    if (!parseCommand(p, args, m_err, 1))
        return Usage;
    if (!p.isSet(QStringLiteral("study"))) {
        m_err << tr("init: --study is required (s1904 or peds-cd19)") << Qt::endl;
        return Usage;
    }
    records::CreateOptions options;
    options.deviceName =
        p.isSet(QStringLiteral("device-name")) ? p.value(QStringLiteral("device-name")) : QSysInfo::machineHostName();
    auto file =
        records::StudyFile::create(p.positionalArguments().first(), p.value(QStringLiteral("study")), m_clock, options);
    if (!file) {
        m_err << "cellcrf-cli init: " << file.message() << Qt::endl;
        return Failed;
    }
    m_out << tr("Created %1 for study %2 (definition %3).")
                 .arg(p.positionalArguments().first(), (*file)->study().oid, (*file)->study().version)
          << Qt::endl;
    return Ok;
}

int Cli::cmdDemo(const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("study"), tr("study definition (s1904 or peds-cd19)"), QStringLiteral("ID")});
    p.addOption({QStringLiteral("subjects"), tr("number of subjects"), QStringLiteral("N"), QStringLiteral("200")});
    p.addOption({QStringLiteral("seed"), tr("random seed: the same seed gives the same database"), QStringLiteral("S"),
                 QStringLiteral("1")});
    if (!parseCommand(p, args, m_err, 1))
        return Usage;
    bool subjectsOk = false;
    bool seedOk = false;
    demo::DemoOptions options;
    options.studyOid = p.isSet(QStringLiteral("study")) ? p.value(QStringLiteral("study")) : QStringLiteral("s1904");
    options.subjects = p.value(QStringLiteral("subjects")).toInt(&subjectsOk);
    options.seed = p.value(QStringLiteral("seed")).toULongLong(&seedOk);
    if (!subjectsOk || options.subjects < 1) {
        m_err << tr("demo: --subjects takes a whole number of at least 1") << Qt::endl;
        return Usage;
    }
    if (!seedOk) {
        m_err << tr("demo: --seed takes a whole number") << Qt::endl;
        return Usage;
    }
    const QString path = p.positionalArguments().first();
    int lastPercent = -1;
    auto file = demo::createDemoDatabase(path, options, [&](int done, int total) {
        const int percent = done * 100 / total;
        if (percent != lastPercent && (percent % 5 == 0 || done == total)) {
            m_err << tr("demo: %1 of %2 subjects (%3%)").arg(done).arg(total).arg(percent) << Qt::endl;
            lastPercent = percent;
        }
    });
    if (!file) {
        m_err << "cellcrf-cli demo: " << file.message() << Qt::endl;
        return Failed;
    }
    m_out << tr("Created %1: study %2, %3 subjects, %4 audit events (seed %5).")
                 .arg(path, (*file)->study().oid)
                 .arg((*file)->data().subjectCount())
                 .arg((*file)->data().auditTrail().count())
                 .arg(options.seed)
          << Qt::endl;
    return Ok;
}

int Cli::cmdVerify(const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, m_err, 1))
        return Usage;
    const QString path = p.positionalArguments().first();
    auto db = store::Database::open(path);
    if (!db) {
        m_err << "cellcrf-cli verify: " << db.message() << Qt::endl;
        return Failed;
    }
    auto report = audit::verify(**db, [&](qint64 done, qint64 total) {
        m_err << tr("checked %1 of %2 events").arg(done).arg(total) << Qt::endl;
    });
    if (!report) {
        m_err << "cellcrf-cli verify: " << report.message() << Qt::endl;
        return Failed;
    }
    if (report->isOk()) {
        m_out << tr("OK: %1 audit events on %2 device chain(s) and %3 stored values verified.")
                     .arg(report->eventsChecked)
                     .arg(report->devicesChecked)
                     .arg(report->valuesChecked)
              << Qt::endl;
        return Ok;
    }
    m_out
        << tr("FAILED: %n problem(s) found in the audit trail of %1.", nullptr, int(report->problems.size())).arg(path)
        << Qt::endl;
    for (const audit::VerificationProblem &problem : report->problems) {
        m_out << "  " << (problem.eventId.isEmpty() ? tr("(trail)") : tr("event %1").arg(problem.eventId));
        if (problem.seq > 0)
            m_out << tr(" (row %1)").arg(problem.seq);
        m_out << ": " << problem.description << Qt::endl;
    }
    return Failed;
}

int Cli::cmdDerive(const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, m_err, 1))
        return Usage;
    const QString name = p.positionalArguments().first();
    if (!clinical::findDerivation(name)) {
        QStringList known;
        for (const clinical::DerivationInfo &d : clinical::derivations())
            known.append(d.name);
        m_err << tr("derive: unknown derivation '%1' (known: %2)").arg(name, known.join(QStringLiteral(", ")))
              << Qt::endl;
        return Usage;
    }
    int lineNumber = 0;
    bool anyError = false;
    QString line;
    while (m_in.readLineInto(&line)) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &parseError);
        QJsonObject result;
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            result = {{QStringLiteral("error"),
                       tr("line %1 is not a JSON object: %2").arg(lineNumber).arg(parseError.errorString())}};
        } else {
            result = clinical::derive(name, doc.object());
        }
        anyError = anyError || result.contains(QStringLiteral("error"));
        m_out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)) << Qt::endl;
    }
    return anyError ? Failed : Ok;
}

void Cli::addSignInOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("user"), tr("acting user"), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("password-stdin"), tr("read the password from the first line of standard input")});
}

std::optional<Cli::SignedIn> Cli::signIn(const QCommandLineParser &parser, const QString &command, int operation)
{
    auto file = records::StudyFile::open(parser.positionalArguments().first(), m_clock);
    if (!file) {
        m_err << "cellcrf-cli " << command << ": " << file.message() << Qt::endl;
        return std::nullopt;
    }
    const QString password =
        readPassword(parser.isSet(QStringLiteral("password-stdin")), "CELLCRF_PASSWORD",
                     tr("Password for %1: ").arg(parser.value(QStringLiteral("user"))), m_in, m_err);
    auth::AuthService auth((*file)->database(), m_clock);
    auto login = auth.authenticate(parser.value(QStringLiteral("user")), password);
    if (!login) {
        m_err << "cellcrf-cli " << command << ": " << login.message() << Qt::endl;
        return std::nullopt;
    }
    if (login->mustChangePassword) {
        m_err << "cellcrf-cli " << command << ": "
              << tr("You must change your password first: cellcrf-cli user password %1 --user %2")
                     .arg(parser.positionalArguments().first(), parser.value(QStringLiteral("user")))
              << Qt::endl;
        return std::nullopt;
    }
    if (Status allowed = auth::Permissions::check(login->actor, auth::Operation(operation)); !allowed) {
        m_err << "cellcrf-cli " << command << ": " << allowed.message() << Qt::endl;
        return std::nullopt;
    }
    return SignedIn{std::move(*file), login->actor};
}

int Cli::cmdEligibility(const QStringList &args)
{
    QCommandLineParser p;
    addSignInOptions(p);
    if (!parseCommand(p, args, m_err, 2))
        return Usage;
    if (!p.isSet(QStringLiteral("user"))) {
        m_err << tr("eligibility: --user is required") << Qt::endl;
        return Usage;
    }
    auto session = signIn(p, QStringLiteral("eligibility"), int(auth::Operation::ViewData));
    if (!session)
        return Failed;
    auto subject = session->file->data().subjectByKey(session->actor, p.positionalArguments().at(1));
    if (!subject) {
        m_err << "cellcrf-cli eligibility: " << subject.message() << Qt::endl;
        return Failed;
    }
    auto e = records::assessSubjectEligibility(session->file->data(), session->actor, subject->id, m_clock);
    if (!e) {
        m_err << "cellcrf-cli eligibility: " << e.message() << Qt::endl;
        return Failed;
    }
    for (const clinical::CriterionResult &c : e->criteria) {
        const QString status = c.status == clinical::CriterionStatus::Met      ? tr("met")
                               : c.status == clinical::CriterionStatus::NotMet ? tr("NOT MET")
                                                                               : tr("missing data");
        m_out << QStringLiteral("%1\t%2\t%3\t%4").arg(c.criterionId, status, c.text, c.reason) << Qt::endl;
    }
    m_out << e->summary << Qt::endl;
    if (session->file->study().oid == QLatin1String("s1904")) {
        auto r = records::randomizationEligibilityOf(session->file->data(), session->actor, subject->id);
        if (!r) {
            m_err << "cellcrf-cli eligibility: " << r.message() << Qt::endl;
            return Failed;
        }
        m_out << (r->eligible ? tr("Randomization: may be randomized (qualifying assessment %1).")
                                    .arg(r->qualifyingDate ? r->qualifyingDate->toString(Qt::ISODate) : QString())
                              : tr("Randomization: may not be randomized."))
              << Qt::endl;
        for (const QString &reason : r->reasons)
            m_out << "  " << reason << Qt::endl;
    }
    return Ok;
}

int Cli::cmdDataset(const QStringList &args, const QString &name, const DatasetWriter &writer)
{
    QCommandLineParser p;
    addSignInOptions(p);
    p.addOption(
        {QStringLiteral("out"), tr("write the CSV to FILE instead of standard output"), QStringLiteral("FILE")});
    if (!parseCommand(p, args, m_err, 1))
        return Usage;
    if (!p.isSet(QStringLiteral("user"))) {
        m_err << tr("%1: --user is required").arg(name) << Qt::endl;
        return Usage;
    }
    auto session = signIn(p, name, int(auth::Operation::Export));
    if (!session)
        return Failed;
    // A file is replaced only once the whole dataset is written.
    QSaveFile outFile;
    QTextStream fileStream;
    QTextStream *target = &m_out;
    if (p.isSet(QStringLiteral("out"))) {
        outFile.setFileName(p.value(QStringLiteral("out")));
        if (!outFile.open(QIODevice::WriteOnly)) {
            m_err << tr("%1: cannot write %2: %3").arg(name, outFile.fileName(), outFile.errorString()) << Qt::endl;
            return Failed;
        }
        fileStream.setDevice(&outFile);
        target = &fileStream;
    }
    auto rows = writer(session->file->data(), session->actor, *target, [&](int done, int total) {
        if (done % 100 == 0 || done == total)
            m_err << tr("%1: %2 of %3 subjects").arg(name).arg(done).arg(total) << Qt::endl;
    });
    if (!rows) {
        m_err << "cellcrf-cli " << name << ": " << rows.message() << Qt::endl;
        return Failed;
    }
    if (outFile.isOpen() && !outFile.commit()) {
        m_err << tr("%1: cannot write %2: %3").arg(name, outFile.fileName(), outFile.errorString()) << Qt::endl;
        return Failed;
    }
    m_err << tr("%1: %2 row(s) written").arg(name).arg(*rows) << Qt::endl;
    return Ok;
}

int Cli::cmdStudies(const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, m_err, 0))
        return Usage;
    for (const QString &oid : study::StudyLoader::availableStudies(records::StudyFile::builtInStudiesRoot())) {
        auto st = records::StudyFile::loadBuiltInStudy(oid);
        if (st)
            m_out << oid << '\t' << st->version << '\t' << st->name.text() << Qt::endl;
        else
            m_out << oid << '\t' << tr("(does not load: %1)").arg(st.message()) << Qt::endl;
    }
    return Ok;
}

int Cli::cmdCheckStudy(const QStringList &args)
{
    QCommandLineParser p;
    if (!parseCommand(p, args, m_err, 1))
        return Usage;
    auto st = study::StudyLoader::load(p.positionalArguments().first());
    if (!st) {
        m_err << st.message() << Qt::endl;
        return Failed;
    }
    int items = 0;
    for (const study::Form &f : st->forms)
        items += int(f.items.size());
    m_out << tr("OK: %1 version %2: %3 events, %4 forms, %5 items, %6 code lists.")
                 .arg(st->oid, st->version)
                 .arg(st->events.size())
                 .arg(st->forms.size())
                 .arg(items)
                 .arg(st->codeLists.size())
          << Qt::endl;
    return Ok;
}

} // namespace cellcrf::cli
