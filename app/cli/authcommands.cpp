#include "authcommands.h"

#include "password.h"

#include "audit/audittrail.h"
#include "auth/authservice.h"
#include "auth/permissions.h"
#include "core/clock.h"
#include "records/datalocks.h"
#include "records/queries.h"
#include "records/signatures.h"
#include "records/sourceverification.h"
#include "records/studyfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace cellcrf::cli {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("cellcrf::cli::auth", text, disambiguation, n);
}

enum Exit
{
    ExitOk = 0,
    ExitFailed = 1,
    ExitUsage = 2
};

// One auth command: parses options, opens the file, finds the acting person.
class Command
{
public:
    Command(QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock)
        : m_out(out)
        , m_err(err)
        , m_in(in)
        , m_clock(clock)
    {
        m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        m_parser.addOption({QStringLiteral("user"), tr("acting user"), QStringLiteral("NAME")});
        m_parser.addOption(
            {QStringLiteral("role"), tr("act in this role (when the account has several)"), QStringLiteral("ROLE")});
        m_parser.addOption({QStringLiteral("password-stdin"),
                            tr("read the password (and a new password) from standard input, one per line")});
    }

    QCommandLineParser &parser() { return m_parser; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // Parses `args` (the command word(s) first, `skip` of them) and opens DB.
    bool parse(const QStringList &args, int skip, int minPositionals, int maxPositionals)
    {
        m_name = args.mid(0, skip).join(QLatin1Char(' '));
        QStringList forParser = args.mid(skip - 1);
        if (!m_parser.parse(forParser)) {
            m_err << "cellcrf-cli " << m_name << ": " << m_parser.errorText() << Qt::endl;
            return false;
        }
        const qsizetype n = m_parser.positionalArguments().size();
        if (n < minPositionals || n > maxPositionals) {
            m_err << tr("cellcrf-cli %1: wrong number of arguments. See 'cellcrf-cli --help'.").arg(m_name) << Qt::endl;
            return false;
        }
        return true;
    }
    QString arg(int i) const { return m_parser.positionalArguments().value(i); }
    QString value(const char *name) const { return m_parser.value(QString::fromLatin1(name)); }
    bool isSet(const char *name) const { return m_parser.isSet(QString::fromLatin1(name)); }

    int fail(const QString &message)
    {
        m_err << "cellcrf-cli " << m_name << ": " << message << Qt::endl;
        return ExitFailed;
    }
    int usage(const QString &message)
    {
        m_err << "cellcrf-cli " << m_name << ": " << message << Qt::endl;
        return ExitUsage;
    }

    bool open()
    {
        auto file = records::StudyFile::open(arg(0), m_clock);
        if (!file) {
            fail(file.message());
            return false;
        }
        m_file = std::move(*file);
        m_auth = std::make_unique<auth::AuthService>(m_file->database(), m_clock);
        return true;
    }
    records::StudyFile &file() { return *m_file; }
    records::ClinicalData &data() { return m_file->data(); }
    auth::AuthService &authService() { return *m_auth; }

    // A password: from standard input with --password-stdin, else from
    // CELLCRF_PASSWORD (or `envName`), else asked for without echo.
    QString readPassword(const QString &prompt, const char *envName)
    {
        return cli::readPassword(isSet("password-stdin"), envName, prompt, m_in, m_err);
    }

    // Authenticates --user; on failure writes why and returns false.
    bool signIn()
    {
        const QString user = value("user");
        if (user.isEmpty()) {
            usage(tr("--user NAME is required: every action is done by a person."));
            return false;
        }
        m_password = readPassword(tr("Password for %1: ").arg(user), "CELLCRF_PASSWORD");
        auto r = m_auth->authenticate(user, m_password, value("role"));
        if (!r) {
            fail(r.message());
            return false;
        }
        if (r->mustChangePassword && m_name != QLatin1String("user password")) {
            fail(tr("You must change your password first: cellcrf-cli user password %1 --user %2").arg(arg(0), user));
            return false;
        }
        m_actor = r->actor;
        return true;
    }
    const Actor &actor() const { return m_actor; }
    const QString &password() const { return m_password; }

    // "SUBJECT EVENT FORM" positionals starting at `first`, as a form key.
    bool formKey(int first, records::FormKey &key)
    {
        auto subject = data().subjectByKey(m_actor, arg(first));
        if (!subject) {
            fail(subject.message());
            return false;
        }
        key = records::FormKey{subject->id, arg(first + 1), 1, arg(first + 2), 1};
        return true;
    }

    int report(const Status &s, const QString &done)
    {
        if (!s)
            return fail(s.message());
        m_out << done << Qt::endl;
        return ExitOk;
    }

private:
    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
    const Clock &m_clock;
    QCommandLineParser m_parser;
    QString m_name;
    std::unique_ptr<records::StudyFile> m_file;
    std::unique_ptr<auth::AuthService> m_auth;
    Actor m_actor;
    QString m_password;
};

QList<auth::RoleGrant> parseGrants(const QStringList &specs, QString &problem)
{
    QList<auth::RoleGrant> out;
    for (const QString &list : specs) {
        for (const QString &spec : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QStringList parts = spec.split(QLatin1Char('@'));
            if (parts.size() > 2 || parts.value(0).isEmpty()) {
                problem = tr("a role is ROLE or ROLE@SITE, e.g. nurse@01; got '%1'").arg(spec);
                return {};
            }
            out.append({parts.value(0), parts.size() == 2 ? parts.value(1) : QString::fromLatin1(auth::AllSites)});
        }
    }
    return out;
}

int cmdUser(const QStringList &args, Command &c)
{
    const QString sub = args.value(1);
    QCommandLineParser &p = c.parser();
    if (sub == QLatin1String("init-admin")) {
        p.addOption({QStringLiteral("full-name"), tr("full name"), QStringLiteral("TEXT")});
        if (!c.parse(args, 2, 1, 1) || !c.open())
            return ExitUsage;
        const QString user = c.value("user");
        if (user.isEmpty() || c.value("full-name").isEmpty())
            return c.usage(tr("--user NAME and --full-name TEXT name the administrator."));
        const QString password = c.readPassword(tr("New password for %1: ").arg(user), "CELLCRF_PASSWORD");
        return c.report(
            auth::createAdministrator(c.file().database(), c.file().clock(), user, c.value("full-name"), password),
            tr("Created administrator %1.").arg(user));
    }
    if (sub == QLatin1String("add")) {
        p.addOption({QStringLiteral("full-name"), tr("full name"), QStringLiteral("TEXT")});
        p.addOption({QStringLiteral("grant"), tr("ROLE or ROLE@SITE, repeatable or comma-separated"),
                     QStringLiteral("ROLE@SITE")});
        if (!c.parse(args, 2, 2, 2) || !c.open() || !c.signIn())
            return ExitFailed;
        QString problem;
        const QList<auth::RoleGrant> grants = parseGrants(p.values(QStringLiteral("grant")), problem);
        if (!problem.isEmpty())
            return c.usage(problem);
        if (Status s = auth::Permissions::check(c.actor(), auth::Operation::ManageUsers); !s)
            return c.fail(s.message());
        const QString password = c.readPassword(tr("Initial password for %1: ").arg(c.arg(1)), "CELLCRF_NEW_PASSWORD");
        return c.report(c.authService().createAccount(c.actor(), {c.arg(1), c.value("full-name"), password, grants}),
                        tr("Created account %1; the password must be changed at first login.").arg(c.arg(1)));
    }
    if (sub == QLatin1String("list")) {
        if (!c.parse(args, 2, 1, 1) || !c.open() || !c.signIn())
            return ExitFailed;
        auto accounts = c.authService().accounts(c.actor());
        if (!accounts)
            return c.fail(accounts.message());
        for (const auth::Account &a : *accounts) {
            QStringList grants;
            for (const auth::RoleGrant &g : a.grants)
                grants.append(QStringLiteral("%1@%2").arg(g.role, g.siteOid));
            QStringList flags;
            if (!a.active)
                flags.append(QStringLiteral("disabled"));
            if (a.isLockedAt(c.file().clock().nowUtc()))
                flags.append(QStringLiteral("locked"));
            if (a.mustChangePassword)
                flags.append(QStringLiteral("must-change-password"));
            if (a.isDemo)
                flags.append(QStringLiteral("demo"));
            c.out() << a.userName << '\t' << a.fullName << '\t' << grants.join(QLatin1Char(',')) << '\t'
                    << flags.join(QLatin1Char(',')) << Qt::endl;
        }
        return ExitOk;
    }
    if (sub == QLatin1String("disable")) {
        p.addOption({QStringLiteral("reason"), tr("why the account is disabled"), QStringLiteral("TEXT")});
        if (!c.parse(args, 2, 2, 2) || !c.open() || !c.signIn())
            return ExitFailed;
        return c.report(c.authService().disableAccount(c.actor(), c.arg(1), c.value("reason")),
                        tr("Disabled account %1.").arg(c.arg(1)));
    }
    if (sub == QLatin1String("reset-password")) {
        if (!c.parse(args, 2, 2, 2) || !c.open() || !c.signIn())
            return ExitFailed;
        if (Status s = auth::Permissions::check(c.actor(), auth::Operation::ManageUsers); !s)
            return c.fail(s.message());
        const QString password = c.readPassword(tr("New password for %1: ").arg(c.arg(1)), "CELLCRF_NEW_PASSWORD");
        return c.report(c.authService().resetPassword(c.actor(), c.arg(1), password),
                        tr("Password of %1 reset; it must be changed at the next login.").arg(c.arg(1)));
    }
    if (sub == QLatin1String("password")) {
        if (!c.parse(args, 2, 1, 1) || !c.open() || !c.signIn())
            return ExitFailed;
        const QString password = c.readPassword(tr("New password: "), "CELLCRF_NEW_PASSWORD");
        return c.report(c.authService().changePassword(c.actor().userName, c.password(), password),
                        tr("Password changed."));
    }
    c.err() << tr("user: expected init-admin, add, list, disable, reset-password or password") << Qt::endl;
    return ExitUsage;
}

int cmdLoginTest(const QStringList &args, Command &c)
{
    if (!c.parse(args, 1, 1, 1) || !c.open() || !c.signIn())
        return ExitFailed;
    c.out() << tr("OK: %1 (%2) as %3, sites: %4")
                   .arg(c.actor().userName, c.actor().fullName, auth::Permissions::roleDisplayName(c.actor().role),
                        c.actor().siteOids.isEmpty() ? tr("all") : c.actor().siteOids.join(QStringLiteral(", ")))
            << Qt::endl;
    return ExitOk;
}

int cmdSubjectAdd(const QStringList &args, Command &c)
{
    c.parser().addOption({QStringLiteral("initials"), tr("subject initials"), QStringLiteral("XX")});
    if (!c.parse(args, 1, 3, 3) || !c.open() || !c.signIn())
        return ExitFailed;
    auto s = c.data().registerSubject(c.actor(), {c.arg(1), c.arg(2), c.value("initials")});
    if (!s)
        return c.fail(s.message());
    c.out() << tr("Registered subject %1.").arg(s->key) << Qt::endl;
    return ExitOk;
}

int cmdEdit(const QStringList &args, Command &c)
{
    QCommandLineParser &p = c.parser();
    p.addOption({QStringLiteral("reason"), tr("reason for change"), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("complete"), tr("mark the form complete")});
    if (!c.parse(args, 1, 4, 1000) || !c.open() || !c.signIn())
        return ExitFailed;
    records::FormKey key;
    if (!c.formKey(1, key))
        return ExitFailed;
    auto form = c.data().loadForm(c.actor(), key);
    if (!form)
        return c.fail(form.message());
    records::SaveRequest r;
    r.key = key;
    r.expectedVersion = form->version;
    r.values = form->values;
    for (const QString &assignment : p.positionalArguments().mid(4)) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return c.usage(tr("values are ITEM=VALUE (or ITEM=!ND for a missing reason); got '%1'").arg(assignment));
        const QString item = assignment.left(eq);
        const QString value = assignment.mid(eq + 1);
        if (value.startsWith(QLatin1Char('!')))
            r.values[item] = ItemEntry{QString(), value.mid(1), false};
        else
            r.values[item] = ItemEntry{value, QString(), r.values.value(item).softConfirmed};
    }
    r.reason = c.value("reason");
    r.complete = c.isSet("complete");
    records::SaveOutcome o = c.data().saveForm(c.actor(), r);
    if (!o.status)
        return c.fail(o.status.message());
    c.out() << tr("Saved %1: version %2, status %3, changed: %4")
                   .arg(key.formOid)
                   .arg(o.version)
                   .arg(o.formStatus,
                        o.changedItems.isEmpty() ? tr("nothing") : o.changedItems.join(QStringLiteral(", ")))
            << Qt::endl;
    return ExitOk;
}

