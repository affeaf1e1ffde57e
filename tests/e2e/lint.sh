#!/usr/bin/env bash
# End-to-end test of `ptplab lint` on the real binary ($PTPLAB): verdict lines and exit codes for
# valid and invalid datagrams, files and stdin, --lines mode, and usage errors.
source "$(dirname "$0")/lib/preamble.bash"

# expect NAME WANT_RC WANT_OUTPUT -- ARGS... (stdin from $input when set)
expect() {
  local name="$1" want_rc="$2" want_out="$3"
  shift 4
  local out rc
  out="$("$PTPLAB" "$@" 2>"$tmp/stderr" <<<"${input-}")"
  rc=$?
  if [[ "$rc" != "$want_rc" || "$out" != "$want_out" ]]; then
    echo "FAIL $name: rc=$rc (want $want_rc)"
    echo "  got:  $out"
    echo "  want: $want_out"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

input='{"msg_type":"HELLO"}' expect "hello from stdin" 0 "ok HELLO" -- lint -
input='{"msg_type":"ACK","msg_data":{}}' expect "ack without msg_id" 1 \
  "missing_field /msg_data/msg_id: required field msg_id is missing" -- lint -
input='{"msg_type":"MESSAGE","msg_data":{"msg_id":"x"},"extra":1}' expect "incomplete message" 1 \
  "missing_field /msg_data/node_id: required field node_id is missing" -- lint -
input='{"msg_type":"HELLO"' expect "truncated json" 1 \
  "not_json: not JSON: The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc." \
  -- lint -

printf '%s' '{"msg_type":"CERTIFICATE","msg_data":{"msg_id":"m","node_id":"n","recipient_id":"r","certificate":"AQ=="}}' >"$tmp/cert.json"
unset input
expect "valid file" 0 "ok CERTIFICATE" -- lint "$tmp/cert.json"
printf '%s' '{"msg_type":"CERTIFICATE","msg_data":{"msg_id":"m","node_id":"n","recipient_id":"r","certificate":"A*=="}}' >"$tmp/badcert.json"
expect "bad base64 file" 1 \
  "bad_base64 /msg_data/certificate: not valid base64: character outside the base64 alphabet at offset 1" \
  -- lint "$tmp/badcert.json"

expect "spec examples" 0 "$(printf 'ok %s\n' HELLO ACK JOIN CHANNEL LEAVE GETCERTIFICATE CERTIFICATE GETKEY KEY MESSAGE CONNECT CONNECT CONNECT CONNECT CONNECT ROUTING)" \
  -- lint --lines "$src/tests/e2e/data/spec_examples.jsonl"

printf '%s\n' '{"msg_type":"HELLO"}' '' '{"msg_type":"JOIN"}' '   ' '{"msg_type":"ACK","msg_data":{"msg_id":"a"}}' \
  '{"msg_type":"ACK","msg_data":{"msg_id":""}}' >"$tmp/mixed.jsonl"
expect "mixed lines" 1 "$(printf '%s\n' 'ok HELLO' \
  'line 3: bad_msg_data /msg_data: msg_data is missing; JOIN requires an object' 'ok ACK' \
  'line 6: bad_value /msg_data/msg_id: msg_id must not be empty')" -- lint --lines "$tmp/mixed.jsonl"

# ROUTING addresses: the spec's "a.b.c.d:port", port 1..65535; a receiver skips any other entry,
# and lint says which (a port past 65535, negative, or wrapped by 2^32 was "ok ROUTING").
routing() { printf '{"msg_type":"ROUTING","msg_data":{"nodes":[{"node_id":"a","address":"10.0.0.1:4000"},{"node_id":"b","address":"%s"}]}}' "$1"; }
for port in 65536 -4000 4294971296 0; do
  input="$(routing "10.0.0.2:$port")" expect "routing port $port" 1 \
    "bad_value /msg_data/nodes/1/address: expected \"a.b.c.d:port\" with a port in 1..65535, found \"10.0.0.2:$port\" (a receiver skips this entry)" \
    -- lint -
done
input="$(routing "10.0.0.2:65535")" expect "routing port 65535" 0 "ok ROUTING" -- lint -

expect "missing file" 2 "" -- lint "$tmp/does-not-exist.json"
expect "no argument" 2 "" -- lint
expect "two arguments" 2 "" -- lint "$tmp/cert.json" "$tmp/cert.json"
expect "unknown option" 2 "" -- lint --frobnicate "$tmp/cert.json"
if grep -q -- "--lines" <<<"$("$PTPLAB" lint --help)"; then echo "ok   help"; else echo "FAIL help"; failures=$((failures + 1)); fi

if ((failures > 0)); then
  echo "$failures lint check(s) failed"
  exit 1
fi
echo "all lint checks passed"
