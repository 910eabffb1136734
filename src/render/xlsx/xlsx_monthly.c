/*
 * xlsx_monthly.c - the monthly report as a workbook to audit: the same
 * figures as the PDF, one sheet per table, formulas that carry their
 * computed values, native charts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/xlsx/xlsx_kit.h"

/* Label in bold in column A, text in column B. */
static void
line(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k, const char *v)
{
    aft_xlsx__str(x, ws, *row, 0, k, x->bold);
    aft_xlsx__str(x, ws, (*row)++, 1, v, NULL);
}

/* Label in bold in column A, a number (f NULL: general) in column B. */
static void
figure(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k, double v,
       lxw_format *f)
{
    aft_xlsx__str(x, ws, *row, 0, k, x->bold);
    aft_xlsx__num(x, ws, (*row)++, 1, v, f);
}

/* Every credit the tiers yield, one line each, with the fee it is on. */
static void
credits(aft_xlsx *x, lxw_worksheet *ws, int *row, const aft_monthly *r,
        const aft_template *t)
{
    char *s = aft_monthly_say(r, t, "credits");
    size_t i;

    for (i = 0; i < r->n_credits; i++) {
        char k[160];
        const aft_report_credit *c = &r->credits[i];

        snprintf(k, sizeof k, "Credit %% on the %s: %s",
                 aft_report_fee(t, &r->period),
                 c->service_id ? aft_service_name(r->ds, c->service_id)
                               : "all services");
        figure(x, ws, row, k, c->percent, NULL);
    }
    line(x, ws, row, "Credits owed", s != NULL ? s : "");
    free(s);
}

/* The client's month against its target: time, downtime, budget,
 * credit, incidents. */
static void
summary_figures(aft_xlsx *x, lxw_worksheet *ws, int *row, const aft_monthly *r,
                const aft_template *t)
{
    const aft_sla_result *tot = aft_monthly_total(r);

    figure(x, ws, row, "Eligible seconds", (double)tot->eligible_s, x->secs);
    figure(x, ws, row, "Downtime seconds (weighted)", tot->downtime_s, x->num);
    aft_xlsx__kv_avail(x, ws, row, "Availability %", tot);
    figure(x, ws, row, "Target %", tot->target, x->pct);
    aft_xlsx__str(x, ws, *row, 0, "Status", x->bold);
    aft_xlsx__str(x, ws, (*row)++, 1,
                  aft_report_verdict(t, tot, r->provisional),
                  tot->met ? x->good : x->bad);
    figure(x, ws, row, "Error budget seconds", tot->budget_s, x->num);
    figure(x, ws, row, "Error budget left seconds", tot->budget_remaining_s,
           x->num);
    figure(x, ws, row, "Service credit % (client as a whole)",
           tot->credit_percent, NULL);
    credits(x, ws, row, r, t);
    figure(x, ws, row, "Incidents", (double)r->metrics.incidents, NULL);
    if (r->metrics.has_mttr)
        figure(x, ws, row, "MTTR seconds", r->metrics.mttr_s, x->num);
    else
        line(x, ws, row, "MTTR seconds", "n/a");
}

static void
summary_sheet(aft_xlsx *x, const aft_monthly *r, const aft_template *t)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Summary");
    char *text;
    int row = 0;

    aft_xlsx__print_summary(ws);
    aft_xlsx__check(x, worksheet_set_column(ws, 0, 0, 34, NULL));
    aft_xlsx__check(x, worksheet_set_column(ws, 1, 1, 60, NULL));
    aft_xlsx__str(x, ws, row++, 0, aft_template_get(t, "company"), x->title);
    line(x, ws, &row, "Client", r->client->name);
    line(x, ws, &row, "Client id", r->client->id);
    line(x, ws, &row, "Period", r->period.label);
    line(x, ws, &row, "Time zone", r->client->timezone);
    aft_xlsx__kv_utc(x, ws, &row, "As of (UTC)", r->as_of);
    aft_xlsx__kv_local(x, ws, &row, "As of (local)", r->as_of);
    line(x, ws, &row, "Provisional",
         r->provisional ? "yes: the period is not over, figures to date"
                        : "no: the period is over");
    row++;
    summary_figures(x, ws, &row, r, t);
    line(x, ws, &row, "Previous period", r->prev.label);
    if (r->prev_total.has_availability)
        figure(x, ws, &row, "Previous availability %",
               r->prev_total.availability, x->pct);
    else
        line(x, ws, &row, "Previous availability %", "n/a");
    figure(x, ws, &row, "Previous incidents", (double)r->prev_incidents, NULL);
    row++;
    aft_xlsx__str(x, ws, row, 0, "Accounting policy", x->bold);
    text = aft_monthly_text(r, t, "policy");
    if (text == NULL) /* out of memory: not written as an empty cell */
        aft_xlsx__check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    aft_xlsx__str(x, ws, row++, 1, text, x->wrap);
    free(text);
}

