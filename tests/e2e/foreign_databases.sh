#!/usr/bin/env bash
# End-to-end test of review 13's M1 and M2 (issue [R]): another application's SQLite database given
# where a report goes is refused as "not a ptplab report" (exit 2) by every command, left byte for
# byte as it was, and no pending report is made for it:
# - a WAL-mode database: run, sweep and suite switched it to journal_mode DELETE before refusing it;
# - the same kept open by its application: run waited for the lock, wrote PATH.<pid>.pending.db and
#   exited 0;
# - a database with user_version 4 (ptplab's schema version) and tables of its own, or only views:
#   ptplab's tables were created inside it.
source "$(dirname "$0")/lib/preamble.bash"
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 0; }
cat >"$tmp/sweep.json" <<'J'
{"name":"fd-sweep","duration":"1s","record":"summary",
 "nodes":[{"name":"s","count":1,"role":"server","placement":"public"},{"name":"c","count":2,"placement":"public"}],
 "sweep":{"parameters":{"/nodes/1/count":[2,3]},"seeds":1}}
J
mkdir "$tmp/suite"
cp "$src/scenarios/suites/smoke/basic.json" "$tmp/suite/"

# refused NAME DB ptplab-arguments...: exit 2, "DB is not a ptplab report" on stderr, DB unchanged
# (cmp with its copy DB.orig), no DB.*.pending.db next to it.
refused() {
  local name=$1 db=$2 rc=0 sidecars
  shift 2
  sidecars=$(ls "$db-wal" "$db-shm" 2>/dev/null)  # an application holding it open has them
  "$PTPLAB" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
  [[ $rc == 2 ]] && grep -qF "$(basename "$db") is not a ptplab report" "$tmp/err" && cmp -s "$db" "$db.orig" &&
    ! compgen -G "$db.*.pending.db" >/dev/null && [[ "$(ls "$db-wal" "$db-shm" 2>/dev/null)" == "$sidecars" ]]
  check "$name" $?
  [[ $rc == 2 ]] || echo "  exit $rc: $(head -3 "$tmp/err")"
  cmp -s "$db" "$db.orig" || echo "  $db changed (journal_mode now $(sqlite3 "$db" 'pragma journal_mode'))"
  [[ "$(ls "$db-wal" "$db-shm" 2>/dev/null)" == "$sidecars" ]] || echo "  $db-wal or $db-shm left beside it (review 13 M4)"
}
# fresh KIND: makes $tmp/app.db (wal: another app's WAL database; v4: user_version 4 and a table of
# its own; view: a view only) and its copy app.db.orig.
fresh() {
  rm -f "$tmp"/app.db*
  case $1 in
    wal) sqlite3 "$tmp/app.db" "pragma journal_mode=wal; create table t(x); insert into t values(1);" >/dev/null ;;
    v4) sqlite3 "$tmp/app.db" "create table users(id integer primary key, name text);
                               insert into users values(1,'alice'); pragma user_version=4;" ;;
    view) sqlite3 "$tmp/app.db" "create view v as select 1 as x;" ;;
  esac
  cp "$tmp/app.db" "$tmp/app.db.orig"
}

basic="$src/scenarios/suites/smoke/basic.json"
"$PTPLAB" run "$basic" --quiet --report "$tmp/r.db" >/dev/null 2>&1
check "a report to merge from" $?
for kind in wal v4 view; do
  fresh $kind
  refused "$kind: run refuses it and leaves it as it was" "$tmp/app.db" run "$basic" --quiet --report "$tmp/app.db"
  fresh $kind
  refused "$kind: sweep refuses it" "$tmp/app.db" sweep "$tmp/sweep.json" --quiet --report "$tmp/app.db"
  fresh $kind
  refused "$kind: suite refuses it" "$tmp/app.db" suite "$tmp/suite" --quiet --report "$tmp/app.db"
  fresh $kind
  refused "$kind: report refuses it" "$tmp/app.db" report "$tmp/app.db"
  fresh $kind
  refused "$kind: report --digest refuses it" "$tmp/app.db" report "$tmp/app.db" --digest
  fresh $kind
  refused "$kind: report --csv refuses it, naming it (review 13 M3: a raw SQL error)" "$tmp/app.db" \
    report "$tmp/app.db" --csv "$tmp/csv-$kind"
  [[ ! -e "$tmp/csv-$kind" ]]
  check "$kind: report --csv makes no folder for a foreign file" $?
  fresh $kind
  refused "$kind: compare refuses it" "$tmp/app.db" compare "$tmp/app.db" "$tmp/app.db"
  fresh $kind
  refused "$kind: report merge --append into it is refused" "$tmp/app.db" \
    report merge --append "$tmp/app.db" "$tmp/r.db"
  fresh $kind
  refused "$kind: report merge refuses it as a source" "$tmp/app.db" report merge --append "$tmp/m.db" "$tmp/app.db"
done

# A WAL database its application keeps open (an idle connection): refused at once, no pending report.
fresh wal
python3 -u -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute('select * from t').fetchall(); print('open', flush=True); time.sleep(30)
" "$tmp/app.db" >"$tmp/holder.out" &
holder=$!
wait_for 10 grep -qs open "$tmp/holder.out"
refused "wal kept open by its app: run says it is not a report (no lock wait, no pending report)" "$tmp/app.db" \
  run "$basic" --quiet --report "$tmp/app.db" --timeout 20s
kill "$holder"
wait "$holder" 2>/dev/null

# A report of ours still takes runs and merges (the check is not too strict).
"$PTPLAB" run "$basic" --quiet --report "$tmp/r.db" >/dev/null 2>&1 &&
  "$PTPLAB" report merge --append "$tmp/m2.db" "$tmp/r.db" >/dev/null 2>&1 &&
  [[ $(sqlite3 "$tmp/r.db" "select count(*) from run") == 2 ]] && [[ $(sqlite3 "$tmp/m2.db" "select count(*) from run") == 2 ]]
check "a ptplab report still takes runs" $?
exit $((failures > 0))
