#!/usr/bin/env bash
# End-to-end test of review 13's M3 (issue [R]): a stop signal while `ptplab run` loads its
# scenario said "interrupted by SIGINT while a run was written; the scenarios after it were not
# run", but no run had begun. Deterministic: the scenario comes through a FIFO this script holds
# open, so the signal arrives while the file is read, before the load ends (at the FIFO's EOF).
source "$(dirname "$0")/lib/preamble.bash"
for sig in INT TERM; do
  rm -f "$tmp/s.json" "$tmp/r.db"
  mkfifo "$tmp/s.json"
  "$PTPLAB" run "$tmp/s.json" --report "$tmp/r.db" --quiet >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  exec 3>"$tmp/s.json"  # returns once ptplab opened the file: its signal handlers are installed
  cat "$src/scenarios/suites/smoke/basic.json" >&3
  kill -s "$sig" "$pid"
  sleep 0.2  # (not an assertion: the load cannot end before fd 3 closes, whatever this waits)
  exec 3>&-
  rc=0
  wait "$pid" || rc=$?
  want=$((128 + $(kill -l "$sig")))
  [[ $rc == "$want" ]]
  check "SIG$sig while loading: exit $want (got $rc)" $?
  grep -qF "ptplab run: interrupted by SIG$sig while loading $tmp/s.json; nothing was run or written" "$tmp/err"
  check "SIG$sig while loading: says what was happening" $?
  ! grep -q "while a run was written" "$tmp/err"
  check "SIG$sig while loading: not 'while a run was written'" $?
  [[ ! -e "$tmp/r.db" ]]
  check "SIG$sig while loading: no report written" $?
  [[ $failures == 0 ]] || cat "$tmp/err"
done
exit $((failures > 0))
