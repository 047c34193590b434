/* ledger_json.h: the views of the books as JSON, in the API's shape or a
 * page's: account balances, the trial balance, the general ledger of an
 * account and one journal entry with its lines.  For the API (api 1)
 * every amount is {"amount": minor units, "currency"}; for a page (api
 * 0) it is the amount as text in its currency's digits, with "" for a
 * zero where a column of figures reads better blank, and balances say
 * their side (Dr, Cr).  What the ledger program answers, and what a
 * report or a webhook that carries an entry would send.
 *
 * Each call returns a new object for the caller to free (or hand to
 * app_render); strings it computes live in the arena a. */
#ifndef LEDGER_JSON_H
#define LEDGER_JSON_H

#include <cjson/cJSON.h>

#include "base/arena.h"
#include "books/ledger_view.h"

/* ledger_json_balances: {"date","currency","items":[account with
 * parent_code, is_group, archived, depth, debit, credit, balance]} */
cJSON *ledger_json_balances(arena *a, int api, const char *date,
    const lv_books *b, const lv_accounts *l);

/* ledger_json_trial_balance: {"date","currency","items":[account with
 * debit, credit, balance_debit, balance_credit], "totals": {... ,
 * "balanced"}} */
cJSON *ledger_json_trial_balance(arena *a, int api, const char *date,
    const lv_books *b, const lv_accounts *l);

/* ledger_json_general_ledger: {"account", "from", "to", "currency",
 * "opening", "debit", "credit", "closing", "items": [lines with their
 * running balance]}; the page's cursor and links are the caller's */
cJSON *ledger_json_general_ledger(arena *a, int api, const lv_gl *g,
    const char *from, const char *to, const lv_books *b);

/* ledger_json_entry: an entry with its lines; amounts in the books'
 * currency b, and in the entry's own (tx_debit, tx_credit) */
cJSON *ledger_json_entry(arena *a, int api, const lv_entry *e,
    const lv_books *b);

/* ledger_json_text: o's key as a string, or null for NULL */
void ledger_json_text(cJSON *o, const char *key, const char *s);

#endif
