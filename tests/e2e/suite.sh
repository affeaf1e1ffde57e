#!/usr/bin/env bash
# End-to-end test of `ptplab suite`: the smoke suite passes with JUnit XML and a merged report;
# a suite with a failing scenario exits 1 and marks the failing expectation in the XML.
source "$(dirname "$0")/lib/preamble.bash"

n=$(ls "$src"/scenarios/suites/smoke/*.json | wc -l)
"$PTPLAB" suite "$src/scenarios/suites/smoke" --junit "$tmp/smoke.xml" --report "$tmp/smoke.db" -j 2 >"$tmp/out" 2>&1
rc=$?; [[ $rc == 0 ]]; check "smoke suite exit 0 (got $rc)" $?
python3 -c "import xml.etree.ElementTree as E; E.parse('$tmp/smoke.xml')"; check "JUnit is XML" $?
[[ "$(sqlite3 "$tmp/smoke.db" "SELECT count(*) FROM run WHERE status = 'complete'")" == "$n" ]]; check "one run per scenario" $?
[[ "$(sqlite3 "$tmp/smoke.db" "SELECT count(*) FROM expectation WHERE NOT passed")" == 0 ]]; check "no failed expectation" $?

cat >"$tmp/fails.json" <<'J'
{"name": "fails", "seed": 1, "duration": "3s", "nodes": [{"name": "n", "count": 3, "placement": "public"}],
 "expect": [{"metric": "datagrams_sent", "op": "<", "value": 0}]}
J
"$PTPLAB" suite "$src/scenarios/suites/smoke/basic.json" "$tmp/fails.json" --junit "$tmp/f.xml" -j 2 >"$tmp/out" 2>&1
rc=$?; [[ $rc == 1 ]]; check "failing scenario exit 1 (got $rc)" $?
python3 - "$tmp/f.xml" <<'PY'
import sys, xml.etree.ElementTree as E
cases = E.parse(sys.argv[1]).getroot().iter("testcase")
failed = [c.get("name") for c in cases if c.find("failure") is not None]
sys.exit(0 if any(n.startswith("datagrams_sent") for n in failed) else 1)
PY
check "JUnit marks the failing expectation" $?

# A header line, and while a run goes on a line naming it every --progress-every (a 1 ms period:
# any child takes longer than that to start), so a long scenario does not leave a CI log silent.
# The run is made 40 s long: the 8 s of basic.json end in 0.08 s in Release, before the
# parent's first look (it polls every 50 ms).
sed 's/"duration": "8s"/"duration": "40s"/' "$src/scenarios/suites/smoke/basic.json" >"$tmp/basic.json"
"$PTPLAB" suite "$tmp/basic.json" --progress-every 1ms -j 1 --report "$tmp/p.db" >"$tmp/pout" 2>&1
grep -q '^suite: 1 scenario, 1 at a time$' "$tmp/pout"; check "suite prints a header line" $?
grep -q '^  \.\.\. 0 of 1 finished; .* running: .*basic.json$' "$tmp/pout"; check "suite names the running scenario" $?
rc=0; "$PTPLAB" suite "$src/scenarios/suites/smoke/basic.json" --progress-every soon >"$tmp/bad" 2>&1 || rc=$?
[[ $rc == 2 ]] && grep -q -- "--progress-every: expected a duration" "$tmp/bad"; check "a bad --progress-every exits 2" $?

[[ $failures == 0 ]] && echo "all suite checks passed" || echo "$failures suite checks failed"
exit $((failures > 0))
