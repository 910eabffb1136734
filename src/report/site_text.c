/*
 * site_text.c - the sentences of the status site in the template's
 * words: the banner, the period, a day's figures, a window's notice
 * against the client's policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/report_site.h"

const char *
aft_site_status_words(const aft_template *t, aft_day_status st)
{
    static const char *const KEYS[] = {
        [AFT_DAY_MET] = "words.day.met",
        [AFT_DAY_WITHIN] = "words.day.within",
        [AFT_DAY_BREACHED] = "words.day.breached",
        [AFT_DAY_NO_DATA] = "words.day.no_data",
        [AFT_DAY_MAINTENANCE] = "words.day.maintenance"};
    const char *w = aft_template_get(t, KEYS[st]);

    return w != NULL ? w : "";
}

/* The banner: an incident outranks a window. */
static char *
say_banner(const aft_site *s, const aft_template *t)
{
    char ongoing[24], running[24];
    const char *vars[] = {"ongoing", ongoing, "in_progress", running, NULL};

    snprintf(ongoing, sizeof ongoing, "%zu", s->n_ongoing);
    snprintf(running, sizeof running, "%zu", s->n_in_progress);
    return aft_template_text(t,
                             s->state == AFT_SITE_INCIDENT ? "site_incident"
                             : s->state == AFT_SITE_MAINTENANCE
                                 ? "site_maintenance"
                                 : "site_ok",
                             vars);
}

/* Bar k of service svc in words. */
static char *
say_day(const aft_site *s, const aft_template *t, size_t svc, size_t k)
{
    const aft_site_day *d = &s->services[svc].days[k];
    char avail[32], target[32], down[64], excl[64];
    const char *vars[] = {"date",
                          d->label,
                          "status",
                          aft_site_status_words(t, d->status),
                          "availability",
                          avail,
                          "target",
                          target,
                          "downtime",
                          down,
                          "excluded",
                          excl,
                          NULL};

    snprintf(avail, sizeof avail, "%.3f %%", d->r.availability);
    snprintf(target, sizeof target, "%.3f %%", d->r.target);
    aft_report_duration_words(down, d->r.downtime_s);
    aft_report_duration_words(excl, (double)d->r.excluded_s);
    if (!d->r.has_availability)
        return aft_template_text(t, "site_day_na", vars);
    return aft_template_text(t,
                             d->r.excluded_s > 0 ? "site_day_maint"
                                                 : "site_day",
                             vars);
}

/* Window k's notice against the client's policy. */
static char *
say_notice(const aft_site *s, const aft_template *t, size_t k)
{
    const aft_report_maint *rm = &s->maints[k];
    char lead[32], need[24];
    const char *vars[] = {"lead", lead, "notice_days", need, NULL};

    snprintf(lead, sizeof lead, "%.1f", rm->lead_days);
    snprintf(need, sizeof need, "%d", s->client->notice_days);
    return aft_template_text(t,
                             rm->has_notice ? "site_notice"
                                            : "site_notice_none",
                             vars);
}

char *
aft_site_say(const aft_site *s, const aft_template *t, const char *part,
             size_t svc, size_t k)
{
    if (strcmp(part, "banner") == 0)
        return say_banner(s, t);
    if (strcmp(part, "policy") == 0)
        return aft_monthly_say(s->month, t, "policy");
    if (strcmp(part, "day") == 0)
        return say_day(s, t, svc, k);
    if (strcmp(part, "notice") == 0)
        return say_notice(s, t, k);
    if (strcmp(part, "period") == 0) {
        char days[24];
        const char *vars[] = {"days", days, NULL};
        snprintf(days, sizeof days, "%zu", s->n_days);
        return aft_template_text(t, "site_period", vars);
    }
    return aft_template_text(t, part, NULL);
}
