/*
 * rca_text.c - the wording of a root-cause report: the incident's course
 * and its whole cost for the client, month by month where it crossed a
 * month's end, and the interim notice of an ongoing one.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/report_rca.h"

/* "2h 00m in February 2026 (99 % of its error budget)" into buf. */
static void
part_text(char *buf, size_t size, const aft_rca_month *m)
{
    char d[32], title[64];

    aft_duration_format(d, m->downtime_s);
    aft_period_title(title, &m->month);
    if (m->budget_s > 0)
        snprintf(buf, size, "%s in %s (%.0f %% of its error budget%s)", d,
                 title, 100 * m->downtime_s / m->budget_s,
                 m->provisional ? ", month to date" : "");
    else
        snprintf(buf, size, "%s in %s (no error budget that month)", d, title);
}

/* The cost sentence: the whole, then each month's part. */
static void
cost_text(char *buf, size_t size, const aft_rca *r)
{
    char d[32], part[192];
    size_t i, n;

    aft_duration_format(d, r->downtime_s);
    if (r->n_parts == 1) {
        part_text(part, sizeof part, &r->parts[0]);
        snprintf(buf, size,
                 "%s %s of weighted downtime against your services: %s.",
                 r->ongoing ? "It has counted" : "It counted", d, part);
        return;
    }
    n = (size_t)snprintf(buf, size,
                         "%s %s of weighted downtime against your services "
                         "in all, across %zu months: ",
                         r->ongoing ? "It has counted" : "It counted", d,
                         r->n_parts);
    for (i = 0; i < r->n_parts && n < size; i++) {
        part_text(part, sizeof part, &r->parts[i]);
        n += (size_t)snprintf(buf + n, size - n, "%s%s",
                              i == 0                ? ""
                              : i + 1 == r->n_parts ? " and "
                                                    : ", ",
                              part);
    }
    if (n + 2 < size)
        strcat(buf, ".");
}

char *
aft_rca_story(const aft_rca *r)
{
    const aft_incident *inc = r->inc;
    const aft_sla_result *mt = &r->month_total;
    char start[AFT_INSTANT_BUFSZ], end[AFT_INSTANT_BUFSZ], dur[32];
    char cost[1024], month[64], line[2560];
    int64_t e = aft_incident_end(inc, r->as_of);
    size_t n;

    aft_local_format(start, r->tz, inc->started_at);
    aft_local_format(end, r->tz, e);
    aft_duration_format(dur, (double)(e - inc->started_at));
    cost_text(cost, sizeof cost, r);
    if (r->ongoing)
        n = (size_t)snprintf(line, sizeof line,
                             "%s began on %s and had lasted %s by %s. %s",
                             inc->title, start, dur, end, cost);
    else
        n = (size_t)snprintf(line, sizeof line,
                             "%s began on %s and was resolved on %s, after "
                             "%s. %s",
                             inc->title, start, end, dur, cost);
    aft_period_title(month, &r->month);
    if (mt->has_availability && n < sizeof line)
        snprintf(line + n, sizeof line - n,
                 " Your availability for %s %s %.3f %% against a target of "
                 "%.3f %% (%s).",
                 month, r->parts[0].provisional ? "stands so far at" : "was",
                 mt->availability, mt->target,
                 r->parts[0].provisional ? (mt->met ? "met so far, provisional"
                                                    : "below so far, "
                                                      "provisional")
                 : mt->met               ? "met"
                                         : "not met");
    return strdup(line);
}

char *
aft_rca_interim(const aft_rca *r)
{
    char when[AFT_WHEN_BUFSZ], line[256];

    if (!r->ongoing)
        return strdup("");
    snprintf(line, sizeof line,
             "This incident was still ongoing on %s; "
             "every figure is as of that time.",
             aft_report_when(when, r->tz, r->as_of));
    return strdup(line);
}
