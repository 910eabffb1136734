/*
 * pdf_portfolio.c - the portfolio report as a PDF for the provider: every
 * client against its target over one period, breaches first, a client by
 * service heat map, trends, and the incidents that cost clients most.
 */
#include <stdio.h>
#include <string.h>

#include "render/pdf/pdf_kit.h"

static void
fmt_mean(char *buf, int has, double v)
{
    if (has)
        aft_duration_format(buf, v);
    else
        snprintf(buf, 32, "n/a");
}

/* The client-level result of a portfolio client: its last row. */
static const aft_sla_result *
client_total(const aft_portfolio_client *c)
{
    return &c->rows[c->n_rows - 1].r;
}

/* Five boxes: availability, clients and services on target, credits,
 * MTTR. */
static void
kpis(aft_pdf *p, const aft_portfolio *r)
{
    float w = PDF_TEXT_W / 5;
    char a[32], cm[32], sm[32], cr[32], mttr[32];

    aft_pdf__fmt_pct(a, sizeof a, &r->total);
    snprintf(cm, sizeof cm, "%zu of %zu", r->clients_met,
             r->clients_met + r->clients_breached);
    snprintf(sm, sizeof sm, "%zu of %zu", r->services_met,
             r->services_measured);
    snprintf(cr, sizeof cr, "%zu", r->clients_with_credit);
    fmt_mean(mttr, r->metrics.has_mttr, r->metrics.mttr_s);
    aft_pdf__kpi(p, PDF_MARGIN, w, "Portfolio availability", a, p->primary);
    aft_pdf__kpi(p, PDF_MARGIN + w, w, "Clients on target", cm,
                 r->clients_breached ? p->bad : p->good);
    aft_pdf__kpi(p, PDF_MARGIN + 2 * w, w, "Services on target", sm,
                 r->services_met < r->services_measured ? p->warn : p->good);
    aft_pdf__kpi(p, PDF_MARGIN + 3 * w, w, "Clients owed credit", cr,
                 r->clients_with_credit ? p->bad : PDF_INK);
    aft_pdf__kpi(p, PDF_MARGIN + 4 * w, w, "MTTR", mttr, PDF_INK);
    p->y -= 64;
}

/* Availability and MTTR against the previous period and a year before. */
static void
comparison(aft_pdf *p, const aft_portfolio *r)
{
    char a[32], mttr[32], pa[32], ya[32], pm[32], ym[32], line[1024];
    char period[64], prev[64], year[64];

    aft_period_title(period, &r->period);
    aft_pdf__fmt_pct(a, sizeof a, &r->total);
    fmt_mean(mttr, r->metrics.has_mttr, r->metrics.mttr_s);
    if (r->prev_total.has_availability)
        aft_pdf__fmt_pct(pa, sizeof pa, &r->prev_total);
    else
        snprintf(pa, sizeof pa, "no data");
    if (r->year_total.has_availability)
        aft_pdf__fmt_pct(ya, sizeof ya, &r->year_total);
    else
        snprintf(ya, sizeof ya, "no data");
    fmt_mean(pm, r->has_prev_mttr, r->prev_mttr_s);
    fmt_mean(ym, r->has_year_mttr, r->year_mttr_s);
    if (!r->year_total.has_availability)
        snprintf(ym, sizeof ym, "no data");
    if (!r->prev_total.has_availability)
        snprintf(pm, sizeof pm, "no data");
    snprintf(line, sizeof line,
             "Across all clients, availability %s %s "
             "in %s (%s: %s; a year before, %s: %s). %zu incidents started, "
             "resolved in %s on average (%s: %s; a year before: %s).",
             r->provisional ? "so far (to date, provisional) is" : "was", a,
             period, aft_period_title(prev, &r->prev), pa,
             aft_period_title(year, &r->year_ago), ya, r->metrics.incidents,
             mttr, prev, pm, ym);
    aft_pdf__paragraph(p, line, 10);
}

/* How many clients breached their target, naming them (they come first),
 * then how maintenance notice went. */
