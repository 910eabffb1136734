/*
 * engine.c - from a dataset to availability and metrics rows.
 *
 * Incident impacts and maintenances are first grouped by service (one
 * pass, counting sort), so that each (client, service) pair only visits
 * the outages of its own service: the cost is O(n log n) in the records
 * that touch the window, not clients x incidents.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/engine.h"
#include "aftercast/hours.h"
#include "aftercast/tz.h"
#include "base/error.h"
#include "engine/memo.h"
#include "model/record.h"

typedef struct ref {
    int64_t lo, hi;  /* the instants it can touch */
    uint32_t rec;    /* incident or maintenance index */
    uint32_t sub;    /* impact index (incidents) */
    uint8_t level;   /* the impact's level (incidents) */
    uint8_t limited; /* the record names the clients it is limited to */
} ref;

/* Records grouped by service index: refs[start[s] .. start[s+1]), each
 * group sorted by lo; maxlen[s] is its longest hi - lo, so that a window
 * finds its records by binary search. */
typedef struct by_service {
    size_t *start;
    ref *refs;
    int64_t *maxlen;
    /* Service index (-1: unknown) of sub j of record i: si[first[i] + j]. */
    long *si;
    size_t *first;
    /* limited[s]: a record of service s names the clients it is limited
     * to (its figures differ from client to client). */
    unsigned char *limited;
} by_service;

typedef struct scratch {
    aft_ivlist measured, ws, excluded;
    aft_outage *outages;
    size_t n_outages, cap_outages;
} scratch;

struct aft_engine {
    const aft_dataset *ds;
    by_service inc, mnt;
    const aft_tz **zones; /* one per client, loaded lazily */
    aft_tz **own;         /* each zone loaded once, shared by its clients */
    size_t n_own;
    int64_t as_of;
    scratch s;
    const aft_incident **sel; /* metrics: incidents of one client */
    struct sub_span *subs;    /* metrics: subscriptions of one client */
    /* metrics: the incidents that started in [cand_lo, cand_hi), in the
     * dataset's order (see candidates()) */
    size_t *cand, n_cand;
    int64_t cand_lo, cand_hi;
    /* Count only the outages of this incident or this maintenance (at
     * most one is set); both NULL: of every record. */
    const aft_incident *only_inc;
    const aft_maintenance *only_mnt;
    int64_t only_lo, only_hi; /* only_inc's spans start in [lo, hi] */
    memo memo; /* service figures shared by clients (service_row()) */
};
typedef struct aft_engine engine;

static int
cmp_service(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const aft_service *)elem)->id);
}

static long
service_index(const aft_dataset *ds, const char *id)
{
    const aft_service *s = bsearch(id, ds->services, ds->n_services,
                                   sizeof *ds->services, cmp_service);
    return s == NULL ? -1 : (long)(s - ds->services);
}

/* Accessors that let one counting sort serve incidents and maintenances. */
typedef struct rec_kind {
    size_t (*count)(const aft_dataset *ds);
    size_t (*n_sub)(const aft_dataset *ds, size_t i);
    const char *(*service)(const aft_dataset *ds, size_t i, size_t j);
    void (*span)(const aft_dataset *ds, size_t i, size_t j, int64_t as_of,
                 int64_t *lo, int64_t *hi);
    /* Sets what collect() reads of the record without visiting it. */
    void (*tag)(const aft_dataset *ds, size_t i, size_t j, ref *r);
} rec_kind;

static size_t
inc_count(const aft_dataset *ds)
{
    return ds->n_incidents;
}
static size_t
inc_n_sub(const aft_dataset *ds, size_t i)
{
    return ds->incidents[i].n_impacts;
}
static const char *
inc_service(const aft_dataset *ds, size_t i, size_t j)
{
    return ds->incidents[i].impacts[j].service_id;
}
static size_t
mnt_count(const aft_dataset *ds)
{
    return ds->n_maintenances;
}
static size_t
mnt_n_sub(const aft_dataset *ds, size_t i)
{
    return ds->maintenances[i].n_services;
}
static const char *
mnt_service(const aft_dataset *ds, size_t i, size_t j)
{
    return ds->maintenances[i].services[j];
}
static void
inc_span(const aft_dataset *ds, size_t i, size_t j, int64_t as_of, int64_t *lo,
         int64_t *hi)
{
    const aft_incident *inc = &ds->incidents[i];
    aft_interval s = aft_impact_span(inc, &inc->impacts[j], as_of);

    *lo = s.start;
    *hi = s.end;
}

static void
mnt_span(const aft_dataset *ds, size_t i, size_t j, int64_t as_of, int64_t *lo,
         int64_t *hi)
{
    aft_interval s = aft_record__maintenance_reach(&ds->maintenances[i]);

    (void)j;
    (void)as_of;
    *lo = s.start;
    *hi = s.end > s.start ? s.end : s.start;
}

static void
inc_tag(const aft_dataset *ds, size_t i, size_t j, ref *r)
{
    const aft_incident *inc = &ds->incidents[i];

    r->level = (uint8_t)inc->impacts[j].level;
    r->limited = inc->n_clients > 0;
}

static void
mnt_tag(const aft_dataset *ds, size_t i, size_t j, ref *r)
{
    (void)j;
    r->level = 0;
    r->limited = ds->maintenances[i].n_clients > 0;
}

