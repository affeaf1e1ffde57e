#!/usr/bin/env bash
# One simulation partitioned over 2 and 3 MPI ranks (tests/mpi/partitioned_world.cpp) gives the
# sequential run's trace, record for record (as a digest of the multiset). Open MPI leaks at
# exit: LeakSanitizer reads tests/e2e/lsan-mpi.supp for these runs only, and unwinds slowly
# (fast_unwind_on_malloc=0), since the allocations come from Open MPI's plugins, unloaded by
# then and built without frame pointers: the slow unwind reaches libmpi/libopen-pal frames the
# suppressions name.
set -uo pipefail
: "${PARTITIONED_WORLD:?set PARTITIONED_WORLD to the partitioned_world test binary}"
src="${PTPLAB_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
export LSAN_OPTIONS="suppressions=$src/tests/e2e/lsan-mpi.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
for ranks in 2 3; do
  if mpirun --oversubscribe --allow-run-as-root -np "$ranks" "$PARTITIONED_WORLD" >"$tmp/out" 2>&1; then
    echo "ok   $ranks ranks: $(grep "^parts=" "$tmp/out")"
  else
    echo "FAIL $ranks ranks:"
    cat "$tmp/out"
    failures=$((failures + 1))
  fi
done
exit $((failures > 0))
