/*
 * test_report_model.c - the monthly, root-cause, post-maintenance and
 * portfolio models over one small dataset built in memory, each figure
 * worked out by hand in the comments.
 */
#include "cmocka_all.h"
#include "aftercast/report.h"

/*
 * The dataset: client "acme" (UTC, target 99.9 %, partial outages at
 * 30 %, notice 14 days, updates promised hourly, 10 % credit below
 * 99.9 %) subscribes to "gw" (API Gateway, its own target 99.5 %) and
 * "api" (API). March 2026 has 31 days: 2,678,400 s per service.
 *
 *   i1  10 Mar 10:00-11:00  gw major; api partial 10:00-10:30, then
 *       major 10:30-11:00. Detected 10:05, acknowledged 10:15; updates
 *       at 10:20 and 10:50.
 *   i2  20 Mar 08:00-10:00  api partial. Detected 08:10, acknowledged
 *       08:40; no update.
 *   m1  15 Mar 02:00-04:00 scheduled on api, major impact, announced
 *       20 Feb 02:00 (23 days ahead); the work ran 02:00-04:30.
 *
 * Seen at 5 Apr 2026 (after the month), so W is the whole month.
 */
#define AS_OF UTC(2026, 4, 5, 0, 0)
#define MONTH_S (31 * 86400)

typedef struct world {
    aft_service services[2];
    aft_subscription subs[2];
    aft_credit_tier tier;
    aft_client client;
    aft_impact imp1[3], imp2[1];
    aft_update upd1[2];
    aft_incident inc[2];
    const char *m_services[1];
    aft_maintenance maint[1];
    aft_dataset ds;
    aft_engine *engine;
    aft_period march;
} world;

static void
build_records(world *w)
{
    w->services[0] = (aft_service){"api", "API"};
    w->services[1] = (aft_service){"gw", "API Gateway"};
    w->subs[0] = (aft_subscription){"gw", 99.5, AFT_DATE_NONE, AFT_DATE_NONE};
    w->subs[1] = (aft_subscription){"api", NAN, AFT_DATE_NONE, AFT_DATE_NONE};
    w->tier = (aft_credit_tier){99.9, 10};
    aft_client_defaults(&w->client);
    w->client.id = "acme";
    w->client.name = "Acme";
    w->client.timezone = "UTC";
    w->client.credits = &w->tier;
    w->client.n_credits = 1;
    w->client.subs = w->subs;
    w->client.n_subs = 2;
    w->imp1[0] = (aft_impact){"gw", AFT_LEVEL_MAJOR, AFT_TIME_NONE,
                              AFT_TIME_NONE};
    w->imp1[1] = (aft_impact){"api", AFT_LEVEL_PARTIAL, AFT_TIME_NONE,
                              UTC(2026, 3, 10, 10, 30)};
    w->imp1[2] = (aft_impact){"api", AFT_LEVEL_MAJOR, UTC(2026, 3, 10, 10, 30),
                              AFT_TIME_NONE};
    w->imp2[0] = (aft_impact){"api", AFT_LEVEL_PARTIAL, AFT_TIME_NONE,
                              AFT_TIME_NONE};
    w->upd1[0] = (aft_update){UTC(2026, 3, 10, 10, 20), "identified", "x"};
    w->upd1[1] = (aft_update){UTC(2026, 3, 10, 10, 50), "monitoring", "y"};
}

