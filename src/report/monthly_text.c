/*
 * monthly_text.c - the wording of a monthly report's sections: the
 * template's texts with the report's figures in their placeholders, the
 * same for the PDF and the XLSX.
 */
#include <stdio.h>
#include <string.h>

#include "aftercast/report_monthly.h"

static void
pct(char *buf, size_t size, int has, double v)
{
    if (has)
        snprintf(buf, size, "%.3f %%", v);
    else
        snprintf(buf, size, "n/a");
}

/* The client's service hours for people, into buf (size bytes). */
static void
hours_text(char *buf, size_t size, const aft_client *c)
{
    size_t i, n = 0;

    buf[0] = '\0';
    for (i = 0; i < c->n_service_hours && n + 1 < size; i++) {
        int k = snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
                         c->service_hours[i]);
        n += k > 0 ? (size_t)k : 0;
    }
    if (c->n_service_hours == 0)
        snprintf(buf, size, "all hours of every day");
    else if (c->n_holidays > 0 && strlen(buf) + 24 < size)
        strcat(buf, ", except holidays");
}

char *
aft_monthly_text(const aft_monthly *r, const aft_template *t, const char *name)
{
    const aft_sla_result *tot = aft_monthly_total(r);
    const aft_client *c = r->client;
    char avail[32], target[32], credit[32], inc[32], mttr[32], pav[32];
    char pinc[32], pw[32], dw[32], nd[32], asof[AFT_INSTANT_BUFSZ];
    char interval[32], first[32], breaches[32], hours[512];
    char period[64], prev[64];

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
    hours_text(hours, sizeof hours, c);
    {
        const char *vars[] = {"client",
                              c->name,
                              "period",
                              aft_period_title(period, &r->period),
                              "availability",
                              avail,
                              "target",
                              target,
                              "credit",
                              credit,
                              "incidents",
                              inc,
                              "mttr",
                              mttr,
                              "prev_period",
                              aft_period_title(prev, &r->prev),
                              "prev_availability",
                              pav,
                              "prev_incidents",
                              pinc,
                              "timezone",
                              c->timezone,
                              "hours",
                              hours,
                              "partial_weight",
                              pw,
                              "degraded_weight",
                              dw,
                              "notice_days",
                              nd,
                              "as_of",
                              asof,
                              "interval",
                              interval,
                              "first_update",
                              first,
                              "breaches",
                              breaches,
                              NULL,
                              NULL};
        return aft_template_text(t, name, vars);
    }
}
