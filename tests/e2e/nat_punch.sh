#!/usr/bin/env bash
# e2e: CONNECT hole punching through two real Linux NATs (issue [I] item 3). Network namespaces
# joined by veth pairs (iproute2), NAT boxes in nftables:
#
#                        S 203.0.113.10:9000 (rendezvous)
#                                  |
#            br0: the public segment 203.0.113.0/24, a namespace of its own
#                  |                                      |
#   NAT_A 203.0.113.20 / 192.168.1.1       NAT_B 203.0.113.30 / 192.168.1.1
#                  |                                      |
#         A 192.168.1.2:9000                     B 192.168.1.2:9000
#
# A and B are `ptplab node`s behind their own NAT (two homes with the same private network),
# each given only S as --peer. Each NAT box is configured like a home router: `masquerade` on
# its WAN port, LAN->WAN and established/related traffic forwarded, everything else arriving on
# the WAN dropped (input and forward, policy drop). All nodes run `propagation` `routed`, so a
# MESSAGE goes through S exactly when its two ends have no direct path (under the default
# `flood` every peer relays every MESSAGE, S included, whatever the path).
#
# B runs with routing_greetings_max 0: it never greets the nodes it learns from ROUTING, as a
# spec-only node would not, so the only way a path between A and B can open is the spec's
# CONNECT: A greets B's public address (dropped by NAT_B, but it opens NAT_A for B), then asks S,
# S forwards to B, B HELLOs A's public address and gets through. The test asserts:
#   - A and B report connect_succeeded for each other; S received and forwarded CONNECTs;
#   - a MESSAGE typed at A (driven through --control json) is printed at B, delivered at 0 hops
#     from NAT_A's address, and one typed at B is printed at A; each NAT box forwarded a MESSAGE
#     in from the other's public address; S neither received nor sent a MESSAGE. nftables
#     counters on S's namespace count every UDP datagram in and out of S, and those whose
#     msg_type is CONNECT or MESSAGE: the bytes `CONNECT"` / `MESSAGE"` at offset 13 of the UDP
#     payload, as our encoder writes {"msg_type":"..." first. The NAT boxes' counter uses the
#     same match, so a wrong offset would fail their check, not pass S's vacuously;
#   - the RFC 4787 behaviours of the NAT, below.
#
# RFC 4787 behaviours of Linux `masquerade` (nf_conntrack + nf_nat, no `random` flags) this test
# exercises and checks:
#   - Mapping (4.1): endpoint-independent in effect, with port preservation: the source port is
#     kept when no other conntrack entry uses it, so A's 192.168.1.2:9000 is 203.0.113.20:9000
#     towards S and towards B alike (checked: S and B see A at that address). Strictly, conntrack
#     maps per connection (5-tuple) and only looks endpoint-independent while the preserved port
#     is free; a clash (another inside host on the port, or an inbound conntrack entry holding
#     the reply tuple) gets another port: reports/FINDINGS.md section 5, "Real Linux NATs".
#   - Filtering (5): address-and-port-dependent: only datagrams matching a conntrack entry's
#     reply tuple pass. Checked twice: A's first direct HELLO (from 203.0.113.20:9000, while B
#     had sent only to S) is dropped by NAT_B, and a datagram from S's address but another port
#     (203.0.113.10:9001) is dropped by NAT_B and never reaches B.
#   - The WAN-side drop matters: an unsolicited inbound datagram dropped in the filter chain
#     never confirms a conntrack entry, so it cannot hold the tuple B's later HELLO needs.
#   Not exercised: mapping refresh (4.3; conntrack refreshes on traffic either way) and
#   hairpinning (6; A and B are behind different NATs).
#
# Needs root (CAP_NET_ADMIN) for `ip netns` and `nft`: without them it prints one line and FAILS
# (a check that cannot run in CI fails; CI runs as root). Names carry this run's pid and a random
# suffix, so parallel runs do not collide; every namespace (and so every veth and bridge in it)
# is deleted on exit, failed or stopped by a signal; those of a SIGKILLed run go at the next.
source "$(dirname "$0")/lib/preamble.bash"

