#!/bin/sh
# demo_commerce.sh: the demo business's daily trade, loaded through the
# real API (the business rules live in C, so nothing here is written to
# the database directly): customers and suppliers with contacts and
# addresses, categories and products with prices, a second location and
# stock in both, orders in every state, invoices issued (open, partly
# paid, paid, past due), bills and payments both ways.
#
# Usage: demo_commerce.sh [BASE_URL]   (default http://127.0.0.1:$BURSAR_PORT)
#
# Safe to run again: it does nothing when the demo already has the party
# DEMO-C01.  A step whose route is not there (404) or that the server
# refuses is skipped with a message; the script itself never fails the
# stack's start (it always exits 0).
set -u
BASE=${1:-http://127.0.0.1:${BURSAR_PORT:-8080}}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
say() { echo "demo_commerce: $*"; }

command -v curl >/dev/null && command -v jq >/dev/null || {
	say "needs curl and jq; skipped"; exit 0; }

TOKEN=
# req METHOD PATH [JSON]: the status on stdout, the body in $TMP/body
req() {
	if [ -n "${3:-}" ]; then
		curl -sS -o "$TMP/body" -w '%{http_code}' -X "$1" \
			-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
			--data "$3" "$BASE$2" 2>/dev/null || echo 000
	else
		curl -sS -o "$TMP/body" -w '%{http_code}' -X "$1" \
			-H "Authorization: Bearer $TOKEN" "$BASE$2" 2>/dev/null || echo 000
	fi
}
field() { jq -r "$1 // empty" "$TMP/body" 2>/dev/null; }
why() { jq -r '.error.message // empty' "$TMP/body" 2>/dev/null | head -c 300; }

# has ROUTE: the route is served (a GET answers, and neither 404 nor
# 502/503 from nginx for a program that is not there)
has() {
	s=$(req GET "$1")
	case "$s" in 404|502|503|000) return 1 ;; esac
}

# made METHOD PATH JSON WHAT: the new record's id on stdout ("" when
# refused, with the reason on stderr)
made() {
	s=$(req "$1" "$2" "$3")
	case "$s" in
	200|201) field .id ;;
	*) say "$4: $s $(why)" >&2 ;;
	esac
}

day() { date -u -d "$1 days ago" +%F; }

TOKEN=$(curl -sS -X POST -H 'Content-Type: application/json' --data \
	'{"tenant":"demo","email":"owner@demo.test","password":"Demo-pass-2026"}' \
	"$BASE/api/v1/auth/token" 2>/dev/null | jq -r '.access_token // empty' 2>/dev/null)
[ -n "$TOKEN" ] || { say "no demo business to sign in to; skipped"; exit 0; }

if ! has /api/v1/parties; then
	say "no parties program; skipped"; exit 0
fi
s=$(req GET "/api/v1/parties?q=DEMO-C01&archived=all")
if [ "$(field '.items | length')" != 0 ] && [ "$s" = 200 ]; then
	say "already loaded"; exit 0
fi

