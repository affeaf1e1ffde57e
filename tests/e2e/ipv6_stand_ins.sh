#!/usr/bin/env bash
# End-to-end test of review 13's S2 (issue [R]): `ptplab node` on IPv6 was locked against every
# new IPv6 peer, for good, once 4,095 IPv6 source addresses (forgeable; their datagrams need not be
# valid) had taken its stand-ins. In a private network namespace (nothing touches the machine's
# network; needs root or user namespaces, as CI has: without them the test fails, never skips): 6,000 junk datagrams, each from another
# address of 2001:db8:77::/64, then a new honest peer's HELLO is answered, the junk's stand-ins
# reclaimed (stand_ins_reclaimed) and nothing dropped for want of one (dropped_unmapped 0).
source "$(dirname "$0")/lib/preamble.bash"
if ! unshare -n true 2>/dev/null || ! command -v ip >/dev/null || ! command -v sysctl >/dev/null; then
  echo "FAIL: cannot create a network namespace (unshare -n) or set it up (ip, sysctl): run as root with" \
    "iproute2 and procps installed (tools/install-deps)"
  exit 1
fi
cat >"$tmp/flood.py" <<'PY'
import json, os, signal, socket, subprocess, sys, time, uuid
ptplab, tmp = sys.argv[1], sys.argv[2]
log = os.path.join(tmp, "node.log")
port = 9555
node = subprocess.Popen([ptplab, "node", "--listen", f"[::1]:{port}", "--log", log, "--seed", "3",
                         "--log-drops", "0", "--control", "json"],
                        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(200):
    if os.path.exists(log) and "listening" in open(log).read():
        break
    time.sleep(0.05)
target = ("::1", port)
for i in range(6000):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind((f"2001:db8:77::{i + 1:x}", 0))
    s.sendto(b"junk", target)
    s.close()
    if i % 200 == 0:
        time.sleep(0.02)
time.sleep(0.5)
hello = json.dumps({"msg_type": "HELLO", "msg_id": str(uuid.uuid4()),
                    "msg_data": {"node_id": str(uuid.uuid4()), "version": "t"}}).encode()
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("2001:db8:77::beef:1", 0))
s.settimeout(5.0)
answered = False
for _ in range(3):  # UDP: a lost answer is retried, a refused peer never gets one
    s.sendto(hello, target)
    try:
        s.recvfrom(65536)
        answered = True
        break
    except socket.timeout:
        pass
node.send_signal(signal.SIGTERM)
node.wait(20)
stopping = [json.loads(l) for l in open(log) if '"stopping"' in l][-1]
print(json.dumps({"answered": answered, "received": stopping["received"],
                  "dropped_unmapped": stopping["dropped_unmapped"],
                  "stand_ins_reclaimed": stopping.get("stand_ins_reclaimed", 0)}))
PY
unshare -n bash -c "ip link set lo up && ip -6 route add local 2001:db8:77::/64 dev lo &&
  sysctl -qw net.ipv6.ip_nonlocal_bind=1 && python3 '$tmp/flood.py' '$PTPLAB' '$tmp'" >"$tmp/out" 2>"$tmp/err"
check "the flood ran in its own network namespace" $?
cat "$tmp/out"
result=$(tail -1 "$tmp/out")
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$result" "$1" 2>/dev/null; }
[[ $(field answered) == True ]]
check "a new IPv6 peer is answered after 6,000 forged IPv6 sources" $?
[[ $(field received) -gt 4096 ]]
check "more IPv6 sources were served than there are stand-ins (received > 4096)" $?
[[ $(field dropped_unmapped) == 0 ]]
check "none dropped for want of a stand-in (dropped_unmapped 0)" $?
[[ $(field stand_ins_reclaimed) -gt 0 ]]
check "the junk's stand-ins were reclaimed (stand_ins_reclaimed > 0)" $?
[[ -s "$tmp/err" ]] && head -5 "$tmp/err"
exit $((failures > 0))
