/* utf8.h: UTF-8 validation for every text that enters Bursar. */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* utf8_valid: 1 when s[0..n) is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing past U+10FFFF, no truncated sequence) and holds no
 * NUL byte, which no Bursar text may carry; 0 otherwise. */
int utf8_valid(const char *s, size_t n);

#endif