static void
breaches(aft_pdf *p, const aft_portfolio *r)
{
    char line[1024];
    size_t i, n;

    n = (size_t)snprintf(line, sizeof line,
                         "%zu client%s breached %s "
                         "target",
                         r->clients_breached,
                         r->clients_breached == 1 ? "" : "s",
                         r->clients_breached == 1 ? "its" : "their");
    for (i = 0; i < r->n_clients && n + 1 < sizeof line; i++) {
        const aft_sla_result *c = client_total(&r->clients[i]);
        if (!c->has_availability || c->met)
            break;
        n += (size_t)snprintf(line + n, sizeof line - n, "%s %s (%.3f %%)",
                              i == 0 ? ":" : ",", r->clients[i].client->name,
                              c->availability);
    }
    if (n + 2 < sizeof line)
        strcat(line, ".");
    aft_pdf__paragraph(p, line, 10);
    if (r->windows > 0) {
        char over[32];
        snprintf(line, sizeof line,
                 "Maintenance: %zu of %zu notices to "
                 "clients (%.0f %%) were given within their policy; windows "
                 "overran by %s in total.",
                 r->windows_announced, r->windows,
                 100.0 * (double)r->windows_announced / (double)r->windows,
                 aft_duration_format(over, (double)r->overrun_s));
        aft_pdf__paragraph(p, line, 10);
    }
}

static void
summary(aft_pdf *p, const aft_portfolio *r)
{
    char asof[AFT_WHEN_BUFSZ], period[64], line[1024];

    aft_period_title(period, &r->period);
    aft_pdf__text(p, PDF_MARGIN, p->y - 20, "Portfolio", 20, 1, p->primary);
    snprintf(line, sizeof line,
             "%s · %zu clients, each in its own time "
             "zone · figures as of %s",
             period, r->n_clients, aft_report_when_utc(asof, r->as_of));
    aft_pdf__text(p, PDF_MARGIN, p->y - 36, line, 8.5f, 0, p->muted);
    p->y -= 50;
    if (r->provisional) {
        snprintf(line, sizeof line,
                 "Provisional: %s is not over. Figures are to date, as of "
                 "%s, and will change until the period ends.",
                 period, asof);
        aft_pdf__fill_rect(p, p->warn, PDF_MARGIN, p->y - 4, PDF_TEXT_W, 3);
        p->y -= 8;
        aft_pdf__paragraph(p, line, 9.5f);
    }
    kpis(p, r);
    comparison(p, r);
    breaches(p, r);
}

static void
clients(aft_pdf *p, const aft_portfolio *r)
{
    static const aft_pdf_column cols[] = {
        {"Client", 140, 0},     {"Availability", 70, 1},
        {"Target", 60, 1},      {"Downtime (weighted)", 80, 1},
        {"Budget left", 75, 1}, {"Client credit", 40, 1},
        {"Incidents", 50, 1}};
    size_t i;

    aft_pdf__heading(p, "Clients against target, breaches first");
    aft_pdf__table_start(p, cols, 7);
    for (i = 0; i < r->n_clients; i++) {
        const aft_portfolio_client *c = &r->clients[i];
        const aft_sla_result *t = client_total(c);
        char a[32], tg[32], d[32], b[32], cr[32], n[32];
        const char *cells[7] = {c->client->name, a, tg, d, b, cr, n};
        unsigned colors[7] = {0,
                              aft_pdf__status_color(p, t),
                              0,
                              0,
                              t->budget_remaining_s < 0 ? p->bad : 0,
                              t->credit_percent > 0 ? p->bad : 0,
                              0};

        aft_pdf__fmt_pct(a, sizeof a, t);
        snprintf(tg, sizeof tg, "%.3f %%", t->target);
        aft_duration_format(d, t->downtime_s);
        aft_duration_format(b, t->budget_remaining_s);
        snprintf(cr, sizeof cr, "%g %%", t->credit_percent);
        snprintf(n, sizeof n, "%zu", c->metrics.incidents);
        aft_pdf__table_row(p, cols, 7, cells, colors, (int)(i % 2));
    }
}

