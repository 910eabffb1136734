/*
 * html_history.c - the lower half of a client's status page: incident
 * history with its timeline and review, planned maintenance upcoming and
 * past, the accounting policy and the links to the reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/render_site.h"
#include "base/error.h"
#include "render/html/html_kit.h"

/* A definition list entry: term, then text escaped. */
static void
dd(FILE *fp, const char *term, const char *text)
{
    fprintf(fp, "<dt>%s</dt><dd>", term);
    aft_html__text(fp, text);
    fputs("</dd>", fp);
}

/* The updates, in the order posted. */
static void
timeline(FILE *fp, const aft_site *s, const aft_incident *inc)
{
    char when[AFT_WHEN_BUFSZ];
    size_t i;

    if (inc->n_updates == 0)
        return;
    fputs("<dt>Updates</dt><dd><ol class=\"timeline\">", fp);
    for (i = 0; i < inc->n_updates; i++) {
        fputs("<li><time>", fp);
        aft_html__text(fp, aft_report_when(when, s->tz, inc->updates[i].at));
        fputs("</time> &#8212; <strong>", fp);
        aft_html__text(fp, inc->updates[i].status);
        fputs("</strong>: ", fp);
        aft_html__text(fp, inc->updates[i].body);
        fputs("</li>", fp);
    }
    fputs("</ol></dd>", fp);
}

/* The follow-up actions. */
static void
actions(FILE *fp, const aft_incident *inc)
{
    size_t i;

    if (inc->n_actions == 0)
        return;
    fputs("<dt>Preventive actions</dt><dd><ul>", fp);
    for (i = 0; i < inc->n_actions; i++) {
        fputs("<li>", fp);
        aft_html__text(fp, inc->actions[i].action);
        if (inc->actions[i].status != NULL) {
            fputs(" (", fp);
            aft_html__text(fp, inc->actions[i].status);
            fputs(")", fp);
        }
        fputs("</li>", fp);
    }
    fputs("</ul></dd>", fp);
}

/* Whether the page shows service id (the client's, not another's). */
static int
shown(const aft_site *s, const char *id)
{
    size_t i;

    for (i = 0; i < s->n_services; i++)
        if (strcmp(s->services[i].service_id, id) == 0)
            return 1;
    return 0;
}

/* One incident as a disclosure: title and start, then the details. */
static void
incident(FILE *fp, const aft_site *s, const aft_template *t, size_t k,
         int with_reports)
{
    const aft_report_incident *ri = &s->incidents[k];
    const aft_incident *inc = ri->inc;
    char when[AFT_WHEN_BUFSZ], dur[64], name[160];
    size_t j, n = 0;

    aft_site_file_name(name, sizeof name, inc->id);
    fprintf(fp, "<details class=\"inc\" id=\"incident-%s\"><summary>", name);
    aft_html__text(fp, inc->title);
    fputs("<span class=\"when\">", fp);
    aft_html__text(fp, aft_report_when(when, s->tz, inc->started_at));
    fputs(ri->ongoing ? " (ongoing)" : "", fp);
    fputs("</span></summary><dl>", fp);
    dd(fp, "Severity", aft_report_severity(t, inc->severity));
    fputs("<dt>Impact</dt><dd>", fp);
    for (j = 0; j < inc->n_impacts; j++) {
        if (!shown(s, inc->impacts[j].service_id))
            continue;
        fputs(n++ ? "; " : "", fp);
        aft_html__text(fp, aft_service_name(s->ds, inc->impacts[j].service_id));
        fputs(": ", fp);
        aft_html__text(fp, aft_report_level(t, inc->impacts[j].level));
    }
    fputs("</dd>", fp);
    dd(fp, "Duration", aft_report_duration_words(dur, (double)ri->duration_s));
    dd(fp, "Counted downtime", aft_report_duration_words(dur, ri->downtime_s));
    timeline(fp, s, inc);
    if (inc->root_cause != NULL)
        dd(fp, "Root cause", inc->root_cause);
    if (inc->resolution != NULL)
        dd(fp, "Resolution", inc->resolution);
    actions(fp, inc);
    if (with_reports && inc->root_cause != NULL)
        fprintf(fp,
                "<dt>Report</dt><dd><a href=\"reports/%s-%s.pdf\">Root-"
                "cause report (PDF)</a></dd>",
                name, s->file);
    fputs("</dl></details>\n", fp);
}

/* One window as a table row: upcoming with its notice, past with its
 * actual times. */
