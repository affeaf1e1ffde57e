#!/usr/bin/env bash
# End-to-end test of the join figures and the warnings behind them (review-tr findings 2, 9, 12):
# a member joins when its node learns of the channel (the engine's channel_announced event), so
# join times are not the runner's 500 ms poll grid; a hub whose anti-amplification budget keeps
# members from learning of their channel gets warning lines naming amplification_limit and the
# members that had not joined; `ptplab report` repeats the run's warning lines from the rows.
source "$(dirname "$0")/lib/preamble.bash"
cat >"$tmp/j.json" <<'J'
{"name":"join-grid","seed":5,"duration":"8s","record":"full",
 "network":{"latency":{"model":"uniform","min":"7ms","max":"93ms"},"loss":{"rate":0.05}},
 "nodes":[{"name":"s","count":2,"role":"server"},{"name":"c","count":30,"placement":"public"}],
 "workload":{"channels":[{"name":"c","members":{"groups":["c"]},"messages":{"rate_per_s":1}}]}}
J
"$PTPLAB" run "$tmp/j.json" --report "$tmp/j.db" >"$tmp/j.out" 2>&1
read -r n grid <<<"$(sqlite3 -separator ' ' "$tmp/j.db" "SELECT count(*), sum((joined_ns - intended_ns) % 500000000 = 0)
  FROM membership WHERE joined_ns IS NOT NULL AND joined_ns > intended_ns")"
[[ "${n:-0}" -ge 5 && "$grid" -lt "$n" ]]; check "join times are not the 500 ms poll grid ($grid of $n on it)" $?

cat >"$tmp/h.json" <<'J'
{"name":"hub","duration":"10s","record":"summary",
 "nodes":[{"name":"servers","count":1,"role":"server"},{"name":"clients","count":100,"placement":"public"}],
 "workload":{"channels":[{"name":"c","members":{"groups":["clients"]},"messages":{"interval":"1s","size":200}}]}}
J
"$PTPLAB" run "$tmp/h.json" --report "$tmp/h.db" >"$tmp/h.out" 2>&1
nj=$(sqlite3 "$tmp/h.db" "SELECT count(*) - count(joined_ns) FROM membership WHERE left_ns IS NULL")
# With default params 13 of 100 never learn of the channel (anti-amplification at the server);
# should the protocol change, the warning is still checked whenever members fell short.
if [[ "$nj" -gt 0 ]]; then
  grep -q "^warning: $nj of 100 channel members up at the end had not joined.* dropped as amplification_limit.*anti_amplification_enabled" "$tmp/h.out"
  check "the join shortfall and the amplification_limit drops get a warning line ($nj)" $?
fi
"$PTPLAB" report "$tmp/h.db" >"$tmp/r.out" 2>&1
diff <(grep '^warning:' "$tmp/h.out" | grep -v 'could not be sent\|copies of sent') <(grep '^warning:' "$tmp/r.out") >"$tmp/diff"
check "ptplab report repeats the run's warning lines" $?
cat "$tmp/diff"
[[ $failures == 0 ]] && echo "all join-figure checks passed" || echo "$failures join-figure checks failed"
exit $((failures > 0))
