/*
 * rca.c - the root-cause report model: one incident for one client, the
 * services it hit and what it cost them, its response times against the
 * portfolio's medians, and the client's month around it.
 */
#include <stdlib.h>
#include <string.h>

#include "aftercast/metrics.h"
#include "aftercast/report_rca.h"
#include "base/error.h"
#include "report/client_view.h"

enum { MEDIAN_DETECT, MEDIAN_ACK, MEDIAN_RESOLVE };

static int
cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Median (nearest rank) of `which` duration over the dataset's incidents
 * that started in [lo, hi); AFT_TIME_NONE when none has it, or when out
 * of memory. */
static int64_t
portfolio_median(const aft_dataset *ds, int64_t lo, int64_t hi, int64_t as_of,
                 int which)
{
    int64_t *v = malloc((ds->n_incidents + 1) * sizeof *v), med;
    size_t i, n = 0;

    if (v == NULL)
        return AFT_TIME_NONE;
    for (i = 0; i < ds->n_incidents; i++) {
        const aft_incident *x = &ds->incidents[i];
        if (x->started_at < lo || x->started_at >= hi)
            continue;
        if (which == MEDIAN_DETECT && x->detected_at != AFT_TIME_NONE)
            v[n++] = x->detected_at - x->started_at;
        else if (which == MEDIAN_ACK && x->detected_at != AFT_TIME_NONE
                 && x->acknowledged_at != AFT_TIME_NONE)
            v[n++] = x->acknowledged_at - x->detected_at;
        else if (which == MEDIAN_RESOLVE && x->resolved_at != AFT_TIME_NONE
                 && x->resolved_at <= as_of)
            v[n++] = x->resolved_at - x->started_at;
    }
    qsort(v, n, sizeof *v, cmp_i64);
    med = n > 0 ? aft_percentile(v, n, 50) : AFT_TIME_NONE;
    free(v);
    return med;
}

/* Time to detect, acknowledge and resolve, as known at as_of, and the
 * portfolio's medians over the instants span of the month. */
static void
response_times(aft_rca *r, aft_interval span)
{
    const aft_incident *inc = r->inc;
    int64_t as_of = r->as_of;

    r->ttd_s = inc->detected_at != AFT_TIME_NONE && inc->detected_at <= as_of
                   ? inc->detected_at - inc->started_at
                   : AFT_TIME_NONE;
    r->tta_s = r->ttd_s != AFT_TIME_NONE
                       && inc->acknowledged_at != AFT_TIME_NONE
                       && inc->acknowledged_at <= as_of
                   ? inc->acknowledged_at - inc->detected_at
                   : AFT_TIME_NONE;
    r->ttr_s = r->ongoing ? AFT_TIME_NONE : inc->resolved_at - inc->started_at;
    r->med_ttd_s = portfolio_median(r->ds, span.start, span.end, as_of,
                                    MEDIAN_DETECT);
    r->med_tta_s = portfolio_median(r->ds, span.start, span.end, as_of,
                                    MEDIAN_ACK);
    r->med_ttr_s = portfolio_median(r->ds, span.start, span.end, as_of,
                                    MEDIAN_RESOLVE);
}

/* The client's month with every record: its total and metrics. */
static int
month_figures(aft_rca *r, aft_engine *e, size_t ci, aft_error *err)
{
    aft_avail_row *rows = NULL;
    size_t n = 0;
    int rc;

    rc = aft_engine_client(e, ci, &r->month, &rows, &n, err);
    if (rc == AFT_OK) {
        r->month_total = rows[n - 1].r;
        rc = aft_engine_client_metrics(e, ci, &r->month, &r->month_metrics,
                                       err);
    }
    free(rows);
    return rc;
}

/* Fold impact m into the entry of the service it hit, if the client
 * subscribes to it. */
static void
add_impact(aft_rca *r, const aft_impact *m)
{
    aft_interval span = aft_impact_span(r->inc, m, r->as_of);
    aft_rca_service *s = NULL;
    size_t i;

    if (!aft_report__subscribed(r->client, m->service_id))
        return;
    for (i = 0; i < r->n_services; i++)
        if (strcmp(r->services[i].service_id, m->service_id) == 0)
            s = &r->services[i];
    if (s == NULL) {
        s = &r->services[r->n_services++];
        s->service_id = m->service_id;
        s->start = span.start;
        s->end = span.end;
    }
    if (m->level > s->level)
        s->level = m->level;
    if (span.start < s->start)
        s->start = span.start;
    if (span.end > s->end)
        s->end = span.end;
}

