/*
 * xlsx_maintenance.c - the post-maintenance report of one window for one
 * client as a workbook: one summary sheet of the schedule, the actual
 * times, the notice and what the work counted against the SLA.
 */
#include <stdio.h>
#include <string.h>

#include "render/xlsx/xlsx_kit.h"

/* A local date-time labelled k. */
static void
kv_when(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k, int64_t t)
{
    aft_xlsx__str(x, ws, *row, 0, k, x->bold);
    aft_xlsx__when(x, ws, (*row)++, 1, t);
}

static void
summary(aft_xlsx *x, lxw_worksheet *ws, const aft_mreport *r,
        const aft_template *t)
{
    const aft_report_maint *w = &r->w;
    const aft_maintenance *m = w->m;
    int row = 0;

    aft_xlsx__kv_str(x, ws, &row, "Client", r->client->name);
    aft_xlsx__kv_str(x, ws, &row, "Maintenance", m->id);
    aft_xlsx__kv_str(x, ws, &row, "Title", m->title);
    aft_xlsx__kv_str(x, ws, &row, "Status", aft_report_mstatus(t, m->status));
    aft_xlsx__kv_str(x, ws, &row, "Services affected", w->services);
    aft_xlsx__kv_str(x, ws, &row, "Time zone", r->client->timezone);
    kv_when(x, ws, &row, "Scheduled start (local)", m->scheduled_start);
    kv_when(x, ws, &row, "Scheduled end (local)", m->scheduled_end);
    kv_when(x, ws, &row, "Actual start (local)", w->actual_start);
    kv_when(x, ws, &row, "Actual end (local)", w->actual_end);
    aft_xlsx__kv_num(x, ws, &row, "Early start s", (double)w->early_s, x->secs);
    aft_xlsx__kv_num(x, ws, &row, "Overrun s", (double)w->overrun_s, x->secs);
    if (w->has_notice)
        aft_xlsx__kv_num(x, ws, &row, "Notice given (days)", w->lead_days,
                         x->num);
    else
        aft_xlsx__kv_str(x, ws, &row, "Notice given (days)",
                         aft_template_get(t, "words.none.no_notice"));
    aft_xlsx__kv_num(x, ws, &row, "Notice policy (days)",
                     r->client->notice_days, NULL);
    aft_xlsx__kv_str(x, ws, &row, "Within policy", w->announced ? "yes" : "no");
    aft_xlsx__kv_num(x, ws, &row, "Counted against the SLA s", w->counted_s,
                     x->num);
    aft_xlsx__kv_num(x, ws, &row, "Month error budget s",
                     r->month_total.budget_s, x->num);
    if (r->month_total.has_availability)
        aft_xlsx__kv_num(x, ws, &row, "Month availability %",
                         r->month_total.availability, x->pct);
    else
        aft_xlsx__kv_str(x, ws, &row, "Month availability %", "n/a");
    aft_xlsx__kv_str(x, ws, &row, "Work done", m->summary);
    aft_xlsx__kv_str(x, ws, &row, "Issues met", m->issues);
    aft_xlsx__kv_local(x, ws, &row, "As of (local)", r->as_of);
}

int
aft_mreport_write_xlsx(const aft_mreport *r, const aft_template *t,
                       const char *path, aft_error *err)
{
    char title[256];
    lxw_worksheet *ws;
    aft_xlsx x;
    int rc;

    memset(&x, 0, sizeof x);
    x.tz = r->tz;
    snprintf(title, sizeof title, "Post-maintenance report: %s, %s",
             r->client->name, r->w.m->id);
    if ((rc = aft_xlsx__begin_summary(&ws, &x, t, path, title, r->as_of, err))
        < 0)
        return rc;
    summary(&x, ws, r, t);
    return aft_xlsx__end(&x, path, err);
}
