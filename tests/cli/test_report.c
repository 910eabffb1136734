/*
 * test_report.c - the reports end to end: write them with the CLI, read
 * the PDF back with pdftotext and the XLSX cells back from its XML, and
 * compare them with `availability --format json`. The group setup builds
 * one database and one monthly run that no test changes; each test writes
 * into a directory of its own, so any test runs alone or in any order:
 *   test_report [PATTERN]    (only the tests whose name matches PATTERN)
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

static char dir[64], db[128], out[160];

/* Output of a shell command, and its exit status in *status. */
static char *
capture(int *status, const char *fmt, ...)
{
    char cmd[4096], *buf = NULL;
    size_t len = 0, cap = 0, n;
    va_list ap;
    FILE *fp;
    int st;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    fp = popen(cmd, "r");
    assert_non_null(fp);
    do {
        if (len + 4096 > cap)
            buf = realloc(buf, cap = cap * 2 + 8192);
        n = fread(buf + len, 1, 4096, fp);
        len += n;
    } while (n > 0);
    buf[len] = '\0';
    st = pclose(fp);
    if (status)
        *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf;
}

static int
setup_all(void **state)
{
    int st;
    char *o;

    (void)state;
    snprintf(dir, sizeof dir, "/tmp/aft-report-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    snprintf(db, sizeof db, "%s/r.db", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    o = capture(&st, "'%s' --db '%s' import '%s/report/clients.json' 2>&1",
                AFT_CLI, db, AFT_TEST_DATA);
    free(o);
    if (st != 0)
        return -1;
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 --all "
                "--out '%s' --as-of 2026-03-05T00:00:00Z -j 2 "
                "--template '%s/default' 2>&1",
                AFT_CLI, db, out, AFT_TEMPLATES);
    free(o);
    return st == 0 ? 0 : -1;
}

