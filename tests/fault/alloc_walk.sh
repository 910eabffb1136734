#!/usr/bin/env bash
# alloc_walk.sh - fail the Nth allocation of an aftercast run, for every N
# (or every STRIDEth N) of the run, and check each outcome:
#   import: an import of a small fixture into a new database;
#   report: one monthly report (PDF and XLSX) of a small fixture.
# Each run must exit 0 with the whole result, or exit 1 with an error
# message that gives a reason; never crash, leak (under ASan) or trip
# UBSan. After a failed import the database holds what it held before
# (nothing: no file, or no record); after a failed report no .tmp file is
# left and a PDF left behind is the whole one.
#
# usage: alloc_walk.sh import|report FAILALLOC CLI DATA [STRIDE]
# $AFT_FAULT_STRIDE, else STRIDE, else 1 (every allocation) says which N;
# AFT_FAULT_FROM and AFT_FAULT_TO narrow the walk to a range of N (to
# look into one problem; AFT_FAIL_TRACE=1 shows where call N is made).
set -uo pipefail
mode=$1 fail_cli=$2 cli=$3 data=$4
stride=${AFT_FAULT_STRIDE:-${5:-1}}
fixture="$data/examples/history.json"
period=(--month 2026-02 --as-of 2026-06-01)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=1:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98
export AFT_FAIL_COUNT="$tmp/count"
# Libraries that do not survive their own allocations failing are spared
# (see fail_alloc.c) unless the caller sets AFT_FAIL_SPARE, empty to fail
# every library's allocations: libharu, libpng and jansson always; for
# reports also libxlsxwriter with its minizip and zlib, which crash or
# leak when one of their allocations fails inside workbook_close().
spare=libhpdf:libpng:libjansson
[ "$mode" = report ] && spare=$spare:libxlsxwriter:libminizip:libz
export AFT_FAIL_SPARE=${AFT_FAIL_SPARE-$spare}

# The reference results, with no allocation failing.
"$cli" --db "$tmp/ref.db" import "$fixture" 2>/dev/null || exit 1
"$cli" --db "$tmp/ref.db" export all --format ndjson >"$tmp/after" || exit 1
"$cli" --db "$tmp/ref.db" report monthly --client acme "${period[@]}" \
    --out "$tmp/ref" -j 1 >/dev/null || exit 1

run_import() { # N: the run's exit status; stderr in $tmp/err
    rm -f "$tmp"/t.db*
    AFT_FAIL_AT=$1 "$fail_cli" --db "$tmp/t.db" import "$fixture" \
        >/dev/null 2>"$tmp/err"
}
run_report() {
    rm -rf "$tmp/out"
    AFT_FAIL_AT=$1 "$fail_cli" --db "$tmp/ref.db" report monthly \
        --client acme "${period[@]}" --out "$tmp/out" -j 1 \
        >/dev/null 2>"$tmp/err"
}

# What is wrong with run N's outcome (exit status rc), or nothing.
check_import() {
    local rc=$1
    if [ "$rc" = 0 ]; then
        "$cli" --db "$tmp/t.db" export all --format ndjson >"$tmp/got" \
            2>&1 || { echo "exit 0 but the database cannot be read"; return; }
        cmp -s "$tmp/got" "$tmp/after" || echo "exit 0 but records differ"
    elif [ -e "$tmp/t.db" ]; then
        "$cli" --db "$tmp/t.db" export all --format ndjson >"$tmp/got" \
            2>"$tmp/err2" || { echo "db left unreadable: $(head -c 200 "$tmp/err2")"; return; }
        [ -s "$tmp/got" ] && echo "failed import left records"
    fi
}
check_report() {
    local rc=$1 pdf=acme-2026-02.pdf xlsx=acme-2026-02.xlsx
    if [ -n "$(find "$tmp/out" -name '*.tmp' 2>/dev/null)" ]; then
        echo "temporary files left: $(cd "$tmp/out" && ls)"
        return
    fi
    if [ "$rc" = 0 ]; then
        cmp -s "$tmp/out/$pdf" "$tmp/ref/$pdf" || echo "exit 0, PDF not whole"
        cmp -s "$tmp/out/$xlsx" "$tmp/ref/$xlsx" \
            || unzip -tqq "$tmp/out/$xlsx" >/dev/null 2>&1 \
            || echo "exit 0, XLSX not whole"
    else
        [ ! -e "$tmp/out/$pdf" ] || cmp -s "$tmp/out/$pdf" "$tmp/ref/$pdf" \
            || echo "partial PDF left"
        [ ! -e "$tmp/out/$xlsx" ] || echo "XLSX left by a failed run"
    fi
}

# The number of allocations of a run with none failing.
"run_$mode" 0 || { echo "$mode fails with no fault:"; cat "$tmp/err"; exit 1; }
read -r total _ spared <"$tmp/count"
echo "$mode: $total allocations (and $spared spared in ${AFT_FAIL_SPARE:-none})," \
    "walking every ${stride}th"

walked=0 bad=0 ok=0
: >"$tmp/problems"
last=${AFT_FAULT_TO:-$total}
[ "$last" -le "$total" ] || last=$total
for ((n = ${AFT_FAULT_FROM:-1}; n <= last; n += stride)); do
    "run_$mode" "$n"
    rc=$?
    walked=$((walked + 1))
    problem=""
    if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
        problem="exit $rc: $(grep -m1 -E 'Sanitizer|runtime error' "$tmp/err")"
    elif grep -q -E 'Sanitizer|runtime error' "$tmp/err"; then
        problem="$(grep -m1 -E 'Sanitizer|runtime error' "$tmp/err")"
    elif [ "$rc" = 1 ] && ! grep -q -E '^aftercast: error: .*[^: ]$' "$tmp/err"; then
        problem="no reason given: $(head -c 200 "$tmp/err" | tr '\n' ' ')"
    else
        problem="$("check_$mode" "$rc")"
    fi
    [ "$rc" = 0 ] && ok=$((ok + 1))
    if [ -n "$problem" ]; then
        bad=$((bad + 1))
        # One line per kind of problem (numbers and paths folded).
        key=$(printf '%s' "$problem" | sed -E "s#$tmp#TMP#g; s/[0-9]+/N/g")
        grep -qxF -- "$key" "$tmp/problems" || {
            echo "$key" >>"$tmp/problems"
            echo "N=$n (exit $rc): $problem"
            sed -n 1,30p "$tmp/err"
        }
    fi
done
if [ -s "$tmp/problems" ]; then
    echo "kinds of problem:"
    sed 's/^/  /' "$tmp/problems"
fi
echo "$mode: walked $walked of $total allocations: $ok succeeded," \
    "$((walked - ok)) failed cleanly or not, $bad with a problem"
[ "$bad" = 0 ]
