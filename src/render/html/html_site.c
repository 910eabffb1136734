/*
 * html_site.c - a client's status page: the banner, a row of daily bars
 * per service with each day's figures on focus or hover, the twelve
 * months, the incident history, planned maintenance and the policy. It
 * lays out the site model; every text from input is escaped.
 */
#include <stdio.h>
#include <stdlib.h>

#include "aftercast/render_site.h"
#include "base/error.h"
#include "render/html/html_kit.h"

/* A sentence of the model, escaped; 0, or AFT_ENOMEM. */
static int
say(FILE *fp, const aft_site *s, const aft_template *t, const char *part,
    size_t svc, size_t k)
{
    char *text = aft_site_say(s, t, part, svc, k);

    if (text == NULL)
        return AFT_ENOMEM;
    aft_html__text(fp, text);
    free(text);
    return AFT_OK;
}

/* The figures of r as data attributes, as `availability` gives them. */
static void
data_figures(FILE *fp, const aft_sla_result *r)
{
    fputs(" data-availability=\"", fp);
    aft_html__real(fp, r->has_availability, r->availability);
    fputs("\" data-target=\"", fp);
    aft_html__real(fp, 1, r->target);
    fputs("\" data-downtime=\"", fp);
    aft_html__real(fp, 1, r->downtime_s);
    fprintf(fp, "\" data-eligible=\"%lld\" data-excluded=\"%lld\"",
            (long long)r->eligible_s, (long long)r->excluded_s);
}

/* A status tag: its words, coloured for AA contrast. */
static void
tag(FILE *fp, const aft_template *t, aft_day_status st)
{
    fprintf(fp, "<span class=\"tag %s\">", aft_html__status_class(st));
    aft_html__text(fp, aft_site_status_words(t, st));
    fputs("</span>", fp);
}

/* The records that touched a day, in the bar's details. */
static void
day_records(FILE *fp, const aft_site *s, const aft_site_day *d)
{
    size_t i;

    if (d->n_inc + d->n_maint == 0)
        return;
    fputs("<ul>", fp);
    for (i = 0; i < d->n_inc && i < AFT_SITE_DAY_REFS; i++) {
        fputs("<li>", fp);
        aft_html__text(fp, s->incidents[d->inc[i]].inc->title);
        fputs("</li>", fp);
    }
    for (i = 0; i < d->n_maint && i < AFT_SITE_DAY_REFS; i++) {
        fputs("<li>", fp);
        aft_html__text(fp, s->maints[d->maint[i]].m->title);
        fputs("</li>", fp);
    }
    if (d->n_inc > AFT_SITE_DAY_REFS || d->n_maint > AFT_SITE_DAY_REFS)
        fputs("<li>&#8230;</li>", fp);
    fputs("</ul>", fp);
}

/* One bar: focusable, labelled with its sentence, details on focus. */
static int
bar(FILE *fp, const aft_site *s, const aft_template *t, size_t i, size_t k)
{
    const aft_site_day *d = &s->services[i].days[k];
    char date[16];
    int rc;

    aft_date_format(date, d->day);
    fprintf(fp, "<li class=\"bar %s\" tabindex=\"0\" data-day=\"%s\"",
            aft_html__status_class(d->status), date);
    data_figures(fp, &d->r);
    fputs(" aria-label=\"", fp);
    if ((rc = say(fp, s, t, "day", i, k)) < 0)
        return rc;
    fputs("\"><div class=\"tip\" role=\"tooltip\">", fp);
    rc = say(fp, s, t, "day", i, k);
    day_records(fp, s, d);
    fputs("</div></li>", fp);
    return rc;
}

/* A service's heading, period figures and row of bars. */
static int
service(FILE *fp, const aft_site *s, const aft_template *t, size_t i)
{
    const aft_site_service *sv = &s->services[i];
    char first[16], last[16];
    size_t k;
    int rc = AFT_OK;

    fputs("<div class=\"svc\" data-service=\"", fp);
    aft_html__text(fp, sv->service_id);
    fputs("\"", fp);
    data_figures(fp, &sv->r);
    fputs("><div class=\"svchead\"><h3>", fp);
    aft_html__text(fp, sv->name);
    fputs("</h3><p class=\"fig\"><strong>", fp);
    aft_html__pct(fp, t, sv->r.has_availability, sv->r.availability);
    fprintf(fp, "</strong> &#183; target %.3f&#160;%% &#183; ", sv->r.target);
    tag(fp, t, sv->status);
    fputs("</p></div><ol class=\"bars\" aria-label=\"", fp);
    aft_html__text(fp, sv->name);
    fputs(": one bar a day\">", fp);
    for (k = 0; k < s->n_days && rc == AFT_OK; k++)
        rc = bar(fp, s, t, i, k);
    aft_date_format(first, s->period.start_day);
    aft_date_format(last, s->period.end_day - 1);
    fprintf(fp,
            "</ol><div class=\"axis\" aria-hidden=\"true\"><span>%s</span>"
            "<span>%s</span></div></div>\n",
            first, last);
    return rc;
}

