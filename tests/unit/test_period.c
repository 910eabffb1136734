/*
 * test_period.c - periods in a client's zone, across DST changes.
 */
#include "cmocka_all.h"
#include "aftercast/instant.h"
#include "aftercast/period.h"

static aft_tz *
zone(const char *name)
{
    aft_tz *tz = NULL;

    assert_int_equal(aft_tz_load(&tz, name, NULL), AFT_OK);
    return tz;
}

static void
test_period_berlin_october_is_745_hours(void **state)
{
    aft_tz *tz = zone("Europe/Berlin");
    aft_period p;
    aft_interval per, w;

    (void)state;
    assert_int_equal(aft_period_month(&p, "2026-10", NULL), AFT_OK);
    assert_string_equal(p.label, "2026-10");
    aft_period_window(&per, &w, &p, tz, UTC(2026, 11, 24, 0, 0));
    assert_int_equal(per.start, UTC(2026, 9, 30, 22, 0));
    assert_int_equal(per.end, UTC(2026, 10, 31, 23, 0));
    assert_int_equal(per.end - per.start, 745 * 3600);
    assert_int_equal(w.start, per.start);
    assert_int_equal(w.end, per.end);
    aft_tz_free(tz);
}

static void
test_period_half_hour_zones(void **state)
{
    aft_tz *k = zone("Asia/Kolkata"), *lh = zone("Australia/Lord_Howe");
    aft_period p;
    aft_interval per, w;

    (void)state;
    aft_period_month(&p, "2026-10", NULL);
    aft_period_window(&per, &w, &p, k, UTC(2027, 1, 1, 0, 0));
    assert_int_equal(per.start, UTC(2026, 9, 30, 18, 30));
    assert_int_equal(per.end - per.start, 31 * 86400);
    /* Lord Howe gains half an hour of DST on 2026-10-04. */
    aft_period_window(&per, &w, &p, lh, UTC(2027, 1, 1, 0, 0));
    assert_int_equal(per.start, UTC(2026, 9, 30, 13, 30));
    assert_int_equal(per.end, UTC(2026, 10, 31, 13, 0));
    assert_int_equal(per.end - per.start, 31 * 86400 - 1800);
    aft_tz_free(k);
    aft_tz_free(lh);
}

static void
test_period_window_stops_at_as_of(void **state)
{
    aft_tz *tz = zone("UTC");
    aft_period p;
    aft_interval per, w;

    (void)state;
    aft_period_month(&p, "2026-02", NULL);
    aft_period_window(&per, &w, &p, tz, UTC(2026, 2, 10, 12, 0));
    assert_int_equal(w.end, UTC(2026, 2, 10, 12, 0));
    /* as_of before the start: an empty window at the start. */
    aft_period_window(&per, &w, &p, tz, UTC(2026, 1, 10, 0, 0));
    assert_int_equal(w.start, UTC(2026, 2, 1, 0, 0));
    assert_int_equal(w.end, w.start);
    aft_tz_free(tz);
}

static void
test_period_parse_forms(void **state)
{
    aft_period p, q;
    aft_error err;
    char buf[AFT_INSTANT_BUFSZ];

    (void)state;
    assert_int_equal(aft_period_quarter(&p, "2026-Q4", NULL), AFT_OK);
    assert_string_equal(aft_date_format(buf, p.start_day), "2026-10-01");
    assert_string_equal(aft_date_format(buf, p.end_day), "2027-01-01");
    assert_int_equal(aft_period_year(&p, "2024", NULL), AFT_OK);
    assert_int_equal(p.end_day - p.start_day, 366);
    assert_int_equal(aft_period_range(&p, "2026-03-01", "2026-03-15", NULL),
                     AFT_OK);
    assert_int_equal(p.end_day - p.start_day, 14);
    assert_int_equal(aft_period_month(&p, "2026-13", &err), AFT_EINVALID);
    assert_non_null(strstr(err.message, "2026-13"));
    assert_int_equal(aft_period_month(&p, "2026-1", &err), AFT_EINVALID);
    assert_int_equal(aft_period_quarter(&p, "2026-Q5", &err), AFT_EINVALID);
    assert_int_equal(aft_period_range(&p, "2026-03-15", "2026-03-01", &err),
                     AFT_EINVALID);
    /* Shifting: the month before January is December of the year before. */
    aft_period_month(&p, "2026-01", NULL);
    aft_period_shift(&q, &p, -1);
    assert_string_equal(q.label, "2025-12");
    aft_period_shift(&q, &p, 13);
    assert_string_equal(q.label, "2027-02");
    aft_period_quarter(&p, "2026-Q1", NULL);
    aft_period_shift(&q, &p, -1);
    assert_string_equal(q.label, "2025-Q4");
}

