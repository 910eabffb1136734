/*
 * test_store.c - schema, range loads and streaming reads of the store.
 */
#include <sqlite3.h>

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
    assert_int_equal(aft_store_schema_version(f->store), 3);
    /* Opening again migrates nothing and keeps the version. */
    assert_int_equal(aft_store_open(&s, f->db, 0, &err), AFT_OK);
    assert_int_equal(aft_store_schema_version(s), 3);
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

/* Two clients on two services; a's whole window is 2026-03-01..02. */
static const char SCOPED[] =
    "{\"kind\": \"service\", \"id\": \"api\"}\n"
    "{\"kind\": \"service\", \"id\": \"web\"}\n"
    "{\"kind\": \"client\", \"id\": \"a\", \"name\": \"A\", "
    "\"services\": [\"api\"]}\n"
    "{\"kind\": \"client\", \"id\": \"b\", \"name\": \"B\", "
    "\"services\": [\"web\"]}\n"
    /* web only, and the earliest of the range */
    "{\"kind\": \"incident\", \"id\": \"w1\", \"title\": \"W\", "
    "\"started_at\": \"2026-01-05T00:00:00Z\", \"resolved_at\": "
    "\"2026-01-05T01:00:00Z\", \"impacts\": [{\"service\": \"web\", "
    "\"level\": \"major\"}]}\n"
    /* api and web, outside the whole window: outages only */
    "{\"kind\": \"incident\", \"id\": \"x1\", \"title\": \"X\", "
    "\"started_at\": \"2026-02-10T00:00:00Z\", \"resolved_at\": "
    "\"2026-02-10T02:00:00Z\", \"impacts\": [{\"service\": \"web\", "
    "\"level\": \"major\"}, {\"service\": \"api\", \"level\": \"partial\", "
    "\"start\": \"2026-02-10T00:30:00Z\"}], \"updates\": [{\"at\": "
    "\"2026-02-10T00:05:00Z\", \"status\": \"investigating\", \"body\": "
    "\"Looking.\"}], \"clients\": [\"a\"]}\n"
    /* api, in the whole window: whole */
    "{\"kind\": \"incident\", \"id\": \"m1\", \"title\": \"M\", "
    "\"started_at\": \"2026-03-01T10:00:00Z\", \"resolved_at\": "
    "\"2026-03-01T11:00:00Z\", \"impacts\": [{\"service\": \"api\", "
    "\"level\": \"major\"}, {\"service\": \"web\", \"level\": \"degraded\"}],"
    " \"updates\": [{\"at\": \"2026-03-01T10:05:00Z\", \"status\": "
    "\"investigating\", \"body\": \"On it.\"}]}\n";

static void
test_store_scoped_load_reads_outages_and_whole_windows(void **state)
{
    fixture *f = fixture_new();
    aft_load_scope sc;
    aft_dataset ds;
    const aft_incident *x, *m;
    aft_error err;

    (void)state;
    assert_int_equal(fixture_import1(f, fixture_file(f, "s.ndjson", SCOPED),
                                     &err),
                     AFT_OK);
    memset(&sc, 0, sizeof sc);
    sc.client_id = "a";
    sc.only_its_services = 1;
    sc.lo = UTC(2026, 1, 1, 0, 0);
    sc.hi = UTC(2026, 4, 1, 0, 0);
    sc.whole[0] = (aft_interval){UTC(2026, 3, 1, 0, 0), UTC(2026, 3, 2, 0, 0)};
    sc.n_whole = 1;
    assert_int_equal(aft_store_load_scoped(&ds, f->store, &sc, &err), AFT_OK);
    assert_int_equal(ds.n_clients, 1);
    assert_int_equal(ds.n_services, 2);
    /* w1 touches no service of a's; m1 and x1 in id order. */
    assert_int_equal(ds.n_incidents, 2);
    m = &ds.incidents[0];
    x = &ds.incidents[1];
    assert_string_equal(m->id, "m1");
    assert_string_equal(m->title, "M");
    assert_int_equal(m->n_updates, 1);
    assert_int_equal(m->n_impacts, 2); /* whole: web's too */
    assert_string_equal(x->id, "x1");
    assert_string_equal(x->title, "");
    assert_int_equal(x->n_updates, 0);
    assert_int_equal(x->started_at, UTC(2026, 2, 10, 0, 0));
    assert_int_equal(x->resolved_at, UTC(2026, 2, 10, 2, 0));
    assert_int_equal(x->n_impacts, 1); /* api's only */
    assert_string_equal(x->impacts[0].service_id, "api");
    assert_int_equal(x->impacts[0].level, AFT_LEVEL_PARTIAL);
    assert_int_equal(x->impacts[0].start, UTC(2026, 2, 10, 0, 30));
    assert_int_equal(x->impacts[0].end, AFT_TIME_NONE);
    assert_int_equal(x->n_clients, 1);
    assert_string_equal(x->clients[0], "a");
    /* The history starts with w1, whatever the scope holds. */
    assert_int_equal(aft_dataset_first(&ds), UTC(2026, 1, 5, 0, 0));
    aft_dataset_free(&ds);
    /* Every client: every service, w1 too. */
    sc.client_id = NULL;
    sc.only_its_services = 0;
    assert_int_equal(aft_store_load_scoped(&ds, f->store, &sc, &err), AFT_OK);
    assert_int_equal(ds.n_incidents, 3);
    assert_string_equal(ds.incidents[2].id, "x1");
    assert_int_equal(ds.incidents[2].n_impacts, 2);
    aft_dataset_free(&ds);
    fixture_free(f);
}

