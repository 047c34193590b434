/* ledger_json.c: the views of the books as JSON (see ledger_json.h). */
#include "books/ledger_json.h"

#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "web/api.h"

/* money_text: minor as a page writes it (numbers, an enum money_style;
 * 0 the plain form), in the arena; "" for zero when blank_zero */
static const char *
money_text(arena *a, int64_t minor, int digits, int blank_zero, int numbers)
{
	if (minor == 0 && blank_zero)
		return "";
	buf b = BUF_INIT(64);
	money_format_grouped(&b, minor, digits, (enum money_style)numbers);
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* add_amount: o's key: {"amount","currency"} for the API, the amount as
 * text for a page ("" for zero when blank_zero) */
static void
add_amount(arena *a, int api, cJSON *o, const char *key, int64_t minor,
    int digits, const char *currency, int blank_zero, int numbers)
{
	if (api)
		cJSON_AddItemToObject(o, key, api_money(minor, currency));
	else
		cJSON_AddStringToObject(o, key, money_text(a, minor, digits,
		    blank_zero, numbers));
}

/* in_books: add_amount in the books' currency b */
static void
in_books(arena *a, int api, cJSON *o, const char *key, int64_t minor,
    const lv_books *b, int blank_zero)
{
	add_amount(a, api, o, key, minor, b->digits, b->currency, blank_zero,
	    b->numbers);
}

void
ledger_json_text(cJSON *o, const char *key, const char *s)
{
	if (s)
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

/* account_json: the account's identity and, for a page, its indent */
static cJSON *
account_json(const lv_account *x)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", x->id);
	cJSON_AddStringToObject(o, "code", x->code);
	cJSON_AddStringToObject(o, "name", x->name);
	cJSON_AddStringToObject(o, "type", x->type);
	return o;
}

/* accounts_data: {"date", "currency", "items": []}, the items into
 * *items */
static cJSON *
accounts_data(const char *date, const lv_books *b, cJSON **items)
{
	cJSON *d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "date", date);
	cJSON_AddStringToObject(d, "currency", b->currency);
	*items = cJSON_AddArrayToObject(d, "items");
	return d;
}

cJSON *
ledger_json_balances(arena *a, int api, const char *date, const lv_books *b,
    const lv_accounts *l)
{
	cJSON *items, *d = accounts_data(date, b, &items);
	for (size_t i = 0; i < l->n; i++) {
		const lv_account *x = &l->items[i];
		cJSON *o = account_json(x);
		ledger_json_text(o, "parent_code", x->parent_code);
		cJSON_AddBoolToObject(o, "is_group", x->is_group);
		cJSON_AddBoolToObject(o, "archived", x->archived);
		cJSON_AddNumberToObject(o, "depth", x->depth);
		in_books(a, api, o, "debit", x->debit, b, 0);
		in_books(a, api, o, "credit", x->credit, b, 0);
		if (api) {
			in_books(a, api, o, "balance", x->balance, b, 0);
		} else {
			/* a page says which side the balance is on */
			in_books(a, api, o, "balance", x->balance < 0 ?
			    -x->balance : x->balance, b, 0);
			cJSON_AddStringToObject(o, "side", x->balance > 0 ?
			    "Dr" : x->balance < 0 ? "Cr" : "");
		}
		cJSON_AddItemToArray(items, o);
	}
	return d;
}

cJSON *
ledger_json_trial_balance(arena *a, int api, const char *date,
    const lv_books *b, const lv_accounts *l)
{
	cJSON *items, *d = accounts_data(date, b, &items);
	for (size_t i = 0; i < l->n; i++) {
		const lv_account *x = &l->items[i];
		cJSON *o = account_json(x);
		in_books(a, api, o, "debit", x->debit, b, 1);
		in_books(a, api, o, "credit", x->credit, b, 1);
		in_books(a, api, o, "balance_debit", x->balance > 0 ?
		    x->balance : 0, b, 1);
		in_books(a, api, o, "balance_credit", x->balance < 0 ?
		    -x->balance : 0, b, 1);
		cJSON_AddItemToArray(items, o);
	}
	cJSON *t = cJSON_AddObjectToObject(d, "totals");
	in_books(a, api, t, "debit", l->debit, b, 0);
	in_books(a, api, t, "credit", l->credit, b, 0);
	in_books(a, api, t, "balance_debit", l->balance_debit, b, 0);
	in_books(a, api, t, "balance_credit", l->balance_credit, b, 0);
	cJSON_AddBoolToObject(t, "balanced", l->debit == l->credit &&
	    l->balance_debit == l->balance_credit);
	return d;
}

