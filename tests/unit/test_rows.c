/*
 * test_rows.c - the row outputs: CSV cells and their formula guard, the
 * record writer (JSON, NDJSON and CSV text of records handed to it one at
 * a time, and the order it insists on), availability and metrics rows.
 */
#include "cmocka_all.h"
#include "aftercast/export.h"
#include "render/rows/csv_cell.h"

static const aft_service SERVICES[] = {
    {"api", "API"}, {"web", "Web, \"new\""}, {"x", "=1+1"}};

/* The services written as fmt, with the clients begun after them when
 * with_clients; the caller frees the text. */
static char *
write_services(aft_export_format fmt, int with_clients)
{
    char *buf = NULL;
    size_t len = 0, i;
    FILE *fp = open_memstream(&buf, &len);
    aft_record_writer *w;

    assert_non_null(fp);
    assert_int_equal(aft_record_writer_new(&w, fp, fmt, NULL), AFT_OK);
    assert_int_equal(aft_record_writer_begin(w, AFT_KIND_SERVICE, NULL),
                     AFT_OK);
    for (i = 0; i < 3; i++)
        assert_int_equal(aft_record_writer_add(w, AFT_KIND_SERVICE,
                                               &SERVICES[i], NULL),
                         AFT_OK);
    if (with_clients)
        assert_int_equal(aft_record_writer_begin(w, AFT_KIND_CLIENT, NULL),
                         AFT_OK);
    assert_int_equal(aft_record_writer_finish(w, NULL), AFT_OK);
    aft_record_writer_free(w);
    fclose(fp);
    return buf;
}

static void
test_rows_records_as_json(void **state)
{
    char *s = write_services(AFT_EXPORT_JSON, 1);

    (void)state;
    assert_string_equal(s,
                        "{\"services\": [\n"
                        "{\"id\": \"api\", \"name\": \"API\"},\n"
                        "{\"id\": \"web\", \"name\": \"Web, \\\"new\\\"\"},\n"
                        "{\"id\": \"x\", \"name\": \"=1+1\"}\n"
                        "], \"clients\": [\n"
                        "]}\n");
    free(s);
}

static void
test_rows_records_as_ndjson(void **state)
{
    char *s = write_services(AFT_EXPORT_NDJSON, 0);

    (void)state;
    assert_string_equal(
        s, "{\"kind\": \"service\", \"id\": \"api\", \"name\": \"API\"}\n"
           "{\"kind\": \"service\", \"id\": \"web\", \"name\": "
           "\"Web, \\\"new\\\"\"}\n"
           "{\"kind\": \"service\", \"id\": \"x\", \"name\": \"=1+1\"}\n");
    free(s);
}

static void
test_rows_records_as_csv_quoted_and_guarded(void **state)
{
    char *s = write_services(AFT_EXPORT_CSV, 0);

    (void)state;
    assert_string_equal(s, "id,name\r\n"
                           "api,API\r\n"
                           "web,\"Web, \"\"new\"\"\"\r\n"
                           "x,'=1+1\r\n");
    free(s);
}

static void
test_rows_records_in_order(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    aft_record_writer *w;
    aft_error err;

    (void)state;
    assert_int_equal(aft_record_writer_new(&w, fp, AFT_EXPORT_CSV, &err),
                     AFT_OK);
    /* Nothing begun yet, then a record of another kind. */
    assert_int_equal(aft_record_writer_add(w, AFT_KIND_SERVICE, &SERVICES[0],
                                           &err),
                     AFT_EINVALID);
    assert_int_equal(aft_record_writer_begin(w, AFT_KIND_SERVICE, &err),
                     AFT_OK);
    assert_int_equal(aft_record_writer_add(w, AFT_KIND_CLIENT, &SERVICES[0],
                                           &err),
                     AFT_EINVALID);
    assert_int_equal(err.code, AFT_EINVALID);
    /* CSV holds one kind a file. */
    assert_int_equal(aft_record_writer_begin(w, AFT_KIND_CLIENT, &err),
                     AFT_EINVALID);
    assert_non_null(strstr(err.message, "one kind"));
    aft_record_writer_free(w);
    aft_record_writer_free(NULL); /* a no-op */
    fclose(fp);
    free(buf);
}

/* One cell each: (text, first) -> what is written. */
static char *
cells(void (*cell)(FILE *, const char *, int), const char *s, int first)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    assert_non_null(fp);
    cell(fp, s, first);
    fclose(fp);
    return buf;
}

static void
test_csv_cell_quotes_only_when_needed(void **state)
{
    static const struct {
        const char *s;
        int first;
        const char *want;
    } rows[] = {
        {"plain", 1, "plain"},
        {"plain", 0, ",plain"}, /* a comma before the others */
        {"", 0, ","},
        {"a,b", 1, "\"a,b\""},
        {"say \"hi\"", 1, "\"say \"\"hi\"\"\""}, /* quotes doubled */
        {"two\nlines", 0, ",\"two\nlines\""},
        {"cr\r", 1, "\"cr\r\""},
        {"=1+1", 1, "=1+1"}, /* no guard on plain cells */
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *s = cells(aft_rows__csv_cell, rows[i].s, rows[i].first);

        assert_string_equal(s, rows[i].want);
        free(s);
    }
}

