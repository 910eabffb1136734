#!/usr/bin/env bash
# run.sh CLI FIXTURE OUT_DIR - the browser test (site.test.js) when its
# tools are installed (scripts/deps.sh installs them); else skipped (77).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for need in /usr/bin/chromium node; do
    command -v "$need" >/dev/null || { echo "skipped: no $need"; exit 77; }
done
[ -f "$here/node_modules/playwright-core/package.json" ] || {
    echo "skipped: no playwright-core (npm ci --prefix tests/browser)"; exit 77; }
exec node "$here/site.test.js" "$@"