/* The heat map's header: "Client", then the service names, up to three
 * short lines each, cut to the column width cw. */
static void
heat_header(aft_pdf *p, const aft_portfolio *r, float cw)
{
    size_t k;
    float x = PDF_MARGIN + 120;

    aft_pdf__fill_rect(p, p->primary, PDF_MARGIN, p->y - 30, PDF_TEXT_W, 30);
    aft_pdf__text(p, PDF_MARGIN + 3, p->y - 18, "Client", 7, 1, PDF_WHITE);
    for (k = 0; k < r->n_services; k++) {
        const char *name = aft_service_name(r->ds, r->services[k]);
        aft_pdf_line c = {x + 1, p->y - 9, 5.5f, 7, 1, PDF_WHITE};
        char buf[64];

        snprintf(buf, sizeof buf, "%s", name);
        if (aft_pdf__wrap(p, buf, 5.5f, 1, cw - 2, NULL, NULL) > 3)
            snprintf(buf, sizeof buf, "%.12s", r->services[k]);
        aft_pdf__wrap(p, buf, 5.5f, 1, cw - 2, aft_pdf__draw_line, &c);
        x += cw;
    }
    p->y -= 30;
}

/* The client's result for service id, or NULL when not subscribed. */
static const aft_sla_result *
service_result(const aft_portfolio_client *c, const char *id)
{
    const aft_sla_result *s = NULL;
    size_t j;

    for (j = 0; j + 1 < c->n_rows; j++)
        if (strcmp(c->rows[j].service_id, id) == 0)
            s = &c->rows[j].r;
    return s;
}

/* One client's line of the heat map: a cell per subscribed service,
 * coloured by status, with the availability when the cell is wide. */
static void
heat_row(aft_pdf *p, const aft_portfolio *r, const aft_portfolio_client *c,
         float cw)
{
    float x = PDF_MARGIN + 120;
    char v[16];
    size_t k;

    aft_pdf__text(p, PDF_MARGIN + 3, p->y - 8.5f, c->client->name, 6.5f, 0,
                  PDF_INK);
    for (k = 0; k < r->n_services; k++, x += cw) {
        const aft_sla_result *s = service_result(c, r->services[k]);

        if (s == NULL)
            continue; /* not subscribed: left blank */
        aft_pdf__fill_rect(p,
                           s->has_availability ? aft_pdf__status_color(p, s)
                                               : PDF_NO_DATA,
                           x + 0.5f, p->y - 11, cw - 1, 10.5f);
        if (s->has_availability && cw >= 22) {
            snprintf(v, sizeof v, "%.3f", s->availability);
            aft_pdf__text(p, x + cw / 2 - aft_pdf__width(p, v, 5.5f, 0) / 2,
                          p->y - 8, v, 5.5f, 0, PDF_WHITE);
        }
    }
    p->y -= 12;
}

/* Clients x services, each cell coloured by status against target. */
static void
heatmap(aft_pdf *p, const aft_portfolio *r)
{
    float cw;
    size_t i;

    aft_pdf__heading(p, "Every client and service against target");
    if (r->n_services == 0)
        return;
    cw = (PDF_PAGE_W - 2 * PDF_MARGIN - 120) / (float)r->n_services;
    if (cw > 60)
        cw = 60;
    aft_pdf__ensure(p, 50);
    heat_header(p, r, cw);
    for (i = 0; i < r->n_clients; i++) {
        if (aft_pdf__ensure(p, 12))
            heat_header(p, r, cw);
        heat_row(p, r, &r->clients[i], cw);
    }
    p->y -= 4;
    aft_pdf__legend(p, p->y - 8, 0, "no measured time", 0);
    p->y -= 18;
}

/* The target of a sparkline [x, x + w], right-aligned on the line of the
 * client's name when both fit. */