cJSON *
ledger_json_general_ledger(arena *a, int api, const lv_gl *g,
    const char *from, const char *to, const lv_books *b)
{
	cJSON *d = cJSON_CreateObject();
	cJSON *ac = cJSON_AddObjectToObject(d, "account");
	cJSON_AddStringToObject(ac, "id", g->account.id);
	cJSON_AddStringToObject(ac, "code", g->account.code);
	cJSON_AddStringToObject(ac, "name", g->account.name);
	cJSON_AddStringToObject(ac, "type", g->account.type);
	cJSON_AddBoolToObject(ac, "is_group", g->account.is_group);
	cJSON_AddBoolToObject(ac, "archived", g->account.archived);
	ledger_json_text(d, "from", from);
	ledger_json_text(d, "to", to);
	cJSON_AddStringToObject(d, "currency", b->currency);
	in_books(a, api, d, "opening", g->opening, b, 0);
	in_books(a, api, d, "debit", g->debit, b, 0);
	in_books(a, api, d, "credit", g->credit, b, 0);
	in_books(a, api, d, "closing", g->closing, b, 0);
	cJSON *items = cJSON_AddArrayToObject(d, "items");
	for (size_t i = 0; i < g->n; i++) {
		const lv_gl_line *l = &g->lines[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "entry_id", l->entry_id);
		cJSON_AddItemToObject(o, "seq", api_int(l->seq));
		cJSON_AddStringToObject(o, "date", l->date);
		cJSON_AddNumberToObject(o, "line_no", l->line_no);
		cJSON_AddStringToObject(o, "account_code", l->account_code);
		cJSON_AddStringToObject(o, "memo", l->memo);
		cJSON_AddStringToObject(o, "line_memo", l->line_memo);
		ledger_json_text(o, "counter_code", l->counter_code);
		ledger_json_text(o, "counter_name", l->counter_name);
		cJSON_AddBoolToObject(o, "split", l->split);
		in_books(a, api, o, "debit", l->debit, b, 1);
		in_books(a, api, o, "credit", l->credit, b, 1);
		in_books(a, api, o, "balance", l->balance, b, 0);
		cJSON_AddItemToArray(items, o);
	}
	return d;
}

cJSON *
ledger_json_entry(arena *a, int api, const lv_entry *e, const lv_books *b)
{
	int foreign = strcmp(e->currency, b->currency) != 0;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", e->id);
	if (e->seq)
		cJSON_AddItemToObject(o, "seq", api_int(e->seq));
	else
		cJSON_AddNullToObject(o, "seq");
	cJSON_AddStringToObject(o, "date", e->date);
	cJSON_AddStringToObject(o, "memo", e->memo);
	cJSON_AddStringToObject(o, "source_type", e->source_type);
	cJSON_AddStringToObject(o, "source_id", e->source_id);
	cJSON_AddStringToObject(o, "currency", e->currency);
	cJSON_AddStringToObject(o, "rate", e->rate);
	ledger_json_text(o, "reversal_of", e->reversal_of);
	ledger_json_text(o, "reversed_by", e->reversed_by);
	ledger_json_text(o, "branch", e->branch);
	if (e->reversed_by && e->reversed_by_seq)
		cJSON_AddItemToObject(o, "reversed_by_seq",
		    api_int(e->reversed_by_seq));
	cJSON_AddStringToObject(o, "created_at", e->created_at);
	if (!api)
		cJSON_AddBoolToObject(o, "foreign", foreign);
	int64_t total = 0;
	cJSON *lines = cJSON_AddArrayToObject(o, "lines");
	for (size_t i = 0; i < e->nlines; i++) {
		const lv_line *l = &e->lines[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "line_no", l->line_no);
		cJSON_AddStringToObject(x, "account", l->account_code);
		cJSON_AddStringToObject(x, "account_name", l->account_name);
		in_books(a, api, x, "debit", l->debit, b, 1);
		in_books(a, api, x, "credit", l->credit, b, 1);
		add_amount(a, api, x, "tx_debit", l->tx_debit, e->digits,
		    e->currency, 1, b->numbers);
		add_amount(a, api, x, "tx_credit", l->tx_credit, e->digits,
		    e->currency, 1, b->numbers);
		ledger_json_text(x, "party_id", l->party_id);
		ledger_json_text(x, "tax_code", l->tax_code);
		cJSON_AddStringToObject(x, "memo", l->memo);
		cJSON_AddItemToArray(lines, x);
		total += l->debit;	/* = the credits: it is posted */
	}
	in_books(a, api, o, "total", total, b, 0);
	return o;
}
