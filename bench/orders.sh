#!/bin/sh
# orders.sh: the sales orders under load, called from bench/run.sh against
# its stack (or against any running stack named by BURSAR_VAR, BURSAR_PORT
# and BURSAR_PGPORT; the bare baseline (b) at /bench/pk must be there).
# A bench business (bench-orders: one customer, five products at GST 18%,
# a large stock, invoice_on = 'place') is made once through the API and
# kept for the next run.  Then, interleaved round by round with wrk
# -t2 -c32 so that the machine's noise falls on all alike:
#   (pk)    run.sh's bare libpq PK SELECT + cJSON, the baseline
#   (get)   Bursar GET /api/v1/orders/{id}, an order of five lines
#   (peer)  the same route in FastAPI + asyncpg (bench/peer/orders_peer.py,
#           uvicorn --workers 2 --loop uvloop --http httptools), straight
#   (peern) the peer again behind the stack's nginx, as Bursar is
# and then, interleaved the same way:
#   (post)  Bursar POST /api/v1/orders, five lines, "place": true, which
#           reserves the stock, issues the invoice and posts it
#   (sql)   pgbench -M prepared -c 32 -j 2 over bench/orders_pgbench.sql:
#           the same statements as bare SQL, as the app role
#   (sql2)  the same with -c 2, Bursar's own concurrency (two workers):
#           every order reserves the same five stock rows and takes the
#           next invoice number from one counter row, each locked until
#           its commit, so 32 clients mostly wait on each other
# and last the invoice PDF of the GET order's invoice: one client (p50 is
# one PDF, request to last byte) and 32 (PDFs a second).
# Before measuring it checks, once each, that the peer's JSON is Bursar's
# (jq -S) and that one POST sends as many statements as the pgbench script
# (log_statement = all, briefly).  Prints req/s (tx/s), p50 and p99 per
# case (median of the rounds) and the ratios get/pk, get/peer and
# post/sql.  Never fails on a timing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/env.sh"
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-5s}
PEER_PORT=${BENCH_PEER_PORT:-18090}
url="http://127.0.0.1:$PORT"
slug=bench-orders
email=owner@bench-orders.test
password='Bench7orders!lines'
SKUS="BO-1 BO-2 BO-3 BO-4 BO-5"
STOCK=100000000	# units received per top-up
LOW=20000000	# top up when less than this is free
. "$ROOT/bench/business.sh"
W=$VAR/bench-orders
mkdir -p "$W"
post() {	# path json: status on stdout, body in $W/body
	curl -sS -o "$W/body" -w '%{http_code}' -H "Authorization: Bearer $token" \
		-H 'Content-Type: application/json' --data "$2" "$url$1"
}

echo
echo "bench: sales orders"
bench_business "$slug" "$email" "$password" "Bench Orders" "Otto Orders"
[ -n "$tid" ] && [ -n "$token" ] || { echo "  no bench business: skipped" >&2; exit 0; }

# the customer, the products, their stock: made once, topped up when low
if [ -z "$(admin -c "SELECT 1 FROM parties WHERE tenant_id = '$tid' AND code = 'BO-CUST'")" ]; then
	s=$(post /api/v1/parties '{"code":"BO-CUST","name":"Bench Customer","is_customer":true,"is_supplier":false,"email":"buyer@bench-orders.test"}')
	[ "$s" = 201 ] || [ "$s" = 200 ] || echo "  customer: HTTP $s $(head -c 300 "$W/body")"