static void
test_csv_text_guards_formulas(void **state)
{
    static const struct {
        const char *s;
        const char *want;
    } rows[] = {
        {"=1+1", "'=1+1"}, {"+31 20", "'+31 20"},
        {"-3", "'-3"},     {"@sum", "'@sum"},
        {"\tx", "'\tx"},   {"\rx", "\"'\rx\""}, /* guarded, then quoted */
        {"'q", "''q"},     {"=a,b", "\"'=a,b\""},
        {"a=b", "a=b"}, /* only the first character */
        {"", ""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *s = cells(aft_rows__csv_text, rows[i].s, 1);

        assert_string_equal(s, rows[i].want);
        free(s);
    }
}

/* 2026-11-24: list cells (impacts, clients, preventive actions, updates,
 * services) were written without the formula guard. The guard of a list
 * cell is a backslash, an escape the list syntax already undoes. */
static void
test_csv_list_guards_formulas(void **state)
{
    static const struct {
        const char *s;
        const char *want;
    } rows[] = {
        {"=HYPERLINK(\"http://x\")", "\"\\=HYPERLINK(\"\"http://x\"\")\""},
        {"+1;b", "\\+1;b"},
        {"-3|x", "\\-3|x"},
        {"@a;=b", "\\@a;=b"}, /* only the cell's first character */
        {"a;=b", "a;=b"},
        {"", ""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *s = cells(aft_rows__csv_list, rows[i].s, 1);

        assert_string_equal(s, rows[i].want);
        free(s);
    }
}

/*
 * One availability row, April 2026 (30 days): E = 30 * 86400 = 2,592,000
 * s after 7200 s excluded; 1800 s major and 2640 s partial at 30 %:
 * D = 1800 + 792 = 2592 s, A = (1 - 2592 / 2,592,000) * 100 = 99.9 %
 * against 99.5 %: met; budget 0.005 * 2,592,000 = 12,960 s, 10,368 s
 * left; no credit. The client level has no availability.
 */
static const aft_avail_row AVAIL[] = {
    {"acme",
     "api",
     {1775001600, 1777593600},
     {2592000, 7200, 2592.0, 1800, 2640, 0, 1, 99.9, 99.5, 1, 12960.0, 10368.0,
      0.0}},
    {"=acme",
     NULL,
     {1775001600, 1777593600},
     {0, 0, 0.0, 0, 0, 0, 0, 0.0, 99.9, 0, 0.0, 0.0, 0.0}},
};

/* 1 Apr 2026 is day 20544: 20544 * 86400 = 1,775,001,600; 1 May is 30
 * days on: 1,777,593,600; as of 2 May 2026 = 1,777,680,000. */
#define APR_AS_OF 1777680000

static char *
write_avail(aft_export_format fmt, const char *const *labels)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    int rc;

    assert_non_null(fp);
    if (labels == NULL)
        rc = aft_write_availability(fp, fmt, AVAIL, 2, "2026-04", APR_AS_OF,
                                    NULL);
    else
        rc = aft_write_availability_periods(fp, fmt, AVAIL, labels, 2,
                                            "2026-04", APR_AS_OF, NULL);
    assert_int_equal(rc, AFT_OK);
    fclose(fp);
    return buf;
}

static void
test_availability_rows_as_json(void **state)
{
    char *s = write_avail(AFT_EXPORT_JSON, NULL);

    (void)state;
    assert_int_equal(UTC(2026, 4, 1, 0, 0), 1775001600);
    assert_int_equal(UTC(2026, 5, 2, 0, 0), APR_AS_OF);
    assert_string_equal(
        s, "{\"period\": \"2026-04\", \"as_of\": \"2026-05-02T00:00:00Z\", "
           "\"rows\": [\n"
           "{\"client\": \"acme\", \"service\": \"api\", "
           "\"window_start\": \"2026-04-01T00:00:00Z\", "
           "\"window_end\": \"2026-05-01T00:00:00Z\", "
           "\"eligible_seconds\": 2592000, \"excluded_seconds\": 7200, "
           "\"downtime_seconds\": 2592.0, \"major_seconds\": 1800, "
           "\"partial_seconds\": 2640, \"degraded_seconds\": 0, "
           "\"availability\": 99.9, \"target\": 99.5, \"met\": true, "
           "\"budget_seconds\": 12960.0, "
           "\"budget_remaining_seconds\": 10368.0, \"credit_percent\": 0.0},\n"
           "{\"client\": \"=acme\", \"service\": null, "
           "\"window_start\": \"2026-04-01T00:00:00Z\", "
           "\"window_end\": \"2026-05-01T00:00:00Z\", "
           "\"eligible_seconds\": 0, \"excluded_seconds\": 0, "
           "\"downtime_seconds\": 0.0, \"major_seconds\": 0, "
           "\"partial_seconds\": 0, \"degraded_seconds\": 0, "
           "\"availability\": null, \"target\": 99.9, \"met\": null, "
           "\"budget_seconds\": 0.0, "
           "\"budget_remaining_seconds\": 0.0, \"credit_percent\": 0.0}\n"
           "]}\n");
    free(s);
}

/* CSV: the same fields as columns, the label first; a missing figure is
 * an empty cell, text from input is guarded. */
static void
test_availability_rows_as_csv_with_periods(void **state)
{
    const char *labels[] = {"2026-04", NULL};
    char *s = write_avail(AFT_EXPORT_CSV, labels);

    (void)state;
    assert_string_equal(
        s, "period,client,service,window_start,window_end,eligible_seconds,"
           "excluded_seconds,downtime_seconds,major_seconds,partial_seconds,"
           "degraded_seconds,availability,target,met,budget_seconds,"
           "budget_remaining_seconds,credit_percent\r\n"
           "2026-04,acme,api,2026-04-01T00:00:00Z,2026-05-01T00:00:00Z,"
           "2592000,7200,2592.0,1800,2640,0,99.9,99.5,true,12960.0,10368.0,"
           "0.0\r\n"
           ",'=acme,,2026-04-01T00:00:00Z,2026-05-01T00:00:00Z,"
           "0,0,0.0,0,0,0,,99.9,,0.0,0.0,0.0\r\n");
    free(s);
}

/*
 * Three incidents (one sev1, two sev3) repaired in 1800, 3600 and
 * 10,800 s: MTTR (1800 + 3600 + 10800) / 3 = 5400 s, median 3600 s;
 * detected 300 s after the start on average; no acknowledgement and no
 * update: null. Two maintenances, one announced.
 */
static const aft_metrics_row METRICS[] = {
    {"acme",
     {3,
      {1, 0, 2, 0},
      1,
      0,
      1,
      0,
      300.0,
      0.0,
      5400.0,
      3600,
      10800,
      0.0,
      1,
      2,
      1}},
};

static char *
write_metrics(aft_export_format fmt, const char *const *labels)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    int rc;

    assert_non_null(fp);
    if (labels == NULL)
        rc = aft_write_metrics(fp, fmt, METRICS, 1, "2026-04", APR_AS_OF, NULL);
    else
        rc = aft_write_metrics_periods(fp, fmt, METRICS, labels, 1, "2026-Q2",
                                       APR_AS_OF, NULL);
    assert_int_equal(rc, AFT_OK);
    fclose(fp);
    return buf;
}