static void
target_label(aft_pdf *p, float x, float w, float y, const char *name,
             double target)
{
    char buf[48];
    float tw;

    snprintf(buf, sizeof buf, "target %.3f %%", target);
    tw = aft_pdf__width(p, buf, 6, 0);
    if (aft_pdf__width(p, name, 7, 1) + 6 + tw <= w)
        aft_pdf__text(p, x + w - tw, y, buf, 6, 0, p->primary);
}

/* The portfolio's 12-period line, then a sparkline for each client that
 * breached, three to a row. */
static void
trends(aft_pdf *p, const aft_portfolio *r)
{
    const float sw = PDF_TEXT_W / 3;
    size_t i, k = 0;

    aft_pdf__ensure(p, 190);
    aft_pdf__heading(p, "Portfolio availability over the last 12 periods");
    aft_pdf__line_chart(p, PDF_MARGIN, PDF_TEXT_W, 110, r->trend_period,
                        r->trend, 0, 0);
    if (r->clients_breached == 0)
        return;
    aft_pdf__heading(p, "Clients that breached: 12-period trend against "
                        "their target");
    for (i = 0; i < r->n_clients; i++) {
        const aft_portfolio_client *c = &r->clients[i];
        const aft_sla_result *t = client_total(c);
        float x = PDF_MARGIN + (float)(k % 3) * sw, top;

        if (!t->has_availability || t->met)
            break;
        if (k % 3 == 0)
            aft_pdf__ensure(p, 62);
        top = p->y;
        aft_pdf__text(p, x, top - 8, c->client->name, 7, 1, PDF_INK);
        target_label(p, x, sw - 12, top - 8, c->client->name, t->target);
        p->y = top - 12;
        aft_pdf__line_chart(p, x, sw - 12, 40, r->trend_period, c->trend,
                            t->target, 1);
        if (++k % 3 != 0)
            p->y = top;
        else
            p->y -= 6;
    }
    if (k % 3 != 0)
        p->y -= 56;
}

static void
incidents(aft_pdf *p, const aft_portfolio *r)
{
    static const aft_pdf_column cols[] = {
        {"Incident", 55, 0},         {"Title", 140, 0},
        {"Started", 115, 0},         {"Clients hit", 45, 1},
        {"Client-time down", 70, 1}, {"Details", 90, 0}};
    size_t i;

    aft_pdf__heading(p, "Largest incidents by customer impact");
    if (r->n_top == 0) {
        aft_pdf__paragraph(p, "No incident started in this period.", 9);
        return;
    }
    aft_pdf__table_start(p, cols, 6);
    for (i = 0; i < r->n_top; i++) {
        const aft_portfolio_incident *pi = &r->top[i];
        char n[16], d[32], rca[96];
        const char *cells[6] = {pi->inc->id, pi->inc->title, pi->started, n, d,
                                rca};

        snprintf(n, sizeof n, "%zu", pi->n_clients);
        aft_duration_format(d, pi->client_seconds);
        snprintf(rca, sizeof rca, "report rca %s", pi->inc->id);
        aft_pdf__table_row(p, cols, 6, cells, NULL, (int)(i % 2));
    }
}

int
aft_portfolio_write_pdf(const aft_portfolio *r, const aft_template *t,
                        const char *path, aft_error *err)
{
    aft_pdf p;
    size_t i;
    int rc;

    memset(&p, 0, sizeof p);
    p.doc_title = "Portfolio report";
    p.who = "All clients";
    aft_period_title(p.sub, &r->period);
    p.created = r->as_of;
    for (i = 0; i < r->n_clients; i++)
        p.want_cjk |= aft_pdf__has_cjk(r->clients[i].client->name);
    for (i = 0; i < r->n_top; i++)
        p.want_cjk |= aft_pdf__has_cjk(r->top[i].inc->title);
    if ((rc = aft_pdf__begin(&p, t, err)) < 0)
        return rc;
    summary(&p, r);
    clients(&p, r);
    heatmap(&p, r);
    trends(&p, r);
    incidents(&p, r);
    return aft_pdf__end(&p, path, err);
}
