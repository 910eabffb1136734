/*
 * report_xlsx.c - the monthly report as a workbook to audit: the same
 * figures as the PDF, one sheet per table, formulas that carry their
 * computed values, native charts. Text from input is always written as a
 * string, never as a formula.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "aftercast/report.h"
#include "base/error.h"

typedef struct xw {
    lxw_workbook *wb;
    lxw_error     rc;            /* first error */
    const aft_monthly *r;
    const aft_tz *tz;            /* local times */
    lxw_format   *head, *pct, *num, *secs, *dur, *text, *wrap, *date, *bold;
    lxw_format   *title, *good, *bad;
} xw;

static void
check(xw *x, lxw_error e)
{
    if (x->rc == LXW_NO_ERROR && e != LXW_NO_ERROR)
        x->rc = e;
}

static void
str(xw *x, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    check(x, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
                                    s ? s : "", f ? f : x->text));
}

static void
num(xw *x, lxw_worksheet *ws, int row, int col, double v, lxw_format *f)
{
    check(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v,
                                    f));
}

static void
formula(xw *x, lxw_worksheet *ws, int row, int col, const char *fml,
        lxw_format *f, double value)
{
    check(x, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col,
                                         fml, f, value));
}

/* Local time as an Excel date-time (the client's zone). */
static void
when(xw *x, lxw_worksheet *ws, int row, int col, int64_t t)
{
    int64_t local = t + aft_tz_offset(x->tz, t);
    lxw_datetime dt;
    int64_t days = local / 86400 - (local % 86400 < 0), y;
    unsigned m, d;
    int64_t secs = local - days * 86400;

    aft_civil_from_days(days, &y, &m, &d);
    dt.year = (int)y;
    dt.month = (int)m;
    dt.day = (int)d;
    dt.hour = (int)(secs / 3600);
    dt.min = (int)(secs / 60 % 60);
    dt.sec = (double)(secs % 60);
    check(x, worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col,
                                      &dt, x->date));
}

static void
header_row(xw *x, lxw_worksheet *ws, const char *const *names,
           const double *widths, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        str(x, ws, 0, i, names[i], x->head);
        check(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
                                      widths[i], NULL));
    }
    worksheet_freeze_panes(ws, 1, 0);
}

static void
finish_table(xw *x, lxw_worksheet *ws, int rows, int cols)
{
    check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)(rows > 0 ? rows : 1),
                                  (lxw_col_t)(cols - 1)));
}

static void
formats(xw *x, const aft_template *t)
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
    format_set_font_color(x->title, aft_template_color(t, "primary",
                                                       0x1F3A5F));
    x->good = workbook_add_format(wb);
    format_set_font_color(x->good, aft_template_color(t, "good", 0x2E7D32));
    format_set_bold(x->good);
    x->bad = workbook_add_format(wb);
    format_set_font_color(x->bad, aft_template_color(t, "bad", 0xC62828));
    format_set_bold(x->bad);
}

static const char *
status(const aft_sla_result *r)
{
    return !r->has_availability ? "n/a" : r->met ? "met" : "breached";
}

/* Availability as a formula over downtime and eligible time, carrying its
 * computed value. */
static void
avail_formula(xw *x, lxw_worksheet *ws, int row, int col, int e_col,
              int d_col, const aft_sla_result *s)
{
    char f[160];

    snprintf(f, sizeof f, "=IF(%c%d>0,100-100*%c%d/%c%d,\"n/a\")",
             'A' + e_col, row + 1, 'A' + d_col, row + 1, 'A' + e_col,
             row + 1);
    if (s->has_availability)
        formula(x, ws, row, col, f, x->pct, s->availability);
    else
        check(x, worksheet_write_formula_str(ws, (lxw_row_t)row,
                                             (lxw_col_t)col, f, x->pct,
                                             "n/a"));
}

