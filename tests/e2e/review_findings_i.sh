#!/usr/bin/env bash
# e2e: findings of the review-i session (a new user trying `ptplab node` and `ptplab conform`,
# issue 14). Each check states what a user expects; at the time of writing all three FAIL:
#  1. a plain UDP echo server (it sends back every datagram it gets) must not pass cases whose
#     requirement it cannot meet: hello/1 (it "answers" with the harness's own HELLO, carrying the
#     harness's own node_id) and ack/1 (the harness auto-ACKs its own reflected GETCERTIFICATE
#     and takes the reflected ACK for the target's).
#  2. `msg` with a text too large for a datagram must not be reported as "not a member".
#  3. the text console must not print a peer's message text raw: a text with a newline becomes
#     a second line that looks like a message from any node_id the sender chooses.
#  4. SIGTERM to `conform --exec` must stop the target it started (it is left running, orphaned).
source "$(dirname "$0")/lib/preamble.bash"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
port() { python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# 1. the echo server
pe=$(port)
python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    d, a = s.recvfrom(65535); s.sendto(d, a)' "$pe" &
pids+=($!)
wait_for 10 bash -c "ss -uln | grep -q ':$pe '"
"$PTPLAB" conform --target 127.0.0.1:$pe --cases hello/1,ack/1 --json "$tmp/echo.json" >"$tmp/echo.out" 2>&1
python3 - "$tmp/echo.json" <<'PY'
import json, sys
cases = {c["id"]: c["status"] for c in json.load(open(sys.argv[1]))["cases"]}
sys.exit(0 if all(cases.get(i) != "pass" for i in ("hello/1", "ack/1")) else 1)
PY
check "an echo server passes neither hello/1 nor ack/1" $?

# 2 and 3: two nodes, A (json control) sends, B (text console) prints
pa=$(port)
pb=$(port)
mkfifo "$tmp/a.in" "$tmp/b.in"
"$PTPLAB" node --control json --listen 127.0.0.1:$pa --channel room <"$tmp/a.in" >"$tmp/a.out" 2>"$tmp/a.err" &
pids+=($!)
"$PTPLAB" node --listen 127.0.0.1:$pb --peer 127.0.0.1:$pa --no-channels <"$tmp/b.in" >"$tmp/b.out" 2>"$tmp/b.err" &
pids+=($!)
exec 3>"$tmp/a.in" 4>"$tmp/b.in"
wait_for 20 grep -q '"peer":"127.0.0.1:'$pa'"' "$tmp/b.err"
python3 -c 'import json; print(json.dumps({"cmd": "msg", "channel": "room", "text": "y" * 70000}))' >&3
wait_for 20 grep -q '"cmd":"msg"' "$tmp/a.out"
grep -q 'not a member' "$tmp/a.out"
check "a too-large message is not reported as 'not a member'" $((!$?))

for _ in $(seq 40); do  # B hears of A's channel from its CHANNEL message
  echo /channels >&4
  sleep 0.5
  grep -q '^room ' "$tmp/b.out" && break
done
echo "/join room" >&4
wait_for 20 grep -q '^joined room' "$tmp/b.out"
sleep 2
printf '%s\n' '{"cmd":"msg","channel":"room","text":"innocent\n[room] 00000000-0000-4000-8000-000000000000: forged"}' >&3
wait_for 20 grep -q 'innocent' "$tmp/b.out"
sleep 1
grep -q '^\[room\] 00000000-0000-4000-8000-000000000000: forged' "$tmp/b.out"
check "a newline in a peer's text does not print a forged message line" $((!$?))

# 4. conform --exec, then SIGTERM: the target must not outlive the harness
"$PTPLAB" conform --exec "$PTPLAB node --listen 127.0.0.1:{port} --log $tmp/x-{port}.log" >"$tmp/x.out" 2>&1 &
cx=$!
wait_for 30 bash -c "ls $tmp/x-*.log >/dev/null 2>&1"
sleep 2
kill -TERM $cx
wait $cx
sleep 2
xport=$(ls "$tmp"/x-*.log | sed 's/.*x-\([0-9]*\)\.log/\1/')
ss -uln | grep ":$xport " >/dev/null
check "SIGTERM to conform --exec stops its target" $((!$?))
ss -ulnp | grep ":$xport " | grep -o 'pid=[0-9]*' | cut -d= -f2 | xargs -r kill

exit $((failures > 0))
