/*
 * metrics.c - MTTD, MTTA, MTTR with percentiles, and how well a client was
 * kept informed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/metrics.h"
#include "base/error.h"

int64_t
aft_incident_end(const aft_incident *inc, int64_t as_of)
{
    if (inc->resolved_at == AFT_TIME_NONE || inc->resolved_at > as_of)
        return as_of;
    return inc->resolved_at;
}

int64_t
aft_incident_silence(const aft_incident *inc, int64_t as_of)
{
    int64_t end = aft_incident_end(inc, as_of), *pts, best;
    size_t i, n = 0;

    /* The updates need not be in order: sort their instants. Small
     * arrays; fall back to the whole span if memory is short. */
    if ((pts = malloc((inc->n_updates + 2) * sizeof *pts)) == NULL)
        return end - inc->started_at;
    pts[n++] = inc->started_at;
    for (i = 0; i < inc->n_updates; i++)
        if (inc->updates[i].at >= inc->started_at && inc->updates[i].at <= end)
            pts[n++] = inc->updates[i].at;
    pts[n++] = end;
    for (i = 1; i < n; i++) { /* insertion sort: n is small */
        int64_t v = pts[i];
        size_t j = i;
        while (j > 0 && pts[j - 1] > v) {
            pts[j] = pts[j - 1];
            j--;
        }
        pts[j] = v;
    }
    best = 0;
    for (i = 1; i < n; i++)
        if (pts[i] - pts[i - 1] > best)
            best = pts[i] - pts[i - 1];
    free(pts);
    return best;
}

int64_t
aft_incident_first_update(const aft_incident *inc, int64_t as_of)
{
    int64_t first = AFT_TIME_NONE;
    size_t i;

    for (i = 0; i < inc->n_updates; i++)
        if (inc->updates[i].at <= as_of
            && (first == AFT_TIME_NONE || inc->updates[i].at < first))
            first = inc->updates[i].at;
    return first == AFT_TIME_NONE ? AFT_TIME_NONE : first - inc->started_at;
}

/* Where the p-th percentile of n sorted values is (nearest rank). */
static size_t
pct_index(size_t n, double p)
{
    size_t rank = (size_t)ceil(p / 100.0 * (double)n);

    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return rank - 1;
}

int64_t
aft_percentile(const int64_t *sorted, size_t n, double p)
{
    return sorted[pct_index(n, p)];
}

static int
cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int64_t
median3(int64_t a, int64_t b, int64_t c)
{
    if (a > b) {
        int64_t t = a;
        a = b;
        b = t;
    }
    return c < a ? a : c > b ? b : c;
}

/* Put at v[k] what sorting v[0, n) would, the smaller values before it
 * and the larger after (quickselect: median of three, three-way
 * partition; after 64 rounds the rest is sorted, so no input makes it
 * quadratic). Two percentiles need no full sort. */
static void
select_kth(int64_t *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    int rounds = 0;

    while (hi - lo > 1) {
        int64_t pv = median3(v[lo], v[lo + (hi - lo) / 2], v[hi - 1]), t;
        size_t lt = lo, i = lo, gt = hi;

        if (++rounds > 64) {
            qsort(v + lo, hi - lo, sizeof *v, cmp_i64);
            return;
        }
        while (i < gt) { /* [lo, lt) < pv, [lt, i) == pv, [gt, hi) > pv */
            if (v[i] < pv)
                t = v[lt], v[lt++] = v[i], v[i++] = t;
            else if (v[i] > pv)
                t = v[--gt], v[gt] = v[i], v[i] = t;
            else
                i++;
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return;
    }
}

int
aft_metrics_compute(aft_metrics *out, const aft_incident *const *incs, size_t n,
                    int64_t as_of, int update_interval_minutes, aft_error *err)
{
    int64_t *ttr = NULL;
    double sd = 0, sa = 0, sr = 0, sf = 0;
    size_t nd = 0, na = 0, nr = 0, nf = 0, i;

    memset(out, 0, sizeof *out);
    if (n > 0 && (ttr = malloc(n * sizeof *ttr)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory in metrics");
    for (i = 0; i < n; i++) {
        const aft_incident *inc = incs[i];
        int64_t fu;

        out->incidents++;
        out->by_severity[inc->severity]++;
        if (inc->detected_at != AFT_TIME_NONE && inc->detected_at <= as_of) {
            sd += (double)(inc->detected_at - inc->started_at);
            nd++;
            if (inc->acknowledged_at != AFT_TIME_NONE
                && inc->acknowledged_at <= as_of) {
                sa += (double)(inc->acknowledged_at - inc->detected_at);
                na++;
            }
        }
        if (inc->resolved_at != AFT_TIME_NONE && inc->resolved_at <= as_of) {
            ttr[nr] = inc->resolved_at - inc->started_at;
            sr += (double)ttr[nr++];
        }
        if ((fu = aft_incident_first_update(inc, as_of)) != AFT_TIME_NONE) {
            sf += (double)fu;
            nf++;
        }
        if (aft_incident_silence(inc, as_of)
            > (int64_t)update_interval_minutes * 60)
            out->update_breaches++;
    }
    if ((out->has_mttd = nd > 0))
        out->mttd_s = sd / (double)nd;
    if ((out->has_mtta = na > 0))
        out->mtta_s = sa / (double)na;
    if ((out->has_first_update = nf > 0))
        out->mean_first_update_s = sf / (double)nf;
    if ((out->has_mttr = nr > 0)) {
        out->mttr_s = sr / (double)nr;
        size_t i50 = pct_index(nr, 50), i90 = pct_index(nr, 90);
        select_kth(ttr, nr, i90);
        select_kth(ttr, i90, i50); /* what precedes v[i90] is no larger */
        out->mttr_p50_s = aft_percentile(ttr, nr, 50);
        out->mttr_p90_s = aft_percentile(ttr, nr, 90);
    }
    free(ttr);
    return AFT_OK;
}

int
aft_maintenance_announced(const aft_maintenance *m, int notice_days)
{
    return m->notified_at != AFT_TIME_NONE
           && m->scheduled_start - m->notified_at
                  >= (int64_t)notice_days * AFT_DAY_SECONDS;
}
