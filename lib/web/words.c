/* words.c: codes, field paths and permissions in words; the business's
 * dates. */
#include "web/words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* One table for every page: each stored code a person may see. */
static const struct {
	const char *code, *words;
} codes[] = {
	{ "draft", "Draft" }, { "issued", "Issued" },
	{ "partially_paid", "Partly paid" }, { "paid", "Paid" },
	{ "overdue", "Overdue" }, { "void", "Void" },
	{ "received", "Received" }, { "placed", "Placed" },
	{ "shipped", "Shipped" }, { "completed", "Completed" },
	{ "cancelled", "Cancelled" }, { "held", "Held" },
	{ "released", "Released" }, { "pending", "Pending" },
	{ "succeeded", "Succeeded" }, { "failed", "Failed" },
	{ "cash", "Cash" }, { "bank_transfer", "Bank transfer" },
	{ "card", "Card" }, { "cheque", "Cheque" }, { "upi", "UPI" },
	{ "other", "Other" }, { "invoice", "Invoice" },
	{ "credit_note", "Credit note" }, { "bill", "Bill" },
	{ "payment", "Payment" }, { "refund", "Refund" },
	{ "receipt", "Receipt" }, { "adjustment", "Adjustment" },
	{ "transfer_out", "Transfer out" }, { "transfer_in", "Transfer in" },
	{ "shipment", "Shipment" }, { "return", "Return" },
	{ "billing", "Billing" }, { "shipping", "Shipping" },
	{ "asset", "Asset" }, { "liability", "Liability" },
	{ "equity", "Equity" }, { "income", "Income" },
	{ "expense", "Expense" }, { "in", "Received" }, { "out", "Paid out" },
	{ "active", "Active" }, { "archived", "Archived" },
	{ "open", "Open" }, { "closed", "Closed" },
};

const char *
words_code(const char *code, buf *scratch)
{
	if (code == NULL)
		return "";
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
		if (strcmp(codes[i].code, code) == 0)
			return codes[i].words;
	buf_truncate(scratch, 0);
	for (const char *p = code; *p; p++)
		buf_putc(scratch, *p == '_' ? ' ' : p == code && *p >= 'a' &&
		    *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
	return buf_str(scratch);
}

/* the one of a repeated group, as the form numbers its rows */
static const struct {
	const char *group, *one;
} groups[] = {
	{ "lines", "line" }, { "allocations", "allocation" },
	{ "contacts", "contact" }, { "addresses", "address" },
	{ "prices", "price" }, { "fields", "field" },
};

void
words_field(buf *b, const char *path)
{
	for (const char *p = path; p && *p; ) {
		const char *br = strchr(p, '[');
		const char *dot = strchr(p, '.');
		if (br && (dot == NULL || br < dot)) {
			size_t n = (size_t)(br - p);
			const char *one = NULL;
			for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
				if (strlen(groups[i].group) == n &&
				    strncmp(groups[i].group, p, n) == 0)
					one = groups[i].one;
			long k = strtol(br + 1, NULL, 10);
			if (one)
				buf_puts(b, one);
			else
				for (size_t i = 0; i < n; i++)
					buf_putc(b, p[i] == '_' ? ' ' : p[i]);
			buf_printf(b, " %ld", k + 1);
			const char *end = strchr(br, ']');
			p = end ? end + 1 : br + strlen(br);
			if (*p == '.') {
				buf_puts(b, ", ");
				p++;
			}
			continue;
		}
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		for (size_t i = 0; i < n; i++)
			buf_putc(b, p[i] == '_' ? ' ' : p[i]);
		p += n;
		if (*p == '.') {
			buf_puts(b, ", ");
			p++;
		}
	}
}

static int
ident_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '_';
}

void
words_text(buf *b, const char *text)
{
	const char *p = text ? text : "";
	while (*p) {
		/* a path: ident[digits] then any .ident or [digits] */
		const char *q = p;
		if (ident_char(*q) && (q == text || !ident_char(q[-1]))) {
			while (ident_char(*q))
				q++;
			const char *end = NULL;
			while (*q == '[' && q[1] >= '0' && q[1] <= '9') {
				const char *d = q + 1;
				while (*d >= '0' && *d <= '9')
					d++;
				if (*d != ']')
					break;
				q = d + 1;
				end = q;
				if (*q == '.' && ident_char(q[1])) {
					q++;
					while (ident_char(*q))
						q++;
					end = q;
				}
			}
			if (end) {
				char path[256];
				size_t n = (size_t)(end - p);
				if (n < sizeof(path)) {
					memcpy(path, p, n);
					path[n] = '\0';
					words_field(b, path);
					p = end;
					continue;
				}
			}
			buf_append(b, p, (size_t)(q - p) ? (size_t)(q - p) : 1);
			p += (size_t)(q - p) ? (size_t)(q - p) : 1;
			continue;
		}
		buf_putc(b, *p++);
	}
}

