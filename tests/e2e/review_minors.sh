#!/usr/bin/env bash
# End-to-end test of the minor robustness findings of session 11's review (issue 15 [R]) that
# live in the command line: option values out of range say their range (-j, --timeout), and a
# folder given as a report is "not a regular file" for every command that opens one (it was
# "disk I/O error" for `ptplab report`). Lint, lock waits and scenario numbers have their own tests
# (lint.sh, lock_wait_signal.sh, tests/scenarios/format).
source "$(dirname "$0")/lib/preamble.bash"
basic="$src/scenarios/suites/smoke/basic.json"

# says NAME WANT_RC "TEXT" ptplab-arguments...: exit WANT_RC and TEXT on stderr (or stdout, where
# `validate` prints its findings).
says() {
  local name=$1 want_rc=$2 want=$3 rc=0
  shift 3
  "$PTPLAB" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
  [[ $rc == "$want_rc" ]] && cat "$tmp/err" "$tmp/out" | grep -F -- "$want" >/dev/null
  check "$name" $?
  [[ $rc == "$want_rc" ]] || echo "  exit $rc: $(head -3 "$tmp/err")"
}

mkdir "$tmp/suite" "$tmp/dir.db"
cp "$basic" "$tmp/suite/"
for j in 0 99999999999 -1 1.5 x; do
  says "suite -j $j says the range" 2 "ptplab suite: -j/--jobs: expected an integer in [1, 4096], got '$j'" \
    suite "$tmp/suite" --quiet -j "$j"
  says "sweep -j $j says the range" 2 "ptplab sweep: -j/--jobs: expected an integer in [1, 4096], got '$j'" \
    sweep "$basic" --quiet --report "$tmp/sw.db" -j "$j"
done
[[ ! -e "$tmp/sw.db" ]]; check "nothing ran" $?

for t in 9223372036854775807s 10001h 99999999999999999999h; do
  says "--timeout $t is too large" 2 "ptplab run: --timeout: '$t' is too large: expected a duration of at most 10000h" \
    run "$basic" --quiet --report "$tmp/t.db" --timeout "$t"
done
says "--timeout -5s is still not a positive duration" 2 "--timeout: expected a positive duration" \
  run "$basic" --quiet --report "$tmp/t.db" --timeout -5s
says "/duration=1.5ns is refused, not rounded" 2 \
  '/duration: expected a whole number of nanoseconds, found "1.5ns"' run "$basic" --quiet --report "$tmp/t.db" \
  --set /duration=1.5ns
for d in 10000h 10001h; do
  says "/duration=$d names the one bound" 2 "/duration: expected a duration in (0, 720h], found \"$d\"" \
    validate "$basic" --set /duration=$d
done

"$PTPLAB" run "$basic" --quiet --report "$tmp/r.db" >/dev/null
not_regular="cannot use $tmp/dir.db as a report: not a regular file"
says "report DIR" 2 "$not_regular" report "$tmp/dir.db"
says "report DIR --digest" 2 "$not_regular" report "$tmp/dir.db" --digest
says "report DIR --csv" 2 "$not_regular" report "$tmp/dir.db" --csv "$tmp/csv"
says "report merge OUT DIR" 2 "$not_regular" report merge "$tmp/m.db" "$tmp/dir.db"
says "report merge DIR IN" 2 "$not_regular" report merge "$tmp/dir.db" "$tmp/r.db"
says "run --report DIR" 2 "$not_regular" run "$basic" --quiet --report "$tmp/dir.db"
says "compare DIR" 2 "$not_regular" compare "$tmp/dir.db" "$tmp/r.db"

[[ $failures == 0 ]] && echo "all review-minor checks passed" || echo "$failures review-minor checks failed"
exit $((failures > 0))
