/*
 * sla.c - eligible time, weighted downtime, budget and credits.
 *
 * Downtime (docs/accounting.md §4.3) is a sweep over three interval
 * sets, one per impact level, each already clipped to the counted time:
 * between consecutive boundaries the set of active levels is known, so
 * the time of each combination of levels is summed as integer seconds
 * first and weighted once at the end. Overlapping outages therefore never
 * count twice, and rounding happens only in the final multiplication.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/sla.h"
#include "base/error.h"

/* Sets of each level, clipped to the counted time M. */
static int
level_sets(aft_ivlist sets[4], const aft_interval *m, size_t nm,
           const aft_outage *o, size_t no)
{
    aft_ivlist raw = {0};
    int lvl, rc = 0;
    size_t i;

    for (lvl = 1; lvl <= 3 && rc == 0; lvl++) {
        raw.n = 0;
        for (i = 0; i < no && rc == 0; i++)
            if ((int)o[i].level == lvl)
                rc = aft_ivlist_push(&raw, o[i].start, o[i].end);
        if (rc < 0)
            break;
        raw.n = aft_iv_normalize(raw.v, raw.n);
        if (aft_ivlist_reserve(&sets[lvl], raw.n + nm) < 0) {
            rc = -1;
            break;
        }
        sets[lvl].n = aft_iv_intersect(sets[lvl].v, raw.v, raw.n, m, nm);
    }
    aft_ivlist_free(&raw);
    return rc;
}

/* Next boundary after t among the three sets' current positions. */
static int64_t
next_edge(aft_ivlist sets[4], size_t pos[4], int64_t t)
{
    int64_t best = INT64_MAX;
    int l;

    for (l = 1; l <= 3; l++) {
        if (pos[l] >= sets[l].n)
            continue;
        aft_interval iv = sets[l].v[pos[l]];
        int64_t e = iv.start > t ? iv.start : iv.end;
        if (e < best)
            best = e;
    }
    return best;
}

static void
sweep(int64_t combo[8], aft_ivlist sets[4])
{
    size_t pos[4] = {0, 0, 0, 0};
    int64_t t = INT64_MIN, next;
    int l;

    while ((next = next_edge(sets, pos, t)) != INT64_MAX) {
        int mask = 0;
        for (l = 1; l <= 3; l++)
            if (pos[l] < sets[l].n && sets[l].v[pos[l]].start <= t
                && t < sets[l].v[pos[l]].end)
                mask |= 1 << (l - 1);
        if (t != INT64_MIN)
            combo[mask] += next - t;
        t = next;
        for (l = 1; l <= 3; l++)
            if (pos[l] < sets[l].n && sets[l].v[pos[l]].end <= t)
                pos[l]++;
    }
}

int
aft_sla_measure(aft_sla_result *out, const aft_interval *measured,
                size_t n_measured, const aft_interval *excluded,
                size_t n_excluded, const aft_outage *outages, size_t n_outages,
                const double weights[4], aft_error *err)
{
    aft_ivlist x = {0}, m = {0}, sets[4] = {{0}};
    int64_t combo[8] = {0};
    int rc = AFT_ENOMEM, mask, l;
    size_t i;

    memset(out, 0, sizeof *out);
    if (aft_ivlist_reserve(&x, n_excluded + n_measured) < 0)
        goto done;
    if (n_excluded > 0)
        memcpy(x.v, excluded, n_excluded * sizeof *excluded);
    x.n = aft_iv_normalize(x.v, n_excluded);
    /* X within the measured time, then M = W_s \ X. */
    if (aft_ivlist_reserve(&m, n_measured + x.n) < 0)
        goto done;
    m.n = aft_iv_intersect(m.v, x.v, x.n, measured, n_measured);
    out->excluded_s = aft_iv_total(m.v, m.n);
    out->eligible_s = aft_iv_total(measured, n_measured) - out->excluded_s;
    m.n = aft_iv_subtract(m.v, measured, n_measured, x.v, x.n);
    if (level_sets(sets, m.v, m.n, outages, n_outages) < 0)
        goto done;
    sweep(combo, sets);
    for (mask = 1; mask < 8; mask++) {
        double w = 0;
        int top = 0;
        for (l = 1; l <= 3; l++)
            if (mask & (1 << (l - 1))) {
                top = l;
                if (weights[l] > w)
                    w = weights[l];
            }
        if (top == AFT_LEVEL_MAJOR)
            out->major_s += combo[mask];
        else if (top == AFT_LEVEL_PARTIAL)
            out->partial_s += combo[mask];
        else
            out->degraded_s += combo[mask];
        out->downtime_s += (double)combo[mask] * w;
    }
    rc = AFT_OK;
done:
    aft_ivlist_free(&x);
    aft_ivlist_free(&m);
    for (i = 0; i < 4; i++)
        aft_ivlist_free(&sets[i]);
    if (rc < 0)
        aft_error_set(err, rc, "out of memory measuring downtime");
    return rc;
}

void
aft_sla_judge(aft_sla_result *r, double target, const aft_credit_tier *tiers,
              size_t n_tiers)
{
    /* Targets are taken to a millionth of a percent, so that a budget of
     * 0.1 % of E comes out as the decimal a person computes by hand. */
    double scaled = (double)llround((100.0 - target) * 1e6);
    size_t i;

    r->target = target;
    r->budget_s = (double)r->eligible_s * scaled / 1e8;
    r->budget_remaining_s =
        ((double)r->eligible_s * scaled - r->downtime_s * 1e8) / 1e8;
    r->credit_percent = 0;
    r->has_availability = r->eligible_s > 0;
    if (!r->has_availability) {
        r->availability = 0;
        r->met = 0;
        return;
    }
    r->availability = 100.0 - 100.0 * r->downtime_s / (double)r->eligible_s;
    r->met = r->availability >= target;
    for (i = 0; i < n_tiers; i++)
        if (r->availability < tiers[i].below
            && tiers[i].credit > r->credit_percent)
            r->credit_percent = tiers[i].credit;
}

void
aft_sla_add(aft_sla_result *a, const aft_sla_result *b)
{
    a->eligible_s += b->eligible_s;
    a->excluded_s += b->excluded_s;
    a->downtime_s += b->downtime_s;
    a->major_s += b->major_s;
    a->partial_s += b->partial_s;
    a->degraded_s += b->degraded_s;
}
