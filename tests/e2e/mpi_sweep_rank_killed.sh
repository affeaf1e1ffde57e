#!/usr/bin/env bash
# SIGKILL of one MPI rank during `mpirun -np 3 ptplab sweep` (session-11 review, item 6): mpirun
# then sends the other ranks SIGTERM and SIGKILL a second later. Rank 0 must print a run's
# verdict only once its report is merged (a `pass` line is a run in the report), report the run
# the dead rank had as lost, exit non-zero, and leave no temporary folder behind. The sweep: run
# 0 (handed to rank 1, the one killed) lasts an hour of simulated time, runs 1 to 4 a second or
# so each, so they finish behind the running run 0. No timed assertion: every wait is for a
# condition, with a generous limit.
source "$(dirname "$0")/lib/preamble.bash"
cd "$src" || exit 1
command -v mpirun >/dev/null 2>&1; check "mpirun installed (tools/install-deps installs Open MPI)" $?
command -v mpirun >/dev/null 2>&1 || exit 1
export LSAN_OPTIONS="suppressions=$src/tests/e2e/data/lsan_mpi.supp:fast_unwind_on_malloc=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
cat >"$tmp/s.json" <<'J'
{"name":"rank_killed","duration":"3600s",
 "nodes":[{"name":"s","count":1,"role":"server"},{"name":"c","count":20,"placement":"public"}],
 "workload":{"channels":[{"name":"c","members":{"groups":["c"]},"messages":{"rate_per_s":5}}]},
 "sweep":{"parameters":{"/duration":["3600s","1s","2s","3s","4s"]},"seeds":1}}
J
mkdir "$tmp/t"
# mpirun gives the surviving ranks one second between its SIGTERM and SIGKILL by default: in the
# sanitized build under load rank 0 merged 2 of its 4 finished runs in that second and was killed
# (CI run of session 11). odls_base_sigkill_timeout is the user's knob for it (README, "Sweeps
# over MPI"); with 10 s rank 0 reports, merges and cleans up, and the test checks that it does.
TMPDIR="$tmp/t" mpirun --mca odls_base_sigkill_timeout 10 --oversubscribe --allow-run-as-root -np 3 "$PTPLAB" sweep "$tmp/s.json" \
  --report "$tmp/r.db" >"$tmp/out" 2>&1 &
job=$!
# The four short runs are back at rank 0 (its folder holds their reports, not merged behind run 0).
short_done() { [[ $(find "$tmp"/t/ptplab-sweep-* -name '[1-4].db' 2>/dev/null | wc -l) == 4 ]]; }
wait_for 300 short_done
check "the short runs finished behind the long one" $?
rank1=""
for p in $(pgrep -f -- " sweep $tmp/s.json"); do
  tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -x OMPI_COMM_WORLD_RANK=1 >/dev/null && rank1=$p
done
[[ -n $rank1 ]]; check "found rank 1's process" $?
[[ -n $rank1 ]] && kill -KILL "$rank1"
wait $job
rc=$?
[[ $rc != 0 ]]; check "the sweep exits non-zero (got $rc)" $?
grep -q '\] lost  *.*/duration="3600s" seed=1  on rank 1' "$tmp/out"
ok=$?  # before the check's name runs $(grep ...), which sets $?
check "the dead rank's run is reported lost ($(grep -m1 '3600s' "$tmp/out"))" $ok
passes=$(grep -c '\] pass ' "$tmp/out")
complete=$(sqlite3 "$tmp/r.db" "SELECT count(*) FROM run WHERE status = 'complete'" 2>&1)
[[ $complete =~ ^[0-9]+$ && $passes -le $complete ]]
check "every run said to pass is in the report ($passes pass lines, $complete complete runs)" $?
no_child() { ! pgrep -f -- "$tmp/s.json" >/dev/null && ! pgrep -f -- "--temp-of-parent $tmp/t" >/dev/null; }
wait_for 120 no_child
check "no process of the sweep is left" $?
# Rank 0's folder (the killed rank's own, ptplab-rank-*, is its orphaned run's to remove, which
# it sometimes fails to do, as in sigkill_keeps_finished.sh: not checked here).
left=$(find "$tmp/t" -mindepth 1 -maxdepth 1 -name 'ptplab-sweep-*' | wc -l)
[[ $left == 0 ]]; check "rank 0 leaves no temporary folder behind ($left)" $?
exit $((failures > 0))
