#include "exchange/exportcommon.h"

#include "audit/audittrail.h"
#include "auth/permissions.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstring>

#include <sqlite3.h>

namespace cellcrf::exchange {

QJsonObject ExportOptions::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("sites")] = QJsonArray::fromStringList(sites);
    o[QStringLiteral("forms")] = QJsonArray::fromStringList(forms);
    o[QStringLiteral("events")] = QJsonArray::fromStringList(events);
    o[QStringLiteral("from")] = from.isValid() ? from.toString(Qt::ISODate) : QString();
    o[QStringLiteral("to")] = to.isValid() ? to.toString(Qt::ISODate) : QString();
    o[QStringLiteral("labels")] = labels;
    o[QStringLiteral("bom")] = bom;
    o[QStringLiteral("deidentify")] = deidentify;
    o[QStringLiteral("transactional")] = transactional;
    o[QStringLiteral("data_access_groups")] = dataAccessGroups;
    return o;
}

Status ExportOptions::check() const
{
    if (from.isValid() && to.isValid() && from > to)
        return Status::error(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("cellcrf::exchange::ExportOptions", "The date range starts after it ends."));
    return Status::ok();
}

// --- SubjectReader ---------------------------------------------------------

namespace {

// One prepared statement of SQLite's own interface, finalized with its owner.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql)
    {
        if (db && sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
            sqlite3_finalize(m_stmt);
            m_stmt = nullptr;
        }
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Q_DISABLE_COPY_MOVE(Statement)
    sqlite3_stmt *get() const { return m_stmt; }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

// Resets a statement when a read of it ends, so that no read stays open
// between subjects (and the export's own audit event can be written after).
class Run
{
public:
    explicit Run(sqlite3_stmt *stmt)
        : m_stmt(stmt)
    {}
    Run(sqlite3_stmt *stmt, qint64 id)
        : m_stmt(stmt)
    {
        sqlite3_bind_int64(m_stmt, 1, id);
    }
    ~Run() { sqlite3_reset(m_stmt); }
    Q_DISABLE_COPY_MOVE(Run)
    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_stmt); }

private:
    sqlite3_stmt *m_stmt;
};

QString text(sqlite3_stmt *stmt, int column)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    const int n = sqlite3_column_bytes(stmt, column);
    return n > 0 ? QString::fromUtf8(p, n) : QString();
}

QByteArrayView bytes(sqlite3_stmt *stmt, int column)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return QByteArrayView(p, sqlite3_column_bytes(stmt, column));
}

// SQLite's BINARY collation: bytewise, the shorter string first on a tie.
int compareBytes(QByteArrayView a, QByteArrayView b)
{
    const qsizetype n = std::min(a.size(), b.size());
    if (const int c = n > 0 ? std::memcmp(a.data(), b.data(), size_t(n)) : 0; c != 0)
        return c;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

} // namespace

struct SubjectReader::Statements
{
    explicit Statements(sqlite3 *db, bool withChangeInfo)
        : handle(db)
        , subjects(db, "SELECT id, site_oid FROM subject ORDER BY subject_key")
        , subject(db, "SELECT subject_key, site_oid, status FROM subject WHERE id = ?")
        , forms(db, "SELECT id, event_oid, event_repeat, form_oid, form_repeat, status, updated_utc, updated_by "
                    "FROM form_instance WHERE subject_id = ? ORDER BY id")
        , values(db, withChangeInfo
                         ? "SELECT iv.form_instance_id, iv.item_oid, iv.value, iv.missing_reason, ae.user_name, "
                           "ae.utc FROM item_value iv JOIN form_instance fi ON fi.id = iv.form_instance_id "
                           "LEFT JOIN audit_event ae ON ae.event_id = iv.audit_event_id WHERE fi.subject_id = ?"
                         : "SELECT iv.form_instance_id, iv.item_oid, iv.value, iv.missing_reason FROM item_value iv "
                           "JOIN form_instance fi ON fi.id = iv.form_instance_id WHERE fi.subject_id = ?")
    {}
    bool ok() const { return subjects.get() && subject.get() && forms.get() && values.get(); }

