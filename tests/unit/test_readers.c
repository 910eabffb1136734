/*
 * test_readers.c - the NDJSON, native JSON, native CSV, Statuspage and
 * PagerDuty readers, each driven directly into a sink: what they
 * deliver, what they report and where.
 */
#include "cmocka_all.h"
#include "testutil.h"

#include "ingest/native_csv.h"
#include "ingest/native_json.h"
#include "ingest/ndjson.h"
#include "ingest/pagerduty.h"
#include "ingest/statuspage.h"
#include "store/store_int.h"

typedef struct reader_fixture {
    fixture *f;
    aft_import_opts opts;
    aft_import_stats stats;
    aft_sink sink;
} reader_fixture;

static int
setup(void **state)
{
    reader_fixture *t = calloc(1, sizeof *t);

    t->f = fixture_new();
    t->opts.report = on_report;
    t->opts.report_payload = t->f;
    assert_int_equal(aft_sink__open(&t->sink, t->f->store, &t->opts, &t->stats,
                                    NULL),
                     AFT_OK);
    assert_int_equal(aft_store__begin(t->f->store, NULL), AFT_OK);
    *state = t;
    return 0;
}

static int
teardown(void **state)
{
    reader_fixture *t = *state;

    aft_sink__close(&t->sink);
    fixture_free(t->f);
    free(t);
    return 0;
}

static FILE *
text_file(const char *text)
{
    FILE *fp = tmpfile();

    assert_non_null(fp);
    fputs(text, fp);
    rewind(fp);
    return fp;
}

static void
test_ndjson_lines_are_records_or_reports(void **state)
{
    reader_fixture *t = *state;
    FILE *fp = text_file("{\"kind\": \"service\", \"id\": \"a\", "
                         "\"name\": \"A\"}\n"
                         "\n"
                         "{\"kind\": \"service\", \"id\": \n"
                         "{\"kind\": \"widget\", \"id\": \"w\"}\n"
                         "{\"kind\": \"services\", \"id\": \"b\"}\n");

    aft_sink__file(&t->sink, "s.ndjson");
    assert_int_equal(aft_ndjson__read(&t->sink, fp, NULL), AFT_OK);
    fclose(fp);
    assert_int_equal(t->stats.imported[AFT_KIND_SERVICE], 2);
    assert_int_equal(t->stats.bad, 2);
    assert_non_null(strstr(t->f->reports, "s.ndjson:3: invalid JSON: "));
    assert_non_null(strstr(t->f->reports,
                           "s.ndjson:4: kind: want "
                           "\"service\", \"client\", \"incident\" or "
                           "\"maintenance\"\n"));
}

static void
test_native_json_services_first_and_lists(void **state)
{
    reader_fixture *t = *state;
    FILE *fp = text_file("{\"incidents\": [{\"id\": \"i1\", \"title\": "
                         "\"Down\", \"started_at\": "
                         "\"2026-02-03T10:00:00Z\", \"impacts\": "
                         "[{\"service\": \"api\", "
                         "\"level\": \"major\"}]}],\n"
                         " \"clients\": 5,\n"
                         " \"services\": [{\"id\": \"api\", "
                         "\"name\": \"API\"}]}\n");
    json_t *doc;

    aft_sink__file(&t->sink, "n.json");
    assert_int_equal(aft_native_json__load(&doc, &t->sink, fp, NULL), AFT_OK);
    fclose(fp);
    assert_int_equal(aft_native_json__read(&t->sink, doc, NULL), AFT_OK);
    json_decref(doc);
    assert_int_equal(t->stats.imported[AFT_KIND_SERVICE], 1);
    assert_int_equal(t->stats.imported[AFT_KIND_INCIDENT], 1);
    assert_int_equal(aft_sink__finish(&t->sink, NULL), AFT_OK);
    /* The service came first: the incident's reference resolved. */
    assert_string_equal(t->f->reports, "n.json: clients: must be a list\n");
}

