/* entry_in.h: a manual journal entry as a person or a client typed it,
 * before it goes to the books: read from a form (the entry form's rows)
 * or from JSON, and checked against the rules an entry meets (a date, a
 * known currency, two lines or more to accounts that take postings, one
 * of debit or credit on each, debits equal to credits).  lib/books/ledger
 * posts what passes; this module only reads and judges.
 *
 * Refusals go into a JSON object of field name to reason, the names as
 * the API and the form share them: date, memo, currency, rate, lines, and
 * lines[i].account / .debit / .credit / .memo / .party for line i.
 * Everything read lives in the arena a; nothing else is allocated. */
#ifndef ENTRY_IN_H
#define ENTRY_IN_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "base/arena.h"
#include "base/kv.h"
#include "books/ledger_view.h"
#include "db/db.h"

/* A line as typed; dr and cr once checked (minor units). */
typedef struct entry_line_in {
	const char *account, *debit, *credit, *memo, *party;
	int64_t dr, cr;
} entry_line_in;

/* An entry as typed. */
typedef struct entry_in {
	const char *date, *memo, *currency, *rate;
	entry_line_in *lines;
	size_t n;
	int json;	/* amounts came as JSON integers (already in dr, cr) */
} entry_in;

/* entry_in_form: an entry from a urlencoded form: date, memo, currency
 * and rate once; line_account, line_debit, line_credit and line_memo
 * once per row; empty rows are dropped. */
void entry_in_form(arena *a, const kv_list *form, entry_in *in);

/* entry_in_json: an entry from {"date","memo","currency","rate","lines":
 * [{"account","debit","credit","memo","party"}]}, amounts as integers of
 * minor units; members of the wrong kind are refused in fields. */
void entry_in_json(arena *a, const cJSON *j, entry_in *in, cJSON *fields);

/* entry_in_check: the rules, against the books b and the postable
 * accounts accts (rows of code, role): the entry's currency code into
 * code and its digits into *digits, an empty date becomes b's today, a
 * form's amounts are parsed into dr and cr.  0 with the refusals (if
 * any) in fields, or -1 with err set (a failed look-up) for the caller
 * to db_res_clear. */
int entry_in_check(db *d, arena *a, entry_in *in, const lv_books *b,
    const cJSON *accts, char code[4], int *digits, cJSON *fields,
    db_res *err);

/* entry_in_line_error: the refusals in fields of line i, joined into one
 * sentence for the form's row ("debit: ...; memo: ..."), or NULL */
const char *entry_in_line_error(arena *a, const cJSON *fields, size_t i);

/* entry_in_chars: the characters of UTF-8 text (0 for NULL), as the
 * limits on memos count them */
size_t entry_in_chars(const char *s);

#endif
