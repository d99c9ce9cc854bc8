#!/usr/bin/env bash
# CellCRF set-up on Debian 12.
#   ./setup.sh             install what is missing, build, open the application on the demo study
#   ./setup.sh test        install what is missing, build, run the whole test suite
#   ./setup.sh deps        install the missing Debian packages of the list below, nothing else
#   ./setup.sh deps --dry-run   print the list (one name a line) and what is missing; installs nothing
#   ./setup.sh deps --check     exit 1, naming them, when any listed package is not installed
#   ./setup.sh deps --update    as `deps`, but always `apt-get update` first (CI: the lists may be stale)
# CELLCRF_WERROR=ON turns compiler warnings into errors (CI sets it).
# CELLCRF_PHASE_TIMES=FILE appends "phase seconds" for the build and the tests to FILE (CI prints them).
set -euo pipefail
cd "$(dirname "$0")"

# The one list of the Debian packages the project needs: set-up and CI both read it
# (.ci/run calls `./setup.sh deps`). Real package names only: a virtual or
# transitional name never reads as installed, so every start would call apt-get.
# tests/setup/check_packages.sh checks each name against apt-cache.
packages=(
    # Building
    build-essential cmake ninja-build pkgconf ccache
    # Qt 6. Charts needs the OpenGL module, which qt6-charts-dev does not pull in.
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev libxkbcommon-dev
    # Qt's database drivers: SQLite (study files), PostgreSQL (the hub)
    libqt6sql6-sqlite libqt6sql6-psql
    # Libraries of the model
    libsodium-dev libsqlite3-dev libzstd-dev
    # Fuzzing (-fsanitize=fuzzer needs clang's runtime libraries)
    clang libclang-rt-14-dev
    # Tests: the PostgreSQL server, the sqlite3 shell, xmllint for ODM schemas, an X server
    postgresql-15 sqlite3 libxml2-utils xvfb xauth
    # Independent checks: the randomization list's reference implementation (Python)
    # and the survival estimates against R's survival package
    python3 r-base-core r-cran-survival
    # PDF documents: Chinese labels
    fonts-noto-cjk
    # The Debian package: cpack computes its dependencies with dpkg-shlibdeps and file
    dpkg-dev file
)

# The listed packages that are not installed, from one dpkg-query for the whole list
# (a name dpkg does not know is missing too).
missing_packages() {
    local -A installed=()
    local name want flag state p
    while read -r name want flag state; do
        [ "$want $flag $state" != "install ok installed" ] || installed[$name]=1
    done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)
    for p in "${packages[@]}"; do
        [ -n "${installed[$p]:-}" ] || echo "$p"
    done
}

# Seconds since $1 (an earlier $SECONDS), printed and, for CI, written down.
phase_done() {
    local name=$1 seconds=$((SECONDS - $2))
    echo "== $name: ${seconds} s" >&2
    [ -z "${CELLCRF_PHASE_TIMES:-}" ] || echo "$name $seconds" >>"$CELLCRF_PHASE_TIMES"
}

install_packages() {
    local update=$1
    local missing
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)) && [ "$update" = no ]; then
        return 0
    fi
    local sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update
    if ((${#missing[@]})); then
        echo "Installing: ${missing[*]}" >&2
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
    fi
}

deps() {
    case "${1:-}" in
    "") install_packages no ;;
    --update) install_packages yes ;;
    --dry-run)
        printf '%s\n' "${packages[@]}"
        local missing
        mapfile -t missing < <(missing_packages)
        if ((${#missing[@]})); then
            echo "Would install: ${missing[*]}" >&2
        else
            echo "Every package is installed." >&2
        fi ;;
    --check)
        local missing
        mapfile -t missing < <(missing_packages)
        if ((${#missing[@]})); then
            echo "Not installed: ${missing[*]}" >&2
            return 1
        fi
        echo "All ${#packages[@]} packages are installed." >&2 ;;
    *)
        echo "usage: $0 deps [--dry-run|--check|--update]" >&2; return 2 ;;
    esac
}

build() {
    local start=$SECONDS
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCELLCRF_WERROR="${CELLCRF_WERROR:-OFF}" \
        "${launcher[@]}"
    cmake --build "$build_dir" --parallel "$(nproc)"
    phase_done build "$start"
}

build_dir=build
case "${1:-run}" in
deps)
    shift
    deps "$@" ;;
test)
    install_packages no
    build
    start=$SECONDS
    status=0
    QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" || status=$?
    phase_done tests "$start"
    exit "$status" ;;
run)
    install_packages no
    build
    exec "$build_dir/app/cellcrf" --demo ;;
*)
    echo "usage: $0 [run|test|deps]" >&2; exit 2 ;;
esac
