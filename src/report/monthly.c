/*
 * monthly.c - the monthly report model: figures per service, per day and
 * per month, the trend, incidents and maintenance windows of one client,
 * all through the engine.
 */
#include <stdlib.h>
#include <string.h>

#include "aftercast/metrics.h"
#include "aftercast/report_monthly.h"
#include "base/error.h"
#include "report/client_view.h"

const aft_sla_result *
aft_monthly_total(const aft_monthly *r)
{
    return &r->rows[r->n_rows - 1].r;
}

void
aft_monthly_range(const aft_period *p, int64_t *lo, int64_t *hi)
{
    aft_period first;
    aft_interval range;

    aft_period_shift(&first, p, -(AFT_TREND_PERIODS - 1));
    range = aft_period_load_range(&first, p);
    *lo = range.start;
    *hi = range.end;
}

aft_interval
aft_monthly_whole(const aft_period *p)
{
    return aft_period_load_range(p, p);
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

/* The incidents that started in the period and count for the client,
 * and those of before that still cost it time in the period. */
static int
build_incidents(aft_monthly *r, aft_engine *e, size_t ci, aft_error *err)
{
    const aft_dataset *ds = r->ds;
    size_t i;
    int rc = AFT_OK;

    if ((r->incidents = calloc(ds->n_incidents + 1, sizeof *r->incidents))
        == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < ds->n_incidents && rc == AFT_OK; i++) {
        const aft_incident *inc = &ds->incidents[i];
        int started_here = inc->started_at >= r->span.start
                           && inc->started_at < r->span.end
                           && inc->started_at < r->as_of
                           && aft_engine_incident_counts(e, ci, inc);
        aft_sla_result t = {0};

        if (!started_here
            && !aft_report__touches(inc, r->client, r->window, r->as_of))
            continue;
        aft_engine_only_incident(e, inc);
        rc = aft_engine_client_total(&t, e, ci, &r->period, err);
        aft_engine_count_all(e);
        if (rc < 0
            || (!started_here && t.downtime_s <= 0 && t.major_s == 0
                && t.partial_s == 0 && t.degraded_s == 0))
            continue;
        aft_report__incident_fill(&r->incidents[r->n_incidents], inc, r->client,
                                  r->ds, r->as_of, t.downtime_s);
        r->n_open += started_here && r->incidents[r->n_incidents].ongoing;
        r->n_incidents++;
    }
    return rc;
}

/* The windows scheduled in the period that count for the client. */
static int
build_maints(aft_monthly *r, aft_engine *e, size_t ci, aft_error *err)
{
    const aft_dataset *ds = r->ds;
    size_t i;
    int rc = AFT_OK;

    if ((r->maints = calloc(ds->n_maintenances + 1, sizeof *r->maints)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < ds->n_maintenances && rc == AFT_OK; i++) {
        const aft_maintenance *m = &ds->maintenances[i];
        aft_sla_result t = {0};

        if (m->scheduled_start < r->span.start
            || m->scheduled_start >= r->span.end
            || !aft_engine_maintenance_counts(e, ci, m))
            continue;
        aft_engine_only_maintenance(e, m);
        rc = aft_engine_client_total(&t, e, ci, &r->period, err);
        aft_engine_count_all(e);
        aft_report__maint_fill(&r->maints[r->n_maints++], m, r->client, ds,
                               t.downtime_s);
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

/* The rows, metrics and totals of the period, the one before and the
 * trend. */
static int
build_figures(aft_monthly *r, aft_engine *e, size_t ci, aft_error *err)
{
    const aft_period *p = &r->period;
    aft_metrics prev = {0};
    int i, rc;

    rc = aft_engine_client(e, ci, p, &r->rows, &r->n_rows, err);
    if (rc == AFT_OK)
        rc = aft_engine_client_metrics(e, ci, p, &r->metrics, err);
    /* Of the period before, only the count: its incidents may come as
     * outages only (aft_monthly_whole()). */
    if (rc == AFT_OK)
        rc = aft_engine_client_metrics(e, ci, &r->prev, &prev, err);
    r->prev_incidents = prev.incidents;
    if (rc == AFT_OK)
        rc = aft_engine_client_total(&r->prev_total, e, ci, &r->prev, err);
    for (i = 0; i < AFT_TREND_PERIODS && rc == AFT_OK; i++) {
        aft_period_shift(&r->trend_period[i], p, i - (AFT_TREND_PERIODS - 1));
        rc = aft_engine_client_total(&r->trend[i], e, ci, &r->trend_period[i],
                                     err);
    }
    return rc;
}

/* The first instant the report has data for: the history's first
 * (aft_dataset_first), or the client's subscriptions' start when later. */
static int64_t
data_start(const aft_dataset *ds, const aft_client *c, const aft_tz *tz)
{
    int64_t first = aft_dataset_first(ds), subs = AFT_TIME_NONE;
    size_t i;

    for (i = 0; i < c->n_subs; i++) {
        int64_t from;

        if (c->subs[i].from_day == AFT_DATE_NONE)
            return first; /* one service from the start */
        from = aft_tz_local_to_utc(tz, aft_day_start(c->subs[i].from_day));
        if (subs == AFT_TIME_NONE || from < subs)
            subs = from;
    }
    if (first != AFT_TIME_NONE && subs != AFT_TIME_NONE && subs > first)
        first = subs;
    return first;
}

/* Whether period p ends before the report has data. */
static int
before_data(const aft_monthly *r, const aft_period *p)
{
    aft_interval span, w;

    if (r->data_start == AFT_TIME_NONE)
        return 1;
    aft_period_window(&span, &w, p, r->tz, r->as_of);
    return span.end <= r->data_start;
}

/* Every credit the client's tiers yield: services, then the client. */
static int
build_credits(aft_monthly *r, aft_error *err)
{
    size_t i;

    if ((r->credits = calloc(r->n_rows + 1, sizeof *r->credits)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < r->n_rows; i++)
        if (r->rows[i].r.credit_percent > 0)
            r->credits[r->n_credits++] = (aft_report_credit){
                r->rows[i].service_id, r->rows[i].r.credit_percent};
    return AFT_OK;
}

/* What the report can honestly say about time: provisional, no data. */
static void
build_time(aft_monthly *r)
{
    int i;

    r->provisional = r->as_of < r->span.end;
    r->data_start = data_start(r->ds, r->client, r->tz);
    for (i = 0; i < AFT_TREND_PERIODS; i++)
        if ((r->trend_no_data[i] = before_data(r, &r->trend_period[i])))
            r->trend[i].has_availability = 0;
    if ((r->prev_no_data = before_data(r, &r->prev)))
        r->prev_total.has_availability = 0;
}

int
aft_monthly_build(aft_monthly **out, aft_engine *e, size_t ci,
                  const aft_period *p, int64_t as_of, aft_error *err)
{
    aft_monthly *r = calloc(1, sizeof *r);
    int rc;

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
    rc = build_figures(r, e, ci, err);
    if (rc == AFT_OK)
        rc = build_days(r, e, ci, err);
    if (rc == AFT_OK)
        rc = build_incidents(r, e, ci, err);
    if (rc == AFT_OK)
        rc = build_maints(r, e, ci, err);
    if (rc == AFT_OK)
        rc = build_credits(r, err);
    if (rc == AFT_OK) {
        build_time(r); /* in the order they happened */
        qsort(r->incidents, r->n_incidents, sizeof *r->incidents, cmp_incident);
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
    free(r->credits);
    free(r);
}
