/*
 * pdf_monthly.c - the monthly report as a PDF to send: executive summary
 * first, services, daily and 12-month charts, incidents, maintenance,
 * communication and the accounting policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdf/pdf_kit.h"

/* A provisional period says so before anything else. */
static void
banner(aft_pdf *p, const aft_monthly *r)
{
    char *s = aft_monthly_say(r, p->t, "banner");

    if (s != NULL && *s != '\0') {
        aft_pdf__fill_rect(p, p->warn, PDF_MARGIN, p->y - 4, PDF_TEXT_W, 3);
        p->y -= 8;
        aft_pdf__paragraph(p, s, 9.5f);
    }
    free(s);
}

/* The summary's sentences, each as the model says it. */
static void
sentences(aft_pdf *p, const aft_monthly *r)
{
    static const char *const parts[] = {"summary", "credits", "incidents",
                                        "compare"};
    size_t i;

    for (i = 0; i < 4; i++) {
        char *s = aft_monthly_say(r, p->t, parts[i]);
        aft_pdf__paragraph(p, s, i < 3 ? 10 : 9);
        free(s);
    }
}

/* The client, the period and the figures as six boxes, then the summary
 * in the template's words. */
static void
summary(aft_pdf *p, const aft_monthly *r)
{
    const aft_sla_result *tot = aft_monthly_total(r);
    char a[32], t[32], c[32], n[32], m[64], line[512];
    char asof[AFT_WHEN_BUFSZ], title[64];
    float w = PDF_TEXT_W / 6;

    aft_pdf__text(p, PDF_MARGIN, p->y - 20, r->client->name, 20, 1, p->primary);
    snprintf(line, sizeof line, "%s · %s%s · figures as of %s",
             aft_template_get(p->t, "text.title"),
             aft_period_title(title, &r->period),
             r->provisional ? " (to date)" : "",
             aft_report_when(asof, r->tz, r->as_of));
    aft_pdf__text(p, PDF_MARGIN, p->y - 36, line, 8.5f, 0, p->muted);
    p->y -= 50;
    banner(p, r);
    aft_pdf__fmt_pct(a, sizeof a, tot);
    snprintf(t, sizeof t, "%.3f %%", tot->target);
    if (r->n_credits == 0)
        snprintf(c, sizeof c, "none");
    else
        snprintf(c, sizeof c, "%zu owed", r->n_credits);
    snprintf(n, sizeof n, "%zu", r->metrics.incidents);
    if (r->metrics.has_mttr)
        aft_duration_format(m, r->metrics.mttr_s);
    else
        snprintf(m, sizeof m, "n/a");
    aft_pdf__kpi(p, PDF_MARGIN, w, "Availability", a,
                 aft_pdf__status_color(p, tot));
    aft_pdf__kpi(p, PDF_MARGIN + w, w, "Target", t, PDF_INK);
    aft_pdf__kpi(p, PDF_MARGIN + 2 * w, w,
                 r->provisional ? "Status (provisional)" : "Status",
                 aft_report_verdict(p->t, tot, r->provisional),
                 aft_pdf__status_color(p, tot));
    aft_pdf__kpi(p, PDF_MARGIN + 3 * w, w, "Service credits", c,
                 r->n_credits > 0 ? p->bad : PDF_INK);
    aft_pdf__kpi(p, PDF_MARGIN + 4 * w, w, "Incidents", n, PDF_INK);
    aft_pdf__kpi(p, PDF_MARGIN + 5 * w, w,
                 r->n_open ? "MTTR (resolved)" : "MTTR", m, PDF_INK);
    p->y -= 64;
    sentences(p, r);
}

