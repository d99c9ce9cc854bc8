#include "store/database.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcStore, "cellcrf.store")

namespace cellcrf::store {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::store::Database", text);
}

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("cellcrf-%1").arg(counter.fetchAndAddRelaxed(1));
}

// SQLite files begin with this 16-byte header (https://sqlite.org/fileformat.html).
bool hasSqliteHeader(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArrayLiteral("SQLite format 3\0");
}

} // namespace

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{}

Database::~Database()
{
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QList<QStringList> Database::migrationScripts()
{
    QDir dir(QStringLiteral(":/store/migrations"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    QList<QStringList> scripts;
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        scripts.append(splitStatements(QString::fromUtf8(f.readAll())));
    }
    return scripts;
}

int Database::currentSchemaVersion()
{
    static const int version = int(migrationScripts().size());
    return version;
}

QStringList Database::splitStatements(const QString &script)
{
    static const QRegularExpression separator(QStringLiteral("^--[ \\t]*@statement[ \\t]*$"),
                                              QRegularExpression::MultilineOption);
    QStringList statements;
    for (const QString &part : script.split(separator)) {
        // Drop comment-only lines so that a chunk holding only comments is empty.
        QStringList lines;
        for (const QString &line : part.split(QLatin1Char('\n'))) {
            if (!line.trimmed().startsWith(QLatin1String("--")))
                lines.append(line);
        }
        const QString sql = lines.join(QLatin1Char('\n')).trimmed();
        if (!sql.isEmpty())
            statements.append(sql);
    }
    return statements;
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, Mode mode)
{
    const QFileInfo info(path);
    const bool exists = info.exists();
    if (!exists && mode == Mode::OpenExisting)
        return Status::error(ErrorCode::NotFound,
                             tr("The file %1 does not exist.").arg(QDir::toNativeSeparators(path)));
    if (exists && info.isDir())
        return Status::error(ErrorCode::InvalidInput, tr("%1 is a folder, not a CellCRF database.").arg(path));
    const bool isNewFile = !exists || info.size() == 0;
    if (!isNewFile && !hasSqliteHeader(path))
        return Status::error(ErrorCode::NotCellCrfFile,
                             tr("%1 is not a CellCRF database (it is not an SQLite file). It was left unchanged.")
                                 .arg(QDir::toNativeSeparators(path)));

    std::unique_ptr<Database> db(new Database(path, nextConnectionName()));
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), db->m_connectionName);
        c.setDatabaseName(path);
        if (!c.open())
            return Status::error(ErrorCode::Io, tr("Could not open %1.").arg(path), c.lastError().text());
    }
    if (Status s = db->checkIdentity(isNewFile); !s)
        return s;
    if (Status s = db->configure(); !s)
        return s;
    if (Status s = db->migrate(); !s)
        return s;
    return db;
}

Status Database::checkIdentity(bool isNewFile)
{
    // Only reads here: a file we refuse must stay exactly as it was.
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
        return Status::error(ErrorCode::NotCellCrfFile, tr("%1 could not be read as a database.").arg(m_path),
                             q.lastError().text());
    const qint32 appId = q.value(0).toInt();
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Status::error(ErrorCode::Io, tr("%1 could not be read.").arg(m_path), q.lastError().text());
    const int version = q.value(0).toInt();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema")) || !q.next())
        return Status::error(ErrorCode::NotCellCrfFile, tr("%1 could not be read as a database.").arg(m_path),
                             q.lastError().text());
    const bool empty = q.value(0).toInt() == 0;

    if (isNewFile || (empty && appId == 0))
        return Status::ok();
    if (appId != applicationId)
        return Status::error(ErrorCode::NotCellCrfFile,
                             tr("%1 is an SQLite database, but not a CellCRF one. It was left unchanged.").arg(m_path));
    if (version > currentSchemaVersion())
        return Status::error(ErrorCode::TooNew,
                             tr("%1 was written by a newer version of CellCRF (schema %2; this program knows up to "
                                "%3). Please update CellCRF. The file was left unchanged.")
                                 .arg(m_path)
                                 .arg(version)
                                 .arg(currentSchemaVersion()));
    if (!q.exec(QStringLiteral("PRAGMA quick_check")))
        return Status::error(ErrorCode::Corrupt, tr("%1 is damaged and cannot be opened.").arg(m_path),
                             q.lastError().text());
    QStringList problems;
    while (q.next())
        problems.append(q.value(0).toString());
    if (problems != QStringList{QStringLiteral("ok")})
        return Status::error(ErrorCode::Corrupt,
                             tr("%1 failed the database integrity check and was not opened. Restore it from a backup "
                                "and contact your data manager.")
                                 .arg(m_path),
                             problems.join(QLatin1Char('\n')));
    return Status::ok();
}

