/*
 * test_record_csv.c - the native CSV layout: the formula guard and the
 * column tables the reader and the writer share.
 */
#include "cmocka_all.h"
#include "model/record_csv.h"

static void
test_needs_guard(void **state)
{
    static const struct {
        const char *s;
        int guard;
    } cases[] = {
        /* What a spreadsheet would read as a formula, or strip. */
        {"=SUM(A1:A9)", 1},
        {"+1-2 a change", 1},
        {"-2", 1},
        {"@cmd", 1},
        {"\tx", 1},
        {"\rx", 1},
        /* A leading apostrophe is guarded too, so that the reader's
         * removal of one gives the text back. */
        {"'quoted", 1},
        {"plain", 0},
        {"a=b", 0},
        {" =x", 0},
        {"\nx", 0},
        {"0", 0},
        {"", 0},
        {NULL, 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (aft_csv_needs_guard(cases[i].s) != cases[i].guard)
            fail_msg("case %zu: want %d", i, cases[i].guard);
}

static void
test_columns_of_each_kind(void **state)
{
    static const struct {
        aft_kind kind;
        size_t n;
        const char *first, *last;
    } cases[] = {
        {AFT_KIND_SERVICE, 2, "id", "name"},
        {AFT_KIND_CLIENT, 13, "id", "contacts"},
        {AFT_KIND_INCIDENT, 13, "id", "updates"},
        {AFT_KIND_MAINTENANCE, 13, "id", "issues"},
    };
    size_t i, n;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const csv_col *c = aft_csv_columns(cases[i].kind, &n);
        assert_int_equal(n, cases[i].n);
        assert_string_equal(c[0].name, cases[i].first);
        assert_string_equal(c[n - 1].name, cases[i].last);
    }
}

static void
test_column_lookup(void **state)
{
    const csv_col *c;

    (void)state;
    c = aft_csv_column(AFT_KIND_CLIENT, "credits");
    assert_non_null(c);
    assert_int_equal(c->type, CSV_STRUCT);
    assert_string_equal(c->parts[0], "below");
    assert_string_equal(c->parts[1], "credit");
    assert_null(c->parts[2]);
    assert_string_equal(c->numeric[1], "credit"); /* both are numbers */
    c = aft_csv_column(AFT_KIND_CLIENT, "services");
    assert_string_equal(c->parts[3], "until");
    assert_string_equal(c->numeric[0], "sla_target");
    assert_null(c->numeric[1]);
    c = aft_csv_column(AFT_KIND_INCIDENT, "impacts");
    assert_int_equal(c->type, CSV_STRUCT);
    assert_string_equal(c->parts[1], "level");
    assert_null(c->numeric);
    assert_int_equal(aft_csv_column(AFT_KIND_CLIENT, "sla_target")->type,
                     CSV_NUM);
    assert_int_equal(aft_csv_column(AFT_KIND_MAINTENANCE, "services")->type,
                     CSV_LIST);
    assert_int_equal(aft_csv_column(AFT_KIND_SERVICE, "name")->type, CSV_TEXT);
    assert_null(aft_csv_column(AFT_KIND_SERVICE, "nope"));
    assert_null(aft_csv_column(AFT_KIND_SERVICE, "ID")); /* exact case */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_needs_guard),
        cmocka_unit_test(test_columns_of_each_kind),
        cmocka_unit_test(test_column_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