static void
summary_sheet(xw *x, const aft_template *t)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Summary");
    const aft_monthly *r = x->r;
    const aft_sla_result *tot = aft_monthly_total(r);
    char buf[64], *text;
    int row = 0;

    check(x, worksheet_set_column(ws, 0, 0, 34, NULL));
    check(x, worksheet_set_column(ws, 1, 1, 60, NULL));
    str(x, ws, row++, 0, aft_template_get(t, "company"), x->title);
    str(x, ws, row, 0, "Client", x->bold);
    str(x, ws, row++, 1, r->client->name, NULL);
    str(x, ws, row, 0, "Client id", x->bold);
    str(x, ws, row++, 1, r->client->id, NULL);
    str(x, ws, row, 0, "Period", x->bold);
    str(x, ws, row++, 1, r->period.label, NULL);
    str(x, ws, row, 0, "Time zone", x->bold);
    str(x, ws, row++, 1, r->client->timezone, NULL);
    str(x, ws, row, 0, "As of (UTC)", x->bold);
    str(x, ws, row++, 1, aft_instant_format(buf, r->as_of), NULL);
    row++;
    str(x, ws, row, 0, "Eligible seconds", x->bold);
    num(x, ws, row++, 1, (double)tot->eligible_s, x->secs);
    str(x, ws, row, 0, "Downtime seconds (weighted)", x->bold);
    num(x, ws, row++, 1, tot->downtime_s, x->num);
    str(x, ws, row, 0, "Availability %", x->bold);
    snprintf(buf, sizeof buf, "=IF(B%d>0,100-100*B%d/B%d,\"n/a\")", row - 1,
             row, row - 1);
    if (tot->has_availability)
        formula(x, ws, row++, 1, buf, x->pct, tot->availability);
    else
        check(x, worksheet_write_formula_str(ws, (lxw_row_t)row++, 1, buf,
                                             x->pct, "n/a"));
    str(x, ws, row, 0, "Target %", x->bold);
    num(x, ws, row++, 1, tot->target, x->pct);
    str(x, ws, row, 0, "Status", x->bold);
    str(x, ws, row++, 1, status(tot), tot->met ? x->good : x->bad);
    str(x, ws, row, 0, "Error budget seconds", x->bold);
    num(x, ws, row++, 1, tot->budget_s, x->num);
    str(x, ws, row, 0, "Error budget left seconds", x->bold);
    num(x, ws, row++, 1, tot->budget_remaining_s, x->num);
    str(x, ws, row, 0, "Service credit %", x->bold);
    num(x, ws, row++, 1, tot->credit_percent, NULL);
    str(x, ws, row, 0, "Incidents", x->bold);
    num(x, ws, row++, 1, (double)r->metrics.incidents, NULL);
    str(x, ws, row, 0, "MTTR seconds", x->bold);
    if (r->metrics.has_mttr)
        num(x, ws, row, 1, r->metrics.mttr_s, x->num);
    else
        str(x, ws, row, 1, "n/a", NULL);
    row++;
    str(x, ws, row, 0, "Previous period", x->bold);
    str(x, ws, row++, 1, r->prev.label, NULL);
    str(x, ws, row, 0, "Previous availability %", x->bold);
    if (r->prev_total.has_availability)
        num(x, ws, row, 1, r->prev_total.availability, x->pct);
    else
        str(x, ws, row, 1, "n/a", NULL);
    row++;
    str(x, ws, row, 0, "Previous incidents", x->bold);
    num(x, ws, row++, 1, (double)r->prev_metrics.incidents, NULL);
    row++;
    str(x, ws, row, 0, "Accounting policy", x->bold);
    text = aft_monthly_text(r, t, "policy");
    str(x, ws, row++, 1, text, x->wrap);
    free(text);
}

static void
services_sheet(xw *x)
{
    static const char *const names[] = {
        "Service", "Name", "Target %", "Eligible s", "Excluded s",
        "Downtime s", "Availability %", "Status", "Budget s", "Budget left s",
        "Credit %", "Downtime", "Major s", "Partial s", "Degraded s"
    };
    static const double widths[] = {14, 24, 10, 12, 11, 12, 14, 10, 11, 13,
                                    9, 11, 10, 10, 10};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Services");
    const aft_monthly *r = x->r;
    size_t i;
    char f[64];

    header_row(x, ws, names, widths, 15);
    for (i = 0; i < r->n_rows; i++) {
        const aft_avail_row *row = &r->rows[i];
        int k = (int)i + 1;

        str(x, ws, k, 0, row->service_id ? row->service_id : "(all)", NULL);
        str(x, ws, k, 1, row->service_id ? aft_service_name(r->ds,
                                                            row->service_id)
                                         : "All services", NULL);
        num(x, ws, k, 2, row->r.target, x->pct);
        num(x, ws, k, 3, (double)row->r.eligible_s, x->secs);
        num(x, ws, k, 4, (double)row->r.excluded_s, x->secs);
        num(x, ws, k, 5, row->r.downtime_s, x->num);
        avail_formula(x, ws, k, 6, 3, 5, &row->r);
        str(x, ws, k, 7, status(&row->r), NULL);
        num(x, ws, k, 8, row->r.budget_s, x->num);
        snprintf(f, sizeof f, "=I%d-F%d", k + 1, k + 1);
        formula(x, ws, k, 9, f, x->num, row->r.budget_remaining_s);
        num(x, ws, k, 10, row->r.credit_percent, NULL);
        snprintf(f, sizeof f, "=F%d/86400", k + 1);
        formula(x, ws, k, 11, f, x->dur, row->r.downtime_s / 86400.0);
        num(x, ws, k, 12, (double)row->r.major_s, x->secs);
        num(x, ws, k, 13, (double)row->r.partial_s, x->secs);
        num(x, ws, k, 14, (double)row->r.degraded_s, x->secs);
    }
    finish_table(x, ws, (int)r->n_rows, 15);
}

