/*
 * test_template.c - loading report templates (the shipped default, a
 * broken one, one whose logo is missing) and filling their placeholders.
 */
#include "cmocka_all.h"
#include <sys/stat.h>
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

/* Write n bytes to DIR/name. */
static void
fixture_bytes(fixture *f, const char *name, const void *bytes, size_t n)
{
    char path[192];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(bytes, 1, n, fp), n);
    fclose(fp);
}

/* Load a template naming logo `name`; expect code and message (after the
 * fixture's directory, written here as DIR). */
static void
expect_logo_error(fixture *f, const char *name, int code, const char *want)
{
    aft_template *t = (aft_template *)&t;
    aft_error err = {0};
    char json[128], msg[512];

    snprintf(json, sizeof json, "{\"logo\": \"%s\"}", name);
    fixture_file(f, "template.json", json);
    assert_int_equal(aft_template_load(&t, f->dir, &err), code);
    assert_null(t);
    snprintf(msg, sizeof msg, want, f->dir);
    assert_string_equal(err.message, msg);
}

/* A PNG's first 33 bytes: signature and IHDR of width x height. */
static void
png_header(unsigned char *b, unsigned w, unsigned h)
{
    static const unsigned char head[16] = {0x89, 'P',  'N', 'G', '\r', '\n',
                                           0x1A, '\n', 0,   0,   0,    13,
                                           'I',  'H',  'D', 'R'};
    memset(b, 0, 33);
    memcpy(b, head, 16);
    b[16] = (unsigned char)(w >> 24), b[17] = (unsigned char)(w >> 16);
    b[18] = (unsigned char)(w >> 8), b[19] = (unsigned char)w;
    b[20] = (unsigned char)(h >> 24), b[21] = (unsigned char)(h >> 16);
    b[22] = (unsigned char)(h >> 8), b[23] = (unsigned char)h;
    b[24] = 8; /* bit depth */
    b[25] = 6; /* RGBA */
}

/* The start of a JPEG file. */
static const char JPEG[] = "\xFF\xD8\xFF\xE0\0\x10JFIF\0\1\1\0\0\1\0\1\0\0";

/* 2026-11-24: hostile logos. A FIFO hung the report for ever, a 1.2 MB
 * PNG of 20000x20000 pixels took 1.2 GB to decode, and a JPEG failed
 * with a bare "PDF error 0x103B". Each is refused at load, by name. */
static void
test_hostile_logos_are_refused(void **state)
{
    fixture *f = fixture_new();
    unsigned char png[33];
    char path[192];
    char *big;

    (void)state;
    snprintf(path, sizeof path, "%s/fifo.png", f->dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    expect_logo_error(f, "fifo.png", AFT_EINVALID,
                      "template logo '%s/fifo.png' is not a regular file");
    expect_logo_error(f, ".", AFT_EINVALID,
                      "template logo '%s/.' is not a regular file");
    fixture_bytes(f, "x.jpg", JPEG, sizeof JPEG - 1);
    expect_logo_error(f, "x.jpg", AFT_EINVALID,
                      "template logo '%s/x.jpg' is not a PNG file");
    fixture_bytes(f, "empty.png", "", 0);
    expect_logo_error(f, "empty.png", AFT_EINVALID,
                      "template logo '%s/empty.png' is not a PNG file");
    png_header(png, 20000, 20000);
    fixture_bytes(f, "huge.png", png, sizeof png);
    expect_logo_error(f, "huge.png", AFT_EINVALID,
                      "template logo '%s/huge.png' is 20000x20000 pixels "
                      "(at most 4096x4096)");
    png_header(png, 4096, 4097);
    fixture_bytes(f, "tall.png", png, sizeof png);
    expect_logo_error(f, "tall.png", AFT_EINVALID,
                      "template logo '%s/tall.png' is 4096x4097 pixels "
                      "(at most 4096x4096)");
    /* 2 MB and one byte. */
    big = calloc(1, AFT_TEMPLATE_MAX_LOGO + 1);
    png_header((unsigned char *)big, 10, 10);
    fixture_bytes(f, "big.png", big, AFT_TEMPLATE_MAX_LOGO + 1);
    free(big);
    expect_logo_error(f, "big.png", AFT_EINVALID,
                      "template logo '%s/big.png' is 2097153 bytes (at most "
                      "2097152)");
    expect_logo_error(f, "nologo.png", AFT_EIO,
                      "template logo '%s/nologo.png': not found");
    fixture_free(f);
}

/* The shipped logo is read once, at load, with its bytes kept. */
static void
test_logo_bytes_kept(void **state)
{
    aft_template *t;
    const unsigned char *png;
    size_t n;

    (void)state;
    assert_int_equal(aft_template_load(&t, AFT_TEMPLATES "/default", NULL),
                     AFT_OK);
    png = aft_template_logo(t, &n);
    assert_non_null(png);
    assert_true(n > 33);
    assert_memory_equal(png, "\x89PNG\r\n\x1A\n", 8);
    aft_template_free(t);
    assert_int_equal(aft_template_load(&t, NULL, NULL), AFT_OK);
    assert_null(aft_template_logo(t, &n));
    assert_int_equal(n, 0);
    aft_template_free(t);
}

/* 2026-11-24: a company name of 1.6 MB failed the PDF with "PDF error
 * 0x105B" (libharu's 64 KB string limit). Strings are capped at load. */
static void
test_long_template_string_refused(void **state)
{
    fixture *f = fixture_new();
    size_t n = AFT_TEMPLATE_MAX_TEXT + 1;
    char *json = malloc(n + 64), msg[256];
    aft_template *t;
    aft_error err = {0};

    (void)state;
    strcpy(json, "{\"x\": {\"company\": \"");
    memset(json + strlen(json), 'a', n);
    strcpy(json + 19 + n, "\"}}");
    fixture_file(f, "template.json", json);
    free(json);
    assert_int_equal(aft_template_load(&t, f->dir, &err), AFT_EINVALID);
    assert_null(t);
    snprintf(msg, sizeof msg,
             "%s/template.json: 'x.company' is 16385 bytes long (at most "
             "16384)",
             f->dir);
    assert_string_equal(err.message, msg);
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
        cmocka_unit_test(test_hostile_logos_are_refused),
        cmocka_unit_test(test_logo_bytes_kept),
        cmocka_unit_test(test_long_template_string_refused),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_long_expansion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
