#!/usr/bin/env bash
# run.sh - one fuzz test (ctest label fuzz): the harness on every input
# that once crashed it, then SECONDS of fuzzing from its seed corpus.
# Usage: run.sh HARNESS FUZZ_DIR TARGET SECONDS WORK_DIR
set -euo pipefail
harness="$1" src="$2" target="$3" secs="$4" work="$5/$3"

rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# The inputs that once crashed it: each must now run clean.
mapfile -t regressions < <(find "$src/regressions/$target" -type f \
    ! -name '.*' 2>/dev/null | LC_ALL=C sort)
if [ ${#regressions[@]} -gt 0 ]; then
    "$harness" -artifact_prefix="$work/artifacts/" "${regressions[@]}" \
        >"$work/regressions.log" 2>&1 || {
        cat "$work/regressions.log"
        echo "fuzz: $target: a regression input fails again" >&2
        exit 1
    }
    echo "fuzz: $target: ${#regressions[@]} regression inputs run clean"
fi

# Field names and edge values (fuzz/dict) for the parsers of records.
dict=()
case "$target" in tz | template) ;; *) dict=(-dict="$src/dict/records.dict") ;; esac

# New inputs go to $work/corpus; the seed corpus is only read.
if ! "$harness" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    "${dict[@]}" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "$src/corpus/$target" >"$work/fuzz.log" 2>&1; then
    tail -n 60 "$work/fuzz.log"
    echo "fuzz: $target: crash; the input is in $work/artifacts/;" \
        "keep it under tests/fuzz/regressions/$target/" >&2
    exit 1
fi
grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|cov:' \
    "$work/fuzz.log" | tail -n 3