/* What the incident alone cost the client in month part->month: added
 * to the services it hit and to the whole. */
static int
month_cost(aft_rca *r, aft_engine *e, size_t ci, aft_rca_month *part,
           aft_error *err)
{
    aft_avail_row *rows = NULL;
    aft_sla_result whole = {0};
    aft_interval span, w;
    size_t n = 0, i, k;
    int rc;

    aft_engine_only_incident(e, r->inc);
    rc = aft_engine_client(e, ci, &part->month, &rows, &n, err);
    aft_engine_count_all(e);
    if (rc < 0)
        return rc;
    for (i = 0; i + 1 < n; i++)
        for (k = 0; k < r->n_services; k++)
            if (strcmp(rows[i].service_id, r->services[k].service_id) == 0)
                r->services[k].downtime_s += rows[i].r.downtime_s;
    part->downtime_s = rows[n - 1].r.downtime_s;
    free(rows);
    /* The budget is the client's whole month's, every service counted. */
    if ((rc = aft_engine_client_total(&whole, e, ci, &part->month, err)) < 0)
        return rc;
    part->budget_s = whole.budget_s;
    aft_period_window(&span, &w, &part->month, r->tz, r->as_of);
    part->provisional = r->as_of < span.end;
    r->downtime_s += part->downtime_s;
    return AFT_OK;
}

/* What the incident alone cost the client, per service it hit and at
 * the client level, in each local month it ran in. */
static int
incident_cost(aft_rca *r, aft_engine *e, size_t ci, aft_error *err)
{
    const aft_incident *inc = r->inc;
    int64_t end = aft_incident_end(inc, r->as_of);
    aft_period last;
    size_t j, n;
    int rc = AFT_OK;

    if ((r->services = calloc(inc->n_impacts + 1, sizeof *r->services)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (j = 0; j < inc->n_impacts; j++)
        add_impact(r, &inc->impacts[j]);
    aft_report__month_of(&last, r->tz, end > inc->started_at ? end - 1 : end);
    for (n = 1; n < 240; n++) { /* months from the first to the last */
        aft_period m;
        aft_period_shift(&m, &r->month, (int)n);
        if (m.start_day > last.start_day)
            break;
    }
    if ((r->parts = calloc(n, sizeof *r->parts)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (j = 0; j < n && rc == AFT_OK; j++) {
        aft_period_shift(&r->parts[j].month, &r->month, (int)j);
        rc = month_cost(r, e, ci, &r->parts[j], err);
        r->n_parts++;
    }
    return rc;
}

/* Whether incident inc affected client ci: an error saying why not. */
static int
check_affected(aft_engine *e, size_t ci, const aft_incident *inc,
               aft_error *err)
{
    const aft_client *c = &aft_engine_dataset(e)->clients[ci];

    if (aft_engine_incident_counts(e, ci, inc))
        return AFT_OK;
    return aft_error_set(err, AFT_EINVALID,
                         "incident '%s' did not affect client '%s' (none of "
                         "its services was hit)",
                         inc->id, c->id);
}

int
aft_rca_build(aft_rca **out, aft_engine *e, size_t ci, const aft_incident *inc,
              int64_t as_of, aft_error *err)
{
    aft_rca *r = calloc(1, sizeof *r);
    aft_interval span, w;
    int rc;

    *out = NULL;
    if (r == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if ((rc = check_affected(e, ci, inc, err)) < 0) {
        free(r);
        return rc;
    }
    r->ds = aft_engine_dataset(e);
    r->client = &r->ds->clients[ci];
    r->inc = inc;
    r->as_of = as_of;
    if ((r->tz = aft_engine_zone(e, ci, err)) == NULL) {
        free(r);
        return AFT_EINVALID;
    }
    r->ongoing = inc->resolved_at == AFT_TIME_NONE || inc->resolved_at > as_of;
    aft_report__month_of(&r->month, r->tz, inc->started_at);
    aft_period_window(&span, &w, &r->month, r->tz, as_of);
    response_times(r, span);
    rc = month_figures(r, e, ci, err);
    if (rc == AFT_OK)
        rc = incident_cost(r, e, ci, err);
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
    free(r->parts);
    free(r);
}
