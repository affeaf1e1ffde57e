#!/usr/bin/env bash
# tools/check-layering (DESIGN.md arrows): passes on the real tree; on a temporary copy of the
# tree with one forbidden #include planted at a time, fails and names the file:line and the edge.
# Plants: reports/records -> reports (a records header including the SQLite writer),
# scenarios -> reports (what the runner did before the RecordSink), reports -> engine (an angle
# include), engine/core -> engine, sim -> scenarios through a relative path, an include split by
# a line continuation, a .inl file, an include through a macro, laundering through tests/; and
# allowed includes (and a commented-out forbidden one) that must not be flagged.
set -uo pipefail
src="${PTPLAB_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
check="$src/tools/check-layering"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
  echo "FAIL $1"
  failures=$((failures + 1))
}

out="$("$check" "$src")" || fail "the real tree breaks the arrows: $out"
[[ "$out" == check-layering:*"every include follows"* ]] && echo "ok   real tree passes" ||
  fail "real tree: unexpected output: $out"

# A copy of the source folders the script walks (each plant adds one file and removes it).
mkdir -p "$tmp/tree"
for d in engine sim reports scenarios conformance tools; do cp -r "$src/$d" "$tmp/tree/$d"; done
rm -rf "$tmp/tree/scenarios/suites"
"$check" "$tmp/tree" >/dev/null && echo "ok   copy of the tree passes" || fail "copy of the tree flagged"

# plant NAME FILE INCLUDE WANT: in the copy, adds FILE (a new source file) whose line 2 is
# `#include INCLUDE`; the script must fail and print exactly WANT (file:line: src -> dst (include)).
plant() {
  local name="$1" file="$2" include="$3" want="$4"
  plant_text "$name" "$file" "$(printf '// planted by tests/e2e/check_layering.sh\n#include %s\n' "$include")" "$want"
}

# plant_text NAME FILE TEXT WANT: as plant, with the whole text of FILE given.
plant_text() {
  local name="$1" file="$2" text="$3" want="$4"
  printf '%s\n' "$text" >"$tmp/tree/$file"
  local got rc
  got="$("$check" "$tmp/tree")"
  rc=$?
  if [[ $rc -ne 1 ]]; then
    fail "$name: exit $rc (want 1)"
  elif ! grep -qxF "$want" <<<"$got"; then
    fail "$name: output does not name the edge"
    echo "  got:  $got"
    echo "  want: $want"
  elif [[ "$(grep -c ' -> ' <<<"$got")" != 1 ]]; then
    fail "$name: more than the planted include reported: $got"
  else
    echo "ok   $name"
  fi
  rm "$tmp/tree/$file"
}

plant "records -> reports" reports/records/planted.hpp '"reports/writer.hpp"' \
  'reports/records/planted.hpp:2: reports/records -> reports (reports/writer.hpp)'
plant "scenarios -> reports" scenarios/runner/planted.cpp '"reports/writer.hpp"' \
  'scenarios/runner/planted.cpp:2: scenarios -> reports (reports/writer.hpp)'
plant "reports -> engine" reports/planted.cpp '<engine/node/node.hpp>' \
  'reports/planted.cpp:2: reports -> engine (engine/node/node.hpp)'
plant "engine/core -> engine" engine/core/planted.cpp '"engine/wire/codec.hpp"' \
  'engine/core/planted.cpp:2: engine/core -> engine (engine/wire/codec.hpp)'
plant "sim -> scenarios (relative)" sim/planted.cpp '"../scenarios/runner/run.hpp"' \
  'sim/planted.cpp:2: sim -> scenarios (../scenarios/runner/run.hpp)'

plant_text "continuation" sim/planted.cpp "$(printf '// planted\n#include \\\n  "scenarios/runner/run.hpp"')" \
  'sim/planted.cpp:2: sim -> scenarios (scenarios/runner/run.hpp)'
plant ".inl file" engine/node/planted.inl '"sim/network.hpp"' \
  'engine/node/planted.inl:2: engine -> sim (sim/network.hpp)'
plant_text "macro include" engine/node/planted.cpp "$(printf '#define H "sim/network.hpp"\n#include H')" \
  'engine/node/planted.cpp:2: engine -> ? (include through macro H: cannot be checked)'
mkdir -p "$tmp/tree/tests/sim" && echo '#include "sim/network.hpp"' >"$tmp/tree/tests/sim/launder.hpp"
plant "laundering through tests/" engine/node/planted.cpp '"../../tests/sim/launder.hpp"' \
  'engine/node/planted.cpp:2: engine -> tests (not a module) (../../tests/sim/launder.hpp)'
rm -rf "$tmp/tree/tests"
printf '/* #include "sim/network.hpp"\n#include "scenarios/runner/run.hpp" */\n' >"$tmp/tree/engine/planted.cpp"
"$check" "$tmp/tree" >/dev/null && echo "ok   commented-out include passes" || fail "commented-out include flagged"
rm "$tmp/tree/engine/planted.cpp"
"$check" /nonexistent-root >/dev/null; [[ $? -eq 2 ]] && echo "ok   a missing root exits 2" || fail "a missing root did not exit 2"

# An include the arrows allow (scenarios -> reports/records) is not reported.
printf '#include "reports/records/sink.hpp"\n#include "sim/simulator.hpp"\n' >"$tmp/tree/scenarios/planted.cpp"
"$check" "$tmp/tree" >/dev/null && echo "ok   allowed include passes" || fail "allowed include flagged"

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all check-layering checks passed"