# ---- parties ----
# customer CODE NAME EMAIL GSTIN CITY STATE [CURRENCY] [CREDIT_LIMIT]
customer() {
	body=$(jq -nc --arg code "$1" --arg name "$2" --arg email "$3" \
		--arg tax "$4" --arg cur "${7:-INR}" --arg lim "${8:-}" \
		'{code:$code, name:$name, email:$email, tax_id:$tax, currency:$cur,
		  is_customer:true, is_supplier:false}
		 + (if $lim == "" then {} else {credit_limit: ($lim|tonumber)} end)')
	id=$(made POST /api/v1/parties "$body" "customer $1")
	[ -n "$id" ] || return 0
	req POST "/api/v1/parties/$id/addresses" "$(jq -nc --arg c "$5" --arg r "$6" \
		'{kind:"billing", line1:"14 Market Road", city:$c, region:$r,
		  postal_code:"400001", country:"IN"}')" >/dev/null
	req POST "/api/v1/parties/$id/contacts" "$(jq -nc --arg e "$3" \
		'{name:"Accounts desk", role:"Accounts", email:$e, is_primary:true}')" >/dev/null
	echo "$id"
}
supplier() {
	body=$(jq -nc --arg code "$1" --arg name "$2" --arg email "$3" --arg tax "$4" \
		'{code:$code, name:$name, email:$email, tax_id:$tax, is_supplier:true,
		  is_customer:false, terms_days:45}')
	made POST /api/v1/parties "$body" "supplier $1"
}
C1=$(customer DEMO-C01 "Asha Traders" accounts@asha.example 27AAPFU0939F1ZV Mumbai Maharashtra INR 50000000)
C2=$(customer DEMO-C02 "Kaveri Retail" billing@kaveri.example 29AAGCB7383J1Z4 Bengaluru Karnataka)
C3=$(customer DEMO-C03 "Sunrise Stores" ap@sunrise.example "" Pune Maharashtra)
C4=$(customer DEMO-C04 "Lotus Mart" finance@lotus.example "" Chennai "Tamil Nadu")
C5=$(customer DEMO-C05 "Zürich Feinkost AG" einkauf@feinkost.example "" Zürich ZH EUR)
S1=$(supplier DEMO-S01 "Deccan Steel Supplies" sales@deccansteel.example 29AAGCB7383J1Z4)
S2=$(supplier DEMO-S02 "Malabar Packaging" orders@malabar.example "")
S3=$(supplier DEMO-S03 "Office Rentals Pvt Ltd" rent@officerentals.example "")
B1=$(made POST /api/v1/parties '{"code":"DEMO-B01","name":"Chola Exports","is_customer":true,"is_supplier":true,"email":"trade@chola.example"}' "party DEMO-B01")
say "parties: customers ${C1:+C01 }${C2:+C02 }${C3:+C03 }${C4:+C04 }${C5:+C05}, suppliers ${S1:+S01 }${S2:+S02 }${S3:+S03}, both ${B1:+B01}"

# ---- categories and products ----
for k in Hardware Packaging Services; do
	made POST /api/v1/categories "{\"name\":\"$k\"}" "category $k" >/dev/null
done
# product SKU NAME CATEGORY TAX_GROUP TRACKED PRICE_PAISE [REORDER] [UNIT]
product() {
	body=$(jq -nc --arg sku "$1" --arg name "$2" --arg cat "$3" --arg tg "$4" \
		--argjson tr "$5" --argjson price "$6" --argjson re "${7:-0}" \
		--arg unit "${8:-each}" \
		'{sku:$sku, name:$name, category:$cat, tax_group:$tg, tracked:$tr,
		  reorder_level:$re, unit:$unit, prices:{INR:$price}}')
	made POST /api/v1/products "$body" "product $1"
}
product BOLT-M10 "Hex bolt M10 (box of 100)" Hardware GST18 true 125000 20 box >/dev/null
product NUT-M10 "Hex nut M10 (box of 100)" Hardware GST18 true 45000 20 box >/dev/null
product WASHER-10 "Washer 10 mm (box of 200)" Hardware GST18 true 30000 10 box >/dev/null
product DRILL-500 "Hammer drill 500 W" Hardware GST18 true 425000 5 >/dev/null
product BOX-S "Carton, small" Packaging GST5 true 2500 200 >/dev/null
product BOX-L "Carton, large" Packaging GST5 true 4500 100 >/dev/null
product INSTALL-HR "Installation, per hour" Services GST18 false 90000 0 hour >/dev/null
product AMC-YR "Annual maintenance contract" Services GST18 false 1800000 0 year >/dev/null
req PUT /api/v1/products/DRILL-500/prices/EUR '{"unit_price":4900}' >/dev/null
s=$(req GET "/api/v1/products?limit=200")
say "products: $(field '.items | length') with SKUs and INR prices"

# ---- a second location and stock in both ----
if has /api/v1/locations; then
	made POST /api/v1/locations '{"code":"WH-PUNE","name":"Pune warehouse"}' "location WH-PUNE" >/dev/null
else
	say "no /api/v1/locations: the second location skipped"
