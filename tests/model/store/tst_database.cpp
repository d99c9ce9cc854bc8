#include "store/database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;
using namespace cellcrf::store;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Runs statements on a plain connection, outside Database, as another program would.
void rawExec(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("raw");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &s : statements)
            QVERIFY2(q.exec(s), qPrintable(s));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QString pragma(const Database &db, const QString &name)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("PRAGMA ") + name) || !q.next())
        return {};
    return q.value(0).toString();
}

QStringList schemaOf(const Database &db)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name"));
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString() + QLatin1Char('|') + q.value(1).toString() + QLatin1Char('|') +
                   q.value(2).toString().simplified());
    return out;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createIfMissing_setsPragmasAndIdentity()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.db"));
        auto db = Database::open(path, Database::Mode::CreateIfMissing);
        QVERIFY2(db, qPrintable(db.message()));
        QCOMPARE(pragma(**db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE(pragma(**db, QStringLiteral("synchronous")), QStringLiteral("2"));
        QCOMPARE(pragma(**db, QStringLiteral("foreign_keys")), QStringLiteral("1"));
        QCOMPARE(pragma(**db, QStringLiteral("busy_timeout")), QStringLiteral("5000"));
        QCOMPARE(pragma(**db, QStringLiteral("application_id")).toInt(), Database::applicationId);
        QCOMPARE((*db)->schemaVersion(), Database::currentSchemaVersion());
        QVERIFY(Database::currentSchemaVersion() >= 1);
    }

    void openExisting_missingFile_isNotFoundAndCreatesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("absent.db"));
        auto db = Database::open(path);
        QVERIFY(!db);
        QCOMPARE(db.status().code(), ErrorCode::NotFound);
        QVERIFY(!QFile::exists(path));
    }

    void open_textFile_isRefusedAndLeftUnchanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are my notes, not a database\n");
        f.close();
        const QByteArray before = fileHash(path);
        auto db = Database::open(path);
        QVERIFY(!db);
        QCOMPARE(db.status().code(), ErrorCode::NotCellCrfFile);
        QVERIFY(db.message().contains(QStringLiteral("not a CellCRF database")));
        QCOMPARE(fileHash(path), before);
    }

    void open_foreignSqliteFile_isRefusedAndLeftUnchanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.sqlite"));
        rawExec(path, {QStringLiteral("CREATE TABLE t (x)"), QStringLiteral("INSERT INTO t VALUES (1)")});
        const QByteArray before = fileHash(path);
        auto db = Database::open(path);
        QVERIFY(!db);
        QCOMPARE(db.status().code(), ErrorCode::NotCellCrfFile);
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void open_newerSchema_isRefusedAndLeftUnchanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.db"));
        {
            auto db = Database::open(path, Database::Mode::CreateIfMissing);
            QVERIFY(db);
        }
        rawExec(path, {QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"),
                       QStringLiteral("PRAGMA user_version=%1").arg(Database::currentSchemaVersion() + 1),
                       QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")});
        const QByteArray before = fileHash(path);
        auto db = Database::open(path);
        QVERIFY(!db);
        QCOMPARE(db.status().code(), ErrorCode::TooNew);
        QVERIFY(db.message().contains(QStringLiteral("newer version")));
        QCOMPARE(fileHash(path), before);
    }

    void open_damagedFile_failsIntegrityCheckAndIsLeftUnchanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged.db"));
        {
            auto db = Database::open(path, Database::Mode::CreateIfMissing);
            QVERIFY(db);
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO site (oid, name) VALUES ('01', 'One')")));
            for (int i = 0; i < 400; ++i) {
                q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
                q.addBindValue(QStringLiteral("k%1").arg(i));
                q.addBindValue(QString(200, QLatin1Char('x')));
                QVERIFY(q.exec());
            }
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        // Overwrite the middle of the file (b-tree pages) with garbage, keeping the header.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(size > 16384);
        f.seek(size / 2 - (size / 2) % 4096);
        f.write(QByteArray(4096, '\x5a'));
        f.close();
        const QByteArray before = fileHash(path);
        auto db = Database::open(path);
        QVERIFY(!db);
        QCOMPARE(db.status().code(), ErrorCode::Corrupt);
        QCOMPARE(fileHash(path), before);
    }

    void splitStatements_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("one") << QStringLiteral("-- @statement\nCREATE TABLE a (x);\n")
                             << QStringList{QStringLiteral("CREATE TABLE a (x);")};
        QTest::newRow("comments dropped")
            << QStringLiteral(
                   "-- header\n-- @statement\n-- about a\nCREATE TABLE a (x);\n-- @statement\nCREATE TABLE b (y);")
            << QStringList{QStringLiteral("CREATE TABLE a (x);"), QStringLiteral("CREATE TABLE b (y);")};
        QTest::newRow("trigger keeps inner semicolons")
            << QStringLiteral("-- @statement\nCREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n    SELECT 1;\n    SELECT "
                              "2;\nEND;\n-- @statement\nCREATE TABLE c (z);")
            << QStringList{
                   QStringLiteral("CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n    SELECT 1;\n    SELECT 2;\nEND;"),
                   QStringLiteral("CREATE TABLE c (z);")};
        QTest::newRow("separator with spaces")
            << QStringLiteral("--  @statement  \nSELECT 1;") << QStringList{QStringLiteral("SELECT 1;")};
        QTest::newRow("separator text inside a line is not a separator")
            << QStringLiteral("-- @statement\nSELECT '-- @statement';")
            << QStringList{QStringLiteral("SELECT '-- @statement';")};
        QTest::newRow("empty") << QString() << QStringList{};
    }
    void splitStatements()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, statements);
        QCOMPARE(Database::splitStatements(script), statements);
    }

    void migrate_fromEveryHistoricalVersion_equalsFreshSchema_data()
    {
        QTest::addColumn<int>("fromVersion");
        for (int v = 1; v <= Database::currentSchemaVersion(); ++v)
            QTest::addRow("from %d", v) << v;
    }
    void migrate_fromEveryHistoricalVersion_equalsFreshSchema()
    {
        QFETCH(int, fromVersion);
        QTemporaryDir dir;
        const QString freshPath = dir.filePath(QStringLiteral("fresh.db"));
        auto fresh = Database::open(freshPath, Database::Mode::CreateIfMissing);
        QVERIFY(fresh);

        // Build a file exactly as version `fromVersion` of the program left it.
        const QString oldPath = dir.filePath(QStringLiteral("old.db"));
        QStringList statements{QStringLiteral("PRAGMA application_id=%1").arg(Database::applicationId)};
        const QList<QStringList> scripts = Database::migrationScripts();
        for (int v = 0; v < fromVersion; ++v)
            statements += scripts.at(v);
        statements.append(QStringLiteral("INSERT INTO site (oid, name) VALUES ('01', 'Site one')"));
        statements.append(QStringLiteral("PRAGMA user_version=%1").arg(fromVersion));
        rawExec(oldPath, statements);

        auto migrated = Database::open(oldPath);
        QVERIFY2(migrated, qPrintable(migrated.message()));
        QCOMPARE((*migrated)->schemaVersion(), Database::currentSchemaVersion());
        QCOMPARE(schemaOf(**migrated), schemaOf(**fresh));
        QSqlQuery q((*migrated)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM site")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Site one"));
        const QString backup = QStringLiteral("%1.schema%2.bak").arg(oldPath).arg(fromVersion);
        QCOMPARE(QFile::exists(backup), fromVersion < Database::currentSchemaVersion());
    }

    void transaction_failingBody_rollsBackEverything()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("t.db")), Database::Mode::CreateIfMissing);
        QVERIFY(db);
        const Status s = (*db)->transaction([&]() -> Status {
            Status w = (*db)->setMeta(QStringLiteral("a"), QStringLiteral("1"));
            if (!w)
                return w;
            return Status::error(ErrorCode::InvalidInput, QStringLiteral("stop"));
        });
        QCOMPARE(s.code(), ErrorCode::InvalidInput);
        QCOMPARE((*db)->meta(QStringLiteral("a"), QStringLiteral("absent")), QStringLiteral("absent"));
        QVERIFY((*db)->transaction([&] { return (*db)->setMeta(QStringLiteral("a"), QStringLiteral("2")); }));
        QCOMPARE((*db)->meta(QStringLiteral("a")), QStringLiteral("2"));
    }

    void query_boundValuesAreNeverInterpretedAsSql()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("t.db")), Database::Mode::CreateIfMissing);
        QVERIFY(db);
        const QString hostile = QStringLiteral("x'); DROP TABLE meta; --");
        QVERIFY((*db)->setMeta(hostile, hostile));
        QCOMPARE((*db)->meta(hostile), hostile);
    }

    void escapeLike_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("abc");
        QTest::newRow("percent") << QStringLiteral("50%") << QStringLiteral("50\\%");
        QTest::newRow("underscore") << QStringLiteral("a_b") << QStringLiteral("a\\_b");
        QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("a\\\\b");
    }
    void escapeLike()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(store::escapeLike(in), out);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
