#!/usr/bin/env bash
# End-to-end test of `ptplab report merge` of a sweep's shards (issue 18 [D], session-11 review
# findings): each shard's report records its sweep (a digest of the plan) and its shard, so the
# merge puts the runs in sweep order whatever the order the files are given in (shard10 sorts
# before shard2 in a glob) and refuses, exit 2 and nothing written, a missing or repeated shard,
# a shard missing a run, shards of another sweep and reports that are not shards.
source "$(dirname "$0")/lib/preamble.bash"
cd "$src" || exit 1
sc=scenarios/suites/smoke/basic.json
sw='/sweep={"parameters":{"/network/loss/rate":[0,0.1]},"seeds":3}'
digest() { "$PTPLAB" report "$1" --digest 2>&1; }

"$PTPLAB" sweep $sc --set "$sw" -j 2 --report "$tmp/seq.db" >"$tmp/seq.out" 2>&1
check "whole sweep (exit $?)" $?
seq=$(digest "$tmp/seq.db")

# N = 2 and N = 3, the shards given in reverse order: the digest of the whole sweep.
for n in 2 3; do
  files=()
  for ((i = n - 1; i >= 0; i--)); do
    "$PTPLAB" sweep $sc --set "$sw" -j 2 --shard $i/$n --report "$tmp/s$n-$i.db" >"$tmp/s$n-$i.out" 2>&1
    files+=("$tmp/s$n-$i.db")
  done
  "$PTPLAB" report merge "$tmp/merged$n.db" "${files[@]}" >"$tmp/merge$n.out" 2>&1
  rc=$?
  [[ $rc == 0 ]]
  ok=$?  # taken before the check's name runs its command substitution, which sets $?
  check "merge of $n shards given in reverse order (exit $rc: $(head -1 "$tmp/merge$n.out"))" $ok
  [[ "$(digest "$tmp/merged$n.db")" == "$seq" ]]
  check "$n shards in reverse order: the digest of the whole sweep" $?
  grep -q "6 runs of $n shards of a sweep of smoke-basic, in sweep order" "$tmp/merge$n.out"
  check "$n shards: says what it merged" $?
done
[[ "$(sqlite3 "$tmp/s3-1.db" "SELECT group_concat(sweep_shard || ':' || sweep_index || '/' || sweep_runs, ',') FROM run")" == "1/3:1/6,1/3:4/6" ]]
check "a shard's runs record their shard and their place in the sweep" $?
[[ "$(sqlite3 "$tmp/seq.db" "SELECT count(DISTINCT sweep_plan) || ' ' || min(sweep_shard) FROM run")" == "1 0/1" ]]
check "a whole sweep's runs record one plan and shard 0/1" $?

