#!/usr/bin/env bash
# End-to-end test of a stop while queued for a report's lock: another connection holds the
# report's write lock (BEGIN IMMEDIATE in sqlite3) for as long as the test wants; a `ptplab run`
# into that report waits for it, and the first SIGINT ends it with exit 130 within a few seconds
# (lock waits give up 1 s after a stop) instead of waiting for the lock to be released (up to
# 10 minutes). The report is left as it was, and the run is not lost: it is in a report of its
# own beside it (R.db.<pid>.pending.db), which stderr names with the command that joins it. While
# it waits more than 2 s, one line says so.
source "$(dirname "$0")/lib/preamble.bash"
basic="$src/scenarios/suites/smoke/basic.json"
now_ms() { echo $(($(date +%s%N) / 1000000)); }

"$PTPLAB" run "$basic" --report "$tmp/r.db" --quiet >/dev/null
before=$(sqlite3 "$tmp/r.db" "SELECT count(*) FROM run")
mkfifo "$tmp/sql"
sqlite3 "$tmp/r.db" <"$tmp/sql" >/dev/null 2>&1 &
holder=$!
exec 3>"$tmp/sql"
echo "BEGIN IMMEDIATE;" >&3
sleep 1

"$PTPLAB" run "$basic" --seed 2 --report "$tmp/r.db" --quiet >"$tmp/run.out" 2>&1 &
pid=$!
sleep 4
kill -0 $pid 2>/dev/null; check "run waits for the lock" $?
start=$(now_ms)
kill -INT $pid
while kill -0 $pid 2>/dev/null && (($(now_ms) - start < 10000)); do sleep 0.05; done
took=$(($(now_ms) - start))
kill -0 $pid 2>/dev/null && alive=1 || alive=0
[[ $alive == 0 ]]; check "one SIGINT ends it while the lock is held (after $took ms)" $?
kill -9 $pid 2>/dev/null; { wait $pid; } 2>/dev/null; rc=$?
said=$(tr '\n' ' ' <"$tmp/run.out")
[[ $rc == 130 ]]; check "exit 130 (got $rc; $said)" $?

exec 3>&-  # sqlite3 reads end of input, ends its transaction and exits
wait $holder
[[ "$(sqlite3 "$tmp/r.db" "SELECT count(*) FROM run")" == "$before" ]]; check "the report is as it was" $?

[[ $(grep -c "waiting for the lock of $tmp/r.db: another process holds it" "$tmp/run.out") == 1 ]]
check "one line says it waits for the lock another process holds ($said)" $?
pending="$tmp/r.db.$pid.pending.db"
grep -qF "the run went to $pending instead" "$tmp/run.out"; check "stderr names the pending report" $?
grep -qF "ptplab report merge --append $tmp/r.db $pending" "$tmp/run.out"; check "and the command that joins it" $?
[[ "$(sqlite3 "$pending" "SELECT status FROM run" 2>&1)" == interrupted ]]
check "the pending report holds the run, interrupted" $?
"$PTPLAB" report "$pending" >/dev/null; check "the pending report is a valid report" $?
"$PTPLAB" report merge --append "$tmp/r.db" "$pending" >/dev/null; check "report merge --append joins it" $?
[[ "$(sqlite3 "$tmp/r.db" "SELECT count(*) FROM run WHERE seed = 2 AND status = 'interrupted'")" == 1 ]]
check "the report then holds the run" $?

[[ $failures == 0 ]] && echo "all lock-wait signal checks passed" || echo "$failures lock-wait signal checks failed"
exit $((failures > 0))
