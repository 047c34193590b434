#!/bin/sh
# ledger.sh: the books at size, called at the end of bench/run.sh against
# its stack (or against any running stack named by BURSAR_VAR, BURSAR_PORT
# and BURSAR_PGPORT).  A bench business gets 1,000,000 journal lines
# (250,000 entries of four lines, one in ten in USD), written straight in
# SQL with triggers off (made once, kept for the next run), then, the
# median of a few rounds each:
#   (a) Bursar's trial balance over HTTP (GET /api/v1/ledger/trial-balance)
#   (c) the bare SQL it cannot beat: sums by account over the tenant's lines
#   (b) hledger bal -B over the same journal, exported by Bursar (the time
#       of hledger alone; the export's own time is printed beside it)
# and the ratios (a)/(c) and (b)/(a).  Never fails on a timing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/env.sh"
ROUNDS=${BENCH_LEDGER_ROUNDS:-3}
ENTRIES=${BENCH_ENTRIES:-250000}
LINES=$((ENTRIES * 4))
url="http://127.0.0.1:$PORT"
slug=bench-ledger
email=owner@bench-ledger.test
password='Bench7ledger!lines'
. "$ROOT/bench/business.sh"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.3f", b - a}'; }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

echo
echo "bench: the books at $LINES journal lines"
bench_business "$slug" "$email" "$password" "Bench Ledger" "Bea Bench"
[ -n "$tid" ] && [ -n "$token" ] || { echo "bench: no bench business" >&2; exit 1; }

have=$(admin -c "SELECT count(*) FROM journal_lines WHERE tenant_id = '$tid'")
if [ "$have" != "$LINES" ]; then
	t0=$(now)
	# Straight into the tables, triggers off (so no checks, no chain
	# hashing: the rows are made consistent here, with a placeholder
	# hash).  Four lines an entry: two debits, two credits; one entry in
	# ten in USD at 83 (whole rupees, so every line converts exactly).
	admin -v tid="$tid" -v n="$ENTRIES" >/dev/null <<'SQL'
SET session_replication_role = replica;
BEGIN;
DELETE FROM ledger_chain WHERE tenant_id = :'tid';
DELETE FROM journal_lines WHERE tenant_id = :'tid';
DELETE FROM journal_entries WHERE tenant_id = :'tid';
CREATE TEMP TABLE acct AS SELECT (row_number() OVER (ORDER BY code))::int - 1 AS k, id
  FROM accounts WHERE tenant_id = :'tid' AND NOT is_group;
SELECT count(*) AS nacct FROM acct \gset
SELECT start_date AS y0 FROM fiscal_years WHERE tenant_id = :'tid'
 ORDER BY start_date DESC LIMIT 1 \gset
INSERT INTO exchange_rates (tenant_id, currency, rate_date, rate)
VALUES (:'tid', 'USD', :'y0', 83) ON CONFLICT DO NOTHING;
-- the triggers are off: the branch the docs_branch trigger would give
SELECT id AS branch FROM branches WHERE tenant_id = :'tid'
 ORDER BY code <> 'MAIN', code LIMIT 1 \gset
INSERT INTO journal_entries (tenant_id, id, branch_id, entry_date, memo, source_type,
                             source_id, currency, rate)
SELECT :'tid', md5(:'tid' || i)::uuid, :'branch', :'y0'::date + (i * 7 % 365)::int,
       'Bench entry ' || i, 'bench', i::text,
       CASE WHEN i % 10 = 0 THEN 'USD' ELSE 'INR' END, CASE WHEN i % 10 = 0 THEN 83 ELSE 1 END
  FROM generate_series(1::bigint, :n) i;
INSERT INTO ledger_chain (tenant_id, seq, entry_id, prev_hash, hash)
SELECT :'tid', i, md5(:'tid' || i)::uuid, repeat('0', 64), repeat('0', 64)
  FROM generate_series(1::bigint, :n) i;
INSERT INTO journal_lines (tenant_id, entry_id, entry_date, line_no, account_id,
                           debit, credit, tx_debit, tx_credit)
SELECT :'tid', md5(:'tid' || i)::uuid, :'y0'::date + (i * 7 % 365)::int, ln, acct.id,
       v.dr * r, v.cr * r, v.dr, v.cr
  FROM generate_series(1::bigint, :n) i
 CROSS JOIN LATERAL (SELECT 100 + i * 7919 % 500000 AS a, 100 + i * 104729 % 300000 AS b,
                            CASE WHEN i % 10 = 0 THEN 83 ELSE 1 END AS r) amt
 CROSS JOIN generate_series(1, 4) ln
 CROSS JOIN LATERAL (SELECT CASE ln WHEN 1 THEN amt.a WHEN 2 THEN amt.b ELSE 0 END AS dr,
                            CASE ln WHEN 3 THEN (amt.a + amt.b) / 3
                                    WHEN 4 THEN amt.a + amt.b - (amt.a + amt.b) / 3
                                    ELSE 0 END AS cr) v
  JOIN acct ON acct.k = (i * (ln + 3) + ln * 5) % :nacct;