fi
if has /api/v1/stock; then
	# receipt SKU LOCATION QTY TOTAL_COST_PAISE: opening stock at cost
	receipt() {
		[ -n "$(made POST /api/v1/stock/receipts "$(jq -nc --arg sku "$1" --arg loc "$2" \
			--argjson q "$3" --argjson v "$4" \
			'{sku:$sku, location:$loc, quantity:$q, cost:$v,
			  memo:"opening stock"}')" "receipt $1 at $2")" ] && n=$((n + 1))
	}
	n=0
	receipt BOLT-M10 MAIN 120 9000000
	receipt NUT-M10 MAIN 150 4500000
	receipt WASHER-10 MAIN 8 160000
	receipt DRILL-500 MAIN 12 3600000
	receipt BOX-S MAIN 1000 1500000
	receipt BOX-L WH-PUNE 400 1200000
	receipt BOLT-M10 WH-PUNE 40 3000000
	receipt DRILL-500 WH-PUNE 6 1800000
	say "stock: $n of 8 opening receipts at MAIN and WH-PUNE (WASHER-10 below its reorder level)"
else
	say "no /api/v1/stock: stock receipts skipped"
fi

# ---- orders in every state ----
if has /api/v1/orders && [ -n "$C1" ]; then
	# order CUSTOMER DATE LINES_JSON PLACE
	order() {
		made POST /api/v1/orders "$(jq -nc --arg c "$1" --arg d "$2" --argjson l "$3" \
			--argjson p "$4" '{customer:$c, order_date:$d, lines:$l, place:$p}')" \
			"order of $5"
	}
	O1=$(order "$C1" "$(day 40)" '[{"sku":"BOLT-M10","quantity":10},{"sku":"NUT-M10","quantity":10}]' true DEMO-C01)
	[ -n "$O1" ] && req POST "/api/v1/orders/$O1/ship" '{}' >/dev/null && \
		req POST "/api/v1/orders/$O1/complete" '{}' >/dev/null
	O2=$(order "$C2" "$(day 12)" '[{"sku":"DRILL-500","quantity":2},{"sku":"INSTALL-HR","quantity":3}]' true DEMO-C02)
	[ -n "$O2" ] && req POST "/api/v1/orders/$O2/ship" '{}' >/dev/null
	O3=$(order "$C3" "$(day 3)" '[{"sku":"BOX-S","quantity":100}]' true DEMO-C03)
	O4=$(order "$C4" "$(day 1)" '[{"sku":"WASHER-10","quantity":2}]' false DEMO-C04)
	O5=$(order "$C3" "$(day 8)" '[{"sku":"BOLT-M10","quantity":5}]' true DEMO-C03)
	[ -n "$O5" ] && req POST "/api/v1/orders/$O5/cancel" '{}' >/dev/null
	say "orders: ${O1:+completed }${O2:+shipped }${O3:+placed }${O4:+draft }${O5:+cancelled}"
else
	say "no /api/v1/orders: orders skipped"
fi

# ---- invoices issued by hand, in the past ----
INV_OPEN= INV_PART= INV_PAID= INV_LATE=
if has /api/v1/invoices && [ -n "$C1" ]; then
	# invoice CUSTOMER ISSUE_DATE LINES_JSON: issued at once
	invoice() {
		made POST /api/v1/invoices "$(jq -nc --arg c "$1" --arg d "$2" --argjson l "$3" \
			'{customer:$c, issue_date:$d, lines:$l, issue:true}')" "invoice of $2"
	}
	INV_PAID=$(invoice "$C1" "$(day 75)" '[{"sku":"DRILL-500","quantity":2,"unit_price":425000}]')
	INV_LATE=$(invoice "$C2" "$(day 70)" '[{"sku":"BOLT-M10","quantity":4,"unit_price":125000},{"sku":"INSTALL-HR","quantity":2,"unit_price":90000}]')
	INV_PART=$(invoice "$C3" "$(day 20)" '[{"sku":"AMC-YR","quantity":1,"unit_price":1800000}]')
	INV_OPEN=$(invoice "$C4" "$(day 5)" '[{"sku":"BOX-L","quantity":50,"unit_price":4500}]')
	B1INV=$(invoice "${B1:-$C1}" "$(day 30)" '[{"sku":"NUT-M10","quantity":6,"unit_price":45000}]')
	made POST /api/v1/invoices "$(jq -nc --arg c "$C1" \
		'{customer:$c, lines:[{"description":"Delivery charges","quantity":1,"unit_price":50000,"tax_group":"GST18"}]}')" \
		"draft invoice" >/dev/null
	say "invoices: issued ${INV_OPEN:+open }${INV_PART:+to-be-partly-paid }${INV_PAID:+to-be-paid }${INV_LATE:+past-due }${B1INV:+both-party }and one draft"
	if [ -x "${BURSAR_BUILD:-build}/cron/overdue" ]; then
		BURSAR_CONFIG="${BURSAR_VAR:-var}/bursar.conf" "${BURSAR_BUILD:-build}/cron/overdue" >/dev/null 2>&1 \
			&& say "invoices past their due date marked overdue"
	fi
else
	say "no /api/v1/invoices: invoices skipped"
fi

# total TYPE ID: a document's total in minor units
total() {
	s=$(req GET "/api/v1/$1/$2")
	jq -r '.total.amount // .total // empty' "$TMP/body" 2>/dev/null
}

# ---- payments received ----
if has /api/v1/payments; then
	# pay_in CUSTOMER INVOICE AMOUNT DATE
	pay_in() {
		made POST /api/v1/payments "$(jq -nc --arg p "$1" --arg i "$2" --argjson a "$3" \
			--arg d "$4" '{direction:"in", party:$p, amount:{amount:$a, currency:"INR"},
			 method:"bank", payment_date:$d, reference:"NEFT",
			 allocations:[{invoice:$i, amount:$a}]}')" "payment of $4" >/dev/null
	}
	if [ -n "$INV_PAID" ]; then
		t=$(total invoices "$INV_PAID"); [ -n "$t" ] && pay_in "$C1" "$INV_PAID" "$t" "$(day 50)"
	fi
	if [ -n "$INV_PART" ]; then
		t=$(total invoices "$INV_PART"); [ -n "$t" ] && pay_in "$C3" "$INV_PART" $((t / 2)) "$(day 6)"
	fi
	# an advance with nothing to settle: credit kept for the customer
	made POST /api/v1/payments "$(jq -nc --arg p "$C4" \
		'{direction:"in", party:$p, amount:{amount:2000000, currency:"INR"},
		  method:"cash", reference:"advance", allocations:[]}')" "advance from C04" >/dev/null
	say "payments received: in full, in part, and an advance kept as credit"