static void
build_events(world *w)
{
    w->inc[0] = (aft_incident){.id = "i1",
                               .title = "gateway down",
                               .severity = AFT_SEV1,
                               .started_at = UTC(2026, 3, 10, 10, 0),
                               .detected_at = UTC(2026, 3, 10, 10, 5),
                               .acknowledged_at = UTC(2026, 3, 10, 10, 15),
                               .resolved_at = UTC(2026, 3, 10, 11, 0),
                               .impacts = w->imp1,
                               .n_impacts = 3,
                               .updates = w->upd1,
                               .n_updates = 2};
    w->inc[1] = (aft_incident){.id = "i2",
                               .title = "api slow",
                               .severity = AFT_SEV3,
                               .started_at = UTC(2026, 3, 20, 8, 0),
                               .detected_at = UTC(2026, 3, 20, 8, 10),
                               .acknowledged_at = UTC(2026, 3, 20, 8, 40),
                               .resolved_at = UTC(2026, 3, 20, 10, 0),
                               .impacts = w->imp2,
                               .n_impacts = 1};
    w->m_services[0] = "api";
    w->maint[0] = (aft_maintenance){.id = "m1",
                                    .title = "upgrade",
                                    .services = w->m_services,
                                    .n_services = 1,
                                    .scheduled_start = UTC(2026, 3, 15, 2, 0),
                                    .scheduled_end = UTC(2026, 3, 15, 4, 0),
                                    .actual_start = AFT_TIME_NONE,
                                    .actual_end = UTC(2026, 3, 15, 4, 30),
                                    .notified_at = UTC(2026, 2, 20, 2, 0),
                                    .impact = AFT_LEVEL_MAJOR,
                                    .status = AFT_MAINT_COMPLETED};
    w->ds = (aft_dataset){&w->client, 1, w->services, 2, w->inc, 2,
                          w->maint,   1, NULL,        0, 0};
}

static int
setup(void **state)
{
    world *w = calloc(1, sizeof *w);

    if (w == NULL)
        return -1;
    build_records(w);
    build_events(w);
    if (aft_engine_new(&w->engine, &w->ds, AS_OF, NULL) != AFT_OK
        || aft_period_month(&w->march, "2026-03", NULL) != AFT_OK) {
        free(w);
        return -1;
    }
    *state = w;
    return 0;
}

static int
teardown(void **state)
{
    world *w = *state;

    aft_engine_free(w->engine);
    free(w);
    return 0;
}

/*
 * Downtime by hand:
 *   gw   i1 major 1 h                                  = 3600 s
 *   api  i1 partial 30 min * 0.3 + major 30 min        =  540 + 1800
 *        i2 partial 2 h * 0.3                          = 2160
 *        m1 overrun 04:00-04:30, major                 = 1800
 *                                                      = 6300 s
 * Eligible: gw 2,678,400 s; api less m1's announced window (2 h):
 * 2,671,200 s. Client level: the sums, E = 5,349,600 s, D = 9,900 s.
 */
static void
test_monthly_figures(void **state)
{
    world *w = *state;
    aft_monthly *r;
    const aft_sla_result *t;

    assert_int_equal(aft_monthly_build(&r, w->engine, 0, &w->march, AS_OF,
                                       NULL),
                     AFT_OK);
    assert_int_equal(r->n_rows, 3); /* gw, api, client */
    assert_string_equal(r->rows[0].service_id, "gw");
    assert_int_equal(r->rows[0].r.eligible_s, MONTH_S);
    assert_double_near(r->rows[0].r.downtime_s, 3600);
    /* 100 - 100 * 3600 / 2678400 = 99.8656 % >= its own 99.5 %. */
    assert_double_near(r->rows[0].r.availability, 100 - 100 * 3600.0 / MONTH_S);
    assert_true(r->rows[0].r.met);
    assert_string_equal(r->rows[1].service_id, "api");
    assert_int_equal(r->rows[1].r.eligible_s, MONTH_S - 7200);
    assert_int_equal(r->rows[1].r.excluded_s, 7200);
    assert_double_near(r->rows[1].r.downtime_s, 6300);
    t = aft_monthly_total(r);
    assert_int_equal(t->eligible_s, 2 * MONTH_S - 7200);
    assert_double_near(t->downtime_s, 9900);
    /* 100 - 100 * 9900 / 5349600 = 99.8149 % < 99.9 %: breached, and
     * the 10 % tier applies; budget 0.1 % of E = 5349.6 s. */
    assert_double_near(t->availability, 100 - 100 * 9900.0 / 5349600);
    assert_false(t->met);
    assert_double_near(t->credit_percent, 10);
    assert_double_near(t->budget_s, 5349.6);
    /* The trend ends with the month itself. */
    assert_double_near(r->trend[AFT_TREND_PERIODS - 1].downtime_s, 9900);
    aft_monthly_free(r);
}

