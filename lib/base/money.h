/* money.h: amounts as integer minor units, typed in and printed out, and
 * the one exact rounding rule.
 *
 * An amount is an int64_t count of the currency's minor units (paise,
 * cents, fils); its currency, and so its number of minor-unit digits (0 for
 * JPY, 2 for INR and EUR, 3 for KWD, BHD and OMR), comes from the database
 * and is passed in by the caller.  No float or double touches an amount:
 * text is read and written digit by digit, and products are taken exactly
 * in 128 bits.  Nothing here allocates except through the caller's buf. */
#ifndef MONEY_H
#define MONEY_H

#include <stdint.h>

#include "base/buf.h"

/* The most minor-unit digits a currency may have (ISO 4217 uses 0..4). */
#define MONEY_MAX_DIGITS 4

/* money_parse: reads a decimal amount as a person types it, in a currency
 * with `digits` minor-unit digits: an optional '-' or '+', one or more
 * ASCII digits, then optionally a '.' and one to `digits` fractional
 * digits; fewer are padded ("12.5" with 2 digits is 1250).  Nothing else
 * is allowed: no spaces, grouping commas, exponents, "nan", hex, a bare
 * sign, ".5", "5.", a '.' when digits is 0, or more fractional digits than
 * the currency has, even zeros ("1.230" with 2 digits).  The range is the
 * whole of int64_t (INT64_MIN and INT64_MAX minor units included).
 * Returns 0 with the minor units in *out; -1, *out untouched, when the text
 * is refused, does not fit, or digits is outside 0..MONEY_MAX_DIGITS. */
int money_parse(const char *text, int digits, int64_t *out);

/* money_format: appends minor in the currency's plain decimal form to b:
 * "1234.50", "-0.05", "1200" (digits 0), "1.234" (digits 3); no grouping,
 * no currency sign, '-' only for negatives.  Every int64_t, INT64_MIN
 * included, prints and parses back to itself.  Returns 0; -1, b unchanged,
 * when digits is outside 0..MONEY_MAX_DIGITS or b's cap is reached. */
int money_format(buf *b, int64_t minor, int digits);

/* How a business writes its numbers for people (pages and forms); files
 * and the API keep the plain form. */
enum money_style {
	MONEY_PLAIN = 0,	/* 1234567.89 */
	MONEY_WESTERN,		/* 1,234,567.89 */
	MONEY_INDIAN,		/* 12,34,567.89: lakh and crore */
	MONEY_CONTINENTAL,	/* 1.234.567,89 */
};

/* money_format_grouped: money_format with the style's thousands
 * separators and decimal mark: "2,56,23,053.44" (INDIAN), "-1,234.50"
 * (WESTERN), "1.234,567" (CONTINENTAL,
 * 3 digits), "1,200" (0 digits).  PLAIN is money_format.  Returns 0; -1,
 * b unchanged, as money_format. */
int money_format_grouped(buf *b, int64_t minor, int digits,
    enum money_style style);

/* money_style_named: a business's tenants.number_format ("indian",
 * "western", "continental") as its style; anything else is Western */
enum money_style money_style_named(const char *name);

/* money_parse_typed: money_parse for what a person types in a style:
 * grouping separators between the whole digits are allowed (groups of 2
 * or 3, the last of 3: "2,56,230.50" and "256,230.50" alike), and the
 * style's decimal mark ("1.234,56" CONTINENTAL).  CONTINENTAL also takes
 * a plain "12.50" (a point not followed by exactly three digits cannot
 * be grouping).  A text with both marks is read by the last one, in any
 * style ("1.234,56" is 1234.56 for WESTERN too), but a lone decimal mark
 * of the other style ("12,50" for WESTERN) is refused, not guessed.  PLAIN is money_parse.  0 or -1, as
 * money_parse. */
int money_parse_typed(const char *text, int digits, enum money_style style,
    int64_t *out);

/* money_mul_div: round(a * b / den), with the product and quotient taken
 * exactly in 128 bits and rounded half away from zero (commercial
 * rounding: 2.5 gives 3, -2.5 gives -3).  Returns 0 with the result in
 * *out; -1, *out untouched, when den <= 0 or the result does not fit in
 * int64_t. */
int money_mul_div(int64_t a, int64_t b, int64_t den, int64_t *out);

#define MONEY_PERCENT_MAX 10000000	/* 1000% in parts per million */

/* money_percent_ppm: a tax rate typed as a percentage ("9", "2.5",
 * "0.125") in exact parts per million (90000, 25000, 1250): at most four
 * fractional digits, no sign, from 0 to 1000%.  0, or -1 (*ppm untouched)
 * when the text is refused. */
int money_percent_ppm(const char *text, int64_t *ppm);

/* money_ppm_text: appends ppm as a percentage with no trailing zeros
 * ("9", "2.5", "0.125") to b.  0, or -1 when b is full. */
int money_ppm_text(buf *b, int64_t ppm);

#endif
