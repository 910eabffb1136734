/*
 * test_utf8.c - UTF-8 validation: every length, the boundaries of each
 * form, overlong forms, surrogates, beyond U+10FFFF, truncation.
 */
#include "cmocka_all.h"
#include "base/utf8.h"

static void
test_utf8_sequences(void **state)
{
    static const struct {
        const char *s;
        size_t n;
        int valid;
        const char *what;
    } cases[] = {
        {"", 0, 1, "empty"},
        {"abc", 3, 1, "ASCII"},
        {"a\0b", 3, 1, "NUL inside the length is ASCII"},
        {"Z\xc3\xbcrich", 7, 1, "U+00FC, two bytes"},
        {"\xc2\x80", 2, 1, "U+0080, smallest two-byte form"},
        {"\xdf\xbf", 2, 1, "U+07FF, largest two-byte form"},
        {"\xe0\xa0\x80", 3, 1, "U+0800, smallest three-byte form"},
        {"\xe2\x82\xac", 3, 1, "U+20AC euro sign"},
        {"\xed\x9f\xbf", 3, 1, "U+D7FF, just below the surrogates"},
        {"\xee\x80\x80", 3, 1, "U+E000, just above the surrogates"},
        {"\xef\xbf\xbf", 3, 1, "U+FFFF"},
        {"\xf0\x90\x80\x80", 4, 1, "U+10000, smallest four-byte form"},
        {"\xf0\x9f\x98\x80", 4, 1, "U+1F600"},
        {"\xf4\x8f\xbf\xbf", 4, 1, "U+10FFFF, the last code point"},
        /* Overlong: a code point in more bytes than it needs. */
        {"\xc0\xaf", 2, 0, "'/' in two bytes"},
        {"\xc1\xbf", 2, 0, "U+007F in two bytes"},
        {"\xe0\x80\xaf", 3, 0, "'/' in three bytes"},
        {"\xe0\x9f\xbf", 3, 0, "U+07FF in three bytes"},
        {"\xf0\x8f\xbf\xbf", 4, 0, "U+FFFF in four bytes"},
        /* UTF-16 surrogates are not characters. */
        {"\xed\xa0\x80", 3, 0, "U+D800"},
        {"\xed\xbf\xbf", 3, 0, "U+DFFF"},
        /* Beyond U+10FFFF: F4 90 is 0x110000; F5 starts 0x140000. */
        {"\xf4\x90\x80\x80", 4, 0, "U+110000"},
        {"\xf5\x80\x80\x80", 4, 0, "lead byte F5"},
        {"\xf8\x88\x80\x80\x80", 5, 0, "five-byte form"},
        {"\xff", 1, 0, "byte FF"},
        /* Truncated: the end comes before the continuation bytes. */
        {"\xc3", 1, 0, "two-byte lead alone"},
        {"\xe2\x82", 2, 0, "three-byte form cut after two"},
        {"\xf0\x9f\x98", 3, 0, "four-byte form cut after three"},
        {"\xc3\xbc", 1, 0, "n cuts a valid form"},
        /* A continuation byte where none belongs, or missing. */
        {"\x80", 1, 0, "lone continuation byte"},
        {"a\xbf"
         "b",
         3, 0, "continuation byte after ASCII"},
        {"\xc3(", 2, 0, "lead followed by ASCII"},
        {"\xe2\x28\xa1", 3, 0, "second byte not a continuation"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (aft_utf8_valid(cases[i].s, cases[i].n) != cases[i].valid)
            fail_msg("%s: want %s", cases[i].what,
                     cases[i].valid ? "valid" : "invalid");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
