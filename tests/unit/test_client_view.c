/*
 * test_client_view.c - a record as one client sees it: its subscribed
 * services by name, each name once, the local month of an instant, and a
 * maintenance window's notice, early start and overrun.
 */
#include "cmocka_all.h"
#include "aftercast/report.h"
#include "report/client_view.h"

/*
 * Services: "api" and "api-eu" both print "API"; "db" has no name and
 * prints its id; "blank" prints "". Client "acme" subscribes to all of
 * them but "other".
 */
static const aft_service SERVICES[] = {
    {"api", "API"}, {"gw", "API Gateway"}, {"api-eu", "API"},
    {"db", NULL},   {"blank", ""},         {"other", "Other"},
};
static aft_subscription SUBS[] = {
    {"api", NAN, AFT_DATE_NONE, AFT_DATE_NONE},
    {"gw", NAN, AFT_DATE_NONE, AFT_DATE_NONE},
    {"api-eu", NAN, AFT_DATE_NONE, AFT_DATE_NONE},
    {"db", NAN, AFT_DATE_NONE, AFT_DATE_NONE},
    {"blank", NAN, AFT_DATE_NONE, AFT_DATE_NONE},
};

static aft_client
acme(void)
{
    aft_client c;

    aft_client_defaults(&c);
    c.id = "acme";
    c.name = "Acme";
    c.subs = SUBS;
    c.n_subs = sizeof SUBS / sizeof SUBS[0];
    return c;
}

static aft_dataset
dataset(aft_client *c)
{
    aft_dataset ds = {c,
                      1,
                      (aft_service *)SERVICES,
                      sizeof SERVICES / sizeof SERVICES[0],
                      NULL,
                      0,
                      NULL,
                      0,
                      NULL,
                      0,
                      0};
    return ds;
}

static void
test_service_name_falls_back_to_id(void **state)
{
    aft_client c = acme();
    aft_dataset ds = dataset(&c);

    (void)state;
    assert_string_equal(aft_service_name(&ds, "gw"), "API Gateway");
    assert_string_equal(aft_service_name(&ds, "db"), "db");       /* NULL */
    assert_string_equal(aft_service_name(&ds, "ghost"), "ghost"); /* none */
    assert_string_equal(aft_service_name(&ds, "blank"), "");
}

static void
test_subscribed_only_to_listed_services(void **state)
{
    static const struct {
        const char *id;
        int want;
    } rows[] = {
        {"api", 1}, {"blank", 1}, {"other", 0}, {"ap", 0}, {"", 0},
    };
    aft_client c = acme();
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_int_equal(aft_report__subscribed(&c, rows[i].id), rows[i].want);
}

