#!/usr/bin/env bash
# End-to-end test of delivery against intention (issue [T] item 1) on the real binary ($PTPLAB):
# members that never joined (servers with a full peer table) count against `delivery_ratio`; the summary prints both
# ratios and the join figures; the membership rows recompute the join scalars.
source "$(dirname "$0")/lib/preamble.bash"
s() { sqlite3 "$tmp/a.db" "SELECT value FROM scalar WHERE module = 'metrics' AND name = '$1'"; }

# Servers that peer with at most 3 nodes: most of the 12 clients can never join (their HELLOs are
# refused as peers_full), whatever the seed. (Loss alone no longer keeps members out: nodes
# learned through ROUTING are greeted directly, and at 20 % loss all 12 join.)
"$PTPLAB" run "$src/scenarios/suites/smoke/basic.json" --set '/nodes/0/params={"peers_max":3}' --report "$tmp/a.db" >"$tmp/out" 2>&1
mi=$(s members_intended); mj=$(s members_joined); dr=$(s delivery_ratio); dj=$(s delivery_ratio_joined)
[[ -n "$mi" && -n "$mj" && -n "$dr" && -n "$dj" ]]; check "join and delivery scalars present" $?
python3 -c "import sys; sys.exit(0 if float('$mj') < float('$mi') and float('$dr') < 1 else 1)"
check "members failed to join ($mj of $mi) and delivery_ratio ($dr) shows it" $?
python3 -c "import sys; sys.exit(0 if float('$dj') >= float('$dr') else 1)"
check "the joined-only ratio ($dj) is not below the headline ($dr)" $?
grep -q "ratio .* of intended members .* of joined members" "$tmp/out"; check "summary prints both ratios" $?
grep -q "members .* of .* intended joined .* join time ms p50" "$tmp/out"; check "summary prints the join figures" $?
[[ "$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM membership")" == "${mi%.*}" ]]
check "one membership row per intended membership" $?
[[ "$(sqlite3 "$tmp/a.db" "SELECT count(joined_ns) FROM membership")" == "${mj%.*}" ]]
check "membership rows recompute members_joined" $?

[[ $failures == 0 ]] && echo "all delivery-intention checks passed" || echo "$failures delivery-intention checks failed"
exit $((failures > 0))
