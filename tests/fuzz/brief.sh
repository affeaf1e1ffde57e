#!/usr/bin/env bash
# Fuzzes one target briefly (ctest fuzz.<target>.brief, clang builds without PTPLAB_FUZZ):
# libFuzzer mutates the committed seeds for SECONDS and fails on any crash, sanitizer report,
# leak or timeout. The libraries are not coverage-instrumented in this build (only the target's
# own file is), so this is a short smoke of random mutations around the seeds, not the
# coverage-guided fuzzing of tools/fuzz, whose runs reports/BENCHMARKS.md ("Fuzzing") records.
# Usage: brief.sh FUZZER SEEDS_DIR SECONDS
# Exit: the fuzzer's status (0: no crash), 2 on a usage error. A crash input is kept in a
# temporary folder whose path is printed.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: brief.sh FUZZER SEEDS_DIR SECONDS" >&2; exit 2; }
fuzzer=$1 seeds=$2 seconds=$3
[ -x "$fuzzer" ] || { echo "brief.sh: $fuzzer is not executable" >&2; exit 2; }
[ -d "$seeds" ] || { echo "brief.sh: no seed folder $seeds" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ptplab-fuzz-brief.XXXXXX")
status=0
# New inputs go to $work/corpus (the committed seeds stay read only); -timeout is per input.
mkdir -p "$work/corpus" "$work/crashes"
"$fuzzer" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/crashes/" "$work/corpus" "$seeds" >"$work/log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n1)
echo "$(basename "$fuzzer"): ${runs:-?} runs in $seconds s, exit $status"
if [ "$status" -ne 0 ]; then
  grep -E 'ERROR|SUMMARY|runtime error|Test unit written|Slowest unit' "$work/log" | head -n 20
  echo "log and crash inputs kept in $work"
  exit "$status"
fi
rm -rf "$work"