/* 2026-11-25: a store of schema 2 gains the outage table, filled from
 * its impacts, so that scoped loads see the incidents stored before. */
static void
test_store_migration_fills_the_outages(void **state)
{
    fixture *f = fixture_new();
    aft_load_scope sc;
    aft_dataset ds;
    aft_error err;
    sqlite3 *h;

    (void)state;
    assert_int_equal(fixture_import1(f, fixture_file(f, "s.ndjson", SCOPED),
                                     &err),
                     AFT_OK);
    aft_store_close(f->store);
    assert_int_equal(sqlite3_open(f->db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "DROP TABLE outage;"
                                  " PRAGMA user_version = 2;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(aft_store_open(&f->store, f->db, 0, &err), AFT_OK);
    assert_int_equal(aft_store_schema_version(f->store), 3);
    memset(&sc, 0, sizeof sc);
    sc.lo = UTC(2026, 1, 1, 0, 0);
    sc.hi = UTC(2026, 4, 1, 0, 0);
    assert_int_equal(aft_store_load_scoped(&ds, f->store, &sc, &err), AFT_OK);
    assert_int_equal(ds.n_incidents, 3);
    assert_string_equal(ds.incidents[0].id, "m1");
    assert_int_equal(ds.incidents[0].n_impacts, 2);
    assert_string_equal(ds.incidents[2].id, "x1");
    assert_int_equal(ds.incidents[2].n_impacts, 2);
    aft_dataset_free(&ds);
    fixture_free(f);
}

/* Every outage row of the store at path db, one line each, in key order. */
static int
outage_line(void *payload, int n, char **v, char **names)
{
    char *buf = payload;
    size_t len = strlen(buf);
    int i;

    (void)names;
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, 4096 - len, "%s%s", i ? "|" : "",
                                v[i] ? v[i] : "-");
    snprintf(buf + len, 4096 - len, "\n");
    return 0;
}

static void
outage_dump(const char *db, char buf[4096])
{
    sqlite3 *h;

    buf[0] = '\0';
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "SELECT * FROM outage ORDER BY service_id,"
                                  " span_start, incident_id, pos",
                                  outage_line, buf, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
}

/* SCOPED again with x1 and m1 changed: x1 only on api, from before its
 * start (an earlier span) to a later end, limited to b; m1 on web only. */
static const char SCOPED_AGAIN[] =
    "{\"kind\": \"incident\", \"id\": \"x1\", \"title\": \"X\", "
    "\"started_at\": \"2026-02-10T00:00:00Z\", \"resolved_at\": "
    "\"2026-02-10T03:00:00Z\", \"impacts\": [{\"service\": \"api\", "
    "\"level\": \"major\", \"start\": \"2026-02-09T20:00:00Z\"}], "
    "\"clients\": [\"b\"]}\n"
    "{\"kind\": \"incident\", \"id\": \"m1\", \"title\": \"M\", "
    "\"started_at\": \"2026-03-01T10:00:00Z\", \"resolved_at\": "
    "\"2026-03-01T11:00:00Z\", \"impacts\": [{\"service\": \"web\", "
    "\"level\": \"degraded\"}]}\n";

/* 2026-11-25: the outage rows are a copy of the impacts keyed by the
 * incident's span; a re-import that moves an incident's impacts,
 * services or span must leave the same rows as a fresh import of the
 * final records, and one that takes a record out again (skip-invalid)
 * none of its rows. */
static void
test_store_reimport_keeps_outages_in_step(void **state)
{
    fixture *f = fixture_new(), *g = fixture_new();
    const char *cut, *bad;
    char again[4096], fresh[4096], final[2048];
    aft_load_scope sc;
    aft_dataset ds;
    aft_error err;

    (void)state;
    assert_int_equal(fixture_import1(f, fixture_file(f, "s.ndjson", SCOPED),
                                     &err),
                     AFT_OK);
    assert_int_equal(fixture_import1(f,
                                     fixture_file(f, "t.ndjson", SCOPED_AGAIN),
                                     &err),
                     AFT_OK);
    /* Fresh: the same records, the changed ones as they are now. */
    cut = strstr(SCOPED, "{\"kind\": \"incident\", \"id\": \"x1\"");
    assert_non_null(cut);
    snprintf(final, sizeof final, "%.*s%s", (int)(cut - SCOPED), SCOPED,
             SCOPED_AGAIN);
    assert_int_equal(fixture_import1(g, fixture_file(g, "f.ndjson", final),
                                     &err),
                     AFT_OK);
    outage_dump(f->db, again);
    outage_dump(g->db, fresh);
    assert_string_equal(again, fresh);
    /* api: x1 from 9 Feb 20:00 (span to 03:00); web: w1, then m1. */
    assert_string_equal(again, "api|1770667200|x1|0|1770692400|1770681600|"
                               "1770692400|major_outage|1770667200|-\n"
                               "web|1767571200|w1|0|1767574800|1767571200|"
                               "1767574800|major_outage|-|-\n"
                               "web|1772359200|m1|0|1772362800|1772359200|"
                               "1772362800|degraded_performance|-|-\n");
    /* Client a (api) reads x1 alone, light, from its new span. */
    memset(&sc, 0, sizeof sc);
    sc.client_id = "a";
    sc.only_its_services = 1;
    sc.lo = UTC(2026, 1, 1, 0, 0);
    sc.hi = UTC(2026, 4, 1, 0, 0);
    assert_int_equal(aft_store_load_scoped(&ds, f->store, &sc, &err), AFT_OK);
    assert_int_equal(ds.n_incidents, 1);
    assert_string_equal(ds.incidents[0].id, "x1");
    assert_int_equal(ds.incidents[0].n_impacts, 1);
    assert_int_equal(ds.incidents[0].impacts[0].start, UTC(2026, 2, 9, 20, 0));
    assert_int_equal(ds.incidents[0].n_clients, 1);
    assert_string_equal(ds.incidents[0].clients[0], "b");
    aft_dataset_free(&ds);
    /* m1 again on a service nobody has: skipped, so taken out whole. */
    bad = fixture_file(f, "u.ndjson",
                       "{\"kind\": \"incident\", \"id\": \"m1\", "
                       "\"title\": \"M\", \"started_at\": "
                       "\"2026-03-01T10:00:00Z\", \"impacts\": "
                       "[{\"service\": \"nope\", \"level\": \"major\"}]}\n");
    assert_int_equal(fixture_import(f, &bad, 1, 1, NULL, NULL, &err), AFT_OK);
    assert_int_equal(f->nreports, 1);
    outage_dump(f->db, again);
    assert_null(strstr(again, "m1"));
    assert_non_null(strstr(again, "x1"));
    fixture_free(f);
    fixture_free(g);
}

/* 2026-11-25: a scoped load's data start comes from the span index, a
 * whole load's from the records read (aft_dataset_first()); both are the
 * first instant any record touching the range covers: here m2's actual
 * start, an hour before its schedule and before o1's impact (which
 * starts before o1 itself, an incident still open). */
static void
test_store_first_instant_is_the_same_either_way(void **state)
{
    static const char recs[] =
        "{\"kind\": \"service\", \"id\": \"api\"}\n"
        "{\"kind\": \"client\", \"id\": \"a\", \"name\": \"A\", "
        "\"services\": [\"api\"]}\n"
        "{\"kind\": \"incident\", \"id\": \"o1\", \"title\": \"O\", "
        "\"started_at\": \"2026-02-10T00:00:00Z\", \"impacts\": "
        "[{\"service\": \"api\", \"level\": \"major\", \"start\": "
        "\"2026-02-09T23:00:00Z\"}]}\n"
        "{\"kind\": \"maintenance\", \"id\": \"m2\", \"title\": \"M\", "
        "\"services\": [\"api\"], \"scheduled_start\": "
        "\"2026-02-09T22:00:00Z\", \"scheduled_end\": "
        "\"2026-02-09T23:00:00Z\", \"actual_start\": "
        "\"2026-02-09T21:00:00Z\"}\n";
    fixture *f = fixture_new();
    aft_load_scope sc;
    aft_dataset ds;
    aft_error err;

    (void)state;
    assert_int_equal(fixture_import1(f, fixture_file(f, "f.ndjson", recs),
                                     &err),
                     AFT_OK);
    memset(&sc, 0, sizeof sc);
    sc.client_id = "a";
    sc.only_its_services = 1;
    sc.lo = UTC(2026, 2, 1, 0, 0);
    sc.hi = UTC(2026, 3, 1, 0, 0);
    assert_int_equal(aft_store_load_scoped(&ds, f->store, &sc, &err), AFT_OK);
    assert_true(ds.has_first);
    assert_int_equal(aft_dataset_first(&ds), UTC(2026, 2, 9, 21, 0));
    aft_dataset_free(&ds);
    assert_int_equal(aft_store_load(&ds, f->store, "a", sc.lo, sc.hi, &err),
                     AFT_OK);
    assert_false(ds.has_first);
    assert_int_equal(aft_dataset_first(&ds), UTC(2026, 2, 9, 21, 0));
    aft_dataset_free(&ds);
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
        cmocka_unit_test(
            test_store_scoped_load_reads_outages_and_whole_windows),
        cmocka_unit_test(test_store_migration_fills_the_outages),
        cmocka_unit_test(test_store_reimport_keeps_outages_in_step),
        cmocka_unit_test(test_store_first_instant_is_the_same_either_way),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
