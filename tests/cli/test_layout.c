/*
 * test_layout.c - the report files as readers and auditors meet them: PDFs
 * that poppler, qpdf, mupdf and ghostscript read without a word, workbooks
 * whose dates, number formats and page setup are what a spreadsheet
 * expects and whose cached values LibreOffice recomputes to the same
 * figures, and no empty --out left by a failed run. The group setup
 * writes one report of each kind from the sample data, as of 2026-11-24:
 *   test_layout [PATTERN]    (only the tests whose name matches PATTERN)
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

#include "capture.h"

#define AS_OF "--as-of 2026-11-24T00:00:00Z"

static char dir[64], db[128], out[160];

/* Run the CLI on the test database; 0 when it exits 0. */
static int
run(const char *args)
{
    int st;
    char *o = capture(&st, "'%s' --db '%s' %s 2>&1", AFT_CLI, db, args);

    if (st != 0)
        fprintf(stderr, "%s", o);
    free(o);
    return st;
}

static int
setup_all(void **state)
{
    static const char *const reports[] = {
        "monthly --month 2026-10 --all",
        "monthly --quarter 2026-Q3 --client tokyo",
        "monthly --month 2026-09 --client acme",
        "rca INC-0051 --client tokyo",
        "rca INC-0165 --client mumbai",
        "maintenance MNT-038",
        "portfolio --month 2026-10",
        "portfolio --month 2026-03",
    };
    char args[512];
    size_t i;

    (void)state;
    snprintf(dir, sizeof dir, "/tmp/aft-layout-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    snprintf(db, sizeof db, "%s/s.db", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(args, sizeof args,
             "import '%s/portfolio.json' '%s/incidents.ndjson' "
             "'%s/maintenances.csv'",
             AFT_SAMPLE_DATA, AFT_SAMPLE_DATA, AFT_SAMPLE_DATA);
    if (run(args) != 0)
        return -1;
    for (i = 0; i < sizeof reports / sizeof *reports; i++) {
        snprintf(args, sizeof args, "report %s --out '%s' " AS_OF, reports[i],
                 out);
        if (run(args) != 0)
            return -1;
    }
    return 0;
}

