/*
 * test_cli.c - drive the built aftercast binary: the worked examples of
 * docs/accounting.md through
 * `availability --format json`, exit codes, errors, idempotent imports.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "testdb.h"

#include "capture.h"

#define WORKED AFT_TEST_DATA "/worked/"

typedef struct run_result {
    int status;
    char *out;
    char *err;
} run_result;

static char tmpdir[64];
static char db[128];

/* Run `aftercast --db DB ARGS` (ARGS is shell text). */
static run_result
run(const char *fmt, ...)
{
    char args[2048], cmd[4096], out[160], err[160];
    run_result r;
    va_list ap;
    int st;

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(out, sizeof out, "%s/stdout", tmpdir);
    snprintf(err, sizeof err, "%s/stderr", tmpdir);
    snprintf(cmd, sizeof cmd, "'%s' --db '%s' %s >'%s' 2>'%s' </dev/null",
             AFT_CLI, db, args, out, err);
    st = system(cmd);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = slurp_file(out);
    r.err = slurp_file(err);
    return r;
}

static void
run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

static int
setup(void **state)
{
    char cmd[512];

    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/aft-cli-XXXXXX");
    if (mkdtemp(tmpdir) == NULL)
        return -1;
    snprintf(cmd, sizeof cmd, "%s/t.db", tmpdir);
    return test_db(db, sizeof db, cmd);
}

