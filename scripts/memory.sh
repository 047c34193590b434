#!/bin/sh
# memory.sh: what one Bursar stack holds in memory, per component: each
# program's workers and each service under the supervisor, nginx,
# PostgreSQL (with its number of backends), the SMTP sink; the sum of
# /proc/PID/smaps_rollup's Pss (proportional: shared pages split among
# their sharers, so the parts add up to the whole).  The stack is the one
# named by BURSAR_VAR, as for stack.sh.
#   sh scripts/memory.sh          a table, kB, and the total
#   sh scripts/memory.sh --pids   the pids it counted, one a line
#   sh scripts/memory.sh --stack  every process of the stack, found from
#                                 its directories rather than its pid
#                                 files (the test compares the two)
set -eu
. "$(dirname "$0")/env.sh"

# kids PID: PID's children
kids() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' '; }
pidfile() { [ -f "$1" ] && head -n1 "$1" | tr -d ' ' || true; }
alive() { [ -n "$1" ] && [ -r "/proc/$1/smaps_rollup" ]; }

# parts: "component pid" lines for every process the stack started
parts() {
	sup=$(pidfile "$RUN/supervise.pid")
	if alive "$sup"; then
		echo "supervise $sup"
		for k in $(kids "$sup"); do
			echo "$(cat "/proc/$k/comm" 2>/dev/null || echo gone) $k"
		done
	fi
	ng=$(pidfile "$VAR/nginx/nginx.pid")
	if alive "$ng"; then
		echo "nginx $ng"
		for k in $(kids "$ng"); do echo "nginx $k"; done
	fi
	pg=$(pidfile "$PGBASE/data/postmaster.pid")
	if alive "$pg"; then
		echo "postgres $pg"
		for k in $(kids "$pg"); do
			# a backend names its role (bursar_app, bursar_cron, ...)
			case "$(tr '\0' ' ' <"/proc/$k/cmdline" 2>/dev/null)" in
			*"postgres: bursar_"*) echo "postgres-backends $k" ;;
			*) echo "postgres $k" ;;
			esac
		done
	fi
	sm=$(pidfile "$RUN/smtp.pid")
	if alive "$sm"; then echo "smtp-sink $sm"; fi
}

# stack: every process whose command line or environment names this
# stack's directories, and their descendants: what a component started
# outside parts() would be found by
stack() {
	seeds=$(for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		[ "$pid" = $$ ] && continue
		{ if tr '\0' '\n' <"$p/cmdline" | grep -qF -e "$VAR" -e "$PGBASE"; then
			echo "$pid"
		elif tr '\0' '\n' <"$p/environ" | grep -q "^BURSAR_CONFIG=$VAR/"; then
			echo "$pid"
		fi; } 2>/dev/null
	done)
	all=$seeds
	frontier=$seeds
	while [ -n "$frontier" ]; do
		next=
		for f in $frontier; do next="$next $(kids "$f")"; done
		frontier=$(echo $next)
		all="$all $frontier"
	done
	# not this script's own shell, nor a test that started the stack
	for p in $all; do
		case "$(cat "/proc/$p/comm" 2>/dev/null)" in
		memory.sh|grep|tr|cat|ps|awk|sort) ;;
		"") ;;
		*) echo "$p" ;;
		esac
	done | sort -un
}

case "${1:-}" in
--pids) parts | awk '{print $2}' | sort -un; exit 0 ;;
--stack) stack; exit 0 ;;
esac

parts | while read -r comp pid; do
	kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
	echo "$comp ${kb:-0}"
done | awk '
	{ n[$1]++; kb[$1] += $2; total += $2; procs++ }
	END {
		printf "  %-22s %6s %10s\n", "component", "procs", "PSS kB"
		for (c in n) printf "  %-22s %6d %10d\n", c, n[c], kb[c] | "sort"
		close("sort")
		printf "  %-22s %6d %10d  (%.1f MB)\n", "total", procs, total, total / 1024
	}'
