/*
 * portfolio.c - the executive portfolio model: every client and service
 * against target, trends, the costliest incidents and maintenance
 * compliance, through the same engine calls as `availability`.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/metrics.h"
#include "aftercast/report_portfolio.h"
#include "base/error.h"

#define TOP_INCIDENTS 10

/* The same period a year before. */
static void
year_before(aft_period *out, const aft_period *p)
{
    switch (p->kind) {
    case AFT_PERIOD_MONTH:
        aft_period_shift(out, p, -12);
        break;
    case AFT_PERIOD_QUARTER:
        aft_period_shift(out, p, -4);
        break;
    case AFT_PERIOD_YEAR:
        aft_period_shift(out, p, -1);
        break;
    default:
        *out = *p;
        out->start_day -= 365;
        out->end_day -= 365;
        {
            char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ];
            snprintf(out->label, sizeof out->label, "%s..%s",
                     aft_date_format(a, out->start_day),
                     aft_date_format(b, out->end_day));
        }
    }
}

void
aft_portfolio_range(const aft_period *p, int64_t *lo, int64_t *hi)
{
    aft_period first, ya;
    aft_interval range;

    aft_period_shift(&first, p, -(AFT_TREND_PERIODS - 1));
    year_before(&ya, p);
    if (ya.start_day < first.start_day)
        first = ya;
    range = aft_period_load_range(&first, p);
    *lo = range.start;
    *hi = range.end;
}

aft_interval
aft_portfolio_whole(const aft_period *p)
{
    return aft_period_load_range(p, p);
}

/* Portfolio metrics over every incident that started in p (UTC dates). */
static int
metrics_of(aft_metrics *out, const aft_dataset *ds, const aft_period *p,
           int64_t as_of, aft_error *err)
{
    const aft_incident **sel = malloc((ds->n_incidents + 1) * sizeof *sel);
    size_t i, n = 0;
    int rc;

    if (sel == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < ds->n_incidents; i++) {
        int64_t t = ds->incidents[i].started_at;
        if (t >= aft_day_start(p->start_day) && t < aft_day_start(p->end_day)
            && t < as_of)
            sel[n++] = &ds->incidents[i];
    }
    rc = aft_metrics_compute(out, sel, n, as_of, AFT_DEFAULT_UPDATE_INTERVAL,
                             err);
    free(sel);
    return rc;
}

/* The MTTR of the incidents that started in p: all the comparison
 * periods show, and what their incidents read as outages only hold
 * (aft_portfolio_whole()). */
static int
mttr_of(int *has, double *mttr_s, const aft_dataset *ds, const aft_period *p,
        int64_t as_of, aft_error *err)
{
    aft_metrics m;
    int rc = metrics_of(&m, ds, p, as_of, err);

    *has = rc == AFT_OK && m.has_mttr;
    *mttr_s = *has ? m.mttr_s : 0;
    return rc;
}

