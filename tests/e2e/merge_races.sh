#!/usr/bin/env bash
# End-to-end test of `report merge` beside other writers of its OUT (review 14):
# - S1: `report merge OUT SHARD` creating OUT while `ptplab run --report OUT` creates it too (40
#   tries, the run started 0-20 ms after the merge): the run is never lost. A merge that finds OUT
#   there (it appeared after the merge began) refuses, exit 2, and keeps the merged report, naming
#   the command that appends it. Before, the merge renamed its file over the run's: 36 of 40 runs
#   gone ("attempt to write a readonly database", or silently with exit 0).
# - S1: `merge --replace OUT` racing a run that opens OUT (40 tries): the run lands in OUT, the
#   old file or the new one, never in a file gone with the replace; a run being written to OUT is
#   not replaced (exit 2, the merged report kept).
# - M3: --replace replaces only a ptplab report: a WAL database, another application's, a text
#   file, a symbolic link are refused, exit 2, unchanged.
# - S2: two identical `merge --append OUT P` at once (20 tries): P's run is in OUT once, and one of
#   them says it was there already.
source "$(dirname "$0")/lib/preamble.bash"
cat >"$tmp/one.json" <<'J'
{"name": "one", "seed": 1, "duration": "2s",
 "nodes": [{"name": "p", "count": 4, "placement": "public"}],
 "topology": {"random_regular": {"degree": 2}},
 "workload": {"channels": [{"name": "c", "messages": {"rate_per_s": 2, "stop": "1s"}}]}}
J
sed 's/"stop": "1s"}}\]}/"stop": "1s"}}]}, "sweep": {"seeds": 2}/' "$tmp/one.json" | sed 's/"name": "one"/"name": "swp"/' >"$tmp/swp.json"
"$PTPLAB" sweep "$tmp/swp.json" -j 1 --quiet --report "$tmp/swp.db" >/dev/null 2>&1
check "the shard to merge" $?
q() { sqlite3 "$1" "$2" 2>/dev/null; }
pending_has() {  # pending_has DIR WHERE: some pending report in DIR holds a run WHERE
  local p
  for p in "$1"/*.pending.db; do [[ -f "$p" && "$(q "$p" "SELECT count(*) FROM run WHERE $2")" -gt 0 ]] && return 0; done
  return 1
}

# S1, creating OUT.
d="$tmp/create"
lost=0 refused=0 kept_bad=0
for i in $(seq 1 40); do
  rm -rf "$d"; mkdir -p "$d"
  "$PTPLAB" report merge "$d/R.db" "$tmp/swp.db" >"$d/merge.out" 2>&1 &
  mpid=$!
  sleep "0.0$((RANDOM % 3))"
  "$PTPLAB" run "$tmp/one.json" --seed "$i" --report "$d/R.db" --quiet >"$d/run.out" 2>&1
  rrc=$?
  wait $mpid
  mrc=$?
  if [[ $rrc != 0 || "$(q "$d/R.db" "SELECT count(*) FROM run WHERE scenario = 'one' AND seed = $i AND status = 'complete'")" != 1 ]] &&
    ! pending_has "$d" "seed = $i"; then
    lost=$((lost + 1))
    echo "  try $i: run rc=$rrc merge rc=$mrc: $(cat "$d/run.out" "$d/merge.out" | tr '\n' ' ')"
  fi
  if [[ $mrc != 0 ]] && grep -q "R.db already exists" "$d/merge.out"; then
    :  # the run created R.db before the merge began: refused before anything was merged
  elif [[ $mrc != 0 ]]; then
    refused=$((refused + 1))
    kept=""
    for f in "$d"/*.merged.db; do [[ -f "$f" ]] && kept=${f##*/}; done
    if ! [[ -n "$kept" && "$(q "$d/$kept" "SELECT count(*) FROM run WHERE scenario = 'swp'")" == 2 ]] ||
      ! grep -q "report merge --append $d/R.db $d/$kept" "$d/merge.out"; then
      kept_bad=$((kept_bad + 1))
      echo "  try $i: $(cat "$d/merge.out")"
    fi
  elif [[ "$(q "$d/R.db" "SELECT count(*) FROM run WHERE scenario = 'swp'")" != 2 ]]; then
    kept_bad=$((kept_bad + 1))
  fi
done
((lost == 0)); check "a merge creating OUT never loses a run creating it too (lost $lost of 40; $refused merges found R.db there at the end)" $?
((kept_bad == 0)); check "a refused merge keeps its report and names the command that appends it ($kept_bad not)" $?

