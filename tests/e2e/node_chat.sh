#!/usr/bin/env bash
# e2e: two `ptplab node`s without --seed get distinct ids, meet only through a third node's
# ROUTING, and a message sent at A (driven through --control json) prints at B (text console)
# after the third node has stopped, so the path between them is direct. A node with no stdin
# (</dev/null) keeps running. B names its addresses as localhost.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
t=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; exec 3>&- 4>&- || true; rm -rf "$t"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$t"/*.out "$t"/*.err; do echo "== $f"; tail -5 "$f"; done; exit 1; }
port() { python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
ps_=$(port); pa=$(port); pb=$(port)
mkfifo "$t/a.in" "$t/b.in"
"$PTPLAB" node --listen 127.0.0.1:$ps_ </dev/null >"$t/s.out" 2>"$t/s.err" & pids+=($!)
sleep 0.5
"$PTPLAB" node --control json --listen 127.0.0.1:$pa --peer 127.0.0.1:$ps_ <"$t/a.in" >"$t/a.out" 2>"$t/a.err" & pids+=($!)
"$PTPLAB" node --listen localhost:$pb --peer localhost:$ps_ <"$t/b.in" >"$t/b.out" 2>"$t/b.err" & pids+=($!)
exec 3>"$t/a.in" 4>"$t/b.in"
node_id() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["node_id"])' "$1"; }
sleep 1
ida=$(node_id "$t/a.err"); idb=$(node_id "$t/b.err")
[ "$ida" != "$idb" ] || fail "two nodes without --seed share node_id $ida"
# Within 5 s A and B hear each other directly (each registers the other's port as a peer).
for _ in $(seq 50); do
  grep -q "\"peer\":\"127.0.0.1:$pb\"" "$t/a.err" && grep -q "\"peer\":\"127.0.0.1:$pa\"" "$t/b.err" && break
  sleep 0.1
done
grep -q "\"peer\":\"127.0.0.1:$pa\"" "$t/b.err" || fail "B never heard A directly"
kill -0 "${pids[0]}" || fail "the node with stdin </dev/null stopped"
echo '{"cmd":"create","name":"room","closed":"yes"}' >&3   # refused: closed is a boolean
echo '{"cmd":"create","name":"room"}' >&3
echo '{"cmd":"create","name":"room"}' >&3                  # refused: room exists
echo '{"cmd":"peers","verbose":true}' >&3                  # refused: peers takes no key
sleep 4
echo "/join room" >&4
sleep 4
grep -q '"event":"created"' "$t/a.out" || fail "A did not answer create"
python3 - "$t/a.out" <<'PY' || fail "A's answers to bad commands are wrong"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
errors = [(l["cmd"], l["error"]) for l in lines if l.get("event") == "error"]
assert errors[0] == ("create", '"closed" must be true or false, got "yes"'), errors
assert errors[1][0] == "create" and errors[1][1].startswith("a channel named room exists already"), errors
assert errors[2] == ("peers", 'unknown key "verbose" (peers takes no keys but "cmd")'), errors
assert len(errors) == 3 and sum(l.get("event") == "created" for l in lines) == 1, lines
PY
grep -q "^joined room" "$t/b.out" || fail "B did not join room"
kill "${pids[0]}"; sleep 1
echo '{"cmd":"msg","channel":"room","text":"hello-e2e"}' >&3
for _ in $(seq 80); do grep -q "hello-e2e" "$t/b.out" && break; sleep 0.1; done
grep -q "^\[room\] $ida: hello-e2e$" "$t/b.out" || fail "B did not print A's message"
echo "/msg room back-at-you" >&4
for _ in $(seq 80); do grep -q "back-at-you" "$t/a.out" && break; sleep 0.1; done
python3 - "$t/a.out" "$idb" <<'PY' || fail "A's JSON output is wrong"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
got = [l for l in lines if l.get("event") == "message"]
assert got and got[0]["text"] == "back-at-you" and got[0]["node_id"] == sys.argv[2] and got[0]["channel"] == "room", got
PY
echo '{"cmd":"quit"}' >&3; echo "/quit" >&4
wait "${pids[1]}" || fail "A did not exit 0 on quit"
wait "${pids[2]}" || fail "B did not exit 0 on /quit"
echo "node_chat e2e: OK ($ida -> $idb direct)"
