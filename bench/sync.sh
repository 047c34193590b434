#!/bin/sh
# sync.sh: called by bench/run.sh on its running stack.  A CRM's batch of
# 10,000 units pushed with an API key, new and then the same batch again
# (unchanged), against a bare COPY of the same rows into a table (the
# least any import of them can cost).  Never fails on a timing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/env.sh"
url="http://127.0.0.1:$PORT"
N=${BENCH_SYNC:-10000}
. "$ROOT/bench/business.sh"
bench_business bench-sync owner@bench-sync.test 'Bench-pass-2026!' "Bench Sync" "Bench Owner"
[ -n "$token" ] || { echo "bench: sync: no bench business" >&2; exit 1; }
key=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
	-d '{"name":"bench crm","scopes":"sync.write"}' "$url/api/v1/api-keys" |
	sed 's/.*"key":"\([^"]*\)".*/\1/')
tag=$(date +%s)
body="$VAR/bench-sync.json"
/usr/bin/python3 - "$N" "$tag" >"$body" <<'PY'
import json, sys
n, tag = int(sys.argv[1]), sys.argv[2]
print(json.dumps({"data": [{"id": f"B{tag}-{i}", "code": f"C{i}", "title": f"Unit {i}",
	"level": "Diploma", "credits": 40, "status": "active"} for i in range(n)]}))
PY
post() {
	curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $key" \
		-H 'Content-Type: application/json' --data-binary "@$body" "$url/api/v1/sync/units"
}
t_new=$(post)
t_same=$(post)
# the bare COPY of the same rows: id, code, title, level, credits, status
/usr/bin/python3 - "$N" "$tag" >"$VAR/bench-sync.csv" <<'PY'
import sys
n, tag = int(sys.argv[1]), sys.argv[2]
for i in range(n):
	print(f"B{tag}-{i},C{i},Unit {i},Diploma,40,active")
PY
admin -c "CREATE TABLE IF NOT EXISTS bench_units (id text PRIMARY KEY, code text, title text, level text, credits int, status text)" >/dev/null
admin -c "TRUNCATE bench_units" >/dev/null
t0=$(date +%s.%N)
admin -c "\\copy bench_units FROM '$VAR/bench-sync.csv' WITH (FORMAT csv)" >/dev/null
t1=$(date +%s.%N)
echo
echo "bench: sync, $N units in one batch (JSON, an API key)"
awk -v n="$N" -v a="$t_new" -v b="$t_same" -v c0="$t0" -v c1="$t1" 'BEGIN {
	c = c1 - c0
	printf "  new:       %.2f s, %.0f records/s\n", a, n / a
	printf "  unchanged: %.2f s, %.0f records/s\n", b, n / b
	printf "  bare COPY of the same rows: %.3f s, %.0f rows/s\n", c, n / c
	printf "  ratio new/COPY: %.1f%%; unchanged/COPY: %.1f%% (records per second)\n", 100 * c / a, 100 * c / b }'
