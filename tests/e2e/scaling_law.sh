#!/usr/bin/env bash
# e2e: a sweep over the node count gets the HTML report's scaling law (reports/html/scaling_law.hpp):
# log-log axes when n spans more than a decade, log y only otherwise unless --log-n asks, a chart
# per law metric (datagrams_per_delivered_message among them, a per-run metric) and a table of
# every point; --log-n without --html is an input error.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
cd "${PTPLAB_SOURCE_DIR:-$(dirname "$0")/../..}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

scenario=scenarios/suites/smoke/basic.json  # 2 servers + clients, 8 simulated s
sweep() {                                    # sweep over the clients' count: $1 = JSON list, $2 = report
  local rc=0
  "$PTPLAB" sweep "$scenario" -j 1 --quiet --set "/sweep={\"parameters\":{\"/nodes/1/count\":$1}}" \
    --report "$2" >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] || fail "sweep $1 exit $rc"
}

# n = 5 and 62: more than a decade, so log-log by itself.
sweep '[3,60]' "$t/wide.db"
"$PTPLAB" report "$t/wide.db" --html "$t/wide.html" >/dev/null || fail "report --html failed"
grep -qF "Scaling law: the law's metrics against the node count n (log-log axes)" "$t/wide.html" ||
  fail "no log-log scaling law for n = 5..62"
for m in datagrams_per_delivered_message bytes_per_delivered_message delivery_ratio latency_p99_ms; do
  grep -qF "<figcaption>$m against the node count n</figcaption><svg" "$t/wide.html" || fail "no chart of $m"
done
# The metric the law's first chart plots is a per-run metric of the report.
n=$(sqlite3 "$t/wide.db" "SELECT count(*) FROM scalar WHERE module = 'metrics' AND name = 'datagrams_per_delivered_message'")
[ "$n" = 2 ] || fail "datagrams_per_delivered_message in $n of 2 runs"
grep -qF '<th>reading</th><th>n</th><th>state</th>' "$t/wide.html" || fail "no table of the law's points"

# n = 12 and 42: within a decade, so a linear x unless --log-n.
sweep '[10,40]' "$t/narrow.db"
"$PTPLAB" report "$t/narrow.db" --html "$t/narrow.html" >/dev/null || fail "report --html (narrow) failed"
grep -qF "against the node count n (log y axis)" "$t/narrow.html" || fail "narrow sweep not on a linear x"
"$PTPLAB" report "$t/narrow.db" --html "$t/log.html" --log-n >/dev/null || fail "report --html --log-n failed"
grep -qF "against the node count n (log-log axes)" "$t/log.html" || fail "--log-n did not give log-log axes"

rc=0
err=$("$PTPLAB" report "$t/narrow.db" --log-n 2>&1 >/dev/null) || rc=$?
[ "$rc" = 2 ] || fail "--log-n without --html exit $rc"
grep -qF "expected it with --html OUT.html" <<<"$err" || fail "--log-n without --html said: $err"
echo "ok"