static int
teardown_all(void **state)
{
    char cmd[160];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

/* Whether a program is on the PATH. */
static int
have(const char *prog)
{
    int st;
    char *o = capture(&st, "command -v '%s' >/dev/null 2>&1", prog);

    free(o);
    return st == 0;
}

/* The names of the files in out/ ending in ext, one a line. */
static char *
files(const char *ext)
{
    return capture(NULL, "cd '%s' && ls *%s", out, ext);
}

/* 2026-11-24: every PDF gave poppler "Syntax Warning: Invalid
 * 'begincidrange' operator in ToUnicode CMap" (libharu 2.3.0 writes the
 * encoding CMap as the ToUnicode map). */
static void
test_layout_pdfs_read_without_warning(void **state)
{
    char *list = files(".pdf"), *name, *save = NULL, *o;
    int st, n = 0;

    (void)state;
    for (name = strtok_r(list, "\n", &save); name != NULL;
         name = strtok_r(NULL, "\n", &save), n++) {
        o = capture(&st, "pdftotext '%s/%s' - 2>&1 >/dev/null", out, name);
        assert_string_equal(o, "");
        free(o);
        o = capture(&st, "pdfinfo '%s/%s' 2>&1 >/dev/null", out, name);
        assert_string_equal(o, "");
        free(o);
        o = capture(&st, "qpdf --check '%s/%s' 2>&1", out, name);
        assert_int_equal(st, 0);
        assert_non_null(strstr(o, "No syntax or stream encoding errors"));
        free(o);
        if (have("mutool")) {
            o = capture(&st,
                        "mutool draw -o /dev/null '%s/%s' 2>&1 | grep -v "
                        "'^page \\|ICC support is not available'",
                        out, name);
            assert_string_equal(o, "");
            free(o);
        }
        if (have("gs")) {
            o = capture(&st,
                        "gs -q -o /dev/null -sDEVICE=nullpage '%s/%s' 2>&1",
                        out, name);
            assert_int_equal(st, 0);
            assert_string_equal(o, "");
            free(o);
        }
    }
    /* 9 monthly, 1 quarterly, 2 rca, 3 maintenance (MNT-038 hit sydney,
     * tokyo and zurich), 2 portfolio. */
    assert_int_equal(n, 17);
    free(list);
}

/* The text copied out of a PDF is the text drawn, CJK included. */
static void
test_layout_pdf_text_extracts(void **state)
{
    char *o;

    (void)state;
    o = capture(NULL, "pdftotext -enc UTF-8 '%s/INC-0051-tokyo.pdf' - 2>&1",
                out);
    assert_non_null(strstr(o, "東京データ株式会社\n"));
    assert_non_null(strstr(o, "Root-cause report · INC-0051\n"));
    free(o);
    o = capture(NULL, "mutool draw -F txt '%s/INC-0051-tokyo.pdf' 1 2>&1", out);
    if (have("mutool"))
        assert_non_null(strstr(o, "東京データ株式会社"));
    free(o);
}

/* 2026-11-24: a report that failed (here: a client the incident did not
 * affect) left behind the empty --out directory it had made. */
static void
test_layout_failed_report_leaves_no_out(void **state)
{
    char args[512], keep[128];
    struct stat sb;

    (void)state;
    snprintf(keep, sizeof keep, "%s/made", dir);
    snprintf(args, sizeof args,
             "report rca INC-0051 --client zurich "
             "--out '%s' " AS_OF,
             keep);
    assert_int_equal(run(args), 1);
    assert_int_equal(stat(keep, &sb), -1);
    /* A directory that was there before stays, empty or not. */
    assert_int_equal(mkdir(keep, 0777), 0);
    assert_int_equal(run(args), 1);
    assert_int_equal(stat(keep, &sb), 0);
    assert_int_equal(rmdir(keep), 0);
}

/* Part of an XLSX file in out/. */
static char *
xlsx_part(const char *name, const char *part)
{
    return capture(NULL, "unzip -p '%s/%s' '%s' 2>/dev/null", out, name, part);
}

/* The XML of cell ref in sheet n (<c ...>...</c>, or "<c .../>"), copied;
 * NULL when the sheet has no such cell. */
static char *
cell_xml(const char *name, int n, const char *ref)
{
    char part[64], key[32], *xml, *p, *e, *c = NULL;

    snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", n);
    xml = xlsx_part(name, part);
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    if ((p = strstr(xml, key)) != NULL) {
        e = p + strcspn(p, ">");
        if (e > p && e[-1] != '/' && (e = strstr(e, "</c>")) != NULL)
            e += 3; /* <c ...>...</c>, else <c .../> */
        c = strndup(p, (size_t)(e - p) + 1);
    }
    free(xml);
    return c;
}

/* The <v> of a cell's XML, copied ("" when none). */
static char *
value_of(const char *c)
{
    const char *v = strstr(c, "<v>");

    return v ? strndup(v + 3, strcspn(v + 3, "<")) : strdup("");
}

/* The number format of cell ref in sheet n, as styles.xml writes it
 * ("General" for none). */
static char *
format_of(const char *name, int n, const char *ref)
{
    char *c = cell_xml(name, n, ref), *st, *p, key[48], *f;
    int s = 0, id = 0, i;

    assert_non_null(c);
    if ((p = strstr(c, " s=\"")) != NULL)
        s = atoi(p + 4);
    free(c);
    st = xlsx_part(name, "xl/styles.xml");
    p = strstr(st, "<cellXfs");
    for (i = 0; i <= s && p != NULL; i++)
        p = strstr(p + 1, "<xf ");
    assert_non_null(p);
    id = atoi(strstr(p, "numFmtId=\"") + 10);
    snprintf(key, sizeof key, "<numFmt numFmtId=\"%d\" formatCode=\"", id);
    p = strstr(st, key);
    f = p ? strndup(p + strlen(key), strcspn(p + strlen(key), "\""))
          : strdup("General");
    free(st);
    return f;
}

/* Assert cell ref of sheet n holds value v in number format fmt. */
static void
assert_cell(const char *name, int n, const char *ref, const char *v,
            const char *fmt)
{
    char *c = cell_xml(name, n, ref), *got, *f;

    if (c == NULL)
        fail_msg("%s sheet %d: no cell %s", name, n, ref);
    got = value_of(c);
    f = format_of(name, n, ref);
    if (strcmp(got, v) != 0 || strcmp(f, fmt) != 0)
        fail_msg("%s sheet %d %s: %s in '%s', expected %s in '%s'", name, n,
                 ref, got, f, v, fmt);
    free(c);
    free(got);
    free(f);
}

/* 2026-11-24: days, as-of instants, incident starts and action due dates
 * were text; figures had no thousands separators. Excel serials count
 * days from 1899-12-30: 2026-10-01 is 46296. */
static void
test_layout_xlsx_dates_and_numbers(void **state)
{
    char *c, *ss;

    (void)state;
    /* Daily "Day" (sheet 3), a date. */
    assert_cell("acme-2026-10.xlsx", 3, "A2", "46296", "yyyy-mm-dd");
    assert_cell("acme-2026-10.xlsx", 3, "A32", "46326", "yyyy-mm-dd");
    /* Summary as-of: UTC, then New York's 19:00 the evening before,
     * shown with its zone. */
    assert_cell("acme-2026-10.xlsx", 1, "B6", "46350", "yyyy-mm-dd hh:mm:ss");
    assert_cell("acme-2026-10.xlsx", 1, "B7", "46349.79166666666",
                "yyyy-mm-dd hh:mm &quot;(America/New_York, UTC-05:00)&quot;");
    /* Services: downtime 24m 54s = 1494 s with a thousands separator;
     * eligible 31 days = 2,678,400 s. */
    assert_cell("acme-2026-10.xlsx", 2, "F2", "1494", "#,##0.0");
    assert_cell("acme-2026-10.xlsx", 2, "D2", "2678400", "#,##0");
    /* Portfolio incidents (sheet 5): INC-0150 started 2026-10-20 22:00
     * UTC. */
    assert_cell("portfolio-2026-10.xlsx", 5, "C2", "46315.91666666666",
                "yyyy-mm-dd hh:mm:ss");
    /* Root-cause actions (sheet 4): due 2026-03-25. */
    assert_cell("INC-0051-tokyo.xlsx", 4, "C2", "46106", "yyyy-mm-dd");
    /* The trend before the first record: no value (a gap in the chart),
     * a note saying why. */
    assert_null(cell_xml("tokyo-2026-Q3.xlsx", 6, "D2"));
    c = cell_xml("tokyo-2026-Q3.xlsx", 6, "F2");
    assert_non_null(c);
    assert_non_null(strstr(c, " t=\"s\""));
    free(c);
    ss = xlsx_part("tokyo-2026-Q3.xlsx", "xl/sharedStrings.xml");
    assert_non_null(strstr(ss, "<t>no data: before the first record</t>"));
    free(ss);
}

/* 2026-11-24: the portfolio matrix was coloured by fixed formats, to two
 * decimals of "General"; now by status with conditional formats against
 * the targets beside it (columns J on: 6 services, a blank column, the
 * client). */
static void
test_layout_xlsx_matrix(void **state)
{
    char *xml;

    (void)state;
    /* Harbour Legal Partners: Backup and restore 100 %, target 99.8. */
    assert_cell("portfolio-2026-10.xlsx", 3, "C2", "100", "0.000");
    assert_cell("portfolio-2026-10.xlsx", 3, "K2", "99.8", "0.000");
    xml = xlsx_part("portfolio-2026-10.xlsx", "xl/worksheets/sheet3.xml");
    assert_non_null(strstr(
        xml,
        "<conditionalFormatting sqref=\"B2:G9\"><cfRule type=\"expression\" "
        "dxfId=\"0\" priority=\"1\" stopIfTrue=\"1\"><formula>AND(ISNUMBER"
        "(B2),B2&gt;=J2)</formula></cfRule><cfRule type=\"expression\" "
        "dxfId=\"1\" priority=\"2\" stopIfTrue=\"1\"><formula>AND(ISNUMBER"
        "(B2),B2&gt;=100-2*(100-J2))</formula></cfRule><cfRule "
        "type=\"expression\" dxfId=\"2\" priority=\"3\" "
        "stopIfTrue=\"1\"><formula>ISNUMBER(B2)</formula></cfRule>"));
    assert_non_null(strstr(xml, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" "
                                "orientation=\"landscape\"/>"));
    free(xml);
    xml = xlsx_part("portfolio-2026-10.xlsx", "xl/styles.xml");
    /* The fills, in the order of the rules: good, warn, bad, none. */
    assert_non_null(strstr(xml, "<dxfs count=\"4\">"));
    free(xml);
}

/* 2026-11-24: the daily chart had no target and an axis past 100 %; the
 * sheets printed on 23 pages (acme 2026-10, LibreOffice). */
static void
test_layout_xlsx_charts_and_print(void **state)
{
    char *xml;

    (void)state;
    xml = xlsx_part("acme-2026-10.xlsx", "xl/charts/chart1.xml");
    assert_non_null(strstr(xml, "Daily availability"));
    assert_non_null(strstr(xml, "<c:f>Daily!$E$2:$E$32</c:f>"));
    assert_non_null(strstr(xml, "<a:prstDash val=\"dash\"/>"));
    assert_non_null(strstr(xml, "<c:max val=\"100\"/><c:min val=\"97\"/>"));
    assert_non_null(strstr(xml, "<c:numFmt formatCode=\"mm-dd\""));
    free(xml);
    xml = xlsx_part("acme-2026-10.xlsx", "xl/workbook.xml");
    assert_non_null(strstr(xml, "<definedName name=\"_xlnm.Print_Titles\" "
                                "localSheetId=\"1\">Services!$1:$1"
                                "</definedName>"));
    free(xml);
    xml = xlsx_part("acme-2026-10.xlsx", "xl/worksheets/sheet2.xml");
    assert_non_null(strstr(xml, "<pageSetUpPr fitToPage=\"1\"/>"));
    assert_non_null(strstr(xml, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" "
                                "orientation=\"landscape\"/>"));
    free(xml);
    xml = xlsx_part("acme-2026-10.xlsx", "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(xml, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" "
                                "orientation=\"portrait\"/>"));
    free(xml);
}