static void
test_metrics_rows_as_json_with_periods(void **state)
{
    const char *labels[] = {"2026-04"};
    char *s = write_metrics(AFT_EXPORT_JSON, labels);

    (void)state;
    assert_string_equal(
        s, "{\"period\": \"2026-Q2\", \"as_of\": \"2026-05-02T00:00:00Z\", "
           "\"rows\": [\n"
           "{\"period\": \"2026-04\", \"client\": \"acme\", \"incidents\": 3, "
           "\"by_severity\": {\"sev1\": 1, \"sev2\": 0, \"sev3\": 2, "
           "\"sev4\": 0}, \"mttd_seconds\": 300.0, \"mtta_seconds\": null, "
           "\"mttr_seconds\": 5400.0, \"mttr_p50_seconds\": 3600, "
           "\"mttr_p90_seconds\": 10800, \"mean_first_update_seconds\": null, "
           "\"update_breaches\": 1, \"maintenances\": 2, "
           "\"maintenances_announced\": 1}\n"
           "]}\n");
    free(s);
}

/* The severities flattened to four columns. */
static void
test_metrics_rows_as_csv(void **state)
{
    char *s = write_metrics(AFT_EXPORT_CSV, NULL);

    (void)state;
    assert_string_equal(
        s, "client,incidents,sev1,sev2,sev3,sev4,mttd_seconds,mtta_seconds,"
           "mttr_seconds,mttr_p50_seconds,mttr_p90_seconds,"
           "mean_first_update_seconds,update_breaches,maintenances,"
           "maintenances_announced\r\n"
           "acme,3,1,0,2,0,300.0,,5400.0,3600,10800,,1,2,1\r\n");
    free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_records_as_json),
        cmocka_unit_test(test_rows_records_as_ndjson),
        cmocka_unit_test(test_rows_records_as_csv_quoted_and_guarded),
        cmocka_unit_test(test_rows_records_in_order),
        cmocka_unit_test(test_csv_cell_quotes_only_when_needed),
        cmocka_unit_test(test_csv_text_guards_formulas),
        cmocka_unit_test(test_csv_list_guards_formulas),
        cmocka_unit_test(test_availability_rows_as_json),
        cmocka_unit_test(test_availability_rows_as_csv_with_periods),
        cmocka_unit_test(test_metrics_rows_as_json_with_periods),
        cmocka_unit_test(test_metrics_rows_as_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