static void
daily_sheet(xw *x)
{
    static const char *const names[] = {
        "Day", "Eligible s", "Downtime s", "Availability %", "Target %"
    };
    static const double widths[] = {12, 12, 12, 14, 10};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Daily");
    const aft_monthly *r = x->r;
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
    lxw_chart_series *s;
    char buf[AFT_INSTANT_BUFSZ], ref[64];
    size_t i;

    header_row(x, ws, names, widths, 5);
    for (i = 0; i < r->n_days; i++) {
        int k = (int)i + 1;
        str(x, ws, k, 0, aft_date_format(buf, r->period.start_day
                                                  + (int64_t)i), NULL);
        num(x, ws, k, 1, (double)r->days[i].eligible_s, x->secs);
        num(x, ws, k, 2, r->days[i].downtime_s, x->num);
        avail_formula(x, ws, k, 3, 1, 2, &r->days[i]);
        num(x, ws, k, 4, r->days[i].target, x->pct);
    }
    finish_table(x, ws, (int)r->n_days, 5);
    if (chart == NULL)
        return;
    snprintf(ref, sizeof ref, "=Daily!$D$2:$D$%zu", r->n_days + 1);
    snprintf(buf, sizeof buf, "=Daily!$A$2:$A$%zu", r->n_days + 1);
    s = chart_add_series(chart, buf, ref);
    chart_series_set_name(s, "Availability %");
    chart_title_set_name(chart, "Daily availability");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    check(x, worksheet_insert_chart(ws, 1, 6, chart));
}

static void
incidents_sheet(xw *x)
{
    static const char *const names[] = {
        "Incident", "Title", "Severity", "Start (local)", "Duration",
        "Ongoing", "Downtime s (weighted)", "Services", "Root cause",
        "Resolution", "First update", "Longest silence", "Update promise kept"
    };
    static const double widths[] = {12, 40, 9, 17, 11, 9, 13, 24, 50, 40, 12,
                                    14, 12};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Incidents");
    const aft_monthly *r = x->r;
    size_t i;

    header_row(x, ws, names, widths, 13);
    for (i = 0; i < r->n_incidents; i++) {
        const aft_report_incident *ri = &r->incidents[i];
        int k = (int)i + 1;

        str(x, ws, k, 0, ri->inc->id, NULL);
        str(x, ws, k, 1, ri->inc->title, x->wrap);
        str(x, ws, k, 2, aft_severity_str(ri->inc->severity), NULL);
        when(x, ws, k, 3, ri->inc->started_at);
        num(x, ws, k, 4, (double)ri->duration_s / 86400.0, x->dur);
        str(x, ws, k, 5, ri->ongoing ? "yes" : "no", NULL);
        num(x, ws, k, 6, ri->downtime_s, x->num);
        str(x, ws, k, 7, ri->services, x->wrap);
        str(x, ws, k, 8, ri->inc->root_cause, x->wrap);
        str(x, ws, k, 9, ri->inc->resolution, x->wrap);
        if (ri->first_update_s != AFT_TIME_NONE)
            num(x, ws, k, 10, (double)ri->first_update_s / 86400.0, x->dur);
        else
            str(x, ws, k, 10, "none", NULL);
        num(x, ws, k, 11, (double)ri->silence_s / 86400.0, x->dur);
        str(x, ws, k, 12, ri->update_breach ? "no" : "yes", NULL);
    }
    finish_table(x, ws, (int)r->n_incidents, 13);
}

