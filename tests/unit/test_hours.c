/*
 * test_hours.c - service hours and holidays (docs/accounting.md §3.5).
 */
#include "cmocka_all.h"
#include "aftercast/hours.h"
#include "aftercast/instant.h"

static int64_t
measured(const char *zone, const char *const *specs, size_t n,
         const int64_t *hol, size_t nh, aft_interval w)
{
    aft_hours_range r[8];
    aft_ivlist out = {0};
    aft_tz *tz = NULL;
    int64_t total;
    size_t i;

    assert_int_equal(aft_tz_load(&tz, zone, NULL), AFT_OK);
    for (i = 0; i < n; i++)
        assert_int_equal(aft_hours_parse(&r[i], specs[i], NULL), AFT_OK);
    assert_int_equal(aft_hours_measured(&out, r, n, hol, nh, tz, w, NULL),
                     AFT_OK);
    total = aft_iv_total(out.v, out.n);
    aft_ivlist_free(&out);
    aft_tz_free(tz);
    return total;
}

static void
test_hours_weekdays_in_february(void **state)
{
    const char *spec[] = {"mon-fri 08:00-18:00"};
    aft_interval feb = {UTC(2026, 2, 1, 0, 0), UTC(2026, 3, 1, 0, 0)};

    (void)state;
    /* accounting.md §3.5: 20 weekdays x 10 h. */
    assert_int_equal(measured("UTC", spec, 1, NULL, 0, feb), 720000);
}

static void
test_hours_sunday_nights_across_dst(void **state)
{
    const char *spec[] = {"sun 01:00-04:00"};
    aft_interval mar = {UTC(2026, 2, 28, 23, 0), UTC(2026, 3, 31, 22, 0)};

    (void)state;
    /* accounting.md §3.5: five Sundays, one of them an hour short. */
    assert_int_equal(measured("Europe/Berlin", spec, 1, NULL, 0, mar),
                     4 * 10800 + 7200);
}

static void
test_hours_all_week_less_a_holiday(void **state)
{
    int64_t hol[] = {aft_days_from_civil(2026, 3, 2)};
    aft_interval mar = {UTC(2026, 2, 28, 23, 0), UTC(2026, 3, 31, 22, 0)};

    (void)state;
    assert_int_equal(measured("Europe/Berlin", NULL, 0, hol, 1, mar),
                     31 * 86400 - 3600 - 86400);
}

static void
test_hours_lists_and_overnight(void **state)
{
    const char *spec[] = {"mon,wed,fri-sun 22:00-02:00", "daily 00:00-24:00"};
    const char *night[] = {"fri 22:00-02:00"};
    /* One week from Monday 2026-02-02. */
    aft_interval wk = {UTC(2026, 2, 2, 0, 0), UTC(2026, 2, 9, 0, 0)};

    (void)state;
    assert_int_equal(measured("UTC", spec, 2, NULL, 0, wk), 7 * 86400);
    /* Friday night runs into Saturday: 4 hours. */
    assert_int_equal(measured("UTC", night, 1, NULL, 0, wk), 4 * 3600);
}

static void
test_hours_parse_rejects_bad_specs(void **state)
{
    static const char *const bad[] = {
        "mon-fri 8-18",
        "xyz 08:00-10:00",
        "mon 10:00-10:00",
        "mon 25:00-26:00",
        "mon,",
        "08:00-18:00",
        "mon 08:00-18:00x",
        "mon 24:00-01:00",
    };
    aft_hours_range r;
    aft_error err;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(aft_hours_parse(&r, bad[i], &err), AFT_EINVALID);
        assert_non_null(strstr(err.message, bad[i]));
    }
    assert_int_equal(aft_hours_parse(&r, "daily 00:00-24:00", NULL), AFT_OK);
    assert_int_equal(r.days, 0x7f);
    assert_int_equal(aft_hours_parse(&r, "sat-mon 09:00-13:00", NULL), AFT_OK);
    assert_int_equal(r.days, (1 << 5) | (1 << 6) | 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hours_weekdays_in_february),
        cmocka_unit_test(test_hours_sunday_nights_across_dst),
        cmocka_unit_test(test_hours_all_week_less_a_holiday),
        cmocka_unit_test(test_hours_lists_and_overnight),
        cmocka_unit_test(test_hours_parse_rejects_bad_specs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
