/*
 * monthly_text.c - the wording of a monthly report's sections: the
 * template's texts with the report's figures in their placeholders, the
 * same for the PDF and the XLSX.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
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

/* The report's figures as words, one buffer per placeholder. */
typedef struct words {
    char avail[32], target[32], credit[32], inc[32], mttr[64], pav[32];
    char pinc[32], pw[32], dw[32], nd[32], asof[AFT_WHEN_BUFSZ];
    char interval[64], first[64], breaches[32], hours[512];
    char period[64], prev[64], open[32], resolved[32];
    char data_start[AFT_INSTANT_BUFSZ];
    char credits[1024];
} words;

/* "A of the FEE for SERVICE; B of the whole FEE" into w->credits. -1 if
 * out of memory. */
static int
credit_list(words *w, const aft_monthly *r, const aft_template *t)
{
    size_t i, n = 0;

    w->credits[0] = '\0';
    for (i = 0; i < r->n_credits && n + 2 < sizeof w->credits; i++) {
        const aft_report_credit *cr = &r->credits[i];
        char pc[32], *s;
        const char *vars[] = {
            "credit",
            pc,
            "fee",
            aft_report_fee(t, &r->period),
            "service",
            cr->service_id ? aft_service_name(r->ds, cr->service_id) : "",
            NULL,
            NULL};

        snprintf(pc, sizeof pc, "%g %%", cr->percent);
        s = aft_template_text(t,
                              cr->service_id ? "credit_service"
                                             : "credit_client",
                              vars);
        if (s == NULL)
            return -1;
        n += (size_t)snprintf(w->credits + n, sizeof w->credits - n, "%s%s",
                              i ? "; " : "", s);
        free(s);
    }
    return 0;
}

/* -1 if out of memory. */
static int
fill_words(words *w, const aft_monthly *r, const aft_template *t)
{
    const aft_sla_result *tot = aft_monthly_total(r);
    const aft_client *c = r->client;

    pct(w->avail, sizeof w->avail, tot->has_availability, tot->availability);
    snprintf(w->target, sizeof w->target, "%.3f %%", tot->target);
    snprintf(w->credit, sizeof w->credit, "%g %%", tot->credit_percent);
    snprintf(w->inc, sizeof w->inc, "%zu", r->metrics.incidents);
    if (r->metrics.has_mttr)
        aft_report_duration_words(w->mttr, r->metrics.mttr_s);
    else
        snprintf(w->mttr, sizeof w->mttr, "n/a");
    pct(w->pav, sizeof w->pav, r->prev_total.has_availability,
        r->prev_total.availability);
    snprintf(w->pinc, sizeof w->pinc, "%zu", r->prev_incidents);
    snprintf(w->pw, sizeof w->pw, "%g %%", c->partial_weight * 100);
    snprintf(w->dw, sizeof w->dw, "%g %%", c->degraded_weight * 100);
    snprintf(w->nd, sizeof w->nd, "%d", c->notice_days);
    aft_report_when(w->asof, r->tz, r->as_of);
    aft_report_duration_words(w->interval, c->update_interval_minutes * 60.0);
    if (r->metrics.has_first_update)
        aft_report_duration_words(w->first, r->metrics.mean_first_update_s);
    else
        snprintf(w->first, sizeof w->first, "n/a");
    snprintf(w->breaches, sizeof w->breaches, "%zu",
             r->metrics.update_breaches);
    hours_text(w->hours, sizeof w->hours, c);
    aft_period_title(w->period, &r->period);
    aft_period_title(w->prev, &r->prev);
    snprintf(w->open, sizeof w->open, "%zu", r->n_open);
    snprintf(w->resolved, sizeof w->resolved, "%zu",
             r->metrics.incidents - r->n_open);
    if (r->data_start != AFT_TIME_NONE)
        aft_local_format(w->data_start, r->tz, r->data_start)[10] = '\0';
    else
        snprintf(w->data_start, sizeof w->data_start, "no date yet");
    return credit_list(w, r, t);
}

char *
aft_monthly_text(const aft_monthly *r, const aft_template *t, const char *name)
{
    words w;

    if (fill_words(&w, r, t) < 0)
        return NULL;
    {
        const char *vars[] = {
            "client",
            r->client->name,
            "period",
            w.period,
            "availability",
            w.avail,
            "target",
            w.target,
            "credit",
            w.credit,
            "incidents",
            w.inc,
            "mttr",
            w.mttr,
            "prev_period",
            w.prev,
            "prev_availability",
            w.pav,
            "prev_incidents",
            w.pinc,
            "timezone",
            r->client->timezone,
            "hours",
            w.hours,
            "partial_weight",
            w.pw,
            "degraded_weight",
            w.dw,
            "notice_days",
            w.nd,
            "as_of",
            w.asof,
            "interval",
            w.interval,
            "first_update",
            w.first,
            "breaches",
            w.breaches,
            "credits",
            w.credits,
            "fee",
            aft_report_fee(t, &r->period),
            "open",
            w.open,
            "resolved",
            w.resolved,
            "data_start",
            w.data_start,
            "verdict",
            aft_report_verdict(t, aft_monthly_total(r), r->provisional),
            "title",
            aft_template_get(t, "text.title"),
            "company",
            aft_template_get(t, "company"),
            NULL,
            NULL};
        return aft_template_text(t, name, vars);
    }
}

const char *
aft_report_verdict(const aft_template *t, const aft_sla_result *res,
                   int provisional)
{
    const char *key = !res->has_availability ? "words.verdict.no_data"
                      : res->met
                          ? (provisional ? "words.verdict.met_provisional"
                                         : "words.verdict.met")
                      : provisional ? "words.verdict.breached_provisional"
                                    : "words.verdict.breached";
    const char *v = aft_template_get(t, key);

    return v != NULL ? v : "";
}

/* The key of section part, as the report's state decides it. */
static const char *
story_key(const aft_monthly *r, const char *part)
{
    const aft_sla_result *tot = aft_monthly_total(r);
    int p = r->provisional;

    if (strcmp(part, "summary") == 0)
        return !tot->has_availability
                   ? (p ? "summary_na_provisional" : "summary_na")
               : tot->met ? (p ? "summary_met_provisional" : "summary_met")
               : p        ? "summary_breached_provisional"
                          : "summary_breached";
    if (strcmp(part, "credits") == 0)
        return r->n_credits > 0
                   ? (p ? "credits_owed_provisional" : "credits_owed")
                   : (p ? "credits_none_provisional" : "credits_none");
    if (strcmp(part, "incidents") == 0)
        return r->metrics.incidents == 0           ? "no_incidents"
               : r->n_open == 0                    ? "incidents_summary"
               : r->n_open == r->metrics.incidents ? "incidents_all_open"
                                                   : "incidents_open";
    if (strcmp(part, "compare") == 0)
        return r->prev_no_data ? "compare_none" : "compare";
    if (strcmp(part, "banner") == 0)
        return p ? "provisional_banner" : NULL;
    return part;
}

char *
aft_monthly_say(const aft_monthly *r, const aft_template *t, const char *part)
{
    const char *key = story_key(r, part);

    return key != NULL ? aft_monthly_text(r, t, key) : strdup("");
}
