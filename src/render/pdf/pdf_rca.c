/*
 * pdf_rca.c - the root-cause report of one incident for one client as a
 * PDF (interim while it is ongoing): what it cost, impact per service,
 * response times, timeline, root cause and preventive actions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdf/pdf_kit.h"

static const char *
dur_or(char *buf, int64_t s, const char *none)
{
    return s == AFT_TIME_NONE ? none : aft_duration_format(buf, (double)s);
}

/* A band across the page saying the figures are not final, and the
 * instant they are seen at. */
static void
interim_banner(aft_pdf *p, const aft_rca *r)
{
    char *s = aft_rca_interim(r);

    aft_pdf__ensure(p, 44);
    aft_pdf__fill_rect(p, p->warn, PDF_MARGIN, p->y - 22, PDF_TEXT_W, 22);
    aft_pdf__text(p, PDF_MARGIN + 8, p->y - 15, "Interim report", 9.5f, 1,
                  PDF_WHITE);
    p->y -= 26;
    if (s != NULL)
        aft_pdf__paragraph(p, s, 9);
    free(s);
}

/* The incident's course and its whole cost, as the model tells it. */
static void
story(aft_pdf *p, const aft_rca *r)
{
    char *s = aft_rca_story(r);

    if (s != NULL)
        aft_pdf__paragraph(p, s, 10);
    free(s);
}

static void
summary(aft_pdf *p, const aft_rca *r)
{
    const aft_incident *inc = r->inc;
    char line[1024];

    if (r->ongoing)
        interim_banner(p, r);
    aft_pdf__text(p, PDF_MARGIN, p->y - 18, inc->title, 16, 1, p->primary);
    snprintf(line, sizeof line, "%s · %s · severity: %s · times in %s", inc->id,
             r->client->name, aft_report_severity(p->t, inc->severity),
             r->client->timezone);
    aft_pdf__text(p, PDF_MARGIN, p->y - 33, line, 8.5f, 0, p->muted);
    p->y -= 46;
    story(p, r);
}

static void
impact(aft_pdf *p, const aft_rca *r)
{
    static const aft_pdf_column cols[] = {{"Service", 140, 0},
                                          {"Level", 95, 0},
                                          {"From", 85, 0},
                                          {"Until", 85, 0},
                                          {"Weighted downtime", 110, 1}};
    size_t i;

    aft_pdf__heading(p, "Impact on your services");
    aft_pdf__table_start(p, cols, 5);
    for (i = 0; i < r->n_services; i++) {
        const aft_rca_service *s = &r->services[i];
        char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ], d[32];
        const char *cells[5];

        cells[0] = aft_service_name(r->ds, s->service_id);
        cells[1] = aft_report_level(p->t, s->level);
        cells[2] = aft_local_format(a, r->tz, s->start);
        cells[3] = aft_local_format(b, r->tz, s->end);
        cells[4] = aft_duration_format(d, s->downtime_s);
        aft_pdf__table_row(p, cols, 5, cells, NULL, (int)(i % 2));
    }
}

static void
response(aft_pdf *p, const aft_rca *r)
{
    static const aft_pdf_column cols[] = {
        {"", 130, 0},
        {"This incident", 125, 1},
        {"Your month's mean (resolved)", 130, 1},
        {"Portfolio median", 130, 1}};
    const aft_metrics *m = &r->month_metrics;
    char a[3][32], b[3][32], c[3][32];
    const char *rows[3][4];
    int i;

    aft_pdf__heading(p, "Time to detect, acknowledge and resolve");
    rows[0][0] = "Time to detect";
    rows[0][1] = dur_or(a[0], r->ttd_s, "not recorded");
    rows[0][2] = m->has_mttd ? aft_duration_format(b[0], m->mttd_s) : "n/a";
    rows[0][3] = dur_or(c[0], r->med_ttd_s, "n/a");
    rows[1][0] = "Time to acknowledge";
    rows[1][1] = dur_or(a[1], r->tta_s, "not recorded");
    rows[1][2] = m->has_mtta ? aft_duration_format(b[1], m->mtta_s) : "n/a";
    rows[1][3] = dur_or(c[1], r->med_tta_s, "n/a");
    rows[2][0] = "Time to resolve";
    rows[2][1] = dur_or(a[2], r->ttr_s, "ongoing");
    rows[2][2] = m->has_mttr ? aft_duration_format(b[2], m->mttr_s) : "n/a";
    rows[2][3] = dur_or(c[2], r->med_ttr_s, "n/a");
    aft_pdf__table_start(p, cols, 4);
    for (i = 0; i < 3; i++)
        aft_pdf__table_row(p, cols, 4, rows[i], NULL, i % 2);
}

