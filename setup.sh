#!/usr/bin/env bash
# CellCRF set-up on Debian 12.
#   ./setup.sh        install what is missing, build, open the application on the demo study
#   ./setup.sh test   install what is missing, build, run the whole test suite
# CELLCRF_WERROR=ON turns compiler warnings into errors (CI sets it).
set -euo pipefail
cd "$(dirname "$0")"

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6charts6-dev libqt6svg6-dev qt6-translations-l10n libgl-dev libxkbcommon-dev
    libsodium-dev libsqlite3-dev sqlite3 libxml2-utils fonts-noto-cjk xvfb xauth
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}" >&2
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

build_dir=build
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCELLCRF_WERROR="${CELLCRF_WERROR:-OFF}"
cmake --build "$build_dir" --parallel "$(nproc)"

case "${1:-run}" in
test)
    QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" ;;
run)
    exec "$build_dir/app/cellcrf" --demo ;;
*)
    echo "usage: $0 [run|test]" >&2; exit 2 ;;
esac
