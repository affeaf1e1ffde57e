#!/usr/bin/env bash
# A sweep's child run killed by a signal that is not a stop signal (SIGKILL: the OOM killer, a
# crash) is said to be (session-11 review, item 5): its line gives the signal, the sweep's log
# section says what became of its run, and the report keeps that run as `failed`, not `running`.
# No timed assertion: every wait is for a condition, with a generous limit.
source "$(dirname "$0")/lib/preamble.bash"
cd "$src" || exit 1
cat >"$tmp/s.json" <<'J'
{"name":"killed_run","duration":"3600s",
 "nodes":[{"name":"s","count":1,"role":"server"},{"name":"c","count":20,"placement":"public"}],
 "workload":{"channels":[{"name":"c","members":{"groups":["c"]},"messages":{"rate_per_s":5}}]},
 "sweep":{"parameters":{},"seeds":1}}
J
mkdir "$tmp/t"
TMPDIR="$tmp/t" "$PTPLAB" sweep "$tmp/s.json" -j 1 --report "$tmp/r.db" >"$tmp/out" 2>&1 &
sweep=$!
# The run has written its row (its report in the sweep's folder holds it): kill its process.
run_written() { [[ "$(sqlite3 "$tmp"/t/ptplab-sweep-*/0.db "SELECT count(*) FROM run" 2>/dev/null)" == 1 ]]; }
wait_for 120 run_written
check "the run wrote its row" $?
child=$(pgrep -f -- "--temp-of-parent $tmp/t" | head -1)
[[ -n $child ]] && kill -KILL "$child"
wait $sweep
rc=$?
[[ $rc == 1 ]]; check "the sweep exits 1 (got $rc)" $?
grep -q '\[1/1\] FAIL .*seed=1  (killed by SIGKILL)' "$tmp/out"
ok=$?  # taken before the check's name runs $(grep ...), which sets $?
check "the run's line gives the signal ($(grep '\[1/1\]' "$tmp/out"))" $ok
grep -q "seed=1: ptplab run was killed by SIGKILL; the report keeps its run as failed" "$tmp/out"
check "the sweep says what became of the run" $?
statuses=$(sqlite3 "$tmp/r.db" "SELECT group_concat(status) FROM run")
[[ $statuses == failed ]]; check "the report keeps the run as failed, not running ($statuses)" $?
exit $((failures > 0))
