#!/usr/bin/env bash
# End-to-end check of the reports tests' own hygiene: the temp reports their fixtures create
# (tests/reports/sample_report.hpp, temp_report_path: /tmp/ptplab-<Test>-<pid>.db, journals,
# fallback reports) are removed when each test ends, instead of piling up in /tmp (~150 files
# per run of the suite before).
source "$(dirname "$0")/lib/preamble.bash"
reports_test="$(dirname "$PTPLAB")/../tests/reports_test"
[ -x "$reports_test" ] || { echo "FAIL no $reports_test (build the reports_test target)"; exit 1; }
mkdir "$tmp/t"
filter='ReportWriter.*:Statement.*:ReportReader.*:MergeReport.*:CopyRuns.*:ReportDigest.*:ConformanceText.*:TextSummary.*'
TMPDIR="$tmp/t" "$reports_test" --gtest_filter="$filter" >"$tmp/out" 2>&1
passed=$?
check "the reports tests pass ($(tail -1 "$tmp/out"))" $passed
ran=$(grep -c '^\[       OK \]' "$tmp/out")
((ran > 30)); check "they ran ($ran tests)" $?
left=$(find "$tmp/t" -type f | wc -l)
some=$(find "$tmp/t" -type f | head -3 | xargs -r -n1 basename | tr '\n' ' ')
[[ $left == 0 ]]; check "no temp file is left behind ($left: $some)" $?
exit $((failures > 0))
