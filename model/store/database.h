#pragma once

// Database owns one SQLite connection to one CellCRF file: it refuses files that
// are not ours, are newer than this program or fail an integrity check (leaving
// them untouched), sets and checks the pragmas, and brings the schema up to date
// through numbered migrations (store/migrations/NNNN_*.sql), each in one
// transaction, after a backup copy of a file that already held data.

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>
#include <unordered_map>

class QSqlQuery;
struct sqlite3;

namespace cellcrf::store {

class Database
{
    Q_DISABLE_COPY_MOVE(Database)

public:
    // 'CCRF': PRAGMA application_id of every CellCRF file.
    static constexpr qint32 applicationId = 0x43435246;

    enum class Mode
    {
        OpenExisting,   // the file must exist
        CreateIfMissing // a missing file is created empty and migrated
    };

    ~Database();

    static Result<std::unique_ptr<Database>> open(const QString &path, Mode mode = Mode::OpenExisting);

    // The schema version this program writes (the number of migrations it knows).
    static int currentSchemaVersion();
    // The migration scripts split into statements, in order; index 0 is version 1.
    static QList<QStringList> migrationScripts();
    // Splits a migration script at its "-- @statement" separator lines.
    static QStringList splitStatements(const QString &script);

    QSqlDatabase connection() const;
    const QString &path() const { return m_path; }
    int schemaVersion() const;

    // Runs `body` in one IMMEDIATE transaction: committed when it returns ok, rolled
    // back otherwise (and when the commit fails).
    Status transaction(const std::function<Status()> &body);
    bool inTransaction() const { return m_inTransaction; }

    // While a new file is being filled in one go (demo data), commits need not
    // wait for the disk: a crash loses the whole unfinished file anyway, and it
    // is removed. Turned off again before the file is handed to anyone.
    Status setBulkLoad(bool on);

    // The SQLite connection under Qt SQL, for readers that stream every value
    // of the file (exports) through SQLite's own interface. Null when Qt's
    // driver is not the SQLite library this program links: the two must be one.
    sqlite3 *sqliteHandle() const;

    // Key/value settings of the file (study oid, device id, demo flag).
    QString meta(const QString &key, const QString &fallback = {}) const;
    Status setMeta(const QString &key, const QString &value);

private:
    friend class Query;
    // Prepared statements are kept per SQL text: preparing is most of the cost
    // of a small statement. A statement in use is never handed out twice.
    struct CachedStatement
    {
        std::unique_ptr<QSqlQuery> query;
        bool busy = false;
    };
    CachedStatement *cachedStatement(const QString &sql) const;

    explicit Database(QString path, QString connectionName);
    Status configure();
    Status checkIdentity(bool isNewFile);
    Status migrate();

    QString m_path;
    QString m_connectionName;
    bool m_inTransaction = false;
    mutable int m_sameSqlite = -1; // -1: not checked yet
    mutable std::unordered_map<QString, std::unique_ptr<CachedStatement>> m_statements;
};

// A prepared statement with bound values; a failure carries the SQL error.
class Query
{
public:
    Query(const Database &db, const QString &sql);
    ~Query();
    Q_DISABLE_COPY_MOVE(Query)
    Query &bind(const QVariant &value);
    Status exec();
    bool next();
    QVariant value(int column) const;
    QString text(int column) const { return value(column).toString(); }
    qint64 integer(int column) const { return value(column).toLongLong(); }
    int rowsAffected() const;
    QVariant lastInsertId() const;

private:
    Database::CachedStatement *m_cached = nullptr;
    std::unique_ptr<QSqlQuery> m_own; // when the cached statement is in use
    QSqlQuery *m_query = nullptr;
    QString m_sql;
    bool m_prepared = false;
    int m_bindIndex = 0;
};

// Escapes % and _ for a LIKE pattern used with ESCAPE '\'.
QString escapeLike(const QString &text);

} // namespace cellcrf::store