/* Days: 10 Mar (index 9) has i1's 3600 + 2340 s; 15 Mar (index 14) has
 * m1's overrun, and 2 h of api excluded: E = 2 * 86400 - 7200. */
static void
test_monthly_days(void **state)
{
    world *w = *state;
    aft_monthly *r;

    assert_int_equal(aft_monthly_build(&r, w->engine, 0, &w->march, AS_OF,
                                       NULL),
                     AFT_OK);
    assert_int_equal(r->n_days, 31);
    assert_double_near(r->days[9].downtime_s, 5940);
    assert_double_near(r->days[14].downtime_s, 1800);
    assert_int_equal(r->days[14].eligible_s, 2 * 86400 - 7200);
    assert_double_near(r->days[0].downtime_s, 0);
    assert_int_equal(r->days[0].eligible_s, 2 * 86400);
    aft_monthly_free(r);
}

/*
 * Incidents, in the order they started:
 *   i1  1 h; alone it cost 3600 + 2340 = 5940 s. First update after
 *       20 min; longest silence 10:20-10:50 = 30 min, within the hour.
 *   i2  2 h; 2160 s. No update: silent for its whole 2 h, a breach.
 * Metrics: 2 incidents, MTTR (3600 + 7200) / 2 = 5400 s.
 */
static void
test_monthly_incidents(void **state)
{
    world *w = *state;
    aft_monthly *r;
    const aft_report_incident *a, *b;

    assert_int_equal(aft_monthly_build(&r, w->engine, 0, &w->march, AS_OF,
                                       NULL),
                     AFT_OK);
    assert_int_equal(r->n_incidents, 2);
    a = &r->incidents[0];
    b = &r->incidents[1];
    assert_string_equal(a->inc->id, "i1");
    assert_int_equal(a->duration_s, 3600);
    assert_false(a->ongoing);
    assert_double_near(a->downtime_s, 5940);
    assert_int_equal(a->first_update_s, 1200);
    assert_int_equal(a->silence_s, 1800);
    assert_false(a->update_breach);
    assert_string_equal(b->inc->id, "i2");
    assert_int_equal(b->duration_s, 7200);
    assert_double_near(b->downtime_s, 2160);
    assert_true(b->first_update_s == AFT_TIME_NONE);
    assert_int_equal(b->silence_s, 7200);
    assert_true(b->update_breach);
    assert_string_equal(b->services, "API");
    assert_int_equal(r->metrics.incidents, 2);
    assert_true(r->metrics.has_mttr);
    assert_double_near(r->metrics.mttr_s, 5400);
    aft_monthly_free(r);
}

/*
 * 2026-11-24: service names were de-duplicated with strstr(), so "API"
 * vanished from a list that already held "API Gateway". i1 hits both
 * (and "API" twice): each name must appear once, whole.
 */
static void
test_monthly_service_names_exact(void **state)
{
    world *w = *state;
    aft_monthly *r;

    assert_int_equal(aft_monthly_build(&r, w->engine, 0, &w->march, AS_OF,
                                       NULL),
                     AFT_OK);
    assert_string_equal(r->incidents[0].inc->id, "i1");
    assert_string_equal(r->incidents[0].services, "API Gateway, API");
    aft_monthly_free(r);
}

/* m1 in the monthly report: notice 23 days ahead of a 14-day policy;
 * it ran 30 min over, which counted 1800 s. */
