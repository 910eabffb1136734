#!/usr/bin/env bash
# deps.sh - install the Debian packages aftercast builds, runs and tests
# with, when any is missing. Sourced by the other scripts.
set -euo pipefail

AFT_PACKAGES=(
    build-essential cmake pkg-config
    libsqlite3-dev libjansson-dev libcsv-dev libcmocka-dev
    libpq-dev postgresql
    libxlsxwriter-dev libhpdf-dev zlib1g-dev
    tzdata fonts-dejavu-core fonts-ipafont-gothic unzip
    python3-jsonschema doxygen groff-base
    clang libclang-rt-14-dev
    # readers the report files are checked with (tests/cli/test_layout.c);
    # LibreOffice installs in about a minute
    poppler-utils qpdf mupdf-tools ghostscript libreoffice-calc-nogui
)

aft_install_deps() {
    local missing=() p
    for p in "${AFT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "aftercast: installing ${missing[*]}" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || {
            echo "aftercast: need root (or sudo) to install: ${missing[*]}" >&2
            return 1
        }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
}
