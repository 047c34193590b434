/* csv.h: CSV files for spreadsheets: RFC 4180 quoting, CRLF line ends,
 * and a guard against formula injection.
 *
 * A cell holding a comma, a double quote, a CR or an LF is quoted, its
 * quotes doubled.  A cell that is text (not a plain decimal number such
 * as "-12.50") and starts with '=', '+', '-', '@', a tab, a CR or an LF gets a
 * leading apostrophe, so a spreadsheet shows it as text rather than
 * running it as a formula ("=HYPERLINK(...)" is written "'=HYPERLINK(...)").
 * Numbers are left as they are, so "-250.00" stays a number.
 *
 * The writer appends to the caller's buf; nothing else is allocated. */
#ifndef CSV_H
#define CSV_H

#include <stdint.h>

#include "base/buf.h"

typedef struct csv {
	buf *out;	/* where the file is appended; the caller's */
	int col;	/* cells written on the current row */
	int failed;	/* an append did not fit under out's cap */
} csv;

/* csv_init: a writer appending to out (not owned). */
void csv_init(csv *w, buf *out);

/* csv_cell: one cell (NULL is an empty cell), quoted and guarded as
 * above.  0, or -1 once out's cap is reached (and for every call after
 * that: check the last call, or csv_end's answer). */
int csv_cell(csv *w, const char *s);

/* csv_int: an integer cell. */
int csv_int(csv *w, int64_t n);

/* csv_row: ends the current row with CRLF.  0 or -1 as csv_cell. */
int csv_row(csv *w);

/* csv_cells: a whole row of n cells, then its end; for header rows. */
int csv_cells(csv *w, const char *const *cells, int n);

/* csv_is_number: 1 when s is a plain decimal number: an optional sign,
 * digits, and an optional '.' followed by digits. */
int csv_is_number(const char *s);

#endif