static void
test_monthly_maintenance(void **state)
{
    world *w = *state;
    aft_monthly *r;
    const aft_report_maint *m;

    assert_int_equal(aft_monthly_build(&r, w->engine, 0, &w->march, AS_OF,
                                       NULL),
                     AFT_OK);
    assert_int_equal(r->n_maints, 1);
    m = &r->maints[0];
    assert_true(m->has_notice);
    assert_double_near(m->lead_days, 23);
    assert_true(m->announced);
    assert_true(m->actual_start == UTC(2026, 3, 15, 2, 0));
    assert_true(m->actual_end == UTC(2026, 3, 15, 4, 30));
    assert_int_equal(m->early_s, 0);
    assert_int_equal(m->overrun_s, 1800);
    assert_double_near(m->counted_s, 1800);
    assert_string_equal(m->services, "API");
    aft_monthly_free(r);
}

/*
 * Root cause of i1: gw major 10:00-11:00 (3600 s); api partial then
 * major, so major at worst, 10:00-11:00, 540 + 1800 = 2340 s; 5940 s in
 * all. Detected after 5 min, acknowledged 10 min later, resolved in 1 h.
 * Medians over March's incidents (nearest rank of two: the smaller):
 * detect {300, 600} -> 300, acknowledge {600, 1800} -> 600, resolve
 * {3600, 7200} -> 3600.
 */
static void
test_rca(void **state)
{
    world *w = *state;
    aft_rca *r;
    char *s;

    assert_int_equal(aft_rca_build(&r, w->engine, 0, &w->inc[0], AS_OF, NULL),
                     AFT_OK);
    assert_string_equal(r->month.label, "2026-03");
    assert_false(r->ongoing);
    assert_double_near(r->month_total.downtime_s, 9900);
    assert_int_equal(r->month_metrics.incidents, 2);
    assert_double_near(r->downtime_s, 5940);
    assert_int_equal(r->n_services, 2);
    assert_string_equal(r->services[0].service_id, "gw");
    assert_int_equal(r->services[0].level, AFT_LEVEL_MAJOR);
    assert_double_near(r->services[0].downtime_s, 3600);
    assert_string_equal(r->services[1].service_id, "api");
    assert_int_equal(r->services[1].level, AFT_LEVEL_MAJOR);
    assert_true(r->services[1].start == UTC(2026, 3, 10, 10, 0));
    assert_true(r->services[1].end == UTC(2026, 3, 10, 11, 0));
    assert_double_near(r->services[1].downtime_s, 2340);
    assert_int_equal(r->ttd_s, 300);
    assert_int_equal(r->tta_s, 600);
    assert_int_equal(r->ttr_s, 3600);
    assert_int_equal(r->med_ttd_s, 300);
    assert_int_equal(r->med_tta_s, 600);
    assert_int_equal(r->med_ttr_s, 3600);
    /* 2026-11-24: the story counts the whole incident, month by month;
     * it ran in March only. 5940 s = 1h 39m, client budget of March. */
    assert_int_equal(r->n_parts, 1);
    assert_string_equal(r->parts[0].month.label, "2026-03");
    assert_double_near(r->parts[0].downtime_s, 5940);
    s = aft_rca_story(r);
    assert_non_null(strstr(s, "It counted 1h 39m of weighted downtime "
                              "against your services: 1h 39m in March "
                              "2026 ("));
    free(s);
    s = aft_rca_interim(r);
    assert_string_equal(s, "");
    free(s);
    aft_rca_free(r);
}

/* Post-maintenance report of m1: March, the month's 9900 s, and the
 * 1800 s of overrun the window counted. */
static void
test_mreport(void **state)
{
    world *w = *state;
    aft_mreport *r;

    assert_int_equal(aft_mreport_build(&r, w->engine, 0, &w->maint[0], AS_OF,
                                       NULL),
                     AFT_OK);
    assert_string_equal(r->month.label, "2026-03");
    assert_double_near(r->month_total.downtime_s, 9900);
    assert_int_equal(r->month_total.eligible_s, 2 * MONTH_S - 7200);
    assert_double_near(r->w.counted_s, 1800);
    assert_int_equal(r->w.overrun_s, 1800);
    assert_true(r->w.announced);
    assert_string_equal(r->w.services, "API");
    aft_mreport_free(r);
}