# S1, --replace racing a run that opens OUT (the run started 0-20 ms after the merge, long; once
# its row is in the file at OUT's path, or in a pending report, it is stopped). A run written to a
# replaced file never shows there.
basic="$src/scenarios/suites/smoke/basic.json"
d="$tmp/replace"
mkdir -p "$d"
"$PTPLAB" run "$tmp/one.json" --seed 100 --report "$d/R0.db" --quiet >/dev/null 2>&1
lost=0 replaced=0
for i in $(seq 1 40); do
  rm -f "$d"/R.db* && cp "$d/R0.db" "$d/R.db"
  "$PTPLAB" report merge --replace "$d/R.db" "$tmp/swp.db" >"$d/merge.out" 2>&1 &
  mpid=$!
  sleep "0.0$((RANDOM % 3))"
  "$PTPLAB" run "$basic" --seed "$i" --set /duration=24h --report "$d/R.db" --quiet >"$d/run.out" 2>&1 &
  pid=$!
  wait $mpid && replaced=$((replaced + 1))
  found=0
  for _ in $(seq 1 100); do
    [[ "$(q "$d/R.db" "SELECT count(*) FROM run WHERE scenario = 'smoke-basic' AND seed = $i")" == 1 ]] && { found=1; break; }
    pending_has "$d" "seed = $i" && { found=1; break; }
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  kill -INT $pid 2>/dev/null
  wait $pid
  if ((found == 0)); then
    lost=$((lost + 1))
    echo "  try $i: $(cat "$d/run.out" "$d/merge.out" | tr '\n' ' ')"
  fi
done
((lost == 0)); check "--replace racing a run opening OUT never loses the run (lost $lost of 40; $replaced replaced)" $?

# S1, --replace while a run is written to OUT: refused, the run goes on and ends in OUT.
"$PTPLAB" run "$basic" --seed 7 --set /duration=24h --report "$d/W.db" --quiet >"$d/w.out" 2>&1 &
pid=$!
running_in() { [[ "$(q "$1" "SELECT count(*) FROM run WHERE status = 'running'")" == 1 ]]; }
wait_for 60 running_in "$d/W.db"
"$PTPLAB" report merge --replace "$d/W.db" "$tmp/swp.db" >"$d/wm.out" 2>&1
rc=$?
kill -INT $pid
wait $pid
rrc=$?
[[ $rc == 2 ]] && grep -q "W.db holds run 1, still running" "$d/wm.out"
ok=$?
check "--replace of a report a run is being written to is refused, exit 2 (got $rc: $(head -c 300 "$d/wm.out"))" $ok
[[ $rrc == 130 && "$(q "$d/W.db" "SELECT status FROM run")" == interrupted ]]
check "the run goes on in it and ends there (rc $rrc)" $?

# M3: --replace replaces only a ptplab report.
d="$tmp/foreign"
mkdir -p "$d"
sqlite3 "$d/wal.db" "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES(1);" >/dev/null
sqlite3 "$d/other.db" "CREATE TABLE accounts(x); INSERT INTO accounts VALUES(42);"
printf 'my notes\n' >"$d/notes.txt"
ln -s notes.txt "$d/link.db"
cp "$tmp/swp.db" "$d/report.db"
ln -s report.db "$d/report-link.db"
for f in wal.db other.db notes.txt link.db report-link.db; do
  before=$(md5sum "$d"/* 2>/dev/null; ls -l "$d" | md5sum)
  "$PTPLAB" report merge --replace "$d/$f" "$tmp/swp.db" >"$tmp/foreign.out" 2>&1
  rc=$?
  after=$(md5sum "$d"/* 2>/dev/null; ls -l "$d" | md5sum)
  [[ $rc == 2 && "$before" == "$after" ]] && grep -q "not a ptplab report\|symbolic link" "$tmp/foreign.out"
  ok=$?
  check "--replace refuses $f, exit 2, nothing changed (rc $rc: $(head -c 200 "$tmp/foreign.out"))" $ok
done
"$PTPLAB" report merge --replace "$d/report.db" "$tmp/swp.db" >/dev/null 2>&1
check "--replace still replaces a report" $?

# S2: two identical appends at once.
d="$tmp/append"
mkdir -p "$d"
"$PTPLAB" run "$tmp/one.json" --seed 1 --report "$d/R0.db" --quiet >/dev/null 2>&1
"$PTPLAB" run "$tmp/one.json" --seed 2 --report "$d/P.db" --quiet >/dev/null 2>&1
twice=0
for k in $(seq 1 20); do
  rm -f "$d"/X.db* && cp "$d/R0.db" "$d/X.db"
  "$PTPLAB" report merge --append "$d/X.db" "$d/P.db" >"$d/a1" 2>&1 &
  p1=$!
  "$PTPLAB" report merge --append "$d/X.db" "$d/P.db" >"$d/a2" 2>&1 &
  p2=$!
  wait $p1
  r1=$?
  wait $p2
  r2=$?
  n=$(q "$d/X.db" "SELECT count(*) FROM run WHERE seed = 2")
  if [[ "$n" != 1 || ("$r1$r2" != 02 && "$r1$r2" != 20) ]] || ! grep -q "already in" "$d/a1" "$d/a2"; then
    twice=$((twice + 1))
    echo "  try $k: count $n, rc $r1/$r2: $(cat "$d/a1" "$d/a2" | tr '\n' ' ')"
  fi
done
((twice == 0)); check "two identical appends at once: the run once, the second refused ($twice of 20 not)" $?
exit $((failures > 0))
