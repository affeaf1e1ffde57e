#!/usr/bin/env bash
# e2e: `ptplab compare A.db B.db` over two seeds per side of a smoke scenario: metrics with
# intervals and verdicts, --html, --metric, and the exit codes of --fail-if-worse.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
cd "${PTPLAB_SOURCE_DIR:-$(dirname "$0")/../..}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

scenario=$(ls scenarios/suites/smoke/*.json | head -n1)
[ -n "$scenario" ] || fail "no smoke scenario"
# Exit 1 is a failed expectation of the scenario, which still writes its report.
run() {
  local rc=0
  "$PTPLAB" run "$scenario" --report "$1" --seed "$2" --quiet >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] || fail "ptplab run --seed $2 exit $rc"
}
run "$t/a.db" 1
run "$t/a.db" 2
run "$t/b.db" 3
run "$t/b.db" 4

"$PTPLAB" compare "$t/a.db" "$t/b.db" --html "$t/c.html" >"$t/out.txt" || fail "compare exit $?"
grep -q '^A: .*(2 runs' "$t/out.txt" || fail "A side not described: $(head -2 "$t/out.txt")"
grep -q 'delivery_ratio' "$t/out.txt" || fail "delivery_ratio not compared"
grep -Eq 'same|better|worse|different' "$t/out.txt" || fail "no verdicts"
grep -q '<svg' "$t/c.html" || fail "no chart in the HTML comparison"
if grep -Eo '(src|href)="[a-z]+://[^"]*"' "$t/c.html" | grep -q .; then fail "external resource"; fi

"$PTPLAB" compare "$t/a.db" "$t/b.db" --metric delivery_ratio >"$t/one.txt" || fail "--metric failed"
[ "$(grep -c 'ratio' "$t/one.txt")" -eq 1 ] || fail "--metric did not restrict the table"

# A file against itself is never worse; an unknown gate metric or a missing file is an input error.
"$PTPLAB" compare "$t/a.db" "$t/a.db" --fail-if-worse delivery_ratio >/dev/null || fail "self-compare worse"
rc=0
"$PTPLAB" compare "$t/a.db" "$t/b.db" --fail-if-worse no_such_metric >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "unknown gate metric exit $rc, expected 2"
rc=0
"$PTPLAB" compare "$t/a.db" "$t/missing.db" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "missing file exit $rc, expected 2"
echo "ok: $(grep -c '' "$t/out.txt") lines of comparison"
