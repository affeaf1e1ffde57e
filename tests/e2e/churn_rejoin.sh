#!/usr/bin/env bash
# End-to-end test of membership under churn (review-tr finding 3): a node that comes back up
# after churn is made a member of its channels again and rejoins (a new membership row), so the
# channel does not quietly shrink to the members still in their first session; the renewals are
# counted (sim scalar memberships_renewed_at_restart) and members up at the end that had not
# joined get a warning line.
source "$(dirname "$0")/lib/preamble.bash"
cat >"$tmp/s.json" <<'J'
{"name":"churn-rejoin","seed":33,"duration":"20s","record":"full",
 "network":{"latency":{"model":"constant","delay":"50ms"}},
 "nodes":[{"name":"peers","count":20,"placement":"public"}],
 "topology":{"random_regular":{"degree":4}},
 "workload":{"channels":[{"name":"general","members":{"groups":["peers"]},"messages":{"rate_per_s":2,"start":"4s","stop":"19s"}}]},
 "timeline":[{"at":"2s","action":"churn_on","group":"peers","mean_uptime":"6s","mean_downtime":"2s"}]}
J
q() { sqlite3 "$tmp/a.db" "$1"; }
"$PTPLAB" run "$tmp/s.json" --report "$tmp/a.db" >"$tmp/a.out" 2>&1
check "the run completes" $?
renewed=$(q "SELECT value FROM scalar WHERE module = 'sim' AND name = 'memberships_renewed_at_restart'")
python3 -c "import sys; sys.exit(0 if float('${renewed:-0}') > 0 else 1)"; check "restarts renewed memberships ($renewed)" $?
up=$(q "SELECT count(*) FROM node WHERE left_ns IS NULL")
open=$(q "SELECT count(*) FROM membership WHERE left_ns IS NULL")
[[ "$open" == "$up" ]]; check "every node up at the end is a member again ($open memberships open, $up nodes up)" $?
late=$(q "SELECT count(*) FROM membership WHERE intended_ns > 2000000000 AND joined_ns IS NOT NULL")
[[ "$late" -gt 0 ]]; check "renewed memberships rejoin ($late joined after a restart)" $?
rows=$(q "SELECT count(*) FROM membership"); mi=$(q "SELECT value FROM scalar WHERE module = 'metrics' AND name = 'members_intended'")
[[ "$rows" == "${mi%.*}" ]]; check "members_intended counts the renewed memberships ($rows rows, $mi)" $?
nj=$(q "SELECT count(*) FROM membership WHERE left_ns IS NULL AND joined_ns IS NULL")
if [[ "$nj" -gt 0 ]]; then
  grep -q "^warning: $nj of $open channel members up at the end had not joined" "$tmp/a.out"
  check "members up but not joined at the end get a warning line ($nj)" $?
fi
[[ $failures == 0 ]] && echo "all churn-rejoin checks passed" || echo "$failures churn-rejoin checks failed"
exit $((failures > 0))
