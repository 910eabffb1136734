/*
 * report.c - the monthly report model: figures per service, per day and
 * per month, incidents and maintenance windows, all through the engine.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/metrics.h"
#include "aftercast/report.h"
#include "base/error.h"

const aft_sla_result *
aft_monthly_total(const aft_monthly *r)
{
    return &r->rows[r->n_rows - 1].r;
}

void
aft_monthly_range(const aft_period *p, int64_t *lo, int64_t *hi)
{
    aft_period first;

    aft_period_shift(&first, p, -(AFT_TREND_PERIODS - 1));
    *lo = (first.start_day - 2) * 86400;
    *hi = (p->end_day + 2) * 86400;
}

const char *
aft_service_name(const aft_dataset *ds, const char *id)
{
    size_t i;

    for (i = 0; i < ds->n_services; i++)
        if (strcmp(ds->services[i].id, id) == 0)
            return ds->services[i].name ? ds->services[i].name : id;
    return id;
}

static int
subscribed(const aft_client *c, const char *service)
{
    size_t i;

    for (i = 0; i < c->n_subs; i++)
        if (strcmp(c->subs[i].service_id, service) == 0)
            return 1;
    return 0;
}

/* Append name to a ", "-separated list in buf unless it is there. */
static void
add_name(char *buf, size_t size, const char *name)
{
    size_t n = strlen(buf);

    if (strstr(buf, name) != NULL)
        return;
    snprintf(buf + n, size - n, "%s%s", n ? ", " : "", name);
}

/* Whether an incident has an outage on one of c's services within w:
 * a cheap test before measuring it. */
static int
touches(const aft_incident *inc, const aft_client *c, aft_interval w,
        int64_t as_of)
{
    size_t j, k;

    if (inc->n_clients > 0) {
        for (k = 0; k < inc->n_clients; k++)
            if (strcmp(inc->clients[k], c->id) == 0)
                break;
        if (k == inc->n_clients)
            return 0;
    }
    for (j = 0; j < inc->n_impacts; j++) {
        const aft_impact *m = &inc->impacts[j];
        int64_t lo = m->start != AFT_TIME_NONE ? m->start : inc->started_at;
        int64_t hi = m->end != AFT_TIME_NONE ? m->end
                     : inc->resolved_at != AFT_TIME_NONE ? inc->resolved_at
                                                         : as_of;
        if (lo < w.end && hi > w.start && subscribed(c, m->service_id))
            return 1;
    }
    return 0;
}