static void
services(aft_pdf *p, const aft_monthly *r)
{
    static const aft_pdf_column cols[] = {{"Service", 120, 0},
                                          {"Target", 55, 1},
                                          {"Availability", 65, 1},
                                          {"Downtime (weighted)", 70, 1},
                                          {"Excluded (maintenance)", 70, 1},
                                          {"Error budget used", 60, 1},
                                          {"Budget left", 75, 1}};
    size_t i;

    aft_pdf__heading(p, "Services");
    aft_pdf__table_start(p, cols, 7);
    for (i = 0; i < r->n_rows; i++) {
        const aft_avail_row *row = &r->rows[i];
        char t[32], a[32], d[32], x[32], u[32], l[32];
        const char *cells[7];
        unsigned colors[7] = {
            0, 0, aft_pdf__status_color(p, &row->r),         0,
            0, 0, row->r.budget_remaining_s < 0 ? p->bad : 0};

        snprintf(t, sizeof t, "%.3f %%", row->r.target);
        aft_pdf__fmt_pct(a, sizeof a, &row->r);
        aft_duration_format(d, row->r.downtime_s);
        aft_duration_format(x, (double)row->r.excluded_s);
        if (row->r.budget_s > 0)
            snprintf(u, sizeof u, "%.0f %%",
                     100 * row->r.downtime_s / row->r.budget_s);
        else
            snprintf(u, sizeof u, "n/a");
        aft_duration_format(l, row->r.budget_remaining_s);
        cells[0] = row->service_id ? aft_service_name(r->ds, row->service_id)
                                   : "All services";
        cells[1] = t;
        cells[2] = a;
        cells[3] = d;
        cells[4] = x;
        cells[5] = u;
        cells[6] = l;
        aft_pdf__table_row(p, cols, 7, cells, colors, row->service_id == NULL);
    }
}

/* The day labels under the bars: every fifth day of a month, else the
 * start of every week as month/day. */
static void
day_label(aft_pdf *p, const aft_monthly *r, size_t i, float x, float bw,
          float base)
{
    int64_t y;
    unsigned m, dd;
    char buf[32];

    if (r->n_days > 31 && i % 7 != 0)
        return;
    aft_civil_from_days(r->period.start_day + (int64_t)i, &y, &m, &dd);
    if (r->n_days <= 31 && !(dd == 1 || dd % 5 == 0))
        return;
    snprintf(buf, sizeof buf, r->n_days <= 31 ? "%u" : "%u/%u",
             r->n_days <= 31 ? dd : m, dd);
    aft_pdf__text(p, x + bw / 2 - aft_pdf__width(p, buf, 6.5f, 0) / 2,
                  base - 10, buf, 6.5f, 0, p->muted);
}

/* Bars of the daily availability, coloured by how each day went. */
static void
daily_chart(aft_pdf *p, const aft_monthly *r)
{
    const float h = 130, left = PDF_MARGIN + 34;
    const float w = PDF_PAGE_W - PDF_MARGIN - left;
    double lo = 100, target = aft_monthly_total(r)->target;
    float bw, base;
    size_t i;

    aft_pdf__ensure(p, h + 70);
    aft_pdf__heading(p, "Daily availability");
    for (i = 0; i < r->n_days; i++)
        if (r->days[i].has_availability && r->days[i].availability < lo)
            lo = r->days[i].availability;
    if (target < lo)
        lo = target;
    lo = aft_pdf__chart_floor(lo);
    aft_pdf__ensure(p, h + 30);
    base = p->y - h;
    bw = w / (float)(r->n_days ? r->n_days : 1);
    aft_pdf__chart_axis(p, left, w, base, h, lo, 7);
    for (i = 0; i < r->n_days; i++) {
        const aft_sla_result *d = &r->days[i];
        float bh = d->has_availability
                       ? (float)((d->availability - lo) / (100 - lo)) * h
                       : 3;
        float x = left + (float)i * bw;

        if (bh < 1)
            bh = 1;
        aft_pdf__fill_rect(p,
                           d->has_availability ? aft_pdf__status_color(p, d)
                                               : PDF_NO_DATA,
                           x + bw * 0.15f, base, bw * 0.7f, bh);
        day_label(p, r, i, x, bw, base);
    }
    aft_pdf__chart_target(p, left, w,
                          base + (float)((target - lo) / (100 - lo)) * h);
    aft_pdf__legend(p, base - 22, target, "no measured time", 0);
    p->y = base - 34;
}

static void
trend_chart(aft_pdf *p, const aft_monthly *r)
{
    const float h = 120;

    aft_pdf__ensure(p, h + 70);
    aft_pdf__heading(p, "Availability over the last 12 periods");
    aft_pdf__line_chart(p, PDF_MARGIN, PDF_TEXT_W, h, r->trend_period, r->trend,
                        aft_monthly_total(r)->target, 0);
    if (r->trend_no_data[0]) {
        char *s = aft_monthly_say(r, p->t, "trend_no_data");
        aft_pdf__paragraph(p, s, 8.5f);
        free(s);
    }
}

