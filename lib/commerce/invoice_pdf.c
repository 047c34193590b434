/* invoice_pdf.c: an invoice or credit note laid out on A4 with libhpdf,
 * its text in the embedded DejaVu Sans through the UTF-8 encoder. */
#include "commerce/invoice_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "base/money.h"

#define PAGE_W 595.0f
#define PAGE_H 842.0f
#define MARGIN 50.0f
#define BOTTOM 90.0f	/* the table stops here; the footer is below */
#define ROW 13.0f
#define MAX_PAGES 200

/* The table's columns: the description's left edge and width, then the
 * right edges of the numbers. */
#define X_DESC MARGIN
#define W_DESC 235.0f
#define X_QTY 350.0f
#define X_PRICE 430.0f
#define X_DISC 480.0f
#define X_NET (PAGE_W - MARGIN)

typedef struct pdf {
	HPDF_Doc doc;
	HPDF_Font font;	/* one font: bold is drawn, not loaded (see text) */
	HPDF_Page pages[MAX_PAGES];
	int npages;
	HPDF_Page page;
	float y;
	const invoice_pdf *in;
	HPDF_STATUS error;
	HPDF_STATUS detail;
} pdf;

static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	pdf *p = user;
	if (p->error == 0) {
		p->error = error;
		p->detail = detail;
	}
}

/* text: s at x, y in size, strong (bold) or not; right 1: x is the
 * right edge.  Bold is the regular face filled and stroked with a thin
 * outline: loading a second TrueType face per document would cost more
 * than the whole rest of the rendering. */
static void
text(pdf *p, int strong, float size, float x, float y, const char *s,
    int right)
{
	if (s == NULL || *s == '\0')
		return;
	HPDF_Page_SetFontAndSize(p->page, p->font, size);
	if (right)
		x -= HPDF_Page_TextWidth(p->page, s) + (strong ? size / 30 : 0);
	if (strong) {
		HPDF_Page_SetTextRenderingMode(p->page, HPDF_FILL_THEN_STROKE);
		HPDF_Page_SetGrayStroke(p->page, 0);
		HPDF_Page_SetLineWidth(p->page, size / 30);
	}
	HPDF_Page_BeginText(p->page);
	HPDF_Page_TextOut(p->page, x, y, s);
	HPDF_Page_EndText(p->page);
	if (strong)
		HPDF_Page_SetTextRenderingMode(p->page, HPDF_FILL);
}

/* wrapped: s within width from x down from *y, line by line, breaking at
 * spaces (or anywhere for a word too long); lines separated by '\n',
 * "\r\n" or '\r' stay apart, the break never drawn (a textarea sends
 * CR LF, and the font draws a CR as a box).  At most max lines (0: any). */
static void
wrapped(pdf *p, int strong, float size, float x, float *y, float width,
    const char *s, int max)
{
	if (s == NULL)
		return;
	HPDF_Page_SetFontAndSize(p->page, p->font, size);
	char line[1024];
	int n = 0;
	while (*s && (max == 0 || n < max)) {
		size_t para = strcspn(s, "\r\n");
		size_t len = para < sizeof(line) - 1 ? para : sizeof(line) - 1;
		memcpy(line, s, len);
		line[len] = '\0';
		const char *t = line;
		do {
			HPDF_REAL real;
			HPDF_UINT fit = HPDF_Page_MeasureText(p->page, t, width,
			    HPDF_TRUE, &real);
			if (fit == 0)
				fit = HPDF_Page_MeasureText(p->page, t, width,
				    HPDF_FALSE, &real);
			if (fit == 0)
				fit = (HPDF_UINT)strlen(t);
			/* never cut a UTF-8 sequence */
			while (fit < strlen(t) && ((unsigned char)t[fit] & 0xC0)
			    == 0x80)
				fit--;
			if (fit == 0)
				fit = (HPDF_UINT)strlen(t);
			char part[1024];
			memcpy(part, t, fit);
			part[fit] = '\0';
			text(p, strong, size, x, *y, part, 0);
			*y -= size + 3;
			n++;
			t += fit;
			while (*t == ' ')
				t++;
		} while (*t && (max == 0 || n < max));
		s += para;
		if (s[0] == '\r' && s[1] == '\n')
			s += 2;
		else if (*s)
			s++;
	}
}

/* amount: minor in the document's currency, grouped the business's way
 * ("1,180.00"; an INR business's "1,18,000.00") */