static const rec_kind INCIDENTS = {inc_count, inc_n_sub, inc_service, inc_span,
                                   inc_tag};
static const rec_kind MAINTENANCES = {mnt_count, mnt_n_sub, mnt_service,
                                      mnt_span, mnt_tag};

static int
cmp_ref(const void *a, const void *b)
{
    const ref *x = a, *y = b;

    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return (x->rec > y->rec) - (x->rec < y->rec);
}

/* The first of g's refs in [k, end) starting at t or later (they are
 * sorted by start). */
static size_t
first_from(const by_service *g, size_t k, size_t end, int64_t t)
{
    while (k < end) {
        size_t mid = k + (end - k) / 2;
        if (g->refs[mid].lo < t)
            k = mid + 1;
        else
            end = mid;
    }
    return k;
}

/* First ref of service si that can touch instants from t on. */
static size_t
first_touching(const by_service *g, long si, int64_t t)
{
    return first_from(g, g->start[si], g->start[si + 1], t - g->maxlen[si]);
}

/* Counting sort of (record, sub) pairs by service. -1 if out of memory. */
static int
group(by_service *g, const aft_dataset *ds, const rec_kind *k, int64_t as_of)
{
    size_t i, j, total = 0, *fill, n = k->count(ds);
    long *idx, m = 0;

    /* Service index of every pair, computed once. */
    if ((g->first = malloc((n + 1) * sizeof *g->first)) == NULL)
        return -1;
    for (i = 0; i < n; i++) {
        g->first[i] = total;
        total += k->n_sub(ds, i);
    }
    g->first[n] = total;
    g->start = calloc(ds->n_services + 2, sizeof *g->start);
    g->refs = malloc((total + 1) * sizeof *g->refs);
    g->maxlen = calloc(ds->n_services + 1, sizeof *g->maxlen);
    g->limited = calloc(ds->n_services + 1, 1);
    idx = g->si = malloc((total + 1) * sizeof *idx);
    if (g->start == NULL || g->refs == NULL || idx == NULL || g->maxlen == NULL
        || g->limited == NULL)
        return -1;
    for (i = 0; i < n; i++)
        for (j = 0; j < k->n_sub(ds, i); j++) {
            idx[m] = service_index(ds, k->service(ds, i, j));
            if (idx[m] >= 0)
                g->start[idx[m] + 2]++;
            m++;
        }
    for (i = 2; i < ds->n_services + 2; i++)
        g->start[i] += g->start[i - 1];
    fill = g->start + 1;
    m = 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < k->n_sub(ds, i); j++, m++)
            if (idx[m] >= 0) {
                ref *r = &g->refs[fill[idx[m]]++];
                k->span(ds, i, j, as_of, &r->lo, &r->hi);
                r->rec = (uint32_t)i;
                r->sub = (uint32_t)j;
                k->tag(ds, i, j, r);
                g->limited[idx[m]] |= r->limited;
                if (r->hi - r->lo > g->maxlen[idx[m]])
                    g->maxlen[idx[m]] = r->hi - r->lo;
            }
    for (i = 0; i < ds->n_services; i++)
        qsort(g->refs + g->start[i], g->start[i + 1] - g->start[i],
              sizeof *g->refs, cmp_ref);
    return 0;
}

static void scratch_free(scratch *s);
static const aft_tz *client_zone(engine *e, size_t ci, aft_error *err);

void
aft_engine_free(aft_engine *e)
{
    size_t i;

    if (e == NULL)
        return;
    free(e->inc.start);
    free(e->inc.refs);
    free(e->inc.maxlen);
    free(e->inc.si);
    free(e->inc.first);
    free(e->inc.limited);
    free(e->mnt.start);
    free(e->mnt.refs);
    free(e->mnt.maxlen);
    free(e->mnt.si);
    free(e->mnt.first);
    free(e->mnt.limited);
    memo_free(&e->memo);
    free(e->subs);
    free(e->cand);
    for (i = 0; i < e->n_own; i++)
        aft_tz_free(e->own[i]);
    free(e->own);
    free(e->zones);
    free(e->sel);
    scratch_free(&e->s);
    free(e);
}

