/*
 * test_detect.c - detect.c: which format a file's content (or --format)
 * chooses, one table row per case, and the names --format accepts.
 */
#include "cmocka_all.h"

#include "ingest/detect.h"

/* What import.c would choose for text: the stream's first line, then the
 * parsed document or the CSV header (split at commas, no quoting). */
static aft_format
detect_text(aft_format asked, const char *text)
{
    FILE *fp = tmpfile();
    aft_format f;

    assert_non_null(fp);
    fputs(text, fp);
    rewind(fp);
    f = aft_detect__stream(asked, fp);
    assert_int_equal(ftell(fp), 0); /* the reader starts at the top */
    if (f == AFT_FORMAT_JSON || f == AFT_FORMAT_STATUSPAGE) {
        json_t *doc = json_loadf(fp, 0, NULL);
        if (json_is_object(doc))
            f = aft_detect__document(asked, doc);
        json_decref(doc);
    } else if (f == AFT_FORMAT_CSV || f == AFT_FORMAT_PAGERDUTY) {
        char line[256] = "", *save = NULL, *tok;
        aft_csv_cell cells[16];
        aft_csv_row header = {cells, 0, 0, 1};

        if (fgets(line, sizeof line, fp) != NULL)
            line[strcspn(line, "\r\n")] = '\0';
        for (tok = strtok_r(line, ",", &save); tok != NULL && header.n < 16;
             tok = strtok_r(NULL, ",", &save))
            cells[header.n++] = (aft_csv_cell){tok, strlen(tok)};
        f = aft_detect__csv_header(asked, &header);
    }
    fclose(fp);
    return f;
}

static void
test_detect_content_and_format_table(void **state)
{
    static const struct {
        aft_format asked;
        const char *text;
        aft_format want;
    } rows[] = {
        /* by content */
        {AFT_FORMAT_AUTO,
         "{\"kind\": \"service\", \"id\": \"a\"}\n"
         "{\"kind\": \"client\", \"id\": \"c\"}\n",
         AFT_FORMAT_NDJSON},
        {AFT_FORMAT_AUTO,
         "  \n{\"page\": {\"name\": \"P\"}, "
         "\"incidents\": []}\n",
         AFT_FORMAT_STATUSPAGE},
        {AFT_FORMAT_AUTO, "{\n  \"page\": {\"name\": \"P\"}\n}\n",
         AFT_FORMAT_STATUSPAGE}, /* found in the document */
        {AFT_FORMAT_AUTO, "{\"services\": []}\n", AFT_FORMAT_JSON},
        {AFT_FORMAT_AUTO, "{\n\"services\": [],\n\"kind\": 1}\n",
         AFT_FORMAT_JSON}, /* "kind" not on line one */
        {AFT_FORMAT_AUTO, "[1, 2]\n", AFT_FORMAT_JSON},
        {AFT_FORMAT_AUTO, "{\"kind\": \"service\"\n", AFT_FORMAT_JSON},
        /* The first line is scanned, not parsed (2026-11-24: a document
         * on one line was parsed twice): only top-level keys count, and
         * only of one whole object. */
        {AFT_FORMAT_AUTO, "{\"a\": {\"kind\": 1}, \"b\": \"kind\"}\n",
         AFT_FORMAT_JSON},
        {AFT_FORMAT_AUTO, "{\"a\": [\"x\", {\"page\": 1}], \"kind\": 2}\n",
         AFT_FORMAT_NDJSON},
        {AFT_FORMAT_AUTO, "{\"s\": \"}\\\"{\", \"kind\": 1}\r\n",
         AFT_FORMAT_NDJSON}, /* braces and a quote inside a string */
        {AFT_FORMAT_AUTO, "{\"kind\": 1} {\"kind\": 2}\n", AFT_FORMAT_JSON},
        {AFT_FORMAT_AUTO, "{\"kinds\": 1, \"pag\": 2}\n", AFT_FORMAT_JSON},
        {AFT_FORMAT_AUTO, "{\"page\": {}, \"incidents\": []}",
         AFT_FORMAT_STATUSPAGE}, /* no newline at the end */
        {AFT_FORMAT_AUTO, "id,name\napi,API\n", AFT_FORMAT_CSV},
        {AFT_FORMAT_AUTO, "id,created_on,service_id\n", AFT_FORMAT_PAGERDUTY},
        {AFT_FORMAT_AUTO, "incident_number,created_on\n", AFT_FORMAT_PAGERDUTY},
        {AFT_FORMAT_AUTO, "id,created_on\n", AFT_FORMAT_CSV},
        {AFT_FORMAT_AUTO, "id,service_id\n", AFT_FORMAT_CSV},
        {AFT_FORMAT_AUTO, "", AFT_FORMAT_CSV},
        {AFT_FORMAT_AUTO, " \n\t\n", AFT_FORMAT_CSV},
        /* asked with --format */
        {AFT_FORMAT_CSV, "id,created_on,service_id\n", AFT_FORMAT_CSV},
        {AFT_FORMAT_PAGERDUTY, "id,name\n", AFT_FORMAT_PAGERDUTY},
        {AFT_FORMAT_STATUSPAGE, "{\"services\": []}\n", AFT_FORMAT_STATUSPAGE},
        {AFT_FORMAT_JSON, "{\"page\": {}}\n", AFT_FORMAT_STATUSPAGE},
        {AFT_FORMAT_JSON, "{\"kind\": \"service\"}\n", AFT_FORMAT_JSON},
        {AFT_FORMAT_NDJSON, "id,name\n", AFT_FORMAT_NDJSON},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        aft_format got = detect_text(rows[i].asked, rows[i].text);
        if (got != rows[i].want)
            fail_msg("row %zu: got format %d, want %d", i, (int)got,
                     (int)rows[i].want);
    }
}

static void
test_detect_format_names(void **state)
{
    static const struct {
        const char *name;
        int rc;
        aft_format want;
    } rows[] = {
        {"json", AFT_OK, AFT_FORMAT_JSON},
        {"JSON", AFT_OK, AFT_FORMAT_JSON},
        {"ndjson", AFT_OK, AFT_FORMAT_NDJSON},
        {"jsonl", AFT_OK, AFT_FORMAT_NDJSON},
        {"Csv", AFT_OK, AFT_FORMAT_CSV},
        {"statuspage", AFT_OK, AFT_FORMAT_STATUSPAGE},
        {"PagerDuty", AFT_OK, AFT_FORMAT_PAGERDUTY},
        {"xml", AFT_EINVALID, AFT_FORMAT_AUTO},
        {"", AFT_EINVALID, AFT_FORMAT_AUTO},
        {"json ", AFT_EINVALID, AFT_FORMAT_AUTO},
        {NULL, AFT_EINVALID, AFT_FORMAT_AUTO},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        aft_format f = AFT_FORMAT_AUTO; /* unchanged on failure */
        assert_int_equal(aft_format_parse(&f, rows[i].name), rows[i].rc);
        assert_int_equal(f, rows[i].want);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_content_and_format_table),
        cmocka_unit_test(test_detect_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
