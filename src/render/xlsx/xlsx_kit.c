/*
 * xlsx_kit.c - the workbook kit: a workbook written through a private
 * directory (render/outfile.h) with
 * reproducible properties, the shared formats, cell writers that keep the
 * first error, local date-times, tables and label-value summary sheets.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "render/outfile.h"
#include "render/xlsx/xlsx_kit.h"

/* ---- text ---- */

/* Bytes of the code point at s that XML 1.0 cannot carry: a C0 control
 * other than tab, LF and CR, or U+FFFE, U+FFFF; else 0. */
static size_t
xml_bad(const unsigned char *s)
{
    if (*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
        return 1;
    if (s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))
        return 3;
    return 0;
}

/* The length a UTF-8 sequence starting with byte b should have; 0 for a
 * byte that cannot start one. */
static size_t
utf8_len(unsigned char b)
{
    return b < 0x80   ? 1
           : b < 0xC2 ? 0
           : b < 0xE0 ? 2
           : b < 0xF0 ? 3
           : b < 0xF5 ? 4
                      : 0;
}

/* s with the code points XML cannot carry replaced by U+FFFD, into dst of
 * size bytes, cut at a code point boundary if it does not fit. Import
 * refuses them too; a workbook Excel cannot open must not be written. */
static void
xml_copy(char *dst, size_t size, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;

    while (*u) {
        size_t bad = xml_bad(u), k = 1, want = utf8_len(*u);
        const unsigned char *from = u;
        while (bad == 0 && k < want && (u[k] & 0xC0) == 0x80)
            k++;
        if (bad > 0 || k != want) { /* or a sequence cut short */
            from = (const unsigned char *)"\xEF\xBF\xBD";
            bad = bad > 0 ? bad : k;
            k = 3;
        }
        if (n + k + 1 > size)
            break;
        memcpy(dst + n, from, k);
        n += k;
        u += bad > 0 ? bad : k;
    }
    dst[n] = '\0';
}

/* Whether s holds a code point XML cannot carry, or bytes that are not
 * UTF-8. */
static int
xml_needs_copy(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    while (*u) {
        size_t k = 1, want = utf8_len(*u);
        if (xml_bad(u))
            return 1;
        while (k < want && (u[k] & 0xC0) == 0x80)
            k++;
        if (k != want)
            return 1;
        u += k;
    }
    return 0;
}

/* ---- cells ---- */

void
aft_xlsx__check(aft_xlsx *x, lxw_error e)
{
    if (x->rc == LXW_NO_ERROR && e != LXW_NO_ERROR)
        x->rc = e;
}

