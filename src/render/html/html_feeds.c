/*
 * html_feeds.c - a client's files for scripts and subscribers:
 * status.json (docs/schemas/status.schema.json), an Atom feed of its
 * incidents and maintenance, and SVG uptime badges.
 */
#include <stdio.h>
#include <string.h>

#include "aftercast/render_site.h"
#include "base/error.h"
#include "base/jsonw.h"
#include "render/html/html_kit.h"

static const char *const STATE[] = {[AFT_SITE_OK] = "ok",
                                    [AFT_SITE_MAINTENANCE] = "maintenance",
                                    [AFT_SITE_INCIDENT] = "incident"};

/* An instant, or null. */
static void
jw_time(jsonw *w, int64_t t)
{
    char buf[32];

    if (t == AFT_TIME_NONE)
        jw_null(w);
    else
        jw_string(w, aft_instant_format(buf, t));
}

/* The figures of r, keys as in `availability --format json`. */
static void
jw_figures(jsonw *w, const aft_sla_result *r, aft_day_status st)
{
    jw_key(w, "status");
    jw_string(w, aft_html__status_class(st));
    jw_key(w, "eligible_seconds");
    jw_int(w, r->eligible_s);
    jw_key(w, "excluded_seconds");
    jw_int(w, r->excluded_s);
    jw_key(w, "downtime_seconds");
    jw_real(w, r->downtime_s);
    jw_key(w, "availability");
    if (r->has_availability)
        jw_real(w, r->availability);
    else
        jw_null(w);
    jw_key(w, "target");
    jw_real(w, r->target);
}

