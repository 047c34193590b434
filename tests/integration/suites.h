/* suites.h: the test cases each file of the integration suite adds. */
#ifndef SUITES_H
#define SUITES_H

#include <check.h>

TCase *identity_tcase(void);
TCase *books_sql_tcase(void);	/* books_sql.c: the ledger's invariants in SQL */
TCase *accounts_tcase(void);	/* accounts.c: the books' set-up over HTTP */
TCase *ledger_tcase(void);	/* ledger.c: journal, views, export over HTTP */

TCase *parties_tcase(void);	/* parties.c: customers, suppliers, products */
TCase *stock_tcase(void);	/* stock.c: levels, movements, reservations */
TCase *orders_tcase(void);	/* orders.c: the order workflow */
TCase *invoices_tcase(void);	/* invoices.c: invoices, credit notes, PDF */
TCase *payments_tcase(void);	/* payments.c: bills, payments, statements */
TCase *review_tcase(void);	/* review.c: settings, terms, order numbers,
				 * the issued invoice's seller, PDF lines */

TCase *integrity_tcase(void);	/* integrity.c: the front page's promises, the
				 * trade against the books */
TCase *actions_tcase(void);	/* actions.c: next steps, confirmations, the flash */


TCase *lists_tcase(void);	/* lists.c: sorting, pages with a count, bulk actions */
TCase *words_tcase(void);	/* words.c: amounts, dates, statuses and
				 * refusals as people read them; sign-in by email */
TCase *webhooks_tcase(void);	/* webhooks.c: subscriptions, deliveries, the dispatcher */

TCase *branches_tcase(void);	/* branches.c: branch limits, the tenant's time zone */
TCase *sync_tcase(void);	/* sync.c: records pushed in by a CRM */

TCase *roles_tcase(void);	/* roles.c: every route as every built-in role */
TCase *ops_tcase(void);	/* ops.c: roles, logins, timeouts, the supervisor */
TCase *headers_tcase(void);	/* headers.c: redirects, caching, nginx's
				 * headers, the access log */
TCase *input_tcase(void);	/* input.c: unknown fields, control characters,
				 * database messages, idempotency per credential */
TCase *security_tcase(void);	/* security.c: credentials that follow their user */
TCase *dashboard_tcase(void);	/* dashboard.c: the home page, the menu, search */

#endif
