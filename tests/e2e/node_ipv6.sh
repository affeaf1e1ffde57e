#!/usr/bin/env bash
# e2e: `ptplab node` on IPv6 loopback. A listens on [::1] (JSON console), B on [::1] with A as its
# --peer: they greet each other, log and list each other as [::1]:PORT (not the 240/4 stand-in
# the engine sees), and a message sent at A prints at B. No skip: a machine without ::1 fails
# with a line that says so. A 240/4 stand-in never leaves a node (ROUTING, --pcap). Bad IPv6 forms exit 2.
source "$(dirname "$0")/lib/preamble.bash"
set -e
t=$tmp
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; exec 3>&- 4>&- || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$t"/*.out "$t"/*.err; do [ -e "$f" ] && { echo "== $f"; tail -5 "$f"; }; done; exit 1; }
python3 -c 'import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).bind(("::1", 0))' 2>"$t/v6" ||
  fail "IPv6 loopback ::1 is not available on this machine ($(tail -1 "$t/v6")): this test needs it"
has() { local f=$1; shift; [ -e "$f" ] && grep -qF -- "$1" "$f"; }
listening() { sed -n 's/.*"address":"\(\[::1\]:[0-9]*\)".*"event":"listening".*/\1/p' "$1" | head -1; }

mkfifo "$t/a.in" "$t/b.in"
"$PTPLAB" node --control json --listen '[::1]:0' <"$t/a.in" >"$t/a.out" 2>"$t/a.err" & pids+=($!)
exec 3>"$t/a.in"
wait_for 10 has "$t/a.err" '"event":"listening"' || fail "A did not start on [::1]"
a=$(listening "$t/a.err")
[ -n "$a" ] || fail "A's listening line does not name [::1]:PORT: $(head -1 "$t/a.err")"
"$PTPLAB" node --listen '[::1]:0' --peer "$a" <"$t/b.in" >"$t/b.out" 2>"$t/b.err" & pids+=($!)
exec 4>"$t/b.in"
wait_for 10 has "$t/b.err" '"event":"listening"' || fail "B did not start on [::1]"
b=$(listening "$t/b.err")
ida=$(sed -n 's/.*"node_id":"\([^"]*\)".*/\1/p' "$t/a.err" | head -1)

wait_for 10 has "$t/a.err" "\"event\":\"peer_added\",\"peer\":\"$b\"" || fail "A never heard B at $b"
wait_for 10 has "$t/b.err" "\"event\":\"peer_added\",\"peer\":\"$a\"" || fail "B never heard A at $a"
grep -q '"peer":"240\.' "$t/a.err" "$t/b.err" && fail "a log names a 240/4 stand-in instead of the IPv6 address"

echo '{"cmd":"create","name":"room6"}' >&3
joined() { echo "/join room6" >&4; sleep 0.5; has "$t/b.out" "joined room6"; }
wait_for 15 joined || fail "B could not join room6"
sleep 1
echo '{"cmd":"msg","channel":"room6","text":"hello-over-ipv6"}' >&3
wait_for 10 has "$t/b.out" "[room6] $ida: hello-over-ipv6" || fail "B did not print A's message"
echo '{"cmd":"peers"}' >&3
wait_for 5 has "$t/a.out" '"event":"peers"' || fail "A did not answer peers"
python3 - "$t/a.out" "$b" <<'PY' || fail "A's peer listing is wrong"
import json, sys
peers = [json.loads(l) for l in open(sys.argv[1]) if '"event":"peers"' in l][-1]["peers"]
assert [p["address"] for p in peers] == [sys.argv[2]], peers
PY
echo '{"cmd":"quit"}' >&3; echo "/quit" >&4
wait "${pids[0]}" || fail "A did not exit 0 on quit"
wait "${pids[1]}" || fail "B did not exit 0 on /quit"
pids=()

# Stand-ins never leave a node: A listens dual-stack on [::] with IPv6 peer B and IPv4 peer C. A's
# ROUTING to C lists no 240/4 address (B is left out), A's --pcap holds no 240/4 address (its
# datagrams with B are skipped and counted), and C's capture of what A sent it holds none either.
"$PTPLAB" node --listen '[::]:0' --no-channels --pcap "$t/a6.pcap" --log "$t/a6.log" </dev/null & pids+=($!)
wait_for 10 has "$t/a6.log" '"event":"listening"' || fail "A did not start on [::]"
ap=$(sed -n 's/.*"address":"\[::\]:\([0-9]*\)".*"listening".*/\1/p' "$t/a6.log" | head -1)
[ -n "$ap" ] || fail "A's listening line: $(head -1 "$t/a6.log")"
"$PTPLAB" node --listen '[::1]:0' --peer "[::1]:$ap" --no-channels --log "$t/b6.log" </dev/null & pids+=($!)
"$PTPLAB" node --listen 127.0.0.1:0 --peer "127.0.0.1:$ap" --no-channels --pcap "$t/c4.pcap" --log "$t/c4.log" \
  </dev/null & pids+=($!)
routed() { [ "$(grep -c '"event":"peer_added"' "$t/a6.log")" -ge 2 ]; }
wait_for 15 routed || fail "A did not meet B and C"
sleep 5  # a few ROUTING periods (the default is 2 s)
kill -TERM "${pids[@]}"
wait "${pids[@]}" || true
pids=()
python3 - "$t/a6.pcap" "$t/c4.pcap" <<'PY' || fail "a 240/4 stand-in left a node"
import struct, sys
def packets(path):
    data = open(path, "rb").read()
    off, out = 24, []
    while off + 16 <= len(data):
        incl = struct.unpack("<I", data[off + 8:off + 12])[0]
        out.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    return out
a, c = packets(sys.argv[1]), packets(sys.argv[2])
assert a and c, (len(a), len(c))
for p in a + c:
    assert p[12] >> 4 != 15 and p[16] >> 4 != 15, "a 240/4 address in a packet header"
    assert b'"240.' not in p[28:], p[28:]
assert any(b'"ROUTING"' in p[28:] for p in c), "C received no ROUTING from A"
PY
grep -q '"pcap_skipped_ipv6":[1-9]' "$t/a6.log" || fail "A's stopping event does not count skipped IPv6 datagrams"

# Bad forms: an IPv6 literal without brackets, a port out of range, an IPv6 peer of an IPv4 node.
for args in "--listen ::1:7000" "--listen [::1]:70000" "--listen [::1:7000" "--listen 127.0.0.1:0 --peer [::1]:7000"; do
  rc=0
  # shellcheck disable=SC2086
  timeout 5 "$PTPLAB" node $args </dev/null >/dev/null 2>"$t/bad.err" || rc=$?
  [ "$rc" -eq 2 ] || fail "'node $args' gave exit $rc (want 2)"
  grep -q "^ptplab node: --" "$t/bad.err" || fail "'node $args': no message naming the option: $(cat "$t/bad.err")"
done
echo "node_ipv6 e2e: OK (A $a, B $b)"
