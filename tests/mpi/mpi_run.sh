#!/usr/bin/env bash
# One simulation partitioned over 2 and 3 MPI ranks (tests/mpi/partitioned_world.cpp) gives the
# sequential run's trace, record for record (as a digest of the multiset). Open MPI leaks at
# exit: LeakSanitizer reads tests/e2e/lsan-mpi.supp for these runs only.
set -uo pipefail
: "${PARTITIONED_WORLD:?set PARTITIONED_WORLD to the partitioned_world test binary}"
src="${PTPLAB_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export LSAN_OPTIONS="suppressions=$src/tests/e2e/lsan-mpi.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
for ranks in 2 3; do
  if mpirun --oversubscribe --allow-run-as-root -np "$ranks" "$PARTITIONED_WORLD" >"$tmp/out" 2>&1; then
    echo "ok   $ranks ranks: $(tail -1 "$tmp/out")"
  else
    echo "FAIL $ranks ranks:"
    cat "$tmp/out"
    failures=$((failures + 1))
  fi
done
exit $((failures > 0))
