#include "records/studyfile.h"

#include "audit/auditevent.h"
#include "audit/audittrail.h"
#include "core/clock.h"
#include "study/studyloader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

namespace cellcrf::records {

using store::Database;
using store::Query;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::records::StudyFile", text);
}

QString randomDeviceId()
{
    if (sodium_init() < 0)
        return {};
    unsigned char bytes[8];
    randombytes_buf(bytes, sizeof bytes);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toHex());
}
} // namespace

StudyFile::StudyFile(std::unique_ptr<Database> db, study::Study study, const Clock &clock)
    : m_db(std::move(db))
    , m_study(std::move(study))
    , m_clock(clock)
    , m_data(std::make_unique<ClinicalData>(*m_db, m_study, m_clock))
{}

StudyFile::~StudyFile() = default;

QString StudyFile::builtInStudiesRoot()
{
    return QStringLiteral(":/studies");
}

Result<study::Study> StudyFile::loadBuiltInStudy(const QString &studyOid)
{
    if (!study::StudyLoader::availableStudies(builtInStudiesRoot()).contains(studyOid))
        return Status::error(
            ErrorCode::NotFound,
            tr("There is no study definition named %1. Known studies: %2.")
                .arg(studyOid, study::StudyLoader::availableStudies(builtInStudiesRoot()).join(QStringLiteral(", "))));
    return study::StudyLoader::load(builtInStudiesRoot() + QLatin1Char('/') + studyOid);
}

bool StudyFile::isDemo() const
{
    return m_db->meta(QStringLiteral("demo")) == QLatin1String("1");
}

Result<std::unique_ptr<StudyFile>> StudyFile::create(const QString &path, const QString &studyOid, const Clock &clock,
                                                     const CreateOptions &options)
{
    const QFileInfo info(path);
    if (info.exists() && info.size() > 0)
        return Status::error(
            ErrorCode::Conflict,
            tr("%1 already exists. Choose a new file name; an existing file is never overwritten.").arg(path));
    Result<study::Study> definition = loadBuiltInStudy(studyOid);
    if (!definition)
        return definition.status();
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::Mode::CreateIfMissing);
    if (!db)
        return db.status();
    std::unique_ptr<StudyFile> file(new StudyFile(std::move(*db), std::move(*definition), clock));
    const study::Study &st = file->m_study;
    const QString deviceId = options.deviceId.isEmpty() ? randomDeviceId() : options.deviceId;
    const QString createdUtc = clock.nowUtc().toString(Qt::ISODateWithMs);
    Status s = file->m_db->transaction([&]() -> Status {
        const QList<std::pair<QString, QString>> meta = {
            {QStringLiteral("study_oid"), st.oid},
            {QStringLiteral("study_version"), st.version},
            {QStringLiteral("created_utc"), createdUtc},
            {QStringLiteral("demo"), options.demo ? QStringLiteral("1") : QStringLiteral("0")},
            {QStringLiteral("program_version"), QStringLiteral(CELLCRF_VERSION)},
        };
        for (const auto &[key, value] : meta) {
            if (Status e = file->m_db->setMeta(key, value); !e)
                return e;
        }
        for (const study::Site &site : st.sites) {
            Query q(*file->m_db, QStringLiteral("INSERT INTO site (oid, name, utc_offset_min) VALUES (?, ?, ?)"));
            q.bind(site.oid).bind(site.name.text()).bind(site.utcOffsetMinutes);
            if (Status e = q.exec(); !e)
                return e;
        }
        if (Status e = audit::AuditTrail::registerLocalDevice(*file->m_db, deviceId, options.deviceName, QString()); !e)
            return e;
        audit::AuditEvent ev;
        ev.userName = options.creator;
        ev.userRole = QStringLiteral("system");
        ev.utc = createdUtc;
        ev.action = QString::fromLatin1(audit::action::StudyCreated);
        ev.newValue = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("study"), st.oid},
                                                                  {QStringLiteral("version"), st.version},
                                                                  {QStringLiteral("demo"), options.demo}})
                                            .toJson(QJsonDocument::Compact));
        return file->m_data->auditTrail().append(ev).status();
    });
    if (!s)
        return s;
    return file;
}

Result<std::unique_ptr<StudyFile>> StudyFile::open(const QString &path, const Clock &clock)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::Mode::OpenExisting);
    if (!db)
        return db.status();
    const QString studyOid = (*db)->meta(QStringLiteral("study_oid"));
    if (studyOid.isEmpty())
        return Status::error(ErrorCode::NotCellCrfFile, tr("%1 holds no study.").arg(path));
    Result<study::Study> definition = loadBuiltInStudy(studyOid);
    if (!definition)
        return definition.status();
    return std::unique_ptr<StudyFile>(new StudyFile(std::move(*db), std::move(*definition), clock));
}

} // namespace cellcrf::records