static void
services_sheet(aft_xlsx *x, const aft_monthly *r)
{
    static const char *const names[] = {
        "Service",    "Name",          "Target %",       "Eligible s",
        "Excluded s", "Downtime s",    "Availability %", "Status",
        "Budget s",   "Budget left s", "Credit %",       "Downtime",
        "Major s",    "Partial s",     "Degraded s"};
    static const double widths[] = {14, 24, 10, 12, 11, 12, 14, 10,
                                    11, 13, 9,  11, 10, 10, 10};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Services");
    size_t i;
    char f[64];

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < r->n_rows; i++) {
        const aft_avail_row *row = &r->rows[i];
        const char *id = row->service_id;
        int k = (int)i + 1;

        aft_xlsx__str(x, ws, k, 0, id ? id : "(all)", NULL);
        aft_xlsx__str(x, ws, k, 1,
                      id ? aft_service_name(r->ds, id) : "All services", NULL);
        aft_xlsx__num(x, ws, k, 2, row->r.target, x->pct);
        aft_xlsx__num(x, ws, k, 3, (double)row->r.eligible_s, x->secs);
        aft_xlsx__num(x, ws, k, 4, (double)row->r.excluded_s, x->secs);
        aft_xlsx__num(x, ws, k, 5, row->r.downtime_s, x->num);
        aft_xlsx__avail_formula(x, ws, k, 6, 3, 5, &row->r);
        aft_xlsx__str(x, ws, k, 7, aft_xlsx__status(&row->r), NULL);
        aft_xlsx__num(x, ws, k, 8, row->r.budget_s, x->num);
        snprintf(f, sizeof f, "=I%d-F%d", k + 1, k + 1);
        aft_xlsx__formula(x, ws, k, 9, f, x->num, row->r.budget_remaining_s);
        aft_xlsx__num(x, ws, k, 10, row->r.credit_percent, NULL);
        snprintf(f, sizeof f, "=F%d/%d", k + 1, AFT_DAY_SECONDS);
        aft_xlsx__formula(x, ws, k, 11, f, x->dur,
                          row->r.downtime_s / AFT_DAY_SECONDS);
        aft_xlsx__num(x, ws, k, 12, (double)row->r.major_s, x->secs);
        aft_xlsx__num(x, ws, k, 13, (double)row->r.partial_s, x->secs);
        aft_xlsx__num(x, ws, k, 14, (double)row->r.degraded_s, x->secs);
    }
    aft_xlsx__finish_table(x, ws, (int)r->n_rows, 15);
}

/* A line chart of availability (column D of sheet, rows 2 to last)
 * against the target (column E), its value axis from the PDF chart's
 * floor up to 100 %. */
static void
availability_chart(aft_xlsx *x, lxw_worksheet *ws, const char *sheet, int last,
                   double lo, const char *title)
{
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_LINE);
    lxw_chart_line dash = {0};
    lxw_chart_series *s;
    char cats[64], vals[64];

    if (chart == NULL)
        return;
    snprintf(cats, sizeof cats, "=%s!$A$2:$A$%d", sheet, last);
    snprintf(vals, sizeof vals, "=%s!$D$2:$D$%d", sheet, last);
    s = chart_add_series(chart, cats, vals);
    chart_series_set_name(s, "Availability %");
    chart_series_set_marker_type(s, LXW_CHART_MARKER_AUTOMATIC);
    snprintf(vals, sizeof vals, "=%s!$E$2:$E$%d", sheet, last);
    s = chart_add_series(chart, cats, vals);
    chart_series_set_name(s, "Target %");
    dash.color = 0x1F3A5F;
    dash.dash_type = LXW_CHART_LINE_DASH_DASH;
    dash.width = 1.25f;
    chart_series_set_line(s, &dash);
    chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    chart_axis_set_min(chart->y_axis, lo);
    chart_axis_set_max(chart->y_axis, 100);
    chart_axis_set_num_format(chart->y_axis, "0.0");
    if (strcmp(sheet, "Daily") == 0) /* dates, not their serial numbers */
        chart_axis_set_num_format(chart->x_axis, "mm-dd");
    chart_title_set_name(chart, title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    aft_xlsx__check(x, worksheet_insert_chart(ws, 1, 6, chart));
    worksheet_set_landscape(ws); /* the table and the chart beside it */
}