static int
teardown(void **state)
{
    char cmd[512];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void
import_ok(const char *files)
{
    run_result r = run("import %s", files);

    if (r.status != 0)
        fail_msg("import %s failed (%d): %s", files, r.status, r.err);
    run_free(&r);
}

/* The availability row (client, service) of a JSON run; NULL service is
 * the client-level row. The caller decrefs the document. */
static json_t *
avail_row(json_t **doc, const char *period_args, const char *client,
          const char *service)
{
    run_result r = run("availability %s --as-of 2026-06-01T00:00:00Z "
                       "--format json",
                       period_args);
    json_error_t jerr;
    json_t *row;
    size_t i;

    assert_int_equal(r.status, 0);
    *doc = json_loads(r.out, 0, &jerr);
    if (*doc == NULL)
        fail_msg("bad JSON (%s): %s", jerr.text, r.out);
    run_free(&r);
    json_array_foreach(json_object_get(*doc, "rows"), i, row)
    {
        json_t *s = json_object_get(row, "service");
        if (strcmp(json_string_value(json_object_get(row, "client")), client)
                == 0
            && (service == NULL
                    ? json_is_null(s)
                    : json_is_string(s)
                          && strcmp(json_string_value(s), service) == 0))
            return row;
    }
    fail_msg("no row %s/%s", client, service ? service : "null");
    return NULL;
}

static double
num(json_t *row, const char *key)
{
    json_t *v = json_object_get(row, key);

    if (!json_is_number(v))
        fail_msg("%s is not a number", key);
    return json_number_value(v);
}

#define assert_num(row, key, want) \
    do { \
        double got_ = num((row), (key)); \
        if (fabs(got_ - (want)) > 1e-6) \
            fail_msg("%s: got %.10f, want %.10f", (key), got_, \
                     (double)(want)); \
    } while (0)

/* ---- the worked examples of docs/accounting.md ---- */

static void
test_cli_example1(void **state)
{
    json_t *doc, *row;

    (void)state;
    import_ok(WORKED "base.json " WORKED "ex1.json");
    row = avail_row(&doc, "--month 2026-02", "acme", "api");
    assert_string_equal(json_string_value(json_object_get(doc, "period")),
                        "2026-02");
    assert_string_equal(json_string_value(json_object_get(row, "window_start")),
                        "2026-02-01T00:00:00Z");
    assert_num(row, "eligible_seconds", 2419200);
    assert_num(row, "downtime_seconds", 3600);
    assert_num(row, "availability", 99.851190476190476);
    assert_true(json_is_false(json_object_get(row, "met")));
    assert_num(row, "budget_seconds", 2419.2);
    assert_num(row, "budget_remaining_seconds", -1180.8);
    json_decref(doc);
}

static void
test_cli_example2(void **state)
{
    json_t *doc, *row;

    (void)state;
    import_ok(WORKED "base.json " WORKED "ex1.json " WORKED "ex2.json");
    row = avail_row(&doc, "--month 2026-02", "acme", "api");
    assert_num(row, "downtime_seconds", 4680);
    assert_num(row, "major_seconds", 3600);
    assert_num(row, "partial_seconds", 3600);
    json_decref(doc);
}

static void
test_cli_example3_and_4(void **state)
{
    json_t *doc, *row;

    (void)state;
    import_ok(WORKED "base.json " WORKED "ex3.json");
    row = avail_row(&doc, "--month 2026-02", "acme", "api");
    assert_num(row, "excluded_seconds", 7200);
    assert_num(row, "eligible_seconds", 2412000);
    assert_num(row, "downtime_seconds", 1800);
    assert_num(row, "availability", 99.925373134328358);
    json_decref(doc);
    /* The same maintenance, re-imported with late notice. */
    import_ok(WORKED "ex4.json");
    row = avail_row(&doc, "--month 2026-02", "acme", "api");
    assert_num(row, "excluded_seconds", 0);
    assert_num(row, "eligible_seconds", 2419200);
    assert_num(row, "downtime_seconds", 9000);
    json_decref(doc);
}

static void
test_cli_example5(void **state)
{
    json_t *doc, *row;

    (void)state;
    /* ex5 names client "other", defined by the next file. */
    import_ok(WORKED "base.json");
    import_ok(WORKED "ex5.json " WORKED "ex5b.json");
    row = avail_row(&doc, "--month 2026-02", "acme", "api");
    assert_num(row, "eligible_seconds", 720000);
    assert_num(row, "downtime_seconds", 3600);
    assert_num(row, "availability", 99.5);
    json_decref(doc);
    /* Wednesday's outage is restricted to "other", which also had
     * Tuesday's. */
    row = avail_row(&doc, "--month 2026-02 --client other", "other", "api");
    assert_num(row, "downtime_seconds", 7200);
    json_decref(doc);
}

static void
test_cli_example6(void **state)
{
    json_t *doc, *row;

    (void)state;
    import_ok(WORKED "base.json");
    import_ok(WORKED "ex6.json");
    row = avail_row(&doc, "--month 2026-03", "acme", "api");
    assert_num(row, "eligible_seconds", 50400);
    assert_string_equal(json_string_value(json_object_get(row, "window_start")),
                        "2026-02-28T23:00:00Z");
    json_decref(doc);
}

static void
test_cli_example7(void **state)
{
    json_t *doc, *row;

    (void)state;
    import_ok(WORKED "base.json");
    import_ok(WORKED "ex7.json");
    row = avail_row(&doc, "--month 2026-03", "acme", "api");
    assert_num(row, "eligible_seconds", 2502000);
    json_decref(doc);
    row = avail_row(&doc, "--month 2026-03", "acme", NULL);
    assert_num(row, "eligible_seconds", 2502000);
    assert_true(json_is_null(json_object_get(row, "service")));
    json_decref(doc);
}

static void
test_cli_example8_metrics(void **state)
{
    run_result r;
    json_t *doc, *row;

    (void)state;
    import_ok(WORKED "base.json " WORKED "ex8.ndjson");
    r = run("metrics --month 2026-02 --as-of 2026-06-01T00:00:00Z "
            "--format json");
    assert_int_equal(r.status, 0);
    doc = json_loads(r.out, 0, NULL);
    assert_non_null(doc);
    row = json_array_get(json_object_get(doc, "rows"), 0);
    assert_num(row, "incidents", 1);
    assert_num(row, "mean_first_update_seconds", 1200);
    assert_num(row, "update_breaches", 1);
    assert_num(row, "mttr_seconds", 7200);
    assert_true(json_is_null(json_object_get(row, "mttd_seconds")));
    assert_num(json_object_get(row, "by_severity"), "sev3", 1);
    json_decref(doc);
    run_free(&r);
}

/* ---- interface ---- */

static void
test_cli_exit_codes_and_help(void **state)
{
    run_result r;

    (void)state;
    r = run("--help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Usage: aftercast"));
    run_free(&r);
    r = run("--version");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "aftercast "));
    run_free(&r);
    r = run("availability --help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--month"));
    run_free(&r);
    r = run("bogus");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown command 'bogus'"));
    assert_string_equal(r.out, "");
    run_free(&r);
    r = run("availability --month 2026-13");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "2026-13"));
    run_free(&r);
    r = run("availability");
    assert_int_equal(r.status, 2);
    run_free(&r);
    /* No database yet: a runtime failure naming the file (or, on
     * PostgreSQL, the database, without the connection string). */
    r = run("availability --month 2026-02");
    assert_int_equal(r.status, 1);
    if (test_on_pg())
        assert_non_null(strstr(r.err, "no aftercast data in database "
                                      "'postgresql://postgres@"));
    else
        assert_non_null(strstr(r.err, "t.db"));
    run_free(&r);
}