    sqlite3 *handle;
    Statement subjects;
    Statement subject;
    Statement forms;
    Statement values;
};

SubjectReader::SubjectReader(const store::Database &db, const study::Study &study, const Actor &actor,
                             const ExportOptions &options, bool withChangeInfo)
    : m_study(study)
    , m_options(options)
    , m_withChangeInfo(withChangeInfo)
    , m_sql(std::make_unique<Statements>(db.sqliteHandle(), withChangeInfo))
{
    for (int i = 0; i < study.events.size(); ++i)
        m_eventOrder.insert(study.events.at(i).oid, i);
    for (int i = 0; i < study.forms.size(); ++i) {
        const study::Form &f = study.forms.at(i);
        m_formOrder.insert(f.oid, i);
        FormKeys keys;
        keys.form = &f;
        for (int k = 0; k < f.items.size(); ++k)
            keys.items << ItemKey{f.items.at(k).oid.toUtf8(), k};
        std::sort(keys.items.begin(), keys.items.end(),
                  [](const ItemKey &a, const ItemKey &b) { return compareBytes(a.utf8, b.utf8) < 0; });
        m_formKeys.insert(f.oid, keys);
    }

    if (!m_sql->handle) {
        m_status = Status::error(ErrorCode::Io, QStringLiteral("The study file cannot be read for the export."),
                                 QStringLiteral("Qt's SQLite driver does not share this program's SQLite library."));
        return;
    }
    if (!m_sql->ok()) {
        fail(QStringLiteral("prepare"));
        return;
    }
    // Only the ids are kept for the whole run: a few bytes per subject.
    Run q(m_sql->subjects.get());
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        const QString site = text(m_sql->subjects.get(), 1);
        if (!actor.mayAccessSite(site))
            continue;
        if (!options.sites.isEmpty() && !options.sites.contains(site))
            continue;
        m_ids << sqlite3_column_int64(m_sql->subjects.get(), 0);
    }
    if (rc != SQLITE_DONE)
        fail(QStringLiteral("subjects"));
}

SubjectReader::~SubjectReader() = default;

void SubjectReader::fail(const QString &what)
{
    m_status = Status::error(
        ErrorCode::Io, QCoreApplication::translate("cellcrf::store::Database", "A database operation failed."),
        QStringLiteral("%1: %2").arg(what, QString::fromUtf8(m_sql->handle ? sqlite3_errmsg(m_sql->handle) : "")));
}

