#!/usr/bin/env bash
# e2e: `ptplab compare A.db B.db` on a smoke scenario: two seeds a side are inconclusive on
# every metric; --html, --metric; --fail-if-worse with and without a threshold and its exit
# codes; a plain run against a sweep is compared at the sweep point with its parameters, and
# files that share no point are an input error that names the values.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
cd "${PTPLAB_SOURCE_DIR:-$(dirname "$0")/../..}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

scenario=scenarios/suites/smoke/basic.json
# Exit 1 is a failed expectation of the scenario, which still writes its report.
run() {
  local rc=0
  "$PTPLAB" run "$scenario" --report "$1" --seed "$2" --quiet "${@:3}" >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] || fail "ptplab run --seed $2 exit $rc"
}
sweep() {
  local rc=0
  "$PTPLAB" sweep "$scenario" -j 2 --report "$t/$1.db" --set "/sweep=$2" "${@:3}" >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] || fail "ptplab sweep $1 exit $rc"
}
run "$t/a.db" 1
run "$t/a.db" 2
run "$t/b.db" 1 --set /network/latency/delay=40ms
run "$t/b.db" 2 --set /network/latency/delay=40ms

"$PTPLAB" compare "$t/a.db" "$t/b.db" --html "$t/c.html" >"$t/out.txt" || fail "compare exit $?"
grep -q '^A: .*(2 runs' "$t/out.txt" || fail "A side not described: $(head -2 "$t/out.txt")"
grep -q '^runs: A 2 runs (seeds 1-2), B 2 runs (seeds 1-2)' "$t/out.txt" || fail "no seeds line"
# Members greet each other directly (ROUTING-learned nodes are HELLOed): one hop of 20 vs 40 ms.
row=$(grep -E '^ +latency_p50_ms ' "$t/out.txt") || fail "latency_p50_ms not compared"
grep -q '+20 .*2/2 *paired *inconclusive$' <<<"$row" || fail "2 paired seeds a side: $row"
if grep -E '^ +[a-z]' "$t/out.txt" | grep -v '^ *metric ' | grep -wE 'better|worse|different' >/dev/null; then
  fail "a verdict at 2 runs a side: $(grep -wE 'better|worse|different' "$t/out.txt" | head -1)"
fi
grep -q '<svg' "$t/c.html" || fail "no chart in the HTML comparison"
if grep -Eo '(src|href)="[a-z]+://[^"]*"' "$t/c.html" | grep . >/dev/null; then fail "external resource"; fi

"$PTPLAB" compare "$t/a.db" "$t/b.db" --metric delivery_ratio >"$t/one.txt" || fail "--metric failed"
[ "$(grep -c 'ratio ' "$t/one.txt")" -eq 1 ] || fail "--metric did not restrict the table"

# A gate that cannot decide (2 runs a side) exits 3 and says why; --allow-inconclusive accepts it.
rc=0; "$PTPLAB" compare "$t/a.db" "$t/b.db" --fail-if-worse latency_p50_ms >"$t/gate2.txt" || rc=$?
[ "$rc" -eq 3 ] || fail "inconclusive gate exit $rc (want 3)"
grep -q '^gate inconclusive latency_p50_ms: fewer than 6 runs a side, so the gate cannot decide' "$t/gate2.txt" ||
  fail "inconclusive gate line: $(grep '^gate' "$t/gate2.txt")"
"$PTPLAB" compare "$t/a.db" "$t/b.db" --fail-if-worse latency_p50_ms --allow-inconclusive >/dev/null ||
  fail "--allow-inconclusive: exit $?"

# Six seeds a side, latency doubled: worse; thresholds decide the gate.
sweep a6 '{"parameters":{},"seeds":6}'
sweep b6 '{"parameters":{},"seeds":6}' --set /network/latency/delay=40ms
gate() {
  local rc=0
  "$PTPLAB" compare "$t/a6.db" "$t/b6.db" --fail-if-worse "$1" >"$t/gate.txt" 2>&1 || rc=$?
  [ "$rc" -eq "$2" ] || fail "--fail-if-worse $1 exit $rc, expected $2: $(grep -E '^gate|compare:' "$t/gate.txt")"
}
gate latency_p50_ms 1
grep -q '^gate FAIL latency_p50_ms: worse by more than 0 ms' "$t/gate.txt" || fail "gate line: $(grep '^gate' "$t/gate.txt")"
gate latency_p50_ms:19 1
rc=0
"$PTPLAB" compare "$t/a6.db" "$t/b6.db" --metric delivery_ratio --fail-if-worse latency_p50_ms >/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "a gate outside --metric was not applied (exit $rc)"
gate latency_p50_ms:20 0
gate latency_p50_ms:99% 1
gate latency_p50_ms:101% 0
gate delivery_ratio:0.01 0
gate latency_p50_ms:-3 2
gate messages_sent 2
gate no_such_metric 2

# A file against itself is never worse.
"$PTPLAB" compare "$t/a6.db" "$t/a6.db" --fail-if-worse delivery_ratio >/dev/null || fail "self-compare worse"

# A plain run report against a sweep over the delay: compared at the point that ran 20ms.
sweep s '{"parameters":{"/network/latency/delay":["20ms","40ms"]},"seeds":6}'
"$PTPLAB" compare "$t/a6.db" "$t/s.db" --metric latency_p50_ms >"$t/ps.txt" || fail "plain vs sweep exit $?"
grep -q '^point delay=20ms: A 6 runs (seeds 1-6), B 6 runs (seeds 1-6)' "$t/ps.txt" || fail "no 20ms point: $(cat "$t/ps.txt")"
grep -Eq '^ +latency_p50_ms .* 6/6 +paired +noise$' "$t/ps.txt" || fail "20ms point not the same latency"
grep -q '^point only in B, not compared: delay=40ms' "$t/ps.txt" || fail "40ms point not listed"
# ... and against a sweep that never ran 20ms: nothing to compare, exit 2 naming the values.
sweep s2 '{"parameters":{"/network/latency/delay":["30ms","60ms"]},"seeds":1}'
rc=0
"$PTPLAB" compare "$t/a6.db" "$t/s2.db" >"$t/none.txt" 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "no shared point exit $rc, expected 2"
grep -q 'share no point' "$t/none.txt" || fail "no shared point message: $(cat "$t/none.txt")"
grep -q '/network/latency/delay: A ran 20ms; B ran 30ms, 60ms' "$t/none.txt" || fail "values not named: $(cat "$t/none.txt")"

grep -q '^Exit status: 0 compared' <<<"$("$PTPLAB" compare --help)" || fail "--help has no exit statuses"
rc=0
"$PTPLAB" compare "$t/a.db" "$t/missing.db" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "missing file exit $rc, expected 2"
echo "ok: $(grep -c '' "$t/out.txt") lines of comparison"
