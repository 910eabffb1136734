/*
 * xlsx_portfolio.c - the portfolio report as a workbook: a summary of the
 * period, every client against target, a client by service matrix, the
 * 12-period trend with a chart, and the incidents that cost clients most.
 */
#include <stdio.h>
#include <string.h>

#include "render/xlsx/xlsx_kit.h"

/* Clients and services on target, and the portfolio's availability. */
static void
summary_targets(aft_xlsx *x, lxw_worksheet *ws, int *row,
                const aft_portfolio *r)
{
    aft_xlsx__kv_str(x, ws, row, "Period", r->period.label);
    aft_xlsx__kv_utc(x, ws, row, "As of (UTC)", r->as_of);
    aft_xlsx__kv_num(x, ws, row, "Clients", (double)r->n_clients, NULL);
    aft_xlsx__kv_num(x, ws, row, "Clients on target", (double)r->clients_met,
                     NULL);
    aft_xlsx__kv_num(x, ws, row, "Clients breached",
                     (double)r->clients_breached, NULL);
    aft_xlsx__kv_num(x, ws, row, "Services on target", (double)r->services_met,
                     NULL);
    aft_xlsx__kv_num(x, ws, row, "Services measured",
                     (double)r->services_measured, NULL);
    aft_xlsx__kv_num(x, ws, row, "Clients owed a credit",
                     (double)r->clients_with_credit, NULL);
    aft_xlsx__kv_num(x, ws, row, "Eligible s (all clients)",
                     (double)r->total.eligible_s, x->secs);
    aft_xlsx__kv_num(x, ws, row, "Downtime s (all clients)",
                     r->total.downtime_s, x->num);
    aft_xlsx__kv_avail(x, ws, row, "Portfolio availability %", &r->total);
}

/* The comparison periods, incidents and maintenance notice. */
static void
summary_history(aft_xlsx *x, lxw_worksheet *ws, int *row,
                const aft_portfolio *r)
{
    if (r->prev_total.has_availability)
        aft_xlsx__kv_num(x, ws, row, "Previous period availability %",
                         r->prev_total.availability, x->pct);
    if (r->year_total.has_availability)
        aft_xlsx__kv_num(x, ws, row, "A year before availability %",
                         r->year_total.availability, x->pct);
    aft_xlsx__kv_num(x, ws, row, "Incidents started",
                     (double)r->metrics.incidents, NULL);
    if (r->metrics.has_mttr)
        aft_xlsx__kv_num(x, ws, row, "MTTR s", r->metrics.mttr_s, x->num);
    if (r->has_prev_mttr)
        aft_xlsx__kv_num(x, ws, row, "Previous period MTTR s", r->prev_mttr_s,
                         x->num);
    if (r->has_year_mttr)
        aft_xlsx__kv_num(x, ws, row, "A year before MTTR s", r->year_mttr_s,
                         x->num);
    aft_xlsx__kv_num(x, ws, row, "Maintenance notices to clients",
                     (double)r->windows, NULL);
    aft_xlsx__kv_num(x, ws, row, "Notices within policy",
                     (double)r->windows_announced, NULL);
    aft_xlsx__kv_num(x, ws, row, "Maintenance overrun s", (double)r->overrun_s,
                     x->secs);
}

static void
clients_sheet(aft_xlsx *x, const aft_portfolio *r)
{
    static const char *const names[] = {
        "Client",        "Name",           "Time zone", "Eligible s",
        "Downtime s",    "Availability %", "Target %",  "Status",
        "Budget left s", "Credit %",       "Incidents", "MTTR s"};
    static const double widths[] = {14, 28, 18, 12, 12, 14,
                                    10, 10, 13, 9,  10, 10};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Clients");
    size_t i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < r->n_clients; i++) {
        const aft_portfolio_client *c = &r->clients[i];
        const aft_sla_result *s = &c->rows[c->n_rows - 1].r;
        int k = (int)i + 1;
        aft_xlsx__str(x, ws, k, 0, c->client->id, NULL);
        aft_xlsx__str(x, ws, k, 1, c->client->name, NULL);
        aft_xlsx__str(x, ws, k, 2, c->client->timezone, NULL);
        aft_xlsx__num(x, ws, k, 3, (double)s->eligible_s, x->secs);
        aft_xlsx__num(x, ws, k, 4, s->downtime_s, x->num);
        aft_xlsx__avail_formula(x, ws, k, 5, 3, 4, s);
        aft_xlsx__num(x, ws, k, 6, s->target, x->pct);
        aft_xlsx__str(x, ws, k, 7, aft_xlsx__status(s), NULL);
        aft_xlsx__num(x, ws, k, 8, s->budget_remaining_s, x->num);
        aft_xlsx__num(x, ws, k, 9, s->credit_percent, NULL);
        aft_xlsx__num(x, ws, k, 10, (double)c->metrics.incidents, NULL);
        if (c->metrics.has_mttr)
            aft_xlsx__num(x, ws, k, 11, c->metrics.mttr_s, x->num);
    }
    aft_xlsx__finish_table(x, ws, (int)r->n_clients, 12);
}

