/*
 * test_civil.c - calendar arithmetic: day numbers of dates and back, the
 * day an instant falls on (negative times too), weekdays, month lengths.
 */
#include "cmocka_all.h"
#include "aftercast/instant.h"

static void
test_day_of_floors_negative_times(void **state)
{
    static const struct {
        int64_t t, day;
    } cases[] = {
        {0, 0},
        {86399, 0}, /* last second of 1970-01-01 */
        {86400, 1},
        {-1, -1},     /* 1969-12-31T23:59:59Z */
        {-86400, -1}, /* 1969-12-31T00:00:00Z */
        {-86401, -2},
        /* 2026-02-03T10:00Z: day 20487 (below), 10 h into it. */
        {1770076800 + 36000, 20487},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(aft_day_of(cases[i].t), cases[i].day);
}

static void
test_day_start(void **state)
{
    (void)state;
    assert_int_equal(aft_day_start(0), 0);
    assert_int_equal(aft_day_start(-1), -86400);
    /* 20487 * 86400 = 20487 * 864 * 100 = 17,700,768 * 100 */
    assert_int_equal(aft_day_start(20487), 1770076800);
    assert_int_equal(aft_day_of(aft_day_start(-3)), -3);
}

static void
test_days_from_civil_anchors(void **state)
{
    static const struct {
        int64_t y;
        unsigned m, d;
        int64_t days;
    } cases[] = {
        {1970, 1, 1, 0},
        {1969, 12, 31, -1},
        /* 1900-01-01: 70 years back, 17 leap days (1904..1968). */
        {1900, 1, 1, -(70 * 365 + 17)},
        /* 2000-01-01: 30 * 365 + 7 leap days (1972..1996) = 10957. */
        {2000, 1, 1, 10957},
        {2000, 2, 29, 10957 + 31 + 28},
        /* 2026-01-01: 10957 + 26 * 365 + 7 leap days (2000..2024). */
        {2026, 1, 1, 20454},
        {2026, 2, 3, 20454 + 31 + 2},
        /* 2100 is not a leap year: 2100-03-01 follows 2100-02-28.
         * 2100-01-01 = 10957 + 100 * 365 + 25 leap days = 47482. */
        {2100, 2, 28, 47482 + 31 + 27},
        {2100, 3, 1, 47482 + 31 + 28},
        /* The algorithm's origin: 0000-03-01 is day -719468. */
        {0, 3, 1, -719468},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t y;
        unsigned m, d;
        assert_int_equal(aft_days_from_civil(cases[i].y, cases[i].m,
                                             cases[i].d),
                         cases[i].days);
        aft_civil_from_days(cases[i].days, &y, &m, &d);
        assert_int_equal(y, cases[i].y);
        assert_int_equal(m, cases[i].m);
        assert_int_equal(d, cases[i].d);
    }
}

static void
test_civil_round_trip_and_successive_days(void **state)
{
    int64_t z, y, py = 0;
    unsigned m, d, pm = 0, pd = 0;

    (void)state;
    /* Every day from 1600-01-01 to 2400-12-31: 10957 -/+ 146097 (400
     * years) gives days -135140 and 157054 + 365 = 157419. The date reads
     * back as the same day, is a real date, and follows the date of the
     * day before. */
    assert_int_equal(aft_days_from_civil(2400, 12, 31), 157419);
    for (z = -135140; z <= 157419; z++) {
        aft_civil_from_days(z, &y, &m, &d);
        if (aft_days_from_civil(y, m, d) != z)
            fail_msg("day %lld does not round-trip", (long long)z);
        assert_true(m >= 1 && m <= 12);
        assert_true(d >= 1 && d <= aft_days_in_month(y, m));
        if (z == -135140)
            assert_true(y == 1600 && m == 1 && d == 1);
        else if (d != 1)
            assert_true(y == py && m == pm && d == pd + 1);
        else
            assert_int_equal(pd, aft_days_in_month(py, pm));
        py = y;
        pm = m;
        pd = d;
    }
}

static void
test_weekday(void **state)
{
    static const struct {
        int64_t day;
        int weekday; /* 0 = Monday ... 6 = Sunday */
    } cases[] = {
        {0, 3},                      /* 1970-01-01 was a Thursday */
        {-1, 2},                     /* Wednesday */
        {-3, 0},                     /* 1969-12-29, Monday */
        {-7, 3},    {-8, 2}, {4, 0}, /* 1970-01-05, Monday */
        {10957, 5},                  /* 2000-01-01, Saturday */
        {20487, 1},                  /* 2026-02-03, Tuesday */
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(aft_weekday(cases[i].day), cases[i].weekday);
}

static void
test_days_in_month(void **state)
{
    (void)state;
    assert_int_equal(aft_days_in_month(2026, 1), 31);
    assert_int_equal(aft_days_in_month(2026, 2), 28);
    assert_int_equal(aft_days_in_month(2024, 2), 29); /* by 4 */
    assert_int_equal(aft_days_in_month(2100, 2), 28); /* by 100, not 400 */
    assert_int_equal(aft_days_in_month(2000, 2), 29); /* by 400 */
    assert_int_equal(aft_days_in_month(2026, 4), 30);
    assert_int_equal(aft_days_in_month(2026, 12), 31);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_of_floors_negative_times),
        cmocka_unit_test(test_day_start),
        cmocka_unit_test(test_days_from_civil_anchors),
        cmocka_unit_test(test_civil_round_trip_and_successive_days),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_days_in_month),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
