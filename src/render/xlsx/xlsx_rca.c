/*
 * xlsx_rca.c - the root-cause report of one incident for one client as a
 * workbook: a summary of figures and response times, the impact per
 * service, the full timeline and the preventive actions.
 */
#include <stdio.h>
#include <string.h>

#include "render/xlsx/xlsx_kit.h"

/* Seconds, or "n/a" when not recorded. */
static void
kv_secs(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k, int64_t v)
{
    if (v == AFT_TIME_NONE)
        aft_xlsx__kv_str(x, ws, row, k, "n/a");
    else
        aft_xlsx__kv_num(x, ws, row, k, (double)v, x->secs);
}

/* The month the incident started in, for this client. */
static void
summary_month(aft_xlsx *x, lxw_worksheet *ws, int *row, const aft_rca *r)
{
    const aft_sla_result *mt = &r->month_total;

    aft_xlsx__kv_str(x, ws, row, "Month", r->month.label);
    aft_xlsx__kv_num(x, ws, row, "Month eligible s", (double)mt->eligible_s,
                     x->secs);
    aft_xlsx__kv_num(x, ws, row, "Month downtime s", mt->downtime_s, x->num);
    if (mt->has_availability)
        aft_xlsx__kv_num(x, ws, row, "Month availability %", mt->availability,
                         x->pct);
    else
        aft_xlsx__kv_str(x, ws, row, "Month availability %", "n/a");
    aft_xlsx__kv_num(x, ws, row, "Month error budget s", mt->budget_s, x->num);
}

/* The incident's part in each month it ran in, and its budget share. */
static void
parts(aft_xlsx *x, lxw_worksheet *ws, int *row, const aft_rca *r)
{
    size_t i;

    for (i = 0; i < r->n_parts; i++) {
        const aft_rca_month *m = &r->parts[i];
        char k[96];

        snprintf(k, sizeof k, "Weighted downtime s in %s%s", m->month.label,
                 m->provisional ? " (to date)" : "");
        aft_xlsx__kv_num(x, ws, row, k, m->downtime_s, x->num);
        snprintf(k, sizeof k, "Error budget s of %s", m->month.label);
        aft_xlsx__kv_num(x, ws, row, k, m->budget_s, x->num);
    }
}

static void
summary(aft_xlsx *x, lxw_worksheet *ws, const aft_rca *r, const aft_template *t)
{
    const aft_incident *inc = r->inc;
    int row = 0;

    aft_xlsx__kv_str(x, ws, &row, "Client", r->client->name);
    aft_xlsx__kv_str(x, ws, &row, "Incident", inc->id);
    aft_xlsx__kv_str(x, ws, &row, "Title", inc->title);
    aft_xlsx__kv_str(x, ws, &row, "Severity",
                     aft_report_severity(t, inc->severity));
    aft_xlsx__kv_str(x, ws, &row, "State",
                     r->ongoing ? "ongoing (interim report)" : "resolved");
    aft_xlsx__kv_str(x, ws, &row, "Time zone", r->client->timezone);
    aft_xlsx__str(x, ws, row, 0, "Started (local)", x->bold);
    aft_xlsx__when(x, ws, row++, 1, inc->started_at);
    aft_xlsx__str(x, ws, row, 0, "Ended (local, as of)", x->bold);
    aft_xlsx__when(x, ws, row++, 1, aft_incident_end(inc, r->as_of));
    aft_xlsx__kv_num(x, ws, &row, "Weighted downtime s (this client)",
                     r->downtime_s, x->num);
    summary_month(x, ws, &row, r);
    kv_secs(x, ws, &row, "Time to detect s", r->ttd_s);
    kv_secs(x, ws, &row, "Time to acknowledge s", r->tta_s);
    kv_secs(x, ws, &row, "Time to resolve s", r->ttr_s);
    kv_secs(x, ws, &row, "Portfolio median time to detect s", r->med_ttd_s);
    kv_secs(x, ws, &row, "Portfolio median time to acknowledge s",
            r->med_tta_s);
    kv_secs(x, ws, &row, "Portfolio median time to resolve s", r->med_ttr_s);
    aft_xlsx__kv_str(x, ws, &row, "Root cause", inc->root_cause);
    aft_xlsx__kv_str(x, ws, &row, "Resolution", inc->resolution);
    aft_xlsx__kv_utc(x, ws, &row, "As of (UTC)", r->as_of);
    aft_xlsx__kv_local(x, ws, &row, "As of (local)", r->as_of);
    parts(x, ws, &row, r);
}

