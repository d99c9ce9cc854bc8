#pragma once

// The headless command-line program: every command a data manager scripts.
// Results go to stdout, progress and errors to stderr; the exit status is 0 on
// success, 1 when the work found a problem (a broken audit chain, an invalid
// definition) or failed, and 2 for a command line that does not make sense.

#include "core/actor.h"
#include "core/result.h"

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

class QCommandLineParser;

namespace cellcrf {
class Clock;
namespace records {
class StudyFile;
class ClinicalData;
} // namespace records
} // namespace cellcrf

namespace cellcrf::cli {

enum ExitCode
{
    Ok = 0,
    Failed = 1,
    Usage = 2
};

class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock);

    // `arguments` as main() received them, program name first.
    int run(const QStringList &arguments);

private:
    int usage(const QString &problem = {});
    int cmdInit(const QStringList &args);
    int cmdDemo(const QStringList &args);
    int cmdVerify(const QStringList &args);
    int cmdDerive(const QStringList &args);
    // A per-subject dataset written as CSV by an exporting user (endpoints, episodes).
    using DatasetWriter = std::function<Result<int>(const records::ClinicalData &, const Actor &, QTextStream &,
                                                    const std::function<void(int, int)> &)>;
    int cmdDataset(const QStringList &args, const QString &name, const DatasetWriter &writer);
    int cmdEligibility(const QStringList &args);

    // Commands that act as a person open the file and sign in with --user and a
    // password (--password-stdin, else CELLCRF_PASSWORD), then check `operation`
    // (an auth::Operation). Problems are reported on stderr.
    struct SignedIn
    {
        std::unique_ptr<records::StudyFile> file;
        Actor actor;
    };
    static void addSignInOptions(QCommandLineParser &parser);
    std::optional<SignedIn> signIn(const QCommandLineParser &parser, const QString &command, int operation);
    int cmdStudies(const QStringList &args);
    int cmdCheckStudy(const QStringList &args);

    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
    const Clock &m_clock;
};

} // namespace cellcrf::cli