fi
i=1
for sku in $SKUS; do
	if [ -z "$(admin -c "SELECT 1 FROM products WHERE tenant_id = '$tid' AND sku = '$sku'")" ]; then
		s=$(post /api/v1/products "{\"sku\":\"$sku\",\"name\":\"Bench product $i\",\"tax_group\":\"GST18\",\"tracked\":true,\"prices\":{\"INR\":$((i * 10000 + 99))}}")
		[ "$s" = 201 ] || [ "$s" = 200 ] || echo "  product $sku: HTTP $s $(head -c 300 "$W/body")"
	fi
	free=$(admin -c "SELECT coalesce(sum(l.on_hand - l.reserved), 0) FROM stock_levels l
		JOIN products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
		JOIN locations o ON o.tenant_id = l.tenant_id AND o.id = l.location_id
		WHERE l.tenant_id = '$tid' AND p.sku = '$sku' AND o.code = 'MAIN'")
	if [ "$free" -lt "$LOW" ]; then
		s=$(post /api/v1/stock/receipts "{\"sku\":\"$sku\",\"location\":\"MAIN\",\"quantity\":$STOCK,\"total_cost\":$((STOCK * i * 50)),\"memo\":\"bench stock\"}")
		[ "$s" = 201 ] || [ "$s" = 200 ] || echo "  receipt $sku: HTTP $s $(head -c 300 "$W/body")"
	fi
	i=$((i + 1))
done
admin -c "UPDATE commerce_settings SET invoice_on = 'place' WHERE tenant_id = '$tid' AND invoice_on <> 'place'"
# the rows the last run left (every run adds thousands of orders, held
# reservations, invoices and entries): fresh statistics, or the planner
# may scan every held reservation of the business for one order's lines
admin -c "ANALYZE orders, order_lines, stock_levels, stock_reservations, invoices, invoice_lines, document_taxes, outbox_events, journal_entries, journal_lines, ledger_chain"

# The order GET reads: five lines, one with a 5% discount, placed (so it
# has its reservations and, invoicing on place, its invoice).  Made once.
BODY='{"customer":"BO-CUST","reference":"%s","lines":[{"sku":"BO-1","quantity":1},{"sku":"BO-2","quantity":1,"discount":"5"},{"sku":"BO-3","quantity":1},{"sku":"BO-4","quantity":1},{"sku":"BO-5","quantity":1}],"place":true}'
oid=$(admin -c "SELECT id FROM orders WHERE tenant_id = '$tid' AND reference = 'BENCH-GET' ORDER BY created_at LIMIT 1")
if [ -z "$oid" ]; then
	s=$(post /api/v1/orders "$(printf "$BODY" BENCH-GET)")
	case $s in
	200|201) oid=$(jq -r '.id // empty' "$W/body") ;;
	*) echo "  POST /api/v1/orders: HTTP $s $(head -c 300 "$W/body")" ;;
	esac
fi
if [ -z "$oid" ]; then
	echo "  no order to read (is the orders program built?): skipped"
	exit 0
fi
s=$(curl -sS -o "$W/bursar.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/v1/orders/$oid")
[ "$s" = 200 ] || { echo "  GET /api/v1/orders/$oid: HTTP $s $(head -c 300 "$W/bursar.json"): skipped"; exit 0; }

# Does bench/orders_pgbench.sql still send what the request sends?  One
# POST with log_statement = all, briefly; its statements are kept in
# $W/post-statements.sql to compare with the script when the counts differ.
if [ -f "$PGBASE/pg.log" ]; then
	n0=$(wc -l <"$PGBASE/pg.log")
	admin -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
	sleep 0.3
	s=$(post /api/v1/orders "$(printf "$BODY" BENCH-LOG)") || s=000
	admin -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
	tail -n +"$((n0 + 1))" "$PGBASE/pg.log" >"$W/pg.log.part"
	pid=$(sed -n 's/.*\[\([0-9]*\)\] LOG:  execute [^:]*: INSERT INTO orders .*/\1/p' "$W/pg.log.part" | head -n 1)
	if [ "$s" = 201 ] && [ -n "$pid" ]; then
		grep "\[$pid\] LOG:  \(execute [^:]*\|statement\): " "$W/pg.log.part" |
			sed 's/.*LOG:  \(execute [^:]*\|statement\): //' >"$W/post-statements.sql"
		# the scope's set_config is left out of the count: a worker
		# whose session already holds the tenant (after a GET) sends none
		scope="^SELECT set_config('bursar.tenant_id'"
		sent=$(grep -cv "$scope" "$W/post-statements.sql")
		have=$(grep -v '^--\|^$' "$ROOT/bench/orders_pgbench.sql" | grep -cv "$scope")
		if [ "$sent" = "$have" ]; then
			echo "  the request sends $sent statements (besides the tenant's scope), as orders_pgbench.sql does"
		else
			echo "  the request sends $sent statements (besides the tenant's scope), orders_pgbench.sql $have:" \
				"compare it with $W/post-statements.sql"
		fi
	else
		echo "  the request's statements were not captured (HTTP $s)"
	fi