void printCasebookSignature(QTextStream &out, const records::CasebookSignature &s)
{
    out << tr("  casebook signature: %1 (%2) %3 at %4, %n form(s), sha256 %5: %6", nullptr, s.formCount)
               .arg(s.signerFullName, s.signer, s.meaning, s.utc, s.contentHash.left(16),
                    s.valid ? tr("VALID") : tr("BROKEN (the casebook changed after it was signed)"))
        << Qt::endl;
}

// `show DB SUBJECT`: what a casebook signature would cover now, whether it may
// be signed, and every casebook signature, valid and broken.
int showCasebook(Command &c)
{
    auto subject = c.data().subjectByKey(c.actor(), c.arg(1));
    if (!subject)
        return c.fail(subject.message());
    records::Signatures signatures(c.data(), c.authService(), c.file().clock());
    auto review = signatures.reviewCasebook(c.actor(), subject->id);
    if (!review)
        return c.fail(review.message());
    c.out() << tr("casebook of %1: status %2, %n form(s) with data, content sha256 %3", nullptr, review->formCount)
                   .arg(subject->key, subject->status, review->contentHash)
            << Qt::endl;
    c.out() << (review->maySign() ? tr("  ready to sign")
                                  : tr("  not ready to sign: %1").arg(review->blocker.message()))
            << Qt::endl;
    auto sigs = signatures.casebookSignatures(c.actor(), subject->id);
    if (!sigs)
        return c.fail(sigs.message());
    if (sigs->isEmpty())
        c.out() << tr("  casebook signature: none (unsigned)") << Qt::endl;
    for (const records::CasebookSignature &s : std::as_const(*sigs))
        printCasebookSignature(c.out(), s);
    return ExitOk;
}

