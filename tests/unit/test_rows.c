/*
 * test_rows.c - the record writer: JSON, NDJSON and CSV text of records
 * handed to it one at a time, and the order it insists on.
 */
#include "cmocka_all.h"
#include "aftercast/export.h"

static const aft_service SERVICES[] = {
    {"api", "API"}, {"web", "Web, \"new\""}, {"x", "=1+1"}
};

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
                                               &SERVICES[i], NULL), AFT_OK);
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
    assert_string_equal(s,
        "{\"kind\": \"service\", \"id\": \"api\", \"name\": \"API\"}\n"
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
    assert_string_equal(s,
        "id,name\r\n"
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
                                           &err), AFT_EINVALID);
    assert_int_equal(aft_record_writer_begin(w, AFT_KIND_SERVICE, &err),
                     AFT_OK);
    assert_int_equal(aft_record_writer_add(w, AFT_KIND_CLIENT, &SERVICES[0],
                                           &err), AFT_EINVALID);
    assert_int_equal(err.code, AFT_EINVALID);
    /* CSV holds one kind a file. */
    assert_int_equal(aft_record_writer_begin(w, AFT_KIND_CLIENT, &err),
                     AFT_EINVALID);
    assert_non_null(strstr(err.message, "one kind"));
    aft_record_writer_free(w);
    aft_record_writer_free(NULL);   /* a no-op */
    fclose(fp);
    free(buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_records_as_json),
        cmocka_unit_test(test_rows_records_as_ndjson),
        cmocka_unit_test(test_rows_records_as_csv_quoted_and_guarded),
        cmocka_unit_test(test_rows_records_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
