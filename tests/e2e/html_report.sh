#!/usr/bin/env bash
# e2e: `ptplab report FILE.db --html OUT.html` on a real smoke run gives one self-contained page
# with every section and inline SVG charts; bad arguments exit 2.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
cd "${PTPLAB_SOURCE_DIR:-$(dirname "$0")/../..}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

scenario=$(ls scenarios/suites/smoke/*.json | head -n1)
[ -n "$scenario" ] || fail "no smoke scenario"
rc=0
"$PTPLAB" run "$scenario" --report "$t/r.db" --quiet >/dev/null 2>&1 || rc=$?
[ "$rc" -le 1 ] || fail "ptplab run exit $rc"

"$PTPLAB" report "$t/r.db" --html "$t/r.html" >/dev/null || fail "report --html failed"
[ -s "$t/r.html" ] || fail "no HTML written"
head -c 15 "$t/r.html" | grep -q '<!DOCTYPE html>' || fail "not an HTML document"
for id in summary delivery latency traffic drops nat collisions abuse sweep conformance; do
  grep -q "<section id=\"$id\">" "$t/r.html" || fail "section $id missing"
done
[ "$(grep -o '<svg' "$t/r.html" | wc -l)" -ge 3 ] || fail "fewer than 3 charts"
grep -q '<figcaption>Propagation latency CDF per propagation policy</figcaption><svg' "$t/r.html" ||
  fail "the latency CDF of a smoke run is not drawn"
if grep -Eo '(src|href)="[a-z]+://[^"]*"' "$t/r.html" | grep . >/dev/null; then fail "external resource"; fi
grep -Eq '<script|<link|@import|url\(' "$t/r.html" && fail "script, link or imported resource in the page"

# --run selects a run; an unknown run and a missing file are input errors.
"$PTPLAB" report "$t/r.db" --html "$t/r1.html" --run 1 >/dev/null || fail "--run 1 failed"
grep -q 'Delivery ratio over time (run 1)' "$t/r1.html" || fail "--run 1 not shown"
rc=0
"$PTPLAB" report "$t/r.db" --html "$t/x.html" --run 99 >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--run 99 exit $rc, expected 2"
rc=0
"$PTPLAB" report "$t/missing.db" --html "$t/x.html" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "missing file exit $rc, expected 2"
echo "ok: $(wc -c <"$t/r.html") bytes, $(grep -o '<svg' "$t/r.html" | wc -l) charts"
