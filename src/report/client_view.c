/*
 * client_view.c - a record as one client sees it: its subscribed
 * services and their names, the local month, a maintenance window's
 * notice, actual times and overrun.
 */
#include <stdio.h>
#include <string.h>

#include "aftercast/metrics.h"
#include "report/client_view.h"

const char *
aft_service_name(const aft_dataset *ds, const char *id)
{
    size_t i;

    for (i = 0; i < ds->n_services; i++)
        if (strcmp(ds->services[i].id, id) == 0)
            return ds->services[i].name ? ds->services[i].name : id;
    return id;
}

int
aft_report__subscribed(const aft_client *c, const char *service_id)
{
    size_t i;

    for (i = 0; i < c->n_subs; i++)
        if (strcmp(c->subs[i].service_id, service_id) == 0)
            return 1;
    return 0;
}

/* Append name to the ", "-separated list in buf; an empty name adds
 * nothing, as it would only add a separator. */
static void
list_append(char *buf, size_t size, const char *name)
{
    size_t n = strlen(buf);

    if (*name != '\0')
        snprintf(buf + n, size - n, "%s%s", n ? ", " : "", name);
}

/* Whether services a and b print the same name. Names are compared
 * whole: "API" and "API Gateway" are two names. */
static int
same_name(const aft_dataset *ds, const char *a, const char *b)
{
    return strcmp(aft_service_name(ds, a), aft_service_name(ds, b)) == 0;
}

void
aft_report__incident_services(char *buf, size_t size, const aft_incident *inc,
                              const aft_client *c, const aft_dataset *ds)
{
    size_t j, k;

    buf[0] = '\0';
    for (j = 0; j < inc->n_impacts; j++) {
        const char *id = inc->impacts[j].service_id;

        if (!aft_report__subscribed(c, id))
            continue;
        for (k = 0; k < j; k++)
            if (aft_report__subscribed(c, inc->impacts[k].service_id)
                && same_name(ds, inc->impacts[k].service_id, id))
                break;
        if (k == j)
            list_append(buf, size, aft_service_name(ds, id));
    }
}

void
aft_report__maint_services(char *buf, size_t size, const aft_maintenance *m,
                           const aft_client *c, const aft_dataset *ds)
{
    size_t j, k;

    buf[0] = '\0';
    for (j = 0; j < m->n_services; j++) {
        if (!aft_report__subscribed(c, m->services[j]))
            continue;
        for (k = 0; k < j; k++)
            if (aft_report__subscribed(c, m->services[k])
                && same_name(ds, m->services[k], m->services[j]))
                break;
        if (k == j)
            list_append(buf, size, aft_service_name(ds, m->services[j]));
    }
}

void
aft_report__month_of(aft_period *out, const aft_tz *tz, int64_t t)
{
    int64_t y;
    unsigned m, d;
    char label[16];

    aft_civil_from_days(aft_day_of(t + aft_tz_offset(tz, t)), &y, &m, &d);
    snprintf(label, sizeof label, "%04d-%02u", (int)y, m);
    aft_period_month(out, label, NULL);
}

void
aft_report__maint_fill(aft_report_maint *rm, const aft_maintenance *m,
                       const aft_client *c, const aft_dataset *ds,
                       double counted_s)
{
    aft_interval actual = aft_maintenance_actual(m);

    rm->m = m;
    rm->counted_s = counted_s;
    rm->has_notice = m->notified_at != AFT_TIME_NONE;
    rm->lead_days = rm->has_notice
                        ? (double)(m->scheduled_start - m->notified_at)
                              / AFT_DAY_SECONDS
                        : 0;
    rm->announced = aft_maintenance_announced(m, c->notice_days);
    rm->actual_start = actual.start;
    rm->actual_end = actual.end;
    rm->early_s = actual.start < m->scheduled_start
                      ? m->scheduled_start - actual.start
                      : 0;
    rm->overrun_s = actual.end > m->scheduled_end
                        ? actual.end - m->scheduled_end
                        : 0;
    aft_report__maint_services(rm->services, sizeof rm->services, m, c, ds);
}

int
aft_report__touches(const aft_incident *inc, const aft_client *c,
                    aft_interval w, int64_t as_of)
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
        aft_interval s = aft_impact_span(inc, &inc->impacts[j], as_of);

        if (s.start < w.end && s.end > w.start
            && aft_report__subscribed(c, inc->impacts[j].service_id))
            return 1;
    }
    return 0;
}

void
aft_report__incident_fill(aft_report_incident *ri, const aft_incident *inc,
                          const aft_client *c, const aft_dataset *ds,
                          int64_t as_of, double downtime_s)
{
    ri->inc = inc;
    ri->downtime_s = downtime_s;
    ri->ongoing = aft_incident_end(inc, as_of) == as_of
                  && (inc->resolved_at == AFT_TIME_NONE
                      || inc->resolved_at > as_of);
    ri->duration_s = aft_incident_end(inc, as_of) - inc->started_at;
    ri->first_update_s = aft_incident_first_update(inc, as_of);
    ri->silence_s = aft_incident_silence(inc, as_of);
    ri->update_breach = ri->silence_s
                        > (int64_t)c->update_interval_minutes * 60;
    aft_report__incident_services(ri->services, sizeof ri->services, inc, c,
                                  ds);
}