/* `--month last` and the like: the last whole period before as-of, on
 * the calendar of the zone. */
static void
test_period_last_is_whole_and_local(void **state)
{
    static const struct {
        const char *as_of, *zone;
        aft_period_kind kind;
        const char *label;
    } rows[] = {
        {"2026-11-24T00:00:00Z", NULL, AFT_PERIOD_MONTH, "2026-10"},
        {"2026-11-01T00:00:00Z", NULL, AFT_PERIOD_MONTH, "2026-10"},
        {"2026-10-31T23:59:59Z", NULL, AFT_PERIOD_MONTH, "2026-09"},
        /* 00:30 on 1 November in Berlin (UTC+1 since 25 October) */
        {"2026-10-31T23:30:00Z", "Europe/Berlin", AFT_PERIOD_MONTH, "2026-10"},
        {"2026-01-01T05:00:00Z", "America/New_York", AFT_PERIOD_MONTH,
         "2025-12"},
        {"2026-01-01T04:59:59Z", "America/New_York", AFT_PERIOD_MONTH,
         "2025-11"},
        {"2026-11-24T00:00:00Z", NULL, AFT_PERIOD_QUARTER, "2026-Q3"},
        {"2026-01-01T00:00:00Z", NULL, AFT_PERIOD_QUARTER, "2025-Q4"},
        /* already 1 April at UTC+14 */
        {"2026-03-31T10:00:00Z", "Pacific/Kiritimati", AFT_PERIOD_QUARTER,
         "2026-Q1"},
        {"2026-03-31T10:00:00Z", "UTC", AFT_PERIOD_QUARTER, "2025-Q4"},
        {"2026-11-24T00:00:00Z", NULL, AFT_PERIOD_YEAR, "2025"},
        {"2026-01-01T04:59:59Z", "America/New_York", AFT_PERIOD_YEAR, "2024"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        aft_tz *tz = rows[i].zone ? zone(rows[i].zone) : NULL;
        aft_period p;
        int64_t t;

        assert_int_equal(aft_instant_parse(&t, rows[i].as_of, NULL, NULL),
                         AFT_OK);
        aft_period_last(&p, rows[i].kind, t, tz);
        assert_int_equal(p.kind, rows[i].kind);
        assert_string_equal(p.label, rows[i].label);
        aft_tz_free(tz);
    }
}

/* The period `last` gives spans the same days as the one parsed. */
static void
test_period_last_spans_the_parsed_days(void **state)
{
    aft_period last, parsed;
    int64_t t;

    (void)state;
    assert_int_equal(aft_instant_parse(&t, "2026-11-24T00:00:00Z", NULL, NULL),
                     AFT_OK);
    aft_period_last(&last, AFT_PERIOD_QUARTER, t, NULL);
    assert_int_equal(aft_period_quarter(&parsed, "2026-Q3", NULL), AFT_OK);
    assert_int_equal(last.start_day, parsed.start_day);
    assert_int_equal(last.end_day, parsed.end_day);
    assert_int_equal(last.start_day, aft_days_from_civil(2026, 7, 1));
    assert_int_equal(last.end_day, aft_days_from_civil(2026, 10, 1));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period_berlin_october_is_745_hours),
        cmocka_unit_test(test_period_half_hour_zones),
        cmocka_unit_test(test_period_window_stops_at_as_of),
        cmocka_unit_test(test_period_parse_forms),
        cmocka_unit_test(test_period_last_is_whole_and_local),
        cmocka_unit_test(test_period_last_spans_the_parsed_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