/* The lowest value the charts' axis shows, as the PDF's (pdf_kit.c):
 * below the lowest value or target with a quarter of its distance from
 * 100, rounded down, within [0, 99.5]. */
static double
chart_floor(const aft_sla_result *v, size_t n, const int *skip)
{
    double lo = 100;
    size_t i;

    for (i = 0; i < n; i++) {
        if (skip != NULL && skip[i])
            continue;
        if (v[i].has_availability && v[i].availability < lo)
            lo = v[i].availability;
        if (v[i].target > 0 && v[i].target < lo)
            lo = v[i].target;
    }
    lo = floor(lo - (100 - lo) * 0.25 - 0.05);
    return lo > 99.5 ? 99.5 : lo < 0 ? 0 : lo;
}

static void
daily_sheet(aft_xlsx *x, const aft_monthly *r)
{
    static const char *const names[] = {"Day", "Eligible s", "Downtime s",
                                        "Availability %", "Target %"};
    static const double widths[] = {12, 12, 12, 14, 10};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Daily");
    size_t i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < r->n_days; i++) {
        int k = (int)i + 1;
        aft_xlsx__day(x, ws, k, 0, r->period.start_day + (int64_t)i);
        aft_xlsx__num(x, ws, k, 1, (double)r->days[i].eligible_s, x->secs);
        aft_xlsx__num(x, ws, k, 2, r->days[i].downtime_s, x->num);
        aft_xlsx__avail_formula(x, ws, k, 3, 1, 2, &r->days[i]);
        aft_xlsx__num(x, ws, k, 4, r->days[i].target, x->pct);
    }
    aft_xlsx__finish_table(x, ws, (int)r->n_days, 5);
    availability_chart(x, ws, "Daily", (int)r->n_days + 1,
                       chart_floor(r->days, r->n_days, NULL),
                       "Daily availability");
}

static void
incidents_sheet(aft_xlsx *x, const aft_monthly *r)
{
    static const char *const names[] = {"Incident",
                                        "Title",
                                        "Severity",
                                        "Start (local)",
                                        "Duration",
                                        "Ongoing",
                                        "Downtime s (weighted)",
                                        "Services",
                                        "Root cause",
                                        "Resolution",
                                        "First update",
                                        "Longest silence",
                                        "Update promise kept"};
    static const double widths[] = {12, 40, 9,  17, 11, 9, 13,
                                    24, 50, 40, 12, 14, 12};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Incidents");
    size_t i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < r->n_incidents; i++) {
        const aft_report_incident *ri = &r->incidents[i];
        int k = (int)i + 1;

        aft_xlsx__str(x, ws, k, 0, ri->inc->id, NULL);
        aft_xlsx__str(x, ws, k, 1, ri->inc->title, x->wrap);
        aft_xlsx__str(x, ws, k, 2, aft_severity_str(ri->inc->severity), NULL);
        aft_xlsx__when(x, ws, k, 3, ri->inc->started_at);
        aft_xlsx__duration(x, ws, k, 4, (double)ri->duration_s);
        aft_xlsx__str(x, ws, k, 5, ri->ongoing ? "yes" : "no", NULL);
        aft_xlsx__num(x, ws, k, 6, ri->downtime_s, x->num);
        aft_xlsx__str(x, ws, k, 7, ri->services, x->wrap);
        aft_xlsx__str(x, ws, k, 8, ri->inc->root_cause, x->wrap);
        aft_xlsx__str(x, ws, k, 9, ri->inc->resolution, x->wrap);
        if (ri->first_update_s != AFT_TIME_NONE)
            aft_xlsx__duration(x, ws, k, 10, (double)ri->first_update_s);
        else
            aft_xlsx__str(x, ws, k, 10, "none", NULL);
        aft_xlsx__duration(x, ws, k, 11, (double)ri->silence_s);
        aft_xlsx__str(x, ws, k, 12, ri->update_breach ? "no" : "yes", NULL);
    }
    aft_xlsx__finish_table(x, ws, (int)r->n_incidents, 13);
}

