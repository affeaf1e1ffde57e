#!/usr/bin/env bash
# e2e: `ptplab node` answers HELLO on a real socket, logs JSON lines, keeps bounded memory under
# a junk flood, still answers afterwards, exits 0 on SIGTERM, and rejects bad arguments with 2.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
t=$(mktemp -d)
node_pid=
trap '[ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null; rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
port=$(python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])')

echo '{"hello_interval_max_ns": "1s"}' >"$t/params.json"
"$PTPLAB" node --listen 127.0.0.1:$port --params "$t/params.json" --log "$t/node.log" &
node_pid=$!
for _ in $(seq 50); do grep -q '"listening"' "$t/node.log" 2>/dev/null && break; sleep 0.1; done

python3 - "$port" "$node_pid" <<'PY' || fail "flood check failed"
import json, os, socket, sys
port, pid = int(sys.argv[1]), int(sys.argv[2])
def rss_kb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
def hello_answered():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.5)
    hello = json.dumps({"msg_type": "HELLO", "msg_data": {"node_id": "11111111-1111-4111-8111-111111111111"}})
    for _ in range(8):
        s.sendto(hello.encode(), ("127.0.0.1", port))
        try:
            data, _ = s.recvfrom(65536)
            if json.loads(data)["msg_type"] == "HELLO":
                return True
        except (socket.timeout, ValueError, KeyError):
            pass
    return False
assert hello_answered(), "no HELLO answer before the flood"
before = rss_kb()
flooders = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(64)]
junk = [b"{not json", b'{"msg_type":"GETCERTIFICATE","msg_data":{"msg_id":"x","node_id":"y"}}', os.urandom(1200)]
for i in range(30000):
    flooders[i % 64].sendto(junk[i % 3], ("127.0.0.1", port))
assert hello_answered(), "no HELLO answer after the flood"
after = rss_kb()
assert after - before < 64 * 1024, f"RSS grew from {before} kB to {after} kB under the flood"
print(f"node RSS {before} kB -> {after} kB after 30000 junk datagrams from 64 sources")
PY
grep -q '"event":"dropped"' "$t/node.log" || fail "no dropped events logged"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$t/node.log" || fail "log is not JSON lines"

kill -TERM "$node_pid"
wait "$node_pid" || fail "ptplab node did not exit 0 on SIGTERM"
node_pid=

for args in "--listen nowhere" "--peer 1.2.3" "--channel :closed" "--channel a --no-channels" "--params $t/missing.json" "--bogus"; do
  rc=0
  # shellcheck disable=SC2086
  timeout 5 "$PTPLAB" node $args >/dev/null 2>&1 || rc=$?
  [ "$rc" -eq 2 ] || fail "'node $args' gave exit $rc (want 2)"
done
echo "node e2e: OK"
