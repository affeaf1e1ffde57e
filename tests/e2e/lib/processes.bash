# Sourced by the signal tests (tests/e2e/signals*.sh) after preamble.bash: waiting for processes
# to end and naming a process's children. Not a test itself.
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# ends_within MS PID...: every PID gone within MS milliseconds (prints the time it took).
ends_within() {
  local ms=$1 start
  start=$(now_ms)
  shift
  while (($(now_ms) - start <= ms)); do
    local alive=0
    for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive == 0)) && { echo "$(($(now_ms) - start)) ms"; return 0; }
    sleep 0.02
  done
  echo "still running after $ms ms"
  return 1
}
# children PID: the pids of PID's child processes.
children() { pgrep -P "$1" | tr '\n' ' '; }
# write_long_scenario FILE: a scenario that runs for minutes of wall time (2,000 nodes, 10
# simulated minutes) with a sweep of three seeds, for signals to land in mid-run.
write_long_scenario() {
  cat >"$1" <<'J'
{"name": "long", "seed": 1, "duration": "10m",
 "nodes": [{"name": "p", "count": 2000, "placement": "public"}],
 "topology": {"random_regular": {"degree": 6}},
 "workload": {"channels": [{"name": "c", "messages": {"rate_per_s": 5}}]},
 "sweep": {"seeds": 3}}
J
}