fi

# the peer twice, with the stack's config (secret, database): on its own
# port, as wrk reaches it straight; and on a Unix socket behind the stack's
# nginx (/bench/peer/), as it would be deployed beside Bursar, so that both
# pay nginx's share of the two cores alike
peer_pid= peer_nginx_pid=
SOCK=$RUN/bench-peer.sock
stop_peer() {
	for p in $peer_pid $peer_nginx_pid; do
		kill "$p" 2>/dev/null || true
		i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	done
	peer_pid= peer_nginx_pid=
	if grep -q bench-peer.sock "$VAR/nginx/routes.conf" 2>/dev/null; then
		sed -i '/bench-peer.sock/d' "$VAR/nginx/routes.conf"
		nginx -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" -s reload || true
	fi
	rm -f "$SOCK"
}
trap stop_peer EXIT
trap 'stop_peer; exit 1' INT TERM
start_peer() {	# log, where (uvicorn's --host/--port or --uds): the pid in $started
	BURSAR_CONFIG="$VAR/bursar.conf" /usr/bin/uvicorn --app-dir "$ROOT/bench/peer" \
		orders_peer:app --workers 2 --loop uvloop --http httptools \
		--log-level warning "$@" >>"$LOG/bench-orders-peer.log" 2>&1 &
	started=$!
}
await_peer() {	# pid, url, file: the order as the peer gives it
	i=0
	until curl -fsS -o "$3" -H "Authorization: Bearer $token" "$2/api/v1/orders/$oid" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 100 ] || ! kill -0 "$1" 2>/dev/null; then
			echo "  the peer did not answer at $2: $(tail -n 3 "$LOG/bench-orders-peer.log")"
			return 1
		fi
		sleep 0.1
	done
}
peer=http://127.0.0.1:$PEER_PORT
peer_nginx=$url/bench/peer
if ss -Hltn "sport = :$PEER_PORT" | grep -q .; then
	echo "  port $PEER_PORT is taken: the peer is not measured"
elif [ ! -x /usr/bin/uvicorn ]; then
	echo "  no /usr/bin/uvicorn (scripts/deps.sh installs it): the peer is not measured"
else
	: >"$LOG/bench-orders-peer.log"
	start_peer --host 127.0.0.1 --port "$PEER_PORT"
	peer_pid=$started
	rm -f "$SOCK"
	start_peer --uds "$SOCK"
	peer_nginx_pid=$started
	echo "location /bench/peer/ { proxy_pass http://unix:$SOCK:/; }" >>"$VAR/nginx/routes.conf"
	nginx -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" -s reload
	await_peer "$peer_pid" "$peer" "$W/peer.json" || stop_peer
	if [ -n "$peer_pid" ] && ! await_peer "$peer_nginx_pid" "$peer_nginx" "$W/peer-nginx.json"; then
		kill "$peer_nginx_pid" 2>/dev/null || true
		peer_nginx_pid=
	fi
fi
if [ -n "$peer_pid" ]; then
	jq -S . "$W/bursar.json" >"$W/bursar.sorted.json"
	jq -S . "$W/peer.json" >"$W/peer.sorted.json"
	if diff -u "$W/bursar.sorted.json" "$W/peer.sorted.json" >"$W/json.diff"; then
		echo "  peer JSON matches"
	else
		echo "  peer JSON differs (Bursar -, peer +):"
		sed -n '3,40p' "$W/json.diff" | sed 's/^/    /'
	fi
fi

# wrk's scripts: the bearer token; the POST's body
cat >"$W/get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
cat >"$W/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$(printf "$BODY" BENCH-POST)'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA

# pgbench's variables: the ids the API resolves from codes and SKUs
uid=$(admin -c "SELECT id FROM users WHERE tenant_id = '$tid' AND lower(email) = '$email'")
party=$(admin -c "SELECT id FROM parties WHERE tenant_id = '$tid' AND code = 'BO-CUST'")
loc=$(admin -c "SELECT id FROM locations WHERE tenant_id = '$tid' AND code = 'MAIN'")
set -- -D tid="$tid" -D uid="$uid" -D party="$party" -D loc="$loc"
i=1
for sku in $SKUS; do
	set -- "$@" -D "p$i=$(admin -c "SELECT id FROM products WHERE tenant_id = '$tid' AND sku = '$sku'")"
	i=$((i + 1))
done
secs=$(echo "$DURATION" | awk '/m$/ {sub(/m/, ""); print $1 * 60; next} {sub(/s$/, ""); print int($1) < 1 ? 1 : int($1)}')

out=$W/results.txt
: >"$out"
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.3f", v}'; }
measure() {	# case, url, script
	res=$(wrk -t2 -c32 -d"$DURATION" --latency -s "$3" "$2")
	rps=$(echo "$res" | awk '/^Requests\/sec/ {print $2}')
	p50=$(echo "$res" | awk '$1 == "50%" {print $2}' | to_ms)
	p99=$(echo "$res" | awk '$1 == "99%" {print $2}' | to_ms)
	non2xx=$(echo "$res" | awk '/Non-2xx/ {print $NF}')
	echo "$1 $rps $p50 $p99 ${non2xx:-0}" >>"$out"
	printf '  round %s %-5s %10s req/s  p50 %s ms  p99 %s ms%s\n' "$r" "$1" "$rps" "$p50" "$p99" \
		"$([ -n "$non2xx" ] && echo "  ($non2xx non-2xx!)")"
}
pgb() {	# case, clients, -D ...: the same transaction as bare SQL
	c=$1 n=$2
	shift 2
	res=$(pgbench -h 127.0.0.1 -p "$PGPORT" -U bursar_app -n -M prepared -c "$n" -j 2 \
		-T "$secs" "$@" -f "$ROOT/bench/orders_pgbench.sql" "$DB" 2>&1) || {
		echo "  round $r $c pgbench failed: $(echo "$res" | grep -i error | head -n 3)"
		return 0
	}
	tps=$(echo "$res" | awk '/^tps/ {print $3; exit}')
	lat=$(echo "$res" | awk '/^latency average/ {print $4}')
	failed=$(echo "$res" | awk '/^number of failed transactions/ {print $5}')
	echo "$c $tps $lat - 0" >>"$out"
	printf '  round %s %-5s %10s tx/s   avg %s ms%s\n' "$r" "$c" "$tps" "$lat" \
		"$([ "${failed:-0}" != 0 ] && echo "  ($failed failed)")"
}
pk_ok=1
curl -fsS -o /dev/null "$url/bench/pk?id=7" 2>/dev/null || { pk_ok=0; echo "  no /bench/pk baseline here (run from bench/run.sh): not measured"; }
echo "bench: GET /api/v1/orders/{id}, $ROUNDS interleaved rounds of $DURATION each, wrk -t2 -c32"
r=1
while [ $r -le "$ROUNDS" ]; do
	[ $pk_ok = 1 ] && measure pk "$url/bench/pk" "$ROOT/bench/pk.lua"
	measure get "$url/api/v1/orders/$oid" "$W/get.lua"
	[ -n "$peer_pid" ] && measure peer "$peer/api/v1/orders/$oid" "$W/get.lua"
	[ -n "$peer_nginx_pid" ] && measure peern "$peer_nginx/api/v1/orders/$oid" "$W/get.lua"
	r=$((r + 1))
done
stop_peer
echo "bench: POST /api/v1/orders (5 lines, placed, invoiced), $ROUNDS interleaved rounds;" \
	"pgbench: $(grep -cv '^--\|^$' "$ROOT/bench/orders_pgbench.sql") statements a transaction"
r=1
while [ $r -le "$ROUNDS" ]; do
	measure post "$url/api/v1/orders" "$W/post.lua"
	pgb sql 32 "$@"
	pgb sql2 2 "$@"
	r=$((r + 1))
done

