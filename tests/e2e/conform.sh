#!/usr/bin/env bash
# e2e: `ptplab conform` against `ptplab node` over loopback: every case passes (>= 60 JUnit
# testcases, valid XML, JSON and SQLite outputs), also against a bare node (its default channels
# 'lobby-<id8>' and 'lobby-<id8>-closed'); against `node --no-channels` the MUST cases that need a channel
# cannot run, are listed, and make the exit 3 (0 with --allow-unsupported); an unreachable
# target and usage errors exit 2, an expected failure that passes exits 1, and --exec starts and
# stops its target.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
t=$(mktemp -d)
node_pid=
trap '[ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null; rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
free_port() { python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

port=$(free_port)
"$PTPLAB" node --listen 127.0.0.1:$port --channel conformance --channel secret:closed --log "$t/node.log" &
node_pid=$!
for _ in $(seq 50); do grep -q '"listening"' "$t/node.log" 2>/dev/null && break; sleep 0.1; done
grep -q '"listening"' "$t/node.log" || fail "ptplab node did not start: $(cat "$t/node.log")"

rc=0
"$PTPLAB" conform --target 127.0.0.1:$port --junit "$t/j.xml" --json "$t/r.json" --report "$t/r.db" >"$t/out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "conform against ptplab node: exit $rc: $(grep -E '^  --|failed' "$t/out" | head -20)"
grep -Eq '^[0-9]+ passed, 0 failed' "$t/out" || fail "no 'N passed, 0 failed' line: $(tail -2 "$t/out")"
python3 - "$t/j.xml" "$t/r.json" <<'PY' || fail "JUnit/JSON check failed"
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.findall("./testsuite/testcase")
assert len(cases) >= 60, f"only {len(cases)} testcases"
assert len({c.get("name") for c in cases}) == len(cases), "duplicate testcase names"
bad = [c.get("name") for c in cases if c.find("failure") is not None or c.find("error") is not None]
assert not bad, f"failures: {bad}"
doc = json.load(open(sys.argv[2]))
assert len(doc["cases"]) == len(cases) and doc["summary"]["failed"] == 0
PY
rows=$(sqlite3 "$t/r.db" "SELECT count(*) FROM conformance_result WHERE result = 'pass'")
[ "$rows" -ge 60 ] || fail "only $rows passing rows in conformance_result"

# Each conform --report is a run of its own: a second run into the same file is run 2, and
# `ptplab report` shows two runs, each with its conformance rows.
"$PTPLAB" conform --target 127.0.0.1:$port --cases hello/1 --report "$t/r.db" >/dev/null 2>&1 ||
  fail "second conform --report run failed"
runs=$(sqlite3 "$t/r.db" "SELECT count(DISTINCT run_id) FROM conformance_result WHERE run_id IS NOT NULL")
nulls=$(sqlite3 "$t/r.db" "SELECT count(*) FROM conformance_result WHERE run_id IS NULL")
[ "$runs" = 2 ] && [ "$nulls" = 0 ] || fail "two conform runs: $runs run ids, $nulls rows without a run"
"$PTPLAB" report "$t/r.db" >"$t/report.txt" || fail "ptplab report of a conform report failed"
grep -q "conformance of 127.0.0.1:$port (run 1)" "$t/report.txt" &&
  grep -q "conformance of 127.0.0.1:$port (run 2): 1 cases, 1 pass" "$t/report.txt" &&
  grep -q "^run 2  conform 127.0.0.1:$port" "$t/report.txt" ||
  fail "ptplab report does not show two conform runs: $(head -20 "$t/report.txt")"

# A case listed as an expected failure that passes is reported and fails the run.
echo "hello/1  # pretend it is known to fail" >"$t/xfail"
rc=0
"$PTPLAB" conform --target 127.0.0.1:$port --cases hello/1 --expect-fail "$t/xfail" >"$t/out2" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "unexpected pass gave exit $rc (want 1)"
grep -q UNEXPECTED "$t/out2" || fail "unexpected pass not reported"

kill -INT "$node_pid"
wait "$node_pid" || fail "ptplab node did not exit cleanly on SIGINT"
node_pid=
grep -q '"stopping"' "$t/node.log" || fail "no stopping event in the node log"

# A bare node hosts 'lobby-<id8>' and 'lobby-<id8>-closed' (id8: the first 8 hex digits of its
# node_id, so two bare nodes' lobbies have different names): the channel and key cases run and pass.
"$PTPLAB" node --listen 127.0.0.1:0 --log "$t/bare.log" </dev/null &
node_pid=$!
for _ in $(seq 50); do grep -q '"listening"' "$t/bare.log" 2>/dev/null && break; sleep 0.1; done
bare=$(sed -n 's/.*"address":"\([^"]*\)".*"listening".*/\1/p' "$t/bare.log" | head -1)
[ -n "$bare" ] || fail "bare node did not log its address: $(head -3 "$t/bare.log")"
id8=$(grep '"listening"' "$t/bare.log" | sed -n 's/.*"node_id":"\([0-9a-f]\{8\}\).*/\1/p' | head -1)
[ -n "$id8" ] || fail "bare node did not log its node_id: $(head -3 "$t/bare.log")"
grep -q '"channel":"lobby-'"$id8"'","channel_id":"[^"]*","closed":false' "$t/bare.log" || fail "bare node did not create lobby-$id8"
grep -q '"channel":"lobby-'"$id8"'-closed","channel_id":"[^"]*","closed":true' "$t/bare.log" || fail "bare node did not create lobby-$id8-closed"
rc=0
"$PTPLAB" conform --target "$bare" --cases 'channel/*,key/*' >"$t/bare.out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "channel and key cases against a bare node: exit $rc: $(grep -E '^  --|failed' "$t/bare.out" | head -10)"
grep -q ' 0 unsupported' "$t/bare.out" || fail "a case was unsupported against a bare node: $(tail -2 "$t/bare.out")"
kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=

# --no-channels: the MUST cases that need a channel cannot run: listed, exit 3; accepted with
# --allow-unsupported (exit 0).
"$PTPLAB" node --listen 127.0.0.1:0 --no-channels --log "$t/none.log" </dev/null &
node_pid=$!
for _ in $(seq 50); do grep -q '"listening"' "$t/none.log" 2>/dev/null && break; sleep 0.1; done
none=$(sed -n 's/.*"address":"\([^"]*\)".*"listening".*/\1/p' "$t/none.log" | head -1)
grep -q '"channel_created"' "$t/none.log" && fail "a --no-channels node created a channel"
rc=0
"$PTPLAB" conform --target "$none" --cases 'channel/*,key/*' >"$t/none.out" 2>&1 || rc=$?
[ "$rc" -eq 3 ] || fail "MUST cases unsupported against --no-channels gave exit $rc (want 3): $(tail -3 "$t/none.out")"
grep -Eq '^[0-9]+ MUST cases? could not run \(exit 3' "$t/none.out" || fail "no list of the MUST cases that could not run"
grep -Eq '^  key/[0-9]+  .*unsupported' "$t/none.out" || fail "no key case listed as unsupported: $(tail -8 "$t/none.out")"
rc=0
"$PTPLAB" conform --target "$none" --cases 'channel/*,key/*' --allow-unsupported >"$t/none2.out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "--allow-unsupported against --no-channels gave exit $rc (want 0)"
kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=

# Nothing listens: a clear message and exit 2, well within the timeout.
dead=$(free_port)
start=$(date +%s%N)
rc=0
"$PTPLAB" conform --target 127.0.0.1:$dead --timeout 2s >"$t/dead" 2>&1 || rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$rc" -eq 2 ] || fail "unreachable target gave exit $rc (want 2)"
grep -q unreachable "$t/dead" || fail "no clear message: $(cat "$t/dead")"
[ "$ms" -lt 2500 ] || fail "unreachable target took $ms ms"

# Usage errors.
for args in "" "--target nowhere" "--target 127.0.0.1:1 --timeout soon" "--in-process --cases nothing/*"; do
  rc=0
  # shellcheck disable=SC2086
  "$PTPLAB" conform $args >/dev/null 2>&1 || rc=$?
  [ "$rc" -eq 2 ] || fail "'conform $args' gave exit $rc (want 2)"
done

# --exec starts the target on a free port, runs the cases, and stops it (SIGTERM: clean exit logged).
rc=0
"$PTPLAB" conform --exec "$PTPLAB node --listen 127.0.0.1:{port} --log $t/exec.log" --cases 'hello/1,ack/*' \
  >"$t/exec.out" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "--exec run: exit $rc: $(tail -3 "$t/exec.out")"
grep -q '"stopping"' "$t/exec.log" || fail "--exec target was not stopped with a signal"

# The in-process target and the listings.
"$PTPLAB" conform --in-process --cases 'cert/*' >/dev/null || fail "--in-process cert/* failed"
"$PTPLAB" conform --list >"$t/list"
grep -q '^robust/1 ' "$t/list" || fail "--list lacks robust/1"
"$PTPLAB" conform --list --markdown >"$t/list.md"
grep -q '| ACK-2 |' "$t/list.md" || fail "--list --markdown lacks ACK-2"
echo "conform e2e: OK ($(grep -Eo '^[0-9]+ passed' "$t/out"))"
