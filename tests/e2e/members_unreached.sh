#!/usr/bin/env bash
# A joined member that receives nothing is told, not counted silently as joined (review 7, S1/S2):
# under propagation "mesh" a join is the member's own view, and members whose grafts a symmetric
# NAT filters, or whose only known member (an invite's creator) is gone, join and get nothing.
# The run's summary and `ptplab report` both warn (sim.members_joined_unreached); a healthy mesh
# does not.
source "$(dirname "$0")/lib/preamble.bash"
cd "$tmp" || exit 1

# One node group's params: the four presets of scale/10k.json.
params='{"propagation": "mesh", "routing_advert": "sample", "routing_sample_max": 4,
  "routing_greetings_max": 0, "routing_interval_ns": "30s", "routing_entry_timeout_ns": "90s",
  "routing_to_new_peer": true, "hello_interval_min_ns": "10s", "hello_interval_max_ns": "20s",
  "peer_timeout_ns": "60s", "hello_retry_interval_ns": "1s", "held_relays_max": 128,
  "channel_discovery": "invite"}'
# scenario NAME CLIENT_PLACEMENT EXTRA_GROUPS WORKLOAD_EXTRA TIMELINE
scenario() {
  cat >"$1.json" <<JSON
{"name": "$1", "seed": 1, "duration": "40s", "record": "summary",
 "network": {"latency": {"model": "uniform", "min": "20ms", "max": "60ms"}},
 "nodes": [{"name": "servers", "count": 3, "role": "server", "placement": "public", "params": $params},
           {"name": "c", "count": 40, "placement": "$2", "params": $params}$3],
 "topology": {"bootstrap": {"servers": "servers"}},
 "workload": {"channels": [{"name": "room", "members": {"groups": ["c"$4], "share": 0.3},
   "messages": {"rate_per_s": 1, "size": 200, "start": "10s"}}]$5}$6}
JSON
}
warned() { grep "joined channel members up at the end received no message" "$1" >/dev/null; }

scenario symmetric symmetric "" "" "" ""
"$PTPLAB" run symmetric.json --report s.db >s.out 2>&1
warned s.out; ok=$?
check "members behind symmetric NATs: the run warns that joined members got nothing: $(grep -o '[0-9]* of [0-9]* joined channel members[^(]*' s.out)" $ok
"$PTPLAB" report s.db >s.report 2>&1
warned s.report; check "ptplab report warns the same" $?
n=$(sqlite3 s.db "SELECT CAST(value AS INTEGER) FROM scalar WHERE module = 'sim' AND name = 'members_joined_unreached'")
[ "${n:-0}" -gt 0 ]; check "sim.members_joined_unreached is stored (${n:-absent})" $?

late=', {"name": "late", "count": 10, "placement": "public", "params": '"$params"'}'
scenario gone public "$late" "" ', "membership": [{"at": "25s", "action": "join", "channel": "room", "groups": ["late"]}]' ', "timeline": [{"at": "15s", "action": "crash", "group": "c"}]'
"$PTPLAB" run gone.json --report g.db >g.out 2>&1
warned g.out; check "late joiners invited by a crashed channel get nothing: the run warns" $?

scenario healthy public "" "" "" ""
"$PTPLAB" run healthy.json --report h.db >h.out 2>&1
rc=$?
! warned h.out; check "a healthy mesh of public nodes has no such warning (exit $rc)" $?
n=$(sqlite3 h.db "SELECT count(*) FROM scalar WHERE module = 'sim' AND name = 'members_joined_unreached'")
[ "$n" = 0 ]; check "and stores no sim.members_joined_unreached (absent when none)" $?
exit $((failures > 0))