/* Profile for soffice that recalculates every OOXML file on load. */
static const char LO_PROFILE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
    "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\">"
    "<prop oor:name=\"OOXMLRecalcMode\" oor:op=\"fuse\"><value>0</value>"
    "</prop></item>\n"
    "</oor:items>\n";

/* The <v> of the cell at ref in sheet XML, or NULL; *str: a string. */
static char *
value_at(const char *xml, const char *ref, int *str)
{
    char key[40], *c, *end, *v;
    const char *p;

    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    if ((p = strstr(xml, key)) == NULL || (end = strstr(p, "</c>")) == NULL)
        return NULL;
    c = strndup(p, (size_t)(end - p));
    *str = strstr(c, "t=\"str\"") != NULL;
    v = strstr(c, "<v>");
    v = v != NULL ? strndup(v + 3, strcspn(v + 3, "<")) : NULL;
    free(c);
    return v;
}

/* Compare the cached value of every formula cell of sheet XML a (as we
 * wrote it) with its value in b (recalculated); the number compared. */
static int
same_values(const char *name, const char *a, const char *b)
{
    const char *p = a;
    int n = 0;

    while ((p = strstr(p, "<c r=\"")) != NULL) {
        char ref[16], *mine, *theirs;
        const char *end = strstr(p, "</c>"), *f = strstr(p, "<f>");
        int s1, s2;

        p += 6;
        if (end == NULL || f == NULL || f > end)
            continue;
        snprintf(ref, sizeof ref, "%.*s", (int)strcspn(p, "\""), p);
        mine = value_at(p - 6, ref, &s1);
        theirs = value_at(b, ref, &s2);
        assert_non_null(mine);
        if (theirs == NULL || s1 != s2
            || (s1 ? strcmp(mine, theirs) != 0
                   : fabs(atof(mine) - atof(theirs))
                         > 1e-9 * fmax(1, fabs(atof(mine)))))
            fail_msg("%s %s: cached %s, recalculated %s", name, ref, mine,
                     theirs ? theirs : "(none)");
        free(mine);
        free(theirs);
        n++;
    }
    return n;
}

