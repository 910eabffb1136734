/*
 * test_escape.c - text from input is shown with its control characters
 * and broken UTF-8 as \xNN, and everything printable as it is.
 */
#include "cmocka_all.h"

#include "base/escape.h"

static void
test_escape_controls_and_broken_bytes_become_hex(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"plain", "plain"},
        {"caf\xc3\xa9 \xe6\x9d\xb1", "caf\xc3\xa9 \xe6\x9d\xb1"},
        /* OSC title change: ESC ] ... BEL */
        {"x\x1b]0;pwned\x07", "x\\x1B]0;pwned\\x07"},
        {"tab\there", "tab\\x09here"},
        {"del\x7f", "del\\x7F"},
        /* U+009B (C1 CSI) is C2 9B in UTF-8: both bytes escaped */
        {"\xc2\x9b"
         "2J",
         "\\xC2\\x9B2J"},
        /* a lone continuation byte and a truncated sequence */
        {"a\x80"
         "b",
         "a\\x80b"},
        {"\xe6\x9d", "\\xE6\\x9D"},
        /* a surrogate encoded in UTF-8 is not valid */
        {"\xed\xa0\x80", "\\xED\\xA0\\x80"},
    };
    char buf[64];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(aft_escape(buf, sizeof buf, cases[i].in),
                            cases[i].want);
}

static void
test_escape_cuts_at_a_whole_escape(void **state)
{
    char buf[8];

    (void)state;
    /* "ab" (2) + "\x1B" (4) = 6 bytes fit in 8 with the NUL; the next
     * escape would need 4 more. */
    assert_string_equal(aft_escape(buf, sizeof buf, "ab\x1b\x1b"), "ab\\x1B");
    /* a multibyte character is never cut in half */
    assert_string_equal(aft_escape(buf, 4, "a\xe6\x9d\xb1"), "a");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_controls_and_broken_bytes_become_hex),
        cmocka_unit_test(test_escape_cuts_at_a_whole_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
