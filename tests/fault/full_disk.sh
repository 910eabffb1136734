#!/usr/bin/env bash
# full_disk.sh - aftercast on a full disk: a small tmpfs mounted for the
# test (so only as root; skipped otherwise).
#   import: an import that fills the disk exits 1 with the reason and
#           leaves the database as it was;
#   report: reports written into a --out that fills up exit 1 with the
#           reason, leave no .tmp file, and every file left is whole.
# usage: full_disk.sh CLI DATA GEN_FIXTURE
set -uo pipefail
cli=$1 data=$2 gen=$3
if [ "$(id -u)" != 0 ]; then
    echo "skipped: mounting a tmpfs needs root"
    exit 77
fi
tmp=$(mktemp -d)
mnt="$tmp/disk"
mkdir "$mnt"
cleanup() {
    mountpoint -q "$mnt" && umount "$mnt"
    rm -rf "$tmp"
}
trap cleanup EXIT
if ! mount -t tmpfs -o size=256k,mode=0755 tmpfs "$mnt" 2>"$tmp/err"; then
    echo "skipped: cannot mount a tmpfs: $(cat "$tmp/err")"
    exit 77
fi
export ASAN_OPTIONS=detect_leaks=1:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
# expect_error WHAT RC ERRFILE PATTERN: exit 1 and a message saying why.
expect_error() {
    [ "$2" = 1 ] || fail "$1: exit $2, want 1"
    grep -q -E "^aftercast: error: .*$4" "$3" \
        || fail "$1: no clear reason: $(head -c 300 "$3")"
}
python3 "$gen" 100 3000 >"$tmp/big.json" || exit 1

# (a) An import into a new database that fills the disk: nothing lands.
"$cli" --db "$mnt/new.db" import "$tmp/big.json" >/dev/null 2>"$tmp/err"
expect_error "first import on a full disk" $? "$tmp/err" 'full|space'
if [ -e "$mnt/new.db" ]; then
    "$cli" --db "$mnt/new.db" export all --format ndjson >"$tmp/got" \
        2>"$tmp/err" || fail "database left unreadable: $(cat "$tmp/err")"
    [ ! -s "$tmp/got" ] || fail "a failed first import left records"
fi
rm -f "$mnt"/new.db*

# An import into a database with records that fills the disk: the
# records are those before.
"$cli" --db "$mnt/a.db" import "$data/examples/history.json" \
    >/dev/null 2>"$tmp/err" || fail "small import: $(cat "$tmp/err")"
"$cli" --db "$mnt/a.db" export all --format ndjson >"$tmp/before"
"$cli" --db "$mnt/a.db" import "$tmp/big.json" >/dev/null 2>"$tmp/err"
expect_error "import on a full disk" $? "$tmp/err" 'full|space'
"$cli" --db "$mnt/a.db" export all --format ndjson >"$tmp/after" \
    2>"$tmp/err" || fail "database left unreadable: $(cat "$tmp/err")"
cmp -s "$tmp/before" "$tmp/after" || fail "a failed import changed the database"
rm -f "$mnt"/a.db*

# (b) Reports into a --out that fills up, and into one already full.
"$cli" --db "$tmp/r.db" import "$tmp/big.json" >/dev/null 2>&1 || exit 1
check_out() { # WHAT: no .tmp file, every file whole
    local f
    for f in "$mnt"/out/*; do
        [ -e "$f" ] || continue
        case "$f" in
        *.pdf) qpdf --check "$f" >/dev/null 2>&1 || fail "$1: $f is not whole" ;;
        *.xlsx) unzip -tqq "$f" >/dev/null 2>&1 || fail "$1: $f is not whole" ;;
        *) fail "$1: left $(basename "$f")" ;;
        esac
    done
}
for jobs in 1 2; do
    "$cli" --db "$tmp/r.db" report monthly --all --month 2026-02 \
        --as-of 2026-06-01 --out "$mnt/out" -j $jobs >/dev/null 2>"$tmp/err"
    expect_error "reports -j $jobs on a full disk" $? "$tmp/err" \
        'space|full|write|PDF|XLSX'
    grep -q -E "No space left|full" "$tmp/err" \
        || fail "reports -j $jobs: the reason is not the full disk: $(grep -m1 error "$tmp/err")"
    check_out "reports -j $jobs"
    rm -rf "$mnt/out"
done
mkdir "$mnt/out"
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
"$cli" --db "$tmp/r.db" report monthly --client client-000 --month 2026-02 \
    --as-of 2026-06-01 --out "$mnt/out" -j 1 >/dev/null 2>"$tmp/err"
expect_error "a report on a full disk" $? "$tmp/err" 'space|full'
check_out "a report on a full disk"

if [ "$failures" != 0 ]; then
    echo "full disk: $failures failures"
    exit 1
fi
echo "full disk: import and reports fail cleanly"