/* Page p of a PDF in out/ as pdftotext -layout gives it. */
static char *
page_text(const char *name, int p)
{
    return capture(NULL,
                   "pdftotext -enc UTF-8 -layout -f %d -l %d '%s/%s' - "
                   "2>/dev/null",
                   p, p, out, name);
}

/* Whether the last line of page text above the footer (its last two
 * lines) is one of the section headings. */
static int
ends_with_heading(char *text)
{
    static const char *const headings[] = {
        "Services",
        "Daily availability",
        "Availability over the last 12 periods",
        "Incidents",
        "Maintenance windows",
        "How we kept you informed",
        "How these figures are calculated",
        "Impact on your services",
        "Time to detect, acknowledge and resolve",
        "Timeline",
        "Root cause",
        "Resolution",
        "Preventive actions",
        "What was done",
        "Schedule",
        "Issues met",
        "Clients against target, breaches first",
        "Every client and service against target",
        "Portfolio availability over the last 12 periods",
        "Largest incidents by customer impact"};
    char *lines[400], *save = NULL, *l;
    int n = 0;
    size_t i;

    for (l = strtok_r(text, "\n", &save); l != NULL && n < 400;
         l = strtok_r(NULL, "\n", &save)) {
        l += strspn(l, " ");
        if (*l != '\0' && *l != '\f')
            lines[n++] = l;
    }
    if (n < 3)
        return 0;
    for (i = 0; i < sizeof headings / sizeof *headings; i++)
        if (strcmp(lines[n - 3], headings[i]) == 0)
            return 1;
    return 0;
}

