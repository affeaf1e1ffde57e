#!/usr/bin/env bash
# End-to-end test of the input edges a new user meets (issue [T], the new-user review): bad
# scenarios name their JSON pointer and what was expected, every error of a file at once;
# scheduled work that cannot happen prints a `warning:` line; `ptplab run` says where its report
# went; `ptplab compare` refuses a file mixing configurations of one seed, warns on two
# scenarios and names an unknown gate metric.
source "$(dirname "$0")/lib/preamble.bash"
basic="$src/scenarios/suites/smoke/basic.json"

# validate: exit 2 and this exact "pointer: sentence" among the errors.
rejects() {  # rejects NAME "POINTER: SENTENCE" ptplab-validate-arguments...
  local name=$1 want=$2 out rc=0
  shift 2
  out=$("$PTPLAB" validate "$@" 2>&1) || rc=$?
  [[ $rc == 2 ]] && grep -qF -- "$want" <<<"$out"
  check "$name" $?
  [[ $rc == 2 ]] || echo "  exit $rc: $out"
}
rejects "partition with a group on both sides" \
  '/timeline/0/sides/1/0: expected each group on one side only, found "clients" again (first at /timeline/0/sides/0/0)' \
  "$basic" --set '/timeline=[{"at":"2s","action":"partition","sides":[["clients"],["clients"]]}]'
rejects "partition with an empty side" '/timeline/0/sides/0: expected a non-empty list of group names, found []' \
  "$basic" --set '/timeline=[{"at":"2s","action":"partition","sides":[[],["clients"]]}]'
rejects "a channel share of 0" \
  '/workload/channels/0/members/share: expected a share in (0, 1], found 0 (a share of 0 picks no node)' \
  "$basic" --set /workload/channels/0/members/share=0
rejects "gossip_fanout=1e20 names the type's bound" \
  '/nodes/1/params/gossip_fanout: parameter "gossip_fanout": expected an integer in [1, 4294967295], got 1e+20' \
  "$basic" --set '/nodes/1/params={"gossip_fanout":1e20}'
rejects "--set /nodes/7 names /nodes/7" \
  '/nodes/7: --set /nodes/7/count=3: /nodes has 2 items; expected an index 0 to 1, or 2 (or "-") to add one' \
  "$basic" --set /nodes/7/count=3
out=$("$PTPLAB" validate "$basic" --set /nodes/7/count=3 2>&1)
! grep -q '/nodes/2:' <<<"$out"; check "--set /nodes/7 reports no null /nodes/2" $?

cat >"$tmp/dup.json" <<'J'
{"name": "d", "name": "e", "seed": 1, "duraton": "10s", "nodes": [{"count": 5, "role": "clent"}]}
J
out=$("$PTPLAB" validate "$tmp/dup.json" 2>&1)
grep -qF '/name: duplicate key "name"' <<<"$out" && grep -qF '/duraton: unknown key' <<<"$out" &&
  grep -qF '/nodes/0/role: expected one of' <<<"$out"
check "duplicate keys and the file's other errors together" $?

# Work the runner cannot do is a warning line, not a silence.
"$PTPLAB" run "$basic" --set /workload/channels/0/members/share=0.01 --report "$tmp/w.db" >"$tmp/w1.out" 2>&1
grep -q '^warning: 1 skipped as no_members: channels never created' "$tmp/w1.out"
check "a channel with no member picked warns no_members" $?
"$PTPLAB" run "$basic" --set '/timeline=[{"at":"3s","action":"crash","group":"clients"}]' \
  --report "$tmp/w.db" >"$tmp/w2.out" 2>&1
grep -q '^warning: [0-9]* skipped as no_sender: scheduled MESSAGEs not sent' "$tmp/w2.out"
check "MESSAGEs due with every member down warn no_sender" $?

# Without --report a run goes to ./<name>.db, appended to; the summary says so.
ptplab_abs="$(cd "$(dirname "$PTPLAB")" && pwd)/$(basename "$PTPLAB")"
(cd "$tmp" && "$ptplab_abs" run "$basic" >"$tmp/d1.out" 2>&1; "$ptplab_abs" run "$basic" >"$tmp/d2.out" 2>&1)
[[ -f "$tmp/smoke-basic.db" ]] && grep -q '^  report      smoke-basic.db (new file)' "$tmp/d1.out" &&
  grep -q '^  report      smoke-basic.db (run appended to the existing file)' "$tmp/d2.out"