static void
test_native_json_load_refuses_non_objects(void **state)
{
    reader_fixture *t = *state;
    FILE *fp = text_file("[1, 2]\n");
    json_t *doc;
    aft_error err;

    aft_sink__file(&t->sink, "a.json");
    assert_int_equal(aft_native_json__load(&doc, &t->sink, fp, &err),
                     AFT_EINVALID);
    fclose(fp);
    assert_null(doc);
    assert_string_equal(err.message,
                        "a.json: a native JSON file is one "
                        "object with arrays services, clients, incidents, "
                        "maintenances");
}

/* A header row from a comma-separated list of names. */
static aft_csv_row
header_of(char *names, aft_csv_cell *cells)
{
    aft_csv_row row = {cells, 0, 0, 1};
    char *save = NULL, *tok;

    for (tok = strtok_r(names, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save))
        cells[row.n++] = (aft_csv_cell){tok, strlen(tok)};
    return row;
}

static void
test_native_csv_header_names_the_kind(void **state)
{
    static const struct {
        const char *header;
        int rc;
        aft_kind kind;
        const char *message;
    } rows[] = {
        {"id,name", AFT_OK, AFT_KIND_SERVICE, NULL},
        {"id,name,timezone,services", AFT_OK, AFT_KIND_CLIENT, NULL},
        {"id,title,started_at,impacts", AFT_OK, AFT_KIND_INCIDENT, NULL},
        {"id,title,scheduled_start,scheduled_end", AFT_OK, AFT_KIND_MAINTENANCE,
         NULL},
        {"name,sla_target", AFT_EINVALID, 0,
         "x.csv:1: the header has no 'id' column"},
    };
    reader_fixture *t = *state;
    size_t i;

    aft_sink__file(&t->sink, "x.csv");
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char names[128];
        aft_csv_cell cells[8];
        aft_csv_row h;
        aft_native_csv r;
        aft_error err;

        snprintf(names, sizeof names, "%s", rows[i].header);
        h = header_of(names, cells);
        assert_int_equal(aft_native_csv__header(&r, &t->sink, &h, &err),
                         rows[i].rc);
        if (rows[i].rc == AFT_OK)
            assert_int_equal(r.kind, rows[i].kind);
        else
            assert_string_equal(err.message, rows[i].message);
        aft_native_csv__free(&r);
    }
}

static void
test_native_csv_row_reports_text_not_utf8(void **state)
{
    reader_fixture *t = *state;
    char names[] = "id,name";
    aft_csv_cell cells[2], data[] = {{"api", 3}, {"A\x80", 2}};
    aft_csv_row h = header_of(names, cells);
    aft_csv_row row = {data, 2, 1, 4};
    aft_native_csv r;

    aft_sink__file(&t->sink, "x.csv");
    assert_int_equal(aft_native_csv__header(&r, &t->sink, &h, NULL), AFT_OK);
    assert_int_equal(aft_native_csv__row(&r, &t->sink, &row, NULL), AFT_OK);
    data[1] = (aft_csv_cell){"API", 3};
    assert_int_equal(aft_native_csv__row(&r, &t->sink, &row, NULL), AFT_OK);
    aft_native_csv__free(&r);
    assert_int_equal(t->stats.imported[AFT_KIND_SERVICE], 1);
    assert_string_equal(t->f->reports, "x.csv:4: name: text is not UTF-8\n");
}

