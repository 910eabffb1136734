#!/usr/bin/env bash
# feeds.sh CLI FIXTURE - the status site's files for scripts: the Atom feed
# is well-formed with the elements RFC 4287 requires, the badges are SVG,
# the same database and --as-of give the same bytes, --with-reports
# writes what the page links to, and a link planted
# where a client's directory goes is not written through.
set -euo pipefail
cli="$1"; fixture="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
db="$tmp/f.db"; asof=2026-11-24T12:00:00Z
pass=0; fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; fail=$((fail + 1)); }

"$cli" --db "$db" import "$fixture" 2>/dev/null
"$cli" --db "$db" site --all --out "$tmp/a" --days 7 --as-of $asof >/dev/null
"$cli" --db "$db" site --all --out "$tmp/b" --days 7 --as-of $asof >/dev/null

for f in "$tmp"/a/*/feed.xml "$tmp"/a/*/*.svg; do
    if xmllint --noout "$f" 2>/dev/null; then ok; else ko "$f is not well-formed"; fi
done
if /usr/bin/python3 - "$tmp/a/demo/feed.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
feed = ET.parse(sys.argv[1]).getroot()
assert feed.tag == A + "feed", feed.tag
for e in ("id", "title", "updated", "author"):
    assert feed.find(A + e) is not None, "feed has no " + e
assert feed.find(A + "updated").text == "2026-11-24T12:00:00Z"
entries = feed.findall(A + "entry")
assert len(entries) == 5, len(entries)   # 3 incidents, 2 windows
for en in entries:
    for e in ("id", "title", "updated"):
        assert en.find(A + e) is not None, "entry has no " + e
titles = [en.find(A + "title").text for en in entries]
assert "<script>alert(1)</script>" in titles, titles
PY
then ok; else ko "feed.xml lacks required elements"; fi

# 2026-11-24: status.json called November "met" at as-of 24 November with
# no word that the month was not over; now that month is provisional.
if /usr/bin/python3 - "$tmp/a/demo/status.json" <<'PY'
import json, sys
months = json.load(open(sys.argv[1]))["months"]
assert months[-1]["period"] == "2026-11", months[-1]
assert months[-1]["provisional"] is True, months[-1]
assert all(m["provisional"] is False for m in months[:-1]), months
PY
then ok; else ko "status.json: the month of as-of is not provisional"; fi

# 2026-11-24: one client's run rewrote the portfolio page with that
# client alone; now only --all writes it, so the tree stays as it was.
"$cli" --db "$db" site --client demo --out "$tmp/a" --days 7 --as-of $asof >/dev/null
if diff -r "$tmp/a" "$tmp/b" >/dev/null; then ok; else ko "regeneration differs"; fi

# The client id "../evil" is a directory inside --out, never its parent.
if [ -f "$tmp/a/_._evil~d55e2318efd094d0/index.html" ] \
    && [ ! -e "$tmp/evil" ]; then ok; else ko "../evil escaped --out"; fi

# A link planted as a client's directory is refused, not followed.
mkdir "$tmp/c" "$tmp/elsewhere"; ln -s "$tmp/elsewhere" "$tmp/c/demo"
set +e
err="$("$cli" --db "$db" site --client demo --out "$tmp/c" --days 7 \
    --as-of $asof 2>&1 >/dev/null)"; st=$?
set -e
if [ $st -eq 1 ] && [ -z "$(ls -A "$tmp/elsewhere")" ] \
    && [[ "$err" == *"is not a directory"* ]]; then ok
else ko "planted link: status $st, '$err'"; fi

# --with-reports writes the reports the page links to, beside it.
"$cli" --db "$db" site --client demo --out "$tmp/r" --days 7 --as-of $asof \
    --with-reports >/dev/null
for f in reports/demo-2026-10.pdf reports/demo-2026-10.xlsx \
    reports/INC-1-demo.pdf; do
    if [ -s "$tmp/r/demo/$f" ] && grep -q "href=\"$f\"" "$tmp/r/demo/index.html"
    then ok; else ko "--with-reports: $f missing or not linked"; fi
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