int
aft_engine_new(aft_engine **out, const aft_dataset *ds, int64_t as_of,
               aft_error *err)
{
    engine *e = calloc(1, sizeof *e);

    *out = NULL;
    if (e == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    e->ds = ds;
    e->as_of = as_of;
    if (group(&e->inc, ds, &INCIDENTS, as_of) < 0
        || group(&e->mnt, ds, &MAINTENANCES, as_of) < 0
        || (e->zones = calloc(ds->n_clients + 1, sizeof *e->zones)) == NULL
        || (e->own = calloc(ds->n_clients + 1, sizeof *e->own)) == NULL
        || (e->sel = malloc((ds->n_incidents + 1) * sizeof *e->sel)) == NULL) {
        aft_engine_free(e);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    *out = e;
    return AFT_OK;
}

void
aft_engine_only_incident(aft_engine *e, const aft_incident *inc)
{
    size_t j;

    e->only_inc = inc;
    e->only_mnt = NULL;
    e->only_lo = INT64_MAX;
    e->only_hi = INT64_MIN;
    for (j = 0; j < inc->n_impacts; j++) { /* as inc_span() sets ref.lo */
        int64_t lo = aft_impact_span(inc, &inc->impacts[j], e->as_of).start;
        e->only_lo = lo < e->only_lo ? lo : e->only_lo;
        e->only_hi = lo > e->only_hi ? lo : e->only_hi;
    }
}

void
aft_engine_only_maintenance(aft_engine *e, const aft_maintenance *m)
{
    e->only_inc = NULL;
    e->only_mnt = m;
}

void
aft_engine_count_all(aft_engine *e)
{
    e->only_inc = NULL;
    e->only_mnt = NULL;
}

/* Whether the engine counts the outages of every record. */
static int
counts_all(const engine *e)
{
    return e->only_inc == NULL && e->only_mnt == NULL;
}

const aft_tz *
aft_engine_zone(aft_engine *e, size_t ci, aft_error *err)
{
    return client_zone(e, ci, err);
}

static const aft_tz *
client_zone(engine *e, size_t ci, aft_error *err)
{
    const aft_client *c = &e->ds->clients[ci];
    size_t i;

    if (e->zones[ci] != NULL)
        return e->zones[ci];
    /* Clients share a zone's tables: each zone file is read once. */
    for (i = 0; i < e->n_own; i++)
        if (strcmp(aft_tz_name(e->own[i]), c->timezone) == 0)
            return e->zones[ci] = e->own[i];
    if (aft_tz_load(&e->own[e->n_own], c->timezone, err) < 0) {
        aft_error_set(err, AFT_EINVALID, "client '%s': unknown time zone '%s'",
                      c->id, c->timezone);
        return NULL;
    }
    return e->zones[ci] = e->own[e->n_own++];
}

static int
restricted_out(const char *const *clients, size_t n, const char *client_id)
{
    size_t i;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++)
        if (strcmp(clients[i], client_id) == 0)
            return 0;
    return 1;
}

int
aft_engine_maintenance_split(const aft_maintenance *m, int notice_days,
                             aft_interval *excluded, aft_outage out[2],
                             size_t *n_out)
{
    aft_interval actual = aft_maintenance_actual(m);
    int64_t as = actual.start, ae = actual.end;

    *n_out = 0;
    excluded->start = excluded->end = 0;
    if (m->status == AFT_MAINT_CANCELLED || m->impact == AFT_LEVEL_NONE)
        return 0;
    if (!aft_maintenance_announced(m, notice_days)) {
        out[(*n_out)++] = (aft_outage){as, ae, m->impact};
        return 1;
    }
    excluded->start = as > m->scheduled_start ? as : m->scheduled_start;
    excluded->end = ae < m->scheduled_end ? ae : m->scheduled_end;
    if (excluded->end < excluded->start)
        excluded->end = excluded->start;
    if (as < m->scheduled_start) /* early start */
        out[(*n_out)++] = (aft_outage){
            as, ae < m->scheduled_start ? ae : m->scheduled_start, m->impact};
    if (ae > m->scheduled_end) /* overrun */
        out[(*n_out)++] = (aft_outage){
            as > m->scheduled_end ? as : m->scheduled_end, ae, m->impact};
    return 1;
}

/* Local midnight of a day as an instant; open bounds for absent days. */
static int64_t
local_midnight(const aft_tz *tz, int64_t day, int64_t absent)
{
    return day == AFT_DATE_NONE ? absent
                                : aft_tz_local_to_utc(tz, aft_day_start(day));
}

static int
push_outage(scratch *s, aft_outage o)
{
    if (s->n_outages == s->cap_outages) {
        size_t cap = s->cap_outages ? s->cap_outages * 2 : 64;
        aft_outage *v = realloc(s->outages, cap * sizeof *v);
        if (v == NULL)
            return -1;
        s->outages = v;
        s->cap_outages = cap;
    }
    s->outages[s->n_outages++] = o;
    return 0;
}

static void
scratch_free(scratch *s)
{
    aft_ivlist_free(&s->measured);
    aft_ivlist_free(&s->ws);
    aft_ivlist_free(&s->excluded);
    free(s->outages);
}

/* Outages and exclusions of (client c, service si) that touch w. */
static int
collect(engine *e, scratch *s, const aft_client *c, long si, aft_interval w)
{
    const aft_dataset *ds = e->ds;
    size_t k = first_touching(&e->inc, si, w.start), end = e->inc.start[si + 1];
    int64_t last = INT64_MAX; /* refs starting later are not counted */

    s->n_outages = 0;
    s->excluded.n = 0;
    if (e->only_mnt != NULL) /* no incident counted */
        k = end;
    else if (e->only_inc != NULL) { /* only its own refs, found at once */
        k = first_from(&e->inc, k, end, e->only_lo);
        last = e->only_hi;
    }
    for (; k < end && e->inc.refs[k].lo < w.end && e->inc.refs[k].lo <= last;
         k++) {
        const ref *r = &e->inc.refs[k];

        if (r->hi <= w.start)
            continue;
        if (r->limited || !counts_all(e)) {
            const aft_incident *inc = &ds->incidents[r->rec];
            if ((!counts_all(e) && e->only_inc != inc)
                || restricted_out(inc->clients, inc->n_clients, c->id))
                continue;
        }
        if (push_outage(s, (aft_outage){r->lo, r->hi, (aft_level)r->level}) < 0)
            return -1;
    }
    for (k = first_touching(&e->mnt, si, w.start);
         k < e->mnt.start[si + 1] && e->mnt.refs[k].lo < w.end; k++) {
        const aft_maintenance *m = &ds->maintenances[e->mnt.refs[k].rec];
        aft_interval x;
        aft_outage o[2];
        size_t n, j;

        if (restricted_out(m->clients, m->n_clients, c->id)
            || !aft_engine_maintenance_split(m, c->notice_days, &x, o, &n))
            continue;
        if (x.end > x.start && aft_ivlist_push(&s->excluded, x.start, x.end))
            return -1;
        if (!counts_all(e) && e->only_mnt != m)
            continue; /* its exclusions still count, its outages not */
        for (j = 0; j < n; j++) {
            if (o[j].end > e->as_of)
                o[j].end = e->as_of;
            if (push_outage(s, o[j]) < 0)
                return -1;
        }
    }
    return 0;
}

/* Measured time of client c over window w: service hours less holidays. */
static int
client_measured(aft_ivlist *out, const aft_client *c, const aft_tz *tz,
                aft_interval w, aft_error *err)
{
    aft_hours_range *r = NULL;
    size_t i;
    int rc = AFT_OK;

    out->n = 0;
    if (c->n_service_hours > 0
        && (r = calloc(c->n_service_hours, sizeof *r)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < c->n_service_hours && rc == AFT_OK; i++)
        if ((rc = aft_hours_parse(&r[i], c->service_hours[i], err)) < 0)
            aft_error_set(err, rc, "client '%s': invalid service hours '%s'",
                          c->id, c->service_hours[i]);
    if (rc == AFT_OK)
        rc = aft_hours_measured(out, r, c->n_service_hours, c->holidays,
                                c->n_holidays, tz, w, err);
    free(r);
    return rc;
}

static int
push_row(aft_avail_row **rows, size_t *n, size_t *cap, aft_avail_row row)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        aft_avail_row *v = realloc(*rows, nc * sizeof *v);
        if (v == NULL)
            return -1;
        *rows = v;
        *cap = nc;
    }
    (*rows)[(*n)++] = row;
    return 0;
}