id="ptpnat-$$-$RANDOM"
pids=()
made=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  for n in "${made[@]}"; do ip netns del "$n" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP  # so that cleanup runs when ctest's timeout or ^C stops the test
die() {  # die MESSAGE: the failure, then the tail of every node's output
  echo "FAIL nat_punch: $*"
  for f in "$tmp"/*.log "$tmp"/*.out; do [ -f "$f" ] && { echo "== $f"; tail -n 15 "$f"; }; done
  exit 1
}

for tool in ip nft python3; do
  command -v "$tool" >/dev/null ||
    { echo "FAIL nat_punch: '$tool' is not installed (tools/install-deps installs iproute2 and nftables)"; exit 1; }
done
# Namespaces of earlier runs that were killed (SIGKILL skips cleanup): their nodes are stopped
# and the namespaces deleted when the run that made them is gone.
for n in $(ip netns list 2>/dev/null | sed -n 's/^\(ptpnat-[0-9]*-[0-9]*-[a-z]*\).*/\1/p'); do
  owner=${n#ptpnat-}
  owner=${owner%%-*}
  kill -0 "$owner" 2>/dev/null && continue
  for p in $(ip netns pids "$n" 2>/dev/null); do kill "$p" 2>/dev/null; done
  ip netns del "$n" 2>/dev/null
done
if ! ip netns add "$id-s" 2>"$tmp/netns.err"; then
  echo "FAIL nat_punch: cannot create network namespaces (needs root or CAP_NET_ADMIN): $(head -n1 "$tmp/netns.err")"
  exit 1
fi
made+=("$id-s")
for n in wan na a nb b; do
  ip netns add "$id-$n" || die "ip netns add $id-$n"
  made+=("$id-$n")
done
for n in wan s na a nb b; do ip -n "$id-$n" link set lo up; done

# The public segment: a bridge in its own namespace, one veth per public host.
ip -n "$id-wan" link add br0 type bridge && ip -n "$id-wan" link set br0 up || die "bridge"
public() {  # public NS IFNAME ADDRESS: NS's IFNAME on the bridge at ADDRESS/24
  ip -n "$id-wan" link add "p-$1" type veth peer name "$2" netns "$id-$1" &&
    ip -n "$id-wan" link set "p-$1" master br0 up &&
    ip -n "$id-$1" addr add "$3/24" dev "$2" && ip -n "$id-$1" link set "$2" up || die "veth $1"
}
public s eth0 203.0.113.10
public na wan 203.0.113.20
public nb wan 203.0.113.30

# nftables matches for a datagram's msg_type: the 8 bytes after {"msg_type":" (payload offset 13,
# bit 168 counting the 8-byte UDP header), as our encoder writes msg_type first.
verb_is() { printf '@th,168,64 0x%s' "$(printf '%s"' "$1" | od -An -tx1 | tr -d ' \n')"; }
is_message=$(verb_is MESSAGE)
is_connect=$(verb_is CONNECT)

# A home: NAT box NS (LAN 192.168.1.1/24) and its host HOST (192.168.1.2, default route via it).
# The box counts the MESSAGEs it forwards in from OTHER, the other home's public address.
home() {  # home NAT HOST OTHER
  local nat="$id-$1" host="$id-$2" other=$3
  ip -n "$nat" link add lan type veth peer name eth0 netns "$host" &&
    ip -n "$nat" addr add 192.168.1.1/24 dev lan && ip -n "$nat" link set lan up &&
    ip -n "$host" addr add 192.168.1.2/24 dev eth0 && ip -n "$host" link set eth0 up &&
    ip -n "$host" route add default via 192.168.1.1 &&
    ip netns exec "$nat" sysctl -qw net.ipv4.ip_forward=1 || die "home $1"
  ip netns exec "$nat" nft -f - <<NFT || die "nft on $1"
table ip nat_box {
  counter unsolicited {}
  counter direct_message {}
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "wan" masquerade
  }
  chain forward {
    type filter hook forward priority filter; policy drop;
    iifname "wan" ip saddr $other meta l4proto udp $is_message counter name direct_message
    ct state established,related accept
    iifname "lan" oifname "wan" accept
    counter name unsolicited drop
  }
  chain input {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
    iifname { "lo", "lan" } accept
    counter name unsolicited drop
  }
}
NFT
}
home na a 203.0.113.30
home nb b 203.0.113.20

# S's counters: every UDP datagram in and out, and those whose msg_type is CONNECT or MESSAGE.
ip netns exec "$id-s" nft -f - <<NFT || die "nft on S"
table ip rendezvous {
  counter udp_in {}
  counter udp_out {}
  counter connect_in {}
  counter connect_out {}
  counter message_in {}
  counter message_out {}
  chain input {
    type filter hook input priority filter; policy accept;
    udp dport 9000 counter name udp_in
    udp dport 9000 $is_connect counter name connect_in
    udp dport 9000 $is_message counter name message_in
  }
  chain output {
    type filter hook output priority filter; policy accept;
    udp sport 9000 counter name udp_out
    udp sport 9000 $is_connect counter name connect_out
    udp sport 9000 $is_message counter name message_out
  }
}
NFT
count() {  # count NS TABLE COUNTER: the counter's packets
  ip netns exec "$id-$1" nft list counter ip "$2" "$3" | sed -n 's/.*packets \([0-9]*\).*/\1/p'
}

# The nodes. A and B take JSON commands on a FIFO each (fds 3 and 4).
# Keep-alives and ROUTING every 0.2-0.5 s instead of 0.5-2 s, so the CONNECT (2 x
# hello_interval_max_ns after A's first greeting) comes at 1 s instead of 4 s: 16 s instead of 23.
timers='"hello_interval_min_ns": "200ms", "hello_interval_max_ns": "500ms", "routing_interval_ns": "500ms"'
echo "{\"propagation\": \"routed\", $timers}" >"$tmp/routed.json"
echo "{\"propagation\": \"routed\", \"routing_greetings_max\": 0, $timers}" >"$tmp/b.json"
mkfifo "$tmp/a.in" "$tmp/b.in"
# S logs to --log, which is read while S runs.
ip netns exec "$id-s" "$PTPLAB" node --listen 203.0.113.10:9000 --params "$tmp/routed.json" \
  --log "$tmp/s.log" </dev/null >"$tmp/s.out" 2>&1 &
pids+=($!)
ip netns exec "$id-a" "$PTPLAB" node --control json --listen 192.168.1.2:9000 --peer 203.0.113.10:9000 \
  --params "$tmp/routed.json" <"$tmp/a.in" >"$tmp/a.out" 2>"$tmp/a.log" &
pids+=($!)
ip netns exec "$id-b" "$PTPLAB" node --control json --listen 192.168.1.2:9000 --peer 203.0.113.10:9000 \
  --params "$tmp/b.json" <"$tmp/b.in" >"$tmp/b.out" 2>"$tmp/b.log" &
pids+=($!)
exec 3>"$tmp/a.in" 4>"$tmp/b.in"

# The nodes write JSON lines with sorted keys and no spaces ({"event":"peer_added","peer":...}),
# so a line is found by the "key":value texts it contains.
lines() {  # lines FILE TEXT...: the lines of FILE that contain every TEXT
  local out
  out=$(cat "$1" 2>/dev/null) || return 1
  for t in "${@:2}"; do out=$(grep -F -- "$t" <<<"$out") || return 1; done
  printf '%s\n' "$out"
}
has() { lines "$@" >/dev/null; }
field() {  # field KEY FILE TEXT...: KEY's string value in the first of those lines
  lines "${@:2}" | head -n1 | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}

wait_for 5 has "$tmp/a.log" '"event":"listening"' || die "A did not start"
wait_for 5 has "$tmp/b.log" '"event":"listening"' || die "B did not start"
ida=$(field node_id "$tmp/a.log" '"event":"listening"')
idb=$(field node_id "$tmp/b.log" '"event":"listening"')

# CONNECT opens the path: A reports success for B, and B hears A at NAT_A's public address.
wait_for 30 has "$tmp/a.log" '"event":"connect_succeeded"' "\"node_id\":\"$idb\""
check "A's CONNECT to B succeeded through the two NATs" $?
wait_for 10 has "$tmp/b.log" '"event":"connect_succeeded"' "\"node_id\":\"$ida\"" '"peer":"203.0.113.20:9000"'
check "B's side succeeded too: a datagram from A reached B, from NAT_A's public address" $?
check "S received and forwarded CONNECTs (in $(count s rendezvous connect_in), out $(count s rendezvous connect_out))" \
  "$([ "$(count s rendezvous connect_in)" -ge 2 ] && [ "$(count s rendezvous connect_out)" -ge 2 ]; echo $?)"
greeting_drops=$(count nb nat_box unsolicited)
check "NAT_B dropped A's unsolicited HELLO before the CONNECT ($greeting_drops datagrams)" \
  "$([ "$greeting_drops" -ge 1 ]; echo $?)"

# A channel at A, joined by B, a message each way.
echo '{"cmd":"create","name":"room"}' >&3
wait_for 10 has "$tmp/a.out" '"event":"created"' || die "A did not create room"
asked() {  # asked FD FILE TEXT...: sends {"cmd":"channels"} on FD; whether FILE then has the line
  echo '{"cmd":"channels"}' >&"$1"
  sleep 0.3
  has "${@:2}"
}
wait_for 15 asked 4 "$tmp/b.out" '"event":"channels"' '"channel":"room"' || die "B never heard of room"
echo '{"cmd":"join","channel":"room"}' >&4
wait_for 10 has "$tmp/b.out" '"event":"joined"' || die "B did not join room"
# (room is the only channel with two members: nobody joins the nodes' default lobbies)
wait_for 15 asked 3 "$tmp/a.out" '"event":"channels"' '"members":2' || die "A never saw B join room"
echo '{"cmd":"msg","channel":"room","text":"through-the-nat"}' >&3
wait_for 10 has "$tmp/b.out" '"event":"message"' '"text":"through-the-nat"' "\"node_id\":\"$ida\""
check "B printed A's message" $?
echo '{"cmd":"msg","channel":"room","text":"and-back"}' >&4
wait_for 10 has "$tmp/a.out" '"event":"message"' '"text":"and-back"' "\"node_id\":\"$idb\""
check "A printed B's message" $?
has "$tmp/b.log" '"event":"delivered"' '"hops":0' "\"node_id\":\"$ida\"" '"peer":"203.0.113.20:9000"'
check "B delivered A's message from NAT_A's public address, 0 hops" $?
check "NAT_B forwarded a MESSAGE from NAT_A's public address ($(count nb nat_box direct_message))" \
  "$([ "$(count nb nat_box direct_message)" -ge 1 ]; echo $?)"
check "NAT_A forwarded a MESSAGE from NAT_B's public address ($(count na nat_box direct_message))" \
  "$([ "$(count na nat_box direct_message)" -ge 1 ]; echo $?)"
sleep 1  # a relayed copy, had there been one, would have passed S by now
check "S neither received nor sent a MESSAGE (in $(count s rendezvous message_in), out $(count s rendezvous message_out); all its UDP: in $(count s rendezvous udp_in), out $(count s rendezvous udp_out))" \
  "$([ "$(count s rendezvous message_in)" -eq 0 ] && [ "$(count s rendezvous message_out)" -eq 0 ]; echo $?)"

# RFC 4787 mapping: S and B see A at the same public address (port preserved).
peer_address() {  # peer_address FILE NODE_ID: the address of NODE_ID in FILE's {"event":"peers"} lines
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    for p in d.get("peers", []) if d.get("event") == "peers" else []:
        if p["node_id"] == sys.argv[2]:
            print(p["address"]); sys.exit(0)
sys.exit(1)' "$@"
}
echo '{"cmd":"peers"}' >&4
wait_for 5 peer_address "$tmp/b.out" "$ida" >/dev/null || die "B lists no peer $ida"
b_sees_a=$(peer_address "$tmp/b.out" "$ida")
check "endpoint-independent mapping, port preserved: B sees A at $b_sees_a, as S does (203.0.113.20:9000)" \
  "$([ "$b_sees_a" = 203.0.113.20:9000 ] && has "$tmp/s.log" '"event":"peer_added"' "\"peer\":\"$b_sees_a\""; echo $?)"

# RFC 4787 filtering: a datagram from S's address but another port does not get through NAT_B.
before=$(count nb nat_box unsolicited)
ip netns exec "$id-s" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("203.0.113.10", 9001))
s.sendto(b"{\"msg_type\":\"HELLO\"}", ("203.0.113.30", 9000))'
sleep 0.5
check "address-and-port-dependent filtering: NAT_B dropped a datagram from 203.0.113.10:9001 ($before -> $(count nb nat_box unsolicited))" \
  "$([ "$(count nb nat_box unsolicited)" -gt "$before" ] && ! grep -q '203.0.113.10:9001' "$tmp/b.log"; echo $?)"

echo '{"cmd":"quit"}' >&3
echo '{"cmd":"quit"}' >&4
wait_for 5 has "$tmp/a.out" '"event":"quit"'
check "A quits on command" $?
[ "$failures" -eq 0 ] || die "$failures checks failed"
echo "nat_punch e2e: OK ($ida and $idb behind two Linux NATs, direct after CONNECT)"
