#!/usr/bin/env bash
# End-to-end test of `ptplab run --timeout` and the plain progress line: a run longer than its
# limit stops, exits 124, says so, and leaves its run `timed_out` with what it recorded so far;
# off a terminal (stderr a file) a plain progress line arrives every --progress-every; --quiet
# silences it; a run within its limit is unaffected; suite and sweep apply the limit to each run
# and report it as timed out (lines, JUnit, merged report); a bad DURATION is a usage error.
source "$(dirname "$0")/lib/preamble.bash"
# Hours of simulated traffic: far longer than the limits below, even on a fast machine; few
# nodes, so that even a sanitized build is past building them well within the first limit.
cat >"$tmp/long.json" <<'J'
{"name": "long", "seed": 1, "duration": "10h",
 "nodes": [{"name": "p", "count": 20, "placement": "public"}],
 "topology": {"random_regular": {"degree": 4}},
 "workload": {"channels": [{"name": "c", "messages": {"rate_per_s": 20}}]}}
J

# 1. The limit stops the run: exit 124, the reason on stderr, the run kept as timed_out.
"$PTPLAB" run "$tmp/long.json" --report "$tmp/t.db" --timeout 6s --progress-every 200ms \
  >"$tmp/t.out" 2>"$tmp/t.err"
rc=$?
[[ $rc == 124 ]]; check "run past --timeout exits 124 (got $rc)" $?
grep -q "timed out after 6s" "$tmp/t.err"; check "stderr says it timed out" $?
st=$(sqlite3 "$tmp/t.db" "SELECT status FROM run")
[[ $st == timed_out ]]; check "the report keeps the run as timed_out (got $st)" $?
sim=$(sqlite3 "$tmp/t.db" "SELECT simulated_seconds > 0 AND simulated_seconds < 36000 FROM run")
[[ $sim == 1 ]]; check "the run holds the simulated time reached, short of the duration" $?
msgs=$(sqlite3 "$tmp/t.db" "SELECT count(*) FROM traffic")
((msgs > 0)); check "the traffic recorded so far is kept ($msgs rows)" $?

# 2. Off a terminal: plain progress lines (simulated time, events/s, ETA, RSS), one per interval.
n=$(grep -cE "^progress long: [0-9]+\.[0-9]s of .* simulated \(.*%\), .*M events/s, .* elapsed, ETA .*, peak RSS [0-9]+ MiB$" "$tmp/t.err")
((n >= 2)); check "plain progress lines on a non-terminal stderr ($n in 6 s at 200ms)" $?

# 2b. Before simulating, one line per set-up phase, in build order (issue [P]: a progress line per
# set-up phase).
phases=$(sed -nE 's/^set-up long: ([a-z]+) \([0-9]+\) done, [0-9]+\.[0-9] s elapsed, peak RSS [0-9]+ MiB$/\1/p' "$tmp/t.err" | tr '\n' ' ')
[[ $phases == "hosts topology attackers workload timeline " ]]; check "one set-up line per phase, in order (got '$phases')" $?

# 3. --quiet silences progress (and the summary); the timeout still applies.
"$PTPLAB" run "$tmp/long.json" --report "$tmp/q.db" --timeout 2s --progress-every 100ms --quiet \
  >"$tmp/q.out" 2>"$tmp/q.err"
rc=$?
[[ $rc == 124 ]]; check "quiet run past --timeout exits 124 (got $rc)" $?
! grep -q "^progress" "$tmp/q.err"; check "--quiet prints no progress line" $?
! grep -q "^set-up" "$tmp/q.err"; check "--quiet prints no set-up line" $?

# 4. A run well within its limit completes as before (exit 0 or 1 by its expectations).
"$PTPLAB" run "$src/scenarios/suites/smoke/basic.json" --report "$tmp/b.db" --timeout 10m >"$tmp/b.out" 2>&1
rc=$?
[[ $rc == 0 || $rc == 1 ]]; check "a run within its --timeout ends by its verdict (got $rc)" $?
[[ "$(sqlite3 "$tmp/b.db" "SELECT status FROM run")" == complete ]]; check "... and is complete" $?