/* Indexes of the incident's updates, oldest first (a stable insertion
 * sort), or NULL when out of memory. The caller frees the result. */
static size_t *
updates_by_time(const aft_incident *inc)
{
    size_t i, *order;

    if ((order = malloc(inc->n_updates * sizeof *order)) == NULL)
        return NULL;
    for (i = 0; i < inc->n_updates; i++) {
        size_t j = i;
        order[i] = i;
        while (j > 0
               && inc->updates[order[j - 1]].at > inc->updates[order[j]].at) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
            j--;
        }
    }
    return order;
}

static void
timeline(aft_pdf *p, const aft_rca *r)
{
    static const aft_pdf_column cols[] = {
        {"Time (local)", 80, 0}, {"Status", 70, 0}, {"Update", 365, 0}};
    const aft_incident *inc = r->inc;
    size_t i, *order;

    aft_pdf__heading(p, "Timeline");
    if (inc->n_updates == 0) {
        aft_pdf__paragraph(p, "No update was published for this incident.", 9);
        return;
    }
    if ((order = updates_by_time(inc)) == NULL)
        return;
    aft_pdf__table_start(p, cols, 3);
    for (i = 0; i < inc->n_updates; i++) {
        const aft_update *u = &inc->updates[order[i]];
        char t[AFT_INSTANT_BUFSZ];
        const char *cells[3];

        if (u->at > r->as_of)
            continue;
        cells[0] = aft_local_format(t, r->tz, u->at);
        cells[1] = u->status;
        cells[2] = u->body;
        aft_pdf__table_row(p, cols, 3, cells, NULL, (int)(i % 2));
    }
    free(order);
}

static void
actions(aft_pdf *p, const aft_incident *inc)
{
    static const aft_pdf_column cols[] = {{"Preventive action", 245, 0},
                                          {"Owner", 110, 0},
                                          {"Due", 70, 0},
                                          {"Status", 90, 0}};
    size_t i;

    aft_pdf__heading(p, "Preventive actions");
    if (inc->n_actions == 0) {
        aft_pdf__paragraph(p, "No preventive action has been recorded yet.", 9);
        return;
    }
    aft_pdf__table_start(p, cols, 4);
    for (i = 0; i < inc->n_actions; i++) {
        const aft_action *a = &inc->actions[i];
        char due[AFT_INSTANT_BUFSZ];
        const char *cells[4];

        cells[0] = a->action;
        cells[1] = a->owner ? a->owner : "";
        cells[2] = a->due_day != AFT_DATE_NONE
                       ? aft_date_format(due, a->due_day)
                       : "";
        cells[3] = a->status ? a->status : "";
        aft_pdf__table_row(p, cols, 4, cells, NULL, (int)(i % 2));
    }
}

static void
cause(aft_pdf *p, const aft_rca *r)
{
    const aft_incident *inc = r->inc;

    aft_pdf__heading(p, "Root cause");
    aft_pdf__paragraph(p,
                       inc->root_cause
                           ? inc->root_cause
                           : "The root cause is still being analysed.",
                       9.5f);
    aft_pdf__heading(p, "Resolution");
    aft_pdf__paragraph(p,
                       inc->resolution ? inc->resolution
                       : r->ongoing    ? "Work on a resolution continues."
                                       : "No resolution recorded.",
                       9.5f);
    actions(p, inc);
}

/* Whether the incident's own text needs a CJK font. */
static int
needs_cjk(const aft_incident *inc)
{
    int cjk = aft_pdf__has_cjk(inc->title) || aft_pdf__has_cjk(inc->root_cause)
              || aft_pdf__has_cjk(inc->resolution);
    size_t i;

    for (i = 0; i < inc->n_updates; i++)
        cjk |= aft_pdf__has_cjk(inc->updates[i].body);
    for (i = 0; i < inc->n_actions; i++)
        cjk |= aft_pdf__has_cjk(inc->actions[i].action)
               || aft_pdf__has_cjk(inc->actions[i].owner);
    return cjk;
}

int
aft_rca_write_pdf(const aft_rca *r, const aft_template *t, const char *path,
                  aft_error *err)
{
    aft_pdf p;
    int rc;

    memset(&p, 0, sizeof p);
    p.doc_title = r->ongoing ? "Interim incident report" : "Root-cause report";
    p.who = r->client->name;
    snprintf(p.sub, sizeof p.sub, "%s", r->inc->id);
    p.created = r->as_of;
    p.want_cjk = needs_cjk(r->inc);
    if ((rc = aft_pdf__begin(&p, t, err)) < 0)
        return rc;
    summary(&p, r);
    impact(&p, r);
    response(&p, r);
    timeline(&p, r);
    cause(&p, r);
    return aft_pdf__end(&p, path, err);
}
