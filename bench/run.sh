#!/bin/sh
# run.sh: `make bench`.  One throwaway stack; three programs measured with
# wrk on loopback, interleaved round by round so that the machine's noise
# falls on all of them alike:
#   (a) hello:   nginx + a bare libfcgi program (the first limit)
#   (b) pk:      + one prepared primary-key SELECT with libpq and cJSON
#   (c) healthz: Bursar's /healthz, one round trip through the request core
#   (d) me:      GET /api/v1/me with a bearer token (identity, RLS scope)
# then bench/ledger.sh: the books at a million journal lines.
# Prints req/s and p50/p99 per case (median of the rounds), (c)/(b), and
# one worker's PSS.  Never fails on a timing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-5s}

export BURSAR_VAR="$ROOT/var/bench"
export BURSAR_PORT=${BENCH_PORT:-18080}
export BURSAR_PGPORT=${BENCH_PGPORT:-18432}
export BURSAR_SMTPPORT=${BENCH_SMTPPORT:-18025}
export BURSAR_DEMO=1
export BURSAR_WORKERS=2
. "$ROOT/scripts/env.sh"

cleanup() {
	[ -f "$RUN/bench-supervise.pid" ] && kill "$(cat "$RUN/bench-supervise.pid")" 2>/dev/null || true
	sleep 0.3
	sh "$ROOT/scripts/stack.sh" stop || true
}
trap cleanup EXIT INT TERM

sh "$ROOT/scripts/stack.sh" start >/dev/null
psql -X -q -d "$ADMIN_URL" <<'SQL'
CREATE TABLE IF NOT EXISTS bench_items (id int PRIMARY KEY, name text NOT NULL,
	price numeric(10,2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO bench_items SELECT g, 'item ' || g, (g % 1000) + 0.99, now()
	FROM generate_series(1, 100000) g ON CONFLICT DO NOTHING;
GRANT SELECT ON bench_items TO bursar_app;
ANALYZE bench_items;
SQL
BENCH_CONNINFO="$APP_CONNINFO" "$BUILD/scripts/supervise" -D -d "$RUN" -l "$LOG" \
	-p "$RUN/bench-supervise.pid" -- \
	bench-hello:2:"$BUILD/bench/hello" bench-pk:2:"$BUILD/bench/pkjson"
cat >>"$VAR/nginx/routes.conf" <<CONF
location = /bench/hello { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$RUN/bench-hello.sock; }
location = /bench/pk { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$RUN/bench-pk.sock; }
CONF
nginx -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" -s reload
sleep 0.5
url="http://127.0.0.1:$PORT"
for p in /bench/hello "/bench/pk?id=7" /healthz; do
	curl -fsS -o /dev/null "$url$p" || { echo "bench: $p does not answer" >&2; exit 1; }
done

# (d) needs a signed-in caller: an access token for the demo owner
token=$(curl -fsS -H 'Content-Type: application/json' -d \
	'{"tenant":"demo","email":"owner@demo.test","password":"Demo-pass-2026"}' \
	"$url/api/v1/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$url/api/v1/me" ||
	{ echo "bench: /api/v1/me does not answer" >&2; exit 1; }
cat >"$VAR/me.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA

out=$VAR/bench-results.txt
: >"$out"
# wrk's --latency table prints 50% and 99% with units (us, ms, s)
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.3f", v}'; }
measure() {	# case, path, [script]
	if [ -n "${3:-}" ]; then
		res=$(wrk -t2 -c32 -d"$DURATION" --latency -s "$3" "$url$2")
	else
		res=$(wrk -t2 -c32 -d"$DURATION" --latency "$url$2")
	fi
	rps=$(echo "$res" | awk '/^Requests\/sec/ {print $2}')
	p50=$(echo "$res" | awk '$1 == "50%" {print $2}' | to_ms)
	p99=$(echo "$res" | awk '$1 == "99%" {print $2}' | to_ms)
	non2xx=$(echo "$res" | awk '/Non-2xx/ {print $NF}')
	echo "$1 $rps $p50 $p99 ${non2xx:-0}" >>"$out"
	printf '  round %s %-8s %10s req/s  p50 %s ms  p99 %s ms%s\n' "$r" "$1" "$rps" "$p50" "$p99" \
		"$([ -n "$non2xx" ] && echo "  ($non2xx non-2xx!)")"
}
echo "bench: $ROUNDS interleaved rounds of $DURATION each, wrk -t2 -c32, $WORKERS workers per program"
r=1
while [ $r -le "$ROUNDS" ]; do
	measure hello /bench/hello
	measure pk /bench/pk "$ROOT/bench/pk.lua"
	measure healthz /healthz
	measure me /api/v1/me "$VAR/me.lua"
	r=$((r + 1))
done

median() { awk -v c="$1" -v f="$2" '$1 == c {print $f}' "$out" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "bench: medians"
printf '  %-32s %12s %10s %10s\n' case req/s p50_ms p99_ms
for c in hello pk healthz me; do
	case $c in
	hello) label="(a) bare libfcgi hello" ;;
	pk) label="(b) bare libpq PK SELECT + cJSON" ;;
	healthz) label="(c) Bursar /healthz" ;;
	me) label="(d) Bursar GET /api/v1/me" ;;
	esac
	printf '  %-32s %12s %10s %10s\n' "$label" "$(median $c 2)" "$(median $c 3)" "$(median $c 4)"
done
b=$(median pk 2); c=$(median healthz 2)
d=$(median me 2)
awk -v b="$b" -v c="$c" 'BEGIN {printf "  ratio (c)/(b): %.1f%% (target at least 85%%)\n", 100 * c / b}'
awk -v b="$b" -v d="$d" 'BEGIN {printf "  ratio (d)/(b): %.1f%% (target at least 75%%)\n", 100 * d / b}'
for pid in $(ps -o pid=,comm= --ppid "$(cat "$RUN/supervise.pid")" | awk '$2 == "health" {print $1}'); do
	pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
	rss=$(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup")
	echo "  health worker $pid: PSS ${pss} kB, RSS ${rss} kB (target PSS under 3 MB)"
done

# the whole stack's memory under the load just ended (nginx, every
# program's workers, PostgreSQL and its backends, the services)
echo
echo "bench: the stack's memory (PSS) after the load"
sh "$ROOT/scripts/memory.sh"

# the database over its Unix socket against loopback TCP
sh "$ROOT/bench/dbsocket.sh"

# webhooks: deliveries per second, commit to first attempt, the dispatcher
sh "$ROOT/bench/webhooks.sh"

# sync: a CRM's batch of 10,000 records, new and unchanged, against COPY
sh "$ROOT/bench/sync.sh"

# sales orders: GET against (b) and a FastAPI peer, POST against pgbench
sh "$ROOT/bench/orders.sh"

# the books at a million journal lines: trial balance, hledger, bare SQL
sh "$ROOT/bench/ledger.sh"