/* 2026-11-24: a heading could end a page, its section starting on the
 * next (acme 2026-09: "Maintenance windows" at the foot of page 2). */
static void
test_layout_heading_kept_with_next(void **state)
{
    char *list = files(".pdf"), *name, *save = NULL, *text;
    int p, pages = 0;

    (void)state;
    for (name = strtok_r(list, "\n", &save); name != NULL;
         name = strtok_r(NULL, "\n", &save))
        for (p = 1;; p++, pages++) {
            text = page_text(name, p);
            if (*text == '\0') {
                free(text);
                break;
            }
            if (ends_with_heading(text))
                fail_msg("%s: page %d ends with a heading", name, p);
            free(text);
        }
    free(list);
    assert_true(pages > 16);
}

/* Line of text that contains s, copied, or NULL. */
static char *
line_with(const char *text, const char *s)
{
    const char *p = strstr(text, s), *a, *b;

    if (p == NULL)
        return NULL;
    for (a = p; a > text && a[-1] != '\n'; a--)
        ;
    b = p + strcspn(p, "\n");
    return strndup(a, (size_t)(b - a));
}

/* How many times needle occurs in hay. */
static int
count_of(const char *hay, const char *needle)
{
    int n = 0;

    for (hay = strstr(hay, needle); hay != NULL;
         hay = strstr(hay + strlen(needle), needle))
        n++;
    return n;
}

/* 2026-11-24: the heat map showed "99.58" and "100" beside tables with
 * three decimals; breach sparklines had no scale; trend charts gave no
 * key to the periods without data; the target label sat over the bars
 * and points. */
static void
test_layout_figures_and_charts(void **state)
{
    char *text, *l;

    (void)state;
    text = page_text("portfolio-2026-10.pdf", 1);
    l = line_with(strstr(text, "Every client and service"),
                  "Harbour Legal Partners");
    assert_non_null(l);
    assert_non_null(strstr(l, " 100.000 "));
    assert_non_null(strstr(l, " 97.887 "));
    assert_non_null(strstr(l, " 99.577 "));
    assert_non_null(strstr(l, " 98.988"));
    free(l);
    free(text);
    /* Each breach sparkline: its target beside the name, its scale. */
    text = page_text("portfolio-2026-10.pdf", 2);
    l = line_with(text, "Harbour Legal Partners");
    assert_non_null(strstr(l, "target 99.800 %"));
    assert_non_null(strstr(l, "Sahyadri Health"));
    assert_non_null(strstr(l, "target 99.500 %"));
    free(l);
    /* The three sparklines of a row each end their scale at 100.0 %. */
    l = line_with(strstr(text, "Harbour Legal Partners"), "100.0 %");
    assert_non_null(l);
    assert_int_equal(count_of(l, "100.0 %"), 3);
    assert_null(strstr(l, "Harbour"));
    free(l);
    free(text);
    /* The quarter's trend starts before the data: hollow marks, keyed. */
    text = page_text("tokyo-2026-Q3.pdf", 2);
    l = line_with(text, "no data ");
    assert_non_null(l);
    assert_non_null(strstr(l, "breached"));
    assert_non_null(strstr(l, "target 99.900 %"));
    free(l);
    free(text);
    /* The daily chart's target is in its key, not over the bars. */
    text = page_text("acme-2026-10.pdf", 1);
    l = line_with(text, "no measured time");
    assert_non_null(strstr(l, "target 99.900 %"));
    free(l);
    free(text);
}