static void
test_pagerduty_header_and_row(void **state)
{
    reader_fixture *t = *state;
    char names[] = "id,created_on,service_id,service_name,description,"
                   "seconds_to_first_ack,urgency";
    char missing[] = "id,created_on,incident_number";
    aft_csv_cell cells[8], data[] = {{"P1", 2},   {"2026-01-01T00:00:00Z", 20},
                                     {"SVC", 3},  {"Payments", 8},
                                     {"Down", 4}, {"90", 2},
                                     {"high", 4}};
    aft_csv_row h = header_of(names, cells), row = {data, 7, 1, 2};
    aft_pagerduty r = {NULL};
    aft_dataset ds;
    aft_error err;

    aft_sink__file(&t->sink, "pd.csv");
    assert_int_equal(aft_pagerduty__header(&r, &t->sink, &h, NULL), AFT_OK);
    assert_int_equal(aft_pagerduty__row(&r, &t->sink, &row, NULL), AFT_OK);
    aft_pagerduty__free(&r);
    assert_int_equal(aft_sink__finish(&t->sink, NULL), AFT_OK);
    assert_int_equal(aft_store__commit(t->f->store, NULL), AFT_OK);
    assert_string_equal(t->f->reports, "");
    assert_int_equal(aft_store_load(&ds, t->f->store, NULL, 0, 4102444800,
                                    NULL),
                     AFT_OK);
    assert_int_equal(ds.n_incidents, 1);
    assert_string_equal(ds.incidents[0].title, "Down");
    assert_int_equal(ds.incidents[0].severity, AFT_SEV2); /* urgency */
    assert_int_equal(ds.incidents[0].acknowledged_at,
                     ds.incidents[0].started_at + 90);
    assert_string_equal(ds.services[0].name, "Payments");
    aft_dataset_free(&ds);

    h = header_of(missing, cells);
    assert_int_equal(aft_pagerduty__header(&r, &t->sink, &h, &err),
                     AFT_EINVALID);
    assert_string_equal(err.message, "pd.csv:1: a PagerDuty incidents "
                                     "export needs a 'service_id' column");
    aft_pagerduty__free(&r);
}

/*
 * A Statuspage document: component c1 "API"; incident sp1 went partial
 * at 10:00 then major, recorded by the update of 10:00 (partial ->
 * major), and back to operational at 11:00 (the API lists newest first),
 * so c1 was major 10:00-11:00; sp2 names c1 but no status and "none"
 * impact: counted, not delivered; sp3 resolved before it started:
 * reported. Maintenance mx on c1, scheduled 02:00-04:00, in progress at
 * 02:05 (its oldest in_progress update), resolved 04:30.
 */
