#!/usr/bin/env bash
# reports.sh - monthly reports for 1,000 clients: reports per second with
# -j (default: cores) and peak memory of one writer process (-j 1).
# Usage: bench/reports.sh [CLIENTS] [LINES]
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${1:-1000}"
lines="${2:-200000}"
command -v /usr/bin/time >/dev/null || {
    . scripts/deps.sh; AFT_PACKAGES=(time); aft_install_deps; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p bench/out
./build/bench/gen_history "$lines" "$clients" > bench/out/reports.ndjson
rm -rf bench/out/reports.db* bench/out/reports
./build/aftercast --db bench/out/reports.db import bench/out/reports.ndjson
echo "== report monthly --all, $clients clients, -j $(nproc)"
start=$(date +%s.%N)
/usr/bin/time -f "wall %e s, peak RSS (main process) %M KB" \
    ./build/aftercast --db bench/out/reports.db report monthly \
    --month 2026-10 --all --out bench/out/reports \
    --as-of 2026-11-24T00:00:00Z > /dev/null
end=$(date +%s.%N)
awk -v n="$clients" -v a="$start" -v b="$end" 'BEGIN { printf "reports per second: %.1f\n", n / (b - a) }'
echo "== the same, -j 1 (one process: its peak RSS)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" \
    ./build/aftercast --db bench/out/reports.db report monthly \
    --month 2026-10 --all --out bench/out/reports -j 1 \
    --as-of 2026-11-24T00:00:00Z > /dev/null
du -sh bench/out/reports
