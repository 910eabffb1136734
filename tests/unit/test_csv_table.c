/*
 * test_csv_table.c - csv_table.c: rows in order with their index and
 * starting line, blank lines and a byte order mark skipped, and the
 * messages for empty and malformed files.
 */
#include "cmocka_all.h"

#include "base/error.h"
#include "ingest/csv_table.h"

typedef struct seen {
    char rows[8][96]; /* "INDEX@LINE: cell|cell|..." */
    size_t n;
    size_t stop_at; /* fail at this index (0: never) */
} seen;

static int
collect(const aft_csv_row *row, void *payload, aft_error *err)
{
    seen *s = payload;
    char *out = s->rows[s->n++];
    size_t i, len;

    if (s->stop_at != 0 && row->index == s->stop_at)
        return aft_error_set(err, AFT_EINVALID, "stop at row %zu", row->index);
    len = (size_t)snprintf(out, 96, "%zu@%zu:", row->index, row->line);
    for (i = 0; i < row->n && len < 96; i++)
        len += (size_t)snprintf(out + len, 96 - len, "%s%s", i ? "|" : " ",
                                row->cells[i].s);
    return AFT_OK;
}

static int
read_text(const char *text, seen *s, aft_error *err)
{
    FILE *fp = tmpfile();
    int rc;

    assert_non_null(fp);
    fputs(text, fp);
    rewind(fp);
    rc = aft_csv_table_read(fp, "t.csv", collect, s, err);
    fclose(fp);
    return rc;
}

static void
test_csv_table_rows_lines_and_skips(void **state)
{
    seen s = {{{0}}, 0, 0};
    aft_error err;

    (void)state;
    assert_int_equal(read_text("\xef\xbb\xbfid,name\n\napi,\"two\nlines\"\n"
                               "\ndb,DB\n",
                               &s, &err),
                     AFT_OK);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.rows[0], "0@1: id|name"); /* no BOM */
    assert_string_equal(s.rows[1], "1@3: api|two\nlines");
    assert_string_equal(s.rows[2], "2@6: db|DB");
}

static void
test_csv_table_callback_failure_stops(void **state)
{
    seen s = {{{0}}, 0, 1};
    aft_error err;

    (void)state;
    assert_int_equal(read_text("id\na\nb\n", &s, &err), AFT_EINVALID);
    assert_string_equal(err.message, "stop at row 1");
    assert_int_equal(s.n, 2); /* the header and the failing row */
}

static void
test_csv_table_empty_and_malformed(void **state)
{
    static const struct {
        const char *text;
        const char *message; /* a prefix of err.message */
    } rows[] = {
        {"", "t.csv: empty CSV file"},
        {"\n\n", "t.csv: empty CSV file"},
        {"id,name\n\"api,API\n", "t.csv:2: malformed CSV: "},
        {"id,name\na\"b,c\n", "t.csv:2: malformed CSV: "},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        seen s = {{{0}}, 0, 0};
        aft_error err;

        assert_int_equal(read_text(rows[i].text, &s, &err), AFT_EINVALID);
        if (strncmp(err.message, rows[i].message, strlen(rows[i].message)))
            fail_msg("row %zu: '%s'", i, err.message);
    }
}

static void
test_csv_table_bad_utf8_position(void **state)
{
    aft_csv_cell cells[] = {{"ok", 2}, {"\x80", 1}, {"x", 1}};
    aft_csv_row row = {cells, 3, 1, 2};

    (void)state;
    assert_int_equal(aft_csv_table_bad_utf8(&row), 1);
    row.n = 1;
    assert_int_equal(aft_csv_table_bad_utf8(&row), 1); /* none: n */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_table_rows_lines_and_skips),
        cmocka_unit_test(test_csv_table_callback_failure_stops),
        cmocka_unit_test(test_csv_table_empty_and_malformed),
        cmocka_unit_test(test_csv_table_bad_utf8_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
