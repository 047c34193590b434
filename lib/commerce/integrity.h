/* integrity.h: does the business's trade agree with its books?  The
 * checks any business can run (GET /api/v1/integrity, /app/integrity):
 *
 *   stock_vs_inventory     the stock valuation (stock_valuation, moving
 *                          average cost) equals the balance of the
 *                          inventory account and the accounts under it;
 *   receivables_vs_invoices  the receivable account equals what is open on
 *                          issued invoices, less the open credit of credit
 *                          notes and customers' unallocated payments;
 *   payables_vs_bills      the payable account equals what is open on
 *                          received bills, less suppliers' unallocated
 *                          payments (advances);
 *   ledger_chain           the journal's hash chain verifies
 *                          (lv_verify_chain, the same as /ledger/verify);
 *   audit_chain            the audit log's chain verifies
 *                          (audit_verify_chain, as /audit/verify).
 *
 * A money check has expected (what the documents or the stock say),
 * actual (what the books say), difference (actual - expected), all in
 * the base currency's minor units, and, when it fails, explained_by: the
 * rows that account for the difference (journal entries on the account
 * no document or stock movement made, stock movements of value that
 * posted nothing, documents whose settled amount or posting disagrees
 * with their allocations), at most INTEGRITY_EXPLAIN_MAX of each check.
 *
 * Read under the caller's scope: a user limited to branches sees the
 * rows of those branches only, so the owner's view is the business's. */
#ifndef INTEGRITY_H
#define INTEGRITY_H

#include <cJSON.h>

#include "base/arena.h"
#include "db/db.h"

#define INTEGRITY_EXPLAIN_MAX 50

/* integrity_report: {"ok", "currency", "digits", "checks": [...]} (shape
 * above; money as {"amount", "currency"}), for the caller to delete; NULL
 * with err when a statement failed. */
cJSON *integrity_report(db *d, arena *a, db_res *err);

#endif
