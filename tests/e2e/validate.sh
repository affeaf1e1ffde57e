#!/usr/bin/env bash
# e2e: `ptplab validate`: valid files print "ok NAME" (with their sweep points), invalid ones
# print every error as "FILE: /pointer: sentence", --set applies first; exit 0 / 2.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
cd "${PTPLAB_SOURCE_DIR:-$(dirname "$0")/../..}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The README's complete example is valid and has a 2 x 2 sweep.
sed -n '/^```jsonc$/,/^```$/p' scenarios/README.md | sed '1d;$d' >"$t/example.json"
out=$("$PTPLAB" validate "$t/example.json") || fail "README example invalid: $out"
[ "$(head -1 <<<"$out")" = "ok example (4 sweep points)" ] || fail "unexpected verdict: $out"

# A valid file's run cost follows its verdict: an estimate from the per-node cost model, with its
# basis (issue [P] item 3); a sweep's is of the file without its sweep. No figure is asserted.
grep -qE "^$t/example.json: without its sweep, estimate: about [0-9.]+ (B|KiB|MiB|GiB) peak memory, [0-9.]+( k| M| G)? events \(model: .* nodes x .*not a limit\)$" <<<"$out" ||
  fail "no estimate line for the example: $out"
out=$("$PTPLAB" validate scenarios/suites/scale/flood-1k.json --set /nodes/0/count=8000) || fail "flood-1k: $out"
grep -qE '^scenarios/suites/scale/flood-1k.json: estimate: about [0-9]+ MiB peak memory, [0-9.]+ M events \(model: [0-9]+ MiB \+ 8.0 k nodes x [0-9.]+ (B|KiB) \+ 64.0 k peer entries x .* flood datagrams x .*; 204.8 k HELLOs in 4 s; .*BENCHMARKS.md' <<<"$out" ||
  fail "flood-1k estimate: $out"
cat >"$t/bad.json" <<'J'
{"name":"bad","seed":1,"duration":"10s","network":{"loss":{"model":"bernoulli","rate":1.5}},
 "nodes":[{"count":5,"role":"client"}]}
J
cat >"$t/typo.json" <<'J'
// comments are allowed
{"name":"typo","seed":1,"duraton":"10s","nodes":[{"count":5,"role":"client","region":"mars"}]}
J
rc=0
out=$("$PTPLAB" validate "$t/bad.json" "$t/typo.json" "$t/example.json") || rc=$?
[ "$rc" -eq 2 ] || fail "invalid files gave exit $rc, want 2"
! grep -q "$t/bad.json: .*estimate" <<<"$out" || fail "an invalid file got an estimate: $out"
echo "$out" | grep -qx "$t/bad.json: /network/loss/rate: expected a number in \[0, 1\], found 1.5" ||
  fail "no rate error: $out"
echo "$out" | grep -qx "$t/typo.json: /duraton: unknown key; did you mean \"duration\"?" || fail "no typo error: $out"
echo "$out" | grep -q "$t/typo.json: /nodes/0/region: unknown region \"mars\"" || fail "second error missing: $out"
echo "$out" | grep -qx "ok example (4 sweep points)" || fail "valid file not reported among invalid ones: $out"

# --set is applied before validation: it can fix a file, or break one.
"$PTPLAB" validate --set /network/loss/rate=0.2 "$t/bad.json" >/dev/null || fail "--set did not fix the rate"
rc=0
out=$("$PTPLAB" validate --set /nodes/1/count=0 "$t/example.json") || rc=$?
[ "$rc" -eq 2 ] || fail "--set count=0 gave exit $rc"
echo "$out" | grep -q "/nodes/1/count: expected an integer" || fail "--set error not reported: $out"

# A sweep value that is invalid is reported with its point's label.
rc=0
out=$("$PTPLAB" validate --set '/sweep/parameters/~1nodes~11~1count=[5, 0]' "$t/example.json") || rc=$?
[ "$rc" -eq 2 ] || fail "invalid sweep point gave exit $rc"
echo "$out" | grep -q '\[/nodes/1/count=0 .* seed=7\] /nodes/1/count' || fail "sweep point error missing: $out"

# A key given twice is an error naming both places, not "the last one wins".
printf '{"name":"dup","nodes":[{"count":2,"count":3}]}\n' >"$t/dup.json"
rc=0; out=$("$PTPLAB" validate "$t/dup.json" 2>&1) || rc=$?
[ "$rc" -eq 2 ] || fail "duplicate key exit $rc"
echo "$out" | grep -qF '/nodes/0/count: duplicate key "count": key 1 and key 2 of /nodes/0' || fail "duplicate key: $out"

# A NodeParams integer too large for its field is refused at its pointer (it used to wrap to 1).
rc=0; out=$("$PTPLAB" validate scenarios/suites/smoke/basic.json --set '/nodes/1/params={"peers_max": 4294967297}' 2>&1) || rc=$?
[ "$rc" -eq 2 ] || fail "out-of-range integer exit $rc"
echo "$out" | grep -qF '/nodes/1/params/peers_max: parameter "peers_max": expected an integer' || fail "out of range: $out"
out=$("$PTPLAB" validate scenarios/suites/smoke/basic.json --set '/nodes/1/params={"peers_max": 1e3}') || fail "1e3: $out"

# Usage errors and unreadable files exit 2.
rc=0; "$PTPLAB" validate >/dev/null 2>&1 || rc=$?; [ "$rc" -eq 2 ] || fail "no file gave exit $rc"
rc=0; "$PTPLAB" validate "$t/missing.json" >/dev/null || rc=$?; [ "$rc" -eq 2 ] || fail "missing file exit $rc"
# A scenario a partitioned run would refuse for its latency (no positive minimum delay) is valid,
# with a note saying what `mpirun -np K ptplab run` needs (review 13).
out=$("$PTPLAB" validate scenarios/suites/smoke/basic.json --set '/network/latency={"model":"normal","mean":"20ms","stddev":"5ms"}') ||
  fail "normal latency: $out"
grep -q 'note: a partitioned run (mpirun -np K ptplab run) would refuse it: /network/latency: .*give the model a "floor"' <<<"$out" ||
  fail "no partitioned-run note: $out"
out=$("$PTPLAB" validate scenarios/suites/smoke/basic.json)
if grep -q 'note:' <<<"$out"; then fail "a note for a scenario a partitioned run takes: $out"; fi
echo "validate: verdicts, every error with its pointer, --set and sweep points checked"