static void
maintenance_sheet(xw *x)
{
    static const char *const names[] = {
        "Maintenance", "Title", "Services", "Scheduled start (local)",
        "Scheduled end (local)", "Actual start (local)", "Actual end (local)",
        "Notice (days)", "Policy (days)", "Within policy", "Early start",
        "Overrun", "Counted against SLA s", "Status", "Work done", "Issues"
    };
    static const double widths[] = {13, 32, 22, 17, 17, 17, 17, 10, 10, 10,
                                    10, 10, 13, 11, 40, 40};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Maintenance");
    const aft_monthly *r = x->r;
    size_t i;

    header_row(x, ws, names, widths, 16);
    for (i = 0; i < r->n_maints; i++) {
        const aft_report_maint *rm = &r->maints[i];
        int k = (int)i + 1;

        str(x, ws, k, 0, rm->m->id, NULL);
        str(x, ws, k, 1, rm->m->title, x->wrap);
        str(x, ws, k, 2, rm->services, x->wrap);
        when(x, ws, k, 3, rm->m->scheduled_start);
        when(x, ws, k, 4, rm->m->scheduled_end);
        when(x, ws, k, 5, rm->actual_start);
        when(x, ws, k, 6, rm->actual_end);
        if (rm->has_notice)
            num(x, ws, k, 7, rm->lead_days, x->num);
        else
            str(x, ws, k, 7, "none", NULL);
        num(x, ws, k, 8, r->client->notice_days, NULL);
        str(x, ws, k, 9, rm->announced ? "yes" : "no", NULL);
        num(x, ws, k, 10, (double)rm->early_s / 86400.0, x->dur);
        num(x, ws, k, 11, (double)rm->overrun_s / 86400.0, x->dur);
        num(x, ws, k, 12, rm->counted_s, x->num);
        str(x, ws, k, 13, aft_mstatus_str(rm->m->status), NULL);
        str(x, ws, k, 14, rm->m->summary, x->wrap);
        str(x, ws, k, 15, rm->m->issues, x->wrap);
    }
    finish_table(x, ws, (int)r->n_maints, 16);
}

static void
trend_sheet(xw *x)
{
    static const char *const names[] = {
        "Period", "Eligible s", "Downtime s", "Availability %", "Target %"
    };
    static const double widths[] = {12, 12, 12, 14, 10};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Trend");
    const aft_monthly *r = x->r;
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_LINE);
    lxw_chart_series *s;
    int i;

    header_row(x, ws, names, widths, 5);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        str(x, ws, i + 1, 0, r->trend_period[i].label, NULL);
        num(x, ws, i + 1, 1, (double)r->trend[i].eligible_s, x->secs);
        num(x, ws, i + 1, 2, r->trend[i].downtime_s, x->num);
        avail_formula(x, ws, i + 1, 3, 1, 2, &r->trend[i]);
        num(x, ws, i + 1, 4, r->trend[i].target, x->pct);
    }
    finish_table(x, ws, AFT_TREND_PERIODS, 5);
    if (chart == NULL)
        return;
    s = chart_add_series(chart, "=Trend!$A$2:$A$13", "=Trend!$D$2:$D$13");
    chart_series_set_name(s, "Availability %");
    s = chart_add_series(chart, "=Trend!$A$2:$A$13", "=Trend!$E$2:$E$13");
    chart_series_set_name(s, "Target %");
    chart_title_set_name(chart, "Availability, last 12 periods");
    check(x, worksheet_insert_chart(ws, 1, 6, chart));
}

/* Open a workbook at path.tmp with properties and formats. */
static int
book_begin(xw *x, const aft_template *t, const char *path, char *title,
           int64_t created, char *company, size_t csize, aft_error *err)
{
    char tmp[4096];
    lxw_workbook_options opts = {0};
    lxw_doc_properties props = {0};

    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    opts.constant_memory = LXW_FALSE;
    if ((x->wb = workbook_new_opt(tmp, &opts)) == NULL)
        return aft_error_set(err, AFT_EIO, "cannot create '%s'", tmp);
    snprintf(company, csize, "%s", aft_template_get(t, "company"));
    props.title = title;
    props.subject = title;
    props.author = company;
    props.company = company;
    props.created = (time_t)created;   /* reproducible */
    check(x, workbook_set_properties(x->wb, &props));
    formats(x, t);
    return AFT_OK;
}

/* book_begin() and a first "Summary" sheet of label, value columns. */
static lxw_worksheet *
summary_book(xw *x, const aft_template *t, const char *path, char *title,
             int64_t created, char *company, size_t csize, aft_error *err)
{
    lxw_worksheet *ws;

    if (book_begin(x, t, path, title, created, company, csize, err) < 0)
        return NULL;
    ws = workbook_add_worksheet(x->wb, "Summary");
    check(x, worksheet_set_column(ws, 0, 0, 36, NULL));
    check(x, worksheet_set_column(ws, 1, 1, 80, NULL));
    return ws;
}

