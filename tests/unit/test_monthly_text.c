/*
 * test_monthly_text.c - a monthly report's wording: every placeholder
 * filled from a report model made by hand, figures formatted for people,
 * "n/a" where a figure is missing.
 */
#include "cmocka_all.h"
#include "testutil.h"

#include "aftercast/report.h"

typedef struct world {
    fixture *f;
    aft_template *t;
    const char *hours[1];
    int64_t holidays[1];
    aft_client client;
    aft_avail_row rows[1];
    aft_report_credit credits[2];
    aft_tz *tz;
    aft_dataset ds;
    aft_monthly r;
} world;

/*
 * Acme, Berlin, service hours mon-fri 08:00-18:00 with one holiday,
 * partial outages at 30 %, degraded at 10 %, notice 14 days, updates
 * every 60 min. March 2026: 99.95 % against 99.9 %, 10 % credit, two
 * incidents repaired in 5400 s on average (1 h 30 m), one update breach,
 * no first update; February had no figure and no incident.
 */
static int
setup(void **state)
{
    world *w = calloc(1, sizeof *w);

    w->f = fixture_new();
    fixture_file(
        w->f, "template.json",
        "{\"text\": {"
        "\"summary\": \"{client}, {period}: {availability} against "
        "{target}; credit {credit}. {incidents} incidents, MTTR {mttr}.\","
        "\"compare\": \"{prev_period}: {prev_availability}, "
        "{prev_incidents} incidents.\","
        "\"policy\": \"{timezone}; {hours}; partial {partial_weight}, "
        "degraded {degraded_weight}; notice {notice_days} days; as of "
        "{as_of}.\","
        "\"communication\": \"Every {interval}; first {first_update}; "
        "{breaches} breach.\","
        "\"credits_owed\": \"Owed: {credits}.\"}}");
    assert_int_equal(aft_template_load(&w->t, w->f->dir, NULL), AFT_OK);
    aft_client_defaults(&w->client);
    w->hours[0] = "mon-fri 08:00-18:00";
    w->client.name = "Acme";
    w->client.timezone = "Europe/Berlin";
    w->client.service_hours = w->hours;
    w->client.n_service_hours = 1;
    w->client.holidays = w->holidays;
    w->client.n_holidays = 1;
    w->client.partial_weight = 0.3;
    w->client.degraded_weight = 0.1;
    w->client.notice_days = 14;
    w->client.update_interval_minutes = 60;
    w->rows[0].r.has_availability = 1;
    w->rows[0].r.availability = 99.95;
    w->rows[0].r.target = 99.9;
    w->rows[0].r.credit_percent = 10;
    assert_int_equal(aft_tz_load(&w->tz, "Europe/Berlin", NULL), AFT_OK);
    w->r.tz = w->tz;
    w->r.ds = &w->ds;
    w->credits[0] = (aft_report_credit){"api", 10};
    w->credits[1] = (aft_report_credit){NULL, 5};
    w->r.credits = w->credits;
    w->r.n_credits = 2;
    w->r.client = &w->client;
    w->r.rows = w->rows;
    w->r.n_rows = 1;
    w->r.as_of = UTC(2026, 4, 5, 0, 0);
    w->r.metrics.incidents = 2;
    w->r.metrics.has_mttr = 1;
    w->r.metrics.mttr_s = 5400;
    w->r.metrics.update_breaches = 1;
    assert_int_equal(aft_period_month(&w->r.period, "2026-03", NULL), AFT_OK);
    assert_int_equal(aft_period_month(&w->r.prev, "2026-02", NULL), AFT_OK);
    *state = w;
    return 0;
}

static int
teardown(void **state)
{
    world *w = *state;

    aft_template_free(w->t);
    aft_tz_free(w->tz);
    fixture_free(w->f);
    free(w);
    return 0;
}

