#!/usr/bin/env bash
# e2e: the [H] acceptance case. Two sweeps of propagation/gossip_fanout.json (same 6 seeds, so
# paired) that differ only in gossip fanout: `ptplab compare` must report the latency difference
# with its interval, call it better for the larger fanout, and the interval must exclude 0.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
cd "${PTPLAB_SOURCE_DIR:-$(dirname "$0")/../..}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

scenario=scenarios/suites/propagation/gossip_fanout.json
sweep() {
  local rc=0
  "$PTPLAB" sweep "$scenario" -j 2 --report "$t/$1.db" --set "/nodes/0/params/gossip_fanout=$2" \
    --set /nodes/0/count=40 --set /sweep/seeds=6 >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] || fail "ptplab sweep fanout=$2 exit $rc"
}
sweep fanout2 2
sweep fanout5 5

"$PTPLAB" compare "$t/fanout2.db" "$t/fanout5.db" --metric latency_p50_ms --metric delivery_ratio \
  --metric bytes_sent >"$t/out.txt" || fail "compare exit $?"
cat "$t/out.txt"
grep -q '^A: .*(6 runs' "$t/out.txt" || fail "A side should have the 6 seeds"
row=$(grep '^ *latency_p50_ms ' "$t/out.txt") || fail "no latency_p50_ms row"
# The row carries the means, B - A with its interval, the runs, the pairing and the verdict.
[ "$(grep -o '\[[^]]*\]' <<<"$row" | wc -l)" -eq 1 ] || fail "latency row lacks its interval: $row"
grep -q ' 6/6 *paired *better$' <<<"$row" || fail "a larger fanout should give a lower latency: $row"
diff_ci=$(grep -o '\[[^]]*\]' <<<"$row" | tr -d '[],')
read -r lo hi <<<"$diff_ci"
awk -v lo="$lo" -v hi="$hi" 'BEGIN { exit !(lo < 0 && hi < 0) }' || fail "B - A interval [$lo, $hi] should lie below 0"
grep -q '^ *bytes_sent .*worse$' "$t/out.txt" || fail "a larger fanout should cost more bytes"

# The gate: B is worse in bytes, so --fail-if-worse bytes_sent exits 1; latency is not worse.
rc=0
"$PTPLAB" compare "$t/fanout2.db" "$t/fanout5.db" --fail-if-worse bytes_sent >/dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "--fail-if-worse bytes_sent exit $rc, expected 1"
"$PTPLAB" compare "$t/fanout2.db" "$t/fanout5.db" --fail-if-worse latency_p50_ms >/dev/null ||
  fail "--fail-if-worse latency_p50_ms should pass"
echo "ok: latency_p50_ms B - A in [$lo, $hi] ms"