static void
test_incident_services_each_name_once_in_order(void **state)
{
    /* blank adds nothing; other is not the client's; api-eu and the
     * second api repeat the name "API". */
    aft_impact imp[] = {
        {"blank", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE},
        {"gw", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE},
        {"other", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE},
        {"api", AFT_LEVEL_PARTIAL, AFT_TIME_NONE, AFT_TIME_NONE},
        {"api-eu", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE},
        {"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE},
        {"db", AFT_LEVEL_DEGRADED, AFT_TIME_NONE, AFT_TIME_NONE},
    };
    aft_incident inc = {.id = "i1", .impacts = imp, .n_impacts = 7};
    aft_client c = acme();
    aft_dataset ds = dataset(&c);
    char buf[256], small[8];

    (void)state;
    aft_report__incident_services(buf, sizeof buf, &inc, &c, &ds);
    assert_string_equal(buf, "API Gateway, API, db");
    /* Cut to fit: 7 characters and the NUL. */
    aft_report__incident_services(small, sizeof small, &inc, &c, &ds);
    assert_string_equal(small, "API Gat");
}

static void
test_maint_services_each_name_once_in_order(void **state)
{
    const char *svc[] = {"db", "other", "api-eu", "api", "gw"};
    aft_maintenance m = {.id = "m1", .services = svc, .n_services = 5};
    aft_client c = acme();
    aft_dataset ds = dataset(&c);
    char buf[256];

    (void)state;
    aft_report__maint_services(buf, sizeof buf, &m, &c, &ds);
    assert_string_equal(buf, "db, API, API Gateway");
    m.n_services = 2; /* db and other */
    aft_report__maint_services(buf, sizeof buf, &m, &c, &ds);
    assert_string_equal(buf, "db");
}

static void
test_month_of_is_the_local_month(void **state)
{
    const struct {
        const char *zone;
        int64_t t;
        const char *label;
    } rows[] = {
        /* 31 Mar 23:30 UTC is 1 Apr 01:30 in Berlin (CEST, +2 since
         * 29 Mar) and 31 Mar 19:30 in New York (EDT, -4). */
        {"UTC", UTC(2026, 3, 31, 23, 30), "2026-03"},
        {"Europe/Berlin", UTC(2026, 3, 31, 23, 30), "2026-04"},
        {"America/New_York", UTC(2026, 3, 31, 23, 30), "2026-03"},
        /* 1 Jan 03:00 UTC is still 31 Dec 22:00 in New York (EST, -5). */
        {"America/New_York", UTC(2026, 1, 1, 3, 0), "2025-12"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        aft_tz *tz;
        aft_period p, want;

        assert_int_equal(aft_tz_load(&tz, rows[i].zone, NULL), AFT_OK);
        aft_report__month_of(&p, tz, rows[i].t);
        assert_int_equal(aft_period_month(&want, rows[i].label, NULL), AFT_OK);
        assert_string_equal(p.label, rows[i].label);
        assert_int_equal(p.start_day, want.start_day);
        assert_int_equal(p.end_day, want.end_day);
        aft_tz_free(tz);
    }
}

/*
 * Scheduled 15 Mar 02:00-04:00, worked 01:45-04:30, notified 1 Mar 02:00:
 * lead 14 days exactly (the client's 14 days: announced), early 15 min =
 * 900 s, overrun 30 min = 1800 s.
 */
static void
test_maint_fill_notice_early_start_and_overrun(void **state)
{
    const char *svc[] = {"api", "other"};
    aft_maintenance m = {.id = "m1",
                         .services = svc,
                         .n_services = 2,
                         .scheduled_start = UTC(2026, 3, 15, 2, 0),
                         .scheduled_end = UTC(2026, 3, 15, 4, 0),
                         .actual_start = UTC(2026, 3, 15, 1, 45),
                         .actual_end = UTC(2026, 3, 15, 4, 30),
                         .notified_at = UTC(2026, 3, 1, 2, 0),
                         .impact = AFT_LEVEL_MAJOR,
                         .status = AFT_MAINT_COMPLETED};
    aft_client c = acme();
    aft_dataset ds = dataset(&c);
    aft_report_maint rm;

    (void)state;
    c.notice_days = 14;
    aft_report__maint_fill(&rm, &m, &c, &ds, 1800.0);
    assert_ptr_equal(rm.m, &m);
    assert_int_equal(rm.has_notice, 1);
    assert_double_near(rm.lead_days, 14.0);
    assert_int_equal(rm.announced, 1);
    assert_int_equal(rm.actual_start, UTC(2026, 3, 15, 1, 45));
    assert_int_equal(rm.actual_end, UTC(2026, 3, 15, 4, 30));
    assert_int_equal(rm.early_s, 900);
    assert_int_equal(rm.overrun_s, 1800);
    assert_double_near(rm.counted_s, 1800.0);
    assert_string_equal(rm.services, "API");

    /* No notice, worked inside the schedule (actual times unset: the
     * scheduled ones): nothing early, nothing over. 15 days asked. */
    m.notified_at = AFT_TIME_NONE;
    m.actual_start = m.actual_end = AFT_TIME_NONE;
    c.notice_days = 15;
    aft_report__maint_fill(&rm, &m, &c, &ds, 0);
    assert_int_equal(rm.has_notice, 0);
    assert_double_near(rm.lead_days, 0);
    assert_int_equal(rm.announced, 0);
    assert_int_equal(rm.actual_start, m.scheduled_start);
    assert_int_equal(rm.actual_end, m.scheduled_end);
    assert_int_equal(rm.early_s, 0);
    assert_int_equal(rm.overrun_s, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_service_name_falls_back_to_id),
        cmocka_unit_test(test_subscribed_only_to_listed_services),
        cmocka_unit_test(test_incident_services_each_name_once_in_order),
        cmocka_unit_test(test_maint_services_each_name_once_in_order),
        cmocka_unit_test(test_month_of_is_the_local_month),
        cmocka_unit_test(test_maint_fill_notice_early_start_and_overrun),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