static int
teardown_all(void **state)
{
    char cmd[160];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static char *
pdf_text(const char *name)
{
    return capture(NULL, "pdftotext -enc UTF-8 -layout '%s/%s' - 2>/dev/null",
                   out, name);
}

/* The XML of part `part` of an XLSX file. */
static char *
xlsx_part(const char *name, const char *part)
{
    return capture(NULL, "unzip -p '%s/%s' '%s'", out, name, part);
}

/* Value text of cell ref in a sheet's XML: the <v> (or inline string),
 * resolving shared strings; *is_formula tells whether it has an <f>. */
static char *
cell(const char *xlsx, int sheet, const char *ref, int *is_formula)
{
    char part[64], key[32], *xml, *p, *end, *v = NULL;
    int shared = 0;

    snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", sheet);
    xml = xlsx_part(xlsx, part);
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    p = strstr(xml, key);
    if (p == NULL) {
        free(xml);
        return NULL;
    }
    end = strstr(p, "</c>");
    if (end != NULL)
        *end = '\0';
    shared = strstr(p, "t=\"s\"") != NULL;
    if (is_formula)
        *is_formula = strstr(p, "<f>") != NULL;
    if ((p = strstr(p, "<v>")) != NULL) {
        p += 3;
        *strstr(p, "</v>") = '\0';
        v = strdup(p);
    }
    free(xml);
    if (v != NULL && shared) {
        int idx = atoi(v), i;
        char *ss = xlsx_part(xlsx, "xl/sharedStrings.xml"), *q = ss;
        free(v);
        v = NULL;
        for (i = 0; i <= idx && q != NULL; i++)
            if ((q = strstr(q, "<si>")) != NULL)
                q += 4;
        if (q != NULL && (q = strstr(q, "<t")) != NULL
            && (q = strchr(q, '>')) != NULL) {
            q++;
            *strstr(q, "</t>") = '\0';
            v = strdup(q);
        }
        free(ss);
    }
    return v;
}

/* cell() for a workbook under the test directory instead of out/. */
static char *
cell2(const char *rel, int sheet, const char *ref, int *is_formula)
{
    char keep[160], *v;

    snprintf(keep, sizeof keep, "%s", out);
    snprintf(out, sizeof out, "%s", dir);
    v = cell(rel, sheet, ref, is_formula);
    snprintf(out, sizeof out, "%s", keep);
    return v;
}

/* availability --format json for one client, as a JSON document. */
static json_t *
availability(const char *client)
{
    char *o = capture(NULL,
                      "'%s' --db '%s' availability --month 2026-02 "
                      "--client '%s' --as-of 2026-03-05T00:00:00Z "
                      "--format json",
                      AFT_CLI, db, client);
    json_t *doc = json_loads(o, 0, NULL);

    free(o);
    assert_non_null(doc);
    return doc;
}

static void
test_report_files_written_inside_out(void **state)
{
    struct stat st;
    char path[256];

    (void)state;
    snprintf(path, sizeof path, "%s/zurich-2026-02.pdf", out);
    assert_int_equal(stat(path, &st), 0);
    snprintf(path, sizeof path, "%s/tokyo-2026-02.xlsx", out);
    assert_int_equal(stat(path, &st), 0);
    /* "../../escape" cannot leave the directory; changed to be safe, its
     * name carries a hash of the id (FNV-1a 64). */
    snprintf(path, sizeof path, "%s/_._.._escape~780b1ce7dacba5d8-2026-02.pdf",
             out);
    assert_int_equal(stat(path, &st), 0);
}

static void
test_report_pdf_is_valid_and_has_metadata(void **state)
{
    int st;
    char *o;

    (void)state;
    o = capture(&st, "qpdf --check '%s/zurich-2026-02.pdf'", out);
    assert_int_equal(st, 0);
    assert_non_null(strstr(o, "No syntax or stream encoding errors"));
    free(o);
    o = capture(&st, "pdfinfo '%s/zurich-2026-02.pdf' 2>/dev/null", out);
    assert_non_null(strstr(o, "Author:          Northwind Managed Services"));
    assert_non_null(strstr(o, "Subject:         Service availability report"));
    free(o);
    o = capture(&st, "pdffonts '%s/zurich-2026-02.pdf' 2>/dev/null", out);
    assert_non_null(strstr(o, "DejaVuSans"));
    free(o);
}

static void
test_report_pdf_figures_match_json(void **state)
{
    json_t *doc = availability("zurich"), *row;
    char want[64], *text;
    size_t i;

    (void)state;
    text = pdf_text("zurich-2026-02.pdf");
    assert_non_null(strstr(text, "Zürich Ærø Services"));
    json_array_foreach(json_object_get(doc, "rows"), i, row)
    {
        double a = json_real_value(json_object_get(row, "availability"));
        snprintf(want, sizeof want, "%.3f %%", a);
        if (strstr(text, want) == NULL)
            fail_msg("PDF lacks %s", want);
    }
    /* The overall row: 1 h of major outage on api over two services. */
    row = json_array_get(json_object_get(doc, "rows"), 2);
    assert_true(json_is_null(json_object_get(row, "service")));
    assert_non_null(strstr(text, "BREACHED") ? text : NULL);
    assert_non_null(strstr(text, "INC-1"));
    assert_non_null(strstr(text, "=HYPERLINK"));
    assert_non_null(strstr(text, "MNT-1"));
    assert_non_null(strstr(text, "(late notice)"));
    assert_non_null(strstr(text, "page 1 of"));
    json_decref(doc);
    free(text);
    text = pdf_text("tokyo-2026-02.pdf");
    assert_non_null(strstr(text, "東京データ株式会社"));
    free(text);
}

static void
test_report_xlsx_cells_match_json(void **state)
{
    json_t *doc = availability("zurich"), *row;
    char *v;
    int f;
    size_t i;

    (void)state;
    /* Services sheet: one row per service, then all services. */
    json_array_foreach(json_object_get(doc, "rows"), i, row)
    {
        char ref[16];
        snprintf(ref, sizeof ref, "G%zu", i + 2);
        v = cell("zurich-2026-02.xlsx", 2, ref, &f);
        assert_non_null(v);
        assert_true(f); /* a formula, carrying its computed value */
        assert_true(fabs(atof(v)
                         - json_real_value(json_object_get(row,
                                                           "availability")))
                    < 1e-9);
        free(v);
        snprintf(ref, sizeof ref, "F%zu", i + 2);
        v = cell("zurich-2026-02.xlsx", 2, ref, &f);
        assert_true(
            fabs(atof(v)
                 - json_number_value(json_object_get(row, "downtime_seconds")))
            < 1e-9);
        free(v);
    }
    json_decref(doc);
    /* Incidents sheet: text from input stays text. */
    v = cell("zurich-2026-02.xlsx", 4, "B2", &f);
    assert_non_null(v);
    assert_false(f);
    assert_string_equal(v, "=HYPERLINK(\"http://x\",\"y\")");
    free(v);
    v = cell("zurich-2026-02.xlsx", 4, "I2", &f);
    assert_false(f);
    assert_string_equal(v, "+1-2 a configuration change");
    free(v);
    /* The client's name, Unicode intact. */
    v = cell("zurich-2026-02.xlsx", 1, "B2", &f);
    assert_string_equal(v, "Zürich Ærø Services");
    free(v);
    v = cell("tokyo-2026-02.xlsx", 1, "B2", &f);
    assert_string_equal(v, "東京データ株式会社");
    free(v);
}

static void
test_report_second_brand_and_failures(void **state)
{
    char path[256], *o, *text;
    int st;

    (void)state;
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 "
                "--client tokyo --out '%s/brand' --as-of "
                "2026-03-05T00:00:00Z --template '%s/example-brand' 2>&1",
                AFT_CLI, db, dir, AFT_TEMPLATES);
    assert_int_equal(st, 0);
    free(o);
    snprintf(path, sizeof path, "%s/brand", dir);
    text = capture(NULL,
                   "pdftotext -enc UTF-8 '%s/tokyo-2026-02.pdf' - "
                   "2>/dev/null",
                   path);
    assert_non_null(strstr(text, "Blue Fjord IT AS"));
    assert_non_null(strstr(text, "Monthly service report"));
    free(text);
    /* A client whose file cannot be written fails alone. */
    snprintf(path, sizeof path, "%s/fail/zurich-2026-02.pdf", dir);
    o = capture(&st, "mkdir -p '%s'", path);
    free(o);
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 --all "
                "--out '%s/fail' --as-of 2026-03-05T00:00:00Z -j 2 "
                "--template '%s/default' 2>&1 >/dev/null",
                AFT_CLI, db, dir, AFT_TEMPLATES);
    assert_int_equal(st, 1);
    assert_non_null(strstr(o, "client 'zurich'"));
    free(o);
    snprintf(path, sizeof path, "%s/fail/tokyo-2026-02.pdf", dir);
    assert_int_equal(access(path, F_OK), 0);
}

