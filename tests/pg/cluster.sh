#!/usr/bin/env bash
# cluster.sh - a throwaway PostgreSQL server for the tests.
#   tests/pg/cluster.sh start DIR   initdb into DIR, start a server on a
#                                   Unix socket in DIR, print its conninfo
#   tests/pg/cluster.sh stop DIR    stop it and remove DIR
# The server runs as an unprivileged user (the Debian package's
# `postgres` when run as root). Roles: postgres (superuser, trusted on
# the socket), aftercast_pw (password "pw-Secr3t-word", checked), and
# aftercast_ro (can read, not write: what the README's read-only role
# grants).
set -euo pipefail
cmd="${1:-}" dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "cluster.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
as=()
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
port=5432

case "$cmd" in
start)
    [ -e "$dir/data" ] && "$0" stop "$dir" >/dev/null 2>&1 || true
    mkdir -p "$dir"
    [ ${#as[@]} -eq 0 ] || chown postgres "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    "${as[@]}" sh -c "printf '%s\n' \
        'local all aftercast_pw scram-sha-256' 'local all all trust' \
        > '$dir/data/pg_hba.conf'"
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k '$dir' -c listen_addresses='' -p $port -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    "$bin/psql" -X -q -h "$dir" -p $port -U postgres -d postgres \
        -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
CREATE ROLE aftercast_pw LOGIN PASSWORD 'pw-Secr3t-word';
CREATE ROLE aftercast_ro LOGIN;
SQL
    echo "host=$dir port=$port user=postgres"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