static int
maint(FILE *fp, const aft_site *s, const aft_template *t, size_t k)
{
    const aft_report_maint *rm = &s->maints[k];
    char a[AFT_WHEN_BUFSZ], b[AFT_WHEN_BUFSZ], name[160];
    char *notice = aft_site_say(s, t, "notice", 0, k);

    if (notice == NULL)
        return AFT_ENOMEM;
    fprintf(fp, "<tr id=\"maintenance-%s\"><td>",
            aft_site_file_name(name, sizeof name, rm->m->id));
    aft_html__text(fp, rm->m->title);
    fputs("</td><td data-label=\"Services\">", fp);
    aft_html__text(fp, rm->services);
    fputs("</td><td data-label=\"Scheduled\">", fp);
    aft_html__text(fp, aft_report_when(a, s->tz, rm->m->scheduled_start));
    fputs(" &#8211; ", fp);
    aft_html__text(fp, aft_report_when(b, s->tz, rm->m->scheduled_end));
    fprintf(fp, "</td><td data-label=\"%s\">",
            k < s->n_upcoming ? "Notice" : "Actual");
    if (k < s->n_upcoming) {
        aft_html__text(fp, notice);
    } else {
        aft_html__text(fp, aft_report_when(a, s->tz, rm->actual_start));
        fputs(" &#8211; ", fp);
        aft_html__text(fp, aft_report_when(b, s->tz, rm->actual_end));
    }
    fputs("</td><td data-label=\"Status\">", fp);
    aft_html__text(fp, aft_report_mstatus(t, rm->m->status));
    fputs("</td></tr>\n", fp);
    free(notice);
    return AFT_OK;
}

/* A table of windows [from, to). */
static int
maint_table(FILE *fp, const aft_site *s, const aft_template *t,
            const char *title, const char *col, size_t from, size_t to)
{
    size_t k;
    int rc = AFT_OK;

    fprintf(fp, "<h3>%s</h3>", title);
    if (from == to) {
        fputs("<p>None.</p>\n", fp);
        return AFT_OK;
    }
    fprintf(fp,
            "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th "
            "scope=\"col\">"
            "Window</th><th scope=\"col\">Services</th><th scope=\"col\">"
            "Scheduled</th><th scope=\"col\">%s</th><th scope=\"col\">"
            "Status</th></tr></thead><tbody>\n",
            col);
    for (k = from; k < to && rc == AFT_OK; k++)
        rc = maint(fp, s, t, k);
    fputs("</tbody></table></div>\n", fp);
    return rc;
}

/* The policy and, with the reports, the links to them. */
static int
policy(FILE *fp, const aft_site *s, const aft_template *t, int with_reports)
{
    char *text = aft_site_say(s, t, "policy", 0, 0);
    const aft_period *p = &s->month->prev;

    if (text == NULL)
        return AFT_ENOMEM;
    fputs("<section aria-labelledby=\"h-policy\"><h2 id=\"h-policy\">How "
          "availability is measured</h2><p>",
          fp);
    aft_html__text(fp, text);
    fputs("</p>", fp);
    free(text);
    if (with_reports)
        fprintf(fp,
                "<p>Report for %s: <a href=\"reports/%s-%s.pdf\">PDF</a>"
                " &#183; <a href=\"reports/%s-%s.xlsx\">XLSX</a></p>",
                p->label, s->file, p->label, s->file, p->label);
    fputs("</section>\n", fp);
    return AFT_OK;
}

int
aft_html__history(FILE *fp, const aft_site *s, const aft_template *t,
                  int with_reports)
{
    size_t k;
    int rc;

    fputs("<section aria-labelledby=\"h-inc\"><h2 id=\"h-inc\">Incident "
          "history</h2>\n",
          fp);
    if (s->n_incidents == 0)
        fputs("<p>No incident in the last 12 months.</p>\n", fp);
    for (k = 0; k < s->n_incidents; k++)
        incident(fp, s, t, k, with_reports);
    fputs("</section>\n<section aria-labelledby=\"h-maint\"><h2 id=\"h-maint"
          "\">Planned maintenance</h2>\n",
          fp);
    rc = maint_table(fp, s, t, "Upcoming", "Notice", 0, s->n_upcoming);
    if (rc == AFT_OK)
        rc = maint_table(fp, s, t, "Past", "Actual", s->n_upcoming,
                         s->n_maints);
    fputs("</section>\n", fp);
    return rc == AFT_OK ? policy(fp, s, t, with_reports) : rc;
}