else
	say "no /api/v1/payments: payments skipped"
fi

# ---- bills and a payment to a supplier ----
if has /api/v1/bills && [ -n "$S1" ]; then
	bill() {
		made POST /api/v1/bills "$(jq -nc --arg s "$1" --arg r "$2" --arg d "$3" \
			--argjson l "$4" '{supplier:$s, supplier_ref:$r, bill_date:$d, lines:$l,
			 receive:true}')" "bill $2"
	}
	BILL1=$(bill "$S1" DSS-8841 "$(day 45)" '[{"sku":"BOLT-M10","quantity":50,"unit_price":75000,"tax_group":"GST18"}]')
	BILL2=$(bill "$S2" MP-2207 "$(day 15)" '[{"sku":"BOX-S","quantity":500,"unit_price":1500,"tax_group":"GST5"}]')
	BILL3=$(bill "$S3" OR-NOV "$(day 2)" '[{"description":"Office rent","quantity":1,"unit_price":6500000,"tax_group":"GST18","account":"@expense"}]')
	if [ -n "$BILL1" ] && has /api/v1/payments; then
		t=$(total bills "$BILL1")
		[ -n "$t" ] && made POST /api/v1/payments "$(jq -nc --arg p "$S1" --arg b "$BILL1" \
			--argjson a "$t" --arg d "$(day 10)" '{direction:"out", party:$p,
			 amount:{amount:$a, currency:"INR"}, method:"bank", payment_date:$d,
			 allocations:[{bill:$b, amount:$a}]}')" "payment to S01" >/dev/null
	fi
	if [ -n "$BILL2" ] && has /api/v1/payments; then
		made POST /api/v1/payments "$(jq -nc --arg p "$S2" --arg b "$BILL2" \
			'{direction:"out", party:$p, amount:{amount:300000, currency:"INR"},
			 method:"bank", allocations:[{bill:$b, amount:300000}]}')" "part payment to S02" >/dev/null
	fi
	say "bills: received ${BILL1:+paid }${BILL2:+part-paid }${BILL3:+open}"
else
	say "no /api/v1/bills: bills skipped"
fi
# what the demo now shows
if has "/api/v1/invoices?limit=200"; then
	say "invoices by status: $(jq -r '[.items[].status] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$TMP/body" 2>/dev/null)"
fi
say "done"
exit 0
