#pragma once

// Helpers every test suite shares: where the sources and fixtures are, and a
// fresh temporary folder per test so that nothing is written to the current directory.

#include <QString>
#include <QTemporaryDir>

namespace cellcrf::test {

// The project's source folder (for resources/studies and tests/data).
QString sourceDir();
// resources/studies/<study>
QString studyDir(const QString &studyOid);
// tests/data/<relative>
QString dataPath(const QString &relative);
// ../shared beside the project (schemas).
QString sharedDir();

} // namespace cellcrf::test
