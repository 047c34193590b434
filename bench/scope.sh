#!/bin/sh
# scope.sh: what the branch limit and the tenant's time zone cost (issue
# 22), before and after, in one run.  BENCH_BEFORE names a built checkout
# of the tree before them (e.g. `git worktree add /tmp/before 25cdf2c &&
# make -C /tmp/before build`).  Two throwaway stacks, this tree's and that
# one's, each with the demo business; then, interleaved round by round
# with wrk -t2 -c32 so that the machine's noise falls on all alike:
#   (pk)      the bare libpq PK SELECT + cJSON (run.sh's baseline), on
#             this tree's stack
#   (me0)     GET /api/v1/me before,  (me1) after
#   (get0)    GET /api/v1/orders/{id} before,  (get1) after
#   (getb)    after, as a user limited to one branch (the filter at work)
# Prints req/s and p50 per case (median of the rounds) and each as a ratio
# of (pk), and after/before.  Never fails on a timing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BEFORE=${BENCH_BEFORE:?set BENCH_BEFORE to a built checkout of the tree before}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-5s}
export BURSAR_DEMO=1 BURSAR_WORKERS=2

# stack TREE VAR PORT: start one; its env in $VAR/bench.env
stack() {
	(export BURSAR_VAR=$2 BURSAR_PORT=$3 BURSAR_PGPORT=$(($3 + 1)) \
		BURSAR_SMTPPORT=$(($3 + 2)); sh "$1/scripts/stack.sh" start >/dev/null)
}
stop() {
	(export BURSAR_VAR=$2 BURSAR_PORT=$3 BURSAR_PGPORT=$(($3 + 1)) \
		BURSAR_SMTPPORT=$(($3 + 2)); sh "$1/scripts/stack.sh" stop >/dev/null 2>&1) || true
}
A=$ROOT/var/bench-scope-after; AP=18180
B=$ROOT/var/bench-scope-before; BP=18280
cleanup() {
	[ -f "$A/run/bench-supervise.pid" ] && kill "$(cat "$A/run/bench-supervise.pid")" 2>/dev/null || true
	stop "$ROOT" "$A" $AP; stop "$BEFORE" "$B" $BP
}
trap cleanup EXIT INT TERM
stack "$ROOT" "$A" $AP
stack "$BEFORE" "$B" $BP

