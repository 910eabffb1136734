/*
 * test_engine.c - availability and metrics rows from datasets built in
 * memory: subscriptions, holidays, restrictions, ongoing incidents.
 */
#include "cmocka_all.h"
#include "aftercast/engine.h"
#include "aftercast/instant.h"

static aft_service SERVICES[] = {{"api", "API"}, {"web", "Web"}};

static aft_client
client(const char *id, const char *zone, aft_subscription *subs, size_t n)
{
    aft_client c;

    aft_client_defaults(&c);
    c.id = id;
    c.name = id;
    c.timezone = zone;
    c.subs = subs;
    c.n_subs = n;
    return c;
}

static aft_subscription
sub(const char *service)
{
    aft_subscription s = {service, NAN, AFT_DATE_NONE, AFT_DATE_NONE};
    return s;
}

static const aft_avail_row *
row(const aft_avail_row *rows, size_t n, const char *c, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(rows[i].client_id, c) == 0
            && (s == NULL ? rows[i].service_id == NULL
                          : rows[i].service_id != NULL
                                && strcmp(rows[i].service_id, s) == 0))
            return &rows[i];
    fail_msg("no row %s/%s", c, s ? s : "null");
    return NULL;
}

static void
test_engine_example7_subscription_and_holiday(void **state)
{
    aft_subscription s = sub("api");
    int64_t hol[] = {aft_days_from_civil(2026, 3, 2)};
    aft_client c = client("zrh", "Europe/Berlin", &s, 1);
    aft_dataset ds = {&c, 1, SERVICES, 2, NULL, 0, NULL, 0, NULL};
    aft_period p;
    aft_avail_row *rows;
    size_t n;

    (void)state;
    s.from_day = aft_days_from_civil(2026, 3, 1);
    s.until_day = aft_days_from_civil(2026, 3, 31);
    c.holidays = hol;
    c.n_holidays = 1;
    aft_period_month(&p, "2026-03", NULL);
    assert_int_equal(aft_engine_availability(&rows, &n, &ds, &p,
                                             UTC(2026, 5, 1, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(row(rows, n, "zrh", "api")->r.eligible_s,
                     2592000 - 3600 - 86400);
    assert_int_equal(row(rows, n, "zrh", NULL)->r.eligible_s, 2502000);
    free(rows);
}

static void
test_engine_restrictions_and_client_level_sums(void **state)
{
    aft_subscription sa[] = {sub("api"), sub("web")}, sb[] = {sub("api")};
    aft_client cs[] = {client("a", "UTC", sa, 2), client("b", "UTC", sb, 1)};
    aft_impact imp_api[] = {{"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE,
                             AFT_TIME_NONE}};
    aft_impact imp_web[] = {{"web", AFT_LEVEL_PARTIAL, AFT_TIME_NONE,
                             AFT_TIME_NONE}};
    const char *only_b[] = {"b"};
    aft_incident inc[2] = {{0}, {0}};
    aft_dataset ds = {cs, 2, SERVICES, 2, inc, 2, NULL, 0, NULL};
    aft_period p;
    aft_avail_row *rows;
    size_t n;
    const aft_avail_row *r;

    (void)state;
    sa[0].sla_target = 99.95;
    /* api, major 1 h, for client b only; web, partial 2 h, for everyone. */
    inc[0] = (aft_incident){.id = "i1", .title = "t",
        .started_at = UTC(2026, 2, 3, 10, 0),
        .detected_at = AFT_TIME_NONE, .acknowledged_at = AFT_TIME_NONE,
        .resolved_at = UTC(2026, 2, 3, 11, 0), .impacts = imp_api,
        .n_impacts = 1, .clients = only_b, .n_clients = 1};
    inc[1] = (aft_incident){.id = "i2", .title = "t",
        .started_at = UTC(2026, 2, 4, 10, 0),
        .detected_at = AFT_TIME_NONE, .acknowledged_at = AFT_TIME_NONE,
        .resolved_at = UTC(2026, 2, 4, 12, 0), .impacts = imp_web,
        .n_impacts = 1};
    aft_period_month(&p, "2026-02", NULL);
    assert_int_equal(aft_engine_availability(&rows, &n, &ds, &p,
                                             UTC(2026, 3, 5, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(n, 5);
    assert_double_near(row(rows, n, "a", "api")->r.downtime_s, 0);
    assert_double_near(row(rows, n, "a", "api")->r.target, 99.95);
    assert_double_near(row(rows, n, "a", "web")->r.downtime_s, 2160);
    r = row(rows, n, "a", NULL);
    assert_int_equal(r->r.eligible_s, 2 * 2419200);
    assert_double_near(r->r.downtime_s, 2160);
    assert_double_near(r->r.target, 99.9);
    assert_double_near(r->r.availability, 100 - 100 * 2160.0 / 4838400);
    assert_double_near(row(rows, n, "b", "api")->r.downtime_s, 3600);
    free(rows);
}

static void
test_engine_ongoing_incident_lasts_until_as_of(void **state)
{
    aft_subscription s = sub("api");
    aft_client c = client("a", "UTC", &s, 1);
    aft_impact imp[] = {{"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE,
                         AFT_TIME_NONE}};
    aft_incident inc = {.id = "i", .title = "t",
        .started_at = UTC(2026, 2, 27, 0, 0), .detected_at = AFT_TIME_NONE,
        .acknowledged_at = AFT_TIME_NONE, .resolved_at = AFT_TIME_NONE,
        .impacts = imp, .n_impacts = 1};
    aft_dataset ds = {&c, 1, SERVICES, 2, &inc, 1, NULL, 0, NULL};
    aft_period p;
    aft_avail_row *rows;
    aft_metrics_row *mrows;
    size_t n;

    (void)state;
    aft_period_month(&p, "2026-02", NULL);
    /* Seen at noon on the 27th: 12 h down out of 26.5 days measured. */
    assert_int_equal(aft_engine_availability(&rows, &n, &ds, &p,
                                             UTC(2026, 2, 27, 12, 0), NULL),
                     AFT_OK);
    assert_int_equal(rows[0].r.eligible_s, 26 * 86400 + 43200);
    assert_double_near(rows[0].r.downtime_s, 43200);
    free(rows);
    /* Seen after the month: down from the 27th to the month's end. */
    assert_int_equal(aft_engine_availability(&rows, &n, &ds, &p,
                                             UTC(2026, 3, 10, 0, 0), NULL),
                     AFT_OK);
    assert_double_near(rows[0].r.downtime_s, 2 * 86400);
    free(rows);
    assert_int_equal(aft_engine_metrics(&mrows, &n, &ds, &p,
                                        UTC(2026, 3, 10, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(mrows[0].m.incidents, 1);
    assert_false(mrows[0].m.has_mttr);
    free(mrows);
}

static void
test_engine_metrics_need_subscription_in_force(void **state)
{
    aft_subscription s = sub("api");
    aft_client c = client("a", "UTC", &s, 1);
    aft_impact imp[] = {{"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE,
                         AFT_TIME_NONE}};
    aft_incident inc[2];
    aft_dataset ds = {&c, 1, SERVICES, 2, inc, 2, NULL, 0, NULL};
    aft_period p;
    aft_metrics_row *rows;
    size_t n;
    int i;

    (void)state;
    for (i = 0; i < 2; i++)
        inc[i] = (aft_incident){.id = i ? "i2" : "i1", .title = "t",
            .started_at = UTC(2026, 2, 3 + 10 * i, 10, 0),
            .detected_at = UTC(2026, 2, 3 + 10 * i, 10, 2),
            .acknowledged_at = AFT_TIME_NONE,
            .resolved_at = UTC(2026, 2, 3 + 10 * i, 11, 0),
            .impacts = imp, .n_impacts = 1};
    s.from_day = aft_days_from_civil(2026, 2, 10);   /* joined on the 10th */
    aft_period_month(&p, "2026-02", NULL);
    assert_int_equal(aft_engine_metrics(&rows, &n, &ds, &p,
                                        UTC(2026, 3, 1, 0, 0), NULL), AFT_OK);
    assert_int_equal(rows[0].m.incidents, 1);
    assert_double_near(rows[0].m.mttd_s, 120);
    assert_double_near(rows[0].m.mttr_s, 3600);
    free(rows);
}

static void
test_engine_unknown_zone_names_the_client(void **state)
{
    aft_subscription s = sub("api");
    aft_client c = client("bad", "Nowhere/Land", &s, 1);
    aft_dataset ds = {&c, 1, SERVICES, 2, NULL, 0, NULL, 0, NULL};
    aft_period p;
    aft_avail_row *rows;
    size_t n;
    aft_error err;

    (void)state;
    aft_period_month(&p, "2026-02", NULL);
    assert_int_equal(aft_engine_availability(&rows, &n, &ds, &p, 0, &err),
                     AFT_EINVALID);
    assert_non_null(strstr(err.message, "bad"));
    assert_null(rows);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_example7_subscription_and_holiday),
        cmocka_unit_test(test_engine_restrictions_and_client_level_sums),
        cmocka_unit_test(test_engine_ongoing_incident_lasts_until_as_of),
        cmocka_unit_test(test_engine_metrics_need_subscription_in_force),
        cmocka_unit_test(test_engine_unknown_zone_names_the_client),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