std::optional<StoredSubject> SubjectReader::next()
{
    if (!m_status || m_pos >= m_ids.size())
        return std::nullopt;
    StoredSubject s;
    s.id = m_ids.at(m_pos++);
    {
        sqlite3_stmt *st = m_sql->subject.get();
        Run q(st, s.id);
        const int rc = q.step();
        if (rc == SQLITE_DONE) {
            m_status = Status::error(ErrorCode::NotFound, QStringLiteral("A subject disappeared during the export."));
            return std::nullopt;
        }
        if (rc != SQLITE_ROW) {
            fail(QStringLiteral("subject"));
            return std::nullopt;
        }
        s.key = text(st, 0);
        s.siteOid = text(st, 1);
        s.status = text(st, 2);
    }

    // Forms first, then their values, each value found in its form's
    // definition by its stored bytes.
    QList<StoredForm> all;
    QList<const FormKeys *> keysOf;
    QHash<qint64, qsizetype> formIndex;
    {
        sqlite3_stmt *st = m_sql->forms.get();
        Run q(st, s.id);
        int rc = SQLITE_ROW;
        while ((rc = q.step()) == SQLITE_ROW) {
            StoredForm f;
            f.eventOid = text(st, 1);
            f.eventRepeat = sqlite3_column_int(st, 2);
            f.formOid = text(st, 3);
            f.formRepeat = sqlite3_column_int(st, 4);
            f.status = text(st, 5);
            f.updatedUtc = text(st, 6);
            f.updatedBy = text(st, 7);
            formIndex.insert(sqlite3_column_int64(st, 0), all.size());
            const auto keys = m_formKeys.constFind(f.formOid);
            keysOf << (keys == m_formKeys.cend() ? nullptr : &*keys);
            all << f;
        }
        if (rc != SQLITE_DONE) {
            fail(QStringLiteral("forms"));
            return std::nullopt;
        }
    }
    {
        sqlite3_stmt *st = m_sql->values.get();
        Run q(st, s.id);
        int rc = SQLITE_ROW;
        qsizetype lastForm = -1;
        qsizetype lastPos = 0;
        while ((rc = q.step()) == SQLITE_ROW) {
            const auto index = formIndex.constFind(sqlite3_column_int64(st, 0));
            if (index == formIndex.cend())
                continue;
            StoredForm &form = all[*index];
            const FormKeys *keys = keysOf.at(*index);
            const QByteArrayView oid = bytes(st, 1);
            QString key;
            StoredValue v;
            if (keys) {
                // The values of a form come in key order, mostly item after
                // item of the sorted list: try the one after the last first.
                const qsizetype n = keys->items.size();
                qsizetype pos = *index == lastForm ? lastPos + 1 : n;
                if (pos >= n || compareBytes(keys->items.at(pos).utf8, oid) != 0) {
                    pos = std::lower_bound(
                              keys->items.cbegin(), keys->items.cend(), oid,
                              [](const ItemKey &k, QByteArrayView b) { return compareBytes(k.utf8, b) < 0; }) -
                          keys->items.cbegin();
                }
                if (pos < n && compareBytes(keys->items.at(pos).utf8, oid) == 0) {
                    v.itemIndex = keys->items.at(pos).index;
                    key = keys->form->items.at(v.itemIndex).oid; // shared, not copied
                    lastForm = *index;
                    lastPos = pos;
                }
            }
            if (v.itemIndex < 0)
                key = QString::fromUtf8(oid);
            v.value = text(st, 2);
            v.missingReason = text(st, 3);
            if (m_withChangeInfo) {
                v.changedBy = text(st, 4);
                v.changedUtc = text(st, 5);
            }
            if (keys && form.values.isEmpty())
                form.values.reserve(keys->items.size());
            form.values.insert(key, v);
        }
        if (rc != SQLITE_DONE) {
            fail(QStringLiteral("values"));
            return std::nullopt;
        }
    }

    // The consent date is read before any filter so that a form filter cannot
    // remove the anchor of de-identified dates.
    if (const study::Anchor *a = m_study.anchor(QStringLiteral("consent"))) {
        for (const StoredForm &f : std::as_const(all)) {
            if (f.formOid == a->formOid && f.values.contains(a->itemOid)) {
                const QDate d = QDate::fromString(f.values.value(a->itemOid).value.left(10), Qt::ISODate);
                if (d.isValid())
                    s.consent = d;
                break;
            }
        }
    }

    for (StoredForm &f : all) {
        if (!m_eventOrder.contains(f.eventOid) || !m_formOrder.contains(f.formOid))
            continue; // not in this definition
        if (f.status == QLatin1String("not_started"))
            continue;
        if (!m_options.forms.isEmpty() && !m_options.forms.contains(f.formOid))
            continue;
        if (!m_options.events.isEmpty() && !m_options.events.contains(f.eventOid))
            continue;
        const QDate changed = QDate::fromString(f.updatedUtc.left(10), Qt::ISODate);
        if (m_options.from.isValid() && (!changed.isValid() || changed < m_options.from))
            continue;
        if (m_options.to.isValid() && (!changed.isValid() || changed > m_options.to))
            continue;
        s.forms << std::move(f);
    }
    std::sort(s.forms.begin(), s.forms.end(), [this](const StoredForm &a, const StoredForm &b) {
        const auto ka =
            std::tuple(m_eventOrder.value(a.eventOid), a.eventRepeat, m_formOrder.value(a.formOid), a.formRepeat);
        const auto kb =
            std::tuple(m_eventOrder.value(b.eventOid), b.eventRepeat, m_formOrder.value(b.formOid), b.formRepeat);
        return ka < kb;
    });
    return s;
}

// --- VariableNames ---------------------------------------------------------

