#include "exportcommands.h"

#include "password.h"

#include "auth/authservice.h"
#include "auth/permissions.h"
#include "core/clock.h"
#include "exchange/endpointsexport.h"
#include "exchange/longexport.h"
#include "exchange/odmexport.h"
#include "exchange/redcapexport.h"
#include "pdfexport.h"
#include "records/studyfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTranslator>

namespace cellcrf::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::cli::export", text);
}

enum Exit
{
    ExitOk = 0,
    ExitFailed = 1,
    ExitUsage = 2
};

const QStringList &formats()
{
    static const QStringList list{QStringLiteral("csv"), QStringLiteral("long"),      QStringLiteral("audit"),
                                  QStringLiteral("odm"), QStringLiteral("endpoints"), QStringLiteral("pdf")};
    return list;
}

QStringList splitList(const QString &value)
{
    QStringList out;
    for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty() && !out.contains(trimmed))
            out << trimmed;
    }
    return out;
}

// Prints "N of M subjects (P%)" each time the percentage passes a step of ten.
class ProgressPrinter
{
public:
    ProgressPrinter(QTextStream &err, QString label, QString unit)
        : m_err(err)
        , m_label(std::move(label))
        , m_unit(std::move(unit))
    {}

    void operator()(qint64 done, qint64 total)
    {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (percent / 10 == m_lastStep && done != total)
            return;
        if (done == total && m_finished)
            return;
        m_lastStep = percent / 10;
        m_finished = done == total;
        m_err << tr("export %1: %2 of %3 %4 (%5%)").arg(m_label).arg(done).arg(total).arg(m_unit).arg(percent)
              << Qt::endl;
    }

private:
    QTextStream &m_err;
    QString m_label;
    QString m_unit;
    int m_lastStep = -1;
    bool m_finished = false;
};

