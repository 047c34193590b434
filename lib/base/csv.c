/* csv.c: RFC 4180 cells with the formula-injection guard. */
#include "base/csv.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
csv_init(csv *w, buf *out)
{
	w->out = out;
	w->col = 0;
	w->failed = 0;
}

int
csv_is_number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	size_t n = strspn(s, "0123456789");
	if (n == 0)
		return 0;
	s += n;
	if (*s == '.') {
		n = strspn(++s, "0123456789");
		if (n == 0)
			return 0;
		s += n;
	}
	return *s == '\0';
}

/* guarded: 1 when a spreadsheet could take the text for a formula: it
 * starts with = + - @, or with a tab, carriage return or line feed that
 * some spreadsheets skip before reading what follows as one */
static int
guarded(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r\n", s[0]) != NULL &&
	    !csv_is_number(s);
}

int
csv_cell(csv *w, const char *s)
{
	if (w->failed)
		return -1;
	if (s == NULL)
		s = "";
	size_t mark = w->out->len;
	int rc = 0;
	if (w->col > 0)
		rc |= buf_putc(w->out, ',');
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		rc |= buf_putc(w->out, '"');
	if (guarded(s))
		rc |= buf_putc(w->out, '\'');
	for (const char *p = s; *p && rc == 0; p++) {
		if (*p == '"')
			rc |= buf_putc(w->out, '"');
		rc |= buf_putc(w->out, *p);
	}
	if (quote)
		rc |= buf_putc(w->out, '"');
	if (rc) {
		buf_truncate(w->out, mark);
		w->failed = 1;
		return -1;
	}
	w->col++;
	return 0;
}

int
csv_int(csv *w, int64_t n)
{
	char s[24];
	snprintf(s, sizeof(s), "%" PRId64, n);
	return csv_cell(w, s);
}

int
csv_row(csv *w)
{
	if (w->failed || buf_puts(w->out, "\r\n") < 0) {
		w->failed = 1;
		return -1;
	}
	w->col = 0;
	return 0;
}

int
csv_cells(csv *w, const char *const *cells, int n)
{
	for (int i = 0; i < n; i++)
		csv_cell(w, cells[i]);
	return csv_row(w);
}