/* Close (always frees) and move path.tmp into place. */
static int
book_end(xw *x, const char *path, aft_error *err)
{
    char tmp[4096];
    lxw_error e = workbook_close(x->wb);

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

int
aft_monthly_write_xlsx(const aft_monthly *r, const aft_template *t,
                       const char *path, aft_error *err)
{
    char title[256], company[256];
    xw x;
    int rc;

    memset(&x, 0, sizeof x);
    x.r = r;
    x.tz = r->tz;
    snprintf(title, sizeof title, "%s: %s, %s",
             aft_template_get(t, "text.title"), r->client->name,
             r->period.label);
    if ((rc = book_begin(&x, t, path, title, r->as_of, company,
                         sizeof company, err)) < 0)
        return rc;
    summary_sheet(&x, t);
    services_sheet(&x);
    daily_sheet(&x);
    incidents_sheet(&x);
    maintenance_sheet(&x);
    trend_sheet(&x);
    return book_end(&x, path, err);
}

/* ---- root-cause and post-maintenance workbooks ---- */

/* Local time in zone tz as an Excel date-time. */
static void
when_tz(xw *x, lxw_worksheet *ws, int row, int col, const aft_tz *tz,
        int64_t t)
{
    const aft_tz *keep = x->tz;

    x->tz = tz;
    when(x, ws, row, col, t);
    x->tz = keep;
}

static void
kv_str(xw *x, lxw_worksheet *ws, int *row, const char *k, const char *v)
{
    str(x, ws, *row, 0, k, x->bold);
    str(x, ws, (*row)++, 1, v, x->wrap);
}

static void
kv_num(xw *x, lxw_worksheet *ws, int *row, const char *k, double v,
       lxw_format *f)
{
    str(x, ws, *row, 0, k, x->bold);
    num(x, ws, (*row)++, 1, v, f);
}

static void
kv_secs(xw *x, lxw_worksheet *ws, int *row, const char *k, int64_t v)
{
    if (v == AFT_TIME_NONE)
        kv_str(x, ws, row, k, "n/a");
    else
        kv_num(x, ws, row, k, (double)v, x->secs);
}

int
aft_rca_write_xlsx(const aft_rca *r, const aft_template *t, const char *path,
                   aft_error *err)
{
    static const char *const inames[] = {
        "Service", "Name", "Level", "From (local)", "Until (local)",
        "Weighted downtime s"
    };
    static const double iw[] = {14, 26, 20, 17, 17, 16};
    static const char *const tnames[] = {"Time (local)", "Status", "Update"};
    static const double tw[] = {17, 14, 90};
    static const char *const anames[] = {"Action", "Owner", "Due", "Status"};
    static const double aw[] = {60, 22, 12, 14};
    const aft_incident *inc = r->inc;
    char title[256], company[256], buf[AFT_INSTANT_BUFSZ];
    lxw_worksheet *ws;
    size_t i;
    int row = 0;
    xw x;

    memset(&x, 0, sizeof x);
    snprintf(title, sizeof title, "Root-cause report: %s, %s",
             r->client->name, inc->id);
    if ((ws = summary_book(&x, t, path, title, r->as_of, company,
                           sizeof company, err)) == NULL)
        return err ? err->code : AFT_EIO;
    kv_str(&x, ws, &row, "Client", r->client->name);
    kv_str(&x, ws, &row, "Incident", inc->id);
    kv_str(&x, ws, &row, "Title", inc->title);
    kv_str(&x, ws, &row, "Severity", aft_severity_str(inc->severity));
    kv_str(&x, ws, &row, "State", r->ongoing ? "ongoing (interim report)"
                                            : "resolved");
    kv_str(&x, ws, &row, "Time zone", r->client->timezone);
    str(&x, ws, row, 0, "Started (local)", x.bold);
    when_tz(&x, ws, row++, 1, r->tz, inc->started_at);
    str(&x, ws, row, 0, "Ended (local, as of)", x.bold);
    when_tz(&x, ws, row++, 1, r->tz, aft_incident_end(inc, r->as_of));
    kv_num(&x, ws, &row, "Weighted downtime s (this client)", r->downtime_s,
           x.num);
    kv_str(&x, ws, &row, "Month", r->month.label);
    kv_num(&x, ws, &row, "Month eligible s", (double)r->month_total.eligible_s,
           x.secs);
    kv_num(&x, ws, &row, "Month downtime s", r->month_total.downtime_s, x.num);
    if (r->month_total.has_availability)
        kv_num(&x, ws, &row, "Month availability %",
               r->month_total.availability, x.pct);
    else
        kv_str(&x, ws, &row, "Month availability %", "n/a");
    kv_num(&x, ws, &row, "Month error budget s", r->month_total.budget_s,
           x.num);
    kv_secs(&x, ws, &row, "Time to detect s", r->ttd_s);
    kv_secs(&x, ws, &row, "Time to acknowledge s", r->tta_s);
    kv_secs(&x, ws, &row, "Time to resolve s", r->ttr_s);
    kv_secs(&x, ws, &row, "Portfolio median time to detect s", r->med_ttd_s);
    kv_secs(&x, ws, &row, "Portfolio median time to acknowledge s",
            r->med_tta_s);
    kv_secs(&x, ws, &row, "Portfolio median time to resolve s", r->med_ttr_s);
    kv_str(&x, ws, &row, "Root cause", inc->root_cause);
    kv_str(&x, ws, &row, "Resolution", inc->resolution);
    kv_str(&x, ws, &row, "As of (UTC)", aft_instant_format(buf, r->as_of));

    ws = workbook_add_worksheet(x.wb, "Impact");
    header_row(&x, ws, inames, iw, 6);
    for (i = 0; i < r->n_services; i++) {
        const aft_rca_service *s = &r->services[i];
        int k = (int)i + 1;
        str(&x, ws, k, 0, s->service_id, NULL);
        str(&x, ws, k, 1, aft_service_name(r->ds, s->service_id), NULL);
        str(&x, ws, k, 2, aft_level_str(s->level), NULL);
        when_tz(&x, ws, k, 3, r->tz, s->start);
        when_tz(&x, ws, k, 4, r->tz, s->end);
        num(&x, ws, k, 5, s->downtime_s, x.num);
    }
    finish_table(&x, ws, (int)r->n_services, 6);

    ws = workbook_add_worksheet(x.wb, "Timeline");
    header_row(&x, ws, tnames, tw, 3);
    for (i = 0; i < inc->n_updates; i++) {
        int k = (int)i + 1;
        when_tz(&x, ws, k, 0, r->tz, inc->updates[i].at);
        str(&x, ws, k, 1, inc->updates[i].status, NULL);
        str(&x, ws, k, 2, inc->updates[i].body, x.wrap);
    }
    finish_table(&x, ws, (int)inc->n_updates, 3);

    ws = workbook_add_worksheet(x.wb, "Actions");
    header_row(&x, ws, anames, aw, 4);
    for (i = 0; i < inc->n_actions; i++) {
        const aft_action *a = &inc->actions[i];
        int k = (int)i + 1;
        str(&x, ws, k, 0, a->action, x.wrap);
        str(&x, ws, k, 1, a->owner, NULL);
        str(&x, ws, k, 2, a->due_day != AFT_DATE_NONE
                          ? aft_date_format(buf, a->due_day) : "", NULL);
        str(&x, ws, k, 3, a->status, NULL);
    }
    finish_table(&x, ws, (int)inc->n_actions, 4);
    return book_end(&x, path, err);
}

int
aft_mreport_write_xlsx(const aft_mreport *r, const aft_template *t,
                       const char *path, aft_error *err)
{
    const aft_report_maint *w = &r->w;
    const aft_maintenance *m = w->m;
    char title[256], company[256];
    lxw_worksheet *ws;
    int row = 0;
    xw x;

    memset(&x, 0, sizeof x);
    snprintf(title, sizeof title, "Post-maintenance report: %s, %s",
             r->client->name, m->id);
    if ((ws = summary_book(&x, t, path, title, r->as_of, company,
                           sizeof company, err)) == NULL)
        return err ? err->code : AFT_EIO;
    kv_str(&x, ws, &row, "Client", r->client->name);
    kv_str(&x, ws, &row, "Maintenance", m->id);
    kv_str(&x, ws, &row, "Title", m->title);
    kv_str(&x, ws, &row, "Status", aft_mstatus_str(m->status));
    kv_str(&x, ws, &row, "Services affected", w->services);
    kv_str(&x, ws, &row, "Time zone", r->client->timezone);
    str(&x, ws, row, 0, "Scheduled start (local)", x.bold);
    when_tz(&x, ws, row++, 1, r->tz, m->scheduled_start);
    str(&x, ws, row, 0, "Scheduled end (local)", x.bold);
    when_tz(&x, ws, row++, 1, r->tz, m->scheduled_end);
    str(&x, ws, row, 0, "Actual start (local)", x.bold);
    when_tz(&x, ws, row++, 1, r->tz, w->actual_start);
    str(&x, ws, row, 0, "Actual end (local)", x.bold);
    when_tz(&x, ws, row++, 1, r->tz, w->actual_end);
    kv_num(&x, ws, &row, "Early start s", (double)w->early_s, x.secs);
    kv_num(&x, ws, &row, "Overrun s", (double)w->overrun_s, x.secs);
    if (w->has_notice)
        kv_num(&x, ws, &row, "Notice given (days)", w->lead_days, x.num);
    else
        kv_str(&x, ws, &row, "Notice given (days)", "none");
    kv_num(&x, ws, &row, "Notice policy (days)", r->client->notice_days,
           NULL);
    kv_str(&x, ws, &row, "Within policy", w->announced ? "yes" : "no");
    kv_num(&x, ws, &row, "Counted against the SLA s", w->counted_s, x.num);
    kv_num(&x, ws, &row, "Month error budget s", r->month_total.budget_s,
           x.num);
    if (r->month_total.has_availability)
        kv_num(&x, ws, &row, "Month availability %",
               r->month_total.availability, x.pct);
    else
        kv_str(&x, ws, &row, "Month availability %", "n/a");
    kv_str(&x, ws, &row, "Work done", m->summary);
    kv_str(&x, ws, &row, "Issues met", m->issues);
    return book_end(&x, path, err);
}

/* ---- portfolio workbook ---- */

int
aft_portfolio_write_xlsx(const aft_portfolio *r, const aft_template *t,
                         const char *path, aft_error *err)
{
    static const char *const cnames[] = {
        "Client", "Name", "Time zone", "Eligible s", "Downtime s",
        "Availability %", "Target %", "Status", "Budget left s", "Credit %",
        "Incidents", "MTTR s"
    };
    static const double cw[] = {14, 28, 18, 12, 12, 14, 10, 10, 13, 9, 10, 10};
    static const char *const tnames[] = {
        "Period", "Eligible s", "Downtime s", "Availability %"
    };
    static const double tw[] = {12, 14, 14, 14};
    static const char *const inames[] = {
        "Incident", "Title", "Started (UTC)", "Clients hit",
        "Client-seconds down (weighted)"
    };
    static const double iw[] = {12, 50, 20, 12, 18};
    char title[256], company[256], buf[64], f[96];
    lxw_worksheet *ws;
    lxw_chart *chart;
    size_t i, k, j;
    int row = 0;
    xw x;

    memset(&x, 0, sizeof x);
    snprintf(title, sizeof title, "Portfolio report: %s", r->period.label);
    if ((ws = summary_book(&x, t, path, title, r->as_of, company,
                           sizeof company, err)) == NULL)
        return err ? err->code : AFT_EIO;
    kv_str(&x, ws, &row, "Period", r->period.label);
    kv_str(&x, ws, &row, "As of (UTC)", aft_instant_format(buf, r->as_of));
    kv_num(&x, ws, &row, "Clients", (double)r->n_clients, NULL);
    kv_num(&x, ws, &row, "Clients on target", (double)r->clients_met, NULL);
    kv_num(&x, ws, &row, "Clients breached", (double)r->clients_breached,
           NULL);
    kv_num(&x, ws, &row, "Services on target", (double)r->services_met, NULL);
    kv_num(&x, ws, &row, "Services measured", (double)r->services_measured,
           NULL);
    kv_num(&x, ws, &row, "Clients owed a credit",
           (double)r->clients_with_credit, NULL);
    kv_num(&x, ws, &row, "Eligible s (all clients)",
           (double)r->total.eligible_s, x.secs);
    kv_num(&x, ws, &row, "Downtime s (all clients)", r->total.downtime_s,
           x.num);
    str(&x, ws, row, 0, "Portfolio availability %", x.bold);
    snprintf(f, sizeof f, "=IF(B%d>0,100-100*B%d/B%d,\"n/a\")", row - 1,
             row, row - 1);
    if (r->total.has_availability)
        formula(&x, ws, row++, 1, f, x.pct, r->total.availability);
    else
        check(&x, worksheet_write_formula_str(ws, (lxw_row_t)row++, 1, f,
                                              x.pct, "n/a"));
    if (r->prev_total.has_availability)
        kv_num(&x, ws, &row, "Previous period availability %",
               r->prev_total.availability, x.pct);
    if (r->year_total.has_availability)
        kv_num(&x, ws, &row, "A year before availability %",
               r->year_total.availability, x.pct);
    kv_num(&x, ws, &row, "Incidents started", (double)r->metrics.incidents,
           NULL);
    if (r->metrics.has_mttr)
        kv_num(&x, ws, &row, "MTTR s", r->metrics.mttr_s, x.num);
    if (r->prev_metrics.has_mttr)
        kv_num(&x, ws, &row, "Previous period MTTR s",
               r->prev_metrics.mttr_s, x.num);
    if (r->year_metrics.has_mttr)
        kv_num(&x, ws, &row, "A year before MTTR s", r->year_metrics.mttr_s,
               x.num);
    kv_num(&x, ws, &row, "Maintenance notices to clients",
           (double)r->windows, NULL);
    kv_num(&x, ws, &row, "Notices within policy",
           (double)r->windows_announced, NULL);
    kv_num(&x, ws, &row, "Maintenance overrun s", (double)r->overrun_s,
           x.secs);

    ws = workbook_add_worksheet(x.wb, "Clients");
    header_row(&x, ws, cnames, cw, 12);
    for (i = 0; i < r->n_clients; i++) {
        const aft_portfolio_client *c = &r->clients[i];
        const aft_sla_result *s = &c->rows[c->n_rows - 1].r;
        int k1 = (int)i + 1;
        str(&x, ws, k1, 0, c->client->id, NULL);
        str(&x, ws, k1, 1, c->client->name, NULL);
        str(&x, ws, k1, 2, c->client->timezone, NULL);
        num(&x, ws, k1, 3, (double)s->eligible_s, x.secs);
        num(&x, ws, k1, 4, s->downtime_s, x.num);
        avail_formula(&x, ws, k1, 5, 3, 4, s);
        num(&x, ws, k1, 6, s->target, x.pct);
        str(&x, ws, k1, 7, status(s), NULL);
        num(&x, ws, k1, 8, s->budget_remaining_s, x.num);
        num(&x, ws, k1, 9, s->credit_percent, NULL);
        num(&x, ws, k1, 10, (double)c->metrics.incidents, NULL);
        if (c->metrics.has_mttr)
            num(&x, ws, k1, 11, c->metrics.mttr_s, x.num);
    }
    finish_table(&x, ws, (int)r->n_clients, 12);

    ws = workbook_add_worksheet(x.wb, "Matrix");
    str(&x, ws, 0, 0, "Client", x.head);
    check(&x, worksheet_set_column(ws, 0, 0, 28, NULL));
    for (k = 0; k < r->n_services; k++) {
        str(&x, ws, 0, (int)k + 1, aft_service_name(r->ds, r->services[k]),
            x.head);
        check(&x, worksheet_set_column(ws, (lxw_col_t)(k + 1),
                                       (lxw_col_t)(k + 1), 12, NULL));
    }
    worksheet_freeze_panes(ws, 1, 1);
    for (i = 0; i < r->n_clients; i++) {
        const aft_portfolio_client *c = &r->clients[i];
        str(&x, ws, (int)i + 1, 0, c->client->name, NULL);
        for (k = 0; k < r->n_services; k++)
            for (j = 0; j + 1 < c->n_rows; j++)
                if (strcmp(c->rows[j].service_id, r->services[k]) == 0) {
                    const aft_sla_result *s = &c->rows[j].r;
                    if (s->has_availability)
                        num(&x, ws, (int)i + 1, (int)k + 1, s->availability,
                            s->met ? x.good : x.bad);
                    else
                        str(&x, ws, (int)i + 1, (int)k + 1, "n/a", NULL);
                }
    }
    finish_table(&x, ws, (int)r->n_clients, (int)r->n_services + 1);

    ws = workbook_add_worksheet(x.wb, "Trend");
    header_row(&x, ws, tnames, tw, 4);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        int k1 = (int)i + 1;
        str(&x, ws, k1, 0, r->trend_period[i].label, NULL);
        num(&x, ws, k1, 1, (double)r->trend[i].eligible_s, x.secs);
        num(&x, ws, k1, 2, r->trend[i].downtime_s, x.num);
        avail_formula(&x, ws, k1, 3, 1, 2, &r->trend[i]);
    }
    finish_table(&x, ws, AFT_TREND_PERIODS, 4);
    if ((chart = workbook_add_chart(x.wb, LXW_CHART_LINE)) != NULL) {
        lxw_chart_series *se = chart_add_series(chart, "=Trend!$A$2:$A$13",
                                                "=Trend!$D$2:$D$13");
        chart_series_set_name(se, "Portfolio availability %");
        chart_title_set_name(chart, "Portfolio availability, last 12 periods");
        check(&x, worksheet_insert_chart(ws, 1, 5, chart));
    }

    ws = workbook_add_worksheet(x.wb, "Incidents");
    header_row(&x, ws, inames, iw, 5);
    for (i = 0; i < r->n_top; i++) {
        const aft_portfolio_incident *pi = &r->top[i];
        int k1 = (int)i + 1;
        str(&x, ws, k1, 0, pi->inc->id, NULL);
        str(&x, ws, k1, 1, pi->inc->title, x.wrap);
        str(&x, ws, k1, 2, aft_instant_format(buf, pi->inc->started_at),
            NULL);
        num(&x, ws, k1, 3, (double)pi->n_clients, NULL);
        num(&x, ws, k1, 4, pi->client_seconds, x.num);
    }
    finish_table(&x, ws, (int)r->n_top, 5);
    return book_end(&x, path, err);
}
