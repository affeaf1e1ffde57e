#!/usr/bin/env bash
# End-to-end test of a report whose lock another process takes while ptplab writes it, then a
# stop (review2 S1, S2; the lock is held by an sqlite3 session in BEGIN IMMEDIATE, as in
# lock_wait_signal.sh):
# - `ptplab run`: its row was already in the report (status running). It goes on in a pending
#   report beside it under the same run id, ends there `interrupted` (it stayed `running`), and
#   `report merge --append` joins the two parts into that one run (it made two runs).
# - `ptplab sweep`: the runs it could not merge go to a pending report (they were lost while the
#   lines said `pass`); stderr and the report line name it with the command that joins it.
# Review 12: joining a pending report twice is refused; --timeout bounds a lock wait.
source "$(dirname "$0")/lib/preamble.bash"
basic="$src/scenarios/suites/smoke/basic.json"
hold_lock() {  # hold_lock REPORT: an sqlite3 session holds its write lock until release_lock
  mkfifo "$tmp/sql"
  sqlite3 "$1" <"$tmp/sql" >/dev/null 2>&1 &
  holder=$!
  exec 3>"$tmp/sql"
  echo "BEGIN IMMEDIATE;" >&3
}
release_lock() {
  exec 3>&-
  wait $holder
  rm -f "$tmp/sql"
}
runs_in() { sqlite3 "$1" "SELECT count(*) FROM run WHERE $2" 2>/dev/null; }
has_runs() { [[ "$(runs_in "$1" "$2")" == "$3" ]]; }  # has_runs REPORT WHERE N (for wait_for)

# run: two runs in the report, then a third whose row is written before the lock is taken.
"$PTPLAB" run "$basic" --report "$tmp/r.db" --quiet >/dev/null
"$PTPLAB" run "$basic" --seed 2 --report "$tmp/r.db" --quiet >/dev/null
"$PTPLAB" run "$basic" --seed 3 --set /duration=24h --report "$tmp/r.db" --quiet >"$tmp/run.out" 2>&1 &
pid=$!
wait_for 60 has_runs "$tmp/r.db" "seed = 3 AND status = 'running'" 1
check "the run's row is in the report, running" $?
hold_lock "$tmp/r.db"
sleep 1
kill -INT $pid
wait $pid
rc=$?
release_lock
said=$(tr '\n' ' ' <"$tmp/run.out")
[[ $rc == 130 ]]; check "run: exit 130 (got $rc; $said)" $?
pending="$tmp/r.db.$pid.pending.db"
[[ "$(sqlite3 "$pending" "SELECT run_id || ' ' || status FROM run" 2>&1)" == "3 interrupted" ]]
check "the pending report holds run 3, interrupted, under the id it has in the report" $?
grep -qF "run 3 of $tmp/r.db holds only its first rows (status running)" "$tmp/run.out"
check "stderr says the report holds the run's first rows ($said)" $?
grep -qF "ptplab report merge --append $tmp/r.db $pending" "$tmp/run.out"; check "and the command that joins it" $?
# review6 M3: before the join, `report` said the run's writer was killed and it would never finish.
"$PTPLAB" report "$tmp/r.db" --run 3 >"$tmp/before_join.out" 2>&1
grep -qF "a pending report beside it: $pending; join one with" "$tmp/before_join.out"
ok=$?
check "report names the pending report under the run before the join ($(grep warning "$tmp/before_join.out"))" $ok
"$PTPLAB" report merge --append "$tmp/r.db" "$pending" >"$tmp/merge.out" 2>&1
check "report merge --append joins it" $?
grep -qF "run 3 of $tmp/r.db joined with its other part" "$tmp/merge.out"
ok=$?
check "and says it joined run 3 ($(cat "$tmp/merge.out"))" $ok
[[ "$(sqlite3 "$tmp/r.db" "SELECT group_concat(run_id || ' ' || status, ', ') FROM run")" == \
  "1 complete, 2 complete, 3 interrupted" ]]