static void
test_report_is_reproducible(void **state)
{
    char *o;
    int st;

    (void)state;
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 "
                "--client zurich --out '%s/again' --as-of "
                "2026-03-05T00:00:00Z --template '%s/default' >/dev/null "
                "2>&1 && cmp '%s/zurich-2026-02.pdf' "
                "'%s/again/zurich-2026-02.pdf' && cmp "
                "'%s/zurich-2026-02.xlsx' '%s/again/zurich-2026-02.xlsx'",
                AFT_CLI, db, dir, AFT_TEMPLATES, out, dir, out, dir);
    assert_int_equal(st, 0);
    free(o);
}

static void
test_report_rca_and_maintenance(void **state)
{
    char *o, *text, *v;
    int st, f;

    (void)state;
    o = capture(&st,
                "'%s' --db '%s' report rca INC-1 --out '%s/rca' "
                "--as-of 2026-03-05T00:00:00Z --template '%s/default' "
                "2>&1",
                AFT_CLI, db, dir, AFT_TEMPLATES);
    assert_int_equal(st, 0);
    /* api: zurich and tokyo are affected, the mail-only client is not. */
    assert_non_null(strstr(o, "INC-1-zurich.pdf"));
    assert_non_null(strstr(o, "INC-1-tokyo.pdf"));
    assert_null(strstr(o, "escape"));
    free(o);
    text = capture(NULL,
                   "pdftotext -enc UTF-8 '%s/rca/INC-1-zurich.pdf' - "
                   "2>/dev/null",
                   dir);
    assert_non_null(strstr(text, "Root-cause report"));
    assert_non_null(strstr(text, "=HYPERLINK"));
    /* 10:00Z-11:00Z major: 1 h, local 11:00 in Zurich. */
    assert_non_null(strstr(text, "2026-02-03 11:00"));
    assert_non_null(strstr(text, "1h 00m of weighted downtime"));
    assert_non_null(strstr(text, "Looking."));
    assert_non_null(strstr(text, "+1-2 a configuration change"));
    free(text);
    o = capture(&st, "qpdf --check '%s/rca/INC-1-tokyo.pdf' >/dev/null", dir);
    assert_int_equal(st, 0);
    free(o);
    v = cell2("rca/INC-1-zurich.xlsx", 1, "B9", &f);
    assert_non_null(v);
    assert_true(fabs(atof(v) - 3600) < 1e-9);
    free(v);
    /* The maintenance was announced 9 days ahead against a 14-day
     * policy: all 2 h 30 of it counts, as `availability` says. */
    o = capture(&st,
                "'%s' --db '%s' report maintenance MNT-1 --client "
                "zurich --out '%s/rca' --as-of 2026-03-05T00:00:00Z "
                "--template '%s/default' 2>&1",
                AFT_CLI, db, dir, AFT_TEMPLATES);
    assert_int_equal(st, 0);
    free(o);
    text = capture(NULL,
                   "pdftotext -enc UTF-8 '%s/rca/MNT-1-zurich.pdf' - "
                   "2>/dev/null",
                   dir);
    assert_non_null(strstr(text, "Post-maintenance report"));
    assert_non_null(strstr(text, "not within policy"));
    assert_non_null(strstr(text, "2h 30m of weighted downtime"));
    assert_non_null(strstr(text, "One relay needed a second restart."));
    free(text);
    v = cell2("rca/MNT-1-zurich.xlsx", 1, "B16", &f);
    assert_non_null(v);
    assert_true(fabs(atof(v) - 9000) < 1e-9);
    free(v);
    o = capture(&st, "'%s' --db '%s' report rca NOPE --out '%s/rca' 2>&1",
                AFT_CLI, db, dir);
    assert_int_equal(st, 1);
    assert_non_null(strstr(o, "no incident 'NOPE'"));
    free(o);
}

