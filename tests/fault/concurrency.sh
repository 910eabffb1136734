#!/usr/bin/env bash
# concurrency.sh - aftercast processes at once on one database:
#   two first imports into a new database both succeed, and the database
#   holds both (five rounds);
#   ten readers (availability) during an import each exit 0 and see the
#   records before the import or after it, never a mix.
# usage: concurrency.sh CLI GEN_FIXTURE
set -uo pipefail
cli=$1 gen=$2
tmp=$(mktemp -d)
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
export ASAN_OPTIONS=detect_leaks=1:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
python3 "$gen" 20 400 a- >"$tmp/a.json" || exit 1
python3 "$gen" 20 400 b- >"$tmp/b.json" || exit 1
python3 "$gen" 30 3000 c- >"$tmp/c.json" || exit 1
period=(--month 2026-02 --as-of 2026-06-01 --format json)

# Two first imports into a new database at once.
"$cli" --db "$tmp/ref.db" import "$tmp/a.json" "$tmp/b.json" 2>/dev/null \
    || exit 1
"$cli" --db "$tmp/ref.db" export all --format ndjson | sort >"$tmp/both"
for round in 1 2 3 4 5; do
    rm -f "$tmp"/new.db*
    "$cli" --db "$tmp/new.db" import "$tmp/a.json" >/dev/null 2>"$tmp/ea" &
    pids=($!)
    "$cli" --db "$tmp/new.db" import "$tmp/b.json" >/dev/null 2>"$tmp/eb" &
    pids+=($!)
    wait "${pids[0]}"
    ra=$?
    wait "${pids[1]}"
    rb=$?
    pids=()
    [ "$ra" = 0 ] || fail "round $round: first importer exit $ra: $(cat "$tmp/ea")"
    [ "$rb" = 0 ] || fail "round $round: second importer exit $rb: $(cat "$tmp/eb")"
    "$cli" --db "$tmp/new.db" export all --format ndjson 2>&1 | sort >"$tmp/got"
    cmp -s "$tmp/got" "$tmp/both" \
        || fail "round $round: the database does not hold both imports"
done

# Ten readers during an import.
"$cli" --db "$tmp/r.db" import "$tmp/a.json" 2>/dev/null || exit 1
cp "$tmp/r.db" "$tmp/after.db"
"$cli" --db "$tmp/after.db" import "$tmp/c.json" 2>/dev/null || exit 1
"$cli" --db "$tmp/r.db" availability "${period[@]}" >"$tmp/before" || exit 1
"$cli" --db "$tmp/after.db" availability "${period[@]}" >"$tmp/after" || exit 1
cmp -s "$tmp/before" "$tmp/after" && { echo "the import changes nothing"; exit 1; }

"$cli" --db "$tmp/r.db" import "$tmp/c.json" >/dev/null 2>"$tmp/ei" &
importer=$!
pids=("$importer")
for k in 0 1 2 3 4 5 6 7 8 9; do
    (sleep "$((k / 5)).$((k % 5 * 2))"; "$cli" --db "$tmp/r.db" availability "${period[@]}" \
        >"$tmp/out$k" 2>"$tmp/err$k"; echo $? >"$tmp/rc$k") &
    pids+=($!)
done
wait "$importer"
ri=$?
for p in "${pids[@]:1}"; do wait "$p"; done
pids=()
[ "$ri" = 0 ] || fail "the import beside readers: exit $ri: $(cat "$tmp/ei")"
seen_before=0 seen_after=0
for k in 0 1 2 3 4 5 6 7 8 9; do
    rc=$(cat "$tmp/rc$k")
    if [ "$rc" != 0 ]; then
        fail "reader $k: exit $rc: $(head -c 300 "$tmp/err$k")"
    elif cmp -s "$tmp/out$k" "$tmp/before"; then
        seen_before=$((seen_before + 1))
    elif cmp -s "$tmp/out$k" "$tmp/after"; then
        seen_after=$((seen_after + 1))
    else
        fail "reader $k saw neither the state before nor after the import"
    fi
done
echo "readers: $seen_before saw the state before the import, $seen_after after"
"$cli" --db "$tmp/r.db" availability "${period[@]}" >"$tmp/final"
cmp -s "$tmp/final" "$tmp/after" || fail "after the import: not its records"

if [ "$failures" != 0 ]; then
    echo "concurrency: $failures failures"
    exit 1
fi
echo "concurrency: two first imports and ten readers"
