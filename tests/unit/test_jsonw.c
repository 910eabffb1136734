/*
 * test_jsonw.c - the JSON writer: shortest doubles, separators, string
 * escapes, one record a line, jansson values.
 */
#include "cmocka_all.h"
#include "base/jsonw.h"

/* Output of a writer session: open it, write, then take the text. */
typedef struct sink {
    char *buf;
    size_t len;
    FILE *fp;
    jsonw w;
} sink;

static void
sink_open(sink *s)
{
    s->buf = NULL;
    s->fp = open_memstream(&s->buf, &s->len);
    assert_non_null(s->fp);
    jw_init(&s->w, s->fp);
}

/* Close the stream and compare its text with want. */
static void
sink_check(sink *s, const char *want)
{
    fclose(s->fp);
    assert_string_equal(s->buf, want);
    free(s->buf);
}

static void
test_format_real_shortest_round_trip(void **state)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        /* %.15g already reads back: no noise digits. */
        {99.9, "99.9"},
        {2419.2, "2419.2"},
        {99.95, "99.95"},
        {0.3, "0.3"},
        /* 0.1 + 0.2 = 0.30000000000000004: %.15g and %.16g both print
         * 0.3, a different double, so 17 digits are needed. */
        {0.1 + 0.2, "0.30000000000000004"},
        /* 1/3 = 0.33333333333333331483...: 16 digits are within half a
         * step (2^-54 = 2.8e-17) of it, 15 digits are not. */
        {1.0 / 3.0, "0.3333333333333333"},
        /* %g switches to an exponent below 1e-4 or at 1e15 and above;
         * such forms are not whole, so no ".0" is added. */
        {1e-7, "1e-07"},
        {0.0001, "0.0001"},
        {1e21, "1e+21"},
        {1e15, "1e+15"},
        /* Largest power of ten %.15g prints in full: whole, so ".0". */
        {1e14, "100000000000000.0"},
        /* 1.7976931348623157e308 at 15 or 16 digits rounds up past the
         * largest double and reads back as inf. */
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        /* Whole values get ".0" so that they read back as reals. */
        {100.0, "100.0"},
        {0.0, "0.0"},
        {-5.0, "-5.0"},
        /* Negative zero keeps its sign: "%g" prints "-0". */
        {-0.0, "-0.0"},
        {-0.25, "-0.25"},
    };
    char buf[32];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        aft_format_real(buf, cases[i].v);
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("case %zu: got %s, want %s", i, buf, cases[i].want);
        /* Every form reads back as the same double. */
        assert_true(strtod(buf, NULL) == cases[i].v);
    }
}

static void
test_real_not_finite_is_null(void **state)
{
    sink s;

    (void)state;
    sink_open(&s);
    jw_array(&s.w);
    jw_real(&s.w, NAN);
    jw_real(&s.w, INFINITY);
    jw_real(&s.w, -INFINITY);
    jw_real(&s.w, 1.5);
    jw_array_end(&s.w);
    sink_check(&s, "[null, null, null, 1.5]");
}

static void
test_object_and_array_separators(void **state)
{
    sink s;

    (void)state;
    sink_open(&s);
    jw_object(&s.w);
    jw_key(&s.w, "a");
    jw_int(&s.w, -42);
    jw_key(&s.w, "b");
    jw_array(&s.w);
    jw_int(&s.w, INT64_MAX);
    jw_real(&s.w, 2.5);
    jw_null(&s.w);
    jw_bool(&s.w, 1);
    jw_bool(&s.w, 0);
    jw_string(&s.w, NULL); /* NULL string: null */
    jw_array_end(&s.w);
    jw_key(&s.w, "e");
    jw_object(&s.w);
    jw_object_end(&s.w);
    jw_key(&s.w, "f");
    jw_array(&s.w);
    jw_array_end(&s.w);
    jw_key(&s.w, "g");
    jw_string(&s.w, "x");
    jw_object_end(&s.w);
    sink_check(&s, "{\"a\": -42, \"b\": [9223372036854775807, 2.5, null, "
                   "true, false, null], \"e\": {}, \"f\": [], \"g\": \"x\"}");
}

static void
test_string_escapes(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"plain", "\"plain\""},
        {"say \"hi\"", "\"say \\\"hi\\\"\""},
        {"a\\b", "\"a\\\\b\""},
        {"l1\nl2\r\tx", "\"l1\\nl2\\r\\tx\""},
        /* Other control characters: \u00XX, lowercase hex. */
        {"\x01\x08\x0c\x1f", "\"\\u0001\\u0008\\u000c\\u001f\""},
        /* DEL, '/' and non-ASCII UTF-8 pass through unchanged. */
        {"\x7f/", "\"\x7f/\""},
        {"Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac",
         "\"Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac\""},
        {"", "\"\""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sink s;
        sink_open(&s);
        jw_string(&s.w, cases[i].in);
        sink_check(&s, cases[i].want);
    }
}

static void
test_keys_are_escaped_too(void **state)
{
    sink s;

    (void)state;
    sink_open(&s);
    jw_object(&s.w);
    jw_key(&s.w, "k\"\n");
    jw_int(&s.w, 1);
    jw_object_end(&s.w);
    sink_check(&s, "{\"k\\\"\\n\": 1}");
}

static void
test_one_member_a_line(void **state)
{
    sink s;

    (void)state;
    /* The first member gets no comma; each line break replaces the ", "
     * separator; jw_newline closes the last line. */
    sink_open(&s);
    jw_array(&s.w);
    jw_next_line(&s.w);
    jw_object(&s.w);
    jw_key(&s.w, "id");
    jw_int(&s.w, 1);
    jw_object_end(&s.w);
    jw_next_line(&s.w);
    jw_int(&s.w, 2);
    jw_newline(&s.w);
    jw_array_end(&s.w);
    sink_check(&s, "[\n{\"id\": 1},\n2\n]");
}

static void
test_jansson_values_keep_key_order(void **state)
{
    json_t *v = json_loads("{\"z\": 1, \"a\": [2.5, \"s\", null, true, "
                           "false, 3.0], \"m\": {\"k\": -0.0}}",
                           0, NULL);
    sink s;

    (void)state;
    assert_non_null(v);
    sink_open(&s);
    jw_value(&s.w, v);
    /* Insertion order, not sorted; 3.0 stays a real. */
    sink_check(&s, "{\"z\": 1, \"a\": [2.5, \"s\", null, true, false, 3.0], "
                   "\"m\": {\"k\": -0.0}}");
    json_decref(v);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_real_shortest_round_trip),
        cmocka_unit_test(test_real_not_finite_is_null),
        cmocka_unit_test(test_object_and_array_separators),
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_keys_are_escaped_too),
        cmocka_unit_test(test_one_member_a_line),
        cmocka_unit_test(test_jansson_values_keep_key_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
