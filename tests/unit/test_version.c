/*
 * test_version.c - the library version string.
 */
#include "cmocka_all.h"
#include "aftercast/aftercast.h"

static void
test_version_is_dotted_numbers(void **state)
{
    const char *v = aft_version();
    unsigned major, minor, patch;
    int n = 0;

    (void)state;
    assert_non_null(v);
    assert_int_equal(sscanf(v, "%u.%u.%u%n", &major, &minor, &patch, &n), 3);
    assert_int_equal((size_t)n, strlen(v));
    /* The version CMake's project() declares. */
    assert_string_equal(v, AFT_PROJECT_VERSION);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_is_dotted_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
