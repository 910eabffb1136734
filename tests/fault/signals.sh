#!/usr/bin/env bash
# signals.sh - signals during `report monthly --all -j 2` over 100 clients:
#   SIGINT to the process group (as from a terminal), SIGTERM to the main
#   process and SIGTERM to the group leave no temporary file in --out,
#   and every file there is whole; the run stops and exits non-zero;
#   SIGKILL to the process group: every .pdf and .xlsx there is whole.
# Each signal is sent twice: as the first PDF appears, and 0.5 s later.
# usage: signals.sh CLI GEN_FIXTURE
set -uo pipefail
cli=$1 gen=$2
tmp=$(mktemp -d)
group=""
cleanup() {
    [ -n "$group" ] && kill -KILL -- "-$group" 2>/dev/null
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
python3 "$gen" 100 600 >"$tmp/f.json" || exit 1
"$cli" --db "$tmp/r.db" import "$tmp/f.json" 2>/dev/null || exit 1

# Wait up to 60 s for every process of group $1 to end.
wait_group() {
    local i
    for ((i = 0; i < 600; i++)); do
        pgrep -g "$1" >/dev/null || return 0
        sleep 0.1
    done
    return 1
}

# check_out WHAT TMP_ALLOWED: the files of --out are whole; anything
# else (a temporary file or directory) is a failure unless allowed.
check_out() {
    local f n=0
    while IFS= read -r f; do
        [ -d "$f" ] && f="$f/"
        case "$f" in
        *.pdf)
            n=$((n + 1))
            qpdf --check "$f" >/dev/null 2>&1 || fail "$1: $(basename "$f") is not whole" ;;
        *.xlsx)
            unzip -tqq "$f" >/dev/null 2>&1 || fail "$1: $(basename "$f") is not whole" ;;
        *)
            [ "$2" = 1 ] || fail "$1: left ${f#"$tmp"/out/}" ;;
        esac
    done < <(find "$tmp/out" -mindepth 1 -maxdepth 1)
    echo "$1: $n PDFs written before the signal"
}

# run SIGNAL TARGET DELAY: report, signal after DELAY seconds (as soon as
# the first PDF is there, plus DELAY), wait for the end, check --out.
run() {
    local sig=$1 target=$2 delay=$3 rc i what="SIG$1 to the $2 after ${3}s"
    rm -rf "$tmp/out"
    setsid env --default-signal=INT "$cli" --db "$tmp/r.db" report monthly --all --month 2026-02 \
        --as-of 2026-06-01 --out "$tmp/out" -j 2 >/dev/null 2>"$tmp/err" &
    group=$!
    for ((i = 0; i < 600; i++)); do
        compgen -G "$tmp/out/*.pdf" >/dev/null && break
        sleep 0.1
    done
    sleep "$delay"
    if ! kill -0 "$group" 2>/dev/null; then
        fail "$what: the run ended before the signal"
    elif [ "$target" = group ]; then
        kill "-$sig" -- "-$group"
    else
        kill "-$sig" "$group"
    fi
    wait "$group"
    rc=$?
    wait_group "$group" || fail "$what: workers still running after 60 s"
    kill -KILL -- "-$group" 2>/dev/null
    group=""
    [ "$rc" != 0 ] || fail "$what: exit 0"
    grep -q -E 'Sanitizer|runtime error' "$tmp/err" \
        && fail "$what: $(grep -m1 -E 'Sanitizer|runtime error' "$tmp/err")"
    check_out "$what" "$([ "$sig" = KILL ] && echo 1 || echo 0)"
}

for delay in 0 0.5; do
    run INT group "$delay"
    run TERM main "$delay"
    run TERM group "$delay"
    run KILL group "$delay"
done

if [ "$failures" != 0 ]; then
    echo "signals: $failures failures"
    exit 1
fi
echo "signals: no temporary file left, every file whole"
