#!/usr/bin/env bash
# End-to-end test of concurrent writers: eight `ptplab run`, one `suite` and one `sweep` writing
# one report at the same time all land (every run complete, every run id distinct, every row
# with its run), and files that are not reports are refused with an error saying so.
source "$(dirname "$0")/lib/preamble.bash"
q() { sqlite3 "$1" "$2"; }
basic="$src/scenarios/suites/smoke/basic.json"

cat >"$tmp/sweep.json" <<'J'
{"name": "sw", "seed": 1, "duration": "3s",
 "nodes": [{"name": "p", "count": 5, "placement": "public"}],
 "topology": {"random_regular": {"degree": 2}},
 "workload": {"channels": [{"name": "c", "messages": {"rate_per_s": 2, "stop": "2s"}}]},
 "sweep": {"seeds": 2}}
J

pids=()
for s in 11 12 13 14 15 16 17 18; do
  "$PTPLAB" run "$basic" --seed $s --report "$tmp/one.db" --quiet >"$tmp/run$s.out" 2>&1 & pids+=($!)
done
"$PTPLAB" suite "$basic" "$src/scenarios/suites/smoke/nat_mix.json" -j 2 --report "$tmp/one.db" >"$tmp/suite.out" 2>&1 & pids+=($!)
"$PTPLAB" sweep "$tmp/sweep.json" -j 2 --report "$tmp/one.db" >"$tmp/sweep.out" 2>&1 & pids+=($!)
rcs=""; for p in "${pids[@]}"; do wait "$p"; rcs="$rcs $?"; done
[[ "$rcs" == " 0 0 0 0 0 0 0 0 0 0" ]]; check "ten concurrent writers all exit 0 (got$rcs)" $?
[[ "$(q "$tmp/one.db" "SELECT count(*) FROM run WHERE status = 'complete'")" == 12 ]]
ok=$?
check "all 12 runs landed complete ($(q "$tmp/one.db" "SELECT group_concat(status) FROM run"))" $ok
[[ "$(q "$tmp/one.db" "SELECT group_concat(seed) FROM (SELECT seed FROM run WHERE seed > 10 AND status = 'complete' ORDER BY seed)")" == 11,12,13,14,15,16,17,18 ]]
check "each of the eight runs is there once, complete" $?
[[ "$(q "$tmp/one.db" "SELECT count(*) FROM run WHERE sweep_point != ''")" == 2 ]]; check "the sweep's two points" $?
[[ "$(q "$tmp/one.db" "SELECT count(*) FROM expectation WHERE run_id NOT IN (SELECT run_id FROM run)")" == 0 ]]
check "no row without its run" $?
# Each run's rows are its own: a concurrent run holds as many deliveries as the same run alone.
"$PTPLAB" run "$basic" --seed 13 --report "$tmp/alone.db" --quiet
[[ "$(q "$tmp/one.db" "SELECT count(*) FROM delivery WHERE run_id = (SELECT run_id FROM run WHERE seed = 13)")" == \
   "$(q "$tmp/alone.db" "SELECT count(*) FROM delivery")" ]]
check "a concurrent run holds the rows of the same run alone" $?

echo "just text" >"$tmp/notes.txt"
"$PTPLAB" run "$basic" --report "$tmp/notes.txt" --quiet >"$tmp/out" 2>&1
rc=$?; [[ $rc == 2 ]]; check "a text file as report: exit 2 (got $rc)" $?
grep -q "notes.txt is not a ptplab report: file is not a database" "$tmp/out"; check "... saying it is not a report" $?
[[ "$(cat "$tmp/notes.txt")" == "just text" ]]; check "... and left untouched" $?
q "$tmp/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
"$PTPLAB" run "$basic" --report "$tmp/other.db" --quiet >"$tmp/out" 2>&1
rc=$?; [[ $rc == 2 ]]; check "another SQLite database as report: exit 2 (got $rc)" $?
grep -q "other.db is not a ptplab report: an SQLite database with other tables" "$tmp/out"
check "... saying it is not a report" $?
"$PTPLAB" report "$tmp/notes.txt" >"$tmp/out" 2>&1
rc=$?; [[ $rc == 2 ]]; check "ptplab report on a text file: exit 2 (got $rc)" $?
grep -q "is not a ptplab report" "$tmp/out"; check "... saying it is not a report" $?

[[ $failures == 0 ]] && echo "all concurrent-writer checks passed" || echo "$failures concurrent-writer checks failed"
exit $((failures > 0))