void
words_message(buf *b, const char *path, const char *message)
{
	const char *m = message ? message : "";
	size_t n = path ? strlen(path) : 0;
	if (n && strncmp(m, path, n) == 0 && m[n] == ':' && m[n + 1] == ' ')
		m += n + 2;
	words_field(b, path);
	buf_puts(b, ": ");
	words_text(b, m);
}

/* what each permission (sql/0002) lets one do */
static const struct {
	const char *perm, *words;
} perms[] = {
	{ "users.read", "see the users" },
	{ "users.manage", "invite users or change their roles and branches" },
	{ "roles.manage", "create or change roles" },
	{ "branches.read", "see the branches" },
	{ "branches.manage", "create or change branches" },
	{ "api_keys.manage", "create or revoke API keys" },
	{ "audit.read", "read the audit log" },
	{ "settings.manage", "change the business's settings" },
	{ "ledger.read", "read the books" },
	{ "ledger.post", "post journal entries" },
	{ "sales.read", "see customers, orders and invoices" },
	{ "sales.write", "create or change customers, orders and invoices" },
	{ "purchases.read", "see suppliers and bills" },
	{ "purchases.write", "record bills or payments to suppliers" },
	{ "inventory.read", "see products and stock" },
	{ "inventory.write", "change products or stock" },
	{ "reports.read", "run reports" },
	{ "webhooks.manage", "manage webhooks" },
	{ "sync.write", "push records from another system" },
};

const char *
words_permission(const char *perm)
{
	for (size_t i = 0; perm && i < sizeof perms / sizeof *perms; i++)
		if (strcmp(perms[i].perm, perm) == 0)
			return perms[i].words;
	return NULL;
}

static int
perm_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || ch == '_' || ch == '.';
}

void
words_forbidden(buf *b, const char *message)
{
	const char *m = message ? message : "";
	/* the permissions it names, in order */
	const char *found[8];
	int n = 0;
	for (const char *p = m; *p && n < 8; ) {
		if (!perm_char(*p) || (p > m && perm_char(p[-1]))) {
			p++;
			continue;
		}
		size_t len = 0;
		while (perm_char(p[len]))
			len++;
		for (size_t i = 0; i < sizeof perms / sizeof *perms; i++)
			if (strlen(perms[i].perm) == len &&
			    strncmp(perms[i].perm, p, len) == 0)
				found[n++] = perms[i].words;
		p += len;
	}
	if (n == 0) {
		buf_puts(b, m);
		return;
	}
	const char *needs = strstr(m, " needs ");
	size_t lead = needs ? (size_t)(needs - m) : 0;
	if (lead == 4 && strncmp(m, "this", 4) == 0)
		lead = 0;
	if (lead > 0) {
		buf_putc(b, m[0] >= 'a' && m[0] <= 'z' ? (char)(m[0] - 'a' + 'A')
		    : m[0]);
		buf_append(b, m + 1, lead - 1);
		buf_puts(b, ": your role may not ");
	} else {
		buf_puts(b, "Your role may not ");
	}
	for (int i = 0; i < n; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : " or ", found[i]);
	buf_puts(b, ". An owner or admin can change your role.");
}

static int
digits_at(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

void
words_date(buf *b, const char *text, const char *format)
{
	const char *t = text ? text : "";
	if (strlen(t) < 10 || !digits_at(t, 4) || t[4] != '-' ||
	    !digits_at(t + 5, 2) || t[7] != '-' || !digits_at(t + 8, 2) ||
	    (t[10] != '\0' && t[10] != ' ' && t[10] != 'T') || format == NULL ||
	    strcmp(format, "YYYY-MM-DD") == 0) {
		buf_puts(b, t);
		return;
	}
	const char *y = t, *mo = t + 5, *d = t + 8;
	if (strcmp(format, "MM/DD/YYYY") == 0)
		buf_printf(b, "%.2s/%.2s/%.4s", mo, d, y);
	else if (strcmp(format, "DD.MM.YYYY") == 0)
		buf_printf(b, "%.2s.%.2s.%.4s", d, mo, y);
	else
		buf_printf(b, "%.2s/%.2s/%.4s", d, mo, y);
	/* a timestamp's time, to the minute */
	if (t[10] != '\0' && strlen(t) >= 16 && digits_at(t + 11, 2) &&
	    t[13] == ':')
		buf_printf(b, " %.5s", t + 11);
}