static const char *
amount(const pdf *p, int64_t minor, char out[48])
{
	buf b = BUF_INIT(48);
	money_format_grouped(&b, minor, p->in->digits, p->in->numbers);
	snprintf(out, 48, "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

/* symbol: the sign of a few currencies, else the code and a space */
static const char *
symbol(const char *code, char out[8])
{
	static const char *const signs[][2] = { { "INR", "₹" }, { "EUR", "€" },
	    { "USD", "$" }, { "GBP", "£" }, { "JPY", "¥" } };
	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
		if (strcmp(code, signs[i][0]) == 0) {
			snprintf(out, 8, "%s", signs[i][1]);
			return out;
		}
	snprintf(out, 8, "%s ", code);
	return out;
}

/* table_head: the column titles at the current y */
static void
table_head(pdf *p)
{
	HPDF_Page_SetRGBFill(p->page, 0.93f, 0.93f, 0.93f);
	HPDF_Page_Rectangle(p->page, MARGIN - 4, p->y - 4, PAGE_W - 2 * MARGIN
	    + 8, ROW + 3);
	HPDF_Page_Fill(p->page);
	HPDF_Page_SetRGBFill(p->page, 0, 0, 0);
	text(p, 1, 9, X_DESC, p->y, "Description", 0);
	text(p, 1, 9, X_QTY, p->y, "Qty", 1);
	text(p, 1, 9, X_PRICE, p->y, "Unit price", 1);
	text(p, 1, 9, X_DISC, p->y, "Disc.", 1);
	text(p, 1, 9, X_NET, p->y, "Net", 1);
	p->y -= ROW + 6;
}

/* new_page: a page, with DRAFT across a draft */
static int
new_page(pdf *p)
{
	if (p->npages == MAX_PAGES)
		return -1;
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->pages[p->npages++] = p->page;
	if (p->in->status && strcmp(p->in->status, "draft") == 0) {
		HPDF_Page_SetRGBFill(p->page, 0.85f, 0.85f, 0.85f);
		HPDF_Page_SetFontAndSize(p->page, p->font, 110);
		HPDF_Page_BeginText(p->page);
		/* 30 degrees: cos 0.866, sin 0.5 */
		HPDF_Page_SetTextMatrix(p->page, 0.866f, 0.5f, -0.5f, 0.866f,
		    120, 250);
		HPDF_Page_ShowText(p->page, "DRAFT");
		HPDF_Page_EndText(p->page);
		HPDF_Page_SetRGBFill(p->page, 0, 0, 0);
	}
	p->y = PAGE_H - MARGIN;
	return 0;
}

/* need: room for h more points, or a new page with the table's head
 * again */
static int
need(pdf *p, float h, int table)
{
	if (p->y - h >= BOTTOM)
		return 0;
	if (new_page(p) < 0)
		return -1;
	const invoice_pdf *in = p->in;
	char head[200];
	snprintf(head, sizeof(head), "%s %s (continued)", in->credit_note ?
	    "Credit note" : "Invoice", in->number ? in->number : "draft");
	text(p, 1, 10, MARGIN, p->y, head, 0);
	p->y -= 2 * ROW;
	if (table)
		table_head(p);
	return 0;
}

static void
header(pdf *p)
{
	const invoice_pdf *in = p->in;
	float y = p->y, ry = p->y;
	/* the seller, top left */
	text(p, 1, 15, MARGIN, y, in->seller_name, 0);
	y -= 18;
	wrapped(p, 0, 9, MARGIN, &y, 260, in->seller_address, 6);
	if (in->seller_tax_id && *in->seller_tax_id) {
		char t[120];
		snprintf(t, sizeof(t), "Tax ID: %s", in->seller_tax_id);
		text(p, 0, 9, MARGIN, y, t, 0);
		y -= 12;
	}
	/* the document, top right */
	text(p, 1, 20, X_NET, ry - 2, in->credit_note ? "CREDIT NOTE" :
	    "INVOICE", 1);
	ry -= 26;
	const char *labels[5] = { "Number", "Issue date", "Due date",
	    "Reference", in->credit_note ? "Credits invoice" : NULL };
	const char *values[5] = { in->number ? in->number : "DRAFT",
	    in->issue_date, in->credit_note ? NULL : in->due_date,
	    in->reference, in->credit_of };
	for (int i = 0; i < 5; i++) {
		if (labels[i] == NULL || values[i] == NULL || *values[i] == '\0')
			continue;
		text(p, 0, 9, X_NET - 110, ry, labels[i], 1);
		text(p, 1, 9, X_NET, ry, values[i], 1);
		ry -= 12;
	}
	y = (y < ry ? y : ry) - 16;
	/* the customer */
	text(p, 0, 8, MARGIN, y, in->credit_note ? "CREDIT TO" :
	    "BILL TO", 0);
	y -= 13;
	text(p, 1, 11, MARGIN, y, in->customer_name, 0);
	y -= 13;
	wrapped(p, 0, 9, MARGIN, &y, 300, in->customer_address, 6);
	if (in->customer_tax_id && *in->customer_tax_id) {
		char t[120];
		snprintf(t, sizeof(t), "Tax ID: %s", in->customer_tax_id);
		text(p, 0, 9, MARGIN, y, t, 0);
		y -= 12;
	}
	p->y = y - 14;
}

static int
lines(pdf *p)
{
	const invoice_pdf *in = p->in;
	table_head(p);
	for (size_t i = 0; i < in->nlines; i++) {
		const invoice_pdf_line *l = &in->lines[i];
		/* a line's description takes up to four rows */
		if (need(p, ROW * 2, 1) < 0)
			return -1;
		float y = p->y, top = p->y;
		wrapped(p, 0, 9, X_DESC, &y, W_DESC, l->description, 4);
		char q[48], a[48];
		if (l->unit && *l->unit && strcmp(l->unit, "each") != 0)
			snprintf(q, sizeof(q), "%lld %s", (long long)l->quantity,
			    l->unit);
		else
			snprintf(q, sizeof(q), "%lld", (long long)l->quantity);
		text(p, 0, 9, X_QTY, top, q, 1);
		text(p, 0, 9, X_PRICE, top, amount(p, l->unit_price, a),
		    1);
		if (l->discount_ppm) {
			/* parts per million as a percentage, exactly */
			char d[32];
			long long w = l->discount_ppm / 10000,
			    f = l->discount_ppm % 10000;
			if (f == 0)
				snprintf(d, sizeof(d), "%lld%%", w);
			else {
				snprintf(d, sizeof(d), "%lld.%04lld", w, f);
				size_t n = strlen(d);
				while (d[n - 1] == '0')
					d[--n] = '\0';
				snprintf(d + n, sizeof(d) - n, "%%");
			}
			text(p, 0, 9, X_DISC, top, d, 1);
		}
		text(p, 0, 9, X_NET, top, amount(p, l->net, a), 1);
		p->y = y - 3;
		HPDF_Page_SetGrayStroke(p->page, 0.85f);
		HPDF_Page_SetLineWidth(p->page, 0.5f);
		HPDF_Page_MoveTo(p->page, MARGIN - 4, p->y + 8);
		HPDF_Page_LineTo(p->page, PAGE_W - MARGIN + 4, p->y + 8);
		HPDF_Page_Stroke(p->page);
	}
	return 0;
}

static int
totals(pdf *p)
{
	const invoice_pdf *in = p->in;
	char a[48], s[8], t[96], label[120];
	if (need(p, ROW * (float)(in->ntaxes + 6), 0) < 0)
		return -1;
	p->y -= 6;
	float lx = X_NET - 120;
	text(p, 0, 9, lx, p->y, "Subtotal", 1);
	text(p, 0, 9, X_NET, p->y, amount(p, in->net, a), 1);
	p->y -= ROW;
	for (size_t i = 0; i < in->ntaxes; i++) {
		text(p, 0, 9, lx, p->y, in->taxes[i].name, 1);
		text(p, 0, 9, X_NET, p->y, amount(p, in->taxes[i].tax,
		    a), 1);
		p->y -= ROW;
	}
	snprintf(label, sizeof(label), "Total (%s)", in->currency);
	snprintf(t, sizeof(t), "%s%s", symbol(in->currency, s), amount(p,
	    in->total, a));
	text(p, 1, 11, lx, p->y - 2, label, 1);
	text(p, 1, 11, X_NET, p->y - 2, t, 1);
	p->y -= ROW + 4;
	if (in->status && strcmp(in->status, "draft") != 0) {
		text(p, 0, 9, lx, p->y, in->credit_note ? "Applied" :
		    "Paid", 1);
		text(p, 0, 9, X_NET, p->y, amount(p, in->paid, a), 1);
		p->y -= ROW;
		snprintf(t, sizeof(t), "%s%s", symbol(in->currency, s),
		    amount(p, in->total - in->paid, a));
		text(p, 1, 10, lx, p->y, in->credit_note ? "Credit left" :
		    "Amount due", 1);
		text(p, 1, 10, X_NET, p->y, t, 1);
		p->y -= ROW;
	}
	if (in->status && strcmp(in->status, "void") == 0) {
		text(p, 1, 12, MARGIN, p->y, "VOID", 0);
		p->y -= ROW;
	}
	return 0;
}

static int
closing(pdf *p)
{
	const invoice_pdf *in = p->in;
	const char *titles[2] = { in->credit_note ? NULL :
	    "Payment instructions", in->credit_note ? "Reason" : "Notes" };
	const char *bodies[2] = { in->payment_instructions, in->notes };
	for (int i = 0; i < 2; i++) {
		if (titles[i] == NULL || bodies[i] == NULL || *bodies[i] == '\0')
			continue;
		if (need(p, ROW * 4, 0) < 0)
			return -1;
		p->y -= 8;
		text(p, 1, 9, MARGIN, p->y, titles[i], 0);
		p->y -= 12;
		wrapped(p, 0, 9, MARGIN, &p->y, PAGE_W - 2 * MARGIN,
		    bodies[i], 20);
	}
	return 0;
}

static void
footers(pdf *p)
{
	const invoice_pdf *in = p->in;
	for (int i = 0; i < p->npages; i++) {
		p->page = p->pages[i];
		char t[200];
		snprintf(t, sizeof(t), "%s %s · page %d of %d", in->credit_note ?
		    "Credit note" : "Invoice", in->number ? in->number : "DRAFT",
		    i + 1, p->npages);
		text(p, 0, 8, X_NET, 40, t, 1);
		text(p, 0, 8, MARGIN, 40, in->seller_name, 0);
	}
}

int
invoice_pdf_render(const invoice_pdf *in, buf *out, char *err, size_t errlen)
{
	pdf p = { .in = in };
	int rc = -1;
	p.doc = HPDF_New(on_error, &p);
	if (p.doc == NULL) {
		snprintf(err, errlen, "the PDF library could not start");
		return -1;
	}
	HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p.doc);
	HPDF_SetCurrentEncoder(p.doc, "UTF-8");
	const char *r = HPDF_LoadTTFontFromFile(p.doc, INVOICE_PDF_FONT,
	    HPDF_TRUE);
	if (r == NULL) {
		snprintf(err, errlen, "the font %s could not be loaded (error "
		    "0x%04X)", INVOICE_PDF_FONT, (unsigned)p.error);
		goto out;
	}
	p.font = HPDF_GetFont(p.doc, r, "UTF-8");
	char title[200];
	snprintf(title, sizeof(title), "%s %s", in->credit_note ? "Credit note" :
	    "Invoice", in->number ? in->number : "(draft)");
	HPDF_SetInfoAttr(p.doc, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(p.doc, HPDF_INFO_CREATOR, "Bursar");
	if (new_page(&p) < 0)
		goto out;
	header(&p);
	if (lines(&p) < 0 || totals(&p) < 0 || closing(&p) < 0) {
		snprintf(err, errlen, "the invoice is too long for %d pages",
		    MAX_PAGES);
		goto out;
	}
	footers(&p);
	if (p.error) {
		snprintf(err, errlen, "the PDF could not be drawn (error 0x%04X, "
		    "%u)", (unsigned)p.error, (unsigned)p.detail);
		goto out;
	}
	if (HPDF_SaveToStream(p.doc) != HPDF_OK) {
		snprintf(err, errlen, "the PDF could not be written");
		goto out;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(p.doc);
	char chunk[65536];
	HPDF_UINT32 done = 0;
	while (done < size) {
		HPDF_UINT32 n = sizeof(chunk);
		HPDF_STATUS st = HPDF_ReadFromStream(p.doc, (HPDF_BYTE *)chunk,
		    &n);
		if (n == 0 || buf_append(out, chunk, n) < 0) {
			snprintf(err, errlen, "the PDF is too large");
			goto out;
		}
		done += n;
		if (st == HPDF_STREAM_EOF)
			break;
	}
	rc = 0;
out:
	HPDF_Free(p.doc);
	return rc;
}

/* ---- loading ---- */

int
invoice_pdf_load(db *d, const char *id, invoice_pdf_data *x, db_res *err)
{
	memset(x, 0, sizeof(*x));
	memset(err, 0, sizeof(*err));
	const char *p[1] = { id };
	db_res *h = &x->head;
	if (db_exec(d, h, "SELECT i.kind, i.status, i.number, "
	    "i.issue_date::text, i.due_date::text, i.reference, i.notes, "
	    "o.number, coalesce(i.seller_name, t.name), coalesce(i.seller_address, "
	    "t.address), coalesce(i.seller_tax_id, t.tax_id), pa.name, "
	    "i.billing_address, "
	    "pa.tax_id, i.currency, cu.minor_units, i.net, i.tax, i.total, "
	    "i.paid, coalesce(s.payment_instructions, ''), t.number_format "
	    "FROM invoices i JOIN "
	    "parties pa ON pa.tenant_id = i.tenant_id AND pa.id = i.party_id "
	    "JOIN currencies cu ON cu.code = i.currency JOIN tenants t ON t.id "
	    "= i.tenant_id LEFT JOIN invoices o ON o.tenant_id = i.tenant_id "
	    "AND o.id = i.credit_of LEFT JOIN commerce_settings s ON "
	    "s.tenant_id = i.tenant_id WHERE i.id = $1::uuid", 1, p) < 0) {
		*err = *h;
		memset(h, 0, sizeof(*h));
		return -1;
	}
	if (h->rows != 1)
		return db_refuse(err, "P0002", "no such invoice");
	if (db_exec(d, &x->lines, "SELECT description, unit, quantity, "
	    "unit_price, discount_ppm, net FROM invoice_lines WHERE invoice_id "
	    "= $1::uuid ORDER BY line_no", 1, p) < 0) {
		*err = x->lines;
		memset(&x->lines, 0, sizeof(x->lines));
		return -1;
	}
	if (db_exec(d, &x->taxes, "SELECT name, tax FROM document_taxes WHERE "
	    "doc_type = 'invoice' AND doc_id = $1::uuid AND tax <> 0 ORDER BY "
	    "account, rate_code", 1, p) < 0) {
		*err = x->taxes;
		memset(&x->taxes, 0, sizeof(x->taxes));
		return -1;
	}
	invoice_pdf *doc = &x->doc;
	doc->credit_note = strcmp(db_text(h, 0, 0), "credit_note") == 0;
	doc->status = db_text(h, 0, 1);
	doc->number = db_text(h, 0, 2);
	doc->issue_date = db_text(h, 0, 3);
	doc->due_date = db_text(h, 0, 4);
	doc->reference = db_text(h, 0, 5);
	doc->notes = db_text(h, 0, 6);
	doc->credit_of = db_text(h, 0, 7);
	doc->seller_name = db_text(h, 0, 8);
	doc->seller_address = db_text(h, 0, 9);
	doc->seller_tax_id = db_text(h, 0, 10);
	doc->numbers = money_style_named(db_text(h, 0, 21));
	doc->customer_name = db_text(h, 0, 11);
	doc->customer_address = db_text(h, 0, 12);
	doc->customer_tax_id = db_text(h, 0, 13);
	doc->currency = db_text(h, 0, 14);
	int64_t digits = 2;
	db_i64(h, 0, 15, &digits);
	doc->digits = (int)digits;
	db_i64(h, 0, 16, &doc->net);
	db_i64(h, 0, 17, &doc->tax);
	db_i64(h, 0, 18, &doc->total);
	db_i64(h, 0, 19, &doc->paid);
	doc->payment_instructions = db_text(h, 0, 20);
	size_t nl = (size_t)x->lines.rows, nt = (size_t)x->taxes.rows;
	x->l = calloc(nl ? nl : 1, sizeof(*x->l));
	x->t = calloc(nt ? nt : 1, sizeof(*x->t));
	if (x->l == NULL || x->t == NULL)
		return db_refuse(err, "53200", "out of memory");
	for (int i = 0; i < (int)nl; i++) {
		invoice_pdf_line *l = &x->l[i];
		l->description = db_text(&x->lines, i, 0);
		l->unit = db_text(&x->lines, i, 1);
		db_i64(&x->lines, i, 2, &l->quantity);
		db_i64(&x->lines, i, 3, &l->unit_price);
		db_i64(&x->lines, i, 4, &l->discount_ppm);
		db_i64(&x->lines, i, 5, &l->net);
	}
	for (int i = 0; i < (int)nt; i++) {
		x->t[i].name = db_text(&x->taxes, i, 0);
		db_i64(&x->taxes, i, 1, &x->t[i].tax);
	}
	doc->lines = x->l;
	doc->nlines = nl;
	doc->taxes = x->t;
	doc->ntaxes = nt;
	return 0;
}

void
invoice_pdf_data_free(invoice_pdf_data *x)
{
	db_res_clear(&x->head);
	db_res_clear(&x->lines);
	db_res_clear(&x->taxes);
	free(x->l);
	free(x->t);
	x->l = NULL;
	x->t = NULL;
}
