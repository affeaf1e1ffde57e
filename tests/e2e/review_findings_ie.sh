#!/usr/bin/env bash
# e2e: findings of the new-user review of issues 14 [I] and 17 [E] that only the real binary
# shows (each check names its finding).
source "$(dirname "$0")/lib/preamble.bash"
cd "$src" || exit 1
free_port() { python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# S2: a node on one IPv6 address refuses an IPv4 peer at start; a send the kernel refuses is
# logged (send_failed) and counted in the stopping line.
if python3 -c 'import socket;socket.socket(socket.AF_INET6,socket.SOCK_DGRAM).bind(("::1",0))' 2>/dev/null; then
  rc=0; "$PTPLAB" node --listen "[::1]:0" --peer 127.0.0.1:7000 --log "$tmp/v6.log" </dev/null >/dev/null 2>"$tmp/v6.err" || rc=$?
  [ "$rc" = 2 ] && grep -q 'is IPv4 and this node listens on \[::1\]' "$tmp/v6.err"
  ok=$?
  check "S2 node on [::1] refuses an IPv4 --peer (exit $rc: $(head -c 160 "$tmp/v6.err"))" $ok
fi
"$PTPLAB" node --listen 127.0.0.1:0 --peer 192.0.2.1:7000 --no-channels --log "$tmp/sf.log" </dev/null >/dev/null & n=$!
wait_for 20 grep -qs '"event":"send_failed"' "$tmp/sf.log"
check "S2 a refused send is logged as send_failed" $?
kill -TERM "$n"; wait "$n"
python3 - "$tmp/sf.log" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
failed = [l for l in lines if l["event"] == "send_failed"]
stop = lines[-1]
assert stop["event"] == "stopping", stop
assert failed[0]["peer"] == "192.0.2.1:7000" and failed[0]["error"], failed[0]
assert sum(stop["send_failed"].values()) >= len(failed), stop
PY
check "S2 send_failed lines name the peer and the stopping line counts them" $?

# S3: a closed stdout stops `run` and `sweep` (exit 141, "stdout closed", since session 9; 130 before), the run `interrupted`,
# finished sweep runs kept, the sweep's temp folder removed (they died of SIGPIPE: 141).
"$PTPLAB" run scenarios/suites/demo.json --report "$tmp/p.db" --progress-every 1s 2>&1 | head -1 >/dev/null
rc=${PIPESTATUS[0]}
[ "$rc" = 141 ] && [ "$(sqlite3 "$tmp/p.db" 'SELECT status FROM run')" = interrupted ]
check "S3 run | head -1: exit 141 (got $rc), the run interrupted" $?
python3 - scenarios/suites/smoke/basic.json "$tmp/sw.json" <<'PY'
import json, sys
text = "\n".join(l for l in open(sys.argv[1]) if not l.lstrip().startswith("//"))
s = json.loads(text)
s["sweep"] = {"seeds": 6}
json.dump(s, open(sys.argv[2], "w"))
PY
mkdir "$tmp/t"
TMPDIR="$tmp/t" "$PTPLAB" sweep "$tmp/sw.json" -j 1 --report "$tmp/w.db" 2>&1 | head -2 >/dev/null
rc=${PIPESTATUS[0]}
done_runs=$(sqlite3 "$tmp/w.db" "SELECT count(*) FROM run WHERE status = 'complete'")
[ "$rc" = 141 ] && [ "$done_runs" -ge 1 ] && [ -z "$(ls "$tmp/t")" ]
check "S3 sweep | head -2: exit 141 (got $rc), $done_runs finished runs kept, no temp folder left" $?

# S4: a run stopped early says its expectations were not judged (it printed "0/0 passed"), and
# so do the sweep table's rows of such runs.
"$PTPLAB" run scenarios/suites/demo.json --report "$tmp/t.db" --timeout 3s >"$tmp/t.out" 2>&1
grep -q '^  expectations 3 not judged' "$tmp/t.out" && ! grep -q '0/0' "$tmp/t.out"
check "S4 run --timeout: 3 expectations not judged" $?
# An hour of simulated time: every run outlasts the 0.2 s limit however fast the build (with the
# 8 s of sw.json a Release build finished some runs in time and the check depended on speed).
python3 - "$tmp/sw.json" "$tmp/sw_long.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["duration"] = "3600s"
json.dump(s, open(sys.argv[2], "w"))
PY
"$PTPLAB" sweep "$tmp/sw_long.json" --timeout 0.2s -j 2 --report "$tmp/w2.db" >"$tmp/w2.out" 2>&1
sed -n '/^runs/,/^per point/p' "$tmp/w2.out" >"$tmp/w2.runs"
grep -q 'timed out.*not judged' "$tmp/w2.runs" && ! grep -q '0/0' "$tmp/w2.runs"
check "S4 sweep rows of timed-out runs: not judged" $?

# S6: the README's catalogues command line works as written (it named "docs", which is no
# source root); --check instead of --write, so that the test leaves the tree alone.
line=$(grep -m1 '^ptplab catalogues' README.md | sed 's/ *#.*//; s/\[ROOT\]//; s/--write/--check/; s/^ptplab //')
# shellcheck disable=SC2086
"$PTPLAB" $line >"$tmp/cat.out" 2>&1
check "S6 README's '$line' runs from the source root (exit $?)" $?

exit $((failures > 0))