int runExport(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOption({QStringLiteral("user"), tr("acting user (needs the export right)"), QStringLiteral("NAME")});
    p.addOption(
        {QStringLiteral("role"), tr("act in this role (when the account has several)"), QStringLiteral("ROLE")});
    p.addOption({QStringLiteral("password-stdin"), tr("read the password from the first line of standard input")});
    p.addOption(
        {QStringLiteral("out"), tr("folder to write the files into (created when missing)"), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("sites"), tr("only these sites, comma-separated"), QStringLiteral("LIST")});
    p.addOption({QStringLiteral("forms"), tr("only these forms, comma-separated"), QStringLiteral("LIST")});
    p.addOption({QStringLiteral("events"), tr("only these events, comma-separated"), QStringLiteral("LIST")});
    p.addOption({QStringLiteral("from"), tr("forms last changed on or after this day"), QStringLiteral("YYYY-MM-DD")});
    p.addOption({QStringLiteral("to"), tr("forms last changed on or before this day"), QStringLiteral("YYYY-MM-DD")});
    p.addOption({QStringLiteral("labels"), tr("REDCap labels variant, for people to read")});
    p.addOption({QStringLiteral("bom"), tr("start CSV files with a UTF-8 byte order mark")});
    p.addOption({QStringLiteral("deidentify"), tr("drop identifiers, dates as days from consent")});
    p.addOption({QStringLiteral("transactional"), tr("ODM: the full history instead of a snapshot")});
    p.addOption({QStringLiteral("data-access-group"), tr("REDCap: the site as redcap_data_access_group")});
    p.addOption({QStringLiteral("crf"), tr("PDF: the annotated blank CRF of the study")});
    p.addOption({QStringLiteral("casebooks"), tr("PDF: one casebook per subject")});
    p.addOption({QStringLiteral("subjects"), tr("PDF: casebooks of these subjects only, comma-separated"),
                 QStringLiteral("LIST")});
    p.addOption({QStringLiteral("locale"), tr("PDF: main language of the labels (en or zh_CN)"),
                 QStringLiteral("LOCALE"), QStringLiteral("en")});

    const auto usage = [&](const QString &message) {
        err << "cellcrf-cli export: " << message << Qt::endl;
        return int(ExitUsage);
    };
    const auto fail = [&](const QString &message) {
        err << "cellcrf-cli export: " << message << Qt::endl;
        return int(ExitFailed);
    };

    if (!p.parse(args))
        return usage(p.errorText());
    const QStringList positionals = p.positionalArguments();
    if (positionals.size() != 2)
        return usage(
            tr("expected FORMAT and DB (FORMAT: %1). See 'cellcrf-cli --help'.").arg(formats().join(QLatin1Char('|'))));
    const QString format = positionals.at(0);
    const QString path = positionals.at(1);
    if (!formats().contains(format))
        return usage(tr("unknown format '%1' (known: %2)").arg(format, formats().join(QStringLiteral(", "))));
    if (!p.isSet(QStringLiteral("user")) || p.value(QStringLiteral("user")).isEmpty())
        return usage(tr("--user NAME is required: every export is done by a person."));
    if (!p.isSet(QStringLiteral("out")) || p.value(QStringLiteral("out")).isEmpty())
        return usage(tr("--out DIR is required."));

    exchange::ExportOptions options;
    options.sites = splitList(p.value(QStringLiteral("sites")));
    options.forms = splitList(p.value(QStringLiteral("forms")));
    options.events = splitList(p.value(QStringLiteral("events")));
    for (const char *name : {"from", "to"}) {
        const QString option = QString::fromLatin1(name);
        if (!p.isSet(option))
            continue;
        const QDate day = QDate::fromString(p.value(option), QStringLiteral("yyyy-MM-dd"));
        if (!day.isValid())
            return usage(tr("--%1 takes a day as YYYY-MM-DD, not '%2'").arg(option, p.value(option)));
        (option == QLatin1String("from") ? options.from : options.to) = day;
    }
    if (Status s = options.check(); !s)
        return usage(s.message());
    options.labels = p.isSet(QStringLiteral("labels"));
    options.bom = p.isSet(QStringLiteral("bom"));
    options.deidentify = p.isSet(QStringLiteral("deidentify"));
    options.transactional = p.isSet(QStringLiteral("transactional"));
    options.dataAccessGroups = p.isSet(QStringLiteral("data-access-group"));

    // Options that would be silently ignored are refused instead.
    const bool csv = format == QLatin1String("csv");
    if ((options.labels || options.dataAccessGroups) && !csv)
        return usage(tr("--labels and --data-access-group apply to the csv format only"));
    if (options.transactional && format != QLatin1String("odm"))
        return usage(tr("--transactional applies to the odm format only"));
    if (options.bom && format == QLatin1String("odm"))
        return usage(tr("--bom applies to CSV formats only"));
    if (format == QLatin1String("endpoints") && (!options.forms.isEmpty() || !options.events.isEmpty() ||
                                                 options.from.isValid() || options.to.isValid() || options.deidentify))
        return usage(tr("endpoints takes --sites and --bom only: the dataset is derived from whole casebooks"));
    if (format == QLatin1String("audit") && options.deidentify)
        return usage(tr("--deidentify does not apply to the audit trail"));

    const bool pdf = format == QLatin1String("pdf");
    pdf::PdfExportOptions pdfOptions;
    if (pdf) {
        if (!options.events.isEmpty() || options.from.isValid() || options.to.isValid() || options.bom ||
            options.deidentify)
            return usage(tr("pdf takes --crf, --casebooks, --subjects, --sites, --forms and --locale only"));
        pdfOptions.subjects = splitList(p.value(QStringLiteral("subjects")));
        pdfOptions.sites = options.sites;
        pdfOptions.forms = options.forms;
        pdfOptions.crf = p.isSet(QStringLiteral("crf"));
        // A choice of subjects or sites asks for casebooks.
        pdfOptions.casebooks =
            p.isSet(QStringLiteral("casebooks")) || !pdfOptions.subjects.isEmpty() || !pdfOptions.sites.isEmpty();
        pdfOptions.locale = p.value(QStringLiteral("locale"));
        if (!pdfOptions.crf && !pdfOptions.casebooks)
            return usage(tr("pdf needs --crf, --casebooks or both"));
        if (!pdfOptions.forms.isEmpty() && !pdfOptions.crf)
            return usage(tr("--forms chooses the forms of the blank CRF: add --crf"));
        if (pdfOptions.locale != QLatin1String("en") && pdfOptions.locale != QLatin1String("zh_CN"))
            return usage(tr("--locale takes en or zh_CN, not '%1'").arg(pdfOptions.locale));
    } else {
        for (const char *name : {"crf", "casebooks", "subjects", "locale"})
            if (p.isSet(QString::fromLatin1(name)))
                return usage(tr("--%1 applies to the pdf format only").arg(QString::fromLatin1(name)));
    }

    if (!QFileInfo::exists(path))
        return fail(tr("%1 does not exist").arg(path));
    auto file = records::StudyFile::open(path, clock);
    if (!file)
        return fail(file.message());
    records::StudyFile &sf = **file;
    const study::Study &study = sf.study();

    // Names the study does not know are mistakes, not empty filters.
    QStringList known;
    for (const study::Site &s : study.sites)
        known << s.oid;
    for (const QString &s : std::as_const(options.sites))
        if (!known.contains(s))
            return usage(tr("unknown site '%1' (known: %2)").arg(s, known.join(QStringLiteral(", "))));
    known.clear();
    for (const study::Form &f : study.forms)
        known << f.oid;
    for (const QString &f : std::as_const(options.forms))
        if (!known.contains(f))
            return usage(tr("unknown form '%1' (known: %2)").arg(f, known.join(QStringLiteral(", "))));
    known.clear();
    for (const study::Event &e : study.events)
        known << e.oid;
    for (const QString &e : std::as_const(options.events))
        if (!known.contains(e))
            return usage(tr("unknown event '%1' (known: %2)").arg(e, known.join(QStringLiteral(", "))));

    const QString user = p.value(QStringLiteral("user"));
    const QString password = readPassword(p.isSet(QStringLiteral("password-stdin")), "CELLCRF_PASSWORD",
                                          tr("Password for %1: ").arg(user), in, err);
    auth::AuthService authService(sf.database(), clock);
    auto login = authService.authenticate(user, password, p.value(QStringLiteral("role")));
    if (!login)
        return fail(login.message());
    if (login->mustChangePassword)
        return fail(tr("You must change your password first: cellcrf-cli user password %1 --user %2").arg(path, user));
    // Checked before the folder is created, so a refused export leaves nothing.
    if (Status allowed = auth::Permissions::check(login->actor, auth::Operation::Export); !allowed)
        return fail(allowed.message());

    // Casebooks of subjects that do not exist, or that the person may not see, are
    // refused before the folder is created.
    for (const QString &key : std::as_const(pdfOptions.subjects))
        if (auto subject = sf.data().subjectByKey(login->actor, key); !subject)
            return fail(tr("subject %1: %2").arg(key, subject.message()));

    const QString dir = p.value(QStringLiteral("out"));
    if (!QDir().mkpath(dir))
        return fail(tr("cannot create the folder %1").arg(dir));

    const exchange::ExportContext context{sf.database(), study, clock, login->actor};
    ProgressPrinter printer(err, format,
                            format == QLatin1String("audit") ? tr("events")
                            : pdf                            ? tr("documents")
                                                             : tr("subjects"));
    const exchange::Progress progress = [&](qint64 done, qint64 total) { printer(done, total); };
    const auto run = [&]() -> Result<exchange::ExportResult> {
        if (csv)
            return exchange::exportRedcap(context, options, dir, progress);
        if (format == QLatin1String("long"))
            return exchange::exportLongCsv(context, options, dir, progress);
        if (format == QLatin1String("audit"))
            return exchange::exportAuditCsv(context, options, dir, progress);
        if (format == QLatin1String("odm"))
            return exchange::exportOdm(context, options, dir, progress);
        if (pdf)
            return pdf::exportPdf(context, sf.data(), pdfOptions, dir, progress);
        return exchange::exportEndpoints(context, sf.data(), options, dir, progress);
    };
    // The documents' own headings follow --locale like the study's labels.
    QTranslator translator;
    if (format == QLatin1String("pdf") && pdfOptions.locale != QLatin1String("en") &&
        translator.load(QStringLiteral(":/i18n/cellcrf_%1.qm").arg(pdfOptions.locale)))
        QCoreApplication::installTranslator(&translator);
    Result<exchange::ExportResult> result = run();
    if (!result)
        return fail(result.message());

    for (const exchange::ExportedFile &f : std::as_const(result->files))
        out << QDir(dir).filePath(f.fileName) << '\t' << f.rows << '\t' << f.sha256 << Qt::endl;
    err << tr("export %1: %2 subject(s), %3 file(s) in %4")
               .arg(format)
               .arg(result->subjects)
               .arg(result->files.size())
               .arg(dir)
        << Qt::endl;
    return ExitOk;
}

} // namespace