int cmdShow(const QStringList &args, Command &c)
{
    if (!c.parse(args, 1, 2, 4) || !c.open() || !c.signIn())
        return ExitFailed;
    if (c.parser().positionalArguments().size() == 2)
        return showCasebook(c);
    if (c.parser().positionalArguments().size() != 4)
        return c.usage(tr("show DB SUBJECT for the casebook, or show DB SUBJECT EVENT FORM for one form"));
    records::FormKey key;
    if (!c.formKey(1, key))
        return ExitFailed;
    auto form = c.data().loadForm(c.actor(), key);
    if (!form)
        return c.fail(form.message());
    c.out() << tr("form %1 of %2 at %3: status %4, version %5")
                   .arg(key.formOid, c.arg(1), key.eventOid, form->status)
                   .arg(form->version)
            << Qt::endl;
    auto marks = records::SourceVerification(c.data(), c.file().clock()).marks(c.actor(), key);
    for (auto it = form->values.cbegin(); it != form->values.cend(); ++it) {
        bool verified = false;
        for (const records::VerificationMark &m : marks ? *marks : QList<records::VerificationMark>())
            verified = verified || m.itemOid == it.key();
        c.out() << "  " << it.key() << " = " << (it->value.isEmpty() ? QLatin1Char('!') + it->missingReason : it->value)
                << (verified ? tr("  [verified]") : QString()) << Qt::endl;
    }
    auto sigs = records::Signatures(c.data(), c.authService(), c.file().clock()).signatures(c.actor(), key);
    for (const records::Signature &s : sigs ? *sigs : QList<records::Signature>())
        c.out() << tr("  signature: %1 (%2) %3 at %4, sha256 %5: %6")
                       .arg(s.signerFullName, s.signer, s.meaning, s.utc, s.contentHash.left(16),
                            s.valid ? tr("VALID") : tr("BROKEN (the signed content changed)"))
                << Qt::endl;
    return ExitOk;
}

