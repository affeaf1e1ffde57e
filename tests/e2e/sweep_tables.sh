#!/usr/bin/env bash
# `ptplab sweep`'s closing tables: one aligned row per run, then one row per point with the mean
# over its seeds and the half-width of the 95 % Student t interval; numbers never in exponent form.
source "$(dirname "$0")/lib/preamble.bash"
"$PTPLAB" sweep "$src/scenarios/suites/smoke/basic.json" -j 2 --report "$tmp/s.db" \
  --set '/sweep={"parameters":{"/duration":["4s","8s"]},"seeds":2}' >"$tmp/out" 2>&1
rc=$?
[[ $rc == 0 || $rc == 1 ]]; check "sweep ran (exit $rc)" $?
sed -n '/^runs$/,/^per point$/p' "$tmp/out" | grep -c 'seed=' >"$tmp/n"
[[ $(cat "$tmp/n") == 4 ]]; check "a row per run (4)" $?
# Aligned: the point column starts at the same offset on the header and every run row.
offsets=$(sed -n '/^runs$/,/^per point$/p' "$tmp/out" | grep -E '^  (status|pass|FAIL)' |
  awk '{print index($0, ($1 == "status") ? "point" : $2)}' | sort -u | wc -l)
[[ $offsets == 1 ]]; check "the run table's point column is aligned" $?
points=$(sed -n '/^per point$/,$p' "$tmp/out")
for d in 4s 8s; do
  grep -qE "^  /duration=\"?$d\"? +2 +[0-9.]+ ± [0-9.]+ +[0-9.]+ ± [0-9.]+$" <<<"$points"
  check "point /duration=$d: 2 runs, mean ± half-width for both metrics" $?
done
grep -q "95 % Student t interval" <<<"$points"; check "the per-point table says what ± is" $?
! grep -qE '[0-9]e[+-][0-9]' "$tmp/out"; check "no number in exponent form" $?
exit $((failures > 0))