# The invoice PDF: the GET order's invoice (five lines, GST split in CGST
# and SGST), fetched by one client at a time, so that p50 is the time of one
# PDF from request to last byte (its read, the render, nginx); then by 32,
# for PDFs a second on the two cores.  The PDF is checked once with qpdf.
inv=$(admin -c "SELECT id FROM invoices WHERE tenant_id = '$tid' AND order_id = '$oid'")
if [ -n "$inv" ]; then
	s=$(curl -sS -o "$W/invoice.pdf" -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/v1/invoices/$inv/pdf")
	if [ "$s" != 200 ]; then
		echo "  GET /api/v1/invoices/$inv/pdf: HTTP $s: the PDF is not measured"
		inv=
	elif command -v qpdf >/dev/null && ! qpdf --check "$W/invoice.pdf" >/dev/null 2>&1; then
		echo "  the invoice PDF fails qpdf --check ($W/invoice.pdf)"
	fi
fi
if [ -n "$inv" ]; then
	echo "bench: GET /api/v1/invoices/{id}/pdf ($(wc -c <"$W/invoice.pdf") bytes), $ROUNDS rounds, wrk -t1 -c1, then -t2 -c32"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		res=$(wrk -t1 -c1 -d"$DURATION" --latency -s "$W/get.lua" "$url/api/v1/invoices/$inv/pdf")
		rps=$(echo "$res" | awk '/^Requests\/sec/ {print $2}')
		p50=$(echo "$res" | awk '$1 == "50%" {print $2}' | to_ms)
		p99=$(echo "$res" | awk '$1 == "99%" {print $2}' | to_ms)
		echo "pdf1 $rps $p50 $p99 0" >>"$out"
		printf '  round %s %-5s %10s req/s  p50 %s ms  p99 %s ms\n' "$r" pdf1 "$rps" "$p50" "$p99"
		measure pdf "$url/api/v1/invoices/$inv/pdf" "$W/get.lua"
		r=$((r + 1))
	done
fi

median() { awk -v c="$1" -v f="$2" '$1 == c {print $f}' "$out" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "bench: orders, medians"
printf '  %-40s %12s %10s %10s\n' case "req/s" p50_ms p99_ms
for c in pk get peer peern post sql sql2 pdf1 pdf; do
	case $c in
	pk) label="(b) bare libpq PK SELECT + cJSON" ;;
	get) label="Bursar GET /api/v1/orders/{id}" ;;
	peer) label="FastAPI+asyncpg GET (peer, straight)" ;;
	peern) label="the peer behind nginx, as Bursar is" ;;
	post) label="Bursar POST /api/v1/orders, placed" ;;
	sql) label="pgbench -c 32, the same SQL (tx/s, avg)" ;;
	sql2) label="pgbench -c 2 (Bursar's 2 workers)" ;;
	pdf1) label="invoice PDF, one client" ;;
	pdf) label="invoice PDF, 32 clients" ;;
	esac
	[ -n "$(median $c 2)" ] || continue
	printf '  %-40s %12s %10s %10s\n' "$label" "$(median $c 2)" "$(median $c 3)" "$(median $c 4)"
done
ratio() {	# label a b target
	a=$(median "$2" 2); b=$(median "$3" 2)
	[ -n "$a" ] && [ -n "$b" ] || return 0
	awk -v l="$1" -v a="$a" -v b="$b" -v t="$4" 'BEGIN {printf "  %s: %s%s\n", l,
		(t ~ /x$/) ? sprintf("%.2fx", a / b) : sprintf("%.1f%%", 100 * a / b),
		t == "" ? "" : " (target " t ")"}'
}
ratio "ratio GET/(b)" get pk "at least 70%"
ratio "ratio Bursar/peer" get peer "at least 2.5x"
ratio "ratio Bursar/peer, both behind nginx" get peern "at least 2.5x"
ratio "ratio POST/pgbench -c 32" post sql "at least 50%"
ratio "ratio POST/pgbench -c 2" post sql2 ""
p=$(median pdf1 3)
[ -z "$p" ] || awk -v p="$p" 'BEGIN {printf "  one invoice PDF, request to last byte: %s ms (target under 20 ms): %s\n", p, p < 20 ? "yes" : "no"}'
