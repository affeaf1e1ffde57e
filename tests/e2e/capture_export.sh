#!/usr/bin/env bash
# e2e: `ptplab run --pcap` on a smoke scenario opened by tshark with tools/wireshark/ptpchat.lua
# (verb counts equal the report's traffic table; the filters; a msg_id followed across hops;
# MESSAGE envelopes decoded), `ptplab report --csv` read back with Python's csv module (one row
# per run, the swept parameter and metrics as columns, every table), `ptplab node --pcap`, and a
# piped sweep whose per-run lines arrive as the runs finish.
source "$(dirname "$0")/lib/preamble.bash"
cd "$src" || exit 1
lua=tools/wireshark/ptpchat.lua
command -v tshark >/dev/null || { echo "FAIL tshark is not installed (tools/install-deps installs it)"; exit 1; }
ts() { tshark -X lua_script:"$lua" -r "$@" 2>/dev/null; }

"$PTPLAB" run scenarios/suites/smoke/basic.json --pcap "$tmp/c.pcap" --report "$tmp/r.db" --quiet >/dev/null
check "run --pcap exits 0" $?
ts "$tmp/c.pcap" -T fields -e ptpchat.verb | sort | uniq -c | awk '{print $2, $1}' >"$tmp/tshark"
python3 - "$tmp/r.db" >"$tmp/report" <<'PY'
import sqlite3, sys
for verb, n in sqlite3.connect(sys.argv[1]).execute(
        "SELECT verb, sum(datagrams_sent) FROM traffic GROUP BY verb HAVING sum(datagrams_sent) > 0 ORDER BY verb"):
    print(verb, n)
PY
[ -s "$tmp/tshark" ] && diff "$tmp/tshark" "$tmp/report" >/dev/null
ok=$?
check "dissector verb counts equal the traffic table's datagrams_sent ($(tr '\n' ' ' <"$tmp/tshark"))" $ok
[ "$(ts "$tmp/c.pcap" -Y '_ws.lua.error || _ws.malformed' | wc -l)" -eq 0 ]
check "no Lua error or malformed packet" $?

# A MESSAGE's envelope agrees with its msg_data, and some msg_id is carried more than once.
ts "$tmp/c.pcap" -Y 'ptpchat.verb == "MESSAGE"' -T fields -e ptpchat.msg_id -e ptpchat.envelope.msg_id \
  -e ptpchat.envelope.body_kind | head -50 >"$tmp/env"
[ -s "$tmp/env" ] && awk -F'\t' '$1 != $2 || $3 == "" {bad=1} END {exit bad}' "$tmp/env"
check "MESSAGE envelopes decoded (msg_id as in msg_data)" $?
first=$(ts "$tmp/c.pcap" -Y 'ptpchat.msg_id.seen == 2' -T fields -e ptpchat.msg_id -e ptpchat.msg_id.first | head -1)
id=$(cut -f1 <<<"$first"); frame=$(cut -f2 <<<"$first")
[ -n "$id" ] && [ "$(ts "$tmp/c.pcap" -Y "ptpchat.msg_id == \"$id\" && ptpchat.msg_id.seen == 1" -T fields -e frame.number)" = "$frame" ]
check "a msg_id is followed across datagrams (first frame $frame)" $?

"$PTPLAB" run scenarios/suites/smoke/basic.json --pcap "$tmp/m.pcap" --pcap-verbs MESSAGE,ACK --pcap-hosts servers \
  --report "$tmp/m.db" --quiet >/dev/null
check "run --pcap-verbs --pcap-hosts exits 0" $?
[ "$(ts "$tmp/m.pcap" -T fields -e ptpchat.verb | sort -u | tr '\n' ' ')" = "ACK MESSAGE " ]
check "--pcap-verbs keeps only those verbs" $?
[ "$(ts "$tmp/m.pcap" -Y 'not (ip.addr == 20.0.0.1 || ip.addr == 20.0.0.2)' | wc -l)" -eq 0 ] &&
  [ "$(ts "$tmp/m.pcap" | wc -l)" -gt 0 ]
check "--pcap-hosts keeps only datagrams from or to the group" $?
rc=0; "$PTPLAB" run scenarios/suites/smoke/basic.json --pcap "$tmp/x.pcap" --pcap-hosts nosuch --quiet \
  --report "$tmp/x.db" >/dev/null 2>&1 || rc=$?
check "--pcap-hosts naming no group exits 2" $((rc != 2))
rc=0; "$PTPLAB" run scenarios/suites/smoke/basic.json --pcap-verbs HELLO --quiet --report "$tmp/x.db" >/dev/null 2>&1 || rc=$?
check "--pcap-verbs without --pcap exits 2" $((rc != 2))

