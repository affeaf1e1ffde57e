#!/usr/bin/env bash
# e2e: the second new-user review of `ptplab node` and `ptplab conform` (issue 14). Each check
# states what a user expects:
#  - SIGHUP stops a node like SIGTERM (a stopping event, a complete --pcap file); a stdout whose
#    reader went away stops it cleanly (SIGPIPE ignored, cause "control output closed").
#  - End of input stops a --control json node; a text node reading </dev/null runs on.
#  - --peer that is no single host's port (broadcast, multicast, unspecified, port 0), a repeated
#    --channel name and an --identity file others may read are refused (exit 2).
#  - conform: an unknown id in --expect-fail is an error naming the line; an unreachable target
#    still writes JUnit and JSON (every case an error, with the reason); --target takes names;
#    --exec says how its command ended in words.
source "$(dirname "$0")/lib/preamble.bash"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
port() { python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
has() { [ -e "$1" ] && grep -q -- "$2" "$1"; }

# SIGHUP: two nodes talk; HUP one of them.
pa=$(port)
"$PTPLAB" node --listen 127.0.0.1:$pa --no-channels --pcap "$tmp/hup.pcap" --log "$tmp/hup.log" </dev/null &
hup=$!
pids+=($hup)
"$PTPLAB" node --listen 127.0.0.1:0 --peer 127.0.0.1:$pa --no-channels --log "$tmp/other.log" </dev/null &
pids+=($!)
wait_for 20 has "$tmp/hup.log" '"event":"peer_added"'
kill -HUP $hup
wait $hup
rc=$?
has "$tmp/hup.log" '"cause":"SIGHUP"'
check "SIGHUP: exit 0 and a stopping event with cause SIGHUP (exit $rc)" $((rc != 0 || $? != 0))
size=$(stat -c %s "$tmp/hup.pcap")
[ "$size" -gt 24 ]
check "SIGHUP: the --pcap file holds the datagrams ($size bytes)" $?

# SIGPIPE: stdout's reader takes one line and goes away; the next line the node writes fails.
mkfifo "$tmp/p.in"
( "$PTPLAB" node --control json --listen 127.0.0.1:0 --no-channels <"$tmp/p.in" 2>"$tmp/p.err" |
    { head -n 1 >/dev/null; touch "$tmp/p.gone"; }
  echo "${PIPESTATUS[0]}" >"$tmp/p.rc" ) &
pids+=($!)
exec 3>"$tmp/p.in"
wait_for 20 has "$tmp/p.err" '"event":"listening"'
echo '{"cmd":"peers"}' >&3
wait_for 20 test -e "$tmp/p.gone"  # the reader took its line and went away
sleep 1
echo '{"cmd":"peers"}' >&3
echo '{"cmd":"channels"}' >&3
wait_for 20 test -e "$tmp/p.rc"
exec 3>&-
[ "$(cat "$tmp/p.rc" 2>/dev/null)" = 0 ] && has "$tmp/p.err" '"cause":"control output closed"'
st=$?
check "a closed stdout stops the node cleanly ($(grep -o '"cause":"[^"]*"' "$tmp/p.err"))" $st

# End of input: a json node stops; a text node reading /dev/null runs on.
echo '{"cmd":"peers"}' | timeout 20 "$PTPLAB" node --control json --listen 127.0.0.1:0 --no-channels \
  >"$tmp/eof.out" 2>"$tmp/eof.err"
rc=$?
has "$tmp/eof.out" '"event":"peers"' && has "$tmp/eof.err" '"cause":"end of input"'
check "EOF on a json node's input: it answers, then stops (exit $rc)" $((rc != 0 || $? != 0))
"$PTPLAB" node --listen 127.0.0.1:0 --no-channels </dev/null >/dev/null 2>"$tmp/text.err" &
text=$!
pids+=($text)
sleep 2
kill -0 $text
check "a text node reading </dev/null runs on" $?

# Refused arguments: exit 2 with a message naming the option.
refused() {  # refused TEXT ARGS...: exit 2 and TEXT in stderr
  local want=$1 rc=0
  shift
  timeout 10 "$PTPLAB" "$@" </dev/null >/dev/null 2>"$tmp/refused.err" || rc=$?
  [ "$rc" = 2 ] && grep -q -- "$want" "$tmp/refused.err"
  local st=$?
  check "refused: $* (exit $rc: $(head -1 "$tmp/refused.err"))" $st
}
refused "broadcast address" node --listen 127.0.0.1:0 --peer 255.255.255.255:9000
refused "multicast address" node --listen 127.0.0.1:0 --peer 224.0.0.1:9000
refused "unspecified address" node --listen 127.0.0.1:0 --peer 0.0.0.0:9000
refused "port 0" node --listen 127.0.0.1:0 --peer 127.0.0.1:0
refused "given twice" node --listen 127.0.0.1:0 --channel a --channel a
timeout 20 "$PTPLAB" node --control json --identity "$tmp/id.pem" --listen 127.0.0.1:0 </dev/null >/dev/null 2>&1
chmod 644 "$tmp/id.pem"
refused "permissions 0644 are too open" node --identity "$tmp/id.pem" --listen 127.0.0.1:0
printf 'hello/1\n# a comment\nack/l  # typo\n' >"$tmp/xfail"
refused "line 3: unknown case id 'ack/l'" conform --in-process --cases hello/1 --expect-fail "$tmp/xfail"
refused "no IPv4 address" conform --target '[::1]:9000'

# An unreachable target: JUnit and JSON list every case as an error naming the reason.
dead=$(port)
rc=0
"$PTPLAB" conform --target 127.0.0.1:$dead --cases 'hello/*' --ready-timeout 1s --junit "$tmp/j.xml" \
  --json "$tmp/r.json" >/dev/null 2>&1 || rc=$?
python3 - "$tmp/j.xml" "$tmp/r.json" <<'PY'
import json, sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().findall("./testsuite/testcase")
assert len(cases) >= 5 and all(c.find("error") is not None for c in cases), len(cases)
assert all("unreachable" in c.find("error").get("message") for c in cases)
doc = json.load(open(sys.argv[2]))
assert len(doc["cases"]) == len(cases)
PY
check "an unreachable target exits 2 and still writes JUnit and JSON (exit $rc)" $((rc != 2 || $? != 0))

# --target by name; --exec says how its command ended.
pn=$(port)
"$PTPLAB" node --listen 127.0.0.1:$pn --log "$tmp/named.log" </dev/null &
pids+=($!)
wait_for 20 has "$tmp/named.log" '"event":"listening"'
"$PTPLAB" conform --target localhost:$pn --cases hello/1 >"$tmp/named.out" 2>&1
check "conform --target localhost:PORT runs" $?
rc=0
"$PTPLAB" conform --exec 'exit 3' --ready-timeout 2s >/dev/null 2>"$tmp/exec.err" || rc=$?
grep -q "exited with status 3" "$tmp/exec.err"
st=$?
check "conform --exec: 'exited with status 3' ($(head -1 "$tmp/exec.err"))" $((rc != 2 || st != 0))

exit $((failures > 0))
