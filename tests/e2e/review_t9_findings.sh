#!/usr/bin/env bash
# End-to-end checks of the session-9 [T] review findings (S1, the CONNECT reasons, is checked by
# tests/scenarios/metrics/collector_test.cpp): a restarted node
# does not replay its msg_ids (S2); a messages window that closes before messages can begin gets
# a warning line (S3); bytes_per_delivered_message counts honest bytes only (M2); `compare`
# reads a value stored only when non-zero as 0 in a run without it (M4).
source "$(dirname "$0")/lib/preamble.bash"

# S2: nodes that restart while they send do not reuse a msg_id of their previous incarnation.
cat >"$tmp/restart.json" <<'J'
{"name": "restart", "seed": 100, "duration": "25s", "record": "full",
 "network": {"latency": {"model": "constant", "delay": "20ms"}},
 "nodes": [{"name": "servers", "count": 1, "role": "server"},
           {"name": "c", "count": 20, "placement": "public", "params": {"propagation": "flood"}}],
 "workload": {"channels": [{"name": "all", "messages": {"rate_per_s": 4, "stop": "24s"}}]},
 "timeline": [{"at": "6s", "action": "crash", "group": "c", "share": 0.5},
              {"at": "7s", "action": "restart", "group": "c"},
              {"at": "12s", "action": "crash", "group": "c", "share": 0.5},
              {"at": "13s", "action": "restart", "group": "c"}]}
J
"$PTPLAB" run "$tmp/restart.json" --set /expect=[] --report "$tmp/r.db" >"$tmp/r.out" 2>&1
check "the restart run completes" $?
shared=$(sqlite3 "$tmp/r.db" "SELECT count(*) FROM collision WHERE kind = 'msg_id'")
[[ "$shared" == 0 ]]; check "no msg_id is shared after restarts ($shared)" $?
renewed=$(sqlite3 "$tmp/r.db" "SELECT count(*) FROM scalar WHERE name = 'memberships_renewed_at_restart'")
[[ "$renewed" == 1 ]]; check "nodes did restart" $?

# S3: a window ending before messages can begin (2 s after set-up at 1 s) is warned about.
"$PTPLAB" run "$src/scenarios/suites/smoke/basic.json" --set /workload/channels/0/messages/stop=2.9s \
  --set /expect=[] --report "$tmp/w.db" >"$tmp/w.out" 2>&1
check "the closed-window run completes" $?
grep -q "^warning: 1 skipped as window_closed: channels that sent no MESSAGE" "$tmp/w.out"
check "the summary warns that the window closed before messages could begin" $?
closed=$(sqlite3 "$tmp/w.db" "SELECT value FROM scalar WHERE module = 'sim' AND name = 'skipped_window_closed'")
[[ "$closed" == 1 || "$closed" == 1.0 ]]; check "sim.skipped_window_closed is stored ($closed)" $?
"$PTPLAB" report "$tmp/w.db" >"$tmp/wr.out" 2>&1
grep -q "skipped as window_closed" "$tmp/wr.out"; check "ptplab report repeats the warning" $?

# M2: bytes_per_delivered_message is honest bytes over deliveries, as catalogued.
"$PTPLAB" run "$src/scenarios/suites/smoke/attack.json" --report "$tmp/a.db" --quiet >/dev/null 2>&1
ok=$(sqlite3 "$tmp/a.db" "SELECT abs((SELECT value FROM scalar WHERE name = 'bytes_per_delivered_message')
  - (SELECT value FROM scalar WHERE name = 'honest_bytes_sent')
    / (SELECT count(*) FROM (SELECT DISTINCT msg_id, node FROM delivery WHERE intended))) < 1e-9")
[[ "$ok" == 1 ]]; check "bytes_per_delivered_message = sim.honest_bytes_sent / deliveries" $?

# M4: a value stored only when non-zero is 0 for the runs without it: 3 seeds, only 1 has some.
cat >"$tmp/unsent.json" <<'J'
{"name": "unsent", "duration": "6s",
 "nodes": [{"name": "servers", "count": 1, "role": "server"},
           {"name": "clients", "count": 6, "placement": "public"}],
 "workload": {"channels": [{"name": "c", "members": {"groups": ["clients"]},
                            "messages": {"interval": "1s", "size": 200}}]},
 "sweep": {"parameters": {}, "seeds": 3}}
J
"$PTPLAB" sweep "$tmp/unsent.json" -j 1 --report "$tmp/u.db" >/dev/null 2>&1
check "the 3-seed sweep completes" $?
# One run gets a stored messages_unsent (as a run that refused one would); the others have none.
sqlite3 "$tmp/u.db" "INSERT INTO scalar (run_id, module, name, value)
  SELECT min(run_id), 'sim', 'messages_unsent', 1 FROM run"
"$PTPLAB" compare "$tmp/u.db" "$tmp/u.db" --metric sim.messages_unsent >"$tmp/c.out" 2>&1
grep -Eq "sim\.messages_unsent +lower +0\.3333 " "$tmp/c.out"
check "compare's mean of sim.messages_unsent covers every run (1/3, not 1)" $?
# M6: a membership join that names no groups picks among client groups, as the channel's members do.
cat >"$tmp/join.json" <<'J'
{"name": "join", "duration": "8s", "record": "full",
 "nodes": [{"name": "servers", "count": 2, "role": "server"},
           {"name": "clients", "count": 6, "placement": "public"}],
 "workload": {"channels": [{"name": "c", "members": {"share": 0.5}, "messages": {"interval": "1s"}}],
              "membership": [{"at": "4s", "action": "join", "channel": "c"}]}}
J
"$PTPLAB" run "$tmp/join.json" --report "$tmp/j.db" --quiet >/dev/null 2>&1
check "the membership run completes" $?
servers=$(sqlite3 "$tmp/j.db" "SELECT count(*) FROM membership m JOIN node n ON n.run_id = m.run_id
  AND n.node = m.node WHERE n.role = 'server'")
clients=$(sqlite3 "$tmp/j.db" "SELECT count(DISTINCT m.node) FROM membership m JOIN node n ON n.run_id = m.run_id
  AND n.node = m.node WHERE n.role = 'client'")
[[ "$servers" == 0 && "$clients" == 6 ]]
check "a join without groups makes every client a member and no server ($clients clients, $servers servers)" $?
[[ $failures == 0 ]] && echo "all review-t9 checks passed" || echo "$failures review-t9 checks failed"
exit $((failures > 0))
