#!/bin/sh
# test_hledger.sh: Bursar's books checked by another program's arithmetic.
# A new business posts a few thousand entries in INR, USD, JPY (no minor
# unit) and KWD (three digits), with amounts that force rounding lines, a
# few reversals and an account whose name needs cleaning; its journal is
# exported over HTTP and hledger must parse it, find it strict-clean, and
# reach, to the minor unit, every balance Bursar's trial balance gives: at
# cost in INR, and in each line's own currency.  Needs BURSAR_URL,
# BURSAR_ADMIN_URL and BURSAR_APP_CONNINFO (tests/integration/run.sh).
set -u
: "${BURSAR_URL:?}" "${BURSAR_ADMIN_URL:?}" "${BURSAR_APP_CONNINFO:?}"
dir=$(mktemp -d /tmp/bursar-hledger-XXXXXX)
trap 'rm -rf "$dir"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: hledger: $1" >&2; fail=$((fail + 1)); }
app() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$BURSAR_APP_CONNINFO" "$@"; }
# same FILE1 FILE2 WHAT: the two listings agree line for line
same() {
	if diff "$1" "$2" >"$dir/diff"; then ok; else
		ko "$3 differ (< hledger, > Bursar):"; head -n 20 "$dir/diff" >&2; fi
}

# a new business in INR, and its owner's token
slug=hl-$$-$(date +%s)
curl -sS -o "$dir/signup.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	-d "{\"business\":\"Ledger Check Co\",\"slug\":\"$slug\",\"currency\":\"INR\",\"name\":\"Hema Ledger\",\"email\":\"owner@$slug.test\",\"password\":\"blue7Horse!fence\"}" \
	"$BURSAR_URL/api/v1/signup" >"$dir/code" 2>&1
token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$dir/signup.json")
tid=$(sed -n 's/.*"tenant_id":"\([^"]*\)".*/\1/p' "$dir/signup.json")
if [ "$(cat "$dir/code")" != 201 ] || [ -z "$token" ] || [ -z "$tid" ]; then
	ko "sign-up: $(cat "$dir/code") $(cat "$dir/signup.json")"
	echo "hledger: $pass passed, $fail failed"
	exit 1
fi

# the journal, posted as the application, in one transaction
app -v tid="$tid" >/dev/null <<'SQL'
BEGIN;
SELECT set_config('bursar.tenant_id', :'tid', false);
-- a name hledger could misread: ';' starts a comment, two spaces or a
-- tab end an account name, ':' makes a sub-account
INSERT INTO accounts (tenant_id, code, name, type, parent_id)
SELECT bursar_tenant(), '5550', E'Odd;  name:with\ttab and  spaces ', 'expense', id
  FROM accounts WHERE code = '5000';
-- a rate a month, with seven decimals so that conversions round
INSERT INTO exchange_rates (tenant_id, currency, rate_date, rate)
SELECT bursar_tenant(), v.c, (y.start_date + make_interval(months => k))::date, v.r + k * 0.0137
  FROM fiscal_years y,
       (VALUES ('USD', 83.1234567), ('JPY', 0.5612347), ('KWD', 270.3456789)) v(c, r),
       generate_series(0, 11) k;
-- 4000 entries, a quarter in each currency: a debit of a+b against
-- credits of a and b (each converted on its own, so the base amounts
-- often miss by a paisa: a rounding line), or a+b+c over three debits
SELECT count(ledger_post(y.start_date + (i % 360)::int,
	'Entry ' || i || CASE WHEN i % 7 = 0 THEN E'; odd\tmemo:  with ;; and\na newline' ELSE '' END,
	'test', 'T-' || i, (ARRAY['INR', 'USD', 'JPY', 'KWD'])[1 + i % 4], NULL, NULL,
	CASE WHEN i % 5 = 0 THEN ARRAY['5550', '1400', '5500', '1200']
	     ELSE ARRAY['1300', '4100', '4200'] END,
	CASE WHEN i % 5 = 0 THEN ARRAY[a, b, c, 0] ELSE ARRAY[a + b, 0, 0] END,
	CASE WHEN i % 5 = 0 THEN ARRAY[0, 0, 0, a + b + c] ELSE ARRAY[0, a, b] END,
	NULL, NULL, NULL, NULL))
  FROM fiscal_years y, generate_series(1::bigint, 4000) i,
       LATERAL (SELECT 1 + (i * 7919) % 99991 AS a, 1 + (i * 104729) % 77777 AS b,
                       1 + (i * 1299709) % 55333 AS c) amt;
-- reversals of a few, foreign ones included
SELECT count(ledger_reverse(e.id, e.entry_date + 1, NULL, NULL))
  FROM (SELECT id, entry_date FROM journal_entries WHERE source_id IN
        ('T-10', 'T-11', 'T-13', 'T-15', 'T-20', 'T-22')) e;
COMMIT;
SQL
[ $? = 0 ] && ok || ko "posting the journal"
rounding=$(app -v tid="$tid" <<'SQL'
SELECT set_config('bursar.tenant_id', :'tid', false) \g /dev/null
SELECT count(*) FROM journal_lines WHERE memo = 'currency rounding';
SQL
)
[ "${rounding:-0}" -gt 100 ] && ok || ko "the journal has rounding lines: ${rounding:-none}"

# export: GET url FILE: 0 when it answered 200
get() {
	code=$(curl -sS -o "$2" -w '%{http_code}' -H "Authorization: Bearer $token" "$BURSAR_URL$1")
	[ "$code" = 200 ] || { ko "GET $1: $code $(head -c 300 "$2")"; return 1; }
}
j=$dir/export.journal
get /api/v1/ledger/export.journal "$j" && ok
grep -q '^commodity INR 1000\.00$' "$j" && grep -q '^commodity JPY 1000\.$' "$j" &&
	grep -q '^commodity KWD 1000\.000$' "$j" && grep -q '^commodity USD 1000\.00$' "$j" &&
	ok || ko "the export declares each currency with its digits"
n=$(grep -c '^[0-9]' "$j")
[ "$n" = 4006 ] && ok || ko "the export has every entry: $n"
grep -q '^    expenses:5550 Odd, name-with tab and spaces  ' "$j" && ok ||
	ko "an awkward account name is cleaned"
grep -q '@@ INR' "$j" && ok || ko "foreign lines carry their cost"
hledger -f "$j" check >"$dir/check" 2>&1 && ok || ko "hledger check: $(head -n 5 "$dir/check")"
hledger -f "$j" check --strict ordereddates >"$dir/check" 2>&1 && ok ||
	ko "hledger check --strict: $(head -n 5 "$dir/check")"

# balances: hledger's CSV ("assets:1300 Name","INR 12.34, USD -1.00")
# turned into "code commodity minor" lines; zero balances are left out
hl_bal() {
	f=$1; shift
	hledger -f "$f" bal --flat -O csv "$@" 2>"$dir/hl.err" | sed 1d | grep -v '^"total"' |
	awk -F'","' '{
		gsub(/^"|"$/, "", $1); gsub(/"$/, "", $2)
		split($1, p, ":"); split(p[2], c, " ")
		n = split($2, amt, ", ")
		for (i = 1; i <= n; i++) {
			if (split(amt[i], q, " ") < 2) continue	# a bare 0
			v = q[2]; neg = sub(/^-/, "", v); sub(/\./, "", v); sub(/^0+/, "", v)
			if (v != "") print c[1], q[1], (neg ? "-" : "") v
		}
	}' | sort
}
hl_bal "$j" -B >"$dir/hl_cost"
[ -s "$dir/hl_cost" ] && ok || ko "hledger bal -B: $(head -n 3 "$dir/hl.err")"

# Bursar's trial balance, over HTTP: {"items":[{"code":..,"debit":{"amount":..},
# "credit":..}]} or a "balance"; read with PostgreSQL's JSON functions
# at the year's end: the generated entries run past today
year_end=$(app -v tid="$tid" <<'SQL'
SELECT set_config('bursar.tenant_id', :'tid', false) \g /dev/null
SELECT max(end_date) FROM fiscal_years;
SQL
)
get "/api/v1/ledger/trial-balance?date=$year_end" "$dir/tb.json" && ok
app -v tb="$(cat "$dir/tb.json")" >"$dir/tb" <<'SQL'
SELECT a->>'code', 'INR', (a->'debit'->>'amount')::bigint - (a->'credit'->>'amount')::bigint
  FROM json_array_elements((:'tb')::json->'items') a
 WHERE (a->'debit'->>'amount')::bigint <> (a->'credit'->>'amount')::bigint
SQL
sed 's/|/ /g' "$dir/tb" | sort >"$dir/bursar_cost"
[ -s "$dir/bursar_cost" ] && ok || ko "the trial balance has balances"
same "$dir/hl_cost" "$dir/bursar_cost" "balances at cost (INR)"

# and in each line's own currency: a foreign entry's lines in theirs (its
# rounding line, with no foreign amount, in INR), the rest in INR
app -v tid="$tid" <<'SQL' | sed 's/|/ /g' | sort >"$dir/bursar_tx"
SELECT set_config('bursar.tenant_id', :'tid', false) \g /dev/null
SELECT a.code, c, sum(v) FROM (
	SELECT l.account_id,
	       CASE WHEN e.currency = 'INR' OR l.tx_debit = l.tx_credit THEN 'INR' ELSE e.currency END c,
	       CASE WHEN e.currency = 'INR' OR l.tx_debit = l.tx_credit THEN l.debit - l.credit
	            ELSE l.tx_debit - l.tx_credit END v
	  FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id) s
  JOIN accounts a ON a.id = s.account_id
 GROUP BY a.code, c HAVING sum(v) <> 0;
SQL
hl_bal "$j" >"$dir/hl_tx"
same "$dir/hl_tx" "$dir/bursar_tx" "balances in each currency"

# a month alone: the export's dates are inclusive at both ends
range=$(app -v tid="$tid" <<'SQL'
SELECT set_config('bursar.tenant_id', :'tid', false) \g /dev/null
SELECT (start_date + 31)::text || ' ' || (start_date + 61)::text FROM fiscal_years;
SQL
)
from=${range% *}; to=${range#* }
if get "/api/v1/ledger/export.journal?from=$from&to=$to" "$dir/month.journal"; then
	hl_bal "$dir/month.journal" -B >"$dir/hl_month"
	app -v tid="$tid" -v from="$from" -v to="$to" <<'SQL' | sed 's/|/ /g' | sort >"$dir/bursar_month"
SELECT set_config('bursar.tenant_id', :'tid', false) \g /dev/null
SELECT a.code, 'INR', sum(l.debit - l.credit) FROM journal_lines l JOIN accounts a ON a.id = l.account_id
 WHERE l.entry_date BETWEEN (:'from')::date AND (:'to')::date
 GROUP BY a.code HAVING sum(l.debit - l.credit) <> 0;
SQL
	[ -s "$dir/bursar_month" ] && ok || ko "the month has postings"
	same "$dir/hl_month" "$dir/bursar_month" "a month's balances at cost"
	first=$(grep -m1 '^[0-9]' "$dir/month.journal" | cut -c1-10)
	last=$(grep '^[0-9]' "$dir/month.journal" | tail -n1 | cut -c1-10)
	[ "$first" = "$from" ] && [ "$last" = "$to" ] && ok ||
		ko "the month runs $from..$to inclusive: $first..$last"
fi

# another business sees none of it
other=$(curl -sS -H 'Content-Type: application/json' \
	-d "{\"business\":\"Other Co\",\"slug\":\"$slug-o\",\"currency\":\"INR\",\"name\":\"Otto Other\",\"email\":\"owner@$slug-o.test\",\"password\":\"blue7Horse!fence\"}" \
	"$BURSAR_URL/api/v1/signup" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
token=$other
if get /api/v1/ledger/export.journal "$dir/other.journal"; then
	[ "$(grep -c '^[0-9]' "$dir/other.journal")" = 0 ] && ok ||
		ko "another business's export is empty"
fi

echo "hledger: $pass passed, $fail failed"
[ "$fail" = 0 ]