/* Whether the one record counted (aft_engine_only_*()) names this
 * service. */
static int
only_touches(const engine *e, const char *service_id)
{
    size_t j;

    if (e->only_inc != NULL) {
        for (j = 0; j < e->only_inc->n_impacts; j++)
            if (strcmp(e->only_inc->impacts[j].service_id, service_id) == 0)
                return 1;
        return 0;
    }
    for (j = 0; j < e->only_mnt->n_services; j++)
        if (strcmp(e->only_mnt->services[j], service_id) == 0)
            return 1;
    return 0;
}

/* Whether client c's figures of service si over window w are those of
 * any client with the same terms: every record counts, around the clock,
 * subscribed all along, and no record of the service limited to some
 * clients. */
static int
shareable(const engine *e, const aft_client *c, long si, aft_interval w,
          int64_t from, int64_t until)
{
    return si >= 0 && counts_all(e) && c->n_service_hours == 0
           && c->n_holidays == 0 && from <= w.start && until >= w.end
           && !e->inc.limited[si] && !e->mnt.limited[si];
}

/* The measured figures of subscription sub over row->window (*used 0:
 * not subscribed in the period, or nothing of its own to count). */
static int
service_row(engine *e, const aft_client *c, const aft_tz *tz,
            const aft_subscription *sub, aft_interval period,
            aft_avail_row *row, int *used, aft_error *err)
{
    scratch *s = &e->s;
    const double weights[4] = {0, c->degraded_weight, c->partial_weight, 1.0};
    int64_t from = local_midnight(tz, sub->from_day, INT64_MIN);
    int64_t until = local_midnight(tz, sub->until_day, INT64_MAX);
    long si = service_index(e->ds, sub->service_id);
    aft_interval w = row->window;
    memo_key key = {si,
                    w.start,
                    w.end,
                    c->notice_days,
                    c->partial_weight,
                    c->degraded_weight};
    int share = shareable(e, c, si, w, from, until);
    const aft_sla_result *hit = share ? memo_get(&e->memo, &key) : NULL;
    int rc;

    *used = !(from >= period.end || until <= period.start)
            && (counts_all(e) || only_touches(e, sub->service_id));
    if (!*used || hit != NULL) {
        if (hit != NULL)
            row->r = *hit;
        return AFT_OK;
    }
    s->ws.n = 0;
    if (aft_ivlist_reserve(&s->ws, s->measured.n) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (s->measured.n > 0)
        memcpy(s->ws.v, s->measured.v, s->measured.n * sizeof *s->ws.v);
    s->ws.n = aft_iv_clip(s->ws.v, s->measured.n, from, until);
    s->n_outages = s->excluded.n = 0;
    if (si >= 0 && collect(e, s, c, si, w) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if ((rc = aft_sla_measure(&row->r, s->ws.v, s->ws.n, s->excluded.v,
                              s->excluded.n, s->outages, s->n_outages, weights,
                              err))
        < 0)
        return rc;
    if (share && memo_put(&e->memo, &key, &row->r) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    return AFT_OK;
}

static int
client_rows(engine *e, size_t ci, const aft_period *p, aft_avail_row **rows,
            size_t *n, size_t *cap, aft_error *err)
{
    scratch *s = &e->s;
    const aft_client *c = &e->ds->clients[ci];
    const aft_tz *tz = client_zone(e, ci, err);
    aft_avail_row total = {0};
    aft_interval period, w;
    size_t i;
    int rc;

    if (tz == NULL)
        return AFT_EINVALID;
    aft_period_window(&period, &w, p, tz, e->as_of);
    if ((rc = client_measured(&s->measured, c, tz, w, err)) < 0)
        return rc;
    total.client_id = c->id;
    total.window = w;
    for (i = 0; i < c->n_subs; i++) {
        const aft_subscription *sub = &c->subs[i];
        aft_avail_row row = {c->id, sub->service_id, w, {0}};
        int used;

        if ((rc = service_row(e, c, tz, sub, period, &row, &used, err)) < 0)
            return rc;
        if (!used)
            continue;
        aft_sla_judge(&row.r,
                      isnan(sub->sla_target) ? c->sla_target : sub->sla_target,
                      c->credits, c->n_credits);
        aft_sla_add(&total.r, &row.r);
        if (push_row(rows, n, cap, row) < 0)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    aft_sla_judge(&total.r, c->sla_target, c->credits, c->n_credits);
    if (push_row(rows, n, cap, total) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    return AFT_OK;
}

int
aft_engine_client(aft_engine *e, size_t ci, const aft_period *p,
                  aft_avail_row **out, size_t *n_out, aft_error *err)
{
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n_out = 0;
    if ((rc = client_rows(e, ci, p, out, n_out, &cap, err)) < 0) {
        free(*out);
        *out = NULL;
        *n_out = 0;
    }
    return rc;
}

int
aft_engine_availability(aft_avail_row **out, size_t *n_out,
                        const aft_dataset *ds, const aft_period *p,
                        int64_t as_of, aft_error *err)
{
    aft_avail_row *rows = NULL;
    size_t n = 0, cap = 0, ci;
    engine *e;
    int rc;

    *out = NULL;
    *n_out = 0;
    if ((rc = aft_engine_new(&e, ds, as_of, err)) < 0)
        return rc;
    for (ci = 0; ci < ds->n_clients && rc == AFT_OK; ci++)
        rc = client_rows(e, ci, p, &rows, &n, &cap, err);
    aft_engine_free(e);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    *out = rows;
    *n_out = n;
    return AFT_OK;
}

/* The subscription of c to service id in force at instant t, or NULL. */
static const aft_subscription *
sub_in_force(const aft_client *c, const aft_tz *tz, const char *service_id,
             int64_t t)
{
    size_t i;

    for (i = 0; i < c->n_subs; i++) {
        const aft_subscription *s = &c->subs[i];
        if (strcmp(s->service_id, service_id) == 0
            && local_midnight(tz, s->from_day, INT64_MIN) <= t
            && t < local_midnight(tz, s->until_day, INT64_MAX))
            return s;
    }
    return NULL;
}

static int
incident_counts(const aft_incident *inc, const aft_client *c, const aft_tz *tz)
{
    size_t j;

    if (restricted_out(inc->clients, inc->n_clients, c->id))
        return 0;
    for (j = 0; j < inc->n_impacts; j++)
        if (sub_in_force(c, tz, inc->impacts[j].service_id, inc->started_at))
            return 1;
    return 0;
}

static int
maintenance_counts(const aft_maintenance *m, const aft_client *c,
                   const aft_tz *tz)
{
    size_t j;

    if (m->status == AFT_MAINT_CANCELLED
        || restricted_out(m->clients, m->n_clients, c->id))
        return 0;
    for (j = 0; j < m->n_services; j++)
        if (sub_in_force(c, tz, m->services[j], m->scheduled_start))
            return 1;
    return 0;
}

/* A subscription with its service index and its days as instants. */
typedef struct sub_span {
    long si;
    int64_t from, until;
} sub_span;

/* The subscriptions of c, resolved once into e->subs. -1 if out of
 * memory. */
static int
resolve_subs(engine *e, const aft_client *c, const aft_tz *tz)
{
    sub_span *v = realloc(e->subs, (c->n_subs + 1) * sizeof *v);
    size_t i;

    if (v == NULL)
        return -1;
    e->subs = v;
    for (i = 0; i < c->n_subs; i++) {
        v[i].si = service_index(e->ds, c->subs[i].service_id);
        v[i].from = local_midnight(tz, c->subs[i].from_day, INT64_MIN);
        v[i].until = local_midnight(tz, c->subs[i].until_day, INT64_MAX);
    }
    return 0;
}

/* incident_counts() for incident i of the dataset, with c's resolved
 * subscriptions: integers compared where both services are known. */
static int
incident_counts_fast(const engine *e, size_t i, const aft_client *c,
                     const aft_tz *tz)
{
    const aft_incident *inc = &e->ds->incidents[i];
    int64_t t = inc->started_at;
    size_t j, k;

    if (restricted_out(inc->clients, inc->n_clients, c->id))
        return 0;
    for (j = e->inc.first[i]; j < e->inc.first[i + 1]; j++) {
        long si = e->inc.si[j];
        if (si < 0) {
            if (sub_in_force(c, tz,
                             inc->impacts[j - e->inc.first[i]].service_id, t))
                return 1;
            continue;
        }
        for (k = 0; k < c->n_subs; k++)
            if (e->subs[k].si == si && e->subs[k].from <= t
                && t < e->subs[k].until)
                return 1;
    }
    return 0;
}

/* Room around a period in e->cand: the same month in every time zone. */
#define CAND_MARGIN ((int64_t)3 * 24 * 60 * 60)

/* Bounds of e->cand joined with those of a period overlapping them when
 * both fit in this: a month and the one before, as a monthly report
 * asks for each client, share one list. */
#define CAND_JOINED ((int64_t)70 * 24 * 60 * 60)

/* Make e->cand hold every incident that started in period (and some
 * around it), in the dataset's order; kept while the periods asked fall
 * inside its bounds, as one month for every client does. -1 if out of
 * memory. */
static int
candidates(engine *e, aft_interval period)
{
    const aft_dataset *ds = e->ds;
    int64_t lo, hi;
    size_t i;

    if (e->cand != NULL && period.start >= e->cand_lo
        && period.end <= e->cand_hi)
        return 0;
    if (e->cand == NULL
        && (e->cand = malloc((ds->n_incidents + 1) * sizeof *e->cand)) == NULL)
        return -1;
    lo = period.start > INT64_MIN + CAND_MARGIN ? period.start - CAND_MARGIN
                                                : INT64_MIN;
    hi = period.end < INT64_MAX - CAND_MARGIN ? period.end + CAND_MARGIN
                                              : INT64_MAX;
    if (e->n_cand > 0 && lo < e->cand_hi && hi > e->cand_lo) {
        int64_t jlo = lo < e->cand_lo ? lo : e->cand_lo;
        int64_t jhi = hi > e->cand_hi ? hi : e->cand_hi;
        if (jhi > INT64_MIN + CAND_JOINED && jlo >= jhi - CAND_JOINED)
            lo = jlo, hi = jhi;
    }
    e->cand_lo = lo;
    e->cand_hi = hi;
    e->n_cand = 0;
    for (i = 0; i < ds->n_incidents; i++) {
        int64_t t = ds->incidents[i].started_at;
        if (t >= e->cand_lo && t < e->cand_hi)
            e->cand[e->n_cand++] = i;
    }
    return 0;
}

int
aft_engine_client_metrics(aft_engine *e, size_t ci, const aft_period *p,
                          aft_metrics *out, aft_error *err)
{
    const aft_incident **sel = e->sel;
    const aft_dataset *ds = e->ds;
    const aft_client *c = &ds->clients[ci];
    const aft_tz *tz = client_zone(e, ci, err);
    aft_interval period, w;
    size_t i, k, n = 0;
    int rc;

    if (tz == NULL)
        return AFT_EINVALID;
    aft_period_window(&period, &w, p, tz, e->as_of);
    if (resolve_subs(e, c, tz) < 0 || candidates(e, period) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (k = 0; k < e->n_cand; k++) {
        const aft_incident *inc = &ds->incidents[i = e->cand[k]];
        if (inc->started_at >= period.start && inc->started_at < period.end
            && inc->started_at < e->as_of && incident_counts_fast(e, i, c, tz))
            sel[n++] = inc;
    }
    if ((rc = aft_metrics_compute(out, sel, n, e->as_of,
                                  c->update_interval_minutes, err))
        < 0)
        return rc;
    for (i = 0; i < ds->n_maintenances; i++) {
        const aft_maintenance *m = &ds->maintenances[i];
        if (m->scheduled_start < period.start
            || m->scheduled_start >= period.end
            || !maintenance_counts(m, c, tz))
            continue;
        out->maintenances++;
        out->maintenances_announced +=
            (size_t)aft_maintenance_announced(m, c->notice_days);
    }
    return AFT_OK;
}

int
aft_engine_metrics(aft_metrics_row **out, size_t *n_out, const aft_dataset *ds,
                   const aft_period *p, int64_t as_of, aft_error *err)
{
    aft_metrics_row *rows;
    size_t ci;
    engine *e;
    int rc;

    *out = NULL;
    *n_out = 0;
    if ((rc = aft_engine_new(&e, ds, as_of, err)) < 0)
        return rc;
    if ((rows = calloc(ds->n_clients + 1, sizeof *rows)) == NULL)
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (ci = 0; ci < ds->n_clients && rc == AFT_OK; ci++) {
        rows[ci].client_id = ds->clients[ci].id;
        rc = aft_engine_client_metrics(e, ci, p, &rows[ci].m, err);
    }
    aft_engine_free(e);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    *out = rows;
    *n_out = ds->n_clients;
    return AFT_OK;
}

int
aft_engine_incident_counts(aft_engine *e, size_t ci, const aft_incident *inc)
{
    const aft_tz *tz = client_zone(e, ci, NULL);

    return tz != NULL && incident_counts(inc, &e->ds->clients[ci], tz);
}

int
aft_engine_maintenance_counts(aft_engine *e, size_t ci,
                              const aft_maintenance *m)
{
    const aft_tz *tz = client_zone(e, ci, NULL);

    return tz != NULL && maintenance_counts(m, &e->ds->clients[ci], tz);
}

const aft_dataset *
aft_engine_dataset(const aft_engine *e)
{
    return e->ds;
}

int
aft_engine_client_total(aft_sla_result *out, aft_engine *e, size_t ci,
                        const aft_period *p, aft_error *err)
{
    aft_avail_row *rows;
    size_t n;
    int rc = aft_engine_client(e, ci, p, &rows, &n, err);

    if (rc == AFT_OK)
        *out = rows[n - 1].r;
    free(rows);
    return rc;
}

/* ---- what each incident alone cost a client ---- */

/* One outage of one incident on the service at hand; seq is the order
 * it was found in, so that sorting by incident is stable. */
typedef struct inc_outage {
    uint32_t rec, seq;
    aft_outage o;
} inc_outage;

/* What one incident cost through one subscription (seq: in order). */
typedef struct cost_part {
    size_t rec, seq;
    aft_sla_result r;
} cost_part;

/* The growable arrays of one aft_engine_incident_costs() call. */
typedef struct cost_work {
    aft_ivlist ws, x, m;
    inc_outage *outs;
    size_t n_outs, cap_outs;
    aft_outage *grp;
    size_t cap_grp;
    cost_part *parts;
    size_t n_parts, cap_parts;
} cost_work;

/* Room for n members of size bytes in *v. -1 if out of memory. */
static int
grow(void *v, size_t *cap, size_t n, size_t size)
{
    void **pv = v, *nv;
    size_t nc = *cap ? *cap : 64;

    if (n <= *cap)
        return 0;
    while (nc < n)
        nc *= 2;
    if ((nv = realloc(*pv, nc * size)) == NULL)
        return -1;
    *pv = nv;
    *cap = nc;
    return 0;
}

static void
cost_work_free(cost_work *k)
{
    aft_ivlist_free(&k->ws);
    aft_ivlist_free(&k->x);
    aft_ivlist_free(&k->m);
    free(k->outs);
    free(k->grp);
    free(k->parts);
}

static int
cmp_inc_outage(const void *a, const void *b)
{
    const inc_outage *x = a, *y = b;

    if (x->rec != y->rec)
        return x->rec < y->rec ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static int
cmp_cost_part(const void *a, const void *b)
{
    const cost_part *x = a, *y = b;

    if (x->rec != y->rec)
        return x->rec < y->rec ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The excluded time of client c on service si within w, as collect()
 * finds it, into x (a list). -1 if out of memory. */
static int
collect_excluded(engine *e, aft_ivlist *x, const aft_client *c, long si,
                 aft_interval w)
{
    size_t k;

    x->n = 0;
    for (k = first_touching(&e->mnt, si, w.start);
         k < e->mnt.start[si + 1] && e->mnt.refs[k].lo < w.end; k++) {
        const aft_maintenance *m = &e->ds->maintenances[e->mnt.refs[k].rec];
        aft_interval xi;
        aft_outage o[2];
        size_t n;

        if (restricted_out(m->clients, m->n_clients, c->id)
            || !aft_engine_maintenance_split(m, c->notice_days, &xi, o, &n))
            continue;
        if (xi.end > xi.start && aft_ivlist_push(x, xi.start, xi.end) < 0)
            return -1;
    }
    return 0;
}

/* The outages of every incident on service si that count for c within
 * w, as collect() finds them, sorted by incident. -1 if out of memory. */
static int
collect_incidents(engine *e, cost_work *k, const aft_client *c, long si,
                  aft_interval w)
{
    size_t j;

    k->n_outs = 0;
    for (j = first_touching(&e->inc, si, w.start);
         j < e->inc.start[si + 1] && e->inc.refs[j].lo < w.end; j++) {
        const ref *f = &e->inc.refs[j];
        const aft_incident *inc = &e->ds->incidents[f->rec];

        if (f->lo >= w.end || f->hi <= w.start
            || restricted_out(inc->clients, inc->n_clients, c->id))
            continue;
        if (grow(&k->outs, &k->cap_outs, k->n_outs + 1, sizeof *k->outs) < 0)
            return -1;
        k->outs[k->n_outs] = (inc_outage){
            f->rec,
            (uint32_t)k->n_outs,
            {f->lo, f->hi, inc->impacts[f->sub].level}};
        k->n_outs++;
    }
    if (k->n_outs > 1)
        qsort(k->outs, k->n_outs, sizeof *k->outs, cmp_inc_outage);
    return 0;
}

/* Figures of one outage over counted time m (a set), as aft_sla_measure()
 * computes them: its seconds in m, at its level's weight. */
static void
one_outage(aft_sla_result *r, const aft_interval *m, size_t nm, aft_outage o,
           const double weights[4])
{
    int64_t secs = 0;
    double w = 0;
    size_t i;

    memset(r, 0, sizeof *r);
    if (o.level < AFT_LEVEL_DEGRADED || o.level > AFT_LEVEL_MAJOR)
        return;
    for (i = 0; i < nm; i++) {
        int64_t lo = m[i].start > o.start ? m[i].start : o.start;
        int64_t hi = m[i].end < o.end ? m[i].end : o.end;
        if (lo < hi)
            secs += hi - lo;
    }
    if (weights[o.level] > w)
        w = weights[o.level];
    if (o.level == AFT_LEVEL_MAJOR)
        r->major_s = secs;
    else if (o.level == AFT_LEVEL_PARTIAL)
        r->partial_s = secs;
    else
        r->degraded_s = secs;
    r->downtime_s = (double)secs * w;
}

/* Figures of one incident's n outages (k->outs from i) over counted time
 * k->m: the part of m they can touch is enough. */
static int
group_cost(aft_sla_result *r, cost_work *k, size_t i, size_t n,
           const double weights[4], aft_error *err)
{
    const aft_interval *m = k->m.v;
    int64_t lo = k->outs[i].o.start, hi = k->outs[i].o.end;
    size_t a = 0, b = k->m.n, j;

    for (j = i; j < i + n; j++) {
        lo = k->outs[j].o.start < lo ? k->outs[j].o.start : lo;
        hi = k->outs[j].o.end > hi ? k->outs[j].o.end : hi;
    }
    while (a < b) { /* first interval of m ending after lo */
        size_t mid = a + (b - a) / 2;
        if (m[mid].end <= lo)
            a = mid + 1;
        else
            b = mid;
    }
    for (b = a; b < k->m.n && m[b].start < hi; b++)
        ;
    if (n == 1) {
        one_outage(r, m + a, b - a, k->outs[i].o, weights);
        return AFT_OK;
    }
    if (grow(&k->grp, &k->cap_grp, n, sizeof *k->grp) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (j = 0; j < n; j++)
        k->grp[j] = k->outs[i + j].o;
    return aft_sla_measure(r, m + a, b - a, NULL, 0, k->grp, n, weights, err);
}

/* Counted time of one subscription: ws less the excluded time, as
 * aft_sla_measure() takes it, into k->m. -1 if out of memory. */
static int
counted_time(cost_work *k)
{
    size_t nx = k->x.n;

    nx = aft_iv_normalize(k->x.v, nx);
    k->m.n = 0;
    if (aft_ivlist_reserve(&k->m, k->ws.n + nx) < 0)
        return -1;
    k->m.n = aft_iv_subtract(k->m.v, k->ws.v, k->ws.n, k->x.v, nx);
    return 0;
}

/* Each incident's cost through subscription (c, si) over window w, with
 * counted time k->ws, appended to k->parts. */
static int
sub_costs(engine *e, cost_work *k, const aft_client *c, long si, aft_interval w,
          const double weights[4], aft_error *err)
{
    size_t i, n;
    int rc;

    if (collect_excluded(e, &k->x, c, si, w) < 0 || counted_time(k) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (k->m.n == 0)
        return AFT_OK; /* no counted time: nothing can cost any */
    if (collect_incidents(e, k, c, si, w) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < k->n_outs; i += n) {
        cost_part part = {k->outs[i].rec, k->n_parts, {0}};

        for (n = 1; i + n < k->n_outs && k->outs[i + n].rec == part.rec; n++)
            ;
        if ((rc = group_cost(&part.r, k, i, n, weights, err)) < 0)
            return rc;
        if (part.r.major_s == 0 && part.r.partial_s == 0
            && part.r.degraded_s == 0)
            continue;
        if (grow(&k->parts, &k->cap_parts, k->n_parts + 1, sizeof *k->parts)
            < 0)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        k->parts[k->n_parts++] = part;
    }
    return AFT_OK;
}

/* Each incident's cost through every subscription of client ci that
 * overlaps p, in subscription order, into k->parts. */
static int
client_costs(engine *e, cost_work *k, size_t ci, const aft_period *p,
             aft_error *err)
{
    scratch *s = &e->s;
    const aft_client *c = &e->ds->clients[ci];
    const aft_tz *tz = client_zone(e, ci, err);
    const double weights[4] = {0, c->degraded_weight, c->partial_weight, 1.0};
    aft_interval period, w;
    size_t i;
    int rc;

    if (tz == NULL)
        return AFT_EINVALID;
    aft_period_window(&period, &w, p, tz, e->as_of);
    if ((rc = client_measured(&s->measured, c, tz, w, err)) < 0)
        return rc;
    for (i = 0; i < c->n_subs; i++) {
        const aft_subscription *sub = &c->subs[i];
        int64_t from = local_midnight(tz, sub->from_day, INT64_MIN);
        int64_t until = local_midnight(tz, sub->until_day, INT64_MAX);
        long si = service_index(e->ds, sub->service_id);

        if (from >= period.end || until <= period.start || si < 0)
            continue;
        k->ws.n = 0;
        if (aft_ivlist_reserve(&k->ws, s->measured.n) < 0)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        if (s->measured.n > 0)
            memcpy(k->ws.v, s->measured.v, s->measured.n * sizeof *k->ws.v);
        k->ws.n = aft_iv_clip(k->ws.v, s->measured.n, from, until);
        if ((rc = sub_costs(e, k, c, si, w, weights, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

/* One entry per incident: its parts summed in subscription order, as
 * aft_sla_add() sums a client's rows. */
static size_t
sum_parts(aft_incident_cost *out, cost_part *parts, size_t n)
{
    size_t i, k = 0;

    qsort(parts, n, sizeof *parts, cmp_cost_part);
    for (i = 0; i < n;) {
        aft_sla_result sum = {0};
        size_t rec = parts[i].rec;

        for (; i < n && parts[i].rec == rec; i++)
            aft_sla_add(&sum, &parts[i].r);
        out[k++] = (aft_incident_cost){rec, sum.downtime_s, sum.major_s,
                                       sum.partial_s, sum.degraded_s};
    }
    return k;
}

int
aft_engine_incident_costs(aft_engine *e, size_t ci, const aft_period *p,
                          aft_incident_cost **out, size_t *n_out,
                          aft_error *err)
{
    cost_work k = {0};
    int rc;

    *out = NULL;
    *n_out = 0;
    rc = client_costs(e, &k, ci, p, err);
    if (rc == AFT_OK && k.n_parts > 0
        && (*out = malloc(k.n_parts * sizeof **out)) == NULL)
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (rc == AFT_OK && k.n_parts > 0)
        *n_out = sum_parts(*out, k.parts, k.n_parts);
    cost_work_free(&k);
    return rc;
}