Status Database::configure()
{
    struct Pragma
    {
        const char *set;
        const char *check;
        const char *expected;
    };
    static constexpr Pragma pragmas[] = {
        {"PRAGMA journal_mode=WAL", "PRAGMA journal_mode", "wal"},
        {"PRAGMA synchronous=FULL", "PRAGMA synchronous", "2"},
        {"PRAGMA foreign_keys=ON", "PRAGMA foreign_keys", "1"},
        {"PRAGMA busy_timeout=5000", "PRAGMA busy_timeout", "5000"},
    };
    QSqlQuery q(connection());
    for (const Pragma &p : pragmas) {
        if (!q.exec(QString::fromLatin1(p.set)))
            return Status::error(ErrorCode::Io, tr("Could not configure the database."), q.lastError().text());
        q.finish();
        if (!q.exec(QString::fromLatin1(p.check)) || !q.next() ||
            q.value(0).toString().toLower() != QLatin1String(p.expected))
            return Status::error(
                ErrorCode::Io, tr("Could not configure the database."),
                QStringLiteral("%1 is not %2").arg(QString::fromLatin1(p.check), QString::fromLatin1(p.expected)));
        q.finish();
    }
    return Status::ok();
}

int Database::schemaVersion() const
{
    QSqlQuery q(connection());
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

Status Database::migrate()
{
    const QList<QStringList> scripts = migrationScripts();
    int version = schemaVersion();
    if (version >= int(scripts.size()))
        return Status::ok();

    if (version > 0) {
        // A file that already holds data is copied before its schema changes.
        const QString backup = QStringLiteral("%1.schema%2.bak").arg(m_path).arg(version);
        QFile::remove(backup);
        QSqlQuery q(connection());
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(backup);
        if (!q.exec())
            return Status::error(ErrorCode::Io, tr("Could not back up %1 before updating it.").arg(m_path),
                                 q.lastError().text());
        qCInfo(lcStore) << "backed up" << m_path << "to" << backup;
    }

    for (; version < int(scripts.size()); ++version) {
        const QStringList &statements = scripts.at(version);
        const int target = version + 1;
        Status s = transaction([&]() -> Status {
            QSqlQuery q(connection());
            if (target == 1) {
                if (!q.exec(QStringLiteral("PRAGMA application_id=%1").arg(applicationId)))
                    return Status::error(ErrorCode::Io, tr("Could not create the database."), q.lastError().text());
            }
            for (const QString &sql : statements) {
                if (!q.exec(sql))
                    return Status::error(ErrorCode::Io, tr("Could not update the database to version %1.").arg(target),
                                         q.lastError().text() + QStringLiteral("\n") + sql);
            }
            if (!q.exec(QStringLiteral("PRAGMA user_version=%1").arg(target)))
                return Status::error(ErrorCode::Io, tr("Could not update the database."), q.lastError().text());
            return Status::ok();
        });
        if (!s)
            return s;
    }
    return Status::ok();
}

Status Database::transaction(const std::function<Status()> &body)
{
    Q_ASSERT(!m_inTransaction);
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Status::error(ErrorCode::Io, tr("The database is busy or read-only."), q.lastError().text());
    m_inTransaction = true;
    Status s = body();
    m_inTransaction = false;
    if (s.isOk()) {
        if (q.exec(QStringLiteral("COMMIT")))
            return s;
        s = Status::error(ErrorCode::Io, tr("Could not save to the database."), q.lastError().text());
    }
    q.exec(QStringLiteral("ROLLBACK"));
    return s;
}

Status Database::setBulkLoad(bool on)
{
    QSqlQuery q(connection());
    if (!q.exec(on ? QStringLiteral("PRAGMA synchronous=OFF") : QStringLiteral("PRAGMA synchronous=FULL")))
        return Status::error(ErrorCode::Io, tr("Could not configure the database."), q.lastError().text());
    return Status::ok();
}

sqlite3 *Database::sqliteHandle() const
{
    const QSqlDatabase c = connection();
    const QVariant h = c.driver() ? c.driver()->handle() : QVariant();
    if (!h.isValid() || qstrcmp(h.typeName(), "sqlite3*") != 0)
        return nullptr;
    if (m_sameSqlite < 0) {
        // A driver built with a copy of SQLite of its own would report that
        // copy's version; the system library Qt's driver links reports ours.
        QSqlQuery q(c);
        m_sameSqlite = q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next() &&
                               q.value(0).toString() == QString::fromLatin1(sqlite3_sourceid())
                           ? 1
                           : 0;
        if (!m_sameSqlite)
            qCWarning(lcStore) << "Qt's SQLite driver does not use the SQLite library of this program";
    }
    return m_sameSqlite ? *static_cast<sqlite3 *const *>(h.constData()) : nullptr;
}

QString Database::meta(const QString &key, const QString &fallback) const
{
    Query q(*this, QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.bind(key);
    if (q.exec() && q.next())
        return q.text(0);
    return fallback;
}

Status Database::setMeta(const QString &key, const QString &value)
{
    Query q(*this, QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    q.bind(key).bind(value);
    return q.exec();
}

Database::CachedStatement *Database::cachedStatement(const QString &sql) const
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto statement = std::make_unique<CachedStatement>();
        statement->query = std::make_unique<QSqlQuery>(connection());
        statement->query->setForwardOnly(true);
        if (!statement->query->prepare(sql))
            return nullptr;
        it = m_statements.emplace(sql, std::move(statement)).first;
    }
    return it->second->busy ? nullptr : it->second.get();
}

Query::Query(const Database &db, const QString &sql)
    : m_sql(sql)
{
    m_cached = db.cachedStatement(sql);
    if (m_cached) {
        m_cached->busy = true;
        m_query = m_cached->query.get();
        m_prepared = true;
    } else {
        m_own = std::make_unique<QSqlQuery>(db.connection());
        m_own->setForwardOnly(true);
        m_prepared = m_own->prepare(sql);
        m_query = m_own.get();
    }
}

Query::~Query()
{
    if (m_cached) {
        m_query->finish();
        m_cached->busy = false;
    }
}

Query &Query::bind(const QVariant &value)
{
    // Qt binds a null QString as SQL NULL; our text columns are NOT NULL and an
    // absent value is spelled as a null QVariant, so a null string means "".
    if (!value.isNull() && value.typeId() == QMetaType::QString && value.toString().isNull())
        m_query->bindValue(m_bindIndex++, QString(QLatin1String("")));
    else
        m_query->bindValue(m_bindIndex++, value);
    return *this;
}

Status Query::exec()
{
    m_bindIndex = 0;
    if (!m_prepared || !m_query->exec())
        return Status::error(ErrorCode::Io,
                             QCoreApplication::translate("cellcrf::store::Database", "A database operation failed."),
                             m_query->lastError().text() + QStringLiteral(" [") + m_sql + QStringLiteral("]"));
    return Status::ok();
}

bool Query::next()
{
    return m_query->next();
}

QVariant Query::value(int column) const
{
    return m_query->value(column);
}

int Query::rowsAffected() const
{
    return m_query->numRowsAffected();
}

QVariant Query::lastInsertId() const
{
    return m_query->lastInsertId();
}

QString escapeLike(const QString &text)
{
    QString out;
    for (QChar c : text) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

} // namespace cellcrf::store
