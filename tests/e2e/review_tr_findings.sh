#!/usr/bin/env bash
# End-to-end checks of the robustness findings of the researcher review (review-tr, issue [R]):
# hostile values are refused by validation with their JSON pointer before anything runs, a
# report path or file that cannot serve says so at once, and SCHEMA.md's SQL gives the stored
# scalars. Each check failed before its fix; none times anything.
source "$(dirname "$0")/lib/preamble.bash"
basic="$src/scenarios/suites/smoke/basic.json"

# rejects NAME "TEXT" ptplab-arguments...: exit 2 and TEXT in the output.
rejects() {
  local name=$1 want=$2 out rc=0
  shift 2
  out=$("$PTPLAB" "$@" 2>&1) || rc=$?
  [[ $rc == 2 ]] && grep -qF -- "$want" <<<"$out"
  check "$name" $?
  [[ $rc == 2 ]] || echo "  exit $rc: ${out:0:400}"
}

# Finding 4: a HELLO interval near INT64_MAX wrapped the clock; the run spun until bad_alloc.
rejects "a HELLO interval near INT64_MAX is refused (finding 4)" \
  '/nodes/1/params/hello_interval_max_ns: parameter "hello_interval_max_ns": expected a duration of at most 8760h' \
  validate "$basic" --set /nodes/1/params/hello_interval_max_ns=9223372036854775000 \
  --set /nodes/1/params/hello_interval_min_ns=9223372036854775000

# Finding 5: 1-7 bit/s became 0 bytes/s, i.e. unlimited; 8 bit/s is one byte per second.
rejects "uplink_bps 4 is refused (finding 5)" \
  '/network/bandwidth/uplink_bps: expected 0 (unlimited) or at least 8 bit/s (one byte per second), found 4 bit/s' \
  validate "$basic" --set '/network/bandwidth={"uplink_bps":4,"downlink_bps":"8bit/s"}'
"$PTPLAB" validate "$basic" --set '/network/bandwidth={"uplink_bps":8,"downlink_bps":0}' >"$tmp/bw.out" 2>&1
check "uplink_bps 8 and 0 (unlimited) are accepted" $?

# Finding 6: 50,000 nested arrays cost memory quadratic in the depth; refused at level 65.
python3 -c "d=50000; print('{\"name\":\"a\",\"nodes\":[{\"count\":2}],\"description\":' + '['*d + ']'*d + '}')" >"$tmp/deep.json"
rejects "50,000 nested arrays are refused at once (finding 6)" \
  ': nested deeper than 64 arrays and objects' validate "$tmp/deep.json"

# Finding 13: every sweep point is validated before any runs, and the error names the point.
rejects "a sweep whose third point has a bad seed runs nothing and names the point (finding 13)" \
  'point seed=9223372036854775808: /seed: ' \
  sweep "$basic" --set /seed=9223372036854775806 --set '/sweep={"parameters":{},"seeds":3}' \
  --set /duration=1s --report "$tmp/sov.db"
[[ ! -e "$tmp/sov.db" ]]; check "... and writes no report" $?

# Findings 21 and 23: a --set path given twice, and a --set on a swept parameter, are errors.
rejects "the same --set path twice is an error (finding 21)" \
  '--set /duration given twice (/duration=2s, then /duration=3s)' \
  validate "$basic" --set /duration=2s --set /duration=3s
rejects "a --set on a swept parameter is an error (finding 23)" \
  'ptplab sweep: --set /nodes/1/params/gossip_fanout=8: the sweep sets /nodes/1/params/gossip_fanout at every point' \
  sweep "$basic" --set '/sweep={"parameters":{"/nodes/1/params/gossip_fanout":[2,4]},"seeds":1}' \
  --set /nodes/1/params/gossip_fanout=8 --report "$tmp/ov.db"

# Finding 22: a report path that cannot hold a report fails before the run is simulated.
rejects "run --report /dev/null fails before simulating (finding 22)" \
  'ptplab run: /dev/null: cannot use /dev/null as a report: not a regular file' run "$basic" --report /dev/null
grep -q "delivery" <<<"$("$PTPLAB" run "$basic" --report /dev/null 2>&1)"
check "... and prints no run summary" $([[ $? != 0 ]]; echo $?)

# Finding 16: report, --digest and compare say what is not a report of this schema version.
"$PTPLAB" run "$basic" --report "$tmp/r.db" --quiet >"$tmp/run.out" 2>&1
check "a smoke run" $?
cp "$tmp/r.db" "$tmp/future.db"
sqlite3 "$tmp/future.db" "PRAGMA user_version = 99"
rejects "report on another schema version says which (finding 16)" \
  "future.db: report schema version 99, this ptplab reads" report "$tmp/future.db"
rejects "report --digest on another schema version says which" \
  "future.db: report schema version 99, this ptplab reads" report "$tmp/future.db" --digest
rejects "compare on another schema version says which" \
  "future.db: report schema version 99, this ptplab reads" compare "$tmp/r.db" "$tmp/future.db"
sqlite3 "$tmp/foreign.db" "CREATE TABLE run (x); INSERT INTO run VALUES (1)"
rejects "report on a foreign SQLite file says it is not a report" \
  "foreign.db is not a ptplab report: an SQLite database without a ptplab schema version" report "$tmp/foreign.db"
echo "just some notes, long enough to be read as a database header" >"$tmp/notes.txt"
rejects "report --digest on a text file says it is not a report" \
  "notes.txt is not a ptplab report: file is not a database" report "$tmp/notes.txt" --digest

# Finding 20: SCHEMA.md's SQL for the count metrics gives the stored scalar, 0 included (the
# smoke run has no attack target and no collision: sum() over no rows is NULL).
schema_sql() {  # schema_sql METRIC: the SQL after the line naming METRIC in SCHEMA.md's definitions
  grep -A1 -F -- "- \`$1\`:" "$src/reports/SCHEMA.md" | grep -o '`SELECT[^`]*`' | head -1 | tr -d '`' |
    sed 's/:run/1/g'
}
for metric in victim_datagrams_received duplicates; do
  sql=$(schema_sql $metric)
  got=$(sqlite3 "$tmp/r.db" "$sql" 2>&1)
  stored=$(sqlite3 "$tmp/r.db" "SELECT CAST(value AS INTEGER) FROM scalar WHERE run_id = 1 AND name = '$metric'")
  [[ -n $sql && -n $stored && $got == "$stored" ]]
  check "SCHEMA.md's SQL for $metric gives the stored $stored (got '$got')" $?
done
exit $((failures > 0))
