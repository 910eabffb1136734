/*
 * test_api.c - the public API as a program sees it, linked to the shared
 * library through the umbrella header only: the version, the status codes
 * of lookups and lists, the error contract.
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

/* The vocabulary lookups speak the one status type: AFT_OK, or
 * AFT_EINVALID for an unknown word, the output left alone. */
static void
test_lookups_return_status_codes(void **state)
{
    aft_level level = AFT_LEVEL_MAJOR;
    aft_severity sev = AFT_SEV2;
    aft_mstatus st = AFT_MAINT_SCHEDULED;
    aft_kind kind = AFT_KIND_CLIENT;

    (void)state;
    assert_int_equal(aft_level_parse(&level, "Partial", 0), AFT_OK);
    assert_int_equal(level, AFT_LEVEL_PARTIAL);
    assert_int_equal(aft_level_parse(&level, "none", 0), AFT_EINVALID);
    assert_int_equal(level, AFT_LEVEL_PARTIAL);
    assert_int_equal(aft_level_parse(&level, "none", 1), AFT_OK);
    assert_int_equal(level, AFT_LEVEL_NONE);
    assert_int_equal(aft_severity_parse(&sev, "p1"), AFT_OK);
    assert_int_equal(sev, AFT_SEV1);
    assert_int_equal(aft_severity_parse(&sev, "sev5"), AFT_EINVALID);
    assert_int_equal(aft_mstatus_parse(&st, "CANCELLED"), AFT_OK);
    assert_int_equal(st, AFT_MAINT_CANCELLED);
    assert_int_equal(aft_mstatus_parse(&st, NULL), AFT_EINVALID);
    assert_int_equal(aft_kind_parse(&kind, "incidents"), AFT_OK);
    assert_int_equal(kind, AFT_KIND_INCIDENT);
    assert_int_equal(aft_kind_parse(&kind, "incidentss"), AFT_EINVALID);
    assert_int_equal(kind, AFT_KIND_INCIDENT);
}

/* An interval list grows with AFT_OK; freeing zeroes it for reuse. */
static void
test_ivlist_returns_status_codes(void **state)
{
    aft_ivlist l = {0};

    (void)state;
    assert_int_equal(aft_ivlist_reserve(&l, 100), AFT_OK);
    assert_true(l.cap >= 100);
    assert_int_equal(aft_ivlist_push(&l, 10, 20), AFT_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].end, 20);
    aft_ivlist_free(&l);
    assert_null(l.v);
    assert_int_equal(l.n + l.cap, 0);
}

/* A failed open sets err->code to the value returned and *out to NULL. */
static void
test_error_contract_on_failure(void **state)
{
    aft_error err = {AFT_OK, 0, ""};
    aft_tz *tz = (aft_tz *)&err; /* anything but NULL */
    aft_store *store = (aft_store *)&err;

    (void)state;
    assert_int_equal(aft_tz_load(&tz, "No/Such_Zone", &err), AFT_ENOTFOUND);
    assert_int_equal(err.code, AFT_ENOTFOUND);
    assert_null(tz);
    assert_non_null(strstr(err.message, "No/Such_Zone"));
    assert_null(strchr(err.message, '\n'));
    assert_int_equal(aft_store_open(&store, "/nonexistent/aftercast.db", 0,
                                    NULL),
                     AFT_ENOTFOUND);
    assert_null(store);
    assert_string_equal(aft_status_str(AFT_EINVALID), "invalid input");
    assert_string_equal(aft_status_str((aft_status)-99), "unknown status");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_matches_headers),
        cmocka_unit_test(test_lookups_return_status_codes),
        cmocka_unit_test(test_ivlist_returns_status_codes),
        cmocka_unit_test(test_error_contract_on_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
