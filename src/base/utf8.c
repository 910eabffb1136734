/*
 * utf8.c - UTF-8 validation.
 */
#include "base/utf8.h"

int
aft_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + n;

    while (s < end) {
        unsigned c = *s++;
        int more;
        unsigned min;
        if (c < 0x80)
            continue;
        if ((c & 0xe0) == 0xc0) {
            more = 1;
            min = 0x80;
            c &= 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            more = 2;
            min = 0x800;
            c &= 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            more = 3;
            min = 0x10000;
            c &= 0x07;
        } else
            return 0;
        if (end - s < more)
            return 0;
        while (more--) {
            if ((*s & 0xc0) != 0x80)
                return 0;
            c = (c << 6) | (*s++ & 0x3f);
        }
        if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            return 0;
    }
    return 1;
}
