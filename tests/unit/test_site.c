/*
 * test_site.c - the status site model (report/site.c, site_text.c) on
 * tests/data/site: bars, statuses, records per day, the banner, the
 * order of the portfolio, file names; and its writers (render/html),
 * escaping every text from input.
 */
#include "cmocka_all.h"
#include <sys/stat.h>
#include <unistd.h>

#include "aftercast/aftercast.h"
#include "render/html/html_kit.h"

#define AS_OF UTC(2026, 11, 24, 12, 0)

typedef struct fix {
    aft_store *store;
    aft_dataset ds;
    aft_engine *e;
    aft_template *t;
    aft_site *site[3]; /* demo, calm, ../evil, in dataset order */
} fix;

static size_t
client(const fix *f, const char *id)
{
    size_t i;

    for (i = 0; i < f->ds.n_clients; i++)
        if (strcmp(f->ds.clients[i].id, id) == 0)
            return i;
    fail_msg("no client %s", id);
    return 0;
}

static int
setup(void **state)
{
    static fix f;
    const char *path = AFT_TEST_DATA "/site/site.ndjson";
    aft_import_opts o = {0};
    aft_import_stats st;
    int64_t lo, hi;
    size_t i;

    memset(&f, 0, sizeof f);
    assert_int_equal(aft_store_open(&f.store, ":memory:", AFT_STORE_CREATE,
                                    NULL),
                     AFT_OK);
    assert_int_equal(aft_import_files(f.store, &path, 1, &o, &st, NULL),
                     AFT_OK);
    aft_site_range(AS_OF, 7, &lo, &hi);
    assert_int_equal(aft_store_load(&f.ds, f.store, NULL, lo, hi, NULL),
                     AFT_OK);
    assert_int_equal(aft_engine_new(&f.e, &f.ds, AS_OF, NULL), AFT_OK);
    assert_int_equal(aft_template_load(&f.t, NULL, NULL), AFT_OK);
    for (i = 0; i < 3; i++)
        assert_int_equal(aft_site_build(&f.site[i], f.e,
                                        client(&f, i == 0   ? "demo"
                                                   : i == 1 ? "calm"
                                                            : "../evil"),
                                        7, AS_OF, NULL),
                         AFT_OK);
    *state = &f;
    return 0;
}

static int
teardown(void **state)
{
    fix *f = *state;
    size_t i;

    for (i = 0; i < 3; i++)
        aft_site_free(f->site[i]);
    aft_template_free(f->t);
    aft_engine_free(f->e);
    aft_dataset_free(&f->ds);
    aft_store_close(f->store);
    return 0;
}

/* Seven local days up to as-of's, two services in subscription order. */
static void
test_site_period_and_services(void **state)
{
    const aft_site *s = ((fix *)*state)->site[0];

    assert_string_equal(s->period.label, "2026-11-18..2026-11-25");
    assert_int_equal(s->n_days, 7);
    assert_int_equal(s->n_services, 2);
    assert_string_equal(s->services[0].service_id, "api");
    assert_string_equal(s->services[0].file, "api");
    assert_string_equal(s->services[1].name, "Customer <b>portal</b>");
    /* api: 6 whole days and 12 hours; 1 h major + 1 h degraded at 0.25 */
    assert_int_equal(s->services[0].r.eligible_s, 6 * 86400 + 43200);
    assert_double_near(s->services[0].r.downtime_s, 4500);
    assert_double_near(s->services[0].r.availability,
                       100.0 * (1 - 4500.0 / 561600));
    assert_int_equal(s->services[0].status, AFT_DAY_BREACHED);
    assert_int_equal(s->metrics.incidents, 3);
}

/* Each status from the day's own figures, as the monthly chart. */
static void
test_site_day_statuses(void **state)
{
    const aft_site *s = ((fix *)*state)->site[0];
    const aft_site_day *api = s->services[0].days, *web = s->services[1].days;

    assert_string_equal(api[2].label, "Fri 20 November 2026");
    assert_double_near(api[2].r.availability, 100.0 * (1 - 3600.0 / 86400));
    assert_int_equal(api[2].status, AFT_DAY_BREACHED);
    assert_int_equal(api[0].status, AFT_DAY_MET);
    /* 2 minutes of 86400 s: 99.861 %, within 99.8 (twice the budget) */
    assert_double_near(web[4].r.downtime_s, 120);
    assert_int_equal(web[4].status, AFT_DAY_WITHIN);
    /* the announced window: excluded, so met, shown as maintenance */
    assert_int_equal(web[1].r.excluded_s, 3600);
    assert_int_equal(web[1].r.eligible_s, 82800);
    assert_int_equal(web[1].status, AFT_DAY_MAINTENANCE);
    /* today up to as-of: 43200 s, 3600 s degraded at 0.25 */
    assert_int_equal(api[6].r.eligible_s, 43200);
    assert_double_near(api[6].r.downtime_s, 900);
    assert_int_equal(api[6].status, AFT_DAY_BREACHED);
}

