#!/usr/bin/env bash
# The catalogue sections of scenarios/README.md and reports/SCHEMA.md are what the project's
# tables give (`ptplab catalogues --check`), the README links each, a drifted section is reported
# with the command that regenerates it, and a document without a section's markers is an error.
source "$(dirname "$0")/lib/preamble.bash"
cd "$src" || exit 1
docs=(scenarios/README.md reports/SCHEMA.md)

"$PTPLAB" catalogues --check >"$tmp/check" 2>&1
rc=$?
[[ $rc != 0 ]] && cat "$tmp/check"
check "committed catalogue sections equal the tables (regenerate: ptplab catalogues --write)" $rc

for anchor in scenarios/README.md#node-parameters reports/SCHEMA.md#metric-catalogue \
  scenarios/README.md#adversary-behaviours scenarios/README.md#timeline-actions \
  reports/SCHEMA.md#drop-and-event-reasons reports/SCHEMA.md#conformance-verdicts; do
  grep -qF "($anchor)" README.md
  check "README.md links $anchor" $?
done

# copy_tree DIR: the two documents under DIR, as in the source tree.
copy_tree() {
  mkdir -p "$1/scenarios" "$1/reports"
  for d in "${docs[@]}"; do cp "$d" "$1/$d"; done
}

# A section edited by hand (the peers_max row removed) is caught, and the message names the
# document and the section and says how to regenerate it; --write restores the committed text.
copy_tree "$tmp/drift"
grep -v '^| `peers_max`' scenarios/README.md >"$tmp/drift/scenarios/README.md"
"$PTPLAB" catalogues --check "$tmp/drift" >"$tmp/drift.out" 2>&1
check "a drifted params section exits 1" $([[ $? == 1 ]]; echo $?)
grep -q "scenarios/README.md: the params section differs" "$tmp/drift.out"
ok=$?  # before the check's name runs $(head ...), which sets $? to its own status
check "the drift message names the document and the section ($(head -1 "$tmp/drift.out"))" $ok
grep -q "regenerate with: ptplab catalogues --write" "$tmp/drift.out"
check "the drift message gives the regenerate command" $?
"$PTPLAB" catalogues --write "$tmp/drift" >/dev/null
check "catalogues --write succeeds" $?
for d in "${docs[@]}"; do
  cmp -s "$d" "$tmp/drift/$d"
  check "catalogues --write restores the committed $d" $?
done

# Without a section's markers, both modes exit 2 and say which lines to add.
copy_tree "$tmp/nomark"
grep -v 'generated.*: metrics' reports/SCHEMA.md >"$tmp/nomark/reports/SCHEMA.md"
for mode in --check --write; do
  "$PTPLAB" catalogues $mode "$tmp/nomark" >"$tmp/nomark.out" 2>&1
  rc=$?
  [[ $rc == 2 ]] && grep -q "has no generated section for metrics" "$tmp/nomark.out"
  check "catalogues $mode: missing markers exit 2, named (exit $rc)" $?
done

exit $((failures > 0))
