/* dashboard.h: the signed-in home's figures, read in one statement.
 *
 * What is owed to the business (invoices issued, partly paid or overdue:
 * total less paid, per currency) and by it (bills received, partly paid
 * or overdue), the overdue invoices (open and past their due date, in the
 * business's time zone: count, amount and the five oldest), the balances
 * of the bank and cash accounts (accounts with the role bank or cash, in
 * the base currency), this month's sales against last month's (invoices
 * issued in the month, before tax, per currency; credit notes not taken
 * off), low stock (the rule of /stock/low: available below the reorder
 * level) and the drafts waiting (orders, invoices, bills).
 *
 * A figure appears only when the caller may read its list: sales.read,
 * purchases.read, ledger.read, inventory.read.  The first-run checklist
 * (business details and tax id, chart and taxes, a customer, a product,
 * an issued invoice) is shown to who may change the settings, until every
 * step is done. */
#ifndef DASHBOARD_H
#define DASHBOARD_H

#include <cJSON.h>

struct ctx;

/* dashboard_build: the figures as JSON (amounts as the API's money
 * objects under /api, decimal text on a page), each with the href of its
 * list; NULL on error with the response set.  The caller deletes it. */
cJSON *dashboard_build(struct ctx *c);

#endif