static void
test_report_portfolio(void **state)
{
    json_t *doc, *row;
    char *o, *text, *v, want[64];
    size_t i, met = 0, measured = 0;
    int st, f;

    (void)state;
    o = capture(NULL,
                "'%s' --db '%s' availability --month 2026-02 --as-of "
                "2026-03-05T00:00:00Z --format json",
                AFT_CLI, db);
    doc = json_loads(o, 0, NULL);
    free(o);
    assert_non_null(doc);
    json_array_foreach(json_object_get(doc, "rows"), i,
                       row) if (json_is_null(json_object_get(row, "service"))
                                && json_is_boolean(json_object_get(row, "met")))
    {
        measured++;
        met += json_is_true(json_object_get(row, "met"));
    }
    json_decref(doc);
    o = capture(&st,
                "'%s' --db '%s' report portfolio --month 2026-02 --out "
                "'%s/pf' --as-of 2026-03-05T00:00:00Z --template "
                "'%s/default' 2>&1",
                AFT_CLI, db, dir, AFT_TEMPLATES);
    assert_int_equal(st, 0);
    assert_non_null(strstr(o, "portfolio-2026-02.pdf"));
    free(o);
    text = capture(NULL,
                   "pdftotext -enc UTF-8 '%s/pf/portfolio-2026-02.pdf' "
                   "- 2>/dev/null",
                   dir);
    snprintf(want, sizeof want, "%zu of %zu", met, measured);
    assert_non_null(strstr(text, want));
    assert_non_null(strstr(text, "Clients against target, breaches first"));
    assert_non_null(strstr(text, "Largest incidents by customer impact"));
    assert_non_null(strstr(text, "東京データ株式会社"));
    free(text);
    v = cell2("pf/portfolio-2026-02.xlsx", 1, "B4", &f);
    assert_non_null(v);
    assert_int_equal(atoi(v), (int)met);
    free(v);
    o = capture(&st, "qpdf --check '%s/pf/portfolio-2026-02.pdf' >/dev/null",
                dir);
    assert_int_equal(st, 0);
    free(o);
}

/* The long incident goes into a database of its own, so that the shared
 * one stays as the group setup left it. */
static void
test_report_long_text_flows_across_pages(void **state)
{
    char *o, *text;
    int st;

    (void)state;
    o = capture(&st,
                "mkdir -p '%s/long' && '%s' --db '%s/long/l.db' import "
                "'%s/report/clients.json' '%s/report/long.json' 2>&1",
                dir, AFT_CLI, dir, AFT_TEST_DATA, AFT_TEST_DATA);
    assert_int_equal(st, 0);
    free(o);
    o = capture(&st,
                "'%s' --db '%s/long/l.db' report rca INC-LONG --client "
                "zurich --out '%s/long' --as-of 2026-03-05T00:00:00Z "
                "--template '%s/default' >/dev/null 2>&1 && qpdf --check "
                "'%s/long/INC-LONG-zurich.pdf' >/dev/null",
                AFT_CLI, dir, dir, AFT_TEMPLATES, dir);
    assert_int_equal(st, 0);
    free(o);
    o = capture(&st, "pdfinfo '%s/long/INC-LONG-zurich.pdf' 2>/dev/null", dir);
    assert_non_null(strstr(o, "Pages:           5"));
    free(o);
    /* All 80 updates and the end of the 5,000-character root cause. */
    text = capture(NULL,
                   "pdftotext -enc UTF-8 '%s/long/INC-LONG-zurich.pdf' "
                   "- 2>/dev/null",
                   dir);
    assert_non_null(strstr(text, "Update 1:"));
    assert_non_null(strstr(text, "Update 80:"));
    assert_non_null(strstr(text, "Pin controller firmware versions"));
    assert_non_null(strstr(text, "page 5 of 5"));
    free(text);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_files_written_inside_out),
        cmocka_unit_test(test_report_pdf_is_valid_and_has_metadata),
        cmocka_unit_test(test_report_pdf_figures_match_json),
        cmocka_unit_test(test_report_xlsx_cells_match_json),
        cmocka_unit_test(test_report_second_brand_and_failures),
        cmocka_unit_test(test_report_is_reproducible),
        cmocka_unit_test(test_report_rca_and_maintenance),
        cmocka_unit_test(test_report_portfolio),
        cmocka_unit_test(test_report_long_text_flows_across_pages),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
