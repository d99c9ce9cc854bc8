#!/usr/bin/env bash
# The Debian package list of setup.sh, as `./setup.sh deps --dry-run` prints it:
#   check_packages.sh SOURCE_DIR       the list holds real packages only, and neither the
#                                      dry run nor `deps` on a ready machine calls apt-get
#   check_packages.sh --names NAME...  checks just these names (shows the check refusing
#                                      a virtual or transitional name)
# A real package is one apt-cache shows by its own name; a virtual name (provided by
# another package) or a transitional one never reads as installed, so setup.sh would
# call apt-get on every start. Exit 77 (skipped) off Debian.
set -euo pipefail

command -v apt-cache >/dev/null && command -v dpkg-query >/dev/null || {
    echo "SKIP: apt-cache and dpkg-query are needed (Debian)"
    exit 77
}

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# One apt-cache call for all names (each call reads the whole package cache).
check_names() {
    local name record seen=" " table
    table=$(apt-cache show --no-all-versions "$@" 2>/dev/null | awk -v RS= -F '\n' '{
        package = section = description = ""
        for (i = 1; i <= NF; ++i) {
            if ($i ~ /^Package: /) package = substr($i, 10)
            else if ($i ~ /^Section: /) section = substr($i, 10)
            else if ($i ~ /^Description(-[A-Za-z_]+)?: /) { sub(/^[^:]*: /, "", $i); description = $i }
        }
        if (package != "") print package "|" section "|" description
    }' || true)
    for name in "$@"; do
        case "$seen" in *" $name "*) fail "$name is listed twice" ;; esac
        seen+="$name "
        if ! [[ $name =~ ^[a-z0-9][a-z0-9+.-]+$ ]]; then
            fail "'$name' is not a Debian package name"
            continue
        fi
        record=$(awk -F '|' -v name="$name" '$1 == name { print; exit }' <<<"$table")
        if [ -z "$record" ]; then
            fail "$name: apt-cache show finds no package of that name (virtual, or unknown)"
            continue
        fi
        if [[ ${record#*|} == oldlibs\|* ]] || grep -qiwE 'transitional|dummy' <<<"${record##*|}"; then
            fail "$name is a transitional package: list the package it points to"
        fi
    done
}

if [ "${1:-}" = --names ]; then
    shift
    check_names "$@"
    echo "$# names checked, $failures failed"
    [ "$failures" -eq 0 ]
    exit
fi

src=${1:?usage: check_packages.sh SOURCE_DIR | --names NAME...}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt-get and sudo stand-ins first on PATH write down every call.
mkdir "$work/bin"
for tool in apt-get sudo; do
    printf '#!/bin/sh\necho "%s $*" >>"%s/calls"\nexit 1\n' "$tool" "$work" >"$work/bin/$tool"
    chmod +x "$work/bin/$tool"
done

PATH="$work/bin:$PATH" "$src/setup.sh" deps --dry-run >"$work/list" 2>"$work/dry-run.err"
[ ! -e "$work/calls" ] || fail "the dry run called: $(cat "$work/calls")"
mapfile -t names <"$work/list"
((${#names[@]} >= 10)) || fail "the dry run listed ${#names[@]} packages: $(cat "$work/list")"
check_names "${names[@]}"

# On a ready machine a second set-up installs nothing: not even `apt-get update`.
if "$src/setup.sh" deps --check 2>/dev/null; then
    PATH="$work/bin:$PATH" "$src/setup.sh" deps
    [ ! -e "$work/calls" ] || fail "setup.sh deps on a ready machine called: $(cat "$work/calls")"
else
    echo "note: $("$src/setup.sh" deps --check 2>&1 || true); the no-apt-get check needs every package installed"
fi

echo "${#names[@]} packages checked, $failures failed"
[ "$failures" -eq 0 ]