// `sign DB SUBJECT --casebook`: signs what `show DB SUBJECT` shows; with
// --content-hash (the full hash or its first 16 or more characters) only if
// the casebook still holds exactly that content.
int signCasebook(Command &c, records::SignatureMeaning meaning)
{
    // The permission is checked before the subject is looked up, so a refusal
    // names the rule rather than a missing subject.
    if (Status s = auth::Permissions::check(c.actor(), auth::Operation::Sign); !s)
        return c.fail(s.message());
    auto subject = c.data().subjectByKey(c.actor(), c.arg(1));
    if (!subject)
        return c.fail(subject.message());
    records::Signatures signatures(c.data(), c.authService(), c.file().clock());
    auto review = signatures.reviewCasebook(c.actor(), subject->id);
    if (!review)
        return c.fail(review.message());
    QString reviewed = review->contentHash;
    if (c.isSet("content-hash")) {
        const QString stated = c.value("content-hash").trimmed().toLower();
        if (stated.size() < 16)
            return c.usage(tr("--content-hash takes the casebook's content hash as 'show DB SUBJECT' prints it (at "
                              "least its first 16 characters)"));
        if (!review->contentHash.startsWith(stated))
            reviewed = stated; // refused below as a casebook changed since it was reviewed
    }
    auto sig = signatures.signCasebook(c.actor(), subject->id, meaning, c.password(), reviewed);
    if (!sig)
        return c.fail(sig.message());
    c.out() << tr("Signed the casebook of %1 (%2) by %3 at %4: %n form(s), content sha256 %5", nullptr, sig->formCount)
                   .arg(subject->key, sig->meaning, sig->signerFullName, sig->utc, sig->contentHash)
            << Qt::endl;
    return ExitOk;
}

