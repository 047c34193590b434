/* ledger_view.h: the read side of the books, written once for the ledger
 * program and the reports: account balances at a date, the trial
 * balance, the general ledger of an account, the journal with filters,
 * one entry, and the chain's verification.
 *
 * Every call runs in the caller's transaction or read mode, scoped to the
 * caller's tenant (row-level security does the scoping), and is one SQL
 * statement unless it says otherwise, so each view is one snapshot.
 * Amounts are int64 minor units: debit and credit in the base currency
 * (what the books add up), tx_debit and tx_credit in an entry's own
 * currency.  Dates are text, YYYY-MM-DD; a NULL bound means no bound.
 * Results live in the arena a; nothing else is allocated.
 *
 * Each call returns 0, or -1 with err set for the caller to db_res_clear:
 * a database error, P0002 (no such account or entry), 22007 for a
 * malformed date, 22023 for a malformed cursor or filter. */
#ifndef LEDGER_VIEW_H
#define LEDGER_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

/* lv_books: the tenant's base currency, its minor-unit digits, and the
 * database's today (the default date of the views). */
typedef struct lv_books {
	char currency[4];
	int digits;
	char today[11];
	int numbers;	/* how a page writes amounts (enum money_style);
			 * lv_books_get leaves it 0, the plain form */
} lv_books;

int lv_books_get(db *d, lv_books *out, db_res *err);

/* lv_currency_digits: the minor-unit digits of currency (NULL: the base
 * currency) into *digits and its code into code; P0002 for an unknown
 * currency. */
int lv_currency_digits(db *d, const char *currency, char code[4],
    int *digits, db_res *err);

/* An account with its totals at a date.  balance = debit - credit: a
 * positive balance is a debit balance. */
typedef struct lv_account {
	const char *id, *code, *name, *type;
	const char *parent_code;	/* NULL at the top level */
	int is_group, archived;
	int depth;		/* 0 at the top level */
	int64_t debit, credit;	/* totals of the postings to date */
	int64_t balance;
} lv_account;

typedef struct lv_accounts {
	lv_account *items;
	size_t n;
	/* the sums over the rows (lv_trial_balance only; 0 otherwise):
	 * debit = credit, and balance_debit = balance_credit, when the books
	 * balance */
	int64_t debit, credit, balance_debit, balance_credit;
} lv_accounts;

/* lv_balances: every account in the chart's order (each group before the
 * accounts under it, siblings by code), with its totals of postings dated
 * on or before date; a group's totals are those of every account under
 * it. */
int lv_balances(db *d, arena *a, const char *date, lv_accounts *out,
    db_res *err);

/* lv_trial_balance: every account with postings dated on or before date,
 * by code, with its totals and the grand totals.  The postings are summed
 * by account first (journal_lines_account covers it), then joined to the
 * accounts.  Group accounts take no postings, so none appears. */
int lv_trial_balance(db *d, arena *a, const char *date, lv_accounts *out,
    db_res *err);

/* One line of a general ledger. */
typedef struct lv_gl_line {
	const char *entry_id, *date;
	int64_t seq;		/* the entry's number */
	int line_no;
	const char *account_code;	/* the line's account (a group's GL
					 * covers the accounts under it) */
	const char *memo;	/* the entry's */
	const char *line_memo;
	/* the other side: the one other account of the entry, or split
	 * when there are several (counter_code NULL then) */
	const char *counter_code, *counter_name;
	int split;
	int64_t debit, credit;
	int64_t balance;	/* running, after this line */
} lv_gl_line;

typedef struct lv_gl {
	lv_account account;	/* depth, debit and credit unused */
	int64_t opening;	/* the balance before from */
	int64_t debit, credit;	/* totals of the lines from..to */
	int64_t closing;	/* opening + debit - credit */
	lv_gl_line *lines;
	size_t n;
	/* the key after the last line when more lines follow (for
	 * api_cursor_encode), else NULL */
	const char *next;
} lv_gl;

/* lv_general_ledger: the ledger of the account with code (a group: of
 * every account under it) from..to, in posting order (date, number,
 * line), at most limit lines after the key after (NULL: from the
 * start).  The running balance is a window over the lines, carried from
 * the opening balance and the lines before the key. */
int lv_general_ledger(db *d, arena *a, const char *code, const char *from,
    const char *to, const char *after, int limit, lv_gl *out, db_res *err);

/* One line of an entry. */
typedef struct lv_line {
	int line_no;
	const char *account_code, *account_name;
	int64_t debit, credit;		/* base currency */
	int64_t tx_debit, tx_credit;	/* the entry's currency */
	const char *party_id, *tax_code, *memo;	/* NULL or "" when none */
} lv_line;

/* A posted entry. */
typedef struct lv_entry {
	const char *id, *date, *memo, *source_type, *source_id;
	const char *currency;	/* the entry's */
	int digits;		/* its minor-unit digits */
	const char *rate;	/* base units per unit, exact text */
	int64_t seq;		/* its number; 0 when not chained */
	const char *reversal_of;	/* the entry it reverses, or NULL */
	const char *reversed_by;	/* the entry reversing it, or NULL */
	int64_t reversed_by_seq;
	const char *created_at;
	const char *hash, *prev_hash;	/* lv_entry_get only */
	const char *branch;	/* its branch's code */
	lv_line *lines;
	size_t nlines;
} lv_entry;

/* What the journal is filtered by; NULL fields do not filter. */
typedef struct lv_filter {
	const char *from, *to;
	const char *account;	/* a code: entries with a line on it (a
				 * group: on any account under it) */
	const char *source_type, *source_id;
	const char *party;	/* a party's id on any line */
	const char *after;	/* the key of the last entry of the previous
				 * page */
	int limit;
} lv_filter;

typedef struct lv_entries {
	lv_entry *items;
	size_t n;
	const char *next;	/* as lv_gl's */
} lv_entries;

/* lv_journal: the entries matching f, newest first (date, then number,
 * descending), with their lines.  Two statements: the page of entries,
 * then their lines (which never change once posted). */
int lv_journal(db *d, arena *a, const lv_filter *f, lv_entries *out,
    db_res *err);

/* lv_entry_get: the entry with id (P0002 when there is none in this
 * tenant), with its lines, its reversal and its link in the chain. */
int lv_entry_get(db *d, arena *a, const char *id, lv_entry *out,
    db_res *err);

/* The chain's verification (sql ledger_verify()). */
typedef struct lv_verify {
	int ok;
	int64_t entries;	/* links in the chain */
	int64_t seq;		/* the first broken link; 0 when not chained */
	const char *entry_id;	/* NULL when the link is missing */
	const char *problem;
} lv_verify;

int lv_verify_chain(db *d, arena *a, lv_verify *out, db_res *err);

#endif
