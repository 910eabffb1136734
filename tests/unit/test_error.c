/*
 * test_error.c - the error setter's contract and the status words.
 */
#include "cmocka_all.h"
#include "base/error.h"

static void
test_set_without_err_returns_code(void **state)
{
    (void)state;
    assert_int_equal(aft_error_set(NULL, AFT_EINVALID, "bad '%s'", "x"),
                     AFT_EINVALID);
    assert_int_equal(aft_error_set(NULL, AFT_OK, "fine"), 0);
    aft_error_clear(NULL); /* no-op */
}

static void
test_set_fills_code_message_and_clears_detail(void **state)
{
    aft_error err;

    (void)state;
    err.detail = 19; /* left over from an earlier call */
    assert_int_equal(aft_error_set(&err, AFT_EDB, "cannot open '%s': %d",
                                   "r.db", 14),
                     AFT_EDB);
    assert_int_equal(err.code, AFT_EDB);
    assert_int_equal(err.detail, 0);
    assert_string_equal(err.message, "cannot open 'r.db': 14");
    aft_error_clear(&err);
    assert_int_equal(err.code, AFT_OK);
    assert_int_equal(err.detail, 0);
    assert_string_equal(err.message, "");
}

static void
test_long_message_is_truncated(void **state)
{
    char text[1000];
    aft_error err;

    (void)state;
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    /* 4 + 999 characters into 512 bytes: the first 511 and a NUL. */
    assert_int_equal(aft_error_set(&err, AFT_EIO, "io: %s", text), AFT_EIO);
    assert_int_equal(strlen(err.message), sizeof err.message - 1);
    assert_int_equal(sizeof err.message, 512);
    assert_memory_equal(err.message, "io: xxx", 7);
    assert_int_equal(err.message[510], 'x');
}

static void
test_status_words(void **state)
{
    static const struct {
        aft_status code;
        const char *word;
    } cases[] = {
        {AFT_OK, "ok"},
        {AFT_ERROR, "error"},
        {AFT_ENOMEM, "out of memory"},
        {AFT_EIO, "input/output error"},
        {AFT_EINVALID, "invalid input"},
        {AFT_ENOTFOUND, "not found"},
        {AFT_EDB, "database error"},
        {(aft_status)-99, "unknown status"},
        {(aft_status)1, "unknown status"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(aft_status_str(cases[i].code), cases[i].word);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_without_err_returns_code),
        cmocka_unit_test(test_set_fills_code_message_and_clears_detail),
        cmocka_unit_test(test_long_message_is_truncated),
        cmocka_unit_test(test_status_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
