#!/usr/bin/env bash
# e2e: tools/soak-node runs end to end with its C++ flooder (soak-flood, built next to ptplab):
# a short, gentle soak (3 s at 2,000 datagrams/s) whose summary counts what was offered, what the
# node received, the probes, memory and the node's stopping event. No timed assertion: the verdict
# (exit 0 or 1) depends on the machine; exit 2 (the node or the flood did not start) fails.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$(dirname "$0")/../.."

tools/soak-node --help >"$t/help.txt"
grep -q -- "--rate" "$t/help.txt" || fail "--help does not name --rate"

rc=0
tools/soak-node --ptplab "$PTPLAB" --seconds 3 --rate 2000 --ports 16 --json "$t/soak.json" >"$t/out.txt" || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || { cat "$t/out.txt"; fail "soak-node exited $rc"; }
python3 - "$t/soak.json" <<'PY' || fail "summary check failed"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["node_alive"], "the node died"
assert s["offered"] > 0 and set(s["by_kind"]) == {"junk", "hello", "oversized", "getcert"}, s["by_kind"]
assert 0 < s["received"] <= s["offered"] + s["probes"] * 10 + 10, (s["received"], s["offered"])
assert s["probes"] >= 1 and s["probes_answered"] <= s["probes"]
assert s["stopping"]["event"] == "stopping" and s["stopping"]["received"] == s["received"]
assert s["stopping"]["dropped"].get("too_large", 0) > 0, s["stopping"]["dropped"]
assert s["rss_max_mib"] > 0 and s["receive_buffer_bytes"] > 0
print(f"soak-node e2e: offered {s['offered']}, received {s['received']}, probes {s['probes_answered']}/{s['probes']}")
PY
echo "soak_node e2e: OK"
