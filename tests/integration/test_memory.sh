#!/bin/sh
# test_memory.sh: scripts/memory.sh counts every process of the running
# stack (named by BURSAR_VAR): none of those found from the stack's
# directories is missing from its table, each program of cgi-bin/ is there
# with its workers, and a process the stack's counting does not know (a
# service started beside it) is caught.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mem="$ROOT/scripts/memory.sh"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: memory: $1" >&2; fail=$((fail + 1)); }
missing() { sh "$mem" --stack | while read -r p; do
	sh "$mem" --pids | grep -qx "$p" || { [ -d "/proc/$p" ] &&
		echo "$p $(tr '\0' ' ' <"/proc/$p/cmdline")"; } 2>/dev/null
done; }

m=$(missing)
[ -z "$m" ] && ok || ko "processes of the stack not counted: $m"
table=$(sh "$mem")
for c in "$ROOT"/cgi-bin/*.c; do
	name=$(basename "$c" .c)
	echo "$table" | awk -v n="$name" -v w="${BURSAR_WORKERS:-2}" '$1 == n && $2 == w {f=1} END {exit !f}' &&
		ok || ko "program $name with its ${BURSAR_WORKERS:-2} workers not in the table"
done
for c in postgres postgres-backends nginx smtp-sink total; do
	echo "$table" | awk -v n="$c" '$1 == n && $3 > 0 {f=1} END {exit !f}' && ok || ko "no $c in the table"
done
# a service the stack started but memory.sh does not know: found missing
BURSAR_CONFIG="$BURSAR_VAR/bursar.conf" sleep 60 &
extra=$!
sleep 0.2
missing | grep -q "^$extra " && ok || ko "an uncounted process ($extra) went unnoticed"
kill $extra 2>/dev/null
echo "memory: $pass passed, $fail failed"
echo "$table" | awk '$1 == "total" {printf "figure: the test stack holds %.1f MB PSS in %d processes\n", $3 / 1024, $2}'
[ $fail = 0 ]
