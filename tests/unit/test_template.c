/*
 * test_template.c - loading report templates (the shipped default, a
 * broken one, one whose logo is missing) and filling their placeholders.
 */
#include "cmocka_all.h"
#include "aftercast/template.h"
#include "testutil.h"

static void
test_default_template(void **state)
{
    aft_template *t;
    const char *logo;

    (void)state;
    assert_int_equal(aft_template_load(&t, AFT_TEMPLATES "/default", NULL),
                     AFT_OK);
    assert_string_equal(aft_template_get(t, "company"),
                        "Northwind Managed Services");
    assert_string_equal(aft_template_get(t, "text.title"),
                        "Service availability report");
    /* The logo comes back with the template directory before it. */
    logo = aft_template_get(t, "logo");
    assert_string_equal(logo, AFT_TEMPLATES "/default/logo.png");
    /* "#D98E04" from the file; an unknown colour gives the fallback. */
    assert_int_equal(aft_template_color(t, "warn", 0), 0xD98E04);
    assert_int_equal(aft_template_color(t, "nosuch", 0x123456), 0x123456);
    /* Left out by the file: the built-in wording. */
    assert_non_null(aft_template_get(t, "text.summary_met"));
    assert_null(aft_template_get(t, "nosuch"));
    aft_template_free(t);
}

static void
test_builtin_defaults(void **state)
{
    aft_template *t;

    (void)state;
    assert_int_equal(aft_template_load(&t, NULL, NULL), AFT_OK);
    assert_string_equal(aft_template_get(t, "company"),
                        "Your managed-service provider");
    assert_null(aft_template_get(t, "logo"));
    assert_int_equal(aft_template_color(t, "primary", 0), 0x1F3A5F);
    aft_template_free(t);
    aft_template_free(NULL);
}

/* Not JSON: AFT_EINVALID naming the file and line; no template. */
static void
test_broken_template(void **state)
{
    fixture *f = fixture_new();
    aft_template *t = (aft_template *)&t;
    aft_error err = {0};

    (void)state;
    fixture_file(f, "template.json", "{\n  \"company\": \"x\",\n");
    assert_int_equal(aft_template_load(&t, f->dir, &err), AFT_EINVALID);
    assert_null(t);
    assert_int_equal(err.code, AFT_EINVALID);
    assert_non_null(strstr(err.message, "template.json:"));
    fixture_free(f);
}

/* A logo that is not there: AFT_EIO naming it. */
static void
test_missing_logo(void **state)
{
    fixture *f = fixture_new();
    aft_template *t;
    aft_error err = {0};

    (void)state;
    fixture_file(f, "template.json", "{\"logo\": \"nologo.png\"}");
    assert_int_equal(aft_template_load(&t, f->dir, &err), AFT_EIO);
    assert_null(t);
    assert_non_null(strstr(err.message, "nologo.png"));
    fixture_free(f);
}

/* Known placeholders are filled, even twice; an unknown one and a lone
 * brace stay as written; nested keys read as dotted ones. */
static void
test_placeholders(void **state)
{
    fixture *f = fixture_new();
    const char *vars[] = {"client", "Acme", "period", "March 2026", NULL, NULL};
    aft_template *t;
    char *s;

    (void)state;
    fixture_file(f, "template.json",
                 "{\"text\": {\"hello\": \"{client}: {period} ({client}), "
                 "{nosuch} {\", \"plain\": \"no braces\"}}");
    assert_int_equal(aft_template_load(&t, f->dir, NULL), AFT_OK);
    s = aft_template_text(t, "hello", vars);
    assert_string_equal(s, "Acme: March 2026 (Acme), {nosuch} {");
    free(s);
    s = aft_template_text(t, "plain", NULL);
    assert_string_equal(s, "no braces");
    free(s);
    s = aft_template_text(t, "unset", vars);
    assert_string_equal(s, "");
    free(s);
    aft_template_free(t);
    fixture_free(f);
}

/* A long value makes the result grow past its first 256 bytes. */
static void
test_long_expansion(void **state)
{
    char big[1000];
    const char *vars[] = {"client", big, NULL, NULL};
    aft_template *t;
    char *s;

    (void)state;
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(aft_template_load(&t, NULL, NULL), AFT_OK);
    s = aft_template_text(t, "summary_na", vars);
    assert_non_null(strstr(s, big));
    assert_int_equal(strlen(s), strlen("No service time was measured for "
                                       " in {period}.")
                                    + 999);
    free(s);
    aft_template_free(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_template),
        cmocka_unit_test(test_builtin_defaults),
        cmocka_unit_test(test_broken_template),
        cmocka_unit_test(test_missing_logo),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_long_expansion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
