#!/usr/bin/env bash
# deps.sh - install the Debian packages aftercast builds, runs and tests
# with, when any is missing. Sourced by the other scripts.
set -euo pipefail

AFT_PACKAGES=(
    build-essential cmake pkg-config
    libsqlite3-dev libjansson-dev libcsv-dev libcmocka-dev
    libpq-dev postgresql
    libxlsxwriter-dev libhpdf-dev zlib1g-dev libcurl4-openssl-dev
    tzdata fonts-dejavu-core fonts-ipafont-gothic unzip
    python3-jsonschema doxygen groff-base
    # the mail server and certificates of the deliver tests
    python3-aiosmtpd openssl
    clang libclang-rt-14-dev
    # readers the report files are checked with (tests/cli/test_layout.c);
    # LibreOffice installs in about a minute
    poppler-utils qpdf mupdf-tools ghostscript libreoffice-calc-nogui
    # the status site is loaded in a real browser (tests/browser) and its
    # Atom feed read with xmllint
    chromium libxml2-utils
)

aft_install_deps() {
    local missing=() p
    for p in "${AFT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$p")
    done
    # Node drives the browser tests; any Node >= 20 with npm will do.
    command -v npm >/dev/null || missing+=(nodejs npm)
    [ ${#missing[@]} -eq 0 ] && { aft_install_node_deps; return 0; }
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
    aft_install_node_deps
}

# playwright-core, pinned by tests/browser/package-lock.json; it drives
# Debian's chromium and downloads no browser of its own.
aft_install_node_deps() {
    local dir
    dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/browser" && pwd)"
    [ -f "$dir/node_modules/playwright-core/package.json" ] && return 0
    echo "aftercast: installing $dir/node_modules (npm ci)" >&2
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$dir" --no-audit \
        --no-fund --loglevel=error >/dev/null
}
