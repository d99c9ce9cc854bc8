#include "testsupport.h"

#include "testpaths.h"

#include <QDir>

namespace cellcrf::test {

QString sourceDir()
{
    const QByteArray fromEnv = qgetenv("CELLCRF_SOURCE_DIR");
    return fromEnv.isEmpty() ? QStringLiteral(CELLCRF_TEST_SOURCE_DIR) : QString::fromLocal8Bit(fromEnv);
}

QString studyDir(const QString &studyOid)
{
    return QDir(sourceDir()).filePath(QStringLiteral("resources/studies/") + studyOid);
}

QString dataPath(const QString &relative)
{
    return QDir(sourceDir()).filePath(QStringLiteral("tests/data/") + relative);
}

QString sharedDir()
{
    const QByteArray fromEnv = qgetenv("CELLCRF_SHARED_DIR");
    return fromEnv.isEmpty() ? QDir(sourceDir()).filePath(QStringLiteral("../shared"))
                             : QString::fromLocal8Bit(fromEnv);
}

} // namespace cellcrf::test
