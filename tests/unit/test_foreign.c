/*
 * test_foreign.c - Statuspage (README "Atlassian Statuspage") and PagerDuty
 * imports: each mapping rule and each quirk of real exports, on small fixtures.
 */
#include "cmocka_all.h"
#include "testutil.h"

#define SP AFT_TEST_DATA "/statuspage/"
#define PD AFT_TEST_DATA "/pagerduty/"
#define T(y, mo, d, h, mi, s) (UTC(y, mo, d, h, mi) + (s))

static int
import_opts(fixture *f, const char *const *paths, size_t n, aft_import_opts *o,
            aft_import_stats *st, aft_error *err)
{
    o->report = on_report;
    o->report_payload = f;
    f->reports[0] = '\0';
    f->nreports = 0;
    return aft_import_files(f->store, paths, n, o, st, err);
}

/* The availability row of (client, service) for March 2026. */
static aft_avail_row
march(fixture *f, const char *client, const char *service, int64_t as_of)
{
    aft_dataset ds;
    aft_period p;
    aft_avail_row *rows, row;
    size_t n, i;

    aft_period_month(&p, "2026-03", NULL);
    assert_int_equal(aft_store_load(&ds, f->store, client, 0, INT64_MAX / 2,
                                    NULL),
                     AFT_OK);
    assert_int_equal(aft_engine_availability(&rows, &n, &ds, &p, as_of, NULL),
                     AFT_OK);
    for (i = 0; i < n; i++)
        if (rows[i].service_id && strcmp(rows[i].service_id, service) == 0)
            break;
    assert_true(i < n);
    row = rows[i];
    free(rows);
    aft_dataset_free(&ds);
    return row;
}

static void
test_statuspage_component_timeline(void **state)
{
    fixture *f = fixture_new();
    const char *path = SP "timeline.json";
    aft_import_opts o = {0};
    aft_import_stats st;
    aft_error err;
    aft_avail_row r;
    char *dump;

    (void)state;
    o.client_id = "cloud";
    assert_int_equal(import_opts(f, &path, 1, &o, &st, &err), AFT_OK);
    assert_int_equal(st.imported[AFT_KIND_INCIDENT], 1);
    assert_int_equal(st.imported[AFT_KIND_SERVICE], 2);
    /* db: operational until 10:10, major until 10:20, and at 10:20 two
     * changes: the one listed later is older, so it ends partial; then
     * degraded from 10:40 until the resolution at 11:00. */
    r = march(f, "cloud", "db", UTC(2026, 4, 1, 0, 0));
    assert_int_equal(r.r.major_s, 600);
    assert_int_equal(r.r.partial_s, 1200);
    assert_int_equal(r.r.degraded_s, 1200);
    assert_double_near(r.r.downtime_s, 600 + 0.3 * 1200);
    /* api: named, but never other than operational: the incident's
     * "major" impact means partial_outage over the whole incident. */
    r = march(f, "cloud", "api", UTC(2026, 4, 1, 0, 0));
    assert_int_equal(r.r.partial_s, 3600);
    dump = fixture_dump(f);
    assert_non_null(strstr(dump, "\"severity\": \"sev2\""));
    assert_non_null(strstr(dump, "\"detected_at\": \"2026-03-10T10:02:00Z\""));
    assert_non_null(strstr(dump, "\"resolved_at\": \"2026-03-10T11:00:00Z\""));
    /* display_at wins over created_at for the update's time. */
    assert_non_null(strstr(dump, "\"at\": \"2026-03-10T10:41:00Z\""));
    /* --client made the page's client and subscribed it. */
    assert_non_null(strstr(dump, "\"name\": \"Example Cloud\", \"timezone\":"
                                 " \"Europe/Berlin\""));
    assert_non_null(strstr(dump, "\"services\": [\"api\", \"db\"]")
                        ? ""
                        : strstr(dump, "\"services\": [\"db\", \"api\"]"));
    free(dump);
    fixture_free(f);
}

