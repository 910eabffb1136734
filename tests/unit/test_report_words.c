/*
 * test_report_words.c - what reports print for people: local instants
 * with their zone, durations in words, levels, severities, statuses,
 * fees and the reason a maintenance counted nothing, with a template's
 * own words winning over the defaults.
 */
#include "cmocka_all.h"
#include "testutil.h"

#include "aftercast/report.h"

/* 2026-11-24: raw words ("major_outage", "sev1", "30m 00s",
 * "2026-11-24T00:00:00Z") reached clients. */
static void
test_words_defaults(void **state)
{
    aft_template *t = NULL;
    aft_tz *tz = NULL;
    aft_period p;
    char buf[AFT_WHEN_BUFSZ];

    (void)state;
    assert_int_equal(aft_template_load(&t, NULL, NULL), AFT_OK);
    assert_int_equal(aft_tz_load(&tz, "Asia/Kolkata", NULL), AFT_OK);
    assert_string_equal(aft_report_when(buf, tz, UTC(2026, 11, 24, 0, 0)),
                        "24 November 2026, 05:30 (Asia/Kolkata, UTC+05:30)");
    assert_string_equal(aft_report_when_utc(buf, UTC(2026, 11, 24, 0, 0)),
                        "24 November 2026, 00:00 (UTC)");
    assert_string_equal(aft_report_when_short(buf, tz, UTC(2026, 11, 24, 0, 0)),
                        "24 Nov 2026, 05:30 (Asia/Kolkata)");
    assert_string_equal(aft_report_when_short(buf, NULL,
                                              UTC(2026, 3, 1, 23, 5)),
                        "1 Mar 2026, 23:05 (UTC)");
    assert_string_equal(aft_report_duration_words(buf, 1800), "30 minutes");
    assert_string_equal(aft_report_duration_words(buf, 3600), "1 hour");
    assert_string_equal(aft_report_duration_words(buf, 9000),
                        "2 hours 30 minutes");
    assert_string_equal(aft_report_duration_words(buf, 90000), "1 day 1 hour");
    assert_string_equal(aft_report_duration_words(buf, 45), "45 seconds");
    assert_string_equal(aft_report_level(t, AFT_LEVEL_MAJOR), "Major outage");
    assert_string_equal(aft_report_level(t, AFT_LEVEL_DEGRADED),
                        "Degraded performance");
    assert_string_equal(aft_report_severity(t, AFT_SEV1), "Critical (Sev 1)");
    assert_string_equal(aft_report_mstatus(t, AFT_MAINT_COMPLETED),
                        "Completed");
    assert_int_equal(aft_period_quarter(&p, "2026-Q3", NULL), AFT_OK);
    assert_string_equal(aft_report_fee(t, &p), "quarterly fee");
    /* Q3 starts 2026-07-01 00:00 at UTC+14, 2026-06-30 10:00 UTC. */
    assert_true(aft_report_period_after(&p, UTC(2026, 6, 30, 10, 0)));
    assert_false(aft_report_period_after(&p, UTC(2026, 6, 30, 10, 1)));
    aft_tz_free(tz);
    aft_template_free(t);
}

/* A template's words win; a window that counted nothing says why. */
static void
test_words_template_and_none(void **state)
{
    fixture *f = fixture_new();
    aft_template *t = NULL;
    aft_maintenance m = {.id = "m1", .impact = AFT_LEVEL_MAJOR};
    aft_report_maint rm = {.m = &m, .announced = 1};

    (void)state;
    fixture_file(f, "template.json",
                 "{\"words\": {\"severity\": {\"sev1\": \"P1\"}}}");
    assert_int_equal(aft_template_load(&t, f->dir, NULL), AFT_OK);
    assert_string_equal(aft_report_severity(t, AFT_SEV1), "P1");
    assert_string_equal(aft_report_severity(t, AFT_SEV2), "Major (Sev 2)");
    assert_string_equal(aft_report_maint_none(t, &rm),
                        "none (announced in time, within its window)");
    rm.overrun_s = 600;
    assert_string_equal(aft_report_maint_none(t, &rm),
                        "none (outside service hours)");
    m.impact = AFT_LEVEL_NONE;
    assert_string_equal(aft_report_maint_none(t, &rm),
                        "none (no impact on service)");
    aft_template_free(t);
    fixture_free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_defaults),
        cmocka_unit_test(test_words_template_and_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
