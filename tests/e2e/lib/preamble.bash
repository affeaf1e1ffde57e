# Sourced first by the end-to-end scripts (tests/e2e/*.sh): strict mode, the binary under test,
# the source tree, a scratch folder removed on exit, and check NAME STATUS, which prints
# "ok"/"FAIL" and counts failures in $failures (the script ends with `exit $((failures > 0))`
# or its own summary), and wait_for SECONDS COMMAND... Not a test itself: ctest registers only tests/e2e/*.sh.
set -uo pipefail
: "${PTPLAB:?set PTPLAB to the ptplab binary}"
src="${PTPLAB_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[1]}")/../.." && pwd)}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
check() {  # check NAME CONDITION-EXIT-STATUS
  if [[ "$2" == 0 ]]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
wait_for() {  # wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s; its status
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}
