/* ledger_csv.c: the views of the books as CSV files (see ledger_csv.h). */
#include "books/ledger_csv.h"

#include "base/buf.h"
#include "base/money.h"

/* amount: minor in the plain decimal form of digits, as one cell */
static void
amount(csv *w, int64_t minor, int digits)
{
	buf b = BUF_INIT(64);
	money_format(&b, minor, digits);
	csv_cell(w, buf_str(&b));
	buf_free(&b);
}

void
ledger_csv_balances(csv *w, const lv_accounts *l, int digits)
{
	static const char *const head[] = { "code", "name", "type", "parent",
	    "group", "debit", "credit", "balance" };
	csv_cells(w, head, 8);
	for (size_t i = 0; i < l->n; i++) {
		const lv_account *x = &l->items[i];
		csv_cell(w, x->code);
		csv_cell(w, x->name);
		csv_cell(w, x->type);
		csv_cell(w, x->parent_code);
		csv_cell(w, x->is_group ? "yes" : "no");
		amount(w, x->debit, digits);
		amount(w, x->credit, digits);
		amount(w, x->balance, digits);
		csv_row(w);
	}
}

void
ledger_csv_trial_balance(csv *w, const lv_accounts *l, int digits)
{
	static const char *const head[] = { "code", "name", "type", "debit",
	    "credit", "balance_debit", "balance_credit" };
	csv_cells(w, head, 7);
	for (size_t i = 0; i <= l->n; i++) {
		const lv_account *x = i < l->n ? &l->items[i] : NULL;
		int64_t bal = x ? x->balance : 0;
		csv_cell(w, x ? x->code : "");
		csv_cell(w, x ? x->name : "Total");
		csv_cell(w, x ? x->type : "");
		amount(w, x ? x->debit : l->debit, digits);
		amount(w, x ? x->credit : l->credit, digits);
		amount(w, x ? (bal > 0 ? bal : 0) : l->balance_debit, digits);
		amount(w, x ? (bal < 0 ? -bal : 0) : l->balance_credit, digits);
		csv_row(w);
	}
}

void
ledger_csv_general_ledger(csv *w, const lv_gl *g, const char *from,
    const char *to, int digits)
{
	static const char *const head[] = { "date", "entry", "account",
	    "memo", "line_memo", "counter_account", "debit", "credit",
	    "balance" };
	csv_cells(w, head, 9);
	csv_cell(w, from);
	csv_cell(w, "");
	csv_cell(w, g->account.code);
	csv_cell(w, "Opening balance");
	for (int i = 0; i < 4; i++)
		csv_cell(w, "");
	amount(w, g->opening, digits);
	csv_row(w);
	for (size_t i = 0; i < g->n; i++) {
		const lv_gl_line *l = &g->lines[i];
		csv_cell(w, l->date);
		csv_int(w, l->seq);
		csv_cell(w, l->account_code);
		csv_cell(w, l->memo);
		csv_cell(w, l->line_memo);
		csv_cell(w, l->split ? "split" : l->counter_code);
		amount(w, l->debit, digits);
		amount(w, l->credit, digits);
		amount(w, l->balance, digits);
		csv_row(w);
	}
	csv_cell(w, to);
	csv_cell(w, "");
	csv_cell(w, g->account.code);
	csv_cell(w, "Closing balance");
	csv_cell(w, "");
	csv_cell(w, "");
	amount(w, g->debit, digits);
	amount(w, g->credit, digits);
	amount(w, g->closing, digits);
	csv_row(w);
}

void
ledger_csv_journal(csv *w, const lv_entry *items, size_t n,
    const lv_books *b)
{
	static const char *const head[] = { "entry", "date", "memo",
	    "source_type", "source_id", "currency", "rate", "line", "account",
	    "account_name", "debit", "credit", "tx_debit", "tx_credit",
	    "line_memo", "entry_id" };
	csv_cells(w, head, 16);
	for (size_t i = 0; i < n; i++) {
		const lv_entry *e = &items[i];
		for (size_t j = 0; j < e->nlines; j++) {
			const lv_line *l = &e->lines[j];
			csv_int(w, e->seq);
			csv_cell(w, e->date);
			csv_cell(w, e->memo);
			csv_cell(w, e->source_type);
			csv_cell(w, e->source_id);
			csv_cell(w, e->currency);
			csv_cell(w, e->rate);
			csv_int(w, l->line_no);
			csv_cell(w, l->account_code);
			csv_cell(w, l->account_name);
			amount(w, l->debit, b->digits);
			amount(w, l->credit, b->digits);
			amount(w, l->tx_debit, e->digits);
			amount(w, l->tx_credit, e->digits);
			csv_cell(w, l->memo);
			csv_cell(w, e->id);
			csv_row(w);
		}
	}
}
