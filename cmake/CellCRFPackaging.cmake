# Installation and the Debian package.
#   cmake --build build --target package    ->  build/cellcrf_<version>_amd64.deb
# The package holds both programs, the desktop entry, the icon and the AppStream
# description (resources/desktop). Study definitions and translations are built into
# the programs, so nothing else is installed.
include(GNUInstallDirs)

install(TARGETS cellcrf cellcrf-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME cellcrf)
set(CPACK_PACKAGE_VENDOR "CellCRF")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "CellCRF gives CAR-T cell therapy trials their electronic case report forms: a Qt desktop
program with a tamper-evident audit trail, live ASTCT CRS/ICANS grading and offline
work on a local SQLite study file, and cellcrf-cli for demo data, verification and exports.")
set(CPACK_PACKAGE_CONTACT "CellCRF maintainers <maintainers@cellcrf.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # cellcrf_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries the binaries link, as dpkg-shlibdeps finds them (needs dpkg-dev
# and file, both in setup.sh's list).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What the binaries load at run time and shlibdeps cannot see: Qt's SQLite driver
# opens every study file.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
# Chinese labels in the PDF documents, and Qt's own dialogs in Chinese.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, qt6-translations-l10n")

include(CPack)
