# A missing library stops the configure step with one line that names the Debian
# package to install, instead of CMake's own search report (which names files and
# variables, or a dependency of a dependency, but never the package).
#
# cellcrf_require_package(<what> <debian-package> [FOUND_VAR <var>])
#     After a QUIET find_package() or pkg_check_modules(): stops unless <what>_FOUND
#     (or <var>) is true. For example:
#         pkg_check_modules(ZSTD QUIET IMPORTED_TARGET libzstd)
#         cellcrf_require_package(libzstd libzstd-dev FOUND_VAR ZSTD_FOUND)
#
# cellcrf_require_qt(<debian-package> <Module>...)
#     Finds each Qt 6 module in order and stops at the first missing one. List a
#     module's own dependencies first (OpenGL before Charts): Qt reports a missing
#     dependency as the dependent module being missing, so the package named would be
#     one that is already installed.
#
# The package must also be in the list in setup.sh, which installs it.

function(cellcrf_require_package what package)
    cmake_parse_arguments(R "" "FOUND_VAR" "" ${ARGN})
    if(NOT R_FOUND_VAR)
        set(R_FOUND_VAR ${what}_FOUND)
    endif()
    if(NOT ${R_FOUND_VAR})
        # A leading space keeps CMake from wrapping the line; the second line is for
        # those who want everything at once.
        message(FATAL_ERROR " ${what} not found: install the Debian package ${package} (sudo apt-get install ${package})\n"
                            " ./setup.sh deps installs every package CellCRF needs.")
    endif()
endfunction()

# A macro, not a function: the variables Qt's package files set must reach the caller.
macro(cellcrf_require_qt package)
    foreach(cellcrf_qt_module IN ITEMS ${ARGN})
        find_package(Qt6 6.4 QUIET COMPONENTS ${cellcrf_qt_module})
        cellcrf_require_package(Qt6${cellcrf_qt_module} ${package})
    endforeach()
endmacro()
