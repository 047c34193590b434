/* invoice_pdf.h: an invoice or credit note as a PDF a business would
 * send: the seller's name, address and tax id, the title and number, the
 * dates, the customer's name, billing address and tax id, the lines, the
 * tax per component, the totals, what is paid and due, and how to pay.
 * Text is UTF-8 set in an embedded TrueType font (DejaVu Sans), so ₹, €,
 * accented, Greek and Cyrillic names print as they are; long invoices
 * break onto more pages, the table's head repeated.
 *
 * Rendering is pure (invoice_pdf_render: a document in, bytes out);
 * invoice_pdf_load reads one from the caller's tenant. */
#ifndef INVOICE_PDF_H
#define INVOICE_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/money.h"
#include "db/db.h"

#define INVOICE_PDF_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

typedef struct invoice_pdf_line {
	const char *description, *unit;
	int64_t quantity, unit_price, discount_ppm, net;
} invoice_pdf_line;

typedef struct invoice_pdf_tax {
	const char *name;	/* "CGST 9%" */
	int64_t tax;
} invoice_pdf_tax;

typedef struct invoice_pdf {
	int credit_note;	/* 1: CREDIT NOTE, else INVOICE */
	const char *status;	/* "draft" prints DRAFT across it */
	const char *number;	/* NULL for a draft */
	const char *issue_date, *due_date;	/* may be NULL */
	const char *reference, *notes, *credit_of;	/* may be NULL or "" */
	const char *seller_name, *seller_address, *seller_tax_id;
	const char *customer_name, *customer_address, *customer_tax_id;
	const char *currency;
	int digits;	/* the currency's minor-unit digits */
	enum money_style numbers;	/* amounts grouped the business's way */
	int64_t net, tax, total, paid;
	const invoice_pdf_line *lines;
	size_t nlines;
	const invoice_pdf_tax *taxes;
	size_t ntaxes;
	const char *payment_instructions;
} invoice_pdf;

/* invoice_pdf_render: the PDF of doc appended to out.  0, or -1 with a
 * reason in err (errlen bytes). */
int invoice_pdf_render(const invoice_pdf *doc, buf *out, char *err,
    size_t errlen);

/* The data of one invoice, read from the database; the strings live in
 * its results until invoice_pdf_data_free. */
typedef struct invoice_pdf_data {
	invoice_pdf doc;
	db_res head, lines, taxes;
	invoice_pdf_line *l;
	invoice_pdf_tax *t;
} invoice_pdf_data;

/* invoice_pdf_load: the invoice or credit note id of the caller's tenant.
 * 0, or -1 with err (P0002: no such invoice).  Free with
 * invoice_pdf_data_free either way. */
int invoice_pdf_load(db *d, const char *id, invoice_pdf_data *out,
    db_res *err);
void invoice_pdf_data_free(invoice_pdf_data *x);

#endif
