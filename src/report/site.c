/*
 * site.c - the status-history site model of one client: daily bars per
 * service, the trend, incident history, planned maintenance and the
 * current status, every figure through the engine (accounting §3-§10).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/metrics.h"
#include "aftercast/report_site.h"
#include "base/error.h"
#include "report/client_view.h"

static const char *const DAYS[] = {"Mon", "Tue", "Wed", "Thu",
                                   "Fri", "Sat", "Sun"}; /* aft_weekday() */
static const char *const MONTHS[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

void
aft_site_range(int64_t as_of, size_t days, int64_t *lo, int64_t *hi)
{
    aft_period month, first;
    int64_t y, ahead = (int64_t)(days + 2) * AFT_DAY_SECONDS;
    unsigned m, d;
    char label[16];

    /* Two months back: the client's local month may be the one before
     * UTC's, and --with-reports writes the month before that one. */
    aft_civil_from_days(aft_day_of(as_of), &y, &m, &d);
    snprintf(label, sizeof label, "%04d-%02u", (int)y, m);
    aft_period_month(&month, label, NULL);
    aft_period_shift(&first, &month, -2);
    aft_monthly_range(&first, lo, hi);
    if (*lo > as_of - ahead)
        *lo = as_of - ahead;
    *hi = as_of + ahead;
}

/* Whether an id of n bytes ends like a file written beside the ones
 * named after ids (index.html, portfolio-2026-10.pdf, .xlsx): such an id
 * gets the hash too, so that no directory takes a file's name. */
static int
file_like(const char *id, size_t n)
{
    static const char *const EXT[] = {".html", ".pdf", ".xlsx"};
    size_t i, k;

    for (i = 0; i < sizeof EXT / sizeof *EXT; i++)
        if ((k = strlen(EXT[i])) <= n && strcmp(id + n - k, EXT[i]) == 0)
            return 1;
    return 0;
}

char *
aft_site_file_name(char *buf, size_t size, const char *id)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a, as report names files */
    size_t i, n = 0;
    int changed = 0;

    for (i = 0; id[i] != '\0'; i++) {
        unsigned char c = (unsigned char)id[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                 || (c >= '0' && c <= '9') || c == '-' || c == '_'
                 || (c == '.' && i > 0);
        h = (h ^ c) * 1099511628211u;
        changed |= !ok || i >= 100;
        if (n < 100 && n + 1 < size)
            buf[n++] = ok ? (char)c : '_';
    }
    buf[n] = '\0';
    if (i == 0 || changed || file_like(id, i))
        snprintf(buf + n, size - n, "%s~%016llx", i == 0 ? "client" : "",
                 (unsigned long long)h);
    return buf;
}

/* A bar's status: below target first (amber within twice the budget, as
 * the monthly chart), then a window, then data or none. */
static aft_day_status
judge(const aft_sla_result *r, int maint)
{
    if (r->has_availability && !r->met)
        return r->availability >= 100 - 2 * (100 - r->target)
                   ? AFT_DAY_WITHIN
                   : AFT_DAY_BREACHED;
    if (maint)
        return AFT_DAY_MAINTENANCE;
    return r->has_availability ? AFT_DAY_MET : AFT_DAY_NO_DATA;
}

/* The last n local days of the client, up to as_of's day. */
static int
make_period(aft_site *s, aft_error *err)
{
    int64_t today = aft_day_of(s->as_of + aft_tz_offset(s->tz, s->as_of));
    char from[16], to[16];

    aft_date_format(from, today - (int64_t)s->n_days + 1);
    aft_date_format(to, today + 1);
    return aft_period_range(&s->period, from, to, err);
}

/* The period's rows: a service per subscription, then the client. */
static int
build_services(aft_site *s, aft_engine *e, size_t ci, aft_error *err)
{
    aft_avail_row *rows = NULL;
    size_t n = 0, i;
    int rc;

    if ((rc = aft_engine_client(e, ci, &s->period, &rows, &n, err)) < 0)
        return rc;
    s->total = rows[n - 1].r;
    s->status = judge(&s->total, 0);
    if ((s->services = calloc(n, sizeof *s->services)) == NULL) {
        free(rows);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    for (i = 0; i + 1 < n && rc == AFT_OK; i++) {
        aft_site_service *sv = &s->services[s->n_services++];

        sv->service_id = rows[i].service_id;
        sv->name = aft_service_name(s->ds, sv->service_id);
        aft_site_file_name(sv->file, sizeof sv->file, sv->service_id);
        sv->r = rows[i].r;
        sv->status = judge(&sv->r, 0);
        if ((sv->days = calloc(s->n_days, sizeof *sv->days)) == NULL)
            rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    free(rows);
    if (rc == AFT_OK)
        rc = aft_engine_client_metrics(e, ci, &s->period, &s->metrics, err);
    return rc;
}

static int
newest_first(const void *a, const void *b)
{
    const aft_report_incident *x = a, *y = b;

    if (x->inc->started_at != y->inc->started_at)
        return x->inc->started_at > y->inc->started_at ? -1 : 1;
    return strcmp(x->inc->id, y->inc->id);
}

/* The incidents of the twelve months that count for the client or cost
 * it time, each with what it alone cost over them, newest first. */
static int
build_incidents(aft_site *s, aft_engine *e, size_t ci, aft_error *err)
{
    aft_interval span, w;
    size_t i;
    int rc = AFT_OK;

    aft_period_window(&span, &w, &s->history, s->tz, s->as_of);
    if ((s->incidents = calloc(s->ds->n_incidents + 1, sizeof *s->incidents))
        == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < s->ds->n_incidents && rc == AFT_OK; i++) {
        const aft_incident *inc = &s->ds->incidents[i];
        int here = inc->started_at >= span.start && inc->started_at < w.end
                   && aft_engine_incident_counts(e, ci, inc);
        aft_sla_result t = {0};

        if (!here && !aft_report__touches(inc, s->client, w, s->as_of))
            continue;
        aft_engine_only_incident(e, inc);
        rc = aft_engine_client_total(&t, e, ci, &s->history, err);
        aft_engine_count_all(e);
        if (rc < 0 || (!here && t.downtime_s <= 0 && t.major_s == 0))
            continue;
        aft_report__incident_fill(&s->incidents[s->n_incidents++], inc,
                                  s->client, s->ds, s->as_of, t.downtime_s);
        s->n_ongoing += s->incidents[s->n_incidents - 1].ongoing;
    }
    qsort(s->incidents, s->n_incidents, sizeof *s->incidents, newest_first);
    return rc;
}

/* Upcoming windows soonest first, then the others newest first. */
static int
cmp_maint(const void *a, const void *b, int64_t as_of)
{
    const aft_report_maint *x = a, *y = b;
    int xu = x->m->scheduled_start > as_of, yu = y->m->scheduled_start > as_of;
    int64_t xs = x->m->scheduled_start, ys = y->m->scheduled_start;

    if (xu != yu)
        return xu ? -1 : 1;
    if (xs != ys)
        return (xs < ys) == xu ? -1 : 1;
    return strcmp(x->m->id, y->m->id);
}

/* Sort the windows by cmp_maint (few: an insertion sort). */
static void
sort_maints(aft_report_maint *v, size_t n, int64_t as_of)
{
    size_t i, j;

    for (i = 1; i < n; i++) {
        aft_report_maint tmp = v[i];
        for (j = i; j > 0 && cmp_maint(&v[j - 1], &tmp, as_of) > 0; j--)
            v[j] = v[j - 1];
        v[j] = tmp;
    }
}

/* The windows that count for the client scheduled in the twelve months
 * or after, with what each counted over the twelve months. */
static int
build_maints(aft_site *s, aft_engine *e, size_t ci, aft_error *err)
{
    aft_interval span, w;
    size_t i;
    int rc = AFT_OK;

    aft_period_window(&span, &w, &s->history, s->tz, s->as_of);
    if ((s->maints = calloc(s->ds->n_maintenances + 1, sizeof *s->maints))
        == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < s->ds->n_maintenances && rc == AFT_OK; i++) {
        const aft_maintenance *m = &s->ds->maintenances[i];
        aft_report_maint *rm = &s->maints[s->n_maints];
        aft_sla_result t = {0};

        if (m->scheduled_start < span.start
            || !aft_engine_maintenance_counts(e, ci, m))
            continue;
        aft_engine_only_maintenance(e, m);
        rc = aft_engine_client_total(&t, e, ci, &s->history, err);
        aft_engine_count_all(e);
        aft_report__maint_fill(rm, m, s->client, s->ds, t.downtime_s);
        s->n_upcoming += m->scheduled_start > s->as_of;
        s->n_in_progress += rm->actual_start <= s->as_of
                            && rm->actual_end > s->as_of;
        s->n_maints++;
    }
    sort_maints(s->maints, s->n_maints, s->as_of);
    return rc;
}

/* Whether window m names service id. */
static int
names(const aft_maintenance *m, const char *id)
{
    size_t j;

    for (j = 0; j < m->n_services; j++)
        if (strcmp(m->services[j], id) == 0)
            return 1;
    return 0;
}

/* The records that touched service sv on a day spanning span. */
static void
day_refs(aft_site_day *d, const aft_site *s, const char *sv, aft_interval span)
{
    size_t i, j;

    for (i = 0; i < s->n_incidents; i++) {
        const aft_incident *inc = s->incidents[i].inc;
        for (j = 0; j < inc->n_impacts; j++) {
            aft_interval x = aft_impact_span(inc, &inc->impacts[j], s->as_of);
            if (strcmp(inc->impacts[j].service_id, sv) == 0
                && x.start < span.end && x.end > span.start) {
                if (d->n_inc < AFT_SITE_DAY_REFS)
                    d->inc[d->n_inc] = i;
                d->n_inc++;
                break;
            }
        }
    }
    for (i = 0; i < s->n_maints; i++) {
        const aft_report_maint *rm = &s->maints[i];
        if (names(rm->m, sv) && rm->actual_start < span.end
            && rm->actual_end > span.start && rm->actual_start < s->as_of) {
            if (d->n_maint < AFT_SITE_DAY_REFS)
                d->maint[d->n_maint] = i;
            d->n_maint++;
        }
    }
}

/* Day k of every service: the engine's rows of that local day. */
static int
build_day(aft_site *s, aft_engine *e, size_t ci, size_t k, aft_error *err)
{
    int64_t day = s->period.start_day + (int64_t)k, y;
    aft_period p = {AFT_PERIOD_RANGE, "", day, day + 1};
    aft_interval span, w;
    aft_avail_row *rows = NULL;
    size_t n = 0, i, j;
    unsigned m, dd;
    int rc;

    if ((rc = aft_engine_client(e, ci, &p, &rows, &n, err)) < 0)
        return rc;
    aft_period_window(&span, &w, &p, s->tz, s->as_of);
    aft_civil_from_days(day, &y, &m, &dd);
    for (i = 0; i < s->n_services; i++) {
        aft_site_day *d = &s->services[i].days[k];

        d->day = day;
        snprintf(d->label, sizeof d->label, "%s %u %s %d",
                 DAYS[aft_weekday(day)], dd, MONTHS[m - 1], (int)y);
        for (j = 0; j + 1 < n; j++)
            if (strcmp(rows[j].service_id, s->services[i].service_id) == 0) {
                d->r = rows[j].r;
                break;
            }
        day_refs(d, s, s->services[i].service_id, span);
        d->status = judge(&d->r, d->n_maint > 0);
    }
    free(rows);
    return AFT_OK;
}

/* The month of as_of and the twelve months of its trend. */
static int
build_month(aft_site *s, aft_engine *e, size_t ci, aft_error *err)
{
    aft_period m;
    int rc;

    aft_report__month_of(&m, s->tz, s->as_of);
    if ((rc = aft_monthly_build(&s->month, e, ci, &m, s->as_of, err)) < 0)
        return rc;
    s->history = (aft_period){AFT_PERIOD_RANGE, "",
                              s->month->trend_period[0].start_day, m.end_day};
    snprintf(s->history.label, sizeof s->history.label, "%.20s..%.20s",
             s->month->trend_period[0].label, m.label);
    return AFT_OK;
}

int
aft_site_build(aft_site **out, aft_engine *e, size_t ci, size_t days,
               int64_t as_of, aft_error *err)
{
    aft_site *s;
    size_t k;
    int rc;

    *out = NULL;
    if (days < AFT_SITE_MIN_DAYS || days > AFT_SITE_MAX_DAYS)
        return aft_error_set(err, AFT_EINVALID,
                             "days '%zu' out of range (%d to %d)", days,
                             AFT_SITE_MIN_DAYS, AFT_SITE_MAX_DAYS);
    if ((s = calloc(1, sizeof *s)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    s->ds = aft_engine_dataset(e);
    s->client = &s->ds->clients[ci];
    s->as_of = as_of;
    s->n_days = days;
    aft_site_file_name(s->file, sizeof s->file, s->client->id);
    if ((s->tz = aft_engine_zone(e, ci, err)) == NULL) {
        free(s);
        return AFT_EINVALID;
    }
    rc = make_period(s, err);
    if (rc == AFT_OK)
        rc = build_month(s, e, ci, err);
    if (rc == AFT_OK)
        rc = build_services(s, e, ci, err);
    if (rc == AFT_OK)
        rc = build_incidents(s, e, ci, err);
    if (rc == AFT_OK)
        rc = build_maints(s, e, ci, err);
    for (k = 0; k < s->n_days && rc == AFT_OK; k++)
        rc = build_day(s, e, ci, k, err);
    s->state = s->n_ongoing > 0       ? AFT_SITE_INCIDENT
               : s->n_in_progress > 0 ? AFT_SITE_MAINTENANCE
                                      : AFT_SITE_OK;
    if (rc < 0) {
        aft_site_free(s);
        return rc;
    }
    *out = s;
    return AFT_OK;
}

void
aft_site_free(aft_site *s)
{
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->n_services; i++)
        free(s->services[i].days);
    free(s->services);
    free(s->incidents);
    free(s->maints);
    aft_monthly_free(s->month);
    free(s);
}

/* Portfolio rank of a verdict: breached first, met last. */
static int
rank(aft_day_status st)
{
    static const int r[] = {[AFT_DAY_MET] = 3,
                            [AFT_DAY_WITHIN] = 1,
                            [AFT_DAY_BREACHED] = 0,
                            [AFT_DAY_NO_DATA] = 2,
                            [AFT_DAY_MAINTENANCE] = 3};
    return r[st];
}

/* Whether site a comes before site b on the portfolio page. */
static int
before(const aft_site *a, const aft_site *b)
{
    if (rank(a->status) != rank(b->status))
        return rank(a->status) < rank(b->status);
    if (a->total.has_availability && b->total.has_availability
        && a->total.availability != b->total.availability)
        return a->total.availability < b->total.availability;
    return strcmp(a->client->id, b->client->id) < 0;
}

void
aft_site_order(size_t *order, aft_site *const *sites, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = i; j > 0 && before(sites[i], sites[order[j - 1]]); j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
}