int cmdSign(const QStringList &args, Command &c)
{
    QCommandLineParser &p = c.parser();
    p.addOption({QStringLiteral("meaning"), tr("authored, reviewed or approved"), QStringLiteral("MEANING")});
    p.addOption({QStringLiteral("casebook"), tr("sign the whole casebook of SUBJECT")});
    p.addOption({QStringLiteral("content-hash"), tr("with --casebook: the content hash you reviewed"),
                 QStringLiteral("SHA256")});
    if (!c.parse(args, 1, 2, 4) || !c.open())
        return ExitFailed;
    const qsizetype positionals = p.positionalArguments().size();
    if (c.isSet("casebook") ? positionals != 2 : positionals != 4)
        return c.usage(tr("sign DB SUBJECT EVENT FORM signs one form; sign DB SUBJECT --casebook signs the casebook"));
    if (c.isSet("content-hash") && !c.isSet("casebook"))
        return c.usage(tr("--content-hash belongs to --casebook"));
    const auto meaning = records::parseMeaning(c.value("meaning"));
    if (!meaning)
        return c.usage(tr("--meaning is authored, reviewed or approved"));
    if (!c.signIn())
        return ExitFailed;
    if (c.isSet("casebook"))
        return signCasebook(c, *meaning);
    records::FormKey key;
    if (!c.formKey(1, key))
        return ExitFailed;
    auto sig =
        records::Signatures(c.data(), c.authService(), c.file().clock()).sign(c.actor(), key, *meaning, c.password());
    if (!sig)
        return c.fail(sig.message());
    c.out() << tr("Signed %1 of %2 (%3) by %4 at %5; content sha256 %6")
                   .arg(key.formOid, c.arg(1), sig->meaning, sig->signerFullName, sig->utc, sig->contentHash)
            << Qt::endl;
    return ExitOk;
}

int cmdSdv(const QStringList &args, Command &c)
{
    c.parser().addOption({QStringLiteral("item"), tr("verify only this item (repeatable)"), QStringLiteral("ITEM")});
    if (!c.parse(args, 1, 4, 4) || !c.open() || !c.signIn())
        return ExitFailed;
    records::FormKey key;
    if (!c.formKey(1, key))
        return ExitFailed;
    records::SourceVerification sdv(c.data(), c.file().clock());
    const QStringList items = c.parser().values(QStringLiteral("item"));
    return c.report(
        items.isEmpty() ? sdv.verifyForm(c.actor(), key) : sdv.verifyItems(c.actor(), key, items),
        tr("Verified %1 of %2.").arg(items.isEmpty() ? key.formOid : items.join(QStringLiteral(", ")), c.arg(1)));
}