check "the default report is ./<name>.db, and the summary says new or appended" $?
out=$("$PTPLAB" run --help)
grep -q '\./<scenario name>\.db' <<<"$out"; check "run --help names ./<scenario name>.db" $?

# compare: one seed run with three loss rates into one file is refused, naming the runs.
for rate in 0 0.1 0.2; do
  "$PTPLAB" run "$basic" --set /network/loss/rate=$rate --report "$tmp/mixed.db" --quiet >/dev/null 2>&1
done
"$PTPLAB" run "$basic" --report "$tmp/one.db" --quiet >/dev/null 2>&1
rc=0; out=$("$PTPLAB" compare "$tmp/mixed.db" "$tmp/one.db" 2>&1) || rc=$?
[[ $rc == 2 ]] && grep -qF 'runs 1, 2 and 3 ran seed 1 as different configurations (/network/loss/rate 0, 0.1 and 0.2)' <<<"$out"
check "compare refuses one seed under three configurations, naming the runs" $?
"$PTPLAB" run "$src/scenarios/suites/smoke/faults.json" --report "$tmp/faults.db" --quiet >/dev/null 2>&1
out=$("$PTPLAB" compare "$tmp/one.db" "$tmp/faults.db" 2>&1)
grep -q '^warning: A ran scenario smoke-basic, B ran scenario smoke-faults' <<<"$out"
check "compare warns when the sides ran different scenarios" $?
rc=0; out=$("$PTPLAB" compare "$tmp/one.db" "$tmp/one.db" --fail-if-worse nosuch_metric:5% 2>&1) || rc=$?
[[ $rc == 2 ]] && grep -qF 'unknown metric "nosuch_metric"' <<<"$out" && grep -qF 'ptplab metrics' <<<"$out"
check "a gate on an unknown metric says unknown metric" $?

# --seed: the scenario's bound, blamed on the option and quoted as typed (-1 used to wrap to
# 18446744073709551615 and be blamed on the file's /seed).
for bad in -1 10000000000000000000 12x; do
  rc=0; out=$("$PTPLAB" run "$basic" --seed "$bad" --report "$tmp/seed.db" --quiet 2>&1) || rc=$?
  [[ $rc == 2 ]] && grep -qF -- "--seed: expected an integer in [0, 9223372036854775807], got \"$bad\"" <<<"$out"
  check "--seed $bad is refused as the option's error" $?
done

# A misspelt option of any command (conform and node included) is named with the closest one.
for args in "conform --targt x" "node --lisen 127.0.0.1:0" "run --pcap-vebs HELLO"; do
  rc=0
  out=$("$PTPLAB" $args 2>&1 </dev/null) || rc=$?
  cmd=${args%% *}
  [[ $rc == 2 ]] && grep -qF -- "ptplab $cmd: unrecognised option" <<<"$out" && grep -qF -- "did you mean --" <<<"$out"
  check "ptplab $args: exit 2, the option named, did you mean" $?
done

# An unsigned option given a negative number is refused, not wrapped (--receive-buffer -5 asked
# the kernel for 16 EiB and got 1 GiB); a stray positional word is refused too.
for args in "node --listen 127.0.0.1:0 --receive-buffer -5" "node --listen 127.0.0.1:0 --seed -1" \
  "node --listen 127.0.0.1:0 --log-drops -1"; do
  rc=0
  out=$(timeout 20 "$PTPLAB" $args 2>&1 </dev/null) || rc=$?
  [[ $rc == 2 ]] && grep -qF -- "expected a non-negative integer, found \"-" <<<"$out"
  check "ptplab $args: exit 2, a non-negative integer expected" $?
done
rc=0
out=$(timeout 20 "$PTPLAB" node --listen 127.0.0.1:0 127.0.0.1:23102 2>&1 </dev/null) || rc=$?
[[ $rc == 2 ]]
check "ptplab node with a stray positional word: exit 2" $?
rc=0
out=$("$PTPLAB" help run extra 2>&1) || rc=$?
[[ $rc == 2 ]] && grep -qF "usage: ptplab help CMD" <<<"$out"
check "ptplab help run extra: exit 2 with the usage" $?

exit $((failures > 0))
