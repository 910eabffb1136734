#!/bin/sh
# exported_symbols.sh - check the shared library's dynamic symbol table:
# every defined symbol is an aft_* function declared AFT_API in a public
# header, and every AFT_API declaration is exported.
#   tests/api/exported_symbols.sh NM LIBRARY INCLUDE_DIR...
set -eu
nm="$1" lib="$2"
shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The linker's own markers are in every shared library.
"$nm" -D --defined-only "$lib" | awk '{print $NF}' \
    | grep -Ev '^(__bss_start|_edata|_end|_init|_fini)$' | sort -u \
    > "$work/exported"
find "$@" -maxdepth 1 \( -name '*.h' -o -name '*.h.in' \) -exec cat {} + \
    | sed -n 's/^AFT_API[^;(]*[ *]\(aft_[A-Za-z0-9_]*\)(.*/\1/p' | sort -u \
    > "$work/declared"

status=0
if [ ! -s "$work/exported" ]; then
    echo "no symbols exported by $lib" >&2
    exit 1
fi
for sym in $(comm -23 "$work/exported" "$work/declared"); do
    echo "exported but not declared AFT_API in a public header: $sym" >&2
    status=1
done
for sym in $(comm -13 "$work/exported" "$work/declared"); do
    echo "declared AFT_API but not exported: $sym" >&2
    status=1
done
[ "$status" -eq 0 ] && echo "$(wc -l < "$work/exported") symbols, all declared"
exit "$status"
