#!/usr/bin/env bash
# The catalogue documents docs/*.md are what the project's tables give (`ptplab catalogues
# --check docs`), each is linked from the README, and a drifted document is reported with the
# command that regenerates it.
source "$(dirname "$0")/lib/preamble.bash"
cd "$src" || exit 1

"$PTPLAB" catalogues --check docs >"$tmp/check" 2>&1
rc=$?
[[ $rc != 0 ]] && cat "$tmp/check"
check "committed docs/*.md equal the tables (regenerate: ptplab catalogues --write docs)" $rc

for f in docs/*.md; do
  grep -qF "($f)" README.md
  check "README.md links $f" $?
done

# A document edited by hand (the peers_max row removed) is caught, and the message names the
# file and says how to regenerate it.
cp -r docs "$tmp/docs"
grep -v '^| `peers_max`' docs/params.md >"$tmp/docs/params.md"
"$PTPLAB" catalogues --check "$tmp/docs" >"$tmp/drift" 2>&1
check "a drifted params.md exits 1" $([[ $? == 1 ]]; echo $?)
grep -q "params.md differs" "$tmp/drift"
check "the drift message names params.md" $?
grep -q "regenerate with: ptplab catalogues --write" "$tmp/drift"
check "the drift message gives the regenerate command" $?

# --write gives exactly the committed files.
"$PTPLAB" catalogues --write "$tmp/fresh" >/dev/null
check "catalogues --write succeeds" $?
diff -r docs "$tmp/fresh" >"$tmp/diff"
check "catalogues --write reproduces docs/" $?

exit $((failures > 0))