static void
test_monthly_text_fills_every_placeholder(void **state)
{
    static const struct {
        const char *name;
        const char *want;
    } rows[] = {
        {"summary", "Acme, March 2026: 99.950 % against 99.900 %; credit "
                    "10 %. 2 incidents, MTTR 1 hour 30 minutes."},
        {"compare", "February 2026: n/a, 0 incidents."},
        {"policy", "Europe/Berlin; mon-fri 08:00-18:00, except holidays; "
                   "partial 30 %, degraded 10 %; notice 14 days; as of "
                   "5 April 2026, 02:00 (Europe/Berlin, UTC+02:00)."},
        /* 2026-11-24: durations and the as-of in words, not "1h 00m"
         * and "2026-04-05T00:00:00Z". 60 min = "1 hour". */
        {"communication", "Every 1 hour; first n/a; 1 breach."},
        /* Every credit, with the fee it is on (no service name table:
         * the id stands). */
        {"credits_owed", "Owed: 10 % of the monthly fee for api; 5 % of "
                         "the whole monthly fee (all services)."},
        {"unset", ""},
    };
    world *w = *state;
    size_t i;

    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *s = aft_monthly_text(&w->r, w->t, rows[i].name);

        assert_non_null(s);
        assert_string_equal(s, rows[i].want);
        free(s);
    }
}

/* No service hours: around the clock, and the holidays are not named;
 * no availability and no repair: n/a. The first update took 725 s. */
static void
test_monthly_text_missing_figures_and_all_hours(void **state)
{
    world *w = *state;
    char *s;

    w->client.n_service_hours = 0;
    w->rows[0].r.has_availability = 0;
    w->r.metrics.has_mttr = 0;
    w->r.metrics.has_first_update = 1;
    w->r.metrics.mean_first_update_s = 725; /* 12 * 60 + 5 */
    w->r.prev_total.has_availability = 1;
    w->r.prev_total.availability = 99.5;
    w->r.prev_incidents = 3;
    s = aft_monthly_text(&w->r, w->t, "summary");
    assert_string_equal(s, "Acme, March 2026: n/a against 99.900 %; "
                           "credit 10 %. 2 incidents, MTTR n/a.");
    free(s);
    s = aft_monthly_text(&w->r, w->t, "compare");
    assert_string_equal(s, "February 2026: 99.500 %, 3 incidents.");
    free(s);
    s = aft_monthly_text(&w->r, w->t, "policy");
    assert_non_null(strstr(s, "; all hours of every day; "));
    free(s);
    s = aft_monthly_text(&w->r, w->t, "communication");
    assert_string_equal(s, "Every 1 hour; first 12 minutes; 1 breach.");
    free(s);
}

/* 2026-11-24: the model picks the sentence; an unfinished month says
 * "so far" and never a bare "met". */
static void
test_monthly_say_provisional(void **state)
{
    world *w = *state;
    aft_template *d = NULL;
    char *s;

    assert_int_equal(aft_template_load(&d, NULL, NULL), AFT_OK);
    w->rows[0].r.met = 1;
    w->r.provisional = 1;
    s = aft_monthly_say(&w->r, d, "summary");
    assert_string_equal(s, "So far in March 2026 (to date, provisional), "
                           "Acme is meeting its availability target: "
                           "99.950 % against a target of 99.900 %.");
    free(s);
    assert_string_equal(aft_report_verdict(d, &w->rows[0].r, 1), "MET SO FAR");
    s = aft_monthly_say(&w->r, d, "banner");
    assert_non_null(strstr(s, "Provisional: March 2026 is not over."));
    free(s);
    w->r.provisional = 0;
    s = aft_monthly_say(&w->r, d, "banner");
    assert_string_equal(s, "");
    free(s);
    /* Two incidents, one still open: the mean is of the resolved one. */
    w->r.n_open = 1;
    s = aft_monthly_say(&w->r, d, "incidents");
    assert_string_equal(s, "2 incidents affected your services; 1 still "
                           "open at 5 April 2026, 02:00 (Europe/Berlin, "
                           "UTC+02:00). The 1 resolved were resolved in 1 "
                           "hour 30 minutes on average.");
    free(s);
    aft_template_free(d);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_monthly_text_fills_every_placeholder, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_monthly_text_missing_figures_and_all_hours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_monthly_say_provisional, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