# Refusals: exit 2, a sentence naming the file and what was expected, no OUT written.
refused() {  # refused NAME WORD-IN-MESSAGE INPUT...
  local name=$1 word=$2
  shift 2
  rm -f "$tmp/out.db"
  "$PTPLAB" report merge "$tmp/out.db" "$@" >"$tmp/err.out" 2>&1
  local rc=$?
  [[ $rc == 2 ]] && grep -q -- "$word" "$tmp/err.out" && [[ ! -e "$tmp/out.db" ]]
  local ok=$?
  check "$name: exit 2 naming '$word', nothing written (got $rc: $(head -1 "$tmp/err.out"))" $ok
}
refused "a missing shard" "shard 1/3 of the sweep of .* is missing" "$tmp/s3-0.db" "$tmp/s3-2.db"
refused "a shard given twice" "s2-0.db and .*s2-0.db are both shard 0/2" "$tmp/s2-0.db" "$tmp/s2-0.db" "$tmp/s2-1.db"
refused "shards of 2 and of 3" "is one of 2 shards" "$tmp/s2-0.db" "$tmp/s3-1.db" "$tmp/s3-2.db"
"$PTPLAB" sweep $sc --set "$sw" --set /seed=7 -j 2 --shard 1/2 --report "$tmp/other1.db" >/dev/null 2>&1
refused "a shard of another sweep (--set)" "other1.db is a shard of another sweep" "$tmp/s2-0.db" "$tmp/other1.db"
"$PTPLAB" run $sc --report "$tmp/plain.db" --quiet >/dev/null 2>&1
refused "a report of ptplab run" "plain.db: run 1 is not a run of a sweep" "$tmp/plain.db"
# A shard with a run stopped by Ctrl-C (review2 S3: merged with exit 0 and no word).
cp "$tmp/s2-1.db" "$tmp/s2-1i.db"
sqlite3 "$tmp/s2-1i.db" "UPDATE run SET status = 'interrupted' WHERE run_id = 2"
refused "a shard with an interrupted run" "s2-1i.db: run 2 (.*) is interrupted, not a finished run: complete shard 1/2 first with .*--resume" "$tmp/s2-0.db" "$tmp/s2-1i.db"
[[ "$(sqlite3 "$tmp/merged3.db" "SELECT group_concat(sweep_shard || ':' || sweep_index, ',') FROM run")" == "0/1:0,0/1:1,0/1:2,0/1:3,0/1:4,0/1:5" ]]
check "the merged runs are the whole sweep's: shard 0/1, in sweep order" $?
refused "a merged report with a shard" "s2-1.db is shard 1/2 but .*merged2.db is one of 1 shards" "$tmp/merged2.db" "$tmp/s2-1.db"
cp "$tmp/s3-1.db" "$tmp/cut.db"
sqlite3 "$tmp/cut.db" "DELETE FROM run WHERE run_id = 2"
refused "a shard missing a run" "cut.db (shard 1/3) lacks the sweep's run 4 of 6" "$tmp/s3-0.db" "$tmp/cut.db" "$tmp/s3-2.db"
"$PTPLAB" report merge "$tmp/one.db" "$tmp/seq.db" >"$tmp/one.out" 2>&1
rc=$?
[[ $rc == 0 ]]; check "a whole sweep is its own one shard (exit $rc)" $?
[[ "$(digest "$tmp/one.db")" == "$seq" ]]; check "its copy has its digest" $?

# An existing OUT is refused (a merge never appends to it), and replaced with --replace.
"$PTPLAB" report merge "$tmp/merged2.db" "$tmp/s2-0.db" "$tmp/s2-1.db" >"$tmp/again.out" 2>&1
rc=$?
[[ $rc == 2 ]] && grep -q "merged2.db already exists: .*--replace" "$tmp/again.out"
ok=$?
check "merging into an existing OUT: exit 2, says so (got $rc: $(head -1 "$tmp/again.out"))" $ok
[[ "$(sqlite3 "$tmp/merged2.db" "SELECT count(*) FROM run")" == 6 ]]
check "the existing OUT is left as it was" $?
"$PTPLAB" report merge "$tmp/merged2.db" "$tmp/s2-0.db" "$tmp/s2-1.db" --replace >/dev/null 2>&1
check "--replace (exit $?)" $?
[[ "$(digest "$tmp/merged2.db")" == "$seq" && "$(sqlite3 "$tmp/merged2.db" "SELECT count(*) FROM run")" == 6 ]]
check "--replace replaces OUT: 6 runs, the digest of the whole sweep" $?
ls "$tmp"/merged2.db.*merging >/dev/null 2>&1; [[ $? != 0 ]]; check "no partial file left beside OUT" $?

# review2 M1: more shards than runs left shards with no run, which no merge could join: refused.
"$PTPLAB" sweep $sc --set "$sw" --shard 6/7 --report "$tmp/s7-6.db" >"$tmp/s7.out" 2>&1
rc=$?
[[ $rc == 2 ]] && grep -qF -- "--shard 6/7: the sweep has 6 runs, so shard 6 would run nothing; give at most 6 shards" \
  "$tmp/s7.out"
check "--shard N above the sweep's runs is refused (exit $rc)" $?
[[ ! -e "$tmp/s7-6.db" ]]; check "and writes no report" $?

[[ $failures == 0 ]] && echo "all sweep shard checks passed" || echo "$failures sweep shard checks failed"
exit $((failures > 0))
