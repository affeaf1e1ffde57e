#!/usr/bin/env bash
# End-to-end test of `ptplab run` on the real binary ($PTPLAB): exit codes from passing and
# failing expectations and invalid input, --set and --seed overrides, several scenarios into one
# report, and SIGINT mid-run leaving a valid report whose run reads `interrupted`.
source "$(dirname "$0")/lib/preamble.bash"
q() { sqlite3 "$1" "$2"; }

cat >"$tmp/line.json" <<'J'
// three public nodes in a line, constant latency, no loss
{"name": "line", "seed": 3, "duration": "6s",
 "network": {"latency": {"model": "constant", "delay": "10ms"}},
 "nodes": [{"name": "n", "count": 3, "placement": "public"}],
 "topology": {"edges": [[0, 1], [1, 2]]},
 "workload": {"channels": [{"name": "c", "messages": {"interval": "500ms", "stop": "5s"}}]},
 "expect": [{"metric": "delivery_ratio", "op": ">=", "value": 1},
            {"metric": "node_id_collisions", "op": "==", "value": 0}]}
J

"$PTPLAB" run "$tmp/line.json" --report "$tmp/a.db" >"$tmp/out" 2>&1
check "passing expectations exit 0" $?
grep -q "expectations 2/2 passed" "$tmp/out"; check "summary lists the expectations" $?
[[ "$(q "$tmp/a.db" "SELECT count(*) FROM expectation WHERE passed")" == 2 ]]; check "expectation rows" $?
[[ "$(q "$tmp/a.db" "SELECT status FROM run")" == complete ]]; check "run complete" $?

"$PTPLAB" run "$tmp/line.json" --report "$tmp/b.db" --quiet --set /expect/0/value=2 >"$tmp/out" 2>&1
rc=$?; [[ $rc == 1 ]]; check "failing expectation exit 1 (got $rc)" $?
[[ "$(q "$tmp/b.db" "SELECT passed FROM expectation WHERE metric = 'delivery_ratio'")" == 0 ]]; check "failed row" $?
[[ ! -s "$tmp/out" ]]; check "--quiet prints nothing" $?

"$PTPLAB" run "$tmp/line.json" --report "$tmp/c.db" --quiet --seed 42 --set /nodes/0/count=4
[[ "$(q "$tmp/c.db" "SELECT seed FROM run")" == 42 ]]; check "--seed sets the run seed" $?
[[ "$(q "$tmp/c.db" "SELECT count(*) FROM node")" == 4 ]]; check "--set /nodes/0/count=4 gives 4 nodes" $?
[[ "$(q "$tmp/c.db" "SELECT value FROM run_param WHERE name = '/nodes/0/count'")" == 4 ]]; check "run_param records the override" $?

out="$("$PTPLAB" run "$tmp/line.json" --report "$tmp/d.db" --set /network/loss/rate=1.5 --set /network/loss/model='"bernoulli"' 2>&1)"
rc=$?; [[ $rc == 2 ]]; check "invalid input exit 2 (got $rc)" $?
grep -q "/network/loss/rate" <<<"$out"; check "error names the JSON pointer" $?
"$PTPLAB" run "$tmp/missing.json" >/dev/null 2>&1; [[ $? == 2 ]]; check "missing file exit 2" $?

"$PTPLAB" run "$tmp/line.json" "$tmp/line.json" --report "$tmp/e.db" --quiet
[[ "$(q "$tmp/e.db" "SELECT count(*) FROM run")" == 2 ]]; check "two scenarios append two runs" $?

# SIGINT mid-run: a run long enough to be caught in the middle.
cat >"$tmp/long.json" <<'J'
{"name": "long", "seed": 1, "duration": "30m", "record": "summary",
 "nodes": [{"name": "n", "count": 60, "placement": "public"}],
 "topology": {"random_regular": {"degree": 4}},
 "workload": {"channels": [{"name": "c", "messages": {"rate_per_s": 20}}]}}
J
"$PTPLAB" run "$tmp/long.json" --report "$tmp/int.db" --quiet &
pid=$!
for _ in $(seq 50); do
  [[ "$(q "$tmp/int.db" "SELECT count(*) FROM run" 2>/dev/null)" == 1 ]] && break
  sleep 0.1
done
sleep 1
kill -INT $pid
wait $pid
rc=$?; [[ $rc == 130 ]]; check "SIGINT exit 130 (got $rc)" $?
[[ "$(q "$tmp/int.db" "PRAGMA integrity_check")" == ok ]]; check "interrupted report is a valid database" $?
[[ "$(q "$tmp/int.db" "SELECT status FROM run")" == interrupted ]]; check "run status interrupted" $?
[[ "$(q "$tmp/int.db" "SELECT simulated_seconds > 0 AND simulated_seconds < 1800 FROM run")" == 1 ]]; check "stopped midway" $?

[[ $failures == 0 ]] && echo "all run checks passed" || echo "$failures run checks failed"
exit $((failures > 0))
