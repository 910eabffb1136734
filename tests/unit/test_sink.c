/*
 * test_sink.c - sink.c: a good record is written and counted; a bad one,
 * a duplicate id and an unknown reference are reported with their place;
 * derived services keep the newest name; --client is created and
 * subscribed.
 */
#include "cmocka_all.h"
#include "testutil.h"

#include "ingest/sink.h"
#include "store/store_int.h"

typedef struct sink_fixture {
    fixture *f;
    aft_import_opts opts;
    aft_import_stats stats;
    aft_sink sink;
} sink_fixture;

static int
setup(void **state)
{
    sink_fixture *t = calloc(1, sizeof *t);

    t->f = fixture_new();
    t->opts.report = on_report;
    t->opts.report_payload = t->f;
    t->opts.client_id = "acme";
    *state = t;
    return 0;
}

static int
teardown(void **state)
{
    sink_fixture *t = *state;

    aft_sink__close(&t->sink);
    fixture_free(t->f);
    free(t);
    return 0;
}

/* Open the sink and the transaction at file "f.json". */
static aft_sink *
begin(sink_fixture *t)
{
    assert_int_equal(aft_sink__open(&t->sink, t->f->store, &t->opts, &t->stats,
                                    NULL),
                     AFT_OK);
    assert_int_equal(aft_store__begin(t->f->store, NULL), AFT_OK);
    aft_sink__file(&t->sink, "f.json");
    return &t->sink;
}

/* Deliver one record given as JSON text. */
static int
deliver(aft_sink *s, aft_kind kind, const char *text)
{
    json_t *obj = json_loads(text, 0, NULL);
    int rc;

    assert_non_null(obj);
    rc = aft_sink__record(s, kind, obj, NULL);
    json_decref(obj);
    return rc;
}

static void
test_sink_writes_and_names_duplicates_and_bad_fields(void **state)
{
    sink_fixture *t = *state;
    aft_sink *s = begin(t);

    aft_sink__place(s, "services[%d]", 0);
    assert_int_equal(deliver(s, AFT_KIND_SERVICE,
                             "{\"id\": \"api\", \"name\": \"API\"}"),
                     AFT_OK);
    aft_sink__place(s, "services[%d]", 1);
    assert_int_equal(deliver(s, AFT_KIND_SERVICE,
                             "{\"id\": \"api\", \"name\": \"Again\"}"),
                     AFT_OK);
    aft_sink__line(s, 7);
    assert_int_equal(deliver(s, AFT_KIND_SERVICE, "{\"name\": \"X\"}"), AFT_OK);
    assert_int_equal(t->stats.imported[AFT_KIND_SERVICE], 1);
    assert_int_equal(t->stats.bad, 2);
    assert_string_equal(
        t->f->reports,
        "f.json: services[1].id: duplicate service id 'api' (first at "
        "f.json: services[0])\n"
        "f.json:7: id: missing required field\n");
}

static void
test_sink_reports_unknown_references_at_the_end(void **state)
{
    sink_fixture *t = *state;
    aft_sink *s = begin(t);

    t->opts.client_id = NULL;
    aft_sink__line(s, 3);
    assert_int_equal(deliver(s, AFT_KIND_INCIDENT,
                             "{\"id\": \"i1\", \"title\": \"Down\", "
                             "\"started_at\": \"2026-02-03T10:00:00Z\", "
                             "\"impacts\": [{\"service\": \"nope\", "
                             "\"level\": \"major\"}]}"),
                     AFT_OK);
    assert_int_equal(t->stats.imported[AFT_KIND_INCIDENT], 1);
    assert_string_equal(t->f->reports, ""); /* it may come later */
    assert_int_equal(aft_sink__finish(s, NULL), AFT_OK);
    assert_int_equal(t->stats.bad, 1);
    assert_string_equal(
        t->f->reports,
        "f.json:3: impacts[0].service: unknown service 'nope'\n");
}

static void
test_sink_reject_counts_and_places(void **state)
{
    sink_fixture *t = *state;
    aft_sink *s = begin(t);

    aft_sink__place(s, "%s", "services");
    aft_sink__reject(s, NULL, "must be a list");
    aft_sink__line(s, 12);
    aft_sink__reject(s, "kind", "want %s", "\"service\"");
    assert_int_equal(t->stats.bad, 2);
    assert_string_equal(t->f->reports, "f.json: services: must be a list\n"
                                       "f.json:12: kind: want \"service\"\n");
}

static void
test_sink_derived_services_and_client(void **state)
{
    sink_fixture *t = *state;
    aft_sink *s = begin(t);
    aft_dataset ds;

    aft_sink__page(s, "Status", "Europe/Berlin");
    aft_sink__page(s, "Second page", "UTC"); /* the first wins */
    aft_sink__place(s, "components[%d]", 0);
    assert_int_equal(aft_sink__derive_service(s, "c1", "Old", 10), 0);
    assert_int_equal(aft_sink__derive_service(s, "c1", "New", 20), 0);
    assert_int_equal(aft_sink__derive_service(s, "c1", "Older", 5), 0);
    assert_int_equal(aft_sink__derive_service(s, "c2", NULL, 0), 0);
    assert_int_equal(aft_sink__finish(s, NULL), AFT_OK);
    assert_int_equal(aft_store__commit(t->f->store, NULL), AFT_OK);
    assert_int_equal(t->stats.imported[AFT_KIND_SERVICE], 2);
    assert_int_equal(t->stats.imported[AFT_KIND_CLIENT], 1);
    assert_string_equal(t->f->reports, "");

    assert_int_equal(aft_store_load(&ds, t->f->store, "acme", 0, 0, NULL),
                     AFT_OK);
    assert_string_equal(ds.clients[0].name, "Status");
    assert_string_equal(ds.clients[0].timezone, "Europe/Berlin");
    assert_int_equal(ds.clients[0].n_subs, 2);
    assert_string_equal(ds.clients[0].subs[0].service_id, "c1");
    assert_string_equal(ds.clients[0].subs[1].service_id, "c2");
    assert_int_equal(ds.n_services, 2);
    assert_string_equal(ds.services[0].name, "New");
    assert_null(ds.services[1].name);
    aft_dataset_free(&ds);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_sink_writes_and_names_duplicates_and_bad_fields, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_sink_reports_unknown_references_at_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sink_reject_counts_and_places,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_sink_derived_services_and_client,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
