#!/usr/bin/env bash
# CORS Studio on a fresh Debian 12 machine.
#
#   scripts/setup.sh run    install what is missing, build (release preset) and launch cors-studio
#   scripts/setup.sh test   install what is missing, build and run every test (dev preset, then a
#                           core-only build without QtWidgets)
#   scripts/setup.sh deps [build|test]   only install the Debian packages
#
# Debian packages are installed by name with apt-get (as root, or through sudo).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

build_packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev libqt6sql6-sqlite
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6 libgl-dev
    libbenchmark-dev libpsl-dev publicsuffix
    # cpack's .deb: dpkg-shlibdeps (dpkg-dev) finds the dependencies of the ELF files file finds
    dpkg-dev file
)
test_packages=(
    xvfb xauth x11-apps imagemagick
    chromium firefox-esr
    nginx apache2
    python3 python3-jsonschema
    # the package test: desktop-file-validate, appstreamcli
    desktop-file-utils appstream
    # the live tester's load script (scripts/live-load.sh)
    wrk
    # the user guide's commands (tests/docs)
    curl
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
    local missing=()
    for package in "$@"; do
        # A Node.js from another apt source (NodeSource) ships npm itself and conflicts with
        # Debian's npm package: an npm on PATH is enough (tests/export installs express and cors
        # with it).
        if [ "$package" = npm ] && command -v npm >/dev/null 2>&1; then
            continue
        fi
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "setup: installing ${missing[*]}"
        as_root apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
}

# Node.js and npm (for the Express export test) may already come from elsewhere, such as
# NodeSource, whose nodejs package conflicts with Debian's npm: install Debian's only when the
# commands are missing.
install_node() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        install_packages nodejs npm
    fi
}

build() {
    local preset="$1"
    cmake --preset "$preset"
    cmake --build --preset "$preset"
}

case "${1:-}" in
deps)
    install_packages "${build_packages[@]}"
    if [ "${2:-build}" = test ]; then install_packages "${test_packages[@]}"; install_node; fi
    ;;
run)
    install_packages "${build_packages[@]}"
    build release
    exec ./build-release/bin/cors-studio "${@:2}"
    ;;
test)
    install_packages "${build_packages[@]}" "${test_packages[@]}"
    install_node
    build dev
    ctest --preset dev --output-on-failure --timeout 600 -j2
    # The core stands alone: build and test it without QtWidgets. (The real-browser suite, label
    # "browser", and the real-server export proofs, label "export", already ran above and do not
    # depend on the UI.)
    build core
    ctest --preset core --output-on-failure --timeout 600 -j2 -LE "browser|export"
    ;;
*)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
