#!/usr/bin/env bash
# `ptplab sweep --resume` edges (session-11 review, minor findings): a report of another sweep is
# refused as the README says (the runs record their sweep's plan), the runs --resume drops are
# named on stderr, the header's counts agree in number ("1 run of 6"), and a second --resume
# writer while one runs is refused with a sentence saying another writer holds the report.
source "$(dirname "$0")/lib/preamble.bash"
cd "$src" || exit 1
sc=scenarios/suites/smoke/basic.json
sw='/sweep={"parameters":{"/network/loss/rate":[0,0.1]},"seeds":3}'
sw2='/sweep={"parameters":{"/network/loss/rate":[0,0.1]},"seeds":2}'
digest() { "$PTPLAB" report "$1" --digest 2>&1; }
"$PTPLAB" sweep $sc --set "$sw" -j 2 --report "$tmp/seq.db" >/dev/null 2>&1
check "whole sweep (exit $?)" $?
seq=$(digest "$tmp/seq.db")

# A report of the same sweep with 2 seeds holds only runs the 3-seed sweep has too: it was
# completed silently; it is another sweep, refused.
"$PTPLAB" sweep $sc --set "$sw2" -j 2 --report "$tmp/two.db" >/dev/null 2>&1
"$PTPLAB" sweep $sc --set "$sw" -j 2 --resume --report "$tmp/two.db" >"$tmp/two.out" 2>&1
rc=$?
[[ $rc == 2 ]] && grep -q "two.db holds run 1 (.*) of another sweep" "$tmp/two.out"
ok=$?  # before the check's name runs $(head ...), which sets $?
check "--resume of another sweep's report (2 seeds for 3): exit 2 (got $rc: $(head -1 "$tmp/two.out"))" $ok

# Five of the six runs kept: the header says "1 run of 6".
cp "$tmp/seq.db" "$tmp/five.db"
for t in $(sqlite3 "$tmp/five.db" "SELECT name FROM sqlite_master WHERE type = 'table'"); do
  sqlite3 "$tmp/five.db" "DELETE FROM $t WHERE run_id = 6"
done
"$PTPLAB" sweep $sc --set "$sw" -j 2 --resume --report "$tmp/five.db" >"$tmp/five.out" 2>&1
check "--resume of five runs of six (exit $?)" $?
grep -q "smoke-basic: 1 run of 6 (5 complete in" "$tmp/five.out"
ok=$?
check "the header says 1 run of 6 ($(head -1 "$tmp/five.out"))" $ok
[[ "$(digest "$tmp/five.db")" == "$seq" ]]; check "resumed: the digest of the whole sweep" $?

# A run given twice (a report merged twice, say): --resume keeps one and says which it dropped.
cp "$tmp/seq.db" "$tmp/dup.db"
"$PTPLAB" report merge "$tmp/one.db" "$tmp/seq.db" >/dev/null 2>&1
sqlite3 "$tmp/dup.db" "ATTACH '$tmp/one.db' AS o; INSERT INTO run SELECT 7, scenario, scenario_text, seed, version, started, finished, wall_seconds, simulated_seconds, events, peak_rss_bytes, status, sweep_point, sweep_plan, sweep_index, sweep_runs, sweep_shard FROM o.run WHERE run_id = 2"
"$PTPLAB" sweep $sc --set "$sw" -j 2 --resume --report "$tmp/dup.db" >"$tmp/dup.out" 2>"$tmp/dup.err"
check "--resume of a report holding a run twice (exit $?)" $?
grep -q "dropped run 7 (complete) of '/network/loss/rate=0 seed=2': it keeps run 2" "$tmp/dup.err"
ok=$?
check "--resume names the run it dropped on stderr ($(head -1 "$tmp/dup.err"))" $ok
[[ "$(sqlite3 "$tmp/dup.db" "SELECT count(*) FROM run")" == 6 ]]; check "one run per sweep run kept" $?

# Two --resume of one report at once: the second is refused with a sentence saying another
# writer holds it (it failed with SQLite's "attempt to write a readonly database", or the file
# gone, when the first renamed its rewrite over the report). The first runs an hour-long run,
# stopped with SIGTERM once the second has been refused.
cat >"$tmp/long.json" <<'J'
{"name":"long_resume","duration":"3600s",
 "nodes":[{"name":"s","count":1,"role":"server"},{"name":"c","count":20,"placement":"public"}],
 "workload":{"channels":[{"name":"c","members":{"groups":["c"]},"messages":{"rate_per_s":5}}]},
 "sweep":{"parameters":{},"seeds":2}}
J
mkdir "$tmp/t"
TMPDIR="$tmp/t" "$PTPLAB" sweep "$tmp/long.json" -j 1 --resume --report "$tmp/long.db" >"$tmp/first.out" 2>&1 &
first=$!
running() { pgrep -f -- "--temp-of-parent $tmp/t" >/dev/null; }
wait_for 120 running
check "the first --resume runs" $?
"$PTPLAB" sweep "$tmp/long.json" -j 1 --resume --report "$tmp/long.db" >"$tmp/second.out" 2>&1
rc=$?
[[ $rc == 2 ]] && grep -q "long.db is held by another ptplab sweep --resume" "$tmp/second.out" &&
  ! grep -q readonly "$tmp/second.out"
ok=$?
check "a second --resume meanwhile: exit 2, another writer holds the report (got $rc: $(head -1 "$tmp/second.out"))" $ok
kill -TERM $first
wait $first
rc=$?
[[ $rc == 143 ]]; check "the first, stopped, exits 143 (got $rc)" $?

exit $((failures > 0))
