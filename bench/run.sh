#!/usr/bin/env bash
# run.sh - the engine's benchmarks: a 1,000,000-line NDJSON import (time,
# peak RSS) and one month of availability and metrics over the result
# (200 clients, 20 services). Usage: bench/run.sh [LINES]
set -euo pipefail
cd "$(dirname "$0")/.."
lines="${1:-1000000}"
command -v /usr/bin/time >/dev/null || {
    . scripts/deps.sh; AFT_PACKAGES=(time); aft_install_deps; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p bench/out
./build/bench/gen_history "$lines" > bench/out/history.ndjson
rm -f bench/out/bench.db*
echo "== import of $lines NDJSON lines ($(du -h bench/out/history.ndjson | cut -f1))"
/usr/bin/time -f "wall %e s, peak RSS %M KB" \
    ./build/aftercast --db bench/out/bench.db import bench/out/history.ndjson
for cmd in availability metrics; do
    echo "== $cmd --month 2026-10, all clients"
    /usr/bin/time -f "wall %e s, peak RSS %M KB" \
        ./build/aftercast --db bench/out/bench.db $cmd --month 2026-10 \
        --as-of 2026-11-24T00:00:00Z --format json > bench/out/$cmd.json
    echo "rows: $(grep -c '"client"' bench/out/$cmd.json)"
done
