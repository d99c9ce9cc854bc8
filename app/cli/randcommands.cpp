#include "randcommands.h"

#include "randomization/listgenerator.h"
#include "study/studyloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

namespace cellcrf::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::cli::rand", text);
}

enum Exit
{
    ExitOk = 0,
    ExitFailed = 1,
    ExitUsage = 2,
    ExitRefused = 3
};

// The scheme named by --study (a folder, or the name of a built-in study) or --scheme.
Result<study::RandomizationScheme> loadScheme(const QCommandLineParser &p)
{
    if (p.isSet(QStringLiteral("scheme")))
        return study::StudyLoader::loadRandomizationScheme(p.value(QStringLiteral("scheme")));
    QString folder = p.value(QStringLiteral("study"));
    if (!QFileInfo(folder).isDir() && QFileInfo(QStringLiteral(":/studies/") + folder).isDir())
        folder = QStringLiteral(":/studies/") + folder;
    auto loaded = study::StudyLoader::load(folder);
    if (!loaded)
        return loaded.status();
    if (!loaded->randomization)
        return Status::error(ErrorCode::InvalidInput,
                             tr("study.json: $: the study %1 has no \"randomization\" block").arg(loaded->oid));
    return std::move(*loaded->randomization);
}

int runPlan(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOption(
        {QStringLiteral("study"), tr("study definition folder, or a built-in study name"), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("scheme"), tr("a randomization block with \"sites\" added"), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("list-id"), tr("the list id"), QStringLiteral("ID")});
    p.addOption({QStringLiteral("per-stratum"), tr("at least this many slots per stratum"), QStringLiteral("N")});
    p.addOption({QStringLiteral("seed-hex"), tr("the 32-byte seed as 64 hexadecimal digits"), QStringLiteral("HEX")});
    p.addOption({QStringLiteral("out"), tr("write the CSV here instead of standard output"), QStringLiteral("FILE")});
    p.addHelpOption();
    const auto usage = [&](const QString &message) {
        err << "cellcrf-cli rand plan: " << message << Qt::endl;
        return int(ExitUsage);
    };
    if (!p.parse(args))
        return usage(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty())
        return usage(tr("unexpected argument %1").arg(p.positionalArguments().constFirst()));
    if (p.isSet(QStringLiteral("study")) == p.isSet(QStringLiteral("scheme")))
        return usage(tr("give either --study DIR or --scheme FILE"));
    for (const char *required : {"list-id", "per-stratum", "seed-hex"}) {
        if (!p.isSet(QString::fromLatin1(required)))
            return usage(tr("--%1 is required").arg(QString::fromLatin1(required)));
    }
    const QString listId = p.value(QStringLiteral("list-id"));
    if (!randomization::ListGenerator::isValidListId(listId))
        return usage(tr("--list-id takes 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    bool numberOk = false;
    const int perStratum = p.value(QStringLiteral("per-stratum")).toInt(&numberOk);
    if (!numberOk || perStratum < 1 || perStratum > randomization::ListGenerator::MaxPerStratum)
        return usage(
            tr("--per-stratum takes a whole number from 1 to %1").arg(randomization::ListGenerator::MaxPerStratum));
    const auto seed = randomization::Seed::fromHex(p.value(QStringLiteral("seed-hex")));
    if (!seed)
        return usage(tr("--seed-hex takes exactly 64 hexadecimal digits (32 bytes)"));

    auto scheme = loadScheme(p);
    if (!scheme) {
        if (scheme.status().code() == ErrorCode::NotFound) {
            err << "cellcrf-cli rand plan: " << scheme.message() << Qt::endl;
            return ExitFailed;
        }
        err << "error: RAND_SCHEME_INVALID: " << tr("the randomization scheme is refused:") << '\n'
            << scheme.message() << Qt::endl;
        return ExitRefused;
    }
    auto list = randomization::ListGenerator::generate(*scheme, listId, *seed, perStratum);
    if (!list) {
        err << "error: RAND_SCHEME_INVALID: " << list.message() << Qt::endl;
        return ExitRefused;
    }

    if (p.isSet(QStringLiteral("out"))) {
        const QString path = p.value(QStringLiteral("out"));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !randomization::ListGenerator::writePlanCsv(*list, file) ||
            !file.commit()) {
            err << "cellcrf-cli rand plan: " << tr("cannot write %1: %2").arg(path, file.errorString()) << Qt::endl;
            return ExitFailed;
        }
    } else {
        out << QString::fromLatin1(randomization::ListGenerator::planCsvHeader());
        for (const randomization::StratumList &stratum : std::as_const(list->strata)) {
            for (const randomization::Slot &slot : stratum.slots)
                out << QString::fromUtf8(randomization::ListGenerator::planCsvLine(list->listId, slot));
        }
        out.flush();
    }
    // Two fixed lines, the same as the reference script's, so that scripts compare them.
    err << "seed_fingerprint " << randomization::toHex(list->seedFingerprint) << '\n'
        << "manifest_hash " << randomization::toHex(list->manifestHash) << Qt::endl;
    return ExitOk;
}

} // namespace

QStringList randCommandNames()
{
    return {QStringLiteral("rand")};
}

QList<QPair<QString, QString>> randCommandHelp()
{
    return {{QStringLiteral("rand plan (--study DIR|--scheme FILE) --list-id ID --per-stratum N --seed-hex HEX "
                            "[--out FILE]"),
             tr("the plaintext randomization list as CSV (no database; the seed fingerprint and manifest hash "
                "go to standard error)")}};
}

int runRandCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    const QString sub = args.value(1);
    if (sub == QLatin1String("plan"))
        return runPlan(args.mid(1), out, err);
    err << "cellcrf-cli rand: "
        << (sub.isEmpty() ? tr("name a subcommand: plan") : tr("unknown subcommand '%1' (known: plan)").arg(sub))
        << Qt::endl;
    return ExitUsage;
}

} // namespace cellcrf::cli