# the bare baseline beside this tree's stack, as run.sh does
export BURSAR_VAR=$A BURSAR_PORT=$AP BURSAR_PGPORT=$((AP + 1))
. "$ROOT/scripts/env.sh"
psql -X -q -d "$ADMIN_URL" <<'SQL'
CREATE TABLE IF NOT EXISTS bench_items (id int PRIMARY KEY, name text NOT NULL,
	price numeric(10,2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO bench_items SELECT g, 'item ' || g, (g % 1000) + 0.99, now()
	FROM generate_series(1, 100000) g ON CONFLICT DO NOTHING;
GRANT SELECT ON bench_items TO bursar_app;
ANALYZE bench_items;
SQL
BENCH_CONNINFO="$APP_CONNINFO" "$BUILD/scripts/supervise" -D -d "$RUN" -l "$LOG" \
	-p "$RUN/bench-supervise.pid" -- bench-pk:2:"$BUILD/bench/pkjson"
cat >>"$VAR/nginx/routes.conf" <<CONF
location = /bench/pk { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$RUN/bench-pk.sock; }
CONF
nginx -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log" -s reload
sleep 0.5
# a user limited to the main branch, after only (before, the limit is not
# enforced): the demo's sales user
psql -X -q -d "$ADMIN_URL" <<'SQL'
UPDATE users SET all_branches = false WHERE email = 'sales@demo.test';
INSERT INTO user_branches (tenant_id, user_id, branch_id)
SELECT u.tenant_id, u.id, b.id FROM users u JOIN branches b
	ON b.tenant_id = u.tenant_id AND b.code = 'MAIN'
WHERE u.email = 'sales@demo.test' ON CONFLICT DO NOTHING;
SQL

W=$A/bench-scope; mkdir -p "$W"
token() {	# port email
	curl -fsS -H 'Content-Type: application/json' -d "{\"tenant\":\"demo\",\"email\":\"$2\",\"password\":\"Demo-pass-2026\"}" \
		"http://127.0.0.1:$1/api/v1/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
script() {	# file token
	printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$2" >"$1"
}
script "$W/before.lua" "$(token $BP owner@demo.test)"
script "$W/after.lua" "$(token $AP owner@demo.test)"
script "$W/branch.lua" "$(token $AP sales@demo.test)"
# one order of the main branch, which the limited user may read too
order() {	# admin url
	psql -X -qAt -d "$1" -c "SELECT o.id FROM orders o JOIN tenants t ON t.id = o.tenant_id
		WHERE t.slug = 'demo' AND o.status <> 'draft' ORDER BY o.number LIMIT 1"
}
oa=$(order "$ADMIN_URL")
ob=$(order "postgresql://postgres@127.0.0.1:$((BP + 1))/bursar")
[ -n "$oa" ] && [ -n "$ob" ] || { echo "bench: no demo order" >&2; exit 1; }

out=$W/results.txt
: >"$out"
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.3f", v}'; }
measure() {	# case url [script]
	res=$(wrk -t2 -c32 -d"$DURATION" --latency ${3:+-s "$3"} "$2")
	rps=$(echo "$res" | awk '/^Requests\/sec/ {print $2}')
	p50=$(echo "$res" | awk '$1 == "50%" {print $2}' | to_ms)
	non2xx=$(echo "$res" | awk '/Non-2xx/ {print $NF}')
	echo "$1 $rps $p50 ${non2xx:-0}" >>"$out"
	printf '  round %s %-5s %10s req/s  p50 %s ms%s\n' "$r" "$1" "$rps" "$p50" \
		"$([ -n "$non2xx" ] && echo "  ($non2xx non-2xx!)")"
}
for u in "http://127.0.0.1:$AP/api/v1/orders/$oa $W/branch.lua" \
	"http://127.0.0.1:$BP/api/v1/orders/$ob $W/before.lua"; do
	set -- $u
	curl -fsS -o /dev/null -H "$(sed 's/.*= "\(.*\)"/Authorization: \1/' "$2")" "$1" ||
		{ echo "bench: $1 does not answer" >&2; exit 1; }
done
echo
echo "bench: the branch limit and the time zone, before ($BEFORE) and after"
r=1
while [ $r -le "$ROUNDS" ]; do
	measure pk "http://127.0.0.1:$AP/bench/pk?id=7" "$ROOT/bench/pk.lua"
	measure me0 "http://127.0.0.1:$BP/api/v1/me" "$W/before.lua"
	measure me1 "http://127.0.0.1:$AP/api/v1/me" "$W/after.lua"
	measure get0 "http://127.0.0.1:$BP/api/v1/orders/$ob" "$W/before.lua"
	measure get1 "http://127.0.0.1:$AP/api/v1/orders/$oa" "$W/after.lua"
	measure getb "http://127.0.0.1:$AP/api/v1/orders/$oa" "$W/branch.lua"
	r=$((r + 1))
done
median() { awk -v c="$1" -v f="$2" '$1 == c {print $f}' "$out" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
pk=$(median pk 2)
echo
printf '  %-6s %10s %8s %8s\n' case req/s p50_ms "of pk"
for c in pk me0 me1 get0 get1 getb; do
	printf '  %-6s %10s %8s %7.1f%%\n' $c "$(median $c 2)" "$(median $c 3)" \
		"$(awk -v a="$(median $c 2)" -v b="$pk" 'BEGIN {print 100 * a / b}')"
done
awk -v a="$(median me1 2)" -v b="$(median me0 2)" 'BEGIN {printf "  /me after/before: %.1f%%\n", 100 * a / b}'
awk -v a="$(median get1 2)" -v b="$(median get0 2)" 'BEGIN {printf "  GET order after/before: %.1f%%\n", 100 * a / b}'
awk -v a="$(median getb 2)" -v b="$(median get0 2)" 'BEGIN {printf "  GET order, one-branch user, after/before: %.1f%%\n", 100 * a / b}'