QStringList exportCommandNames()
{
    return {QStringLiteral("export")};
}

QList<QPair<QString, QString>> exportCommandHelp()
{
    return {
        {QStringLiteral("export csv|long|audit|odm|endpoints|pdf DB --user NAME --out DIR"),
         tr("write an export and its manifest (export right needed)")},
        {QStringLiteral("  [--sites a,b] [--forms f,g] [--events e,f]"), tr("limit to sites, forms, events")},
        {QStringLiteral("  [--from YYYY-MM-DD] [--to YYYY-MM-DD]"), tr("forms last changed in this range")},
        {QStringLiteral("  [--labels] [--bom] [--deidentify]"), tr("labels variant (csv), byte order mark, no PHI")},
        {QStringLiteral("  [--transactional] [--data-access-group]"),
         tr("full ODM history (odm); the site as REDCap data access group (csv)")},
        {QStringLiteral("  pdf [--crf] [--casebooks] [--subjects A,B]"),
         tr("annotated blank CRF (--forms to choose); one casebook PDF per subject (--sites, --subjects)")},
        {QStringLiteral("  pdf [--locale en|zh_CN]"), tr("main language of the PDF labels")},
    };
}

bool exportNeedsGuiApplication(const QStringList &arguments)
{
    // Generous on purpose: an extra QGuiApplication on the offscreen platform costs
    // nothing, a missing one makes the PDF export refuse to run.
    return arguments.value(1) == QLatin1String("export") && arguments.mid(2).contains(QLatin1String("pdf"));
}

int runExportCommand(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock)
{
    if (args.value(0) == QLatin1String("export"))
        return runExport(args, out, err, in, clock);
    err << "cellcrf-cli: unknown command " << args.value(0) << Qt::endl;
    return ExitUsage;
}

} // namespace cellcrf::cli
