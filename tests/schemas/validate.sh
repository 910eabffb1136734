#!/usr/bin/env bash
# validate.sh CLI SCHEMAS SAMPLE - run aftercast on the sample data and
# validate every JSON output against its schema (python3-jsonschema).
set -euo pipefail
cli="$1"; schemas="$2"; sample="$3"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
db="$tmp/s.db"
"$cli" --db "$db" import "$sample/portfolio.json" "$sample/incidents.ndjson" \
    "$sample/maintenances.csv" 2>/dev/null
asof=2026-11-24T00:00:00Z
"$cli" --db "$db" availability --month 2026-10 --as-of $asof --format json > "$tmp/a1.json"
"$cli" --db "$db" availability --quarter 2026-Q3 --as-of $asof --format json > "$tmp/a2.json"
"$cli" --db "$db" availability --all-periods 2026-01 2026-10 --as-of $asof --format json > "$tmp/a3.json"
"$cli" --db "$db" availability --month 2020-01 --as-of $asof --format json > "$tmp/a4.json"
"$cli" --db "$db" metrics --month 2026-10 --as-of $asof --format json > "$tmp/m1.json"
"$cli" --db "$db" metrics --all-periods 2025-11 2026-10 --as-of $asof --format json > "$tmp/m2.json"
"$cli" --db "$db" export all --format json > "$tmp/r1.json"
"$cli" --db "$db" report pack --month 2026-10 --client acme --as-of $asof \
    --out "$tmp/pack" >/dev/null
cp "$tmp/pack/acme/manifest.json" "$tmp/p1.json"
# Contacts: the deliver tests' records, exported.
"$cli" --db "$tmp/c.db" import "$(dirname "$0")/../data/deliver/records.json" 2>/dev/null
"$cli" --db "$tmp/c.db" export all --format json > "$tmp/r2.json"
"$cli" --db "$db" site --all --out "$tmp/site" --as-of $asof > /dev/null
cp "$tmp/site/acme/status.json" "$tmp/s1.json"
cp "$tmp/site/zurich/status.json" "$tmp/s2.json"
/usr/bin/python3 - "$schemas" "$tmp" <<'PY'
import json, sys
from jsonschema import Draft202012Validator
schemas, tmp = sys.argv[1], sys.argv[2]
checks = [("availability", ["a1", "a2", "a3", "a4"]), ("metrics", ["m1", "m2"]),
          ("records", ["r1", "r2"]), ("manifest", ["p1"]), ("status", ["s1", "s2"])]
n = 0
for schema, files in checks:
    v = Draft202012Validator(json.load(open(f"{schemas}/{schema}.schema.json")))
    for f in files:
        doc = json.load(open(f"{tmp}/{f}.json"))
        errors = list(v.iter_errors(doc))
        for e in errors[:5]:
            print(f"{f}.json: {list(e.absolute_path)}: {e.message}")
        if errors:
            sys.exit(1)
        n += 1
print(f"{n} passed, 0 failed")
PY