# `ptplab node --pcap`: what a real node sent and received, as its log counts them.
port=$(python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$PTPLAB" node --listen 127.0.0.1:"$port" --pcap "$tmp/n.pcap" --seed 1 --log "$tmp/a.log" & a=$!
"$PTPLAB" node --listen 127.0.0.1:0 --peer 127.0.0.1:"$port" --seed 2 --log "$tmp/b.log" & b=$!
sleep 3; kill -TERM "$a" "$b"; wait "$a"; wait "$b"
want=$(python3 -c 'import json,sys; e=[json.loads(l) for l in open(sys.argv[1])][-1]; print(e["sent"] + e["received"])' "$tmp/a.log")
got=$(ts "$tmp/n.pcap" -Y ptpchat | wc -l)
[ "$got" -gt 0 ] && [ "$got" -eq "$want" ] && [ "$(ts "$tmp/n.pcap" -Y "udp.srcport == $port" | wc -l)" -gt 0 ] &&
  [ "$(ts "$tmp/n.pcap" -Y "udp.dstport == $port" | wc -l)" -gt 0 ]
check "node --pcap holds what the node sent and received ($got = $want datagrams)" $?

# A sweep piped through a reader that stamps each line: the per-run lines come as runs finish.
"$PTPLAB" sweep scenarios/suites/smoke/basic.json -j 1 --report "$tmp/s.db" \
  --set '/sweep={"parameters":{"/network/loss/rate":[0,0.1]},"seeds":2}' |
  while IFS= read -r line; do echo "$(date +%s%N) $line"; done >"$tmp/lines"
grep -c '\] \(pass\|FAIL\) ' "$tmp/lines" | grep -qx 4
check "piped sweep prints a line per finished run" $?
t1=$(grep ' \[1/4\] ' "$tmp/lines" | cut -d' ' -f1); t4=$(grep ' \[4/4\] ' "$tmp/lines" | cut -d' ' -f1)
[ -n "$t1" ] && [ -n "$t4" ] && [ $(((t4 - t1) / 1000000)) -ge 100 ]
check "the first run's line arrives before the last run ends ($(((${t4:-0} - ${t1:-0}) / 1000000)) ms apart)" $?
"$PTPLAB" sweep scenarios/suites/smoke/basic.json -j 2 --quiet --report "$tmp/q.db" \
  --set '/sweep={"parameters":{"/network/loss/rate":[0]},"seeds":2}' >"$tmp/quiet" 2>&1
! grep -q '\[1/2\]' "$tmp/quiet" && ! grep -q ' runs, [0-9]* at a time' "$tmp/quiet" && grep -q '^per point' "$tmp/quiet"
check "sweep --quiet prints no header and no per-run line, and still its tables" $?

"$PTPLAB" report "$tmp/s.db" --csv "$tmp/csv" >/dev/null
check "report --csv exits 0" $?
# Outputs given together are all produced (review M13: --csv with --json wrote only the CSV).
"$PTPLAB" report "$tmp/s.db" --csv "$tmp/both" --json "$tmp/both.json" --digest >"$tmp/both.out" &&
  [ -s "$tmp/both/runs.csv" ] && [ -s "$tmp/both.json" ] && grep -qE '^[0-9a-f]{64}$' "$tmp/both.out"
check "report --csv --json --digest produces all three" $?
python3 - "$tmp/csv" "$tmp/s.db" <<'PY'
import csv, sqlite3, sys
d, db = sys.argv[1], sqlite3.connect(sys.argv[2])
rows = list(csv.DictReader(open(d + "/runs.csv", newline="")))
assert len(rows) == 4, f"runs.csv: {len(rows)} rows"
assert sorted(float(r["/network/loss/rate"]) for r in rows) == [0, 0, 0.1, 0.1], "swept parameter column"
for r in rows:
    want = db.execute("SELECT value FROM scalar WHERE run_id = ? AND module = 'metrics' AND name = 'delivery_ratio'",
                      (int(r["run_id"]),)).fetchone()[0]
    assert abs(float(r["delivery_ratio"]) - want) < 1e-9, "delivery_ratio column"
    assert r["latency_ms.p50"] != "" and int(r["seed"]) in (1, 2)
for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
    got = list(csv.reader(open(f"{d}/{table}.csv", newline="")))
    cols = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
    assert got[0] == cols, f"{table}.csv header"
    assert len(got) - 1 == db.execute(f"SELECT count(*) FROM {table}").fetchone()[0], f"{table}.csv rows"
scenario = list(csv.DictReader(open(d + "/run.csv", newline="")))[0]["scenario_text"]
assert scenario.startswith("{") and "," in scenario, "quoted text with commas survives"
PY
check "CSV export reads back: one row per run, swept parameter and metrics, every table" $?

exit $((failures > 0))
