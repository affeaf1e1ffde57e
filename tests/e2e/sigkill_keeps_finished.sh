#!/usr/bin/env bash
# SIGKILL (the OOM killer, a CI job's kill -9) of `ptplab sweep` keeps the points that had
# finished: each is merged into --report as it finishes, and the orphaned child removes only its
# own in-flight report and then the emptied temporary folder (review-tr finding 7: points were
# merged only at the end and the orphan deleted the folder holding them). No timed assertion:
# every wait is for a condition, with a generous limit.
source "$(dirname "$0")/lib/preamble.bash"

cat >"$tmp/s.json" <<'J'
{"name":"sigkill_keeps","duration":"3s",
 "nodes":[{"name":"s","count":1,"role":"server"},{"name":"c","count":6,"placement":"public"}],
 "workload":{"channels":[{"name":"c","members":{"groups":["c"]},"messages":{"rate_per_s":2}}]},
 "sweep":{"parameters":{},"seeds":30}}
J
mkdir "$tmp/t"
TMPDIR="$tmp/t" "$PTPLAB" sweep "$tmp/s.json" -j 1 --report "$tmp/r.db" >"$tmp/out" 2>&1 &
pid=$!
two_finished() { [[ $(grep -c '^ *\[[0-9]*/30\]' "$tmp/out") -ge 2 ]]; }
wait_for 300 two_finished
check "sweep: two points reported finished" $?
kill -KILL $pid
{ wait $pid; } 2>/dev/null
finished=$(grep -c '^ *\[[0-9]*/30\]' "$tmp/out")
landed=$(sqlite3 "$tmp/r.db" "SELECT count(*) FROM run WHERE status='complete'" 2>&1)
[[ $landed =~ ^[0-9]+$ && $landed -ge $finished ]]
check "killed sweep: the report holds every finished point ($landed runs, $finished reported)" $?
# The child running when the parent died (if one was: the kill can land between two points)
# stops, and removes the folder once it holds no report; none may be left behind either way.
no_child() { ! pgrep -f -- "--temp-of-parent $tmp/t" >/dev/null; }
wait_for 120 no_child
check "killed sweep: the orphaned point stopped" $?
# What may stay is a point that had finished and was not merged yet when the parent died (kept to
# be recovered, children.hpp remove_orphaned_temp_dir: a fast point finishes in the instant between
# two merges, often so in a Release build): a complete run. An in-flight report may not stay.
left=0 unfinished=0
while IFS= read -r f; do
  left=$((left + 1))
  [[ "$(sqlite3 "$f" "SELECT group_concat(status) FROM run" 2>&1)" == complete ]] || unfinished=$((unfinished + 1))
done < <(find "$tmp/t" -name '*.db' 2>/dev/null)
[[ $unfinished == 0 ]]
check "killed sweep: no unfinished report left in the temporary folder ($left left, $unfinished unfinished)" $?
exit $((failures > 0))
