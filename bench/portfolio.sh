#!/usr/bin/env bash
# portfolio.sh - the portfolio report for 2026-10 over a history of LINES
# lines and CLIENTS clients: wall time and peak RSS of each of RUNS runs.
# The database is made once per size (bench/out/portfolio-CLIENTS.db).
# Usage: bench/portfolio.sh [CLIENTS] [LINES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${1:-200}"
lines="${2:-1000000}"
runs="${3:-3}"
command -v /usr/bin/time >/dev/null || {
    . scripts/deps.sh; AFT_PACKAGES=(time); aft_install_deps; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p bench/out
db="bench/out/portfolio-$clients.db"
if [ ! -f "$db" ]; then
    ./build/bench/gen_history "$lines" "$clients" > bench/out/portfolio.ndjson
    ./build/aftercast --db "$db" import bench/out/portfolio.ndjson
    rm -f bench/out/portfolio.ndjson
fi
echo "== report portfolio --month 2026-10, $clients clients, $lines lines"
for _ in $(seq "$runs"); do
    rm -rf bench/out/portfolio
    /usr/bin/time -f "wall %e s, peak RSS %M KB (user %U s, sys %S s)" \
        ./build/aftercast --db "$db" report portfolio --month 2026-10 \
        --out bench/out/portfolio --as-of 2026-11-24T00:00:00Z > /dev/null
done