/*
 * Portfolio of March: one client, breached (99.8149 %) with a credit;
 * of its two services gw met its 99.5 % and api (99.7642 %) missed
 * 99.9 %. Costliest incidents: i1 5940 client-seconds, then i2 2160.
 * One window, announced, 1800 s over.
 */
static void
test_portfolio(void **state)
{
    world *w = *state;
    aft_portfolio *r;

    assert_int_equal(aft_portfolio_build(&r, w->engine, &w->march, AS_OF, NULL),
                     AFT_OK);
    assert_int_equal(r->n_clients, 1);
    assert_int_equal(r->clients_met, 0);
    assert_int_equal(r->clients_breached, 1);
    assert_int_equal(r->clients_with_credit, 1);
    assert_int_equal(r->services_measured, 2);
    assert_int_equal(r->services_met, 1);
    assert_int_equal(r->n_services, 2);
    assert_string_equal(r->services[0], "api");
    assert_string_equal(r->services[1], "gw");
    assert_int_equal(r->total.eligible_s, 2 * MONTH_S - 7200);
    assert_double_near(r->total.downtime_s, 9900);
    assert_double_near(r->total.availability, 100 - 100 * 9900.0 / 5349600);
    assert_int_equal(r->metrics.incidents, 2);
    assert_double_near(r->metrics.mttr_s, 5400);
    assert_int_equal(r->n_top, 2);
    assert_string_equal(r->top[0].inc->id, "i1");
    assert_double_near(r->top[0].client_seconds, 5940);
    assert_int_equal(r->top[0].n_clients, 1);
    /* 2026-11-24: "Started" showed a raw UTC timestamp; now the start is
     * told in the zone of the clients hit (here UTC, named). */
    assert_string_equal(r->top[0].started, "10 Mar 2026, 10:00 (UTC)");
    assert_int_equal(r->top[0].started_local, UTC(2026, 3, 10, 10, 0));
    assert_string_equal(r->top[1].inc->id, "i2");
    assert_double_near(r->top[1].client_seconds, 2160);
    assert_int_equal(r->windows, 1);
    assert_int_equal(r->windows_announced, 1);
    assert_int_equal(r->overrun_s, 1800);
    /* 2026-11-24: a client's trend showed 100 % before the first record
     * (the breach sparklines); before March 2026 it has no data. */
    assert_false(r->clients[0].trend[AFT_TREND_PERIODS - 2].has_availability);
    assert_false(r->trend[AFT_TREND_PERIODS - 2].has_availability);
    assert_true(r->clients[0].trend[AFT_TREND_PERIODS - 1].has_availability);
    aft_portfolio_free(r);
}

/* A month's load range: its trend starts eleven months before (April
 * 2025) and two days are added either side for the zones. */
static void
test_ranges(void **state)
{
    world *w = *state;
    int64_t lo, hi;

    aft_monthly_range(&w->march, &lo, &hi);
    assert_true(lo == UTC(2025, 3, 30, 0, 0));
    assert_true(hi == UTC(2026, 4, 3, 0, 0));
    /* The portfolio's year-ago month (March 2025) starts earlier. */
    aft_portfolio_range(&w->march, &lo, &hi);
    assert_true(lo == UTC(2025, 2, 27, 0, 0));
    assert_true(hi == UTC(2026, 4, 3, 0, 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_monthly_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_monthly_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_monthly_incidents, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_monthly_service_names_exact, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_monthly_maintenance, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rca, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mreport, setup, teardown),
        cmocka_unit_test_setup_teardown(test_portfolio, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ranges, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
