#!/usr/bin/env bash
# e2e: `ptplab conform --strict` against tests/interop/pynode.py, an independent ptpchat node
# written from the spec alone (HELLO, ACK, ROUTING; no crypto), gives exactly the cases listed
# in its expected-failure list with their statuses: a case that does not pass and is not
# listed, or a listed case that passes or ends otherwise, fails the test (issue 14, item 5).
# Two profiles, one after the other: `spec` (tests/interop/expected-failures.txt) and
# `udp-era`, the UDP-era server's behaviour: answers only on its 2 s timer, never ACKs
# (tests/interop/expected-failures.udp-era.txt). Each node still runs at the end (it survived
# the robustness cases). To update a list after a harness change: tests/interop/README.md.
source "$(dirname "$0")/lib/preamble.bash"
interop="$src/tests/interop"
node_pid=
trap '[[ -n "$node_pid" ]] && kill "$node_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# against PROFILE LIST: one pynode, one conform run, the comparison with LIST.
against() {
  local profile="$1" list="$2" out="$tmp/$1" rc=0
  mkdir -p "$out"
  python3 "$interop/pynode.py" --profile "$profile" --port-file "$out/port" >"$out/node.out" 2>"$out/node.err" &
  node_pid=$!
  for _ in $(seq 150); do [[ -s "$out/port" ]] && break; sleep 0.1; done  # Python starts slowly on a busy machine
  [[ -s "$out/port" ]]; check "$profile: pynode bound a port" $?
  "$PTPLAB" conform --target "127.0.0.1:$(cat "$out/port" 2>/dev/null)" --strict --json "$out/r.json" \
    >"$out/conform.out" 2>&1 || rc=$?
  [[ "$rc" == 1 ]]; check "$profile: conform exits 1 (MUST cases fail against a node without crypto), got $rc" $?
  python3 "$interop/compare_verdicts.py" "$out/r.json" "$interop/$list"
  check "$profile: verdicts agree exactly with tests/interop/$list" $?
  kill -0 "$node_pid" 2>/dev/null; check "$profile: pynode still runs after the run" $?
  kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null; node_pid=
  if ((failures > 0)); then
    echo "== $profile: conform failures and warnings"; grep -E '^  --  .* (fail|warn)' "$out/conform.out"
    echo "== $profile: pynode stderr"; tail -5 "$out/node.err"
  fi
}

against spec expected-failures.txt
against udp-era expected-failures.udp-era.txt
exit $((failures > 0))
