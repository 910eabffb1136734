/*
 * test_api.c - the public API as a program sees it: linked to the shared
 * library, through the umbrella header only.
 */
#include "cmocka_all.h"
#include "aftercast/aftercast.h"

/* aft_version() is the version of the headers, "MAJOR.MINOR.PATCH". */
static void
test_version_matches_headers(void **state)
{
    char want[32];

    (void)state;
    snprintf(want, sizeof want, "%d.%d.%d", AFT_VERSION_MAJOR,
             AFT_VERSION_MINOR, AFT_VERSION_PATCH);
    assert_string_equal(AFT_VERSION_STRING, want);
    assert_string_equal(aft_version(), AFT_VERSION_STRING);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_matches_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