static int
build_days(aft_monthly *r, aft_engine *e, size_t ci, aft_error *err)
{
    int64_t d;
    int rc = AFT_OK;

    r->n_days = (size_t)(r->period.end_day - r->period.start_day);
    if ((r->days = calloc(r->n_days + 1, sizeof *r->days)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (d = 0; d < (int64_t)r->n_days && rc == AFT_OK; d++) {
        aft_period day = {AFT_PERIOD_RANGE, "", r->period.start_day + d,
                          r->period.start_day + d + 1};
        rc = aft_engine_client_total(&r->days[d], e, ci, &day, err);
    }
    return rc;
}

static int
build_incidents(aft_monthly *r, aft_engine *e, size_t ci, aft_error *err)
{
    const aft_dataset *ds = r->ds;
    const aft_client *c = r->client;
    size_t i, j;
    int rc = AFT_OK;

    if ((r->incidents = calloc(ds->n_incidents + 1, sizeof *r->incidents))
        == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < ds->n_incidents && rc == AFT_OK; i++) {
        const aft_incident *inc = &ds->incidents[i];
        aft_report_incident *ri = &r->incidents[r->n_incidents];
        int started_here = inc->started_at >= r->span.start
                           && inc->started_at < r->span.end
                           && inc->started_at < r->as_of
                           && aft_engine_incident_counts(e, ci, inc);
        aft_sla_result t = {0};

        if (!started_here && !touches(inc, c, r->window, r->as_of))
            continue;
        aft_engine_only_incident(e, inc);
        rc = aft_engine_client_total(&t, e, ci, &r->period, err);
        aft_engine_count_all(e);
        if (rc < 0 || (!started_here && t.downtime_s <= 0 && t.major_s == 0
                       && t.partial_s == 0 && t.degraded_s == 0))
            continue;
        ri->inc = inc;
        ri->downtime_s = t.downtime_s;
        ri->ongoing = aft_incident_end(inc, r->as_of) == r->as_of
                      && (inc->resolved_at == AFT_TIME_NONE
                          || inc->resolved_at > r->as_of);
        ri->duration_s = aft_incident_end(inc, r->as_of) - inc->started_at;
        ri->first_update_s = aft_incident_first_update(inc, r->as_of);
        ri->silence_s = aft_incident_silence(inc, r->as_of);
        ri->update_breach = ri->silence_s
                            > (int64_t)c->update_interval_minutes * 60;
        for (j = 0; j < inc->n_impacts; j++)
            if (subscribed(c, inc->impacts[j].service_id))
                add_name(ri->services, sizeof ri->services,
                         aft_service_name(ds, inc->impacts[j].service_id));
        r->n_incidents++;
    }
    return rc;
}

/* What a window was and what it counted, for client c. */
static void
fill_maint(aft_report_maint *rm, const aft_maintenance *m,
           const aft_client *c, const aft_dataset *ds, double counted_s)
{
    size_t j;

    rm->m = m;
    rm->counted_s = counted_s;
    rm->has_notice = m->notified_at != AFT_TIME_NONE;
    rm->lead_days = rm->has_notice
        ? (double)(m->scheduled_start - m->notified_at) / 86400.0 : 0;
    rm->announced = aft_maintenance_announced(m, c->notice_days);
    rm->actual_start = m->actual_start != AFT_TIME_NONE ? m->actual_start
                                                        : m->scheduled_start;
    rm->actual_end = m->actual_end != AFT_TIME_NONE ? m->actual_end
                                                    : m->scheduled_end;
    rm->early_s = rm->actual_start < m->scheduled_start
                  ? m->scheduled_start - rm->actual_start : 0;
    rm->overrun_s = rm->actual_end > m->scheduled_end
                    ? rm->actual_end - m->scheduled_end : 0;
    for (j = 0; j < m->n_services; j++)
        if (subscribed(c, m->services[j]))
            add_name(rm->services, sizeof rm->services,
                     aft_service_name(ds, m->services[j]));
}

static int
build_maints(aft_monthly *r, aft_engine *e, size_t ci, aft_error *err)
{
    const aft_dataset *ds = r->ds;
    const aft_client *c = r->client;
    size_t i;
    int rc = AFT_OK;

    if ((r->maints = calloc(ds->n_maintenances + 1, sizeof *r->maints))
        == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < ds->n_maintenances && rc == AFT_OK; i++) {
        const aft_maintenance *m = &ds->maintenances[i];
        aft_report_maint *rm = &r->maints[r->n_maints];
        aft_sla_result t = {0};

        if (m->scheduled_start < r->span.start
            || m->scheduled_start >= r->span.end
            || !aft_engine_maintenance_counts(e, ci, m))
            continue;
        aft_engine_only_maintenance(e, m);
        rc = aft_engine_client_total(&t, e, ci, &r->period, err);
        aft_engine_count_all(e);
        fill_maint(rm, m, c, ds, t.downtime_s);
        r->n_maints++;
    }
    return rc;
}

static int
cmp_incident(const void *a, const void *b)
{
    const aft_report_incident *x = a, *y = b;

    if (x->inc->started_at != y->inc->started_at)
        return x->inc->started_at < y->inc->started_at ? -1 : 1;
    return strcmp(x->inc->id, y->inc->id);
}

static int
cmp_maint(const void *a, const void *b)
{
    const aft_report_maint *x = a, *y = b;

    if (x->m->scheduled_start != y->m->scheduled_start)
        return x->m->scheduled_start < y->m->scheduled_start ? -1 : 1;
    return strcmp(x->m->id, y->m->id);
}

int
aft_monthly_build(aft_monthly **out, aft_engine *e, size_t ci,
                  const aft_period *p, int64_t as_of, aft_error *err)
{
    aft_monthly *r = calloc(1, sizeof *r);
    int i, rc;

    *out = NULL;
    if (r == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    r->ds = aft_engine_dataset(e);
    r->client = &r->ds->clients[ci];
    if ((r->tz = aft_engine_zone(e, ci, err)) == NULL) {
        free(r);
        return AFT_EINVALID;
    }
    r->period = *p;
    r->as_of = as_of;
    aft_period_shift(&r->prev, p, -1);
    aft_period_window(&r->span, &r->window, p, r->tz, as_of);
    rc = aft_engine_client(e, ci, p, &r->rows, &r->n_rows, err);
    if (rc == AFT_OK)
        rc = aft_engine_client_metrics(e, ci, p, &r->metrics, err);
    if (rc == AFT_OK)
        rc = aft_engine_client_metrics(e, ci, &r->prev, &r->prev_metrics,
                                       err);
    if (rc == AFT_OK)
        rc = aft_engine_client_total(&r->prev_total, e, ci, &r->prev, err);
    for (i = 0; i < AFT_TREND_PERIODS && rc == AFT_OK; i++) {
        aft_period_shift(&r->trend_period[i], p,
                         i - (AFT_TREND_PERIODS - 1));
        rc = aft_engine_client_total(&r->trend[i], e, ci, &r->trend_period[i], err);
    }
    if (rc == AFT_OK)
        rc = build_days(r, e, ci, err);
    if (rc == AFT_OK)
        rc = build_incidents(r, e, ci, err);
    if (rc == AFT_OK)
        rc = build_maints(r, e, ci, err);
    if (rc == AFT_OK) {   /* in the order they happened */
        qsort(r->incidents, r->n_incidents, sizeof *r->incidents,
              cmp_incident);
        qsort(r->maints, r->n_maints, sizeof *r->maints, cmp_maint);
    }
    if (rc < 0) {
        aft_monthly_free(r);
        return rc;
    }
    *out = r;
    return AFT_OK;
}

void
aft_monthly_free(aft_monthly *r)
{
    if (r == NULL)
        return;
    free(r->rows);
    free(r->days);
    free(r->incidents);
    free(r->maints);
    free(r);
}

/* ---- wording shared by the writers ---- */

static void
pct(char *buf, size_t size, int has, double v)
{
    if (has)
        snprintf(buf, size, "%.3f %%", v);
    else
        snprintf(buf, size, "n/a");
}

char *
aft_monthly_text(const aft_monthly *r, const aft_template *t,
                 const char *name)
{
    const aft_sla_result *tot = aft_monthly_total(r);
    const aft_client *c = r->client;
    char avail[32], target[32], credit[32], inc[32], mttr[32], pav[32];
    char pinc[32], pw[32], dw[32], nd[32], asof[AFT_INSTANT_BUFSZ];
    char interval[32], first[32], breaches[32], hours[512];
    char period[64], prev[64];
    size_t i, n = 0;

    hours[0] = '\0';

    pct(avail, sizeof avail, tot->has_availability, tot->availability);
    snprintf(target, sizeof target, "%.3f %%", tot->target);
    snprintf(credit, sizeof credit, "%g %%", tot->credit_percent);
    snprintf(inc, sizeof inc, "%zu", r->metrics.incidents);
    if (r->metrics.has_mttr)
        aft_duration_format(mttr, r->metrics.mttr_s);
    else
        snprintf(mttr, sizeof mttr, "n/a");
    pct(pav, sizeof pav, r->prev_total.has_availability,
        r->prev_total.availability);
    snprintf(pinc, sizeof pinc, "%zu", r->prev_metrics.incidents);
    snprintf(pw, sizeof pw, "%g %%", c->partial_weight * 100);
    snprintf(dw, sizeof dw, "%g %%", c->degraded_weight * 100);
    snprintf(nd, sizeof nd, "%d", c->notice_days);
    aft_instant_format(asof, r->as_of);
    aft_duration_format(interval, c->update_interval_minutes * 60.0);
    if (r->metrics.has_first_update)
        aft_duration_format(first, r->metrics.mean_first_update_s);
    else
        snprintf(first, sizeof first, "n/a");
    snprintf(breaches, sizeof breaches, "%zu", r->metrics.update_breaches);
    for (i = 0; i < c->n_service_hours && n + 1 < sizeof hours; i++) {
        int k = snprintf(hours + n, sizeof hours - n, "%s%s", i ? ", " : "",
                         c->service_hours[i]);
        n += k > 0 ? (size_t)k : 0;
    }
    if (c->n_service_hours == 0)
        snprintf(hours, sizeof hours, "all hours of every day");
    else if (c->n_holidays > 0 && strlen(hours) + 24 < sizeof hours)
        strcat(hours, ", except holidays");
    {
        const char *vars[] = {
            "client", c->name, "period", aft_period_title(period, &r->period),
            "availability", avail, "target", target, "credit", credit,
            "incidents", inc, "mttr", mttr, "prev_period", aft_period_title(prev, &r->prev),
            "prev_availability", pav, "prev_incidents", pinc,
            "timezone", c->timezone, "hours", hours,
            "partial_weight", pw, "degraded_weight", dw, "notice_days", nd,
            "as_of", asof, "interval", interval, "first_update", first,
            "breaches", breaches, NULL, NULL
        };
        return aft_template_text(t, name, vars);
    }
}

/* ---- root-cause reports ---- */

/* The local month containing instant t, in zone tz. */
static void
month_of(aft_period *out, const aft_tz *tz, int64_t t)
{
    int64_t local = t + aft_tz_offset(tz, t), y;
    unsigned m, d;
    char label[16];

    aft_civil_from_days(local / 86400 - (local % 86400 < 0), &y, &m, &d);
    snprintf(label, sizeof label, "%04d-%02u", (int)y, m);
    aft_period_month(out, label, NULL);
}

static int
cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Median (nearest rank) of `which` duration over the dataset's incidents
 * that started in [lo, hi): 0 detect, 1 acknowledge, 2 resolve. */
static int64_t
portfolio_median(const aft_dataset *ds, int64_t lo, int64_t hi,
                 int64_t as_of, int which)
{
    int64_t *v = malloc((ds->n_incidents + 1) * sizeof *v), med;
    size_t i, n = 0;

    if (v == NULL)
        return AFT_TIME_NONE;
    for (i = 0; i < ds->n_incidents; i++) {
        const aft_incident *x = &ds->incidents[i];
        if (x->started_at < lo || x->started_at >= hi)
            continue;
        if (which == 0 && x->detected_at != AFT_TIME_NONE)
            v[n++] = x->detected_at - x->started_at;
        else if (which == 1 && x->detected_at != AFT_TIME_NONE
                 && x->acknowledged_at != AFT_TIME_NONE)
            v[n++] = x->acknowledged_at - x->detected_at;
        else if (which == 2 && x->resolved_at != AFT_TIME_NONE
                 && x->resolved_at <= as_of)
            v[n++] = x->resolved_at - x->started_at;
    }
    qsort(v, n, sizeof *v, cmp_i64);
    med = n > 0 ? aft_percentile(v, n, 50) : AFT_TIME_NONE;
    free(v);
    return med;
}

int
aft_rca_build(aft_rca **out, aft_engine *e, size_t ci,
              const aft_incident *inc, int64_t as_of, aft_error *err)
{
    aft_rca *r = calloc(1, sizeof *r);
    aft_avail_row *rows = NULL;
    aft_interval span, w;
    size_t n = 0, i, j;
    int rc;

    *out = NULL;
    if (r == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    r->ds = aft_engine_dataset(e);
    r->client = &r->ds->clients[ci];
    r->inc = inc;
    r->as_of = as_of;
    if ((r->tz = aft_engine_zone(e, ci, err)) == NULL) {
        free(r);
        return AFT_EINVALID;
    }
    r->ongoing = inc->resolved_at == AFT_TIME_NONE || inc->resolved_at > as_of;
    month_of(&r->month, r->tz, inc->started_at);
    aft_period_window(&span, &w, &r->month, r->tz, as_of);
    r->ttd_s = inc->detected_at != AFT_TIME_NONE && inc->detected_at <= as_of
               ? inc->detected_at - inc->started_at : AFT_TIME_NONE;
    r->tta_s = r->ttd_s != AFT_TIME_NONE && inc->acknowledged_at
               != AFT_TIME_NONE && inc->acknowledged_at <= as_of
               ? inc->acknowledged_at - inc->detected_at : AFT_TIME_NONE;
    r->ttr_s = r->ongoing ? AFT_TIME_NONE : inc->resolved_at - inc->started_at;
    r->med_ttd_s = portfolio_median(r->ds, span.start, span.end, as_of, 0);
    r->med_tta_s = portfolio_median(r->ds, span.start, span.end, as_of, 1);
    r->med_ttr_s = portfolio_median(r->ds, span.start, span.end, as_of, 2);
    rc = aft_engine_client(e, ci, &r->month, &rows, &n, err);
    if (rc == AFT_OK) {
        r->month_total = rows[n - 1].r;
        free(rows);
        rc = aft_engine_client_metrics(e, ci, &r->month, &r->month_metrics,
                                       err);
    }
    if (rc == AFT_OK) {
        aft_engine_only_incident(e, inc);
        rc = aft_engine_client(e, ci, &r->month, &rows, &n, err);
        aft_engine_count_all(e);
    }
    if (rc == AFT_OK
        && (r->services = calloc(inc->n_impacts + 1, sizeof *r->services))
               == NULL)
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (j = 0; rc == AFT_OK && j < inc->n_impacts; j++) {
        const aft_impact *m = &inc->impacts[j];
        int64_t a = m->start != AFT_TIME_NONE ? m->start : inc->started_at;
        int64_t b = m->end != AFT_TIME_NONE ? m->end
                    : aft_incident_end(inc, as_of);
        aft_rca_service *s = NULL;

        if (!subscribed(r->client, m->service_id))
            continue;
        for (i = 0; i < r->n_services; i++)
            if (strcmp(r->services[i].service_id, m->service_id) == 0)
                s = &r->services[i];
        if (s == NULL) {
            s = &r->services[r->n_services++];
            s->service_id = m->service_id;
            s->start = a;
            s->end = b;
            for (i = 0; i + 1 < n; i++)
                if (strcmp(rows[i].service_id, m->service_id) == 0)
                    s->downtime_s = rows[i].r.downtime_s;
        }
        if (m->level > s->level)
            s->level = m->level;
        if (a < s->start)
            s->start = a;
        if (b > s->end)
            s->end = b;
    }
    if (rc == AFT_OK)
        r->downtime_s = rows[n - 1].r.downtime_s;
    free(rows);
    if (rc < 0) {
        aft_rca_free(r);
        return rc;
    }
    *out = r;
    return AFT_OK;
}

void
aft_rca_free(aft_rca *r)
{
    if (r == NULL)
        return;
    free(r->services);
    free(r);
}

int
aft_mreport_build(aft_mreport **out, aft_engine *e, size_t ci,
                  const aft_maintenance *m, int64_t as_of, aft_error *err)
{
    aft_mreport *r = calloc(1, sizeof *r);
    aft_avail_row *rows = NULL;
    size_t n = 0;
    int rc;

    *out = NULL;
    if (r == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    r->ds = aft_engine_dataset(e);
    r->client = &r->ds->clients[ci];
    r->as_of = as_of;
    if ((r->tz = aft_engine_zone(e, ci, err)) == NULL) {
        free(r);
        return AFT_EINVALID;
    }
    month_of(&r->month, r->tz, m->scheduled_start);
    rc = aft_engine_client(e, ci, &r->month, &rows, &n, err);
    if (rc == AFT_OK) {
        r->month_total = rows[n - 1].r;
        free(rows);
        aft_engine_only_maintenance(e, m);
        rc = aft_engine_client(e, ci, &r->month, &rows, &n, err);
        aft_engine_count_all(e);
    }
    if (rc == AFT_OK) {
        fill_maint(&r->w, m, r->client, r->ds, rows[n - 1].r.downtime_s);
        free(rows);
    }
    if (rc < 0) {
        free(r);
        return rc;
    }
    *out = r;
    return AFT_OK;
}

void
aft_mreport_free(aft_mreport *r)
{
    free(r);
}
