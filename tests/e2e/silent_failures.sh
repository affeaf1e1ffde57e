#!/usr/bin/env bash
# End-to-end test of "nothing fails silently" (issue [T] item 2) on the real binary ($PTPLAB):
# the run summary lists drops by reason and prints a `warning:` line naming the reason when an
# origin could not send (a channel too large for its MESSAGEs), a table bound was hit
# (peers_full) or a bandwidth queue overflowed (queue_overflow); failed NAT attempts carry their
# reason; a clean run prints none.
source "$(dirname "$0")/lib/preamble.bash"

# 200 members: every MESSAGE lists 199 recipients and exceeds the datagram bound.
"$PTPLAB" run "$src/scenarios/suites/propagation/strategies.json" --set /nodes/0/count=200 --set /duration=8s \
  --report "$tmp/big.db" >"$tmp/big.out" 2>&1
[[ "$(sqlite3 "$tmp/big.db" "SELECT value FROM scalar WHERE name = 'messages_sent'")" == "0.0" ]]
check "no message sent with 200 members" $?
grep -q '^warning: [0-9]* MESSAGE(s) could not be sent by their origin: too_large' "$tmp/big.out"
check "a warning line names too_large" $?
grep -q '^  drops  .*too_large' "$tmp/big.out"; check "the drop list names too_large" $?

cat >"$tmp/bounds.json" <<'J'
{"name": "bounds", "seed": 2, "duration": "6s",
 "network": {"latency": {"model": "constant", "delay": "10ms"},
             "bandwidth": {"uplink_bps": "64kbit/s", "queue_bytes": "2KiB"}},
 "nodes": [{"name": "server", "count": 1, "role": "server", "placement": "public", "params": {"peers_max": 3}},
           {"name": "clients", "count": 10, "placement": "public"}],
 "topology": {"bootstrap": {"servers": "server"}},
 "workload": {"channels": [{"name": "c", "members": {"groups": ["clients"]}, "messages": {"rate_per_s": 4, "size": 2000}}]}}
J
"$PTPLAB" run "$tmp/bounds.json" --report "$tmp/bounds.db" >"$tmp/bounds.out" 2>&1
for r in peers_full queue_overflow; do
  n=$(sqlite3 "$tmp/bounds.db" "SELECT coalesce(sum(datagrams_dropped), 0) FROM traffic WHERE drop_reason = '$r'")
  [[ "$n" != 0 ]]; check "$r drops happen ($n)" $?
  grep -q "^warning: $n dropped as $r: " "$tmp/bounds.out"; check "a warning line names $r with its count" $?
  grep -q "^  drops  .*$r $n" "$tmp/bounds.out"; check "the drop list counts $r" $?
done

# 40 simultaneous CONNECTs through one rendezvous: its CONNECT rate limit refuses some, and the
# failed attempts say so instead of reading as NAT results.
cat >"$tmp/rendezvous.json" <<'J'
{"name": "rendezvous-rate", "seed": 3, "duration": "20s",
 "network": {"latency": {"model": "constant", "delay": "20ms"}, "nat": {"mix": {"full_cone": 1.0}}},
 "nodes": [{"name": "server", "count": 1, "role": "server", "placement": "public"},
           {"name": "a", "count": 40, "placement": "nat"}, {"name": "b", "count": 40, "placement": "nat"}],
 "topology": {"bootstrap": {"servers": "server"}},
 "timeline": [{"at": "5s", "action": "connect", "group": "a", "to": "b", "via": "server", "count": 40}]}
J
"$PTPLAB" run "$tmp/rendezvous.json" --report "$tmp/rv.db" >"$tmp/rv.out" 2>&1
n=$(sqlite3 "$tmp/rv.db" "SELECT count(*) FROM nat_attempt WHERE failure_reason = 'rate_limited'")
[[ "$n" -gt 0 ]]; check "failed NAT attempts name the rendezvous rate limit ($n)" $?
[[ "$(sqlite3 "$tmp/rv.db" "SELECT count(*) FROM nat_attempt WHERE succeeded <> (failure_reason IS NULL)")" == 0 ]]
check "exactly the failed attempts carry a reason" $?
grep -q "^  NAT .*failed: .*rate_limited $n" "$tmp/rv.out"; check "the summary counts NAT failures by reason" $?

"$PTPLAB" run "$src/scenarios/suites/smoke/closed_loss.json" --report "$tmp/clean.db" >"$tmp/clean.out" 2>&1
! grep -q 'warning:' "$tmp/clean.out"; check "a run without silent failures prints no warning" $?

[[ $failures == 0 ]] && echo "all silent-failure checks passed" || echo "$failures silent-failure checks failed"
exit $((failures > 0))