int cmdLock(const QStringList &args, Command &c, bool lock)
{
    QCommandLineParser &p = c.parser();
    p.addOption({QStringLiteral("subject"), tr("lock one subject"), QStringLiteral("SUBJECT")});
    p.addOption({QStringLiteral("form"), tr("lock one form"), QStringLiteral("SUBJECT/EVENT/FORM")});
    p.addOption({QStringLiteral("study"), tr("lock the whole study (database lock)")});
    p.addOption({QStringLiteral("reason"), tr("reason (required to unlock)"), QStringLiteral("TEXT")});
    if (!c.parse(args, 1, 1, 1) || !c.open())
        return ExitFailed;
    const int scopes = int(c.isSet("subject")) + int(c.isSet("form")) + int(c.isSet("study"));
    if (scopes != 1)
        return c.usage(tr("give exactly one of --form SUBJECT/EVENT/FORM, --subject SUBJECT, --study"));
    if (!c.signIn())
        return ExitFailed;
    records::DataLocks locks(c.data(), c.file().clock());
    const QString reason = c.value("reason");
    const QString done = lock ? tr("Locked.") : tr("Unlocked.");
    if (c.isSet("study"))
        return c.report(lock ? locks.lockStudy(c.actor(), reason) : locks.unlockStudy(c.actor(), reason), done);
    if (c.isSet("subject")) {
        // The permission is checked before the subject is looked up, so a
        // refusal names the rule rather than a missing subject.
        if (Status s = auth::Permissions::check(c.actor(), lock ? auth::Operation::Lock : auth::Operation::Unlock); !s)
            return c.fail(s.message());
        auto subject = c.data().subjectByKey(c.actor(), c.value("subject"));
        if (!subject)
            return c.fail(subject.message());
        return c.report(lock ? locks.lockSubject(c.actor(), subject->id, reason)
                             : locks.unlockSubject(c.actor(), subject->id, reason),
                        done);
    }
    const QStringList parts = c.value("form").split(QLatin1Char('/'));
    if (parts.size() != 3)
        return c.usage(tr("--form is SUBJECT/EVENT/FORM"));
    if (Status s = auth::Permissions::check(c.actor(), lock ? auth::Operation::Lock : auth::Operation::Unlock); !s)
        return c.fail(s.message());
    auto subject = c.data().subjectByKey(c.actor(), parts.at(0));
    if (!subject)
        return c.fail(subject.message());
    const records::FormKey key{subject->id, parts.at(1), 1, parts.at(2), 1};
    return c.report(lock ? locks.lockForm(c.actor(), key, reason) : locks.unlockForm(c.actor(), key, reason), done);
}

void printQuery(QTextStream &out, const records::DataQuery &q)
{
    out << '#' << q.id << '\t' << q.status << '\t' << q.subjectKey << '\t'
        << QStringLiteral("%1/%2/%3").arg(q.key.eventOid, q.key.formOid, q.itemOid) << '\t' << q.openedBy << '\t'
        << (q.messages.isEmpty() ? QString() : q.messages.last().text) << Qt::endl;
}

int cmdQuery(const QStringList &args, Command &c)
{
    const QString sub = args.value(1);
    QCommandLineParser &p = c.parser();
    p.addOption({QStringLiteral("text"), tr("question, answer or comment"), QStringLiteral("TEXT")});
    if (sub == QLatin1String("open")) {
        if (!c.parse(args, 2, 5, 5) || !c.open() || !c.signIn())
            return ExitFailed;
        if (Status s = auth::Permissions::check(c.actor(), auth::Operation::OpenQuery); !s)
            return c.fail(s.message());
        records::FormKey key;
        if (!c.formKey(1, key))
            return ExitFailed;
        auto q = records::Queries(c.data(), c.file().clock()).open(c.actor(), key, c.arg(4), c.value("text"));
        if (!q)
            return c.fail(q.message());
        printQuery(c.out(), *q);
        return ExitOk;
    }
    if (sub == QLatin1String("answer") || sub == QLatin1String("close") || sub == QLatin1String("reopen")) {
        if (!c.parse(args, 2, 2, 2) || !c.open() || !c.signIn())
            return ExitFailed;
        bool ok = false;
        const qint64 id = c.arg(1).toLongLong(&ok);
        if (!ok)
            return c.usage(tr("a query is named by its number"));
        records::Queries queries(c.data(), c.file().clock());
        const QString text = c.value("text");
        const Status s = sub == QLatin1String("answer")  ? queries.answer(c.actor(), id, text)
                         : sub == QLatin1String("close") ? queries.close(c.actor(), id, text)
                                                         : queries.reopen(c.actor(), id, text);
        return c.report(s, tr("Query %1: %2 recorded.").arg(id).arg(sub));
    }
    if (sub == QLatin1String("list")) {
        p.addOption({QStringLiteral("subject"), tr("only this subject"), QStringLiteral("SUBJECT")});
        p.addOption({QStringLiteral("site"), tr("only this site"), QStringLiteral("SITE")});
        p.addOption({QStringLiteral("all"), tr("include closed queries")});
        if (!c.parse(args, 2, 1, 1) || !c.open() || !c.signIn())
            return ExitFailed;
        records::QueryFilter filter;
        filter.siteOid = c.value("site");
        filter.includeClosed = c.isSet("all");
        if (c.isSet("subject")) {
            auto subject = c.data().subjectByKey(c.actor(), c.value("subject"));
            if (!subject)
                return c.fail(subject.message());
            filter.subjectId = subject->id;
        }
        auto list = records::Queries(c.data(), c.file().clock()).list(c.actor(), filter);
        if (!list)
            return c.fail(list.message());
        for (const records::DataQuery &q : *list)
            printQuery(c.out(), q);
        return ExitOk;
    }
    c.err() << tr("query: expected open, answer, close, reopen or list") << Qt::endl;
    return ExitUsage;
}

} // namespace

