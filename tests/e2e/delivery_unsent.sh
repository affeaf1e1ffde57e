#!/usr/bin/env bash
# End-to-end test of delivery against intention for messages that were never sent (review-tr
# finding 1): a MESSAGE its origin refused (too_large) counts its intended recipients as
# undelivered, so a run whose every message was refused has delivery_ratio 0 (not absent), the
# `sim` scalars hold the unsent pairs SCHEMA.md's SQL adds, the summary says how many were not
# sent, and `sweep` repeats the runs' warning lines and says how many runs a mean covers.
source "$(dirname "$0")/lib/preamble.bash"
cat >"$tmp/s.json" <<'J'
{"name":"unsent","duration":"6s","record":"full",
 "nodes":[{"name":"servers","count":1,"role":"server"},
          {"name":"clients","count":40,"placement":"public","params":{"max_datagram_bytes":2048}}],
 "workload":{"channels":[{"name":"c","members":{"groups":["clients"]},"messages":{"interval":"1s","size":200}}]},
 "sweep":{"parameters":{"/nodes/1/params/max_datagram_bytes":[2048, 3300]},"seeds":2}}
J
q() { sqlite3 "$tmp/a.db" "$1"; }
"$PTPLAB" run "$tmp/s.json" --report "$tmp/a.db" >"$tmp/a.out" 2>&1
grep -q "too_large" "$tmp/a.out"; check "the run refuses messages as too_large" $?
dr=$(q "SELECT value FROM scalar WHERE module = 'metrics' AND name = 'delivery_ratio'")
[[ "$dr" == "0.0" || "$dr" == "0" ]]; check "every message refused: delivery_ratio is 0 (got '$dr')" $?
pairs=$(q "SELECT value FROM scalar WHERE module = 'sim' AND name = 'unsent_intended_pairs'")
python3 -c "import sys; sys.exit(0 if float('${pairs:-0}') > 0 else 1)"; check "unsent_intended_pairs recorded ($pairs)" $?
re=$(q "SELECT CAST((SELECT count(*) FROM (SELECT DISTINCT msg_id, node FROM delivery WHERE intended)) AS REAL)
          / ((SELECT coalesce(sum(intended_recipients), 0) FROM message)
             + coalesce((SELECT value FROM scalar WHERE module = 'sim' AND name = 'unsent_intended_pairs'), 0))")
[[ "$re" == "$dr" ]]; check "SCHEMA.md's SQL recomputes delivery_ratio ($re)" $?
grep -q "scheduled not sent (counted as undelivered)" "$tmp/a.out"; check "the summary says messages were not sent" $?
grep -q "warning: .* dropped as too_large (.*ROUTING" "$tmp/a.out"; check "too_large ROUTING drops get a warning line" $?
"$PTPLAB" sweep "$tmp/s.json" -j 1 --report "$tmp/s.db" >"$tmp/s.out" 2>&1
grep -q "^warning: /nodes/1/params/max_datagram_bytes=2048 seed=.*too_large" "$tmp/s.out"
check "sweep repeats the runs' warning lines, by point" $?
dr_point=$(grep -E "^ +/nodes/1/params/max_datagram_bytes=2048 +2 +" "$tmp/s.out")
[[ "$dr_point" =~ ^\ +/nodes/1/params/max_datagram_bytes=2048\ +2\ +0\  ]]
check "the refused point's mean delivery is 0 over its 2 runs ($dr_point)" $?
[[ $failures == 0 ]] && echo "all delivery-unsent checks passed" || echo "$failures delivery-unsent checks failed"
exit $((failures > 0))
