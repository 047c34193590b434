/* utf8.h: UTF-8 validation for every text that enters Bursar. */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* utf8_valid: 1 when s[0..n) is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing past U+10FFFF, no truncated sequence) and holds no
 * NUL byte, which no Bursar text may carry; 0 otherwise. */
int utf8_valid(const char *s, size_t n);

/* utf8_control: the first control character of the valid UTF-8 text s
 * (C0, DEL or C1: U+0000-U+001F, U+007F, U+0080-U+009F), or -1 when it
 * has none; with multiline, tab, CR and LF are allowed. */
long utf8_control(const char *s, int multiline);

#endif