/* The key of the bars' colours. */
static void
key(FILE *fp, const aft_template *t)
{
    aft_day_status st;

    fputs("<ul class=\"key\">", fp);
    for (st = AFT_DAY_MET; st <= AFT_DAY_MAINTENANCE; st++) {
        fprintf(fp, "<li style=\"--c:var(--%s)\">",
                st == AFT_DAY_MET        ? "good"
                : st == AFT_DAY_WITHIN   ? "warn"
                : st == AFT_DAY_BREACHED ? "bad"
                : st == AFT_DAY_NO_DATA  ? "nodata"
                                         : "maint");
        aft_html__text(fp, aft_site_status_words(t, st));
        fputs("</li>", fp);
    }
    fputs("</ul>\n", fp);
}

/* The banner, the client's period figures and the services' bars. */
static int
overview(FILE *fp, const aft_site *s, const aft_template *t)
{
    size_t i;
    int rc;

    fprintf(fp, "<section class=\"banner %s\" role=\"status\">",
            s->state == AFT_SITE_INCIDENT      ? "incident"
            : s->state == AFT_SITE_MAINTENANCE ? "maint"
                                               : "ok");
    if ((rc = say(fp, s, t, "banner", 0, 0)) < 0)
        return rc;
    fputs("</section>\n<section aria-labelledby=\"h-svc\"><h2 id=\"h-svc\">",
          fp);
    if ((rc = say(fp, s, t, "period", 0, 0)) < 0)
        return rc;
    fputs("</h2>\n<p class=\"fig\" id=\"total\"", fp);
    data_figures(fp, &s->total);
    fprintf(fp, " data-incidents=\"%zu\">All services: <strong>",
            s->metrics.incidents);
    aft_html__pct(fp, t, s->total.has_availability, s->total.availability);
    fprintf(fp, "</strong> &#183; target %.3f&#160;%% &#183; ",
            s->total.target);
    tag(fp, t, s->status);
    fprintf(fp, " &#183; %zu incident(s)</p>\n", s->metrics.incidents);
    for (i = 0; i < s->n_services && rc == AFT_OK; i++)
        rc = service(fp, s, t, i);
    key(fp, t);
    fputs("</section>\n", fp);
    return rc;
}

/* The twelve months against target. */
static void
months(FILE *fp, const aft_site *s, const aft_template *t)
{
    const aft_monthly *m = s->month;
    char title[64];
    int i;

    fputs("<section aria-labelledby=\"h-months\"><h2 id=\"h-months\">Last 12 "
          "months</h2><div class=\"scroll\"><table id=\"months\"><thead><tr>"
          "<th scope=\"col\">Month</th><th scope=\"col\" class=\"n\">"
          "Availability</th><th scope=\"col\" class=\"n\">Target</th>"
          "<th scope=\"col\">Status</th></tr></thead><tbody>\n",
          fp);
    for (i = AFT_TREND_PERIODS - 1; i >= 0; i--) {
        const aft_sla_result *r = &m->trend[i];
        fprintf(fp, "<tr data-period=\"%s\"", m->trend_period[i].label);
        data_figures(fp, r);
        fprintf(fp, "><th scope=\"row\">%s</th><td class=\"n\">",
                aft_period_title(title, &m->trend_period[i]));
        aft_html__pct(fp, t, r->has_availability, r->availability);
        fprintf(fp, "</td><td class=\"n\">%.3f&#160;%%</td><td>", r->target);
        aft_html__text(fp, aft_report_verdict(t, r,
                                              i == AFT_TREND_PERIODS - 1
                                                  && m->provisional));
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table></div></section>\n", fp);
}

/* The page, into fp. */
static int
page(FILE *fp, const aft_site *s, const aft_template *t, int with_reports)
{
    char when[AFT_WHEN_BUFSZ];
    char *title = aft_site_say(s, t, "site_title", 0, 0);
    int rc;

    if (title == NULL)
        return AFT_ENOMEM;
    aft_html__head(fp, t, title, "feed.xml");
    aft_html__brand(fp, t);
    fputs("<main>\n<h1>", fp);
    aft_html__text(fp, title);
    fputs(": ", fp);
    aft_html__text(fp, s->client->name);
    fprintf(fp, "</h1>\n<p class=\"asof\">As of %s</p>\n",
            aft_report_when(when, s->tz, s->as_of));
    free(title);
    if ((rc = overview(fp, s, t)) < 0)
        return rc;
    months(fp, s, t);
    if ((rc = aft_html__history(fp, s, t, with_reports)) < 0)
        return rc;
    fputs("</main>\n<footer><p>", fp);
    aft_html__text(fp, aft_template_get(t, "footer"));
    fputs("</p><p><a href=\"feed.xml\">Atom feed</a> &#183; <a href=\"status."
          "json\">status.json</a> &#183; <a href=\"../index.html\">All "
          "clients</a></p></footer>\n</body>\n</html>\n",
          fp);
    return AFT_OK;
}

int
aft_site_write_client(const aft_site *s, const aft_template *t, const char *dir,
                      int with_reports, aft_error *err)
{
    aft_html_file f;
    char path[4400];
    int rc;

    snprintf(path, sizeof path, "%s/index.html", dir);
    if ((rc = aft_html__open(&f, path, err)) < 0)
        return rc;
    rc = page(f.fp, s, t, with_reports);
    if (rc == AFT_ENOMEM)
        aft_error_set(err, rc, "out of memory");
    if ((rc = aft_html__close(&f, path, rc, err)) < 0)
        return rc;
    return aft_html__feeds(s, t, dir, err);
}
