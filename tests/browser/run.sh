#!/usr/bin/env bash
# run.sh CLI FIXTURE OUT_DIR - the browser test (site.test.js) when its
# tools are installed (scripts/deps.sh installs them); else skipped (77),
# or failed when AFTERCAST_REQUIRE_BROWSER is set (scripts/test sets it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
skip() {
    echo "$1"
    [ -z "${AFTERCAST_REQUIRE_BROWSER:-}" ] || exit 1
    exit 77
}
for need in /usr/bin/chromium node; do
    command -v "$need" >/dev/null || skip "skipped: no $need"
done
[ -f "$here/node_modules/playwright-core/package.json" ] \
    || skip "skipped: no playwright-core (npm ci --prefix tests/browser)"
exec node "$here/site.test.js" "$@"
