/* invoice_view.c: one invoice as it is shown (see invoice_view.h). */
#include "commerce/invoice_view.h"

#include "web/app.h"
#include "web/query.h"
#include "web/reply.h"

/* monies: reply_monies in o's own "currency" and "digits" */
static void
monies(struct ctx *c, cJSON *o, const char *const *keys)
{
	reply_monies(c, o, cJSON_GetStringValue(cJSON_GetObjectItem(o,
	    "currency")), (int)query_i64(o, "digits"), keys);
}

static const char *const head_keys[] = { "id", "kind", "number", "status",
    "party_id", "customer", "customer_code", "customer_tax_id", "currency",
    "#digits", "issue_date", "due_date", "order_id", "credit_of",
    "credit_of_number", "reference", "notes", "billing_address", "#net",
    "#tax", "#total", "#paid", "#open", "entry_id", "void_entry_id",
    "created_at", "issued_at", "voided_at", "#credited", "branch",
    "seller_name", "seller_address", "seller_tax_id", NULL };

static const char head_sql[] = "SELECT i.id, i.kind, i.number, i.status, "
    "i.party_id, p.name, p.code, p.tax_id, i.currency, cu.minor_units, "
    "i.issue_date::text, i.due_date::text, i.order_id, i.credit_of, "
    "o.number, i.reference, i.notes, i.billing_address, i.net, i.tax, "
    "i.total, i.paid, i.total - i.paid, i.entry_id, i.void_entry_id, "
    "to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS"
    "\"Z\"'), to_char(i.issued_at AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(i.voided_at AT TIME ZONE "
    "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), coalesce((SELECT "
    "sum(c.total) FROM invoices c WHERE c.credit_of = i.id AND c.status <> "
    "'void'), 0), bursar_branch_code(i.tenant_id, i.branch_id), "
    "coalesce(i.seller_name, t.name), coalesce(i.seller_address, "
    "t.address), coalesce(i.seller_tax_id, t.tax_id) FROM invoices i JOIN "
    "tenants t ON t.id = i.tenant_id JOIN parties p ON p.tenant_id = "
    "i.tenant_id "
    "AND p.id = i.party_id JOIN currencies cu ON cu.code = i.currency LEFT "
    "JOIN invoices o ON o.tenant_id = i.tenant_id AND o.id = i.credit_of "
    "WHERE i.id = $1::uuid";

const char *const invoice_view_money_keys[] = { "net", "tax", "total", "paid",
    "open", "credited", "unit_price", "amount", NULL };

cJSON *
invoice_view(struct ctx *c, const char *id)
{
	cJSON *o = query_one(c, head_sql, id, head_keys, "invoice");
	if (o == NULL)
		return NULL;
	const char *p[1] = { id };
	static const char *const lkeys[] = { "#line", "product_id", "sku",
	    "description", "#quantity", "unit", "#unit_price", "#discount_ppm",
	    "tax_group", "account", "#net", "#tax", "#total", "source_type",
	    "source_id", NULL };
	static const char *const tkeys[] = { "rate_code", "name", "account",
	    "#tax", NULL };
	static const char *const akeys[] = { "kind", "id", "number", "date",
	    "#amount", NULL };
	static const char *const ckeys[] = { "id", "number", "status",
	    "issue_date", "#total", NULL };
	cJSON *l = query_rows(c, "SELECT l.line_no, l.product_id, pr.sku, "
	    "l.description, l.quantity, l.unit, l.unit_price, l.discount_ppm, "
	    "l.tax_group, l.account, l.net, l.tax, l.total, l.source_type, "
	    "l.source_id FROM invoice_lines l LEFT JOIN products pr ON "
	    "pr.tenant_id = l.tenant_id AND pr.id = l.product_id WHERE "
	    "l.invoice_id = $1::uuid ORDER BY l.line_no", 1, p, lkeys);
	cJSON *t = l ? query_rows(c, "SELECT rate_code, name, account, tax FROM "
	    "document_taxes WHERE doc_type = 'invoice' AND doc_id = $1::uuid "
	    "ORDER BY account, rate_code", 1, p, tkeys) : NULL;
	/* what settled it (payments, credit notes), or what it settled */
	cJSON *a = t ? query_rows(c, "SELECT CASE WHEN a.payment_id IS NOT NULL "
	    "THEN 'payment' WHEN a.credit_note_id = $1::uuid THEN 'invoice' "
	    "ELSE 'credit_note' END, coalesce(a.payment_id, CASE WHEN "
	    "a.credit_note_id = $1::uuid THEN a.invoice_id ELSE "
	    "a.credit_note_id END), coalesce(pay.number, CASE WHEN "
	    "a.credit_note_id = $1::uuid THEN inv.number ELSE cn.number END), "
	    "coalesce(pay.payment_date, a.created_at::date)::text, a.amount "
	    "FROM payment_allocations a LEFT JOIN payments pay ON pay.tenant_id "
	    "= a.tenant_id AND pay.id = a.payment_id LEFT JOIN invoices cn ON "
	    "cn.tenant_id = a.tenant_id AND cn.id = a.credit_note_id LEFT JOIN "
	    "invoices inv ON inv.tenant_id = a.tenant_id AND inv.id = "
	    "a.invoice_id WHERE a.invoice_id = $1::uuid OR a.credit_note_id = "
	    "$1::uuid ORDER BY a.created_at, a.id", 1, p, akeys) : NULL;
	cJSON *cn = a ? query_rows(c, "SELECT id, number, status, "
	    "issue_date::text, total FROM invoices WHERE credit_of = $1::uuid "
	    "ORDER BY created_at", 1, p, ckeys) : NULL;
	if (cn == NULL) {
		cJSON_Delete(o);
		cJSON_Delete(l);
		cJSON_Delete(t);
		cJSON_Delete(a);
		return NULL;
	}
	const char *cur = cJSON_GetStringValue(cJSON_GetObjectItem(o,
	    "currency"));
	cJSON *digits = cJSON_GetObjectItem(o, "digits");
	cJSON *arrays[4] = { l, t, a, cn };
	for (int k = 0; k < 4; k++) {
		cJSON *x;
		cJSON_ArrayForEach(x, arrays[k]) {
			cJSON_AddStringToObject(x, "currency", cur);
			cJSON_AddItemToObject(x, "digits", cJSON_Duplicate(digits,
			    1));
			if (k == 0)
				cJSON_AddStringToObject(x, "discount", reply_ppm_text(c,
				    query_i64(x, "discount_ppm")));
			monies(c, x, invoice_view_money_keys);
			cJSON_DeleteItemFromObject(x, "currency");
			cJSON_DeleteItemFromObject(x, "digits");
		}
	}
	monies(c, o, invoice_view_money_keys);
	cJSON_AddItemToObject(o, "lines", l);
	cJSON_AddItemToObject(o, "taxes", t);
	cJSON_AddItemToObject(o, "settlements", a);
	cJSON_AddItemToObject(o, "credit_notes", cn);
	return o;
}