/* Breaches first, the worst first; then the rest by name. */
static int
cmp_client(const void *a, const void *b)
{
    const aft_portfolio_client *x = a, *y = b;
    const aft_sla_result *rx = &x->rows[x->n_rows - 1].r;
    const aft_sla_result *ry = &y->rows[y->n_rows - 1].r;
    int bx = rx->has_availability && !rx->met;
    int by = ry->has_availability && !ry->met;

    if (bx != by)
        return by - bx;
    if (bx && rx->availability != ry->availability)
        return rx->availability < ry->availability ? -1 : 1;
    return strcmp(x->client->id, y->client->id);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
cmp_top(const void *a, const void *b)
{
    const aft_portfolio_incident *x = a, *y = b;

    if (x->client_seconds != y->client_seconds)
        return x->client_seconds > y->client_seconds ? -1 : 1;
    return strcmp(x->inc->id, y->inc->id);
}

/* Client ci's total over q: the trend's figures when q is one of its
 * periods (the same days give the same figures), else computed. */
static int
client_total(aft_sla_result *out, const aft_portfolio *r,
             const aft_portfolio_client *pc, aft_engine *e, size_t ci,
             const aft_period *q, aft_error *err)
{
    int i;

    for (i = 0; i < AFT_TREND_PERIODS; i++)
        if (r->trend_period[i].start_day == q->start_day
            && r->trend_period[i].end_day == q->end_day) {
            *out = pc->trend[i];
            return AFT_OK;
        }
    return aft_engine_client_total(out, e, ci, q, err);
}

/* Client ci's rows, metrics and totals: the trend's last period is the
 * month itself, its rows' last the total. */
static int
client_figures(aft_portfolio *r, aft_portfolio_client *pc, aft_engine *e,
               size_t ci, aft_sla_result *prev, aft_sla_result *ya,
               aft_error *err)
{
    int i, rc;

    if ((rc = aft_engine_client(e, ci, &r->period, &pc->rows, &pc->n_rows, err))
            < 0
        || (rc = aft_engine_client_metrics(e, ci, &r->period, &pc->metrics,
                                           err))
               < 0)
        return rc;
    for (i = 0; i < AFT_TREND_PERIODS && rc == AFT_OK; i++) {
        const aft_period *q = &r->trend_period[i];
        if (q->start_day == r->period.start_day
            && q->end_day == r->period.end_day)
            pc->trend[i] = pc->rows[pc->n_rows - 1].r;
        else
            rc = aft_engine_client_total(&pc->trend[i], e, ci, q, err);
    }
    if (rc == AFT_OK)
        rc = client_total(prev, r, pc, e, ci, &r->prev, err);
    if (rc == AFT_OK)
        rc = client_total(ya, r, pc, e, ci, &r->year_ago, err);
    return rc;
}

static int
build_clients(aft_portfolio *r, aft_engine *e, aft_error *err)
{
    const aft_dataset *ds = r->ds;
    size_t ci;
    int i, rc = AFT_OK;

    if ((r->clients = calloc(ds->n_clients + 1, sizeof *r->clients)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (ci = 0; ci < ds->n_clients && rc == AFT_OK; ci++) {
        aft_portfolio_client *pc = &r->clients[ci];
        aft_sla_result prev, ya;
        const aft_sla_result *t;
        size_t k;

        pc->client = &ds->clients[ci];
        if ((rc = client_figures(r, pc, e, ci, &prev, &ya, err)) < 0)
            break;
        t = &pc->rows[pc->n_rows - 1].r;
        aft_sla_add(&r->total, t);
        aft_sla_add(&r->prev_total, &prev);
        aft_sla_add(&r->year_total, &ya);
        for (i = 0; i < AFT_TREND_PERIODS; i++)
            aft_sla_add(&r->trend[i], &pc->trend[i]);
        if (t->has_availability) {
            r->clients_met += (size_t)t->met;
            r->clients_breached += (size_t)!t->met;
        }
        for (k = 0; k < pc->n_rows; k++)
            if (pc->rows[k].r.credit_percent > 0)
                break;
        r->clients_with_credit += k < pc->n_rows; /* any credit: 7.2 */
        for (k = 0; k + 1 < pc->n_rows; k++)
            if (pc->rows[k].r.has_availability) {
                r->services_measured++;
                r->services_met += (size_t)pc->rows[k].r.met;
            }
    }
    return rc;
}

static int
build_services(aft_portfolio *r, aft_error *err)
{
    const aft_dataset *ds = r->ds;
    size_t ci, k, n = 0, cap = 0;

    for (ci = 0; ci < r->n_clients; ci++)
        cap += r->clients[ci].n_rows;
    if ((r->services = calloc(cap + 1, sizeof *r->services)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (ci = 0; ci < r->n_clients; ci++)
        for (k = 0; k + 1 < r->clients[ci].n_rows; k++)
            r->services[n++] = r->clients[ci].rows[k].service_id;
    qsort(r->services, n, sizeof *r->services, cmp_str);
    for (k = 0, r->n_services = 0; k < n; k++)
        if (r->n_services == 0
            || strcmp(r->services[r->n_services - 1], r->services[k]) != 0)
            r->services[r->n_services++] = r->services[k];
    (void)ds;
    return AFT_OK;
}

/* Whether incident inc started in the portfolio's period (UTC dates). */
static int
started_in(const aft_portfolio *r, const aft_incident *inc)
{
    return inc->started_at >= aft_day_start(r->period.start_day)
           && inc->started_at < aft_day_start(r->period.end_day)
           && inc->started_at < r->as_of;
}

/* Add what each incident of the period cost client ci to its entry of
 * all (slot: entry of each dataset incident, or SIZE_MAX). */
static int
add_client_costs(aft_portfolio_incident *all, const size_t *slot, aft_engine *e,
                 size_t ci, const aft_period *p, aft_error *err)
{
    const aft_dataset *ds = aft_engine_dataset(e);
    const aft_tz *zone = aft_engine_zone(e, ci, err);
    aft_incident_cost *c;
    size_t k, n;
    int rc;

    if (zone == NULL)
        return err != NULL ? err->code : AFT_EINVALID;
    rc = aft_engine_incident_costs(e, ci, p, &c, &n, err);
    for (k = 0; k < n && rc == AFT_OK; k++) {
        aft_portfolio_incident *pi;

        if (slot[c[k].incident] == SIZE_MAX || c[k].downtime_s <= 0
            || !aft_engine_incident_counts(e, ci,
                                           &ds->incidents[c[k].incident]))
            continue;
        pi = &all[slot[c[k].incident]];
        if (pi->n_clients == 0)
            pi->zone = zone;
        else if (pi->zone != NULL
                 && strcmp(aft_tz_name(pi->zone), aft_tz_name(zone)) != 0)
            pi->zone = NULL;
        pi->client_seconds += c[k].downtime_s;
        pi->n_clients++;
    }
    free(c);
    return rc;
}

/* When incident pi started, in the zone of the clients it hit. */
static void
tell_start(aft_portfolio_incident *pi)
{
    int64_t t = pi->inc->started_at;

    pi->started_local = pi->zone != NULL ? t + aft_tz_offset(pi->zone, t) : t;
    aft_report_when_short(pi->started, pi->zone, t);
}

/* Client-seconds of weighted downtime of every incident that started in
 * the period (UTC dates), the largest first. An incident's seconds for a
 * client are what it alone cost the client (aft_engine_incident_costs()),
 * summed over the clients it counts for, in dataset order. */
static int
build_top(aft_portfolio *r, aft_engine *e, aft_error *err)
{
    const aft_dataset *ds = r->ds;
    aft_portfolio_incident *all = calloc(ds->n_incidents + 1, sizeof *all);
    size_t *slot = malloc((ds->n_incidents + 1) * sizeof *slot);
    size_t i, ci, n = 0;
    int rc = AFT_OK;

    if (all == NULL || slot == NULL) {
        free(all);
        free(slot);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    for (i = 0; i < ds->n_incidents; i++) {
        slot[i] = SIZE_MAX;
        if (started_in(r, &ds->incidents[i])) {
            all[n].inc = &ds->incidents[i];
            slot[i] = n++;
        }
    }
    for (ci = 0; ci < ds->n_clients && rc == AFT_OK && n > 0; ci++)
        rc = add_client_costs(all, slot, e, ci, &r->period, err);
    free(slot);
    qsort(all, n, sizeof *all, cmp_top);
    r->top = all;
    r->n_top = n < TOP_INCIDENTS ? n : TOP_INCIDENTS;
    for (i = 0; i < r->n_top; i++)
        tell_start(&all[i]);
    return rc;
}

static void
build_windows(aft_portfolio *r, aft_engine *e)
{
    const aft_dataset *ds = r->ds;
    size_t i, ci;

    for (i = 0; i < ds->n_maintenances; i++) {
        const aft_maintenance *m = &ds->maintenances[i];
        int64_t ae = aft_maintenance_actual(m).end;
        int counted = 0;

        if (m->status == AFT_MAINT_CANCELLED
            || m->scheduled_start < aft_day_start(r->period.start_day)
            || m->scheduled_start >= aft_day_start(r->period.end_day))
            continue;
        for (ci = 0; ci < ds->n_clients; ci++) {
            if (!aft_engine_maintenance_counts(e, ci, m))
                continue;
            counted = 1;
            r->windows++;
            r->windows_announced += (size_t)
                aft_maintenance_announced(m, ds->clients[ci].notice_days);
        }
        if (counted && ae > m->scheduled_end)
            r->overrun_s += ae - m->scheduled_end;
    }
}

/* A comparison period that ended, in every zone (the last is UTC-12),
 * before the first record has no data, not 100 %. */
static void
no_data_before(const aft_portfolio *r, const aft_period *p, aft_sla_result *s)
{
    if (r->data_start == AFT_TIME_NONE
        || aft_day_start(p->end_day) + 12 * 3600 <= r->data_start)
        s->has_availability = 0;
}

/* What the portfolio can honestly say about time. */
static void
honest_time(aft_portfolio *r)
{
    size_t c;
    int i;

    r->provisional = r->as_of < aft_day_start(r->period.end_day) + 12 * 3600;
    r->data_start = aft_dataset_first(r->ds);
    no_data_before(r, &r->prev, &r->prev_total);
    no_data_before(r, &r->year_ago, &r->year_total);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        no_data_before(r, &r->trend_period[i], &r->trend[i]);
        /* So for each client's trend (the breach sparklines). */
        for (c = 0; c < r->n_clients; c++)
            no_data_before(r, &r->trend_period[i], &r->clients[c].trend[i]);
    }
}

int
aft_portfolio_build(aft_portfolio **out, aft_engine *e, const aft_period *p,
                    int64_t as_of, aft_error *err)
{
    aft_portfolio *r = calloc(1, sizeof *r);
    int i, rc;

    *out = NULL;
    if (r == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    r->ds = aft_engine_dataset(e);
    r->period = *p;
    r->as_of = as_of;
    aft_period_shift(&r->prev, p, -1);
    year_before(&r->year_ago, p);
    for (i = 0; i < AFT_TREND_PERIODS; i++)
        aft_period_shift(&r->trend_period[i], p, i - (AFT_TREND_PERIODS - 1));
    r->n_clients = r->ds->n_clients;
    rc = build_clients(r, e, err);
    if (rc == AFT_OK) {
        /* Portfolio availability: all clients' downtime over all their
         * eligible time; its target is each client's own. */
        aft_sla_judge(&r->total, 0, NULL, 0);
        aft_sla_judge(&r->prev_total, 0, NULL, 0);
        aft_sla_judge(&r->year_total, 0, NULL, 0);
        for (i = 0; i < AFT_TREND_PERIODS; i++)
            aft_sla_judge(&r->trend[i], 0, NULL, 0);
        honest_time(r);
        qsort(r->clients, r->n_clients, sizeof *r->clients, cmp_client);
        rc = build_services(r, err);
    }
    if (rc == AFT_OK)
        rc = metrics_of(&r->metrics, r->ds, &r->period, as_of, err);
    if (rc == AFT_OK)
        rc = mttr_of(&r->has_prev_mttr, &r->prev_mttr_s, r->ds, &r->prev, as_of,
                     err);
    if (rc == AFT_OK)
        rc = mttr_of(&r->has_year_mttr, &r->year_mttr_s, r->ds, &r->year_ago,
                     as_of, err);
    if (rc == AFT_OK)
        rc = build_top(r, e, err);
    if (rc == AFT_OK)
        build_windows(r, e);
    if (rc < 0) {
        aft_portfolio_free(r);
        return rc;
    }
    *out = r;
    return AFT_OK;
}

void
aft_portfolio_free(aft_portfolio *r)
{
    size_t i;

    if (r == NULL)
        return;
    for (i = 0; i < r->n_clients && r->clients != NULL; i++)
        free(r->clients[i].rows);
    free(r->clients);
    free(r->services);
    free(r->top);
    free(r);
}