VariableNames::VariableNames(const study::Study &study)
{
    QHash<QString, int> uses;
    for (const study::Form &f : study.forms)
        for (const study::Item &i : f.items)
            ++uses[sanitize(i.oid)];
    uses[QStringLiteral("record_id")] += 2; // reserved for the subject column
    for (const study::Form &f : study.forms) {
        for (const study::Item &i : f.items) {
            const QString plain = sanitize(i.oid);
            const QString name = uses.value(plain) > 1 ? sanitize(f.oid + QLatin1Char('_') + i.oid) : plain;
            m_names.insert(f.oid + QLatin1Char('.') + i.oid, name);
        }
    }
}

QString VariableNames::field(const QString &formOid, const QString &itemOid) const
{
    return m_names.value(formOid + QLatin1Char('.') + itemOid, sanitize(itemOid));
}

QString VariableNames::reference(const QString &formOid, const QString &reference) const
{
    const qsizetype dot = reference.indexOf(QLatin1Char('.'));
    if (dot > 0)
        return field(reference.left(dot), reference.mid(dot + 1));
    return field(formOid, reference);
}

QString VariableNames::sanitize(const QString &name)
{
    QString out;
    for (const QChar c : name.toLower()) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        out += ok ? c : QLatin1Char('_');
    }
    if (out.isEmpty() || !(out.front() >= QLatin1Char('a') && out.front() <= QLatin1Char('z')))
        out.prepend(QLatin1Char('v'));
    return out;
}

QString VariableNames::checkboxColumn(const QString &field, const QString &code)
{
    QString c;
    for (const QChar ch : code.toLower()) {
        const bool ok = (ch >= QLatin1Char('a') && ch <= QLatin1Char('z')) ||
                        (ch >= QLatin1Char('0') && ch <= QLatin1Char('9')) || ch == QLatin1Char('_');
        c += ok ? ch : QLatin1Char('_');
    }
    return field + QLatin1String("___") + c;
}

QString VariableNames::uniqueEventName(const QString &eventOid)
{
    return sanitize(eventOid) + QLatin1String("_arm_1");
}

QString VariableNames::formName(const QString &formOid)
{
    return sanitize(formOid);
}

// --- permissions and audit -------------------------------------------------

Status checkExportAllowed(const Actor &actor)
{
    return auth::Permissions::check(actor, auth::Operation::Export);
}

Result<Actor> readerForSites(const Actor &actor, const QStringList &sites)
{
    Actor reader = actor;
    if (sites.isEmpty())
        return reader;
    reader.siteOids.clear();
    for (const QString &site : sites)
        if (actor.mayAccessSite(site))
            reader.siteOids << site;
    if (reader.siteOids.isEmpty())
        return Status::error(ErrorCode::PermissionDenied,
                             QCoreApplication::translate("cellcrf::exchange", "None of the chosen sites is open to %1.")
                                 .arg(actor.userName));
    return reader;
}

Status checkExportStart(const Actor &actor, const ExportOptions &options, const QString &directory)
{
    if (Status s = checkExportAllowed(actor); !s)
        return s;
    if (Status s = options.check(); !s)
        return s;
    if (!QDir(directory).exists())
        return Status::error(ErrorCode::NotFound, QStringLiteral("The folder %1 does not exist.").arg(directory));
    return Status::ok();
}

Status auditExport(store::Database &db, const Clock &clock, const Actor &actor, const QString &kind,
                   const ExportOptions &options, const ExportResult &result)
{
    audit::AuditEvent ev;
    ev.userName = actor.userName;
    ev.userRole = actor.role;
    ev.action = QString::fromLatin1(audit::action::Export);
    QStringList parts;
    parts << QStringLiteral("kind=") + kind;
    parts << QStringLiteral("options=") +
                 QString::fromUtf8(QJsonDocument(options.toJson()).toJson(QJsonDocument::Compact));
    for (const ExportedFile &f : result.files)
        parts << f.fileName + QStringLiteral(" sha256=") + f.sha256;
    ev.newValue = parts.join(QLatin1Char('\n'));
    audit::AuditTrail trail(db, clock);
    return db.transaction([&]() -> Status { return trail.append(ev).status(); });
}

