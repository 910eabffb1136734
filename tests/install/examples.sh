#!/usr/bin/env bash
# examples.sh - install the build into a temporary prefix, build examples/
# against it through pkg-config as a user would, and check what they print
# on tests/data/examples/history.json (figures worked out by hand below).
# Usage: examples.sh CMAKE BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]
set -euo pipefail
cmake_bin="$1" build="$2" src="$3" extra="${4:-}"

prefix="$(mktemp -d "${TMPDIR:-/tmp}/aftercast-install.XXXXXX")"
trap 'rm -rf "$prefix"' EXIT

"$cmake_bin" --install "$build" --prefix "$prefix" >/dev/null
[ -f "$prefix/share/man/man1/aftercast.1" ] || {
    echo "FAIL: share/man/man1/aftercast.1 not installed" >&2; exit 1; }
pc="$(dirname "$(find "$prefix" -name aftercast.pc -print -quit)")"
[ -n "$pc" ] || { echo "aftercast.pc not installed" >&2; exit 1; }
flags="$(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs aftercast)"
export LD_LIBRARY_PATH="$pc/..${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

for ex in month_availability import_and_export; do
    # shellcheck disable=SC2086  # flags are words
    ${CC:-cc} -std=c11 -Wall -Wextra -pedantic -Werror $extra \
        -o "$prefix/$ex" "$src/examples/$ex.c" $flags
done

fail=0
check() {   # check NAME EXPECTED-FILE ACTUAL-FILE
    if ! diff -u "$2" "$3"; then
        echo "FAIL: $1" >&2
        fail=1
    fi
}

# Import the fixture, then import the exported JSON into a second
# database: the same counts both times.
cat >"$prefix/counts.want" <<'END'
imported service: 2
imported client: 1
imported incident: 2
imported maintenance: 1
END
"$prefix/import_and_export" "$prefix/a.db" "$prefix/a.json" \
    "$src/tests/data/examples/history.json" | grep '^imported' >"$prefix/a.got"
check "import counts" "$prefix/counts.want" "$prefix/a.got"
"$prefix/import_and_export" "$prefix/b.db" "$prefix/b.json" \
    "$prefix/a.json" | grep '^imported' >"$prefix/b.got"
check "re-import of the export" "$prefix/counts.want" "$prefix/b.got"
cmp "$prefix/a.json" "$prefix/b.json" || {
    echo "FAIL: export of the re-import differs" >&2; fail=1; }

# February 2026 has 28 days: E = 2419200 s. api: 1 h major outage,
# A = 100 * (1 - 3600/2419200) = 99.851, below 99.9. web: 2 h partial
# outage at weight 0.3 = 2160 s, and 2 h announced maintenance (notice 28
# days >= 14) excluded: E = 2412000, A = 100 * (1 - 2160/2412000) = 99.910.
# Client: E = 4831200, D = 5760, A = 99.881, below 99.9.
version="$(sed -n 's/^project(aftercast VERSION \([0-9.]*\).*/\1/p' \
    "$src/CMakeLists.txt")"
cat >"$prefix/month.want" <<END
libaftercast $version
CLIENT   SERVICE    ELIGIBLE_S   DOWNTIME_S   AVAIL_%  TARGET_%  STATUS
acme     api           2419200       3600.0    99.851    99.900  breached
acme     web           2412000       2160.0    99.910    99.900  met
acme     (all)         4831200       5760.0    99.881    99.900  breached
END
"$prefix/month_availability" "$prefix/a.db" acme 2026-02 \
    2026-03-15T00:00:00Z >"$prefix/month.got"
check "month_availability" "$prefix/month.want" "$prefix/month.got"

# An unknown client fails with status 1 and a message on stderr.
if "$prefix/month_availability" "$prefix/a.db" nobody 2026-02 \
    2026-03-15T00:00:00Z >/dev/null 2>"$prefix/err.got"; then
    echo "FAIL: unknown client accepted" >&2; fail=1
elif ! grep -q "no client 'nobody'" "$prefix/err.got"; then
    echo "FAIL: unknown client message:" >&2; cat "$prefix/err.got" >&2
    fail=1
fi

[ "$fail" -eq 0 ] && echo "examples: built against the installed library, outputs as expected"
exit "$fail"
