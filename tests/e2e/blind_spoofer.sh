#!/usr/bin/env bash
# e2e: a blind spoofer cannot switch off anti-amplification (issue 15 [R] item 3, review 11 S1).
# A default `ptplab node` with 40 live peers on loopback (its ROUTING about 3 kB); a "victim"
# address sends 2, then (another address) 10 HELLOs without ever reading, as a spoofer forging
# them in its name would. Under the default address_validation "ack" neither address counts as
# proved (`peers` shows "address_proved": false) and each receives at most 3x the bytes sent in
# its name (under "reply" the review measured 325x). A real peer that reads and ACKs our
# GETCERTIFICATE probe is proved and gets our ROUTING. Loopback only.
source "$(dirname "$0")/lib/preamble.bash"

python3 - "$PTPLAB" "$tmp" <<'PY'
import json, socket, subprocess, sys, threading, time, uuid

ptplab, tmp = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]; s.close()
target = ("127.0.0.1", port)
node = subprocess.Popen([ptplab, "node", "--listen", f"127.0.0.1:{port}", "--seed", "3", "--no-channels",
                         "--control", "json", "--log", f"{tmp}/node.log"],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
failures = 0
def check(name, ok):
    global failures
    print(("ok   " if ok else "FAIL ") + name, flush=True)
    failures += 0 if ok else 1
def hello(nid):
    return json.dumps({"msg_type": "HELLO", "msg_data": {"node_id": nid, "version": "e2e"}}).encode()

# 40 live peers (127.0.0.2-41), HELLO every second, reading and discarding what comes.
crowd = []
for i in range(40):
    so = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); so.bind((f"127.0.0.{2 + i}", 0)); so.setblocking(False)
    crowd.append((so, str(uuid.uuid4())))
stop = threading.Event()
def keep_alive():
    while not stop.is_set():
        for so, nid in crowd:
            so.sendto(hello(nid), target)
            try:
                while so.recv(70000): pass
            except BlockingIOError: pass
        stop.wait(1.0)
threading.Thread(target=keep_alive, daemon=True).start()

# A real peer: reads everything, ACKs every GETCERTIFICATE/CERTIFICATE/GETKEY/KEY/MESSAGE (spec §ACK).
real = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); real.bind(("127.0.0.60", 0)); real.setblocking(False)
real_id = str(uuid.uuid4()); real_routing = [0]
def real_peer():
    while not stop.is_set():
        real.sendto(hello(real_id), target)
        try:
            while True:
                m = json.loads(real.recv(70000))
                if m["msg_type"] == "ROUTING": real_routing[0] += 1
                if m["msg_type"] in ("GETCERTIFICATE", "CERTIFICATE", "GETKEY", "KEY", "MESSAGE"):
                    real.sendto(json.dumps({"msg_type": "ACK", "msg_data": {"msg_id": m["msg_data"]["msg_id"]}}).encode(), target)
        except (BlockingIOError, ValueError, KeyError): pass
        stop.wait(0.5)
threading.Thread(target=real_peer, daemon=True).start()
time.sleep(3)

# Victims: blind sockets that send HELLOs and never read (what they receive stays queued).
victims = []
for ip, n in (("127.0.0.99", 2), ("127.0.0.98", 10)):
    v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); v.bind((ip, 0))
    v.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    h = hello(str(uuid.uuid4()))
    for _ in range(n):
        v.sendto(h, target); time.sleep(0.3)
    victims.append((v, ip, n * len(h), n))
time.sleep(8)  # four ROUTING rounds, several HELLO ticks and probes

def peers():
    node.stdin.write('{"cmd":"peers"}\n'); node.stdin.flush()
    while True:
        line = json.loads(node.stdout.readline())
        if line.get("event") == "peers": return line["peers"]
listed = {p["address"].split(":")[0]: p for p in peers()}
for v, ip, sent, n in victims:
    v.setblocking(False); got = 0
    try:
        while True: got += len(v.recv(70000))
    except BlockingIOError: pass
    p = listed.get(ip, {})
    check(f"{n} blind HELLOs from {ip}: a peer ({ip in listed}), not proved (address_proved {p.get('address_proved')})",
          ip in listed and p.get("address_proved") is False)
    check(f"{n} blind HELLOs from {ip}: it received {got} B for {sent} B sent in its name (<= 3x)", got <= 3 * sent)
real_p = listed.get("127.0.0.60", {})
check(f"a peer that ACKs our probe is proved ({real_p.get('address_proved')}) and gets our ROUTING "
      f"({real_routing[0]} received)", real_p.get("address_proved") is True and real_routing[0] > 0)
stop.set()
node.stdin.write('{"cmd":"quit"}\n'); node.stdin.flush(); node.wait(10)
sys.exit(1 if failures else 0)
PY
check "blind spoofer checks" $?
exit $((failures > 0))