/* One client's line of the matrix: its availability per subscribed
 * service ("n/a" when nothing was measured, empty when not subscribed),
 * and, from column tcol on, the target of each. */
static void
matrix_row(aft_xlsx *x, lxw_worksheet *ws, int row, const aft_portfolio *r,
           const aft_portfolio_client *c, int tcol)
{
    size_t k, j;

    aft_xlsx__str(x, ws, row, 0, c->client->name, NULL);
    aft_xlsx__str(x, ws, row, tcol - 1, c->client->name, NULL);
    for (k = 0; k < r->n_services; k++)
        for (j = 0; j + 1 < c->n_rows; j++) {
            const aft_sla_result *s = &c->rows[j].r;
            if (strcmp(c->rows[j].service_id, r->services[k]) != 0)
                continue;
            if (s->has_availability)
                aft_xlsx__num(x, ws, row, (int)k + 1, s->availability, x->pct);
            else
                aft_xlsx__str(x, ws, row, (int)k + 1, "n/a", NULL);
            aft_xlsx__num(x, ws, row, tcol + (int)k, s->target, x->pct);
        }
}

/* Colour the availabilities by status against the target beside them,
 * as the PDF's heat map: met, within twice the budget, breached, not
 * measured. The first rule that holds applies. */
static void
matrix_colours(aft_xlsx *x, lxw_worksheet *ws, const aft_portfolio *r, int tcol)
{
    char t[16], f[4][128];
    lxw_conditional_format cf;
    int i;

    /* Relative to B2, the range's first cell; its target is in row 2 of
     * column tcol. */
    lxw_col_to_name(t, (lxw_col_t)tcol, 0);
    snprintf(f[0], sizeof f[0], "=AND(ISNUMBER(B2),B2>=%s2)", t);
    snprintf(f[1], sizeof f[1], "=AND(ISNUMBER(B2),B2>=100-2*(100-%s2))", t);
    snprintf(f[2], sizeof f[2], "=ISNUMBER(B2)");
    snprintf(f[3], sizeof f[3], "=B2=\"n/a\"");
    for (i = 0; i < 4; i++) {
        memset(&cf, 0, sizeof cf);
        cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
        cf.value_string = f[i];
        cf.format = x->fill[i];
        cf.stop_if_true = LXW_TRUE;
        aft_xlsx__check(x, worksheet_conditional_format_range(
                               ws, 1, 1, (lxw_row_t)r->n_clients,
                               (lxw_col_t)r->n_services, &cf));
    }
}

static void
matrix_sheet(aft_xlsx *x, const aft_portfolio *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Matrix");
    int tcol = (int)r->n_services + 3; /* a blank column, the client */
    size_t i, k;

    aft_xlsx__str(x, ws, 0, 0, "Availability %", x->head);
    aft_xlsx__str(x, ws, 0, tcol - 1, "Target %", x->head);
    aft_xlsx__check(x, worksheet_set_column(ws, 0, 0, 28, NULL));
    aft_xlsx__check(x, worksheet_set_column(ws, (lxw_col_t)(tcol - 1),
                                            (lxw_col_t)(tcol - 1), 28, NULL));
    for (k = 0; k < r->n_services; k++) {
        const char *name = aft_service_name(r->ds, r->services[k]);
        aft_xlsx__str(x, ws, 0, (int)k + 1, name, x->head);
        aft_xlsx__str(x, ws, 0, tcol + (int)k, name, x->head);
    }
    aft_xlsx__check(x, worksheet_set_column(ws, 1, (lxw_col_t)r->n_services, 12,
                                            NULL));
    aft_xlsx__check(x,
                    worksheet_set_column(ws, (lxw_col_t)tcol,
                                         (lxw_col_t)(tcol + (int)r->n_services),
                                         12, NULL));
    worksheet_freeze_panes(ws, 1, 1);
    for (i = 0; i < r->n_clients; i++)
        matrix_row(x, ws, (int)i + 1, r, &r->clients[i], tcol);
    if (r->n_clients > 0 && r->n_services > 0)
        matrix_colours(x, ws, r, tcol);
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    aft_xlsx__check(x, worksheet_repeat_rows(ws, 0, 0));
    aft_xlsx__check(x, worksheet_repeat_columns(ws, 0, 0));
}

