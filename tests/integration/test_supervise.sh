#!/bin/sh
# test_supervise.sh: the worker supervisor on its own.  Usage:
# test_supervise.sh SUPERVISE_BINARY PROGRAM (a FastCGI program to run;
# it only needs to start and wait for connections).
set -u
sup=$1
prog=$2
dir=$(mktemp -d /tmp/bursar-sup-XXXXXX)
pass=0; fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $1" >&2; fail=$((fail + 1)); }
alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" | cut -c1)" != Z ]; }
kids() { [ -f "$dir/sup.pid" ] || return 0; ps -o pid=,stat= --ppid "$(cat "$dir/sup.pid")" | awk '$2 !~ /Z/ {print $1}' | sort; }
wait_for() { i=0; while ! eval "$1" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done; eval "$1"; }
workers=
trap 'kill $(cat "$dir/sup.pid" 2>/dev/null) $workers 2>/dev/null; sleep 0.3; rm -rf "$dir"' EXIT

"$sup" >/dev/null 2>&1; [ $? = 2 ] && ok || ko "no arguments: usage and exit 2"
"$sup" -d "$dir" -l "$dir" -- "bad spec" >/dev/null 2>&1; [ $? = 2 ] && ok || ko "a bad spec: exit 2"
long=$dir/$(printf '%0120d' 0)
mkdir -p "$long"
out=$("$sup" -d "$long" -l "$dir" -- "x:1:$prog" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "longer than" && ok || ko "a socket path too long is refused clearly: $out"

BURSAR_DATABASE_URL="host=127.0.0.1 port=1" "$sup" -D -d "$dir" -l "$dir" -p "$dir/sup.pid" -- "w:3:$prog" || ko "start"
[ -S "$dir/w.sock" ] && ok || ko "the socket exists"
[ "$(stat -c %a "$dir/w.sock")" = 666 ] && ok || ko "the socket is 0666"
wait_for '[ "$(kids | wc -l)" = 3 ]' && ok || ko "three workers run"

out=$("$sup" -d "$dir" -l "$dir" -- "w:1:$prog" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "in use" && ok || ko "a live socket is not taken over: $out"

before=$(kids)
victim=$(echo "$before" | head -n1)
kill -9 "$victim"
wait_for '[ "$(kids | wc -l)" = 3 ] && ! kids | grep -qx "$victim"' && ok || ko "a killed worker is replaced"
grep -q "died (signal 9); restarting" "$dir/supervise.log" && ok || ko "the death is logged"

before=$(kids)
kill -HUP "$(cat "$dir/sup.pid")"
wait_for '[ "$(kids | wc -l)" = 3 ] && [ -z "$(kids | grep -Fx "$before")" ]' && ok || ko "SIGHUP replaces every worker"

pid=$(cat "$dir/sup.pid"); workers=$(kids)
kill -TERM "$pid"
wait_for '! alive "$pid"' && ok || ko "SIGTERM stops the supervisor"
gone=1; for w in $workers; do alive "$w" && gone=0; done
[ $gone = 1 ] && ok || ko "and every worker"
[ ! -e "$dir/w.sock" ] && [ ! -e "$dir/sup.pid" ] && ok || ko "sockets and pid file are removed"

# a supervisor killed outright takes its workers with it (PR_SET_PDEATHSIG):
# none is left (within a second here, slower under the sanitizers), and a new one starts on the same socket
BURSAR_DATABASE_URL="host=127.0.0.1 port=1" "$sup" -D -d "$dir" -l "$dir" -p "$dir/sup.pid" -- "w:3:$prog" || ko "start again"
wait_for '[ "$(kids | wc -l)" = 3 ]' && ok || ko "three workers run again"
pid=$(cat "$dir/sup.pid"); workers=$(kids)
kill -KILL "$pid"
none_left() { for w in $workers; do alive "$w" && return 1; done; return 0; }
# (each worker finishes cleanly: slower under the sanitizers, on a busy machine)
i=0; while ! none_left && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
none_left && ok || ko "SIGKILL on the supervisor leaves no worker: $(for w in $workers; do alive "$w" && echo "$w"; done)"
[ -S "$dir/w.sock" ] && ok || ko "the dead supervisor's socket file is left behind (stale)"
rm -f "$dir/sup.pid"
BURSAR_DATABASE_URL="host=127.0.0.1 port=1" "$sup" -D -d "$dir" -l "$dir" -p "$dir/sup.pid" -- "w:3:$prog" && ok || ko "a new supervisor starts on the stale socket"
wait_for '[ "$(kids | wc -l)" = 3 ]' && ok || ko "with its three workers"
pid=$(cat "$dir/sup.pid")
kill -TERM "$pid"
wait_for '! alive "$pid"' && ok || ko "and stops"

echo "supervise: $pass passed, $fail failed"
[ "$fail" = 0 ]
