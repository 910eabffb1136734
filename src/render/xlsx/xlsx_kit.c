/*
 * xlsx_kit.c - the workbook kit: a workbook written through path.tmp with
 * reproducible properties, the shared formats, cell writers that keep the
 * first error, local date-times, tables and label-value summary sheets.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <unistd.h>

#include "base/error.h"
#include "render/xlsx/xlsx_kit.h"

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
    aft_xlsx__check(x,
                    worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
                                           s ? s : "", f ? f : x->text));
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

void
aft_xlsx__local_datetime(lxw_datetime *out, const aft_tz *tz, int64_t t)
{
    int64_t local = t + aft_tz_offset(tz, t);
    int64_t days = aft_day_of(local), y;
    int64_t secs = local - aft_day_start(days);
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
aft_xlsx__when(aft_xlsx *x, lxw_worksheet *ws, int row, int col, int64_t t)
{
    lxw_datetime dt;

    aft_xlsx__local_datetime(&dt, x->tz, t);
    aft_xlsx__check(x, worksheet_write_datetime(ws, (lxw_row_t)row,
                                                (lxw_col_t)col, &dt, x->date));
}

/* ---- tables ---- */

void
aft_xlsx__header_row(aft_xlsx *x, lxw_worksheet *ws, const char *const *names,
                     const double *widths, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        aft_xlsx__str(x, ws, 0, i, names[i], x->head);
        aft_xlsx__check(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
                                                widths[i], NULL));
    }
    worksheet_freeze_panes(ws, 1, 0);
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
    format_set_num_format(x->num, "0.0");
    x->secs = workbook_add_format(wb);
    format_set_num_format(x->secs, "#,##0");
    x->dur = workbook_add_format(wb);
    format_set_num_format(x->dur, "[h]:mm:ss");
    x->text = workbook_add_format(wb);
    x->wrap = workbook_add_format(wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->date = workbook_add_format(wb);
    format_set_num_format(x->date, "yyyy-mm-dd hh:mm");
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
}

int
aft_xlsx__begin(aft_xlsx *x, const aft_template *t, const char *path,
                const char *title, int64_t created, aft_error *err)
{
    char tmp[4096];
    lxw_workbook_options opts = {0};
    lxw_doc_properties props = {0};

    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    opts.constant_memory = LXW_FALSE;
    if ((x->wb = workbook_new_opt(tmp, &opts)) == NULL)
        return aft_error_set(err, AFT_EIO, "cannot create '%s'", tmp);
    snprintf(x->doc_title, sizeof x->doc_title, "%s", title);
    snprintf(x->company, sizeof x->company, "%s",
             aft_template_get(t, "company"));
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
    return AFT_OK;
}

int
aft_xlsx__end(aft_xlsx *x, const char *path, aft_error *err)
{
    char tmp[4096];
    lxw_error e = workbook_close(x->wb);

    x->wb = NULL;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (x->rc == LXW_NO_ERROR)
        x->rc = e;
    if (x->rc != LXW_NO_ERROR) {
        unlink(tmp);
        return aft_error_set(err, AFT_EIO, "cannot write '%s': %s", path,
                             lxw_strerror(x->rc));
    }
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return aft_error_set(err, AFT_EIO, "cannot write '%s'", path);
    }
    return AFT_OK;
}
