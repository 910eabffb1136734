/*
 * test_json_error.c - a failed parse is told apart from a failed
 * allocation, and its reason is worded for people.
 */
#include "cmocka_all.h"

#include <string.h>

#include "base/json_error.h"

static void
test_json_error_bad_text_is_not_out_of_memory(void **state)
{
    json_error_t e;

    (void)state;
    assert_null(json_loads("{\"a\": }", 0, &e));
    assert_false(aft_json_error_is_oom(&e));
    assert_string_equal(aft_json_error_text(&e), e.text);
}

static void
test_json_error_nul_in_a_string_is_named(void **state)
{
    json_error_t e;

    (void)state;
    assert_null(json_loads("{\"a\": \"x\\u0000y\"}", 0, &e));
    assert_string_equal(aft_json_error_text(&e), "NUL character not allowed");
}

static void
test_json_error_no_reason_means_out_of_memory(void **state)
{
    json_error_t e;

    (void)state;
    memset(&e, 0, sizeof e); /* what jansson leaves when it cannot grow */
    assert_true(aft_json_error_is_oom(&e));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_error_bad_text_is_not_out_of_memory),
        cmocka_unit_test(test_json_error_nul_in_a_string_is_named),
        cmocka_unit_test(test_json_error_no_reason_means_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