static void
jw_service(jsonw *w, const aft_site *s, const aft_site_service *sv)
{
    char date[16];
    size_t k, i;

    jw_object(w);
    jw_key(w, "id");
    jw_string(w, sv->service_id);
    jw_key(w, "name");
    jw_string(w, sv->name);
    jw_figures(w, &sv->r, sv->status);
    jw_key(w, "days");
    jw_array(w);
    for (k = 0; k < s->n_days; k++) {
        const aft_site_day *d = &sv->days[k];
        jw_object(w);
        jw_key(w, "date");
        jw_string(w, aft_date_format(date, d->day));
        jw_figures(w, &d->r, d->status);
        jw_key(w, "incidents");
        jw_array(w);
        for (i = 0; i < d->n_inc && i < AFT_SITE_DAY_REFS; i++)
            jw_string(w, s->incidents[d->inc[i]].inc->id);
        jw_array_end(w);
        jw_key(w, "maintenances");
        jw_array(w);
        for (i = 0; i < d->n_maint && i < AFT_SITE_DAY_REFS; i++)
            jw_string(w, s->maints[d->maint[i]].m->id);
        jw_array_end(w);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}

static void
jw_incidents(jsonw *w, const aft_site *s)
{
    size_t k;

    jw_array(w);
    for (k = 0; k < s->n_incidents; k++) {
        const aft_report_incident *ri = &s->incidents[k];
        jw_object(w);
        jw_key(w, "id");
        jw_string(w, ri->inc->id);
        jw_key(w, "title");
        jw_string(w, ri->inc->title);
        jw_key(w, "severity");
        jw_string(w, aft_severity_str(ri->inc->severity));
        jw_key(w, "started_at");
        jw_time(w, ri->inc->started_at);
        jw_key(w, "resolved_at");
        jw_time(w, ri->inc->resolved_at);
        jw_key(w, "ongoing");
        jw_bool(w, ri->ongoing);
        jw_key(w, "duration_seconds");
        jw_int(w, ri->duration_s);
        jw_key(w, "downtime_seconds");
        jw_real(w, ri->downtime_s);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void
jw_maints(jsonw *w, const aft_site *s)
{
    size_t k;

    jw_array(w);
    for (k = 0; k < s->n_maints; k++) {
        const aft_report_maint *rm = &s->maints[k];
        jw_object(w);
        jw_key(w, "id");
        jw_string(w, rm->m->id);
        jw_key(w, "title");
        jw_string(w, rm->m->title);
        jw_key(w, "upcoming");
        jw_bool(w, k < s->n_upcoming);
        jw_key(w, "scheduled_start");
        jw_time(w, rm->m->scheduled_start);
        jw_key(w, "scheduled_end");
        jw_time(w, rm->m->scheduled_end);
        jw_key(w, "actual_start");
        jw_time(w, rm->actual_start);
        jw_key(w, "actual_end");
        jw_time(w, rm->actual_end);
        jw_key(w, "notified_at");
        jw_time(w, rm->m->notified_at);
        jw_key(w, "announced");
        jw_bool(w, rm->announced);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void
jw_months(jsonw *w, const aft_site *s)
{
    int i;

    jw_array(w);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        const aft_sla_result *r = &s->month->trend[i];
        jw_object(w);
        jw_key(w, "period");
        jw_string(w, s->month->trend_period[i].label);
        jw_figures(w, r,
                   r->has_availability
                       ? (r->met ? AFT_DAY_MET : AFT_DAY_BREACHED)
                       : AFT_DAY_NO_DATA);
        /* The month of as_of is not over: its status is so far. */
        jw_key(w, "provisional");
        jw_bool(w, i == AFT_TREND_PERIODS - 1 && s->month->provisional);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void
status_json(FILE *fp, const aft_site *s)
{
    jsonw w;
    size_t i;

    jw_init(&w, fp);
    jw_object(&w);
    jw_key(&w, "client");
    jw_string(&w, s->client->id);
    jw_key(&w, "name");
    jw_string(&w, s->client->name);
    jw_key(&w, "timezone");
    jw_string(&w, s->client->timezone);
    jw_key(&w, "as_of");
    jw_time(&w, s->as_of);
    jw_key(&w, "state");
    jw_string(&w, STATE[s->state]);
    jw_key(&w, "period");
    jw_string(&w, s->period.label);
    jw_key(&w, "incidents_in_period");
    jw_int(&w, (int64_t)s->metrics.incidents);
    jw_figures(&w, &s->total, s->status);
    jw_key(&w, "services");
    jw_array(&w);
    for (i = 0; i < s->n_services; i++)
        jw_service(&w, s, &s->services[i]);
    jw_array_end(&w);
    jw_key(&w, "months");
    jw_months(&w, s);
    jw_key(&w, "incidents");
    jw_incidents(&w, s);
    jw_key(&w, "maintenances");
    jw_maints(&w, s);
    jw_object_end(&w);
    fputc('\n', fp);
}

/* One Atom entry. */
static void
entry(FILE *fp, const aft_site *s, const char *kind, const char *id,
      const char *title, int64_t updated, const char *summary)
{
    char when[32], name[160];

    aft_site_file_name(name, sizeof name, id);
    fprintf(fp, "<entry><id>urn:aftercast:%s:%s:", s->file, kind);
    aft_html__text(fp, name);
    fputs("</id><title>", fp);
    aft_html__text(fp, title);
    fprintf(fp, "</title><updated>%s</updated><link href=\"index.html#%s-",
            aft_instant_format(when, updated), kind);
    aft_html__text(fp, name);
    fputs("\"/><summary>", fp);
    aft_html__text(fp, summary);
    fputs("</summary></entry>\n", fp);
}

static void
atom(FILE *fp, const aft_site *s, const aft_template *t)
{
    char when[32];
    size_t k;

    fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\""
          "http://www.w3.org/2005/Atom\">\n<title>",
          fp);
    aft_html__text(fp, s->client->name);
    fprintf(fp,
            ": incidents and maintenance</title>\n<id>urn:aftercast:%s"
            "</id>\n<updated>%s</updated>\n<link href=\"index.html\"/>\n"
            "<author><name>",
            s->file, aft_instant_format(when, s->as_of));
    aft_html__text(fp, aft_template_get(t, "company"));
    fputs("</name></author>\n", fp);
    for (k = 0; k < s->n_incidents; k++) {
        const aft_incident *inc = s->incidents[k].inc;
        int64_t up = inc->resolved_at != AFT_TIME_NONE
                             && inc->resolved_at <= s->as_of
                         ? inc->resolved_at
                         : inc->started_at;
        entry(fp, s, "incident", inc->id, inc->title, up,
              aft_report_severity(t, inc->severity));
    }
    for (k = 0; k < s->n_maints; k++) {
        const aft_maintenance *m = s->maints[k].m;
        entry(fp, s, "maintenance", m->id, m->title,
              m->notified_at != AFT_TIME_NONE && m->notified_at <= s->as_of
                  ? m->notified_at
                  : m->scheduled_start,
              aft_report_mstatus(t, m->status));
    }
    fputs("</feed>\n", fp);
}

/* A badge: "uptime" and the figure, coloured by status. */
static void
badge(FILE *fp, const aft_template *t, const aft_sla_result *r,
      aft_day_status st)
{
    char value[32];
    int lw = 54, vw;

    if (r->has_availability)
        snprintf(value, sizeof value, "%.2f%%", r->availability);
    else
        snprintf(value, sizeof value, "no data");
    vw = 12 + 7 * (int)strlen(value);
    fprintf(fp,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height="
            "\"20\" role=\"img\" aria-label=\"uptime: %s\"><title>uptime: %s"
            "</title><rect width=\"%d\" height=\"20\" fill=\"#4B5563\"/>"
            "<rect x=\"%d\" width=\"%d\" height=\"20\" fill=\"#%06X\"/>"
            "<g fill=\"#%s\" font-family=\"DejaVu Sans,Verdana,sans-serif\" "
            "font-size=\"11\"><text x=\"6\" y=\"14\" fill=\"#FFFFFF\">uptime"
            "</text><text x=\"%d\" y=\"14\">%s</text></g></svg>\n",
            lw + vw, value, value, lw, lw, vw, aft_html__status_color(t, st),
            st == AFT_DAY_WITHIN ? "1A1A1A" : "FFFFFF", lw + 6, value);
}

/* Write file NAME of the client's directory: 0 status.json, 1 the feed,
 * 2 the client's badge, 3 service svc's badge. */
static int
one(const aft_site *s, const aft_template *t, const char *dir, const char *name,
    int which, size_t svc, aft_error *err)
{
    aft_html_file f;
    char path[4400];
    int rc;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    if ((rc = aft_html__open(&f, path, err)) < 0)
        return rc;
    if (which == 0)
        status_json(f.fp, s);
    else if (which == 1)
        atom(f.fp, s, t);
    else if (which == 2)
        badge(f.fp, t, &s->total, s->status);
    else
        badge(f.fp, t, &s->services[svc].r, s->services[svc].status);
    return aft_html__close(&f, path, AFT_OK, err);
}

int
aft_html__feeds(const aft_site *s, const aft_template *t, const char *dir,
                aft_error *err)
{
    char name[200];
    size_t i;
    int rc;

    if ((rc = one(s, t, dir, "status.json", 0, 0, err)) < 0
        || (rc = one(s, t, dir, "feed.xml", 1, 0, err)) < 0
        || (rc = one(s, t, dir, "badge.svg", 2, 0, err)) < 0)
        return rc;
    for (i = 0; i < s->n_services && rc == AFT_OK; i++) {
        snprintf(name, sizeof name, "badge-%s.svg", s->services[i].file);
        rc = one(s, t, dir, name, 3, i, err);
    }
    return rc;
}