static void
test_statuspage_list_fallbacks_and_skips(void **state)
{
    fixture *f = fixture_new();
    const char *path = SP "list.json";
    aft_import_opts o = {0};
    aft_import_stats st;
    aft_error err;
    char *dump;

    (void)state;
    assert_int_equal(import_opts(f, &path, 1, &o, &st, &err), AFT_OK);
    /* "none" impact and no component: not imported, counted. */
    assert_int_equal(st.imported[AFT_KIND_INCIDENT], 2);
    assert_int_equal(st.no_impact, 2);
    dump = fixture_dump(f);
    assert_null(strstr(dump, "inc-none"));
    assert_null(strstr(dump, "inc-nocomp"));
    /* started_at null: created_at; minor: degraded_performance. */
    assert_non_null(strstr(dump, "{\"service\": \"api\", \"level\": "
                                 "\"degraded_performance\", \"start\": "
                                 "\"2026-03-11T09:00:00Z\", \"end\": "
                                 "\"2026-03-11T09:30:00Z\"}"));
    /* critical, offset -05:00, unresolved: major and ongoing. */
    assert_non_null(strstr(dump, "{\"service\": \"db\", \"level\": "
                                 "\"major_outage\", \"start\": "
                                 "\"2026-03-14T14:00:00Z\"}"));
    assert_non_null(strstr(dump, "\"id\": \"api\", \"name\": \"Public API\""));
    free(dump);
    fixture_free(f);
}

static void
test_statuspage_broken_incident_is_named(void **state)
{
    fixture *f = fixture_new();
    const char *paths[] = {SP "list.json", SP "broken.json"};
    aft_import_opts o = {0};
    aft_import_stats st;
    aft_error err;

    (void)state;
    assert_int_equal(import_opts(f, paths, 2, &o, &st, &err), AFT_EINVALID);
    assert_non_null(strstr(f->reports, "broken.json: incident.resolved_at: "
                                       "incident 'inc-broken' resolved before "
                                       "it started"));
    o.skip_invalid = 1;
    assert_int_equal(import_opts(f, paths, 2, &o, &st, &err), AFT_OK);
    assert_int_equal(st.skipped, 1);
    assert_int_equal(st.imported[AFT_KIND_INCIDENT], 2);
    fixture_free(f);
}

static void
test_statuspage_maintenance_and_renamed_components(void **state)
{
    fixture *f = fixture_new();
    const char *paths[] = {SP "timeline.json", SP "maintenances.json",
                           SP "components.json"};
    aft_import_opts o = {0};
    aft_import_stats st;
    aft_error err;
    aft_avail_row r;
    char *dump;

    (void)state;
    o.client_id = "cloud";
    assert_int_equal(import_opts(f, paths, 3, &o, &st, &err), AFT_OK);
    dump = fixture_dump(f);
    assert_non_null(strstr(dump,
                           "\"scheduled_start\": \"2026-03-20T02:00:00Z\","
                           " \"scheduled_end\": \"2026-03-20T04:00:00Z\","
                           " \"actual_start\": \"2026-03-20T02:05:00Z\","
                           " \"actual_end\": \"2026-03-20T04:20:00Z\","
                           " \"notified_at\": \"2026-03-01T08:00:00Z\","
                           " \"impact\": \"major_outage\", \"status\": "
                           "\"completed\""));
    /* The components list is newer than the incident: its name wins. */
    assert_non_null(strstr(dump, "\"id\": \"db\", \"name\": \"Managed "
                                 "Database\""));
    assert_non_null(strstr(dump, "\"id\": \"cdn\""));
    free(dump);
    /* Announced 18 days ahead (policy 14): 02:05-04:00 excluded, the
     * 20-minute overrun is a major outage. */
    r = march(f, "cloud", "db", UTC(2026, 3, 21, 0, 0));
    assert_int_equal(r.r.excluded_s, 6900);
    assert_double_near(r.r.downtime_s, 600 + 0.3 * 1200 + 1200);
    fixture_free(f);
}

static void
test_statuspage_reimport_updates_in_place(void **state)
{
    fixture *f = fixture_new();
    const char *path = SP "timeline.json";
    aft_import_opts o = {0};
    aft_import_stats st;
    aft_error err;
    char *once, *twice;

    (void)state;
    assert_int_equal(import_opts(f, &path, 1, &o, &st, &err), AFT_OK);
    once = fixture_dump(f);
    assert_int_equal(import_opts(f, &path, 1, &o, &st, &err), AFT_OK);
    twice = fixture_dump(f);
    assert_string_equal(once, twice);
    free(once);
    free(twice);
    fixture_free(f);
}

