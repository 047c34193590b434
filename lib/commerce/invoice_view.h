/* invoice_view.h: one invoice or credit note as it is shown, to a person
 * or to the API: its head (the seller: fixed when it was issued, the
 * business's current details on a draft; customer, dates, totals, what is paid and
 * open, what was credited), its lines, its tax per rate and account,
 * what settled it (payments, credit notes) or what it settled, and its
 * credit notes.  Amounts are shown as web/reply shows money: minor units
 * with the currency for the API, the decimal text beside them for a
 * page.  The invoices program answers with it; anything that hands an
 * invoice on (a webhook, a mail with the invoice) reads it the same way.
 *
 * Every read runs in the request's transaction, scoped to its tenant. */
#ifndef INVOICE_VIEW_H
#define INVOICE_VIEW_H

#include <cJSON.h>

struct ctx;

/* The amounts an invoice's rows carry (net, tax, total, paid, open,
 * credited, unit_price, amount), NULL-ended: a list of invoices shows
 * them the same way. */
extern const char *const invoice_view_money_keys[];

/* invoice_view: the invoice with id, a new object for the caller; NULL
 * with the response set (404 for none: another tenant's is none). */
cJSON *invoice_view(struct ctx *c, const char *id);

#endif