static void
test_cli_bad_import_leaves_database_untouched(void **state)
{
    run_result before, r, after;
    char bad[192];
    FILE *fp;

    (void)state;
    import_ok(WORKED "base.json " WORKED "ex1.json");
    before = run("export all");
    snprintf(bad, sizeof bad, "%s/bad.ndjson", tmpdir);
    fp = fopen(bad, "w");
    fputs("{\"kind\": \"service\", \"id\": \"new\"}\n"
          "{\"kind\": \"incident\", \"id\": \"ex1\", \"title\": \"Changed\","
          " \"started_at\": \"2026-02-03T10:00:00Z\", \"resolved_at\": "
          "\"2026-02-03T09:00:00Z\", \"impacts\": [{\"service\": \"api\","
          " \"level\": \"major\"}]}\n",
          fp);
    fclose(fp);
    r = run("import '%s'", bad);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "bad.ndjson:2: resolved_at: resolved "
                                  "before it started"));
    assert_string_equal(r.out, "");
    after = run("export all");
    assert_string_equal(before.out, after.out);
    run_free(&r);
    run_free(&after);
    /* Importing the good files again changes nothing either. */
    import_ok(WORKED "base.json " WORKED "ex1.json");
    after = run("export all");
    assert_string_equal(before.out, after.out);
    run_free(&before);
    run_free(&after);
}

static void
test_cli_csv_columns_in_documented_order(void **state)
{
    run_result r;

    (void)state;
    import_ok(WORKED "base.json " WORKED "ex1.json");
    r = run("availability --month 2026-02 --as-of 2026-06-01T00:00:00Z "
            "--format csv");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(
        r.out,
        "client,service,window_start,window_end,eligible_seconds,"
        "excluded_seconds,downtime_seconds,major_seconds,partial_seconds,"
        "degraded_seconds,availability,target,met,budget_seconds,"
        "budget_remaining_seconds,credit_percent\r\n"
        "acme,api,2026-02-01T00:00:00Z,2026-03-01T00:00:00Z,2419200,0,"
        "3600.0,3600,0,0,99.85119047619048,99.9,false,2419.2,-1180.8,0.0"));
    run_free(&r);
    r = run("availability --month 2026-02 --as-of 2026-06-01T00:00:00Z");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "99.851"));
    assert_non_null(strstr(r.out, "BREACH"));
    assert_non_null(strstr(r.out, "1h 00m"));
    run_free(&r);
}

static void
test_cli_export_round_trips(void **state)
{
    run_result a, b, r;
    char path[192], cmd[512];

    (void)state;
    import_ok(WORKED "base.json " WORKED "ex3.json " WORKED "ex8.ndjson");
    import_ok(WORKED "ex7.json");
    a = run("export all --format ndjson");
    assert_int_equal(a.status, 0);
    snprintf(path, sizeof path, "%s/all.ndjson", tmpdir);
    {
        FILE *fp = fopen(path, "w");
        fputs(a.out, fp);
        fclose(fp);
    }
    snprintf(cmd, sizeof cmd, "rm -f '%s'*", db);
    assert_int_equal(system(cmd), 0);
    r = run("import '%s'", path);
    assert_int_equal(r.status, 0);
    run_free(&r);
    b = run("export all --format ndjson");
    assert_string_equal(a.out, b.out);
    run_free(&a);
    run_free(&b);
}

