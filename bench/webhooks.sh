#!/bin/sh
# webhooks.sh: called by bench/run.sh on its running stack.  The dispatcher supervised by the stack against the
# scripted receiver on loopback (tests/integration/webhook_receiver.py):
#   throughput: N events committed at once, to a subscription that wants
#               them, until every delivery succeeded: deliveries per second;
#   latency:    M events committed one at a time, 50 ms apart: commit to
#               the first attempt's start (p50, p99);
# and the dispatcher's PSS.  Never fails on a timing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/env.sh"
url="http://127.0.0.1:$PORT"
N=${BENCH_WEBHOOKS:-5000}
M=${BENCH_WEBHOOK_SINGLES:-200}
. "$ROOT/bench/business.sh"

bench_business bench-hooks owner@bench-hooks.test 'Bench-pass-2026!' "Bench Hooks" "Bench Owner"
[ -n "$token" ] || { echo "bench: webhooks: no bench business" >&2; exit 1; }

rlog="$VAR/log/bench-receiver.jsonl"
rm -f "$rlog" "$rlog.port"
/usr/bin/python3 "$ROOT/tests/integration/webhook_receiver.py" 0 "$rlog" &
rpid=$!
trap 'kill $rpid 2>/dev/null || true' EXIT
i=0
while [ ! -s "$rlog.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
rport=$(cat "$rlog.port")

# one subscription for the run: earlier runs' are removed with their history
admin -c "DELETE FROM webhook_subscriptions WHERE tenant_id = '$tid'" >/dev/null
sub=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
	-d "{\"url\":\"http://127.0.0.1:$rport/ok/bench\",\"event_types\":[\"customer.created\"]}" \
	"$url/api/v1/webhooks" | sed 's/.*"id":"\([^"]*\)".*/\1/')

succeeded() {
	admin -c "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '$sub' AND status = 'succeeded'"
}

# throughput
t0=$(date +%s.%N)
admin -c "INSERT INTO outbox_events (tenant_id, type, payload) SELECT '$tid',
	'customer.created', jsonb_build_object('id', gen_random_uuid(), 'name', 'Bench ' || g)
	FROM generate_series(1, $N) g" >/dev/null
while [ "$(succeeded)" -lt "$N" ]; do sleep 0.05; done
t1=$(date +%s.%N)

# latency: one event per transaction
i=0
while [ $i -lt "$M" ]; do
	admin -c "INSERT INTO outbox_events (tenant_id, type, payload) VALUES ('$tid',
		'customer.created', jsonb_build_object('id', gen_random_uuid(), 'name', 'Single'))" >/dev/null
	sleep 0.05
	i=$((i + 1))
done
want=$((N + M))
while [ "$(succeeded)" -lt "$want" ]; do sleep 0.05; done
lat=$(admin -c "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric(10,1) || ' ' ||
	percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric(10,1) FROM (
	SELECT extract(epoch FROM a.started_at - e.occurred_at) * 1000 AS ms
	FROM webhook_deliveries d JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
	JOIN webhook_attempts a ON a.tenant_id = d.tenant_id AND a.delivery_id = d.id AND a.n = 1
	WHERE d.subscription_id = '$sub' AND e.payload->>'name' = 'Single') s")

dpid=$(ps -eo pid=,args= | awk -v b="$BUILD/cron/webhook_dispatch" '$2 == b {print $1; exit}')
pss=$( [ -n "$dpid" ] && awk '/^Pss:/ {print $2}' "/proc/$dpid/smaps_rollup" || echo "?")

echo
echo "bench: webhooks, the supervised dispatcher to a receiver on loopback"
awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN {
	printf "  %d deliveries in %.2f s: %.0f deliveries/s (target at least 500/s)\n", n, b - a, n / (b - a) }'
echo "$lat" | awk -v m="$M" '{
	printf "  commit to first attempt over %d single events: p50 %s ms, p99 %s ms (target p99 under 1000 ms)\n", m, $1, $2 }'
echo "  dispatcher PSS: ${pss} kB"