static void
maintenance_sheet(aft_xlsx *x, const aft_monthly *r)
{
    static const char *const names[] = {"Maintenance",
                                        "Title",
                                        "Services",
                                        "Scheduled start (local)",
                                        "Scheduled end (local)",
                                        "Actual start (local)",
                                        "Actual end (local)",
                                        "Notice (days)",
                                        "Policy (days)",
                                        "Within policy",
                                        "Early start",
                                        "Overrun",
                                        "Counted against SLA s",
                                        "Status",
                                        "Work done",
                                        "Issues"};
    static const double widths[] = {13, 32, 22, 17, 17, 17, 17, 10,
                                    10, 10, 10, 10, 13, 11, 40, 40};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Maintenance");
    size_t i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < r->n_maints; i++) {
        const aft_report_maint *rm = &r->maints[i];
        int k = (int)i + 1;

        aft_xlsx__str(x, ws, k, 0, rm->m->id, NULL);
        aft_xlsx__str(x, ws, k, 1, rm->m->title, x->wrap);
        aft_xlsx__str(x, ws, k, 2, rm->services, x->wrap);
        aft_xlsx__when(x, ws, k, 3, rm->m->scheduled_start);
        aft_xlsx__when(x, ws, k, 4, rm->m->scheduled_end);
        aft_xlsx__when(x, ws, k, 5, rm->actual_start);
        aft_xlsx__when(x, ws, k, 6, rm->actual_end);
        if (rm->has_notice)
            aft_xlsx__num(x, ws, k, 7, rm->lead_days, x->num);
        else
            aft_xlsx__str(x, ws, k, 7, "none", NULL);
        aft_xlsx__num(x, ws, k, 8, r->client->notice_days, NULL);
        aft_xlsx__str(x, ws, k, 9, rm->announced ? "yes" : "no", NULL);
        aft_xlsx__duration(x, ws, k, 10, (double)rm->early_s);
        aft_xlsx__duration(x, ws, k, 11, (double)rm->overrun_s);
        aft_xlsx__num(x, ws, k, 12, rm->counted_s, x->num);
        aft_xlsx__str(x, ws, k, 13, aft_mstatus_str(rm->m->status), NULL);
        aft_xlsx__str(x, ws, k, 14, rm->m->summary, x->wrap);
        aft_xlsx__str(x, ws, k, 15, rm->m->issues, x->wrap);
    }
    aft_xlsx__finish_table(x, ws, (int)r->n_maints, 16);
}

static void
trend_sheet(aft_xlsx *x, const aft_monthly *r)
{
    static const char *const names[] = {"Period",     "Eligible s",
                                        "Downtime s", "Availability %",
                                        "Target %",   "Note"};
    static const double widths[] = {12, 12, 12, 14, 10, 30};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Trend");
    int i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        aft_xlsx__str(x, ws, i + 1, 0, r->trend_period[i].label, NULL);
        aft_xlsx__num(x, ws, i + 1, 1, (double)r->trend[i].eligible_s, x->secs);
        aft_xlsx__num(x, ws, i + 1, 2, r->trend[i].downtime_s, x->num);
        /* Before the client's first record there is nothing to compute:
         * a formula over the measured time would say 100 %. The cell is
         * left empty (a gap in the chart, where text would plot as 0)
         * and the note says why. */
        if (r->trend_no_data[i])
            aft_xlsx__str(x, ws, i + 1, 5, "no data: before the first record",
                          NULL);
        else
            aft_xlsx__avail_formula(x, ws, i + 1, 3, 1, 2, &r->trend[i]);
        aft_xlsx__num(x, ws, i + 1, 4, r->trend[i].target, x->pct);
    }
    aft_xlsx__finish_table(x, ws, AFT_TREND_PERIODS, 6);
    availability_chart(x, ws, "Trend", AFT_TREND_PERIODS + 1,
                       chart_floor(r->trend, AFT_TREND_PERIODS,
                                   r->trend_no_data),
                       "Availability, last 12 periods");
}

int
aft_monthly_write_xlsx(const aft_monthly *r, const aft_template *t,
                       const char *path, aft_error *err)
{
    char title[256];
    aft_xlsx x;
    int rc;

    memset(&x, 0, sizeof x);
    x.tz = r->tz;
    snprintf(title, sizeof title, "%s: %s, %s",
             aft_template_get(t, "text.title"), r->client->name,
             r->period.label);
    if ((rc = aft_xlsx__begin(&x, t, path, title, r->as_of, err)) < 0)
        return rc;
    summary_sheet(&x, r, t);
    services_sheet(&x, r);
    daily_sheet(&x, r);
    incidents_sheet(&x, r);
    maintenance_sheet(&x, r);
    trend_sheet(&x, r);
    return aft_xlsx__end(&x, path, err);
}