void
aft_xlsx__str(aft_xlsx *x, lxw_worksheet *ws, int row, int col, const char *s,
              lxw_format *f)
{
    char *safe = NULL;

    if (s != NULL && xml_needs_copy(s)) {
        size_t size = 3 * strlen(s) + 1;
        if ((safe = malloc(size)) == NULL) {
            aft_xlsx__check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        xml_copy(safe, size, s);
        s = safe;
    }
    /* Plain text: x->text is a copy of the default format, which
     * libxlsxwriter looks up again in its format table at each cell
     * written with it; without a format the cell gets the default's
     * index at once. An empty cell needs a format to be written: the
     * workbook's default itself (x->blank), whose index is known. */
    if (f == NULL && (s == NULL || *s == '\0'))
        f = x->blank;
    aft_xlsx__check(x, worksheet_write_string(ws, (lxw_row_t)row,
                                              (lxw_col_t)col, s ? s : "", f));
    free(safe);
}

void
aft_xlsx__num(aft_xlsx *x, lxw_worksheet *ws, int row, int col, double v,
              lxw_format *f)
{
    aft_xlsx__check(x, worksheet_write_number(ws, (lxw_row_t)row,
                                              (lxw_col_t)col, v, f));
}

void
aft_xlsx__formula(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                  const char *fml, lxw_format *f, double value)
{
    aft_xlsx__check(x,
                    worksheet_write_formula_num(ws, (lxw_row_t)row,
                                                (lxw_col_t)col, fml, f, value));
}

void
aft_xlsx__duration(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                   double seconds)
{
    aft_xlsx__num(x, ws, row, col, seconds / AFT_DAY_SECONDS, x->dur);
}

/* Day number days and seconds into it as an lxw_datetime. */
static void
civil_datetime(lxw_datetime *out, int64_t days, int64_t secs)
{
    int64_t y;
    unsigned m, d;

    aft_civil_from_days(days, &y, &m, &d);
    out->year = (int)y;
    out->month = (int)m;
    out->day = (int)d;
    out->hour = (int)(secs / 3600);
    out->min = (int)(secs / 60 % 60);
    out->sec = (double)(secs % 60);
}

void
aft_xlsx__local_datetime(lxw_datetime *out, const aft_tz *tz, int64_t t)
{
    int64_t local = t + aft_tz_offset(tz, t);
    int64_t days = aft_day_of(local);

    civil_datetime(out, days, local - aft_day_start(days));
}

void
aft_xlsx__when(aft_xlsx *x, lxw_worksheet *ws, int row, int col, int64_t t)
{
    lxw_datetime dt;

    aft_xlsx__local_datetime(&dt, x->tz, t);
    aft_xlsx__check(x, worksheet_write_datetime(ws, (lxw_row_t)row,
                                                (lxw_col_t)col, &dt, x->date));
}

void
aft_xlsx__day(aft_xlsx *x, lxw_worksheet *ws, int row, int col, int64_t day)
{
    lxw_datetime dt;

    civil_datetime(&dt, day, 0);
    aft_xlsx__check(x, worksheet_write_datetime(ws, (lxw_row_t)row,
                                                (lxw_col_t)col, &dt, x->day));
}

void
aft_xlsx__utc(aft_xlsx *x, lxw_worksheet *ws, int row, int col, int64_t t)
{
    lxw_datetime dt;
    int64_t days = aft_day_of(t);

    civil_datetime(&dt, days, t - aft_day_start(days));
    aft_xlsx__check(x, worksheet_write_datetime(ws, (lxw_row_t)row,
                                                (lxw_col_t)col, &dt, x->utc));
}

/* ---- tables ---- */

/* Print on A4, one page wide and as many long as it takes. */
static void
print_setup(lxw_worksheet *ws, int landscape)
{
    worksheet_set_paper(ws, 9); /* A4 */
    if (landscape)
        worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
}

void
aft_xlsx__print_summary(lxw_worksheet *ws)
{
    print_setup(ws, 0);
}

void
aft_xlsx__header_row(aft_xlsx *x, lxw_worksheet *ws, const char *const *names,
                     const double *widths, int n)
{
    double total = 0;
    int i, lines = 1;

    for (i = 0; i < n; i++) {
        /* A width holds about that many characters, less the filter
         * button's two; a longer name wraps onto more lines. */
        double room = widths[i] > 4 ? widths[i] - 2 : 2;
        int need = (int)((double)strlen(names[i]) / room) + 1;

        aft_xlsx__str(x, ws, 0, i, names[i], x->head);
        aft_xlsx__check(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
                                                widths[i], NULL));
        total += widths[i];
        lines = need > lines ? need : lines;
    }
    /* Spreadsheet programs do not grow a row for wrapped text on their
     * own when printing; a header taller than one line says so. */
    if (lines > 1)
        aft_xlsx__check(x, worksheet_set_row(ws, 0, 15.0 * lines, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    /* About 90 characters fit across portrait A4 at a readable scale. */
    print_setup(ws, total > 90);
    aft_xlsx__check(x, worksheet_repeat_rows(ws, 0, 0));
}

void
aft_xlsx__finish_table(aft_xlsx *x, lxw_worksheet *ws, int rows, int cols)
{
    aft_xlsx__check(x, worksheet_autofilter(ws, 0, 0,
                                            (lxw_row_t)(rows > 0 ? rows : 1),
                                            (lxw_col_t)(cols - 1)));
}

const char *
aft_xlsx__status(const aft_sla_result *r)
{
    return !r->has_availability ? "n/a" : r->met ? "met" : "breached";
}

/* Formula f at row, col in the percentage format, carrying s's
 * availability, or the text "n/a" when nothing was measured. */
static void
avail_cell(aft_xlsx *x, lxw_worksheet *ws, int row, int col, const char *f,
           const aft_sla_result *s)
{
    if (s->has_availability)
        aft_xlsx__formula(x, ws, row, col, f, x->pct, s->availability);
    else
        aft_xlsx__check(x, worksheet_write_formula_str(ws, (lxw_row_t)row,
                                                       (lxw_col_t)col, f,
                                                       x->pct, "n/a"));
}

void
aft_xlsx__avail_formula(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                        int e_col, int d_col, const aft_sla_result *s)
{
    char f[160];

    snprintf(f, sizeof f, "=IF(%c%d>0,100-100*%c%d/%c%d,\"n/a\")", 'A' + e_col,
             row + 1, 'A' + d_col, row + 1, 'A' + e_col, row + 1);
    avail_cell(x, ws, row, col, f, s);
}

/* ---- label, value rows ---- */

void
aft_xlsx__kv_str(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                 const char *v)
{
    aft_xlsx__str(x, ws, *row, 0, k, x->bold);
    aft_xlsx__str(x, ws, (*row)++, 1, v, x->wrap);
}

void
aft_xlsx__kv_num(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                 double v, lxw_format *f)
{
    aft_xlsx__str(x, ws, *row, 0, k, x->bold);
    aft_xlsx__num(x, ws, (*row)++, 1, v, f);
}

void
aft_xlsx__kv_utc(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                 int64_t t)
{
    aft_xlsx__str(x, ws, *row, 0, k, x->bold);
    aft_xlsx__utc(x, ws, (*row)++, 1, t);
}

void
aft_xlsx__kv_local(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                   int64_t t)
{
    char when[AFT_WHEN_BUFSZ], fmt[AFT_WHEN_BUFSZ + 32];
    const char *zone;
    lxw_datetime dt;

    /* The zone and offset of the readable as-of, "(Asia/Tokyo,
     * UTC+09:00)", as literal text in the cell's number format. */
    aft_report_when(when, x->tz, t);
    zone = strrchr(when, '(');
    snprintf(fmt, sizeof fmt, "yyyy-mm-dd hh:mm \"%s\"", zone ? zone : "");
    if ((x->local = workbook_add_format(x->wb)) != NULL)
        format_set_num_format(x->local, fmt);
    aft_xlsx__local_datetime(&dt, x->tz, t);
    aft_xlsx__str(x, ws, *row, 0, k, x->bold);
    aft_xlsx__check(x, worksheet_write_datetime(ws, (lxw_row_t)(*row)++, 1, &dt,
                                                x->local));
}

void
aft_xlsx__kv_avail(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                   const aft_sla_result *s)
{
    char f[64];

    aft_xlsx__str(x, ws, *row, 0, k, x->bold);
    snprintf(f, sizeof f, "=IF(B%d>0,100-100*B%d/B%d,\"n/a\")", *row - 1, *row,
             *row - 1);
    avail_cell(x, ws, (*row)++, 1, f, s);
}

/* ---- the workbook ---- */

/* The status fills of conditional formats, as in the PDF's heat map. */
static void
fills(aft_xlsx *x, const aft_template *t)
{
    const unsigned colors[] = {aft_template_color(t, "good", 0x2E7D32),
                               aft_template_color(t, "warn", 0xE0A100),
                               aft_template_color(t, "bad", 0xC62828),
                               0xE5E7EB};
    int i;

    for (i = 0; i < 4; i++) {
        x->fill[i] = workbook_add_format(x->wb);
        format_set_bg_color(x->fill[i], colors[i]);
        format_set_font_color(x->fill[i], i < 3 ? LXW_COLOR_WHITE : 0x6B7280);
    }
}

static void
formats(aft_xlsx *x, const aft_template *t)
{
    lxw_workbook *wb = x->wb;

    x->head = workbook_add_format(wb);
    format_set_bold(x->head);
    format_set_font_color(x->head, LXW_COLOR_WHITE);
    format_set_bg_color(x->head, aft_template_color(t, "primary", 0x1F3A5F));
    format_set_text_wrap(x->head);
    x->pct = workbook_add_format(wb);
    format_set_num_format(x->pct, "0.000");
    x->num = workbook_add_format(wb);
    format_set_num_format(x->num, "#,##0.0");
    x->secs = workbook_add_format(wb);
    format_set_num_format(x->secs, "#,##0");
    x->dur = workbook_add_format(wb);
    format_set_num_format(x->dur, "[h]:mm:ss");
    x->text = workbook_add_format(wb);
    /* The workbook's first format is its default, index 0; x->text
     * writes the same cells, looked up at each. */
    x->blank = STAILQ_FIRST(wb->formats);
    if (x->blank == NULL || x->blank->xf_index != 0)
        x->blank = x->text;
    x->wrap = workbook_add_format(wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->date = workbook_add_format(wb);
    format_set_num_format(x->date, "yyyy-mm-dd hh:mm");
    x->day = workbook_add_format(wb);
    format_set_num_format(x->day, "yyyy-mm-dd");
    x->utc = workbook_add_format(wb);
    format_set_num_format(x->utc, "yyyy-mm-dd hh:mm:ss");
    x->bold = workbook_add_format(wb);
    format_set_bold(x->bold);
    x->title = workbook_add_format(wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    format_set_font_color(x->title, aft_template_color(t, "primary", 0x1F3A5F));
    x->good = workbook_add_format(wb);
    format_set_font_color(x->good, aft_template_color(t, "good", 0x2E7D32));
    format_set_bold(x->good);
    x->bad = workbook_add_format(wb);
    format_set_font_color(x->bad, aft_template_color(t, "bad", 0xC62828));
    format_set_bold(x->bad);
    fills(x, t);
}

int
aft_xlsx__begin(aft_xlsx *x, const aft_template *t, const char *path,
                const char *title, int64_t created, aft_error *err)
{
    lxw_workbook_options opts = {0};
    lxw_doc_properties props = {0};
    int rc;

    if ((rc = aft_outfile__open(&x->out, path, err)) < 0)
        return rc;
    opts.constant_memory = LXW_FALSE;
    if ((x->wb = workbook_new_opt(x->out.tmp, &opts)) == NULL) {
        aft_outfile__abort(&x->out);
        return aft_error_set(err, AFT_ENOMEM, "cannot start a workbook");
    }
    xml_copy(x->doc_title, sizeof x->doc_title, title);
    xml_copy(x->company, sizeof x->company, aft_template_get(t, "company"));
    props.title = x->doc_title;
    props.subject = x->doc_title;
    props.author = x->company;
    props.company = x->company;
    props.created = (time_t)created; /* reproducible */
    aft_xlsx__check(x, workbook_set_properties(x->wb, &props));
    formats(x, t);
    return AFT_OK;
}

int
aft_xlsx__begin_summary(lxw_worksheet **out, aft_xlsx *x, const aft_template *t,
                        const char *path, const char *title, int64_t created,
                        aft_error *err)
{
    int rc;

    *out = NULL;
    if ((rc = aft_xlsx__begin(x, t, path, title, created, err)) < 0)
        return rc;
    *out = workbook_add_worksheet(x->wb, "Summary");
    aft_xlsx__check(x, worksheet_set_column(*out, 0, 0, 36, NULL));
    aft_xlsx__check(x, worksheet_set_column(*out, 1, 1, 80, NULL));
    aft_xlsx__print_summary(*out);
    return AFT_OK;
}

int
aft_xlsx__end(aft_xlsx *x, const char *path, aft_error *err)
{
    lxw_error e = workbook_close(x->wb);

    x->wb = NULL;
    if (x->rc == LXW_NO_ERROR)
        x->rc = e;
    if (x->rc != LXW_NO_ERROR) {
        aft_outfile__abort(&x->out);
        return aft_error_set(err, AFT_EIO, "cannot write '%s': %s", path,
                             lxw_strerror(x->rc));
    }
    return aft_outfile__commit(&x->out, err);
}