/* Incidents newest first, each day naming the records that touched it;
 * windows upcoming first. */
static void
test_site_records(void **state)
{
    const aft_site *s = ((fix *)*state)->site[0];
    const aft_site_day *api = s->services[0].days, *web = s->services[1].days;

    assert_int_equal(s->n_incidents, 3);
    assert_string_equal(s->incidents[0].inc->id, "INC-3");
    assert_true(s->incidents[0].ongoing);
    assert_string_equal(s->incidents[2].inc->id, "INC-1");
    assert_int_equal(api[2].n_inc, 1);
    assert_int_equal(api[2].inc[0], 2);
    assert_int_equal(api[3].n_inc, 0);
    assert_int_equal(web[1].n_maint, 1);
    assert_int_equal(s->n_maints, 2);
    assert_int_equal(s->n_upcoming, 1);
    assert_string_equal(s->maints[0].m->id, "MW-2");
    assert_false(s->maints[0].announced); /* 4 days 2 hours, policy 5 */
    assert_true(s->maints[1].announced);
    assert_int_equal(s->state, AFT_SITE_INCIDENT);
    assert_int_equal(s->n_ongoing, 1);
    assert_int_equal(s->n_in_progress, 0);
}

static void
test_site_sentences(void **state)
{
    fix *f = *state;
    char *t;

    t = aft_site_say(f->site[0], f->t, "banner", 0, 0);
    assert_string_equal(t, "Incidents in progress on your services: 1. We "
                           "are working on them.");
    free(t);
    t = aft_site_say(f->site[0], f->t, "notice", 0, 0);
    assert_string_equal(t, "Announced 4.1 days ahead; the policy asks 5 "
                           "days.");
    free(t);
    t = aft_site_say(f->site[0], f->t, "day", 1, 4);
    assert_string_equal(t, "Sun 22 November 2026: Below target, within "
                           "twice the error budget. Availability 99.861 % "
                           "(target 99.900 %), downtime 2 minutes.");
    free(t);
    t = aft_site_say(f->site[0], f->t, "day", 1, 1);
    assert_string_equal(t, "Thu 19 November 2026: Planned maintenance. "
                           "Availability 100.000 % (target 99.900 %), "
                           "downtime 0 seconds, planned maintenance "
                           "excluded 1 hour.");
    free(t);
    t = aft_site_say(f->site[0], f->t, "period", 0, 0);
    assert_string_equal(t, "Last 7 days");
    free(t);
}

/* Breached first; calm and ../evil both met at 100 % (degraded time
 * weighs 0 by default), then by id: '.' sorts before 'c'. */
static void
test_site_portfolio_order(void **state)
{
    fix *f = *state;
    size_t order[3];

    assert_int_equal(f->site[2]->status, AFT_DAY_MET);
    assert_double_near(f->site[2]->total.availability, 100);
    aft_site_order(order, f->site, 3);
    assert_int_equal(order[0], 0);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 1);
}

static void
test_site_file_names_stay_inside(void **state)
{
    char buf[160];

    (void)state;
    assert_string_equal(aft_site_file_name(buf, sizeof buf, "acme"), "acme");
    assert_string_equal(aft_site_file_name(buf, sizeof buf, "../evil"),
                        "_._evil~d55e2318efd094d0");
    assert_string_equal(aft_site_file_name(buf, sizeof buf, ""),
                        "client~cbf29ce484222325");
    assert_string_equal(aft_site_file_name(buf, sizeof buf, ".x"),
                        "_x~07da4407b4a0868b");
    /* 2026-11-24: a client "index.html" took the portfolio page's name
     * as its directory; an id ending like a file written beside gets the
     * hash. */
    aft_site_file_name(buf, sizeof buf, "index.html");
    assert_memory_equal(buf, "index.html~", 11);
    assert_int_equal(strlen(buf), 11 + 16);
    aft_site_file_name(buf, sizeof buf, "portfolio-2026-10.pdf");
    assert_memory_equal(buf, "portfolio-2026-10.pdf~", 22);
    assert_string_equal(aft_site_file_name(buf, sizeof buf, "a.htm"), "a.htm");
}