static void
test_pagerduty_mapping(void **state)
{
    fixture *f = fixture_new();
    const char *path = PD "incidents.csv";
    aft_import_opts o = {0};
    aft_import_stats st;
    aft_error err;
    aft_dataset ds;
    aft_period p;
    aft_metrics_row *rows;
    size_t n;
    char *dump;

    (void)state;
    o.client_id = "pd";
    assert_int_equal(import_opts(f, &path, 1, &o, &st, &err), AFT_OK);
    assert_int_equal(st.imported[AFT_KIND_INCIDENT], 3);
    assert_int_equal(st.imported[AFT_KIND_SERVICE], 2);
    dump = fixture_dump(f);
    assert_non_null(strstr(dump,
                           "{\"id\": \"PSVC1\", \"name\": \"Checkout\"}"));
    assert_non_null(strstr(dump,
                           "\"id\": \"PABC123\", \"title\": \"Checkout "
                           "errors\", \"severity\": \"sev2\", "
                           "\"started_at\": \"2026-03-10T10:00:00Z\", "
                           "\"detected_at\": \"2026-03-10T10:00:00Z\", "
                           "\"acknowledged_at\": \"2026-03-10T10:02:00Z\","
                           " \"resolved_at\": \"2026-03-10T10:45:00Z\""));
    /* P1 outranks urgency; resolved from seconds_to_resolve. */
    assert_non_null(strstr(dump,
                           "\"id\": \"PABC124\", \"title\": \"Disk full "
                           "on db-2\", \"severity\": \"sev1\", "
                           "\"started_at\": \"2026-03-11T07:00:00Z\", "
                           "\"detected_at\": \"2026-03-11T07:00:00Z\", "
                           "\"acknowledged_at\": \"2026-03-11T07:05:00Z\","
                           " \"resolved_at\": \"2026-03-11T07:30:00Z\""));
    assert_non_null(strstr(dump, "\"level\": \"major_outage\""));
    free(dump);
    aft_period_month(&p, "2026-03", NULL);
    assert_int_equal(aft_store_load(&ds, f->store, "pd", 0, INT64_MAX / 2,
                                    NULL),
                     AFT_OK);
    assert_int_equal(aft_engine_metrics(&rows, &n, &ds, &p,
                                        UTC(2026, 4, 1, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(rows[0].m.incidents, 3);
    assert_double_near(rows[0].m.mttd_s, 0);
    assert_double_near(rows[0].m.mtta_s, (120 + 300) / 2.0);
    assert_double_near(rows[0].m.mttr_s, (2700 + 1800 + 300) / 3.0);
    free(rows);
    aft_dataset_free(&ds);
    /* --level overrides the impact level. */
    o.level = AFT_LEVEL_PARTIAL;
    o.client_id = NULL;
    assert_int_equal(import_opts(f, &path, 1, &o, &st, &err), AFT_OK);
    dump = fixture_dump(f);
    assert_null(strstr(dump, "\"level\": \"major_outage\""));
    free(dump);
    fixture_free(f);
}

static void
test_pagerduty_missing_column(void **state)
{
    fixture *f = fixture_new();
    const char *path =
        fixture_file(f, "pd.csv",
                     "id,description,service_id,resolved_on\nP1,x,S1,\n");
    aft_import_opts o = {0};
    aft_import_stats st;
    aft_error err;

    (void)state;
    o.format = AFT_FORMAT_PAGERDUTY;
    assert_int_equal(import_opts(f, &path, 1, &o, &st, &err), AFT_EINVALID);
    assert_non_null(strstr(err.message, "pd.csv:1: a PagerDuty incidents "
                                        "export needs a 'created_on' column"));
    fixture_free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statuspage_component_timeline),
        cmocka_unit_test(test_statuspage_list_fallbacks_and_skips),
        cmocka_unit_test(test_statuspage_broken_incident_is_named),
        cmocka_unit_test(test_statuspage_maintenance_and_renamed_components),
        cmocka_unit_test(test_statuspage_reimport_updates_in_place),
        cmocka_unit_test(test_pagerduty_mapping),
        cmocka_unit_test(test_pagerduty_missing_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
