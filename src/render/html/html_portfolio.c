/*
 * html_portfolio.c - the provider's portfolio page: every client against
 * its target over the site's period, breaches first, each linking to its
 * status page.
 */
#include <stdio.h>
#include <stdlib.h>

#include "aftercast/render_site.h"
#include "base/error.h"
#include "render/html/html_kit.h"

/* One client's row. */
static void
row(FILE *fp, const aft_site *s, const aft_template *t)
{
    fprintf(fp, "<tr data-client=\"");
    aft_html__text(fp, s->client->id);
    fputs("\" data-availability=\"", fp);
    aft_html__real(fp, s->total.has_availability, s->total.availability);
    fputs("\" data-downtime=\"", fp);
    aft_html__real(fp, 1, s->total.downtime_s);
    fprintf(fp, "\"><th scope=\"row\"><a href=\"%s/index.html\">", s->file);
    aft_html__text(fp, s->client->name);
    fputs("</a></th><td class=\"n\">", fp);
    aft_html__pct(fp, t, s->total.has_availability, s->total.availability);
    fprintf(fp,
            "</td><td class=\"n\">%.3f&#160;%%</td><td><span class=\"tag %s\">",
            s->total.target, aft_html__status_class(s->status));
    aft_html__text(fp, aft_site_status_words(t, s->status));
    fprintf(fp,
            "</span></td><td class=\"n\">%zu</td><td><img src=\"%s/badge"
            ".svg\" alt=\"\" height=\"20\"></td></tr>\n",
            s->metrics.incidents, s->file);
}

static int
page(FILE *fp, aft_site *const *sites, size_t n, const aft_template *t)
{
    size_t *order = calloc(n + 1, sizeof *order), i;
    char *period, when[AFT_WHEN_BUFSZ];

    if (order == NULL)
        return AFT_ENOMEM;
    if ((period = n ? aft_site_say(sites[0], t, "period", 0, 0) : NULL) == NULL
        && n > 0) {
        free(order);
        return AFT_ENOMEM;
    }
    aft_html__head(fp, t, "Clients' service status", NULL);
    aft_html__brand(fp, t);
    fputs("<main>\n<h1>Clients' service status</h1>\n<p class=\"asof\">", fp);
    aft_html__text(fp, period);
    if (n > 0)
        fprintf(fp, " to %s", aft_report_when_utc(when, sites[0]->as_of));
    fputs(", breaches first.</p>\n<div class=\"scroll\"><table id=\"clients\">"
          "<thead><tr><th scope=\"col\">Client</th><th scope=\"col\" class=\"n"
          "\">Availability</th><th scope=\"col\" class=\"n\">Target</th><th "
          "scope=\"col\">Status</th><th scope=\"col\" class=\"n\">Incidents"
          "</th><th scope=\"col\">Badge</th></tr></thead><tbody>\n",
          fp);
    aft_site_order(order, sites, n);
    for (i = 0; i < n; i++)
        row(fp, sites[order[i]], t);
    fputs("</tbody></table></div>\n</main>\n<footer><p>", fp);
    aft_html__text(fp, aft_template_get(t, "footer"));
    fputs("</p></footer>\n</body>\n</html>\n", fp);
    free(period);
    free(order);
    return AFT_OK;
}

int
aft_site_write_portfolio(aft_site *const *sites, size_t n,
                         const aft_template *t, const char *path,
                         aft_error *err)
{
    aft_html_file f;
    int rc;

    if ((rc = aft_html__open(&f, path, err)) < 0)
        return rc;
    if ((rc = page(f.fp, sites, n, t)) == AFT_ENOMEM)
        aft_error_set(err, rc, "out of memory");
    return aft_html__close(&f, path, rc, err);
}
