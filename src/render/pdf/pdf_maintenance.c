/*
 * pdf_maintenance.c - the post-maintenance report of one window for one
 * client as a PDF: what was done, the schedule against the actual times,
 * the notice given, what the work counted against the SLA, issues met.
 */
#include <stdio.h>
#include <string.h>

#include "render/pdf/pdf_kit.h"

/* The sentence on what the window counted against the SLA, and why. */
static void
counted_text(char *buf, size_t size, const aft_mreport *r, const char *early,
             const char *over)
{
    const aft_report_maint *w = &r->w;
    char d[32];

    if (w->counted_s <= 0 && w->announced && w->overrun_s == 0
        && w->early_s == 0)
        snprintf(buf, size,
                 "Nothing: the work was announced within your "
                 "notice policy and stayed inside its window, which is "
                 "excluded from the measured time.");
    else if (w->counted_s <= 0)
        snprintf(buf, size,
                 "Nothing: the part of the work that would count "
                 "(%s) fell outside your measured service time.",
                 w->announced ? "outside the announced window"
                              : "all of it, as notice was late");
    else if (w->announced)
        snprintf(buf, size,
                 "%s of weighted downtime: the window itself was "
                 "excluded, but work outside it (an early start of %s, an "
                 "overrun of %s) counts as an outage.",
                 aft_duration_format(d, w->counted_s), early, over);
    else
        snprintf(buf, size,
                 "%s of weighted downtime: the work was not "
                 "announced within your %d-day notice policy, so all of it "
                 "counts as an outage.",
                 aft_duration_format(d, w->counted_s), r->client->notice_days);
}

/* The sentence on the window's share of the month's error budget. */
static void
effect_text(char *buf, size_t size, const aft_mreport *r)
{
    char month[64];

    aft_period_title(month, &r->month);
    if (r->month_total.has_availability && r->month_total.budget_s > 0)
        snprintf(buf, size,
                 "%.0f %% of %s's error budget; the month stands "
                 "at %.3f %% against %.3f %%",
                 100 * r->w.counted_s / r->month_total.budget_s, month,
                 r->month_total.availability, r->month_total.target);
    else
        snprintf(buf, size, "none measurable in %s", month);
}

/* "start to end (duration)" in the client's local time. */
static void
span_text(char *buf, size_t size, const aft_tz *tz, int64_t start, int64_t end)
{
    char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ], d[32];

    snprintf(buf, size, "%s to %s (%s)", aft_local_format(a, tz, start),
             aft_local_format(b, tz, end),
             aft_duration_format(d, (double)(end - start)));
}

static void
notice_text(char *buf, size_t size, const aft_mreport *r)
{
    if (r->w.has_notice)
        snprintf(buf, size,
                 "%.1f days ahead; your policy asks for %d days: "
                 "%s",
                 r->w.lead_days, r->client->notice_days,
                 r->w.announced ? "within policy" : "not within policy");
    else
        snprintf(buf, size,
                 "no notice was given; your policy asks for %d "
                 "days",
                 r->client->notice_days);
}

/* The schedule and its consequences as a table of facts. */
static void
schedule(aft_pdf *p, const aft_mreport *r)
{
    const aft_report_maint *w = &r->w;
    char sched[96], act[96], over[32], early[32], notice[160];
    char counted[512], effect[160];
    const char *kv[] = {
        "Services affected",
        w->services,
        "Scheduled",
        sched,
        "Actual",
        act,
        "Overrun",
        over,
        "Early start",
        early,
        "Notice",
        notice,
        "Counted against your SLA",
        counted,
        "Effect on the month",
        effect,
    };

    aft_pdf__heading(p, "Schedule");
    span_text(sched, sizeof sched, r->tz, w->m->scheduled_start,
              w->m->scheduled_end);
    span_text(act, sizeof act, r->tz, w->actual_start, w->actual_end);
    aft_duration_format(over, (double)w->overrun_s);
    aft_duration_format(early, (double)w->early_s);
    notice_text(notice, sizeof notice, r);
    counted_text(counted, sizeof counted, r, early, over);
    effect_text(effect, sizeof effect, r);
    aft_pdf__facts(p, kv, 8);
}

int
aft_mreport_write_pdf(const aft_mreport *r, const aft_template *t,
                      const char *path, aft_error *err)
{
    const aft_maintenance *m = r->w.m;
    char line[512], when[AFT_WHEN_BUFSZ];
    aft_pdf p;
    int rc;

    memset(&p, 0, sizeof p);
    p.doc_title = "Post-maintenance report";
    p.who = r->client->name;
    snprintf(p.sub, sizeof p.sub, "%s", m->id);
    p.created = r->as_of;
    p.want_cjk = aft_pdf__has_cjk(m->title) || aft_pdf__has_cjk(m->summary)
                 || aft_pdf__has_cjk(m->issues)
                 || aft_pdf__has_cjk(r->w.services);
    if ((rc = aft_pdf__begin(&p, t, err)) < 0)
        return rc;
    aft_pdf__text(&p, PDF_MARGIN, p.y - 18, m->title, 16, 1, p.primary);
    snprintf(line, sizeof line, "%s · %s · %s · times in %s", m->id,
             r->client->name, aft_report_mstatus(t, m->status),
             r->client->timezone);
    aft_pdf__text(&p, PDF_MARGIN, p.y - 33, line, 8.5f, 0, p.muted);
    snprintf(line, sizeof line, "Figures as of %s",
             aft_report_when(when, r->tz, r->as_of));
    aft_pdf__text(&p, PDF_MARGIN, p.y - 44, line, 8.5f, 0, p.muted);
    p.y -= 57;
    aft_pdf__heading(&p, "What was done");
    aft_pdf__paragraph(&p, m->summary ? m->summary : "No summary was recorded.",
                       9.5f);
    schedule(&p, r);
    aft_pdf__heading(&p, "Issues met");
    aft_pdf__paragraph(&p,
                       m->issues && *m->issues ? m->issues
                                               : "No issue was recorded.",
                       9.5f);
    return aft_pdf__end(&p, path, err);
}
