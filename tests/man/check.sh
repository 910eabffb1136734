#!/usr/bin/env bash
# check.sh - the man page renders with no groff warning, carries the
# project's version, and names every command and option the CLI's --help
# lists.  Usage: check.sh AFTERCAST_BINARY MAN_PAGE VERSION
set -euo pipefail
cli="$1" page="$2" version="$3"
fail=0

warnings="$(groff -man -Tascii -ww -z "$page" 2>&1)"
if [ -n "$warnings" ]; then
    echo "FAIL: groff warnings:" >&2; echo "$warnings" >&2; fail=1
fi

if ! grep -q "^\.TH AFTERCAST 1 .* \"aftercast $version\"" "$page"; then
    echo "FAIL: .TH does not name aftercast $version" >&2; fail=1
fi

text="$(groff -man -Tascii -P-cbou "$page" 2>/dev/null)"
commands="$("$cli" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')"
[ -n "$commands" ] || { echo "FAIL: no commands in --help" >&2; exit 1; }
for c in $commands; do
    grep -q "^\.SS \"$c " "$page" || {
        echo "FAIL: command '$c' has no section" >&2; fail=1; }
    for opt in $("$cli" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -q -- "$opt" <<<"$text" || {
            echo "FAIL: $c $opt is not in the man page" >&2; fail=1; }
    done
done
for opt in $("$cli" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -q -- "$opt" <<<"$text" || {
        echo "FAIL: global $opt is not in the man page" >&2; fail=1; }
done
for var in AFTERCAST_DB AFTERCAST_TEMPLATES AFTERCAST_CJK_FONT; do
    grep -q "^\.B $var\$" "$page" || {
        echo "FAIL: $var is not under ENVIRONMENT" >&2; fail=1; }
done

[ "$fail" -eq 0 ] && echo "man page: renders clean, matches --help"
exit "$fail"
