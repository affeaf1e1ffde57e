#!/usr/bin/env bash
# Every command's --help: exits 0, has a usage line naming the command and its exit statuses,
# equals `ptplab help CMD`, and every option it mentions is one the command's parser knows. The
# converse (every option the parser knows is mentioned) holds by construction for the commands
# built on boost::program_options, which print every option of their visible group: this script
# checks that an option nobody declared is refused, and that the options kept out of the help on
# purpose (internal plumbing between suite/sweep and their child runs) are the only hidden ones.
source "$(dirname "$0")/lib/preamble.bash"
cd "$tmp" || exit 1  # whatever a probe below writes lands in the scratch folder

"$PTPLAB" --help >"$tmp/top" 2>&1
check "ptplab --help exits 0" $?
grep -q "Exit status" "$tmp/top"; check "ptplab --help states exit statuses" $?
"$PTPLAB" help help >"$tmp/helphelp" 2>&1 && cmp -s "$tmp/top" "$tmp/helphelp"
check "ptplab help help is ptplab --help" $?
# --version names the allocator the build chose (CMake's PTPLAB_ALLOCATOR, passed by ctest), and
# a mimalloc build's malloc really is mimalloc's.
"$PTPLAB" --version >"$tmp/version" 2>&1
check "ptplab --version exits 0" $?
case "${PTPLAB_ALLOCATOR:-}" in
  mimalloc) grep -q "^allocator: mimalloc [0-9.]* (serves malloc)$" "$tmp/version" ;;
  system) grep -q "^allocator: the C library's malloc$" "$tmp/version" ;;
  *) false ;;
esac
ok=$?
check "ptplab --version names the allocator of the build (${PTPLAB_ALLOCATOR:-unset}): $(tail -n1 "$tmp/version")" $ok
mapfile -t cmds < <(sed -n '/^commands:/,/^$/p' "$tmp/top" | awk 'NF > 1 {print $1}')
((${#cmds[@]} >= 10)); check "ptplab --help lists the commands (${#cmds[@]})" $?

for c in "${cmds[@]}"; do
  "$PTPLAB" "$c" --help >"$tmp/$c.help" 2>&1
  check "$c --help exits 0" $?
  "$PTPLAB" help "$c" >"$tmp/$c.help2" 2>&1
  cmp -s "$tmp/$c.help" "$tmp/$c.help2"; check "ptplab help $c prints the same as $c --help" $?
  grep -q "^usage: ptplab $c" "$tmp/$c.help"; check "$c --help starts with a usage line" $?
  grep -q "^Exit status" "$tmp/$c.help"; check "$c --help states its exit statuses" $?
  # Every option the help's option list names is known to the parser (whatever else it then
  # objects to). The list's lines read "  --name ..." or "  -x [ --name ] ...".
  opts=$(grep -oE -- '^  (-[a-zA-Z] \[ )?--[a-z][a-z0-9-]+' "$tmp/$c.help" | grep -oE -- '--[a-z0-9-]+' | sort -u)
  [[ -n $opts ]]; check "$c --help lists its options" $?
  # --help goes first: after a value-taking option it would be taken as the value (node --pcap
  # --help started a node on 127.0.0.1:9001 writing a capture named "--help" into the cwd).
  for opt in $opts; do
    timeout 20 "$PTPLAB" "$c" --help "$opt" >"$tmp/probe" 2>&1 </dev/null
    ! grep -qiE "unrecogni[sz]ed option|unknown option|unexpected argument '$opt'" "$tmp/probe"
    check "$c: the parser knows $opt" $?
  done
  # An option nobody declared is refused (exit 2), so the parser accepts only declared options.
  "$PTPLAB" "$c" --no-such-option >"$tmp/probe" 2>&1 </dev/null
  rc=$?
  [[ $rc == 2 ]]; check "$c --no-such-option is a usage error (got $rc)" $?
done

# The options hidden on purpose: accepted by run, absent from its help.
for opt in --sweep-point --temp-of-parent; do
  ! grep -q -- "$opt" "$tmp/run.help"; check "run --help leaves out the internal $opt" $?
done
"$PTPLAB" help no-such-command >"$tmp/probe" 2>&1
rc=$?
[[ $rc == 2 ]]; check "ptplab help of an unknown command exits 2 (got $rc)" $?

exit $((failures > 0))