QString dayOffset(const QString &storedDate, const std::optional<QDate> &anchor)
{
    if (!anchor || storedDate.size() < 10)
        return {};
    const QDate d = QDate::fromString(storedDate.left(10), Qt::ISODate);
    if (!d.isValid())
        return {};
    return QString::number(anchor->daysTo(d));
}

// --- files -----------------------------------------------------------------

OutputFiles::OutputFiles(QString directory)
    : m_dir(std::move(directory))
{}

OutputFiles::~OutputFiles()
{
    for (const QString &name : std::as_const(m_staged))
        QFile::remove(stagedPath(name));
}

QString OutputFiles::stagedPath(const QString &fileName) const
{
    return QDir(m_dir).filePath(QLatin1Char('.') + fileName + QStringLiteral(".part"));
}

Status OutputFiles::stage(const QString &fileName, const QByteArray &bytes)
{
    if (!m_status)
        return m_status;
    QFile f(stagedPath(fileName));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_status = Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(QDir(m_dir).filePath(fileName)),
                                 f.errorString());
        return m_status;
    }
    m_staged << fileName;
    if (f.write(bytes) != bytes.size() || !f.flush()) {
        m_status = Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(QDir(m_dir).filePath(fileName)),
                                 f.errorString());
        return m_status;
    }
    return Status::ok();
}

QSaveFile *OutputFiles::open(const QString &fileName)
{
    auto f = std::make_shared<QSaveFile>(QDir(m_dir).filePath(fileName));
    if (!f->open(QIODevice::WriteOnly)) {
        m_status =
            Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(f->fileName()), f->errorString());
        return nullptr;
    }
    m_files << f;
    return f.get();
}

Status OutputFiles::commitAll()
{
    if (!m_status)
        return m_status;
    for (const auto &f : std::as_const(m_files)) {
        if (!f->commit())
            return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(f->fileName()),
                                 f->errorString());
    }
    m_files.clear();
    QStringList placed;
    while (!m_staged.isEmpty()) {
        const QString name = m_staged.first();
        const QString target = QDir(m_dir).filePath(name);
        QFile::remove(target); // an export's names carry its time: only a re-run in the same minute meets one
        if (!QFile::rename(stagedPath(name), target)) {
            for (const QString &done : std::as_const(placed)) // all or nothing
                QFile::remove(done);
            return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(target));
        }
        placed << target;
        m_staged.removeFirst();
    }
    return Status::ok();
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString fileStamp(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd_HHmm"));
}

Status writeManifest(OutputFiles &files, const QString &fileName, const study::Study &study, const Actor &actor,
                     const QDateTime &utc, const QString &kind, const ExportOptions &options, ExportResult &result,
                     const QJsonObject &extra)
{
    QJsonObject m = extra;
    m[QStringLiteral("study")] = study.oid;
    m[QStringLiteral("definition_version")] = study.version;
    m[QStringLiteral("export_kind")] = kind;
    m[QStringLiteral("exported_utc")] = utc.toUTC().toString(Qt::ISODate);
    m[QStringLiteral("exported_by")] = actor.userName;
    m[QStringLiteral("exported_by_role")] = actor.role;
    m[QStringLiteral("program_version")] = QStringLiteral(CELLCRF_VERSION);
    m[QStringLiteral("options")] = options.toJson();
    m[QStringLiteral("subjects")] = result.subjects;
    QJsonArray fs;
    for (const ExportedFile &f : std::as_const(result.files)) {
        QJsonObject o;
        o[QStringLiteral("file")] = f.fileName;
        o[QStringLiteral("rows")] = f.rows;
        o[QStringLiteral("sha256")] = f.sha256;
        fs << o;
    }
    m[QStringLiteral("files")] = fs;
    const QByteArray bytes = QJsonDocument(m).toJson(QJsonDocument::Indented);
    QSaveFile *f = files.open(fileName);
    if (!f)
        return files.status();
    if (f->write(bytes) != bytes.size())
        return Status::error(ErrorCode::Io, QStringLiteral("Cannot write %1.").arg(fileName), f->errorString());
    result.files << ExportedFile{fileName, sha256Hex(bytes), 1};
    return Status::ok();
}

} // namespace cellcrf::exchange
