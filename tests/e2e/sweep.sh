#!/usr/bin/env bash
# End-to-end test of `ptplab sweep`: a two-point matrix with two seeds gives four runs in one
# report, labelled so that SQL can group them.
set -uo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
check() { if [[ "$2" == 0 ]]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }

cat >"$tmp/sweep.json" <<'J'
{"name": "sw", "seed": 1, "duration": "4s",
 "nodes": [{"name": "p", "count": 6, "placement": "public", "params": {"gossip_fanout": 2}}],
 "topology": {"random_regular": {"degree": 3}},
 "workload": {"channels": [{"name": "c", "messages": {"rate_per_s": 2, "stop": "3s"}}]},
 "expect": [{"metric": "datagrams_sent", "op": ">", "value": 0}],
 "sweep": {"parameters": {"/nodes/0/params/gossip_fanout": [2, 3]}, "seeds": 2}}
J
"$PTPLAB" sweep "$tmp/sweep.json" -j 2 --report "$tmp/sw.db" >"$tmp/out" 2>&1
rc=$?; [[ $rc == 0 ]]; check "sweep exit 0 (got $rc)" $?
[[ "$(sqlite3 "$tmp/sw.db" "SELECT count(*) FROM run")" == 4 ]]; check "four runs" $?
[[ "$(sqlite3 "$tmp/sw.db" "SELECT count(DISTINCT seed) FROM run")" == 2 ]]; check "two seeds" $?
[[ "$(sqlite3 "$tmp/sw.db" "SELECT count(DISTINCT value) FROM run_param WHERE name = '/nodes/0/params/gossip_fanout'")" == 2 ]]
check "run_param groups the two points" $?
[[ "$(sqlite3 "$tmp/sw.db" "SELECT count(DISTINCT sweep_point) FROM run")" == 4 ]]; check "four labels" $?

[[ $failures == 0 ]] && echo "all sweep checks passed" || echo "$failures sweep checks failed"
exit $((failures > 0))