COMMIT;
SET session_replication_role = origin;
VACUUM ANALYZE journal_entries;
VACUUM ANALYZE ledger_chain;
VACUUM ANALYZE journal_lines;
SQL
	echo "  generated $LINES lines in $(since "$t0") s"
else
	echo "  reusing the $LINES lines of the last run"
fi

out=$VAR/bench-ledger.txt
: >"$out"
tb_status=""
# the trial balance at the year's end: every line, as the bare SQL sums
year_end=$(admin -c "SELECT max(end_date) FROM fiscal_years WHERE tenant_id = '$tid'")
sql="SELECT account_id, sum(debit), sum(credit) FROM journal_lines WHERE tenant_id = '$tid' GROUP BY account_id"
r=1
while [ "$r" -le "$ROUNDS" ]; do
	res=$(curl -sS -o "$VAR/bench-tb.json" -w '%{http_code} %{time_total}' \
		-H "Authorization: Bearer $token" "$url/api/v1/ledger/trial-balance?date=$year_end")
	tb_status=${res% *}
	[ "$tb_status" = 200 ] && echo "a ${res#* }" >>"$out"
	ms=$(admin -c '\timing on' -c "$sql" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
	echo "c $(awk -v m="$ms" 'BEGIN {printf "%.4f", m / 1000}')" >>"$out"
	r=$((r + 1))
done

# the export, then hledger over it.  A response has a size cap (8 MB in
# lib/app.c), so when the whole journal does not come in one, it is
# fetched a month at a time and joined, each month's directives dropped.
j=$VAR/bench-ledger.journal
get() { curl -sS -o "$1" -w '%{http_code}' -H "Authorization: Bearer $token" "$url$2"; }
t0=$(now)
how="in one response"
if [ "$(get "$j" /api/v1/ledger/export.journal)" != 200 ]; then
	how="a month at a time"
	: >"$j"
	for m in $(admin -c "SELECT m::date || '/' || (m + interval '1 month' - interval '1 day')::date
	    FROM fiscal_years y, generate_series(y.start_date, y.end_date, interval '1 month') m
	    WHERE y.tenant_id = '$tid' ORDER BY m"); do
		code=$(get "$VAR/bench-month.journal" "/api/v1/ledger/export.journal?from=${m%/*}&to=${m#*/}")
		if [ "$code" != 200 ]; then
			how="failed: HTTP $code: $(head -c 200 "$VAR/bench-month.journal")"
			break
		fi
		if [ -s "$j" ]; then
			sed -n '/^[0-9]/,$p' "$VAR/bench-month.journal" >>"$j"
		else
			cat "$VAR/bench-month.journal" >"$j"
		fi
	done
fi
export_s=$(since "$t0")
case $how in
failed*) echo "  export $how" ;;
*)
	r=1
	while [ "$r" -le "$ROUNDS" ]; do
		t0=$(now)
		if hledger -f "$j" bal -B >/dev/null 2>"$VAR/bench-hledger.err"; then
			echo "b $(since "$t0")" >>"$out"
		else
			echo "  hledger failed: $(head -n 3 "$VAR/bench-hledger.err")"
			break
		fi
		r=$((r + 1))
	done
	mb=$(awk -v s="$(wc -c <"$j")" 'BEGIN {printf "%.1f", s / 1048576}')
	echo "  export: $(grep -c '^[0-9]' "$j") entries, $mb MB in $export_s s, $how"
	;;
esac

m() { awk -v c="$1" '$1 == c {print $2}' "$out" | median; }
a=$(m a); b=$(m b); c=$(m c)
echo "bench: books, medians of $ROUNDS rounds"
show() { if [ -n "$2" ]; then echo "$2 s"; else echo "not measured$1"; fi; }
printf '  %-44s %s\n' "(a) Bursar trial balance over HTTP" "$(show " (HTTP $tb_status)" "$a")"
printf '  %-44s %s\n' "(b) hledger bal -B over the export" "$(show "" "$b")"
printf '  %-44s %s\n' "(c) bare SQL sums by account (server time)" "$c s"
[ -n "$a" ] && awk -v a="$a" -v c="$c" 'BEGIN {printf "  ratio (a)/(c): %.1f\n", a / c}'
[ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" 'BEGIN {printf "  ratio (b)/(a): %.1f (hledger takes this many times as long)\n", b / a}'
if [ -n "$a" ]; then
	if awk -v a="$a" 'BEGIN {exit !(a < 1)}'; then
		echo "  (a) under 1 s: yes"
	else
		echo "  (a) under 1 s: NO; the bare query's plan:"
		admin -c "EXPLAIN (ANALYZE, BUFFERS) $sql" | sed 's/^/    /'
	fi
fi
