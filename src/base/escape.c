/*
 * escape.c - text from input made safe to show: control characters and
 * bytes that are not UTF-8 written as \xNN.
 */
#include <stdio.h>

#include "base/escape.h"

size_t
aft_escape__printable_len(const unsigned char *s)
{
    size_t n, i;
    unsigned cp;

    if (s[0] < 0x20 || s[0] == 0x7f)
        return 0;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2, cp = s[0] & 0x1fu;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3, cp = s[0] & 0x0fu;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4, cp = s[0] & 0x07u;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3fu);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
        || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))
        || (cp >= 0x80 && cp <= 0x9f))
        return 0;
    return n;
}

char *
aft_escape(char *dst, size_t size, const char *src)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t n = 0, k;

    if (size == 0)
        return dst;
    while (*s != '\0') {
        k = aft_escape__printable_len(s);
        if (k == 0) {
            if (n + 5 > size)
                break;
            snprintf(dst + n, 5, "\\x%02X", *s++);
            n += 4;
            continue;
        }
        if (n + k + 1 > size)
            break;
        while (k-- > 0)
            dst[n++] = (char)*s++;
    }
    dst[n] = '\0';
    return dst;
}