static void
test_statuspage_components_incidents_and_maintenances(void **state)
{
    reader_fixture *t = *state;
    json_t *doc = json_loads(
        "{\"page\": {\"name\": \"Acme Status\", \"time_zone\": \"UTC\"},"
        " \"components\": [{\"id\": \"c1\", \"name\": \"API\"}],"
        " \"incidents\": ["
        "  {\"id\": \"sp1\", \"name\": \"API down\", \"impact\": \"major\","
        "   \"created_at\": \"2026-03-10T10:00:00Z\","
        "   \"resolved_at\": \"2026-03-10T11:00:00Z\","
        "   \"incident_updates\": ["
        "    {\"status\": \"resolved\", \"created_at\": "
        "\"2026-03-10T11:00:00Z\", \"affected_components\": [{\"code\": "
        "\"c1\", \"old_status\": \"major_outage\", \"new_status\": "
        "\"operational\"}]},"
        "    {\"status\": \"investigating\", \"created_at\": "
        "\"2026-03-10T10:00:00Z\", \"body\": \"Looking\", "
        "\"affected_components\": [{\"code\": \"c1\", \"old_status\": "
        "\"partial_outage\", \"new_status\": \"major_outage\"}]}]},"
        "  {\"id\": \"sp2\", \"name\": \"Calm\", \"impact\": \"none\","
        "   \"created_at\": \"2026-03-11T10:00:00Z\","
        "   \"components\": [{\"id\": \"c1\", \"name\": \"API\"}]},"
        "  {\"id\": \"sp3\", \"name\": \"Odd\", \"impact\": \"minor\","
        "   \"created_at\": \"2026-03-12T10:00:00Z\","
        "   \"resolved_at\": \"2026-03-12T09:00:00Z\"}],"
        " \"scheduled_maintenances\": [{\"id\": \"mx\", \"name\": "
        "\"Upgrade\", \"status\": \"completed\","
        "  \"scheduled_for\": \"2026-03-15T02:00:00Z\","
        "  \"scheduled_until\": \"2026-03-15T04:00:00Z\","
        "  \"created_at\": \"2026-03-01T02:00:00Z\","
        "  \"resolved_at\": \"2026-03-15T04:30:00Z\","
        "  \"components\": [{\"id\": \"c1\", \"name\": \"API\"}],"
        "  \"incident_updates\": ["
        "   {\"status\": \"completed\", \"created_at\": "
        "\"2026-03-15T04:30:00Z\", \"body\": \"Done\"},"
        "   {\"status\": \"in_progress\", \"created_at\": "
        "\"2026-03-15T02:05:00Z\", \"body\": \"Started\"}]}]}",
        0, NULL);
    const aft_incident *inc;
    const aft_maintenance *m;
    aft_dataset ds;

    assert_non_null(doc);
    aft_sink__file(&t->sink, "sp.json");
    assert_int_equal(aft_statuspage__read(&t->sink, doc, NULL), AFT_OK);
    json_decref(doc);
    assert_int_equal(aft_sink__finish(&t->sink, NULL), AFT_OK);
    assert_int_equal(aft_store__commit(t->f->store, NULL), AFT_OK);
    assert_string_equal(t->f->reports,
                        "sp.json: incidents[2].resolved_at: "
                        "incident 'sp3' resolved before it started\n");
    assert_int_equal(t->stats.no_impact, 1);
    assert_int_equal(t->stats.bad, 1);
    assert_int_equal(aft_store_load(&ds, t->f->store, NULL, 0, 4102444800,
                                    NULL),
                     AFT_OK);
    assert_int_equal(ds.n_services, 1);
    assert_string_equal(ds.services[0].id, "c1");
    assert_string_equal(ds.services[0].name, "API");
    assert_int_equal(ds.n_incidents, 1);
    inc = &ds.incidents[0];
    assert_string_equal(inc->id, "sp1");
    assert_string_equal(inc->title, "API down");
    assert_int_equal(inc->severity, AFT_SEV2); /* impact major */
    assert_int_equal(inc->started_at, UTC(2026, 3, 10, 10, 0));
    assert_int_equal(inc->resolved_at, UTC(2026, 3, 10, 11, 0));
    assert_int_equal(inc->n_impacts, 1);
    assert_string_equal(inc->impacts[0].service_id, "c1");
    assert_int_equal(inc->impacts[0].level, AFT_LEVEL_MAJOR);
    assert_int_equal(inc->impacts[0].start, UTC(2026, 3, 10, 10, 0));
    assert_int_equal(inc->impacts[0].end, UTC(2026, 3, 10, 11, 0));
    assert_int_equal(inc->n_updates, 2);
    assert_int_equal(ds.n_maintenances, 1);
    m = &ds.maintenances[0];
    assert_string_equal(m->title, "Upgrade");
    assert_int_equal(m->scheduled_start, UTC(2026, 3, 15, 2, 0));
    assert_int_equal(m->scheduled_end, UTC(2026, 3, 15, 4, 0));
    assert_int_equal(m->actual_start, UTC(2026, 3, 15, 2, 5));
    assert_int_equal(m->actual_end, UTC(2026, 3, 15, 4, 30));
    assert_int_equal(m->notified_at, UTC(2026, 3, 1, 2, 0));
    assert_int_equal(m->impact, AFT_LEVEL_MAJOR);
    assert_int_equal(m->n_services, 1);
    assert_string_equal(m->services[0], "c1");
    assert_string_equal(m->summary, "Done"); /* the newest body */
    aft_dataset_free(&ds);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_ndjson_lines_are_records_or_reports, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_native_json_services_first_and_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_native_json_load_refuses_non_objects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_native_csv_header_names_the_kind,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_native_csv_row_reports_text_not_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pagerduty_header_and_row, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_statuspage_components_incidents_and_maintenances, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
