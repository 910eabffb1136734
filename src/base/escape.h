/*
 * escape.h - text from input made safe to show on a terminal or in a log.
 */
#ifndef AFT_BASE_ESCAPE_H
#define AFT_BASE_ESCAPE_H

#include <stddef.h>

/*
 * Copy src into dst (size bytes, NUL-terminated, cut at a whole escape
 * when it does not fit), writing every control character (C0, DEL, C1)
 * and every byte that does not start a valid UTF-8 sequence as "\xNN"
 * (upper-case hex); printable text, ASCII or not, stays as it is. A
 * message that quotes input this way cannot drive a terminal. Returns dst.
 */
char *aft_escape(char *dst, size_t size, const char *src);

/* The length of the UTF-8 sequence at s that aft_escape() keeps as it is:
 * one printable character; 0 for what it escapes (s[0] is not NUL). */
size_t aft_escape__printable_len(const unsigned char *s);

#endif
