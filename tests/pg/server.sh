#!/usr/bin/env bash
# server.sh - aftercast on a real PostgreSQL server (tests/pg/cluster.sh):
#   the same files imported into SQLite and PostgreSQL give byte-identical
#   availability, metrics and export JSON and the same report text;
#   copy SQLite -> PostgreSQL -> SQLite keeps every record;
#   two imports at once both land; an import killed with SIGKILL leaves
#   nothing; readers during an import see the records before or after; a server stopped during an import gives exit 1, a clear
#   message, and nothing committed; a wrong password or an unreachable
#   host gives a clear message without the password; the read-only role
#   of the README cannot import (exit 1) and can report.
# usage: server.sh CLI GEN_FIXTURE TEST_DATA CONNINFO
set -uo pipefail
cli=$1 gen=$2 data=$3 base=$4
here="$(cd "$(dirname "$0")" && pwd)"
tmp=$(mktemp -d /tmp/aft-pgt-XXXXXX)
chmod 755 "$tmp"
cleanup() {
    "$here/cluster.sh" stop "$tmp/c2" >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
newdb() { # newdb NAME: a fresh database's conninfo on the shared server
    psql -X -q -d "$base dbname=postgres" \
        -c "CREATE DATABASE aft_srv_$$_$1" >/dev/null || exit 1
    echo "$base dbname=aft_srv_$$_$1"
}
count() { # count DB: records stored, or "error"
    "$cli" --db "$1" export all --format ndjson 2>/dev/null | wc -l
}

python3 "$gen" 12 300 a- >"$tmp/a.json" || exit 1
python3 "$gen" 12 300 b- >"$tmp/b.json" || exit 1
python3 "$gen" 40 60000 big- >"$tmp/big.json" || exit 1

# ---- the same figures on both ----
files=("$data/report/clients.json")
lite="$tmp/same.db" pg=$(newdb same)
"$cli" --db "$lite" import "${files[@]}" "$tmp/a.json" 2>/dev/null || fail "sqlite import"
"$cli" --db "$pg" import "${files[@]}" "$tmp/a.json" 2>/dev/null || fail "pg import"
for args in "export all --format json" "export incidents --format csv" \
    "availability --month 2026-02 --as-of 2026-06-01T00:00:00Z --format json" \
    "availability --year 2026 --as-of 2026-06-01T00:00:00Z --format json" \
    "metrics --month 2026-02 --as-of 2026-06-01T00:00:00Z --format json"; do
    # shellcheck disable=SC2086
    "$cli" --db "$lite" $args >"$tmp/l.out" 2>&1
    # shellcheck disable=SC2086
    "$cli" --db "$pg" $args >"$tmp/p.out" 2>&1
    [ -s "$tmp/l.out" ] || fail "$args: no output"
    cmp -s "$tmp/l.out" "$tmp/p.out" || fail "$args: differs"
done
for db in "$lite" "$pg"; do
    d="$tmp/rep$([ "$db" = "$lite" ] && echo l || echo p)"
    "$cli" --db "$db" report monthly --month 2026-02 --all --out "$d" -j 1 \
        --as-of 2026-06-01T00:00:00Z >/dev/null 2>&1 || fail "report on $db"
    for f in "$d"/*.pdf; do pdftotext -layout "$f" "${f%.pdf}.txt"; done
done
[ "$(ls "$tmp/repl"/*.txt | wc -l)" -gt 0 ] || fail "no report written"
for f in "$tmp/repl"/*.txt; do
    cmp -s "$f" "$tmp/repp/$(basename "$f")" || fail "report $(basename "$f") differs"
done
# 2026-11-25: reports read most of their range from the outage rows;
# both stores give the same bytes, one client's and the portfolio too.
for db in "$lite" "$pg"; do
    d="$tmp/rep$([ "$db" = "$lite" ] && echo l || echo p)"
    "$cli" --db "$db" report monthly --month 2026-02 --client zurich \
        --out "$d/one" --as-of 2026-06-01T00:00:00Z >/dev/null 2>&1 \
        || fail "one client's report on $db"
    "$cli" --db "$db" report portfolio --month 2026-02 --out "$d/pf" \
        --as-of 2026-06-01T00:00:00Z >/dev/null 2>&1 || fail "portfolio on $db"
done
for f in "$tmp/repl"/*.pdf "$tmp/repl"/*.xlsx "$tmp/repl"/one/* "$tmp/repl"/pf/*; do
    cmp -s "$f" "$tmp/repp/${f#"$tmp/repl/"}" || fail "report ${f#"$tmp/repl/"}: bytes differ"
done
cmp -s "$tmp/repl/one/zurich-2026-02.pdf" "$tmp/repl/zurich-2026-02.pdf" \
    || fail "one client's report differs from --all's"

# ---- copy: SQLite -> PostgreSQL -> SQLite ----
# Contacts and the delivery log travel too (nothing is mailed twice).
src="$tmp/src.db"
cp "$lite" "$src"
"$cli" --db "$src" import "$data/deliver/records.json" 2>/dev/null \
    || fail "import contacts"
/usr/bin/python3 - "$src" <<'PY' || fail "delivery row"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO delivery VALUES ('beta', '2026-10', 'ab12', '<m1@x>',"
           " 1793577600, '250 OK queued')")
db.commit()
PY
pg2=$(newdb copy)
"$cli" copy --from "$src" --to "$pg2" 2>"$tmp/e" || fail "copy to pg: $(cat "$tmp/e")"
grep -q "copied 6 services" "$tmp/e" || true
"$cli" copy --from "$pg2" --to "$tmp/back.db" 2>"$tmp/e" || fail "copy back: $(cat "$tmp/e")"
for k in services clients incidents maintenances all; do
    "$cli" --db "$src" export "$k" --format json >"$tmp/x1"
    "$cli" --db "$tmp/back.db" export "$k" --format json >"$tmp/x2"
    cmp -s "$tmp/x1" "$tmp/x2" || fail "copy round trip: $k differs"
done
grep -q '"contacts"' "$tmp/x2" || fail "copy round trip: no contacts"
row=$(/usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT * FROM delivery").fetchall())' "$tmp/back.db")
[ "$row" = "[('beta', '2026-10', 'ab12', '<m1@x>', 1793577600, '250 OK queued')]" ] \
    || fail "copy round trip: delivery log $row"

# ---- two imports at once both land ----
pg3=$(newdb two)
"$cli" --db "$pg3" import "$tmp/a.json" >/dev/null 2>"$tmp/ea" &
p1=$!
"$cli" --db "$pg3" import "$tmp/b.json" >/dev/null 2>"$tmp/eb" &
p2=$!
wait $p1 || fail "concurrent import a: $(cat "$tmp/ea")"
wait $p2 || fail "concurrent import b: $(cat "$tmp/eb")"
[ "$(count "$pg3")" = 632 ] || fail "concurrent imports: $(count "$pg3") records, want 632"

# ---- SIGKILL during an import leaves nothing ----
pg4=$(newdb kill)
"$cli" --db "$pg4" import "$tmp/a.json" 2>/dev/null || fail "import before kill"
before=$(count "$pg4")
"$cli" --db "$pg4" import "$tmp/big.json" >/dev/null 2>&1 &
p=$!
sleep 1
kill -9 $p 2>/dev/null
wait $p 2>/dev/null
sleep 0.5
[ "$(count "$pg4")" = "$before" ] || fail "after SIGKILL: $(count "$pg4") records, want $before"
"$cli" --db "$pg4" import "$tmp/b.json" 2>/dev/null || fail "import after SIGKILL"

# ---- readers during an import see before or after, never between ----
"$cli" --db "$pg4" import "$tmp/big.json" >/dev/null 2>&1 &
p=$!
for i in 1 2 3 4 5 6; do
    c=$(count "$pg4")
    [ "$c" = 632 ] || [ "$c" = 60676 ] || fail "a reader saw $c records (632 or 60676)"
    sleep 0.3
done
wait $p || fail "import during reads"
[ "$(count "$pg4")" = 60676 ] || fail "after the import: $(count "$pg4") records"

# ---- the server stopped during an import ----
c2=$("$here/cluster.sh" start "$tmp/c2") || exit 1
psql -X -q -d "$c2 dbname=postgres" -c "CREATE DATABASE s" >/dev/null
"$cli" --db "$c2 dbname=s" import "$tmp/a.json" 2>/dev/null || fail "import before stop"
"$cli" --db "$c2 dbname=s" import "$tmp/big.json" >/dev/null 2>"$tmp/es" &
p=$!
sleep 1
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as=(); [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
"${as[@]}" "$bin/pg_ctl" -D "$tmp/c2/data" -m immediate -w stop >/dev/null 2>&1
wait $p
st=$?
[ $st = 1 ] || fail "server stopped: exit $st, want 1"
grep -q "^aftercast: error: database: " "$tmp/es" || fail "server stopped: message: $(cat "$tmp/es")"
[ "$(wc -l <"$tmp/es")" -le 3 ] || fail "server stopped: long message"
"${as[@]}" "$bin/pg_ctl" -D "$tmp/c2/data" -l "$tmp/c2/server.log" -w \
    -o "-k '$tmp/c2' -c listen_addresses='' -p 5432" start >/dev/null 2>&1
[ "$(count "$c2 dbname=s")" = 316 ] || fail "server stopped: $(count "$c2 dbname=s") records, want 316"

# ---- wrong password, unreachable host: no password in the message ----
sock=$(sed 's/.*host=\([^ ]*\).*/\1/' <<<"$base")
pw="pw-Wr0ng-word"
for db in "host=$sock user=aftercast_pw password=$pw dbname=postgres" \
    "postgresql://aftercast_pw:$pw@/postgres?host=$sock" \
    "postgresql://u:$pw@127.0.0.1:1/x?connect_timeout=3" \
    "host=127.0.0.1 port=1 password=$pw connect_timeout=3"; do
    "$cli" --db "$db" availability --month 2026-02 >"$tmp/o" 2>"$tmp/e"
    st=$?
    [ $st = 1 ] || fail "bad login: exit $st"
    grep -q "$pw" "$tmp/e" "$tmp/o" && fail "the password is printed: $(cat "$tmp/e")"
    grep -q "^aftercast: error: cannot open database 'postgresql://" "$tmp/e" \
        || fail "bad login message: $(cat "$tmp/e")"
done
# 2026-11-24: a URI libpq cannot parse was quoted whole, password and
# all; a one-letter password overflowed the masking. Neither now.
"$cli" --db "postgresql://bob:$pw@[::1/db" export all >/dev/null 2>"$tmp/e"
st=$?
[ $st = 1 ] || fail "bad URI: exit $st"
grep -q "$pw" "$tmp/e" && fail "bad URI: the password is printed: $(cat "$tmp/e")"
grep -q "not a connection string libpq can read" "$tmp/e" || fail "bad URI: $(cat "$tmp/e")"
"$cli" --db "host=* password=* connect_timeout=1" export all >/dev/null 2>"$tmp/e"
st=$?
[ $st = 1 ] || fail "one-letter password: exit $st ($(cat "$tmp/e"))"
PGPASSWORD=$pw "$cli" --db "host=$sock user=aftercast_pw dbname=postgres" \
    import "$tmp/a.json" 2>"$tmp/e"
grep -q "password authentication failed" "$tmp/e" || fail "PGPASSWORD: $(cat "$tmp/e")"
grep -q "$pw" "$tmp/e" && fail "PGPASSWORD printed"

# ---- the read-only role (as the README grants it) ----
dbname=${pg#*dbname=}
psql -X -q -d "$pg" -v ON_ERROR_STOP=1 >/dev/null <<SQL || fail "grant"
GRANT CONNECT ON DATABASE $dbname TO aftercast_ro;
GRANT USAGE ON SCHEMA public TO aftercast_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO aftercast_ro;
SQL
ro="${pg/user=postgres/user=aftercast_ro}"
before=$(count "$pg")
"$cli" --db "$ro" import "$tmp/b.json" >/dev/null 2>"$tmp/e"
st=$?
[ $st = 1 ] || fail "read-only import: exit $st"
grep -q "^aftercast: error: .*permission denied" "$tmp/e" || fail "read-only import: $(cat "$tmp/e")"
[ "$(count "$pg")" = "$before" ] || fail "read-only import changed the store"
"$cli" --db "$ro" availability --month 2026-02 --as-of 2026-06-01T00:00:00Z \
    --format json >"$tmp/r1" 2>"$tmp/e" || fail "read-only availability: $(cat "$tmp/e")"
cmp -s "$tmp/r1" <("$cli" --db "$lite" availability --month 2026-02 \
    --as-of 2026-06-01T00:00:00Z --format json) || fail "read-only figures differ"
"$cli" --db "$ro" report monthly --month 2026-02 --all --out "$tmp/ror" \
    --as-of 2026-06-01T00:00:00Z >/dev/null 2>"$tmp/e" || fail "read-only report: $(cat "$tmp/e")"

# 2026-11-25: a store of an older schema that only the read-only role
# opens cannot be upgraded by it: a message that says so, not "permission
# denied for schema public"; once the importing role has opened it, the
# read-only role reports again (the README's default privileges give it
# the new table).
psql -X -q -d "$pg" -v ON_ERROR_STOP=1 >/dev/null <<SQL || fail "old schema"
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public
    GRANT SELECT ON TABLES TO aftercast_ro;
DROP TABLE outage;
UPDATE aftercast_schema SET version = 2;
SQL
"$cli" --db "$ro" report monthly --month 2026-02 --all --out "$tmp/ro2" \
    --as-of 2026-06-01T00:00:00Z >/dev/null 2>"$tmp/e"
st=$?
[ $st = 1 ] || fail "read-only upgrade: exit $st"
grep -q "^aftercast: error: cannot upgrade database '.*' from schema version 2 (.*permission denied.*): the role that imports upgrades it$" "$tmp/e" \
    || fail "read-only upgrade: $(cat "$tmp/e")"
"$cli" --db "$pg" availability --month 2026-02 --as-of 2026-06-01T00:00:00Z \
    >/dev/null 2>"$tmp/e" || fail "upgrade: $(cat "$tmp/e")"
"$cli" --db "$ro" report monthly --month 2026-02 --all --out "$tmp/ro2" \
    --as-of 2026-06-01T00:00:00Z >/dev/null 2>"$tmp/e" || fail "read-only report after the upgrade: $(cat "$tmp/e")"
cmp -s "$tmp/ro2/zurich-2026-02.pdf" "$tmp/ror/zurich-2026-02.pdf" \
    || fail "read-only report after the upgrade differs"

[ $failures -eq 0 ] && echo "server.sh: all passed"
exit $((failures > 0))