# 5. suite and sweep pass --timeout to each run: the long scenario times out, the short one
# passes; the line, the JUnit case and the merged report say timed out; exit 1.
"$PTPLAB" suite "$tmp/long.json" "$src/scenarios/suites/smoke/basic.json" -j 2 --timeout 3s \
  --junit "$tmp/j.xml" --report "$tmp/s.db" >"$tmp/s.out" 2>&1
rc=$?
[[ $rc == 1 ]]; check "suite with a timed-out scenario exits 1 (got $rc)" $?
grep -qE "timed out +.*long.json" "$tmp/s.out"; check "suite's line says timed out" $?
grep -q 'failure message="timed out (--timeout)"' "$tmp/j.xml"; check "the JUnit case fails as timed out" $?
st=$(sqlite3 "$tmp/s.db" "SELECT group_concat(status, ',') FROM (SELECT status FROM run ORDER BY status)")
[[ $st == complete,timed_out ]]; check "the merged report keeps complete,timed_out (got $st)" $?
# The child's temporary report is gone by then: the line and the JUnit case name the merged
# report and the run's id in it.
id=$(sqlite3 "$tmp/s.db" "SELECT run_id FROM run WHERE status = 'timed_out'")
grep -qF "$tmp/s.db holds the run so far as run $id (status timed_out)" "$tmp/s.out"
check "suite's output names the merged report and run $id" $?
grep -qF "$tmp/s.db holds the run so far as run $id" "$tmp/j.xml"; check "... and so does the JUnit case" $?
! grep -q "ptplab-suite-" "$tmp/s.out" "$tmp/j.xml"; check "no deleted temporary path is named" $?
# A timed-out run fails once, as timed out: its expectations (one that the run so far fails,
# one that it passes) are not judged.
sed 's/^ "workload"/ "expect": [{"metric": "messages_sent", "op": ">", "value": 1e12},\n   {"metric": "node_id_collisions", "op": "==", "value": 0}],\n "workload"/' \
  "$tmp/long.json" >"$tmp/longx.json"
"$PTPLAB" suite "$tmp/longx.json" --timeout 2s --junit "$tmp/jx.xml" >"$tmp/sx.out" 2>&1
grep -q 'tests="3" failures="1" skipped="2"' "$tmp/jx.xml"
check "a timed-out scenario is one JUnit failure, its 2 expectations skipped as not judged" $?
grep -q 'skipped message="not judged: the run timed out' "$tmp/jx.xml"; check "... saying why" $?
grep -qE "timed out +.*longx.json +2 expectations not judged" "$tmp/sx.out"; check "suite's line says not judged" $?
grep -q "the run so far was not kept (--report FILE keeps it)" "$tmp/sx.out"
check "without --report the suite says the run was not kept" $?
"$PTPLAB" sweep "$tmp/long.json" -j 1 --timeout 2s --report "$tmp/w.db" >"$tmp/w.out" 2>&1
rc=$?
[[ $rc == 1 ]] && grep -q "timed out" "$tmp/w.out"
check "sweep with --timeout: the run times out, exit 1 (got $rc)" $?
grep -qF "$tmp/w.db holds the run so far as run 1" "$tmp/w.out"; check "sweep names the merged report and run" $?
! grep -q "ptplab-sweep-" "$tmp/w.out"; check "... not its deleted temporary file" $?

# 6. Usage errors: exit 2 with the option named.
for bad in "--timeout soon" "--timeout 0" "--progress-every often" "--progress-every 1ns"; do
  # shellcheck disable=SC2086
  for cmd in run suite sweep; do
    "$PTPLAB" "$cmd" "$tmp/long.json" --report "$tmp/u.db" $bad >"$tmp/u.out" 2>&1
    rc=$?
    [[ $rc == 2 ]] && grep -q -- "${bad%% *}" "$tmp/u.out"
    check "$cmd $bad: exit 2 naming the option (got $rc)" $?
    [[ $bad == --progress-every* ]] && break  # run's option only
  done
done

exit $((failures > 0))