static void
incidents(aft_pdf *p, const aft_monthly *r)
{
    static const aft_pdf_column cols[] = {
        {"Incident", 50, 0},           {"Title", 100, 0},   {"Severity", 62, 0},
        {"Start (local time)", 62, 0}, {"Duration", 45, 1}, {"Services", 66, 0},
        {"Root cause", 130, 0}};
    const char *sev[AFT_SEVERITY_COUNT]; /* the template's words, once */
    size_t i;

    for (i = 0; i < AFT_SEVERITY_COUNT; i++)
        sev[i] = aft_report_severity(p->t, (aft_severity)i);
    aft_pdf__heading(p, "Incidents");
    if (r->n_incidents == 0) {
        aft_pdf__paragraph(p,
                           "No incident affected your services in this "
                           "period.",
                           9);
        return;
    }
    aft_pdf__table_start(p, cols, 7);
    for (i = 0; i < r->n_incidents; i++) {
        const aft_report_incident *ri = &r->incidents[i];
        char start[AFT_INSTANT_BUFSZ], dur[48];
        const char *cells[7];

        aft_local_format(start, r->tz, ri->inc->started_at);
        aft_duration_format(dur, (double)ri->duration_s);
        if (ri->ongoing)
            strcat(dur, " (ongoing)");
        cells[0] = ri->inc->id;
        cells[1] = ri->inc->title;
        cells[2] = sev[ri->inc->severity];
        cells[3] = start;
        cells[4] = dur;
        cells[5] = ri->services;
        cells[6] = ri->inc->root_cause ? ri->inc->root_cause : "";
        aft_pdf__table_row(p, cols, 7, cells, NULL, (int)(i % 2));
    }
}

static const aft_pdf_column MAINT_COLS[] = {
    {"Maintenance", 120, 0}, {"Scheduled", 92, 0},
    {"Actual", 92, 0},       {"Notice (policy)", 62, 1},
    {"Overrun", 45, 1},      {"Counted against SLA", 104, 1}};

/* One maintenance window as a table row. */
static void
maintenance_row(aft_pdf *p, const aft_monthly *r, const aft_report_maint *rm,
                int shade)
{
    char name[512], sched[80], act[80], a[AFT_INSTANT_BUFSZ];
    char b[AFT_INSTANT_BUFSZ], notice[64], over[40], counted[96];
    const char *cells[6] = {name, sched, act, notice, over, counted};
    unsigned colors[6] = {0,
                          0,
                          0,
                          rm->announced ? p->good : p->bad,
                          rm->overrun_s ? p->warn : 0,
                          rm->counted_s > 0 ? p->bad : 0};

    snprintf(name, sizeof name, "%s %s (%s)", rm->m->id, rm->m->title,
             rm->services);
    snprintf(sched, sizeof sched, "%s - %s",
             aft_local_format(a, r->tz, rm->m->scheduled_start),
             aft_local_format(b, r->tz, rm->m->scheduled_end) + 11);
    snprintf(act, sizeof act, "%s - %s",
             aft_local_format(a, r->tz, rm->actual_start),
             aft_local_format(b, r->tz, rm->actual_end) + 11);
    if (rm->has_notice)
        snprintf(notice, sizeof notice, "%.1f d (%d d)", rm->lead_days,
                 r->client->notice_days);
    else
        snprintf(notice, sizeof notice, "none given (%d d)",
                 r->client->notice_days);
    aft_duration_format(over, (double)rm->overrun_s);
    if (rm->counted_s > 0)
        snprintf(counted, sizeof counted, "%s%s",
                 aft_duration_format(a, rm->counted_s),
                 rm->announced ? " (outside window)" : " (late notice)");
    else
        snprintf(counted, sizeof counted, "%s",
                 aft_report_maint_none(p->t, rm));
    aft_pdf__table_row(p, MAINT_COLS, 6, cells, colors, shade);
}

