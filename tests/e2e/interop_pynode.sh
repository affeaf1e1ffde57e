#!/usr/bin/env bash
# e2e: `ptplab conform --strict` against tests/interop/pynode.py, an independent ptpchat node
# written from the spec alone (HELLO, ACK, ROUTING; no crypto), gives exactly the cases listed
# in tests/interop/expected-failures.txt with their statuses: a case that does not pass and is
# not listed, or a listed case that passes or ends otherwise, fails the test (issue 14, item 5).
# The node is still running at the end (it survived the robustness cases). To update the list
# after a harness change: tests/interop/README.md, "Updating the expected-failure list".
source "$(dirname "$0")/lib/preamble.bash"
interop="$src/tests/interop"

python3 "$interop/pynode.py" --listen 127.0.0.1:0 --port-file "$tmp/port" >"$tmp/node.out" 2>"$tmp/node.err" &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 150); do [[ -s "$tmp/port" ]] && break; sleep 0.1; done  # Python starts slowly on a busy machine
[[ -s "$tmp/port" ]]; check "pynode bound a port" $?
port=$(cat "$tmp/port" 2>/dev/null)

rc=0
"$PTPLAB" conform --target "127.0.0.1:$port" --strict --json "$tmp/r.json" --junit "$tmp/j.xml" >"$tmp/conform.out" 2>&1 || rc=$?
[[ "$rc" == 1 ]]; check "conform exits 1 (MUST cases fail against a node without crypto), got $rc" $?

python3 "$interop/compare_verdicts.py" "$tmp/r.json" "$interop/expected-failures.txt"
check "verdicts agree exactly with tests/interop/expected-failures.txt" $?

kill -0 "$node_pid" 2>/dev/null; check "pynode still runs after the run" $?
if ((failures > 0)); then
  echo "== conform output (failures and warnings)"; grep -E '^  --  .* (fail|warn)' "$tmp/conform.out" || true
  echo "== pynode stderr"; tail -5 "$tmp/node.err"
fi
exit $((failures > 0))