static void
impact_sheet(aft_xlsx *x, const aft_rca *r, const aft_template *t)
{
    static const char *const names[] = {"Service",       "Name",
                                        "Level",         "From (local)",
                                        "Until (local)", "Weighted downtime s"};
    static const double widths[] = {14, 26, 20, 17, 17, 16};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Impact");
    size_t i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < r->n_services; i++) {
        const aft_rca_service *s = &r->services[i];
        int k = (int)i + 1;
        aft_xlsx__str(x, ws, k, 0, s->service_id, NULL);
        aft_xlsx__str(x, ws, k, 1, aft_service_name(r->ds, s->service_id),
                      NULL);
        aft_xlsx__str(x, ws, k, 2, aft_report_level(t, s->level), NULL);
        aft_xlsx__when(x, ws, k, 3, s->start);
        aft_xlsx__when(x, ws, k, 4, s->end);
        aft_xlsx__num(x, ws, k, 5, s->downtime_s, x->num);
    }
    aft_xlsx__finish_table(x, ws, (int)r->n_services, 6);
}

static void
timeline_sheet(aft_xlsx *x, const aft_incident *inc)
{
    static const char *const names[] = {"Time (local)", "Status", "Update"};
    static const double widths[] = {17, 14, 90};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Timeline");
    size_t i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < inc->n_updates; i++) {
        int k = (int)i + 1;
        aft_xlsx__when(x, ws, k, 0, inc->updates[i].at);
        aft_xlsx__str(x, ws, k, 1, inc->updates[i].status, NULL);
        aft_xlsx__str(x, ws, k, 2, inc->updates[i].body, x->wrap);
    }
    aft_xlsx__finish_table(x, ws, (int)inc->n_updates, 3);
}

static void
actions_sheet(aft_xlsx *x, const aft_incident *inc)
{
    static const char *const names[] = {"Action", "Owner", "Due", "Status"};
    static const double widths[] = {60, 22, 12, 14};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Actions");
    size_t i;

    AFT_XLSX_HEADER(x, ws, names, widths);
    for (i = 0; i < inc->n_actions; i++) {
        const aft_action *a = &inc->actions[i];
        int k = (int)i + 1;
        aft_xlsx__str(x, ws, k, 0, a->action, x->wrap);
        aft_xlsx__str(x, ws, k, 1, a->owner, NULL);
        if (a->due_day != AFT_DATE_NONE)
            aft_xlsx__day(x, ws, k, 2, a->due_day);
        aft_xlsx__str(x, ws, k, 3, a->status, NULL);
    }
    aft_xlsx__finish_table(x, ws, (int)inc->n_actions, 4);
}

int
aft_rca_write_xlsx(const aft_rca *r, const aft_template *t, const char *path,
                   aft_error *err)
{
    char title[256];
    lxw_worksheet *ws;
    aft_xlsx x;
    int rc;

    memset(&x, 0, sizeof x);
    x.tz = r->tz;
    snprintf(title, sizeof title, "Root-cause report: %s, %s", r->client->name,
             r->inc->id);
    if ((rc = aft_xlsx__begin_summary(&ws, &x, t, path, title, r->as_of, err))
        < 0)
        return rc;
    summary(&x, ws, r, t);
    impact_sheet(&x, r, t);
    timeline_sheet(&x, r->inc);
    actions_sheet(&x, r->inc);
    return aft_xlsx__end(&x, path, err);
}
