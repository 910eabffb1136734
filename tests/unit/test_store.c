/*
 * test_store.c - schema, range loads and streaming reads of the store.
 */
#include "cmocka_all.h"
#include "testutil.h"

static void
test_store_schema_is_versioned(void **state)
{
    fixture *f = fixture_new();
    aft_store *s = NULL;
    aft_error err;
    char path[160];

    (void)state;
    assert_int_equal(aft_store_schema_version(f->store), 2);
    /* Opening again migrates nothing and keeps the version. */
    assert_int_equal(aft_store_open(&s, f->db, 0, &err), AFT_OK);
    assert_int_equal(aft_store_schema_version(s), 2);
    aft_store_close(s);
    snprintf(path, sizeof path, "%s/missing.db", f->dir);
    assert_int_equal(aft_store_open(&s, path, 0, &err), AFT_ENOTFOUND);
    assert_non_null(strstr(err.message, "missing.db"));
    assert_null(s);
    aft_store_close(NULL);
    fixture_free(f);
}

/* The delivery log: nothing before a send, the row after it, and a
 * resend replaces it rather than adding one. */
static void
test_store_delivery_log(void **state)
{
    fixture *f = fixture_new();
    aft_delivery d, got;
    aft_error err;

    (void)state;
    memset(&d, 0, sizeof d);
    assert_int_equal(aft_store_delivery_get(f->store, "acme", "2026-03", &got,
                                            &err),
                     AFT_ENOTFOUND);
    assert_string_equal(err.message,
                        "nothing sent to client 'acme' for '2026-03'");
    snprintf(d.pack_sha256, sizeof d.pack_sha256, "%064d", 1);
    snprintf(d.message_id, sizeof d.message_id, "<a@x.example>");
    snprintf(d.reply, sizeof d.reply, "250 OK");
    d.sent_at = 1775000000;
    assert_int_equal(aft_store_delivery_put(f->store, "acme", "2026-03", &d,
                                            &err),
                     AFT_OK);
    snprintf(d.message_id, sizeof d.message_id, "<b@x.example>");
    d.sent_at = 1775000060;
    assert_int_equal(aft_store_delivery_put(f->store, "acme", "2026-03", &d,
                                            &err),
                     AFT_OK);
    assert_int_equal(aft_store_delivery_get(f->store, "acme", "2026-03", &got,
                                            &err),
                     AFT_OK);
    assert_string_equal(got.message_id, "<b@x.example>");
    assert_string_equal(got.reply, "250 OK");
    assert_string_equal(got.pack_sha256, d.pack_sha256);
    assert_int_equal(got.sent_at, 1775000060);
    assert_int_equal(aft_store_delivery_get(f->store, "acme", "2026-04", &got,
                                            NULL),
                     AFT_ENOTFOUND);
    fixture_free(f);
}

/* n incidents on service api, one an hour, each 10 minutes long, from
 * 2026-01-01; plus one ongoing since 2025-06-01 and one that spans the
 * whole of 2025-12 to 2026-03. */
static void
import_history(fixture *f, int n)
{
    FILE *fp;
    char path[160];
    aft_error err;
    const char *p = path;
    int i;

    snprintf(path, sizeof path, "%s/h.ndjson", f->dir);
    fp = fopen(path, "w");
    fputs("{\"kind\": \"service\", \"id\": \"api\"}\n"
          "{\"kind\": \"client\", \"id\": \"c\", \"name\": \"C\", "
          "\"services\": [\"api\"]}\n"
          "{\"kind\": \"incident\", \"id\": \"ongoing\", \"title\": \"O\", "
          "\"started_at\": \"2025-06-01T00:00:00Z\", \"impacts\": "
          "[{\"service\": \"api\", \"level\": \"degraded\"}]}\n"
          "{\"kind\": \"incident\", \"id\": \"long\", \"title\": \"L\", "
          "\"started_at\": \"2025-12-01T00:00:00Z\", \"resolved_at\": "
          "\"2026-03-01T00:00:00Z\", \"impacts\": [{\"service\": \"api\", "
          "\"level\": \"partial\"}]}\n",
          fp);
    for (i = 0; i < n; i++) {
        char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ];
        int64_t t = UTC(2026, 1, 1, 0, 0) + (int64_t)i * 3600;
        fprintf(fp,
                "{\"kind\": \"incident\", \"id\": \"i%05d\", \"title\": "
                "\"x\", \"started_at\": \"%s\", \"resolved_at\": \"%s\", "
                "\"impacts\": [{\"service\": \"api\", \"level\": "
                "\"major\"}]}\n",
                i, aft_instant_format(a, t), aft_instant_format(b, t + 600));
    }
    fclose(fp);
    assert_int_equal(fixture_import(f, &p, 1, 0, NULL, NULL, &err), AFT_OK);
}

static void
test_store_load_takes_what_touches_the_range(void **state)
{
    fixture *f = fixture_new();
    aft_dataset ds;
    size_t i;
    int found_long = 0, found_ongoing = 0;

    (void)state;
    import_history(f, 2000); /* 2000 hours: until 2026-03-25 */
    assert_int_equal(aft_store_load(&ds, f->store, NULL, UTC(2026, 2, 1, 0, 0),
                                    UTC(2026, 2, 2, 0, 0), NULL),
                     AFT_OK);
    assert_int_equal(ds.n_clients, 1);
    assert_int_equal(ds.n_services, 1);
    /* 24 hourly incidents of the day, plus the ongoing and the long one,
     * plus the one ending exactly at the start (it touches it). */
    for (i = 0; i < ds.n_incidents; i++) {
        found_long += strcmp(ds.incidents[i].id, "long") == 0;
        found_ongoing += strcmp(ds.incidents[i].id, "ongoing") == 0;
    }
    assert_int_equal(found_long, 1);
    assert_int_equal(found_ongoing, 1);
    assert_int_equal(ds.n_incidents, 24 + 2);
    aft_dataset_free(&ds);
    assert_int_equal(aft_store_load(&ds, f->store, "nobody", 0, 1, NULL),
                     AFT_ENOTFOUND);
    fixture_free(f);
}

static int
count(aft_kind kind, const void *rec, void *payload)
{
    (void)kind;
    (void)rec;
    (*(int *)payload)++;
    return 0;
}

static void
test_store_each_streams_every_record_in_batches(void **state)
{
    fixture *f = fixture_new();
    int n = 0;

    (void)state;
    import_history(f, 1300);
    assert_int_equal(aft_store_each(f->store, AFT_KIND_INCIDENT, count, &n,
                                    NULL),
                     AFT_OK);
    assert_int_equal(n, 1302);
    fixture_free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store_schema_is_versioned),
        cmocka_unit_test(test_store_delivery_log),
        cmocka_unit_test(test_store_load_takes_what_touches_the_range),
        cmocka_unit_test(test_store_each_streams_every_record_in_batches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
