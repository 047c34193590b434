/* words.h: what a person reads on a page instead of what the code
 * stores: statuses and codes in words ("partially_paid" is "Partly
 * paid"), a refused field's path as the form names it ("lines[2].quantity"
 * is "line 3, quantity"), a permission as what it lets one do, a date
 * in the business's format.  The JSON API keeps the codes and paths; only
 * pages use these.  Nothing here knows the request: lib/web/numbers
 * does, for the business's amounts. */
#ifndef WORDS_H
#define WORDS_H

#include "base/buf.h"

/* words_code: the words for a stored code ("bank_transfer": "Bank
 * transfer"); a code not in the table with its underscores as spaces and
 * its first letter capital; "" for NULL. */
const char *words_code(const char *code, buf *scratch);

/* words_field: appends to b the words for a field path: "lines[2].quantity"
 * is "line 3, quantity", "allocations[0].amount" "allocation 1, amount",
 * "unit_price" "unit price". */
void words_field(buf *b, const char *path);

/* words_text: appends text with each field path in it ("lines[2].quantity",
 * "allocations[0].amount") said as words_field says it. */
void words_text(buf *b, const char *text);

/* words_message: appends a refused field's message led by the field in
 * words, once: "line 3, quantity: a whole number" whether message
 * already starts with its path ("lines[2].quantity: ...") or not. */
void words_message(buf *b, const char *path, const char *message);

/* words_permission: what a permission lets one do ("sales.write":
 * "create and change orders and invoices"); NULL for an unknown one. */
const char *words_permission(const char *perm);

/* words_forbidden: appends to b a refusal's message with every
 * permission code in it said in words: "a supplier's statement needs the
 * purchases.read permission" is "A supplier's statement: your role may
 * not see suppliers and bills." */
void words_forbidden(buf *b, const char *message);

/* words_date: appends to b an ISO date ("2026-12-08", or the date at the
 * start of a timestamp, whose time follows to the minute) in format
 * ("DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY", "YYYY-MM-DD"); any other
 * text unchanged. */
void words_date(buf *b, const char *text, const char *format);

#endif
