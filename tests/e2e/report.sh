#!/usr/bin/env bash
# e2e: `ptplab report` on the hand-computable sample report that the ReportWriter's own gtest
# writes (tests/reports, ReportWriter.WritesTheE2eFixtureWhenAsked): text tables, --list,
# --run, --digest (stable, 64 hex digits) and the exit codes. Reports of real runs are
# checked by the runner's e2e tests.
set -euo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
cd "${PTPLAB_SOURCE_DIR:-$(dirname "$0")/../..}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

writer_test="$(dirname "$PTPLAB")/../tests/reports_test"
[ -x "$writer_test" ] || fail "no $writer_test (build the reports_test target)"
PTPLAB_REPORT_FIXTURE="$t/a.db" "$writer_test" --gtest_filter='ReportWriter.WritesTheE2eFixtureWhenAsked' >/dev/null ||
  fail "writer gtest failed"
PTPLAB_REPORT_FIXTURE="$t/b.db" "$writer_test" --gtest_filter='ReportWriter.WritesTheE2eFixtureWhenAsked' >/dev/null ||
  fail "writer gtest failed"

out=$("$PTPLAB" report "$t/a.db") || fail "report exit $?"
for want in "run 1  line3  seed 1  status complete" "delivery and latency" "traffic per verb" "drops by reason" \
  "collisions" "NAT traversal" "expectations" "1 of 2 expectations pass"; do
  echo "$out" | grep -qF "$want" || fail "missing '$want' in: $out"
done
# delivery: 2 messages, 4 intended, 3 delivered, ratio 0.75, p50 20 ms, p90/p99/max 40 ms
echo "$out" | grep -Eq '^ +2 +4 +3 +0\.7500 +20 +40 +40 +40$' || fail "delivery row wrong: $out"
# Plain units (issue 17 item 8): bytes in kB, a unit column in the metrics table from the metric table.
echo "$out" | grep -Eq '^  MESSAGE +6 +1\.6 kB +1 +300 B$' || fail "traffic bytes not in kB: $out"
echo "$out" | grep -Eq '^  module +name +value +unit$' || fail "metrics table without a unit column: $out"
echo "$out" | grep -Eq '^  metrics +delivery_ratio +0\.7500 +ratio$' || fail "metric without its unit: $out"
# --html and --json say what they wrote, as --csv does; --help points to SCHEMA.md for the columns.
html=$("$PTPLAB" report "$t/a.db" --html "$t/a.html") || fail "--html exit $?"
grep -qF "HTML report in $t/a.html (" <<<"$html" || fail "--html printed: $html"
json=$("$PTPLAB" report "$t/a.db" --json "$t/a.json") || fail "--json exit $?"
grep -qF "JSON export in $t/a.json" <<<"$json" || fail "--json printed: $json"
help=$("$PTPLAB" report --help)
(($(grep -o "SCHEMA.md" <<<"$help" | wc -l) >= 2)) || fail "--csv's help does not point to SCHEMA.md: $help"
! grep -qF "csv_export.hpp" <<<"$help" || fail "--help points to a C++ header"

grep -q line3 <<<"$("$PTPLAB" report "$t/a.db" --list)" || fail "--list"
grep -q "run 1" <<<"$("$PTPLAB" report "$t/a.db" --run 1)" || fail "--run 1"
rc=0; "$PTPLAB" report "$t/a.db" --run 9 >/dev/null 2>&1 || rc=$?; [ "$rc" -eq 2 ] || fail "--run 9 exit $rc"

da=$("$PTPLAB" report --digest "$t/a.db"); db=$("$PTPLAB" report --digest "$t/b.db")
[[ "$da" =~ ^[0-9a-f]{64}$ ]] || fail "digest format: $da"
[ "$da" = "$db" ] || fail "identical reports digest differently: $da $db"
command -v sqlite3 >/dev/null || fail "the sqlite3 command is missing (tools/install-deps installs it)"
sqlite3 "$t/b.db" "UPDATE delivery SET hops = hops + 1 WHERE node = 2"
[ "$("$PTPLAB" report --digest "$t/b.db")" != "$da" ] || fail "digest ignores content"
# Wall-clock fields are not part of the digest.
sqlite3 "$t/a.db" "UPDATE run SET started = '1999-01-01T00:00:00Z', wall_seconds = 99, peak_rss_bytes = 1"
[ "$("$PTPLAB" report --digest "$t/a.db")" = "$da" ] || fail "digest depends on wall-clock fields"

rc=0; "$PTPLAB" report "$t/missing.db" >/dev/null 2>&1 || rc=$?; [ "$rc" -eq 2 ] || fail "missing file exit $rc"
rc=0; "$PTPLAB" report >/dev/null 2>&1 || rc=$?; [ "$rc" -eq 2 ] || fail "no file exit $rc"
echo "report: text tables, --list, --run and a stable content digest ($da)"