static void
trend_sheet(aft_xlsx *x, const aft_portfolio *r)
{
    static const char *const names[] = {"Period", "Eligible s", "Downtime s",
                                        "Availability %", "Note"};
    static const double widths[] = {12, 14, 14, 14, 30};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Trend");
    lxw_chart *chart;
    int i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        const aft_sla_result *s = &r->trend[i];
        aft_xlsx__str(x, ws, i + 1, 0, r->trend_period[i].label, NULL);
        aft_xlsx__num(x, ws, i + 1, 1, (double)s->eligible_s, x->secs);
        aft_xlsx__num(x, ws, i + 1, 2, s->downtime_s, x->num);
        /* Measured time without an availability: before the first
         * record. Empty (a gap in the chart), the note says why. */
        if (!s->has_availability && s->eligible_s > 0)
            aft_xlsx__str(x, ws, i + 1, 4, "no data: before the first record",
                          NULL);
        else
            aft_xlsx__avail_formula(x, ws, i + 1, 3, 1, 2, s);
    }
    aft_xlsx__finish_table(x, ws, AFT_TREND_PERIODS, 5);
    if ((chart = workbook_add_chart(x->wb, LXW_CHART_LINE)) != NULL) {
        lxw_chart_series *se = chart_add_series(chart, "=Trend!$A$2:$A$13",
                                                "=Trend!$D$2:$D$13");
        chart_series_set_name(se, "Portfolio availability %");
        chart_axis_set_max(chart->y_axis, 100);
        chart_axis_set_num_format(chart->y_axis, "0.0");
        chart_title_set_name(chart, "Portfolio availability, last 12 "
                                    "periods");
        aft_xlsx__check(x, worksheet_insert_chart(ws, 1, 6, chart));
    }
}

static void
incidents_sheet(aft_xlsx *x, const aft_portfolio *r)
{
    static const char *const names[] = {
        "Incident", "Title",       "Started (local)",
        "Zone",     "Clients hit", "Client-seconds down (weighted)"};
    static const double widths[] = {12, 50, 20, 18, 12, 18};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Incidents");
    size_t i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < r->n_top; i++) {
        const aft_portfolio_incident *pi = &r->top[i];
        int k = (int)i + 1;
        aft_xlsx__str(x, ws, k, 0, pi->inc->id, NULL);
        aft_xlsx__str(x, ws, k, 1, pi->inc->title, x->wrap);
        aft_xlsx__utc(x, ws, k, 2, pi->started_local);
        aft_xlsx__str(x, ws, k, 3,
                      pi->zone != NULL ? aft_tz_name(pi->zone) : "UTC", NULL);
        aft_xlsx__num(x, ws, k, 4, (double)pi->n_clients, NULL);
        aft_xlsx__num(x, ws, k, 5, pi->client_seconds, x->num);
    }
    aft_xlsx__finish_table(x, ws, (int)r->n_top, 6);
}

int
aft_portfolio_write_xlsx(const aft_portfolio *r, const aft_template *t,
                         const char *path, aft_error *err)
{
    char title[256];
    lxw_worksheet *ws;
    aft_xlsx x;
    int row = 0, rc;

    memset(&x, 0, sizeof x);
    snprintf(title, sizeof title, "Portfolio report: %s", r->period.label);
    if ((rc = aft_xlsx__begin_summary(&ws, &x, t, path, title, r->as_of, err))
        < 0)
        return rc;
    summary_targets(&x, ws, &row, r);
    summary_history(&x, ws, &row, r);
    clients_sheet(&x, r);
    matrix_sheet(&x, r);
    trend_sheet(&x, r);
    incidents_sheet(&x, r);
    return aft_xlsx__end(&x, path, err);
}
