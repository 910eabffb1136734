#!/bin/sh
# doxygen.sh - build the API reference from docs/Doxyfile and fail on any
# warning (an undocumented item, parameter or return value), and on a
# public header without a @file block (Doxygen skips its functions).
#   tests/api/doxygen.sh DOXYGEN SOURCE_DIR
set -eu
doxygen="$1"
cd "$2"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

status=0
for h in include/aftercast/*.h include/aftercast/*.h.in; do
    grep -q '@file' "$h" || {
        echo "$h: no @file block: its functions go undocumented" >&2
        status=1
    }
done
{
    cat docs/Doxyfile
    echo "OUTPUT_DIRECTORY = $out"
    echo "WARN_LOGFILE = $out/warnings"
} | "$doxygen" - >/dev/null
if [ -s "$out/warnings" ]; then
    cat "$out/warnings" >&2
    echo "$(grep -c 'warning:' "$out/warnings") doxygen warnings" >&2
    status=1
fi
exit "$status"