/* 2026-11-24: a long right-aligned cell ran left over its neighbours
 * ("none (announced in time, within its window)" over the notice). */
static void
test_layout_right_aligned_cells_wrap(void **state)
{
    char *text = page_text("tokyo-2026-Q3.pdf", 3), *l;

    (void)state;
    l = line_with(text, "MNT-029 Backup storage");
    assert_non_null(l);
    assert_non_null(strstr(l, "14.0 d (14 d)         0s none (announced in "
                              "time,"));
    free(l);
    assert_non_null(strstr(text, "                 within its window)\n"));
    free(text);
}

/* LibreOffice, made to recalculate every formula on load, finds the
 * values the workbooks cache. Skipped without soffice
 * (libreoffice-calc-nogui). */
static void
test_layout_libreoffice_recalculates_cached_values(void **state)
{
    char prof[160], *list, *name, *save = NULL, *o;
    int st, sheet, formulas = 0, books = 0;
    FILE *f;

    (void)state;
    if (!have("soffice")) {
        print_message("soffice missing: recalculation not checked "
                      "(install libreoffice-calc-nogui)\n");
        skip();
    }
    snprintf(prof, sizeof prof, "%s/lo/user", dir);
    o = capture(&st, "mkdir -p '%s'", prof);
    free(o);
    strcat(prof, "/registrymodifications.xcu");
    assert_non_null(f = fopen(prof, "w"));
    fputs(LO_PROFILE, f);
    fclose(f);
    o = capture(&st,
                "cd '%s' && soffice -env:UserInstallation=file://%s/lo "
                "--headless --convert-to xlsx --outdir '%s/recalc' *.xlsx "
                ">/dev/null 2>&1",
                out, dir, dir);
    free(o);
    assert_int_equal(st, 0);
    list = files(".xlsx");
    for (name = strtok_r(list, "\n", &save); name != NULL;
         name = strtok_r(NULL, "\n", &save), books++)
        for (sheet = 1;; sheet++) {
            char *a = capture(&st,
                              "unzip -p '%s/%s' xl/worksheets/sheet%d.xml "
                              "2>/dev/null",
                              out, name, sheet);
            char *b = capture(NULL,
                              "unzip -p '%s/recalc/%s' "
                              "xl/worksheets/sheet%d.xml 2>/dev/null",
                              dir, name, sheet);
            int done = st != 0 || *a == '\0';

            if (!done)
                formulas += same_values(name, a, b);
            free(a);
            free(b);
            if (done)
                break;
        }
    free(list);
    assert_int_equal(books, 17);
    assert_true(formulas > 100);
    /* Printed, each of the six sheets fits on one page (23 before the
     * page setup). */
    o = capture(&st,
                "soffice -env:UserInstallation=file://%s/lo --headless "
                "--convert-to pdf --outdir '%s/print' '%s/acme-2026-10.xlsx' "
                ">/dev/null 2>&1 && pdfinfo '%s/print/acme-2026-10.pdf' | "
                "grep '^Pages:'",
                dir, dir, out, dir);
    assert_string_equal(o, "Pages:           6\n");
    free(o);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_pdfs_read_without_warning),
        cmocka_unit_test(test_layout_pdf_text_extracts),
        cmocka_unit_test(test_layout_failed_report_leaves_no_out),
        cmocka_unit_test(test_layout_heading_kept_with_next),
        cmocka_unit_test(test_layout_figures_and_charts),
        cmocka_unit_test(test_layout_right_aligned_cells_wrap),
        cmocka_unit_test(test_layout_xlsx_dates_and_numbers),
        cmocka_unit_test(test_layout_xlsx_matrix),
        cmocka_unit_test(test_layout_xlsx_charts_and_print),
        cmocka_unit_test(test_layout_libreoffice_recalculates_cached_values),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
