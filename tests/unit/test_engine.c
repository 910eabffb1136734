/*
 * test_engine.c - availability and metrics rows from datasets built in
 * memory: subscriptions, holidays, restrictions, ongoing incidents; the
 * engine handle: one record at a time, as-of, maintenance notice; what
 * each incident alone cost a client.
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
    aft_dataset ds = {&c, 1, SERVICES, 2, NULL, 0, NULL, 0, NULL, 0, 0};
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
    aft_impact imp_api[] = {
        {"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE}};
    aft_impact imp_web[] = {
        {"web", AFT_LEVEL_PARTIAL, AFT_TIME_NONE, AFT_TIME_NONE}};
    const char *only_b[] = {"b"};
    aft_incident inc[2] = {{0}, {0}};
    aft_dataset ds = {cs, 2, SERVICES, 2, inc, 2, NULL, 0, NULL, 0, 0};
    aft_period p;
    aft_avail_row *rows;
    size_t n;
    const aft_avail_row *r;

    (void)state;
    sa[0].sla_target = 99.95;
    /* api, major 1 h, for client b only; web, partial 2 h, for everyone. */
    inc[0] = (aft_incident){.id = "i1",
                            .title = "t",
                            .started_at = UTC(2026, 2, 3, 10, 0),
                            .detected_at = AFT_TIME_NONE,
                            .acknowledged_at = AFT_TIME_NONE,
                            .resolved_at = UTC(2026, 2, 3, 11, 0),
                            .impacts = imp_api,
                            .n_impacts = 1,
                            .clients = only_b,
                            .n_clients = 1};
    inc[1] = (aft_incident){.id = "i2",
                            .title = "t",
                            .started_at = UTC(2026, 2, 4, 10, 0),
                            .detected_at = AFT_TIME_NONE,
                            .acknowledged_at = AFT_TIME_NONE,
                            .resolved_at = UTC(2026, 2, 4, 12, 0),
                            .impacts = imp_web,
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
    aft_impact imp[] = {{"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE}};
    aft_incident inc = {.id = "i",
                        .title = "t",
                        .started_at = UTC(2026, 2, 27, 0, 0),
                        .detected_at = AFT_TIME_NONE,
                        .acknowledged_at = AFT_TIME_NONE,
                        .resolved_at = AFT_TIME_NONE,
                        .impacts = imp,
                        .n_impacts = 1};
    aft_dataset ds = {&c, 1, SERVICES, 2, &inc, 1, NULL, 0, NULL, 0, 0};
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
    aft_impact imp[] = {{"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE}};
    aft_incident inc[2];
    aft_dataset ds = {&c, 1, SERVICES, 2, inc, 2, NULL, 0, NULL, 0, 0};
    aft_period p;
    aft_metrics_row *rows;
    size_t n;
    int i;

    (void)state;
    for (i = 0; i < 2; i++)
        inc[i] = (aft_incident){.id = i ? "i2" : "i1",
                                .title = "t",
                                .started_at = UTC(2026, 2, 3 + 10 * i, 10, 0),
                                .detected_at = UTC(2026, 2, 3 + 10 * i, 10, 2),
                                .acknowledged_at = AFT_TIME_NONE,
                                .resolved_at = UTC(2026, 2, 3 + 10 * i, 11, 0),
                                .impacts = imp,
                                .n_impacts = 1};
    s.from_day = aft_days_from_civil(2026, 2, 10); /* joined on the 10th */
    aft_period_month(&p, "2026-02", NULL);
    assert_int_equal(aft_engine_metrics(&rows, &n, &ds, &p,
                                        UTC(2026, 3, 1, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(rows[0].m.incidents, 1);
    assert_double_near(rows[0].m.mttd_s, 120);
    assert_double_near(rows[0].m.mttr_s, 3600);
    free(rows);
}

/* 2026-11-24: metrics match subscriptions to impacts by service index;
 * a service the dataset does not list still matches by its id. */
static void
test_engine_metrics_match_unlisted_service_by_id(void **state)
{
    aft_subscription s[2] = {sub("web"), sub("db")};
    aft_client c = client("a", "UTC", s, 2);
    aft_impact imp[] = {{"db", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE}};
    aft_incident inc = {.id = "i1",
                        .title = "t",
                        .started_at = UTC(2026, 2, 3, 10, 0),
                        .detected_at = AFT_TIME_NONE,
                        .acknowledged_at = AFT_TIME_NONE,
                        .resolved_at = UTC(2026, 2, 3, 11, 0),
                        .impacts = imp,
                        .n_impacts = 1};
    aft_dataset ds = {&c, 1, SERVICES, 2, &inc, 1, NULL, 0, NULL, 0, 0};
    aft_period p;
    aft_metrics_row *rows;
    size_t n;

    (void)state;
    aft_period_month(&p, "2026-02", NULL);
    assert_int_equal(aft_engine_metrics(&rows, &n, &ds, &p,
                                        UTC(2026, 3, 1, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(rows[0].m.incidents, 1);
    assert_double_near(rows[0].m.mttr_s, 3600);
    s[1] = sub("dbx");
    free(rows);
    assert_int_equal(aft_engine_metrics(&rows, &n, &ds, &p,
                                        UTC(2026, 3, 1, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(rows[0].m.incidents, 0);
    free(rows);
}

static void
test_engine_unknown_zone_names_the_client(void **state)
{
    aft_subscription s = sub("api");
    aft_client c = client("bad", "Nowhere/Land", &s, 1);
    aft_dataset ds = {&c, 1, SERVICES, 2, NULL, 0, NULL, 0, NULL, 0, 0};
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

/* 2026-11-24: each client read its zone file again (200 clients in
 * eight zones: 200 reads, most of an empty month's time); clients of one
 * zone now share it, and a bad zone still names its client. */
static void
test_engine_clients_share_a_zone(void **state)
{
    aft_subscription s = sub("api");
    aft_client c[3] = {client("a", "Europe/Zurich", &s, 1),
                       client("b", "Asia/Tokyo", &s, 1),
                       client("c", "Europe/Zurich", &s, 1)};
    aft_dataset ds = {c, 3, SERVICES, 2, NULL, 0, NULL, 0, NULL, 0, 0};
    aft_engine *e;
    aft_error err;

    (void)state;
    assert_int_equal(aft_engine_new(&e, &ds, 0, &err), AFT_OK);
    assert_ptr_equal(aft_engine_zone(e, 0, &err), aft_engine_zone(e, 2, &err));
    assert_ptr_not_equal(aft_engine_zone(e, 0, &err),
                         aft_engine_zone(e, 1, &err));
    assert_string_equal(aft_tz_name(aft_engine_zone(e, 1, &err)), "Asia/Tokyo");
    aft_engine_free(e);
    c[1].timezone = "Nowhere/Land";
    assert_int_equal(aft_engine_new(&e, &ds, 0, &err), AFT_OK);
    assert_non_null(aft_engine_zone(e, 0, &err));
    assert_null(aft_engine_zone(e, 1, &err));
    assert_non_null(strstr(err.message, "client 'b'"));
    aft_engine_free(e);
}

/* ---- the engine handle ----
 *
 * One client "a" in UTC on api and web, February 2026 (28 days,
 * 2,419,200 s), all outages major (weight 1):
 *   i1  api  03 Feb 10:00-11:00             3,600 s
 *   i2  web  04 Feb 10:00-12:00             7,200 s
 *   i3  api  05 Feb 10:00-10:10, for client "other" only: never a's
 *   m1  api  scheduled 10 Feb 02:00-04:00, ran 01:00-04:30, announced
 *            21 days ahead (notice 14): 02:00-04:00 excluded (7,200 s),
 *            the early hour (3,600 s) and the overrun (1,800 s) down.
 */
typedef struct handle_fixture {
    aft_subscription subs[2];
    aft_client c;
    aft_impact imp_api, imp_web;
    const char *other[1];
    aft_incident inc[3];
    const char *m_services[1];
    aft_maintenance m;
    aft_dataset ds;
    aft_period feb;
} handle_fixture;

static aft_incident
incident(const char *id, aft_impact *imp, int64_t start, int64_t end)
{
    aft_incident inc = {.id = id,
                        .title = "t",
                        .started_at = start,
                        .detected_at = AFT_TIME_NONE,
                        .acknowledged_at = AFT_TIME_NONE,
                        .resolved_at = end,
                        .impacts = imp,
                        .n_impacts = 1};
    return inc;
}

static aft_maintenance
maintenance_m1(const char **services)
{
    aft_maintenance m = {.id = "m1",
                         .title = "t",
                         .services = services,
                         .n_services = 1,
                         .scheduled_start = UTC(2026, 2, 10, 2, 0),
                         .scheduled_end = UTC(2026, 2, 10, 4, 0),
                         .actual_start = UTC(2026, 2, 10, 1, 0),
                         .actual_end = UTC(2026, 2, 10, 4, 30),
                         .notified_at = UTC(2026, 1, 20, 0, 0),
                         .impact = AFT_LEVEL_MAJOR,
                         .status = AFT_MAINT_COMPLETED};
    return m;
}

static void
handle_fixture_init(handle_fixture *f)
{
    memset(f, 0, sizeof *f);
    f->subs[0] = sub("api");
    f->subs[1] = sub("web");
    f->c = client("a", "UTC", f->subs, 2);
    f->imp_api = (aft_impact){"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE,
                              AFT_TIME_NONE};
    f->imp_web = (aft_impact){"web", AFT_LEVEL_MAJOR, AFT_TIME_NONE,
                              AFT_TIME_NONE};
    f->inc[0] = incident("i1", &f->imp_api, UTC(2026, 2, 3, 10, 0),
                         UTC(2026, 2, 3, 11, 0));
    f->inc[1] = incident("i2", &f->imp_web, UTC(2026, 2, 4, 10, 0),
                         UTC(2026, 2, 4, 12, 0));
    f->inc[2] = incident("i3", &f->imp_api, UTC(2026, 2, 5, 10, 0),
                         UTC(2026, 2, 5, 10, 10));
    f->other[0] = "other";
    f->inc[2].clients = f->other;
    f->inc[2].n_clients = 1;
    f->m_services[0] = "api";
    f->m = maintenance_m1(f->m_services);
    f->ds = (aft_dataset){&f->c, 1, SERVICES, 2, f->inc, 3,
                          &f->m, 1, NULL,     0, 0};
    aft_period_month(&f->feb, "2026-02", NULL);
}

/* The rows of client a over February as the engine e sees them. */
static size_t
client_rows(aft_engine *e, const aft_period *p, aft_avail_row **rows)
{
    size_t n = 0;

    assert_int_equal(aft_engine_client(e, 0, p, rows, &n, NULL), AFT_OK);
    return n;
}

static void
test_engine_handle_new_free_and_accessors(void **state)
{
    handle_fixture f;
    aft_engine *e = NULL;
    const aft_tz *tz;
    aft_error err;

    (void)state;
    aft_engine_free(NULL); /* a no-op */
    handle_fixture_init(&f);
    assert_int_equal(aft_engine_new(&e, &f.ds, UTC(2026, 3, 1, 0, 0), &err),
                     AFT_OK);
    assert_non_null(e);
    assert_ptr_equal(aft_engine_dataset(e), &f.ds);
    tz = aft_engine_zone(e, 0, &err);
    assert_non_null(tz);
    assert_ptr_equal(aft_engine_zone(e, 0, &err), tz); /* loaded once */
    assert_true(aft_engine_incident_counts(e, 0, &f.inc[0]));
    assert_false(aft_engine_incident_counts(e, 0, &f.inc[2])); /* other */
    assert_true(aft_engine_maintenance_counts(e, 0, &f.m));
    f.m.status = AFT_MAINT_CANCELLED;
    assert_false(aft_engine_maintenance_counts(e, 0, &f.m));
    aft_engine_free(e);
}

static void
test_engine_handle_counts_every_record(void **state)
{
    handle_fixture f;
    aft_engine *e;
    aft_avail_row *rows;
    aft_sla_result total;
    aft_metrics m;
    size_t n;

    (void)state;
    handle_fixture_init(&f);
    assert_int_equal(aft_engine_new(&e, &f.ds, UTC(2026, 3, 1, 0, 0), NULL),
                     AFT_OK);
    n = client_rows(e, &f.feb, &rows);
    assert_int_equal(n, 3);
    /* api: 2,419,200 - 7,200 excluded; i1 + early hour + overrun. */
    assert_string_equal(rows[0].service_id, "api");
    assert_int_equal(rows[0].r.eligible_s, 2412000);
    assert_int_equal(rows[0].r.excluded_s, 7200);
    assert_double_near(rows[0].r.downtime_s, 3600 + 3600 + 1800);
    assert_string_equal(rows[1].service_id, "web");
    assert_int_equal(rows[1].r.eligible_s, 2419200);
    assert_double_near(rows[1].r.downtime_s, 7200);
    assert_null(rows[2].service_id);
    assert_int_equal(rows[2].r.eligible_s, 4831200);
    assert_double_near(rows[2].r.downtime_s, 16200);
    assert_double_near(rows[2].r.availability, 100 - 100 * 16200.0 / 4831200);
    free(rows);
    assert_int_equal(aft_engine_client_total(&total, e, 0, &f.feb, NULL),
                     AFT_OK);
    assert_double_near(total.downtime_s, 16200);
    /* i1 and i2 resolved after 1 h and 2 h; i3 is not a's. */
    assert_int_equal(aft_engine_client_metrics(e, 0, &f.feb, &m, NULL), AFT_OK);
    assert_int_equal(m.incidents, 2);
    assert_double_near(m.mttr_s, 5400);
    assert_int_equal(m.maintenances, 1);
    assert_int_equal(m.maintenances_announced, 1);
    aft_engine_free(e);
}

static void
test_engine_handle_counts_one_record(void **state)
{
    handle_fixture f;
    aft_engine *e;
    aft_avail_row *rows;
    aft_sla_result total;
    size_t n;

    (void)state;
    handle_fixture_init(&f);
    assert_int_equal(aft_engine_new(&e, &f.ds, UTC(2026, 3, 1, 0, 0), NULL),
                     AFT_OK);
    /* i1 alone: only api, whose excluded time still applies. */
    aft_engine_only_incident(e, &f.inc[0]);
    n = client_rows(e, &f.feb, &rows);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].service_id, "api");
    assert_int_equal(rows[0].r.eligible_s, 2412000);
    assert_double_near(rows[0].r.downtime_s, 3600);
    assert_int_equal(rows[1].r.eligible_s, 2412000);
    assert_double_near(rows[1].r.downtime_s, 3600);
    free(rows);
    /* i2 alone: only web. */
    aft_engine_only_incident(e, &f.inc[1]);
    assert_int_equal(aft_engine_client_total(&total, e, 0, &f.feb, NULL),
                     AFT_OK);
    assert_int_equal(total.eligible_s, 2419200);
    assert_double_near(total.downtime_s, 7200);
    /* m1 alone: its early hour and overrun on api, not i1. */
    aft_engine_only_maintenance(e, &f.m);
    n = client_rows(e, &f.feb, &rows);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].service_id, "api");
    assert_int_equal(rows[0].r.excluded_s, 7200);
    assert_double_near(rows[0].r.downtime_s, 5400);
    free(rows);
    /* Every record again. */
    aft_engine_count_all(e);
    n = client_rows(e, &f.feb, &rows);
    assert_int_equal(n, 3);
    assert_double_near(rows[2].r.downtime_s, 16200);
    free(rows);
    aft_engine_free(e);
}

/* 2026-11-24: counting one incident walks only the outages starting
 * within its impacts' spans, and the response metrics keep one list for
 * a month and the month before. An impact starting an hour before its
 * incident (09:00-11:00) still counts whole, and so does another
 * incident's outage starting at the same instant; February's metrics
 * are the same after January's. */
static void
test_engine_one_record_found_among_others(void **state)
{
    handle_fixture f;
    aft_engine *e;
    aft_sla_result total;
    aft_metrics m;
    aft_period jan;

    (void)state;
    handle_fixture_init(&f);
    f.imp_api.start = UTC(2026, 2, 3, 9, 0);
    f.inc[2].n_clients = 0; /* i3 counts for a too */
    assert_int_equal(aft_engine_new(&e, &f.ds, UTC(2026, 3, 1, 0, 0), NULL),
                     AFT_OK);
    aft_engine_only_incident(e, &f.inc[0]);
    assert_int_equal(aft_engine_client_total(&total, e, 0, &f.feb, NULL),
                     AFT_OK);
    assert_double_near(total.downtime_s, 7200);
    /* i3 shares that impact, so its outage starts where i1's does:
     * 09:00 on the 3rd until 10:10 on the 5th, 49 h 10 min. */
    aft_engine_only_incident(e, &f.inc[2]);
    assert_int_equal(aft_engine_client_total(&total, e, 0, &f.feb, NULL),
                     AFT_OK);
    assert_double_near(total.downtime_s, 177000);
    aft_engine_count_all(e);
    aft_period_month(&jan, "2026-01", NULL);
    assert_int_equal(aft_engine_client_metrics(e, 0, &f.feb, &m, NULL), AFT_OK);
    assert_int_equal(m.incidents, 3);
    assert_int_equal(aft_engine_client_metrics(e, 0, &jan, &m, NULL), AFT_OK);
    assert_int_equal(m.incidents, 0);
    assert_int_equal(aft_engine_client_metrics(e, 0, &f.feb, &m, NULL), AFT_OK);
    assert_int_equal(m.incidents, 3);
    assert_int_equal(m.maintenances, 1);
    aft_engine_free(e);
}

/* Figures of a client-level row seen at as_of. */
static aft_sla_result
total_at(const aft_dataset *ds, const aft_period *p, int64_t as_of,
         size_t *n_rows, aft_avail_row *first)
{
    aft_engine *e;
    aft_avail_row *rows;
    aft_sla_result r;

    assert_int_equal(aft_engine_new(&e, ds, as_of, NULL), AFT_OK);
    *n_rows = client_rows(e, p, &rows);
    *first = rows[0];
    r = rows[*n_rows - 1].r;
    free(rows);
    aft_engine_free(e);
    return r;
}

static void
test_engine_handle_sees_as_of(void **state)
{
    handle_fixture f;
    aft_avail_row api;
    aft_sla_result t;
    size_t n;

    (void)state;
    handle_fixture_init(&f);
    /* Halfway through i1: W = 1 Feb .. 3 Feb 10:30 = 210,600 s a
     * service, 1,800 s of i1. */
    t = total_at(&f.ds, &f.feb, UTC(2026, 2, 3, 10, 30), &n, &api);
    assert_int_equal(n, 3);
    assert_int_equal(api.window.end, UTC(2026, 2, 3, 10, 30));
    assert_int_equal(api.r.eligible_s, 210600);
    assert_double_near(api.r.downtime_s, 1800);
    assert_int_equal(t.eligible_s, 2 * 210600);
    assert_double_near(t.downtime_s, 1800);
    /* 15 minutes into the overrun: W = 792,900 s a service; api down
     * i1 + early hour + 900 s of overrun, web down i2. */
    t = total_at(&f.ds, &f.feb, UTC(2026, 2, 10, 4, 15), &n, &api);
    assert_int_equal(api.r.eligible_s, 792900 - 7200);
    assert_double_near(api.r.downtime_s, 3600 + 3600 + 900);
    assert_int_equal(t.eligible_s, 2 * 792900 - 7200);
    assert_double_near(t.downtime_s, 8100 + 7200);
    /* Before the month: an empty window, no availability. */
    t = total_at(&f.ds, &f.feb, UTC(2026, 1, 15, 0, 0), &n, &api);
    assert_int_equal(n, 3);
    assert_int_equal(api.window.start, api.window.end);
    assert_int_equal(t.eligible_s, 0);
    assert_false(t.has_availability);
}

static void
test_engine_maintenance_split_by_notice(void **state)
{
    const char *services[] = {"api"};
    aft_maintenance m = maintenance_m1(services);
    aft_interval x;
    aft_outage o[2];
    size_t n;

    (void)state;
    /* Announced 21 days ahead, 14 required: the scheduled part of the
     * work is excluded, the early hour and the overrun are down. */
    assert_int_equal(aft_engine_maintenance_split(&m, 14, &x, o, &n), 1);
    assert_int_equal(x.start, UTC(2026, 2, 10, 2, 0));
    assert_int_equal(x.end, UTC(2026, 2, 10, 4, 0));
    assert_int_equal(n, 2);
    assert_int_equal(o[0].start, UTC(2026, 2, 10, 1, 0));
    assert_int_equal(o[0].end, UTC(2026, 2, 10, 2, 0));
    assert_int_equal(o[1].start, UTC(2026, 2, 10, 4, 0));
    assert_int_equal(o[1].end, UTC(2026, 2, 10, 4, 30));
    /* 30 days required: all the work it ran is down, nothing excluded. */
    assert_int_equal(aft_engine_maintenance_split(&m, 30, &x, o, &n), 1);
    assert_int_equal(x.end - x.start, 0);
    assert_int_equal(n, 1);
    assert_int_equal(o[0].start, UTC(2026, 2, 10, 1, 0));
    assert_int_equal(o[0].end, UTC(2026, 2, 10, 4, 30));
    /* Cancelled, or without impact: nothing at all. */
    m.status = AFT_MAINT_CANCELLED;
    assert_int_equal(aft_engine_maintenance_split(&m, 14, &x, o, &n), 0);
    assert_int_equal(n, 0);
    m.status = AFT_MAINT_COMPLETED;
    m.impact = AFT_LEVEL_NONE;
    assert_int_equal(aft_engine_maintenance_split(&m, 14, &x, o, &n), 0);
}

/*
 * What each incident alone cost client a in February 2026 (UTC; partial
 * weight 0.3, degraded 0.1), against the engine counting one incident at
 * a time:
 *   j1  api major    03 Feb 10:00-12:00               7,200 s
 *   j2  api partial  03 Feb 11:00-13:00, less m2's excluded 12:30-13:00:
 *                    5,400 s x 0.3 = 1,620; web degraded 11:00-11:30:
 *                    1,800 s x 0.1 = 180             1,800 s
 *   j3  api major 14:00-14:30 and partial 14:00-15:00: the larger weight
 *                    each second, 1,800 + 1,800 x 0.3  2,340 s
 *   j4  api major 10:30-11:00, for client "other" only: none
 *   j5  web major 31 Jan 23:00 - 1 Feb 01:00: the hour in February 3,600 s
 * j1 and j2 share 11:00-12:00, charged in full to each: the costs add up
 * to 14,940 s, the client's downtime is 13,860 s (that hour counted once,
 * at major: 1,080 s less).
 */
static void
test_engine_incident_costs_match_one_at_a_time(void **state)
{
    aft_subscription subs[] = {sub("api"), sub("web")};
    aft_client c = client("a", "UTC", subs, 2);
    aft_impact i1[] = {{"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE}};
    aft_impact i2[] = {
        {"api", AFT_LEVEL_PARTIAL, AFT_TIME_NONE, AFT_TIME_NONE},
        {"web", AFT_LEVEL_DEGRADED, AFT_TIME_NONE, UTC(2026, 2, 3, 11, 30)}};
    aft_impact i3[] = {
        {"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE, UTC(2026, 2, 3, 14, 30)},
        {"api", AFT_LEVEL_PARTIAL, AFT_TIME_NONE, AFT_TIME_NONE}};
    aft_impact i5[] = {{"web", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE}};
    const char *other[] = {"other"}, *m_services[] = {"api"};
    aft_incident inc[5];
    aft_maintenance m = maintenance_m1(m_services);
    aft_dataset ds = {&c, 1, SERVICES, 2, inc, 5, &m, 1, NULL, 0, 0};
    const double want[5] = {7200, 1800, 2340, 0, 3600};
    aft_incident_cost *costs;
    aft_sla_result one, all;
    aft_period feb;
    aft_engine *e;
    size_t n, i, k = 0;
    double sum = 0;

    (void)state;
    c.degraded_weight = 0.1;
    inc[0] = incident("j1", i1, UTC(2026, 2, 3, 10, 0), UTC(2026, 2, 3, 12, 0));
    inc[1] = incident("j2", i2, UTC(2026, 2, 3, 11, 0), UTC(2026, 2, 3, 13, 0));
    inc[1].n_impacts = 2;
    inc[2] = incident("j3", i3, UTC(2026, 2, 3, 14, 0), UTC(2026, 2, 3, 15, 0));
    inc[2].n_impacts = 2;
    inc[3] = incident("j4", i1, UTC(2026, 2, 3, 10, 30),
                      UTC(2026, 2, 3, 11, 0));
    inc[3].clients = other;
    inc[3].n_clients = 1;
    inc[4] = incident("j5", i5, UTC(2026, 1, 31, 23, 0), UTC(2026, 2, 1, 1, 0));
    m.scheduled_start = m.actual_start = UTC(2026, 2, 3, 12, 30);
    m.scheduled_end = m.actual_end = UTC(2026, 2, 3, 13, 0);
    aft_period_month(&feb, "2026-02", NULL);
    assert_int_equal(aft_engine_new(&e, &ds, UTC(2026, 3, 1, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(aft_engine_incident_costs(e, 0, &feb, &costs, &n, NULL),
                     AFT_OK);
    assert_int_equal(n, 4);
    for (i = 0; i < 5; i++) {
        aft_engine_only_incident(e, &inc[i]);
        assert_int_equal(aft_engine_client_total(&one, e, 0, &feb, NULL),
                         AFT_OK);
        assert_double_near(one.downtime_s, want[i]);
        if (want[i] == 0)
            continue;
        assert_int_equal(costs[k].incident, i);
        assert_true(costs[k].downtime_s == one.downtime_s); /* to the bit */
        assert_int_equal(costs[k].major_s, one.major_s);
        assert_int_equal(costs[k].partial_s, one.partial_s);
        assert_int_equal(costs[k].degraded_s, one.degraded_s);
        sum += costs[k++].downtime_s;
    }
    assert_int_equal(costs[1].partial_s, 5400);
    assert_int_equal(costs[1].degraded_s, 1800);
    assert_int_equal(costs[2].major_s, 1800);
    assert_int_equal(costs[2].partial_s, 1800);
    aft_engine_count_all(e);
    assert_int_equal(aft_engine_client_total(&all, e, 0, &feb, NULL), AFT_OK);
    assert_double_near(sum, 14940);
    assert_double_near(all.downtime_s, 13860);
    free(costs);
    aft_engine_free(e);
}

/*
 * 2026-11-25: clients on the same terms share a service's measured
 * figures (the engine's memo); any term that changes them must keep a
 * client's own. February 2026, 2,419,200 s, seen after it, all in UTC:
 *   i1  3 Feb 10:00-12:00 api partial                 (7,200 s)
 *   i2  4 Feb 10:00-11:00 web major, limited to "a"   (3,600 s)
 *   m1  10 Feb 02:00-04:00 api major, announced 5 days ahead
 * a (weights and notice by default: partial 0.3, 14 days): api
 *   D = 7200 * 0.3 + 7200 (m1 too late, an outage) = 9,360; web 3,600.
 * p (partial 0.5): api D = 3600 + 7200 = 10,800.
 * n (notice 3 days): m1 excluded, E = 2,412,000, D = 2,160.
 * h (3 Feb a holiday): E = 2,332,800, D = 7,200 (m1 only).
 * f (api from 15 Feb): E = 14 days = 1,209,600, D = 0.
 * b (as a, its own api target 99.5): api as a's; web not limited to it,
 *   D = 0.
 * a comes first, so every other client finds a's figures memoised.
 */
static void
test_engine_memo_shares_only_the_same_terms(void **state)
{
    aft_subscription sa[2] = {sub("api"), sub("web")}, sb[2], sp = sub("api"),
                     sf = sub("api");
    int64_t hol[] = {aft_days_from_civil(2026, 2, 3)};
    aft_client c[6];
    const char *only_a[] = {"a"}, *m_services[] = {"api"};
    aft_impact imp1 = {"api", AFT_LEVEL_PARTIAL, AFT_TIME_NONE, AFT_TIME_NONE};
    aft_impact imp2 = {"web", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE};
    aft_incident inc[2] = {{0}, {0}};
    aft_maintenance m = maintenance_m1(m_services);
    aft_dataset ds = {c, 6, SERVICES, 2, inc, 2, &m, 1, NULL, 0, 0};
    aft_period p;
    aft_avail_row *rows;
    size_t n;

    (void)state;
    sb[0] = sub("api");
    sb[0].sla_target = 99.5;
    sb[1] = sub("web");
    sf.from_day = aft_days_from_civil(2026, 2, 15);
    c[0] = client("a", "UTC", sa, 2);
    c[1] = client("p", "UTC", &sp, 1);
    c[1].partial_weight = 0.5;
    c[2] = client("n", "UTC", &sp, 1);
    c[2].notice_days = 3;
    c[3] = client("h", "UTC", &sp, 1);
    c[3].holidays = hol;
    c[3].n_holidays = 1;
    c[4] = client("f", "UTC", &sf, 1);
    c[5] = client("b", "UTC", sb, 2);
    inc[0] = (aft_incident){.id = "i1",
                            .started_at = UTC(2026, 2, 3, 10, 0),
                            .resolved_at = UTC(2026, 2, 3, 12, 0),
                            .impacts = &imp1,
                            .n_impacts = 1};
    inc[1] = (aft_incident){.id = "i2",
                            .started_at = UTC(2026, 2, 4, 10, 0),
                            .resolved_at = UTC(2026, 2, 4, 11, 0),
                            .impacts = &imp2,
                            .n_impacts = 1,
                            .clients = only_a,
                            .n_clients = 1};
    m.actual_start = m.scheduled_start;
    m.actual_end = m.scheduled_end;
    m.notified_at = UTC(2026, 2, 5, 0, 0);
    assert_int_equal(aft_period_month(&p, "2026-02", NULL), AFT_OK);
    assert_int_equal(aft_engine_availability(&rows, &n, &ds, &p,
                                             UTC(2026, 3, 5, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(row(rows, n, "a", "api")->r.eligible_s, 2419200);
    assert_true(row(rows, n, "a", "api")->r.downtime_s == 9360);
    assert_true(row(rows, n, "a", "web")->r.downtime_s == 3600);
    assert_int_equal(row(rows, n, "p", "api")->r.eligible_s, 2419200);
    assert_true(row(rows, n, "p", "api")->r.downtime_s == 10800);
    assert_int_equal(row(rows, n, "n", "api")->r.eligible_s, 2412000);
    assert_true(row(rows, n, "n", "api")->r.downtime_s == 2160);
    assert_int_equal(row(rows, n, "h", "api")->r.eligible_s, 2332800);
    assert_true(row(rows, n, "h", "api")->r.downtime_s == 7200);
    assert_int_equal(row(rows, n, "f", "api")->r.eligible_s, 1209600);
    assert_true(row(rows, n, "f", "api")->r.downtime_s == 0);
    assert_int_equal(row(rows, n, "b", "api")->r.eligible_s, 2419200);
    assert_true(row(rows, n, "b", "api")->r.downtime_s == 9360);
    assert_true(row(rows, n, "b", "api")->r.target == 99.5);
    assert_true(row(rows, n, "a", "api")->r.target == 99.9);
    assert_true(row(rows, n, "b", "web")->r.downtime_s == 0);
    free(rows);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_example7_subscription_and_holiday),
        cmocka_unit_test(test_engine_clients_share_a_zone),
        cmocka_unit_test(test_engine_restrictions_and_client_level_sums),
        cmocka_unit_test(test_engine_ongoing_incident_lasts_until_as_of),
        cmocka_unit_test(test_engine_metrics_need_subscription_in_force),
        cmocka_unit_test(test_engine_metrics_match_unlisted_service_by_id),
        cmocka_unit_test(test_engine_unknown_zone_names_the_client),
        cmocka_unit_test(test_engine_handle_new_free_and_accessors),
        cmocka_unit_test(test_engine_handle_counts_every_record),
        cmocka_unit_test(test_engine_handle_counts_one_record),
        cmocka_unit_test(test_engine_one_record_found_among_others),
        cmocka_unit_test(test_engine_handle_sees_as_of),
        cmocka_unit_test(test_engine_maintenance_split_by_notice),
        cmocka_unit_test(test_engine_incident_costs_match_one_at_a_time),
        cmocka_unit_test(test_engine_memo_shares_only_the_same_terms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