static void
test_cli_statuspage_detected_with_client(void **state)
{
    run_result r;
    json_t *doc, *row;

    (void)state;
    r = run("import --client cloud '%s/statuspage/list.json' "
            "'%s/statuspage/broken.json'",
            AFT_TEST_DATA, AFT_TEST_DATA);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "broken.json: incident.resolved_at: "
                                  "incident 'inc-broken' resolved before it "
                                  "started"));
    run_free(&r);
    r = run("import --skip-invalid --client cloud '%s/statuspage/list.json' "
            "'%s/statuspage/broken.json'",
            AFT_TEST_DATA, AFT_TEST_DATA);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "aftercast: skipped: "));
    assert_non_null(strstr(r.err, "skipped 2 Statuspage incidents with no "
                                  "impact"));
    run_free(&r);
    /* The ongoing critical incident: db down from 14:00Z on the 14th
     * until as_of, 10:00 on the 15th (Berlin month). */
    r = run("availability --month 2026-03 --client cloud "
            "--as-of 2026-03-15T10:00:00Z --format json");
    assert_int_equal(r.status, 0);
    doc = json_loads(r.out, 0, NULL);
    row = json_array_get(json_object_get(doc, "rows"), 1);
    assert_string_equal(json_string_value(json_object_get(row, "service")),
                        "db");
    assert_num(row, "major_seconds", 20 * 3600);
    json_decref(doc);
    run_free(&r);
}

static void
test_cli_pagerduty_with_level(void **state)
{
    run_result r;

    (void)state;
    r = run("import --format pagerduty --level partial '%s/pagerduty/"
            "incidents.csv'",
            AFT_TEST_DATA);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "imported 2 services, 0 clients, "
                                  "3 incidents"));
    run_free(&r);
    r = run("export incidents --format csv");
    assert_non_null(strstr(r.out, "PABC125,Flapping check,sev3,"
                                  "2026-03-12T09:00:00Z,2026-03-12T09:00:00Z,,"
                                  "2026-03-12T09:05:00Z,PSVC1|partial_outage"));
    run_free(&r);
    r = run("import --level catastrophic x.csv");
    assert_int_equal(r.status, 2);
    run_free(&r);
}

/* export as JSON, and as CSV one kind a file, each imported into an
 * empty database, gives the same database. */
static void
test_cli_export_round_trips_json_and_csv(void **state)
{
    static const char *const kinds[] = {"services", "clients", "incidents",
                                        "maintenances"};
    char cmd[1024], files[1024] = "";
    run_result a, b, r;
    size_t i;

    (void)state;
    import_ok(WORKED "base.json " WORKED "ex3.json " WORKED "ex8.ndjson");
    import_ok(WORKED "ex7.json " AFT_TEST_DATA "/report/clients.json");
    a = run("export all --format json");
    for (i = 0; i < 4; i++) {
        char path[256];
        FILE *fp;
        snprintf(path, sizeof path, "%s/%s.csv", tmpdir, kinds[i]);
        r = run("export %s --format csv", kinds[i]);
        assert_int_equal(r.status, 0);
        fp = fopen(path, "w");
        fputs(r.out, fp);
        fclose(fp);
        run_free(&r);
        strcat(files, " '");
        strcat(files, path);
        strcat(files, "'");
    }
    snprintf(cmd, sizeof cmd, "rm -f '%s'*", db);
    assert_int_equal(system(cmd), 0);
    r = run("import%s", files);
    if (r.status != 0)
        fail_msg("CSV re-import failed: %s", r.err);
    run_free(&r);
    b = run("export all --format json");
    assert_string_equal(a.out, b.out);
    run_free(&b);
    /* And the JSON document itself. */
    {
        char path[256];
        FILE *fp;
        snprintf(path, sizeof path, "%s/all.json", tmpdir);
        fp = fopen(path, "w");
        fputs(a.out, fp);
        fclose(fp);
        assert_int_equal(system(cmd), 0);
        r = run("import '%s'", path);
        assert_int_equal(r.status, 0);
        run_free(&r);
    }
    b = run("export all --format json");
    assert_string_equal(a.out, b.out);
    run_free(&a);
    run_free(&b);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_cli_example1),
        T(test_cli_example2),
        T(test_cli_example3_and_4),
        T(test_cli_example5),
        T(test_cli_example6),
        T(test_cli_example7),
        T(test_cli_example8_metrics),
        T(test_cli_exit_codes_and_help),
        T(test_cli_bad_import_leaves_database_untouched),
        T(test_cli_csv_columns_in_documented_order),
        T(test_cli_export_round_trips),
        T(test_cli_export_round_trips_json_and_csv),
        T(test_cli_statuspage_detected_with_client),
        T(test_cli_pagerduty_with_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