static void
maintenance(aft_pdf *p, const aft_monthly *r)
{
    size_t i;

    aft_pdf__heading(p, "Maintenance windows");
    if (r->n_maints == 0) {
        aft_pdf__paragraph(p,
                           "No maintenance was scheduled on your services "
                           "in this period.",
                           9);
        return;
    }
    aft_pdf__table_start(p, MAINT_COLS, 6);
    for (i = 0; i < r->n_maints; i++)
        maintenance_row(p, r, &r->maints[i], (int)(i % 2));
}

static void
communication(aft_pdf *p, const aft_monthly *r)
{
    static const aft_pdf_column cols[] = {{"Incident", 80, 0},
                                          {"First update", 90, 1},
                                          {"Longest silence", 90, 1},
                                          {"Promise kept", 80, 0}};
    char *s;
    size_t i;

    aft_pdf__heading(p, "How we kept you informed");
    s = aft_monthly_text(r, p->t, "communication");
    aft_pdf__paragraph(p, s, 9);
    free(s);
    if (r->metrics.maintenances > 0) {
        char line[160];
        snprintf(line, sizeof line,
                 "Maintenance notice: %zu of %zu windows "
                 "were announced at least %d days ahead.",
                 r->metrics.maintenances_announced, r->metrics.maintenances,
                 r->client->notice_days);
        aft_pdf__paragraph(p, line, 9);
    }
    if (r->n_incidents == 0)
        return;
    aft_pdf__table_start(p, cols, 4);
    for (i = 0; i < r->n_incidents; i++) {
        const aft_report_incident *ri = &r->incidents[i];
        char fu[32], si[32];
        const char *cells[4];
        unsigned colors[4] = {0, 0, 0, ri->update_breach ? p->bad : p->good};

        if (ri->first_update_s != AFT_TIME_NONE)
            aft_duration_format(fu, (double)ri->first_update_s);
        else
            snprintf(fu, sizeof fu, "%s",
                     aft_template_get(p->t, "words.none.no_update"));
        aft_duration_format(si, (double)ri->silence_s);
        cells[0] = ri->inc->id;
        cells[1] = fu;
        cells[2] = si;
        cells[3] = ri->update_breach ? "no" : "yes";
        aft_pdf__table_row(p, cols, 4, cells, colors, (int)(i % 2));
    }
}

static void
policy(aft_pdf *p, const aft_monthly *r)
{
    char *s = aft_monthly_text(r, p->t, "policy");

    aft_pdf__heading(p, "How these figures are calculated");
    aft_pdf__paragraph(p, s, 8.5f);
    free(s);
}

/* Whether any text of the report needs a CJK font: loading one costs
 * about 100 KB of PDF even when unused. */
static int
needs_cjk(const aft_monthly *r, const aft_template *t)
{
    size_t i;

    if (aft_pdf__has_cjk(r->client->name)
        || aft_pdf__has_cjk(aft_template_get(t, "company"))
        || aft_pdf__has_cjk(aft_template_get(t, "footer")))
        return 1;
    for (i = 0; i < r->n_incidents; i++)
        if (aft_pdf__has_cjk(r->incidents[i].inc->title)
            || aft_pdf__has_cjk(r->incidents[i].inc->root_cause)
            || aft_pdf__has_cjk(r->incidents[i].services))
            return 1;
    for (i = 0; i < r->n_maints; i++)
        if (aft_pdf__has_cjk(r->maints[i].m->title)
            || aft_pdf__has_cjk(r->maints[i].services))
            return 1;
    for (i = 0; i < r->n_rows; i++)
        if (r->rows[i].service_id
            && aft_pdf__has_cjk(aft_service_name(r->ds, r->rows[i].service_id)))
            return 1;
    return 0;
}

int
aft_monthly_write_pdf(const aft_monthly *r, const aft_template *t,
                      const char *path, aft_error *err)
{
    aft_pdf p;
    int rc;

    memset(&p, 0, sizeof p);
    p.doc_title = aft_template_get(t, "text.title");
    p.who = r->client->name;
    aft_period_title(p.sub, &r->period);
    p.created = r->as_of;
    p.want_cjk = needs_cjk(r, t);
    if ((rc = aft_pdf__begin(&p, t, err)) < 0)
        return rc;
    summary(&p, r);
    services(&p, r);
    daily_chart(&p, r);
    trend_chart(&p, r);
    incidents(&p, r);
    maintenance(&p, r);
    communication(&p, r);
    policy(&p, r);
    return aft_pdf__end(&p, path, err);
}