check "the report then holds run 3 once, interrupted" $?
"$PTPLAB" report "$tmp/r.db" >/dev/null; check "the joined report reads" $?
# review 12 S3: the printed command pasted a second time counted the run twice.
"$PTPLAB" report merge --append "$tmp/r.db" "$pending" >"$tmp/again.out" 2>&1
rc=$?
[[ $rc == 2 ]] && grep -qF "run 3 of $pending is already in $tmp/r.db as run 3" "$tmp/again.out"
ok=$?
check "joining it again is refused (exit $rc: $(cat "$tmp/again.out"))" $ok
[[ "$(runs_in "$tmp/r.db" "1")" == 3 ]]; check "and the report still holds three runs" $?
# review 12 (second): a copy of the pending report in the same command was appended twice.
cp "$pending" "$tmp/copy.db"
"$PTPLAB" report merge --append "$tmp/fresh.db" "$pending" "$tmp/copy.db" >"$tmp/copy.out" 2>&1
rc=$?
[[ $rc == 2 ]] && grep -qF "run 3 of $tmp/copy.db is run 3 of $pending too" "$tmp/copy.out"
ok=$?
check "a copy given in the same command is refused (exit $rc: $(cat "$tmp/copy.out"))" $ok
# An empty OUT (what `sqlite3 OUT` leaves) is a new report, as for `run --report`.
: >"$tmp/empty.db"
"$PTPLAB" report merge --append "$tmp/empty.db" "$pending" >/dev/null 2>&1
check "an empty OUT is joined into as a new report" $?

# review 12 M4: --timeout bounds a wait for the report's lock (it waited the lock's 10 minutes).
hold_lock "$tmp/r.db"
start=$SECONDS
"$PTPLAB" run "$basic" --seed 4 --report "$tmp/r.db" --quiet --timeout 3s >"$tmp/timeout.out" 2>&1 &
pid=$!
wait_for 30 bash -c "! kill -0 $pid 2>/dev/null"
took=$((SECONDS - start))
wait $pid
rc=$?
release_lock
[[ $rc == 124 && $took -le 15 ]]; check "run --timeout 3s into a locked report: exit 124 after $took s (got $rc)" $?
# The notice (given 2 s into the wait) says what bounds it (it said "up to 10 minutes" only).
grep -qF "waiting up to 10 minutes or until --timeout (3s) ends the run" "$tmp/timeout.out"
ok=$?
check "the lock-wait notice names the --timeout ($(tr '\n' ' ' <"$tmp/timeout.out"))" $ok
[[ "$(sqlite3 "$tmp/r.db.$pid.pending.db" "SELECT status FROM run WHERE seed = 4" 2>&1)" == timed_out ]]
check "its run is in its pending report, timed_out" $?

# sweep: the lock is taken once the first run is merged; the later runs cannot be merged.
"$PTPLAB" run "$basic" --report "$tmp/s.db" --quiet >/dev/null
sweep='/sweep={"parameters":{"/nodes/0/params/gossip_fanout":[2,3]},"seeds":3}'
mkdir "$tmp/t"
TMPDIR="$tmp/t" "$PTPLAB" sweep "$basic" --set "$sweep" --set /duration=100s -j 1 --report "$tmp/s.db" \
  >"$tmp/sw.out" 2>"$tmp/sw.err" &
pid=$!
wait_for 120 has_runs "$tmp/s.db" "sweep_index = 0" 1
check "the sweep's first run is merged" $?
hold_lock "$tmp/s.db"
wait_for 120 grep -q "waiting for the lock of $tmp/s.db" "$tmp/sw.err"
check "the sweep waits for the lock to merge its second run" $?
kill -INT $pid
wait $pid
rc=$?
release_lock
[[ $rc == 130 ]]; check "sweep: exit 130 (got $rc)" $?
pending="$tmp/s.db.$pid.pending.db"
grep -qF "went to $pending instead" "$tmp/sw.err"
ok=$?
check "stderr names the pending report ($(tr '\n' ' ' <"$tmp/sw.err"))" $ok
grep -qF "ptplab report merge --append $tmp/s.db $pending" "$tmp/sw.err"; check "and the command that joins it" $?
! grep -q "database is locked" "$tmp/sw.err"; check "no raw SQLite 'database is locked' line besides it" $?
grep -qF "are in $pending: its lock could not be had" "$tmp/sw.out"; check "the report line names it too" $?
passed=$(grep -c '^  \[[0-9]/6\] pass' "$tmp/sw.out")
in_report=$(runs_in "$tmp/s.db" "status = 'complete' AND sweep_index IS NOT NULL")
in_pending=$(runs_in "$pending" "status = 'complete'")
[[ $in_pending -ge 1 && $((in_report + in_pending)) == "$passed" ]]
check "every run said to pass is in the report ($in_report) or the pending report ($in_pending): $passed passed" $?
"$PTPLAB" report merge --append "$tmp/s.db" "$pending" >/dev/null; check "report merge --append joins it" $?
[[ "$(runs_in "$tmp/s.db" "status = 'complete' AND sweep_index IS NOT NULL")" == "$passed" ]]
check "the report then holds every run said to pass" $?
[[ -z "$(ls -A "$tmp/t")" ]]
check "no temporary folder is left" $?

[[ $failures == 0 ]] && echo "all lock-lost checks passed" || echo "$failures lock-lost checks failed"
exit $((failures > 0))