static void
test_site_days_out_of_range(void **state)
{
    fix *f = *state;
    aft_site *s = (aft_site *)1;
    aft_error err;

    assert_int_equal(aft_site_build(&s, f->e, 0, 6, AS_OF, &err), AFT_EINVALID);
    assert_null(s);
    assert_string_equal(err.message, "days '6' out of range (7 to 366)");
    assert_int_equal(aft_site_build(&s, f->e, 0, 367, AS_OF, &err),
                     AFT_EINVALID);
}

/* Markup, quotes and control characters from input come out inert. */
static void
test_html_text_escapes(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    (void)state;
    aft_html__text(fp, "<a href=\"x\" onclick='y'>&\x01\xff\n");
    aft_html__real(fp, 0, 1);
    aft_html__real(fp, 1, 99.9);
    fclose(fp);
    assert_string_equal(buf, "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;"
                             "&amp;\xEF\xBF\xBD\nnull99.9");
    free(buf);
}

/* Read a whole file. */
static char *
slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf = calloc(1, 1 << 20);

    assert_non_null(fp);
    assert_true(fread(buf, 1, (1 << 20) - 1, fp) > 0);
    fclose(fp);
    return buf;
}

static void
test_site_writes_escaped_files(void **state)
{
    fix *f = *state;
    char dir[] = "/tmp/aft-site-XXXXXX", path[256], *html;

    assert_non_null(mkdtemp(dir));
    assert_int_equal(aft_site_write_client(f->site[0], f->t, dir, 0, NULL),
                     AFT_OK);
    snprintf(path, sizeof path, "%s/index.html", dir);
    html = slurp(path);
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(html, "&quot; onmouseover=&quot;alert(1)"));
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "data-day=\"2026-11-20\""));
    free(html);
    snprintf(path, sizeof path, "%s/portal.html", dir);
    assert_int_equal(aft_site_write_portfolio(f->site, 3, f->t, path, NULL),
                     AFT_OK);
    html = slurp(path);
    assert_non_null(strstr(html, "href=\"_._evil~d55e2318efd094d0/index."
                                 "html\">Evil &quot; onmouseover=&quot;"));
    free(html);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
}

/* The lower half of the page: upcoming windows before past ones, the
 * notice against the policy, the link to a root-cause report. */
static void
test_html_history(void **state)
{
    fix *f = *state;
    char *buf = NULL, *up, *past;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    assert_int_equal(aft_html__history(fp, f->site[0], f->t, 1), AFT_OK);
    fclose(fp);
    up = strstr(buf, "API gateway &lt;replacement&gt;");
    past = strstr(buf, "Portal database upgrade");
    assert_true(up != NULL && past != NULL && up < past);
    assert_non_null(strstr(buf, "Announced 4.1 days ahead; the policy asks 5 "
                                "days."));
    assert_non_null(strstr(buf, "href=\"reports/INC-1-demo.pdf\""));
    assert_non_null(strstr(buf, "href=\"reports/demo-2026-10.pdf\""));
    free(buf);
}

/* The badges: the client's and each service's availability to two
 * decimals, in the status colour. */
static void
test_html_feeds_badges(void **state)
{
    fix *f = *state;
    char dir[] = "/tmp/aft-feeds-XXXXXX", path[256], *svg;

    assert_non_null(mkdtemp(dir));
    assert_int_equal(aft_html__feeds(f->site[0], f->t, dir, NULL), AFT_OK);
    snprintf(path, sizeof path, "%s/badge-api.svg", dir);
    svg = slurp(path);
    assert_non_null(strstr(svg, "aria-label=\"uptime: 99.20%\""));
    assert_non_null(strstr(svg, "fill=\"#C62828\"")); /* breached */
    free(svg);
    snprintf(path, sizeof path, "%s/badge.svg", dir);
    svg = slurp(path);
    assert_non_null(strstr(svg, "uptime: 99.59%"));
    free(svg);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_site_period_and_services),
        cmocka_unit_test(test_site_day_statuses),
        cmocka_unit_test(test_site_records),
        cmocka_unit_test(test_site_sentences),
        cmocka_unit_test(test_site_portfolio_order),
        cmocka_unit_test(test_site_file_names_stay_inside),
        cmocka_unit_test(test_site_days_out_of_range),
        cmocka_unit_test(test_html_text_escapes),
        cmocka_unit_test(test_site_writes_escaped_files),
        cmocka_unit_test(test_html_history),
        cmocka_unit_test(test_html_feeds_badges),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
