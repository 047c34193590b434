#!/bin/sh
# dbsocket.sh: called by bench/run.sh on its running stack.  The same
# programs reaching PostgreSQL over its Unix socket (the default) and over
# loopback TCP, interleaved round by round (the workers restarted with the
# other database_url between rounds): GET /api/v1/me and GET
# /api/v1/orders/{id}, wrk -t2 -c32.  Never fails on a timing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/env.sh"
url="http://127.0.0.1:$PORT"
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-5s}
conf="$VAR/bursar.conf"
token=$(curl -fsS -H 'Content-Type: application/json' -d \
	'{"tenant":"demo","email":"owner@demo.test","password":"Demo-pass-2026"}' \
	"$url/api/v1/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
order=$(curl -fsS -H "Authorization: Bearer $token" "$url/api/v1/orders?limit=1" |
	sed 's/.*"items":\[{"id":"\([^"]*\)".*/\1/')
sock="host=$PGSOCK port=$PGPORT dbname=$DB user=bursar_app"
tcp="host=127.0.0.1 port=$PGPORT dbname=$DB user=bursar_app"
use() {	# use CONNINFO: the workers restarted on it
	sed -i "s|^database_url = .*|database_url = $1|" "$conf"
	kill -HUP "$(cat "$RUN/supervise.pid")"
	sleep 2
	curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$url/api/v1/me"
}
rate() {	# rate PATH: req/s
	wrk -t2 -c32 -d"$DURATION" -H "Authorization: Bearer $token" "$url$1" |
		awk '/Requests\/sec/ {print $2}'
}
out=$(mktemp)
r=1
while [ $r -le "$ROUNDS" ]; do
	for how in sock tcp; do
		if [ $how = sock ]; then use "$sock"; else use "$tcp"; fi
		echo "$how me $(rate /api/v1/me)" >>"$out"
		echo "$how order $(rate "/api/v1/orders/$order")" >>"$out"
	done
	r=$((r + 1))
done
use "$sock"
med() { grep "^$1 $2 " "$out" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "bench: PostgreSQL over its Unix socket against loopback TCP ($ROUNDS interleaved rounds of $DURATION)"
for p in me order; do
	s=$(med sock $p); t=$(med tcp $p)
	awk -v p="$p" -v s="$s" -v t="$t" 'BEGIN {
		printf "  GET %-6s socket %9.0f req/s   TCP %9.0f req/s   socket/TCP %.2fx\n", p, s, t, s / t }'
done
rm -f "$out"