QStringList authCommandNames()
{
    return {QStringLiteral("user"),  QStringLiteral("login-test"), QStringLiteral("subject-add"),
            QStringLiteral("edit"),  QStringLiteral("show"),       QStringLiteral("sign"),
            QStringLiteral("sdv"),   QStringLiteral("query"),      QStringLiteral("lock"),
            QStringLiteral("unlock")};
}

QList<QPair<QString, QString>> authCommandHelp()
{
    return {
        {QStringLiteral("user init-admin DB --user NAME --full-name T"),
         tr("create the administrator of a new database (first account only)")},
        {QStringLiteral("user add DB NAME --full-name T --grant ROLE@SITE"), tr("create an account (administrator)")},
        {QStringLiteral("user list|disable|reset-password DB [NAME]"), tr("list, disable (--reason), reset accounts")},
        {QStringLiteral("user password DB --user NAME"), tr("change your own password")},
        {QStringLiteral("login-test DB --user NAME"), tr("check a user's password (failures count to the lockout)")},
        {QStringLiteral("subject-add DB SITE NUMBER [--initials XX]"), tr("register a subject")},
        {QStringLiteral("edit DB SUBJECT EVENT FORM ITEM=VALUE..."),
         tr("enter or change values (--reason, --complete)")},
        {QStringLiteral("show DB SUBJECT EVENT FORM"), tr("show a form's values, verification and signatures")},
        {QStringLiteral("show DB SUBJECT"), tr("show a casebook's content hash, readiness and signatures")},
        {QStringLiteral("sign DB SUBJECT EVENT FORM --meaning M"),
         tr("sign a form electronically (re-asks the password)")},
        {QStringLiteral("sign DB SUBJECT --casebook --meaning M"),
         tr("sign a subject's whole casebook (--content-hash H: only the content you reviewed)")},
        {QStringLiteral("sdv DB SUBJECT EVENT FORM [--item I]"), tr("mark items or a whole form source-verified")},
        {QStringLiteral("query open|answer|close|reopen|list DB ..."), tr("data clarification queries")},
        {QStringLiteral("lock|unlock DB --form S/E/F|--subject S|--study"), tr("lock data; unlocking needs --reason")},
        {QStringLiteral("  (all: --user NAME, --password-stdin)"),
         tr("password from stdin, CELLCRF_PASSWORD or a prompt without echo")},
    };
}

int runAuthCommand(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock)
{
    Command c(out, err, in, clock);
    const QString name = args.value(0);
    if (name == QLatin1String("user"))
        return cmdUser(args, c);
    if (name == QLatin1String("login-test"))
        return cmdLoginTest(args, c);
    if (name == QLatin1String("subject-add"))
        return cmdSubjectAdd(args, c);
    if (name == QLatin1String("edit"))
        return cmdEdit(args, c);
    if (name == QLatin1String("show"))
        return cmdShow(args, c);
    if (name == QLatin1String("sign"))
        return cmdSign(args, c);
    if (name == QLatin1String("sdv"))
        return cmdSdv(args, c);
    if (name == QLatin1String("query"))
        return cmdQuery(args, c);
    if (name == QLatin1String("lock") || name == QLatin1String("unlock"))
        return cmdLock(args, c, name == QLatin1String("lock"));
    err << "cellcrf-cli: unknown command " << name << Qt::endl;
    return ExitUsage;
}

} // namespace cellcrf::cli
