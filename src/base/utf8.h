/*
 * utf8.h - UTF-8 validation.
 */
#ifndef AFT_BASE_UTF8_H
#define AFT_BASE_UTF8_H

#include <stddef.h>

/* Whether s (n bytes) is well-formed UTF-8: no overlong forms, no
 * surrogates, nothing above U+10FFFF. */
int aft_utf8_valid(const char *s, size_t n);

#endif
