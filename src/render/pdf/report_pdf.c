/*
 * report_pdf.c - the monthly report as a PDF to send: executive summary
 * first, services, daily and 12-month charts, incidents, maintenance,
 * communication and the accounting policy. DejaVu Sans is embedded for
 * Latin, Greek and Cyrillic; runs of CJK text switch to Droid Sans
 * Fallback. Tables continue across pages with their header repeated.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "aftercast/report.h"
#include "base/error.h"

#define FONT_DIR "/usr/share/fonts/truetype"
#define PAGE_W 595.0f
#define PAGE_H 842.0f
#define MARGIN 40.0f
#define TOP (PAGE_H - 78.0f)       /* below the header band */
#define BOTTOM 52.0f               /* above the footer */
#define MAX_PAGES 512

typedef struct pdf {
    HPDF_Doc    doc;
    HPDF_Font   font, bold, cjk;
    HPDF_Page   page;
    HPDF_Page   pages[MAX_PAGES];
    int         n_pages;
    HPDF_Image  logo;
    float       y;                 /* cursor, from the bottom */
    const aft_monthly  *r;         /* the monthly report, or NULL */
    const aft_template *t;
    const char *doc_title;         /* header line 1, metadata subject */
    const char *who;               /* the client's name */
    char        sub[128];          /* the period or the record */
    int         want_cjk;          /* some text needs the CJK font */
    int64_t     created;           /* the as-of: creation date */
    unsigned    primary, accent, good, warn, bad, muted;
    HPDF_STATUS error, detail;
} pdf;

static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    pdf *p = user;

    if (p->error == 0) {
        p->error = error_no;
        p->detail = detail_no;
    }
}

static void
rgb(pdf *p, unsigned c, int fill)
{
    float r = (float)((c >> 16) & 0xff) / 255.0f;
    float g = (float)((c >> 8) & 0xff) / 255.0f;
    float b = (float)(c & 0xff) / 255.0f;

    if (fill)
        HPDF_Page_SetRGBFill(p->page, r, g, b);
    else
        HPDF_Page_SetRGBStroke(p->page, r, g, b);
}

/* ---- text ---- */

static int
is_cjk(unsigned cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF)
           || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF)
           || (cp >= 0x3000 && cp <= 0x30FF);
}

/* Length of the UTF-8 sequence at s and its code point. */
static int
utf8_next(const char *s, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] < 0x80) { *cp = u[0]; return 1; }
    if ((u[0] & 0xe0) == 0xc0 && u[1]) {
        *cp = ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
        return 2;
    }
    if ((u[0] & 0xf0) == 0xe0 && u[1] && u[2]) {
        *cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
        return 3;
    }
    if ((u[0] & 0xf8) == 0xf0 && u[1] && u[2] && u[3]) {
        *cp = 0xFFFD;   /* outside the BMP: not drawable with UTF-8 CIDs */
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

/* Length of the run at s drawn with one font; *cjk tells which. */
static size_t
run_len(const pdf *p, const char *s, size_t n, int *cjk)
{
    size_t i = 0;
    unsigned cp;
    int first = -1;

    while (i < n) {
        int k = utf8_next(s + i, &cp);
        int c = p->cjk != NULL && is_cjk(cp);
        if (first < 0)
            first = c;
        else if (c != first)
            break;
        i += (size_t)k;
    }
    *cjk = first > 0;
    return i;
}

static HPDF_Font
run_font(const pdf *p, int cjk, int bold)
{
    return cjk ? p->cjk : bold ? p->bold : p->font;
}

static float
width_n(pdf *p, const char *s, size_t n, float size, int bold)
{
    float w = 0;
    size_t i = 0;

    while (i < n) {
        int cjk;
        size_t k = run_len(p, s + i, n - i, &cjk);
        HPDF_TextWidth tw = HPDF_Font_TextWidth(run_font(p, cjk, bold),
                                                (const HPDF_BYTE *)s + i,
                                                (HPDF_UINT)k);
        w += (float)tw.width * size / 1000.0f;
        i += k;
    }
    return w;
}

static float
width(pdf *p, const char *s, float size, int bold)
{
    return width_n(p, s, strlen(s), size, bold);
}

/* Draw n bytes of s with its left edge at x, baseline y. */
static void
text_n(pdf *p, float x, float y, const char *s, size_t n, float size,
       int bold, unsigned color)
{
    size_t i = 0;
    char buf[1024];

    HPDF_Page_BeginText(p->page);
    rgb(p, color, 1);
    HPDF_Page_MoveTextPos(p->page, x, y);
    while (i < n) {
        int cjk;
        size_t k = run_len(p, s + i, n - i, &cjk);
        if (k >= sizeof buf)
            k = sizeof buf - 1;
        memcpy(buf, s + i, k);
        buf[k] = '\0';
        HPDF_Page_SetFontAndSize(p->page, run_font(p, cjk, bold), size);
        HPDF_Page_ShowText(p->page, buf);
        i += k;
    }
    HPDF_Page_EndText(p->page);
}

static void
text(pdf *p, float x, float y, const char *s, float size, int bold,
     unsigned color)
{
    text_n(p, x, y, s ? s : "", s ? strlen(s) : 0, size, bold, color);
}

static void
text_right(pdf *p, float right, float y, const char *s, float size, int bold,
           unsigned color)
{
    text(p, right - width(p, s, size, bold), y, s, size, bold, color);
}

/* Break s into lines no wider than w: at spaces, else between code
 * points. Calls line(start, len) for each; returns the count. */
typedef void (*line_fn)(pdf *p, const char *s, size_t n, void *ctx);

static int
wrap(pdf *p, const char *s, float size, int bold, float w, line_fn fn,
     void *ctx)
{
    int lines = 0;

    if (s == NULL || *s == '\0')
        return 0;
    while (*s) {
        size_t n = strlen(s), end = 0, brk = 0, i = 0;
        unsigned cp;

        while (i < n && s[i] != '\n') {
            size_t k = (size_t)utf8_next(s + i, &cp);
            if (width_n(p, s, i + k, size, bold) > w && end > 0)
                break;
            i += k;
            end = i;
            if (s[i] == ' ')
                brk = i;
        }
        if (i < n && s[i] != '\n' && brk > 0)
            end = brk;
        if (end == 0)
            end = i > 0 ? i : (size_t)utf8_next(s, &cp);
        if (fn)
            fn(p, s, end, ctx);
        lines++;
        s += end;
        while (*s == ' ' || *s == '\n')
            s++;
    }
    return lines;
}

typedef struct line_ctx {
    float x, y, size, lead;
    int bold;
    unsigned color;
} line_ctx;

static void
draw_line(pdf *p, const char *s, size_t n, void *ctx)
{
    line_ctx *c = ctx;

    text_n(p, c->x, c->y, s, n, c->size, c->bold, c->color);
    c->y -= c->lead;
}

/* ---- pages ---- */

static void
header(pdf *p)
{
    float x = MARGIN;
    char line[512];

    rgb(p, p->primary, 1);
    HPDF_Page_Rectangle(p->page, 0, PAGE_H - 56, PAGE_W, 56);
    HPDF_Page_Fill(p->page);
    if (p->logo != NULL) {
        float h = 36, w = h * (float)HPDF_Image_GetWidth(p->logo)
                          / (float)HPDF_Image_GetHeight(p->logo);
        HPDF_Page_DrawImage(p->page, p->logo, x, PAGE_H - 46, w, h);
        x += w + 10;
    }
    text(p, x, PAGE_H - 33, aft_template_get(p->t, "company"), 13, 1,
         0xFFFFFF);
    snprintf(line, sizeof line, "%s · %s", p->doc_title, p->sub);
    text_right(p, PAGE_W - MARGIN, PAGE_H - 26, line, 9, 0, 0xFFFFFF);
    text_right(p, PAGE_W - MARGIN, PAGE_H - 40, p->who, 9, 1, 0xFFFFFF);
}

static int
new_page(pdf *p)
{
    if (p->n_pages == MAX_PAGES)
        return -1;
    p->page = HPDF_AddPage(p->doc);
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    p->pages[p->n_pages++] = p->page;
    header(p);
    p->y = TOP;
    return 0;
}

/* Room for h points below the cursor, else a new page. 1 if a page was
 * started. */
static int
ensure(pdf *p, float h)
{
    if (p->y - h >= BOTTOM)
        return 0;
    new_page(p);
    return 1;
}

static void
footers(pdf *p)
{
    int i;
    char right[512];

    for (i = 0; i < p->n_pages; i++) {
        p->page = p->pages[i];
        rgb(p, p->muted, 0);
        HPDF_Page_SetLineWidth(p->page, 0.5);
        HPDF_Page_MoveTo(p->page, MARGIN, 40);
        HPDF_Page_LineTo(p->page, PAGE_W - MARGIN, 40);
        HPDF_Page_Stroke(p->page);
        text(p, MARGIN, 29, aft_template_get(p->t, "footer"), 7, 0, p->muted);
        snprintf(right, sizeof right, "%s · %s · page %d of %d", p->who,
                 p->sub, i + 1, p->n_pages);
        text_right(p, PAGE_W - MARGIN, 19, right, 7, 0, p->muted);
    }
}

static void
heading(pdf *p, const char *s)
{
    ensure(p, 60);
    p->y -= 18;
    text(p, MARGIN, p->y, s, 13, 1, p->primary);
    p->y -= 8;
    rgb(p, p->accent, 0);
    HPDF_Page_SetLineWidth(p->page, 1);
    HPDF_Page_MoveTo(p->page, MARGIN, p->y);
    HPDF_Page_LineTo(p->page, PAGE_W - MARGIN, p->y);
    HPDF_Page_Stroke(p->page);
    p->y -= 14;
}

/* A paragraph line at the cursor, starting a page when it is full. */
static void
flow_line(pdf *p, const char *s, size_t n, void *ctx)
{
    const line_ctx *c = ctx;

    ensure(p, c->lead);
    text_n(p, MARGIN, p->y - c->size, s, n, c->size, 0, c->color);
    p->y -= c->lead;
}

/* Text of any length, wrapped and continued across pages. */
static void
paragraph(pdf *p, const char *s, float size)
{
    line_ctx c = {MARGIN, 0, size, size * 1.4f, 0, 0x222222};

    if (wrap(p, s, size, 0, PAGE_W - 2 * MARGIN, flow_line, &c) > 0)
        p->y -= 6;
}

/* ---- tables ---- */

typedef struct column {
    const char *title;
    float       width;
    int         right;       /* right-aligned (figures) */
} column;

#define CELL_SIZE 7.5f
#define CELL_MAX_CHARS 600   /* longer cell text is cut with an ellipsis */
#define CELL_LEAD 9.5f
#define CELL_PAD 3.0f

static void
table_header(pdf *p, const column *cols, int n)
{
    float x = MARGIN, h = 0;
    int i;

    for (i = 0; i < n; i++) {
        int l = wrap(p, cols[i].title, CELL_SIZE, 1,
                     cols[i].width - 2 * CELL_PAD, NULL, NULL);
        if (l * CELL_LEAD > h)
            h = (float)l * CELL_LEAD;
    }
    h += 2 * CELL_PAD;
    rgb(p, p->primary, 1);
    HPDF_Page_Rectangle(p->page, MARGIN, p->y - h, PAGE_W - 2 * MARGIN, h);
    HPDF_Page_Fill(p->page);
    for (i = 0; i < n; i++) {
        line_ctx c = {x + CELL_PAD, p->y - CELL_PAD - CELL_SIZE, CELL_SIZE,
                      CELL_LEAD, 1, 0xFFFFFF};
        wrap(p, cols[i].title, CELL_SIZE, 1, cols[i].width - 2 * CELL_PAD,
             draw_line, &c);
        x += cols[i].width;
    }
    p->y -= h;
}

/* One row; starts a new page (header repeated) when it does not fit. */
static void
table_row(pdf *p, const column *cols, int n, const char *const *in,
          const unsigned *colors, int shade)
{
    float x = MARGIN, h = 0;
    const char *cells[16];
    char *cut[16] = {NULL};
    int i;

    /* A table cell holds a summary; the full text is in the workbook and
     * the root-cause report. */
    for (i = 0; i < n && i < 16; i++) {
        cells[i] = in[i];
        if (in[i] != NULL && strlen(in[i]) > CELL_MAX_CHARS
            && (cut[i] = malloc(CELL_MAX_CHARS + 4)) != NULL) {
            size_t k = CELL_MAX_CHARS;
            while (k > 0 && ((unsigned char)in[i][k] & 0xC0) == 0x80)
                k--;   /* not inside a UTF-8 sequence */
            memcpy(cut[i], in[i], k);
            memcpy(cut[i] + k, "\xe2\x80\xa6", 4);   /* ... */
            cells[i] = cut[i];
        }
    }

    for (i = 0; i < n; i++) {
        int l = wrap(p, cells[i], CELL_SIZE, 0, cols[i].width - 2 * CELL_PAD,
                     NULL, NULL);
        if (l * CELL_LEAD > h)
            h = (float)l * CELL_LEAD;
    }
    if (h == 0)
        h = CELL_LEAD;
    h += 2 * CELL_PAD;
    if (ensure(p, h))
        table_header(p, cols, n);
    if (shade) {
        rgb(p, 0xF2F4F7, 1);
        HPDF_Page_Rectangle(p->page, MARGIN, p->y - h, PAGE_W - 2 * MARGIN,
                            h);
        HPDF_Page_Fill(p->page);
    }
    for (i = 0; i < n; i++) {
        unsigned color = colors && colors[i] ? colors[i] : 0x222222;
        if (cols[i].right) {
            const char *s = cells[i] ? cells[i] : "";
            text_right(p, x + cols[i].width - CELL_PAD,
                       p->y - CELL_PAD - CELL_SIZE, s, CELL_SIZE, 0, color);
        } else {
            line_ctx c = {x + CELL_PAD, p->y - CELL_PAD - CELL_SIZE,
                          CELL_SIZE, CELL_LEAD, 0, color};
            wrap(p, cells[i], CELL_SIZE, 0, cols[i].width - 2 * CELL_PAD,
                 draw_line, &c);
        }
        x += cols[i].width;
    }
    p->y -= h;
    for (i = 0; i < n && i < 16; i++)
        free(cut[i]);
}

static void
table_start(pdf *p, const column *cols, int n)
{
    ensure(p, 50);
    table_header(p, cols, n);
}

/* ---- figures ---- */

static void
fmt_pct(char *buf, size_t size, const aft_sla_result *s)
{
    if (s->has_availability)
        snprintf(buf, size, "%.3f %%", s->availability);
    else
        snprintf(buf, size, "n/a");
}

static unsigned
status_color(const pdf *p, const aft_sla_result *s)
{
    if (!s->has_availability)
        return p->muted;
    if (s->met)
        return p->good;
    /* Within twice the budget: amber; beyond: red. */
    return s->availability >= 100 - 2 * (100 - s->target) ? p->warn : p->bad;
}

static void
kpi(pdf *p, float x, float w, const char *label, const char *value,
    unsigned color)
{
    rgb(p, 0xF2F4F7, 1);
    HPDF_Page_Rectangle(p->page, x, p->y - 50, w - 6, 50);
    HPDF_Page_Fill(p->page);
    float size = 14;

    while (size > 7 && width(p, value, size, 1) > w - 18)
        size -= 0.5f;
    text(p, x + 6, p->y - 14, label, 7, 0, p->muted);
    text(p, x + 6, p->y - 36, value, size, 1, color);
}

static void
summary(pdf *p)
{
    const aft_monthly *r = p->r;
    const aft_sla_result *tot = aft_monthly_total(r);
    char a[32], t[32], c[32], n[32], m[32], line[512], *s;
    float w = (PAGE_W - 2 * MARGIN) / 6;

    text(p, MARGIN, p->y - 20, r->client->name, 20, 1, p->primary);
    {
        char asof[AFT_INSTANT_BUFSZ], title[64];
        snprintf(line, sizeof line, "%s · %s · times in %s · figures as of %s",
                 aft_template_get(p->t, "text.title"),
                 aft_period_title(title, &r->period), r->client->timezone,
                 aft_instant_format(asof, r->as_of));
    }
    text(p, MARGIN, p->y - 36, line, 8.5f, 0, p->muted);
    p->y -= 50;
    fmt_pct(a, sizeof a, tot);
    snprintf(t, sizeof t, "%.3f %%", tot->target);
    snprintf(c, sizeof c, "%g %%", tot->credit_percent);
    snprintf(n, sizeof n, "%zu", r->metrics.incidents);
    if (r->metrics.has_mttr)
        aft_duration_format(m, r->metrics.mttr_s);
    else
        snprintf(m, sizeof m, "n/a");
    kpi(p, MARGIN, w, "Availability", a, status_color(p, tot));
    kpi(p, MARGIN + w, w, "Target", t, 0x222222);
    kpi(p, MARGIN + 2 * w, w, "Status",
        !tot->has_availability ? "n/a" : tot->met ? "MET" : "BREACHED",
        status_color(p, tot));
    kpi(p, MARGIN + 3 * w, w, "Service credit", c,
        tot->credit_percent > 0 ? p->bad : 0x222222);
    kpi(p, MARGIN + 4 * w, w, "Incidents", n, 0x222222);
    kpi(p, MARGIN + 5 * w, w, "MTTR", m, 0x222222);
    p->y -= 64;
    s = aft_monthly_text(r, p->t, !tot->has_availability ? "summary_na"
                                  : tot->met ? "summary_met"
                                             : "summary_breached");
    paragraph(p, s, 10);
    free(s);
    s = aft_monthly_text(r, p->t, tot->credit_percent > 0 ? "credits_owed"
                                                          : "credits_none");
    paragraph(p, s, 10);
    free(s);
    s = aft_monthly_text(r, p->t, r->metrics.incidents ? "incidents_summary"
                                                       : "no_incidents");
    paragraph(p, s, 10);
    free(s);
    s = aft_monthly_text(r, p->t, "compare");
    paragraph(p, s, 9);
    free(s);
}

static void
services(pdf *p)
{
    static const column cols[] = {
        {"Service", 120, 0}, {"Target", 55, 1}, {"Availability", 65, 1},
        {"Downtime (weighted)", 70, 1}, {"Excluded (maintenance)", 70, 1},
        {"Error budget used", 60, 1}, {"Budget left", 75, 1}
    };
    const aft_monthly *r = p->r;
    size_t i;

    heading(p, "Services");
    table_start(p, cols, 7);
    for (i = 0; i < r->n_rows; i++) {
        const aft_avail_row *row = &r->rows[i];
        char t[32], a[32], d[32], x[32], u[32], l[32];
        const char *cells[7];
        unsigned colors[7] = {0, 0, status_color(p, &row->r), 0, 0, 0,
                              row->r.budget_remaining_s < 0 ? p->bad : 0};

        snprintf(t, sizeof t, "%.3f %%", row->r.target);
        fmt_pct(a, sizeof a, &row->r);
        aft_duration_format(d, row->r.downtime_s);
        aft_duration_format(x, (double)row->r.excluded_s);
        if (row->r.budget_s > 0)
            snprintf(u, sizeof u, "%.0f %%",
                     100 * row->r.downtime_s / row->r.budget_s);
        else
            snprintf(u, sizeof u, "n/a");
        aft_duration_format(l, row->r.budget_remaining_s);
        cells[0] = row->service_id ? aft_service_name(r->ds, row->service_id)
                                   : "All services";
        cells[1] = t;
        cells[2] = a;
        cells[3] = d;
        cells[4] = x;
        cells[5] = u;
        cells[6] = l;
        table_row(p, cols, 7, cells, colors, row->service_id == NULL);
    }
}

/* Key to the status colours, on one line at y. */
static void
legend(pdf *p, float y)
{
    const char *const names[] = {"met target", "within twice the budget",
                                 "breached", "no measured time"};
    const unsigned colors[] = {p->good, p->warn, p->bad, 0xE5E7EB};
    float x = MARGIN + 34;
    int i;

    for (i = 0; i < 4; i++) {
        rgb(p, colors[i], 1);
        HPDF_Page_Rectangle(p->page, x, y, 7, 7);
        HPDF_Page_Fill(p->page);
        text(p, x + 10, y + 0.5f, names[i], 7, 0, p->muted);
        x += 20 + width(p, names[i], 7, 0);
    }
}

/* Bars of the daily availability, coloured by how each day went. */
static void
daily_chart(pdf *p)
{
    const aft_monthly *r = p->r;
    const float h = 130, left = MARGIN + 34, w = PAGE_W - MARGIN - left;
    double lo = 100, target = aft_monthly_total(r)->target;
    float bw, base;
    size_t i;
    char buf[32];

    ensure(p, h + 70);
    heading(p, "Daily availability");
    for (i = 0; i < r->n_days; i++)
        if (r->days[i].has_availability && r->days[i].availability < lo)
            lo = r->days[i].availability;
    if (target < lo)
        lo = target;
    lo = floor(lo - (100 - lo) * 0.25 - 0.05);
    if (lo > 99.5)
        lo = 99.5;
    if (lo < 0)
        lo = 0;
    ensure(p, h + 30);
    base = p->y - h;
    bw = w / (float)(r->n_days ? r->n_days : 1);
    /* axis and labels */
    rgb(p, p->muted, 0);
    HPDF_Page_SetLineWidth(p->page, 0.5);
    HPDF_Page_MoveTo(p->page, left, base);
    HPDF_Page_LineTo(p->page, left + w, base);
    HPDF_Page_Stroke(p->page);
    snprintf(buf, sizeof buf, "%.1f %%", lo);
    text_right(p, left - 4, base - 3, buf, 7, 0, p->muted);
    text_right(p, left - 4, base + h - 3, "100 %", 7, 0, p->muted);
    for (i = 0; i < r->n_days; i++) {
        const aft_sla_result *d = &r->days[i];
        float bh = d->has_availability
            ? (float)((d->availability - lo) / (100 - lo)) * h : 3;
        float x = left + (float)i * bw;

        if (bh < 1)
            bh = 1;
        rgb(p, d->has_availability ? status_color(p, d) : 0xE5E7EB, 1);
        HPDF_Page_Rectangle(p->page, x + bw * 0.15f, base, bw * 0.7f, bh);
        HPDF_Page_Fill(p->page);
        if (r->n_days <= 31 || i % 7 == 0) {
            int64_t y;
            unsigned m, dd;
            aft_civil_from_days(r->period.start_day + (int64_t)i, &y, &m,
                                &dd);
            if (r->n_days <= 31 ? (dd == 1 || dd % 5 == 0) : 1) {
                snprintf(buf, sizeof buf, r->n_days <= 31 ? "%u" : "%u/%u",
                         r->n_days <= 31 ? dd : m, dd);
                text(p, x + bw / 2 - width(p, buf, 6.5f, 0) / 2, base - 10,
                     buf, 6.5f, 0, p->muted);
            }
        }
    }
    /* target line */
    {
        float ty = base + (float)((target - lo) / (100 - lo)) * h;
        HPDF_UINT16 dash[] = {3, 2};
        rgb(p, p->primary, 0);
        HPDF_Page_SetDash(p->page, dash, 2, 0);
        HPDF_Page_MoveTo(p->page, left, ty);
        HPDF_Page_LineTo(p->page, left + w, ty);
        HPDF_Page_Stroke(p->page);
        HPDF_Page_SetDash(p->page, NULL, 0, 0);
        snprintf(buf, sizeof buf, "target %.3f %%", target);
        text_right(p, left + w, ty + 3, buf, 6.5f, 0, p->primary);
    }
    legend(p, base - 22);
    p->y = base - 34;
}

/* A line over 12 periods against a target (none when target <= 0),
 * points coloured by status, inside [x, x + w] and h high below the
 * cursor; small: no axis labels (a sparkline). */
static void
line_chart(pdf *p, float x0, float w, float h, const aft_period *periods,
           const aft_sla_result *vals, double target, int small)
{
    const float left = x0 + (small ? 0 : 34);
    double lo = 100;
    float base, step, py = 0;
    int i, have = 0;
    char buf[32];

    w -= left - x0 + (small ? 0 : 10);
    step = w / (AFT_TREND_PERIODS - 1);
    for (i = 0; i < AFT_TREND_PERIODS; i++)
        if (vals[i].has_availability && vals[i].availability < lo)
            lo = vals[i].availability;
    if (target > 0 && target < lo)
        lo = target;
    lo = floor(lo - (100 - lo) * 0.25 - 0.05);
    if (lo > 99.5)
        lo = 99.5;
    if (lo < 0)
        lo = 0;
    base = p->y - h;
    rgb(p, p->muted, 0);
    HPDF_Page_SetLineWidth(p->page, 0.5);
    HPDF_Page_MoveTo(p->page, left, base);
    HPDF_Page_LineTo(p->page, left + w, base);
    HPDF_Page_Stroke(p->page);
    snprintf(buf, sizeof buf, "%.1f %%", lo);
    if (!small) {
        text_right(p, left - 4, base - 3, buf, 7, 0, p->muted);
        text_right(p, left - 4, base + h - 3, "100 %", 7, 0, p->muted);
    }
    if (target > 0) {
        float ty = base + (float)((target - lo) / (100 - lo)) * h;
        HPDF_UINT16 dash[] = {3, 2};
        rgb(p, p->primary, 0);
        HPDF_Page_SetDash(p->page, dash, 2, 0);
        HPDF_Page_MoveTo(p->page, left, ty);
        HPDF_Page_LineTo(p->page, left + w, ty);
        HPDF_Page_Stroke(p->page);
        HPDF_Page_SetDash(p->page, NULL, 0, 0);
        snprintf(buf, sizeof buf, "target %.3f %%", target);
        if (!small)
            text_right(p, left + w, ty + 3, buf, 6.5f, 0, p->primary);
    }
    /* The polyline, then the points coloured by status. */
    HPDF_Page_SetLineWidth(p->page, 1.5);
    rgb(p, p->accent, 0);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        const aft_sla_result *t = &vals[i];
        float x = left + (float)i * step;
        if (!t->has_availability)
            continue;
        py = base + (float)((t->availability - lo) / (100 - lo)) * h;
        if (!have)
            HPDF_Page_MoveTo(p->page, x, py);
        else
            HPDF_Page_LineTo(p->page, x, py);
        have = 1;
    }
    if (have)
        HPDF_Page_Stroke(p->page);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        const aft_sla_result *t = &vals[i];
        float x = left + (float)i * step;
        if (!small)
            text(p, x - width(p, periods[i].label, 6, 0) / 2, base - 10,
                 periods[i].label, 6, 0, p->muted);
        if (!t->has_availability)
            continue;
        py = base + (float)((t->availability - lo) / (100 - lo)) * h;
        rgb(p, target > 0 ? status_color(p, t) : p->accent, 1);
        HPDF_Page_Circle(p->page, x, py, small ? 1.5f : 2.5f);
        HPDF_Page_Fill(p->page);
    }
    p->y = base - (small ? 4 : 24);
}

static void
trend_chart(pdf *p)
{
    const float h = 120;

    ensure(p, h + 70);
    heading(p, "Availability over the last 12 periods");
    line_chart(p, MARGIN, PAGE_W - 2 * MARGIN, h, p->r->trend_period,
               p->r->trend, aft_monthly_total(p->r)->target, 0);
}

static void
incidents(pdf *p)
{
    static const column cols[] = {
        {"Incident", 52, 0}, {"Title", 120, 0}, {"Sev.", 28, 0},
        {"Start", 62, 0}, {"Duration", 45, 1}, {"Services", 78, 0},
        {"Root cause", 130, 0}
    };
    const aft_monthly *r = p->r;
    char h[128];
    size_t i;

    heading(p, "Incidents");
    if (r->n_incidents == 0) {
        paragraph(p, "No incident affected your services in this period.",
                  9);
        return;
    }
    snprintf(h, sizeof h, "Start (local time)");
    {
        column c[7];
        memcpy(c, cols, sizeof c);
        c[3].title = h;
        table_start(p, c, 7);
        for (i = 0; i < r->n_incidents; i++) {
            const aft_report_incident *ri = &r->incidents[i];
            char start[AFT_INSTANT_BUFSZ], dur[48];
            const char *cells[7];

            aft_local_format(start, r->tz, ri->inc->started_at);
            aft_duration_format(dur, (double)ri->duration_s);
            if (ri->ongoing)
                strcat(dur, " (ongoing)");
            cells[0] = ri->inc->id;
            cells[1] = ri->inc->title;
            cells[2] = aft_severity_str(ri->inc->severity);
            cells[3] = start;
            cells[4] = dur;
            cells[5] = ri->services;
            cells[6] = ri->inc->root_cause ? ri->inc->root_cause : "";
            table_row(p, c, 7, cells, NULL, (int)(i % 2));
        }
    }
}

static void
maintenance(pdf *p)
{
    static const column cols[] = {
        {"Maintenance", 120, 0}, {"Scheduled", 92, 0}, {"Actual", 92, 0},
        {"Notice (policy)", 62, 1}, {"Overrun", 45, 1},
        {"Counted against SLA", 104, 1}
    };
    const aft_monthly *r = p->r;
    size_t i;

    heading(p, "Maintenance windows");
    if (r->n_maints == 0) {
        paragraph(p, "No maintenance was scheduled on your services in this "
                  "period.", 9);
        return;
    }
    table_start(p, cols, 6);
    for (i = 0; i < r->n_maints; i++) {
        const aft_report_maint *rm = &r->maints[i];
        char name[512], sched[80], act[80], a[AFT_INSTANT_BUFSZ];
        char b[AFT_INSTANT_BUFSZ], notice[64], over[40], counted[96];
        const char *cells[6];
        unsigned colors[6] = {0, 0, 0, rm->announced ? p->good : p->bad,
                              rm->overrun_s ? p->warn : 0,
                              rm->counted_s > 0 ? p->bad : 0};

        snprintf(name, sizeof name, "%s %s (%s)", rm->m->id, rm->m->title,
                 rm->services);
        snprintf(sched, sizeof sched, "%s - %s",
                 aft_local_format(a, r->tz, rm->m->scheduled_start),
                 aft_local_format(b, r->tz, rm->m->scheduled_end) + 11);
        snprintf(act, sizeof act, "%s - %s",
                 aft_local_format(a, r->tz, rm->actual_start),
                 aft_local_format(b, r->tz, rm->actual_end) + 11);
        if (rm->has_notice)
            snprintf(notice, sizeof notice, "%.1f d (%d d)", rm->lead_days,
                     r->client->notice_days);
        else
            snprintf(notice, sizeof notice, "none (%d d)",
                     r->client->notice_days);
        aft_duration_format(over, (double)rm->overrun_s);
        if (rm->counted_s > 0)
            snprintf(counted, sizeof counted, "%s%s",
                     aft_duration_format(a, rm->counted_s),
                     rm->announced ? " (outside window)" : " (late notice)");
        else
            snprintf(counted, sizeof counted, "none");
        cells[0] = name;
        cells[1] = sched;
        cells[2] = act;
        cells[3] = notice;
        cells[4] = over;
        cells[5] = counted;
        table_row(p, cols, 6, cells, colors, (int)(i % 2));
    }
}

static void
communication(pdf *p)
{
    static const column cols[] = {
        {"Incident", 80, 0}, {"First update", 90, 1},
        {"Longest silence", 90, 1}, {"Promise kept", 80, 0}
    };
    const aft_monthly *r = p->r;
    char *s;
    size_t i;

    heading(p, "How we kept you informed");
    s = aft_monthly_text(r, p->t, "communication");
    paragraph(p, s, 9);
    free(s);
    if (r->metrics.maintenances > 0) {
        char line[160];
        snprintf(line, sizeof line, "Maintenance notice: %zu of %zu windows "
                 "were announced at least %d days ahead.",
                 r->metrics.maintenances_announced, r->metrics.maintenances,
                 r->client->notice_days);
        paragraph(p, line, 9);
    }
    if (r->n_incidents == 0)
        return;
    table_start(p, cols, 4);
    for (i = 0; i < r->n_incidents; i++) {
        const aft_report_incident *ri = &r->incidents[i];
        char fu[32], si[32];
        const char *cells[4];
        unsigned colors[4] = {0, 0, 0, ri->update_breach ? p->bad : p->good};

        if (ri->first_update_s != AFT_TIME_NONE)
            aft_duration_format(fu, (double)ri->first_update_s);
        else
            snprintf(fu, sizeof fu, "none");
        aft_duration_format(si, (double)ri->silence_s);
        cells[0] = ri->inc->id;
        cells[1] = fu;
        cells[2] = si;
        cells[3] = ri->update_breach ? "no" : "yes";
        table_row(p, cols, 4, cells, colors, (int)(i % 2));
    }
}

static void
policy(pdf *p)
{
    char *s = aft_monthly_text(p->r, p->t, "policy");

    heading(p, "How these figures are calculated");
    paragraph(p, s, 8.5f);
    free(s);
}

/* CJK fonts, best first: glyf TrueType only (libharu cannot embed CFF).
 * Entry 0 is $AFTERCAST_CJK_FONT. */
static const char *const CJK_FONTS[] = {
    NULL,
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
    FONT_DIR "/vlgothic/VL-PGothic-Regular.ttf",
    FONT_DIR "/droid/DroidSansFallbackFull.ttf",
};

static int
has_cjk(const char *s)
{
    unsigned cp;

    while (s != NULL && *s) {
        s += utf8_next(s, &cp);
        if (is_cjk(cp))
            return 1;
    }
    return 0;
}

/* Whether any text of the report needs a CJK font: loading one costs
 * about 100 KB of PDF even when unused. */
static int
needs_cjk(const pdf *p)
{
    const aft_monthly *r = p->r;
    size_t i;

    if (has_cjk(r->client->name) || has_cjk(aft_template_get(p->t, "company"))
        || has_cjk(aft_template_get(p->t, "footer")))
        return 1;
    for (i = 0; i < r->n_incidents; i++)
        if (has_cjk(r->incidents[i].inc->title)
            || has_cjk(r->incidents[i].inc->root_cause)
            || has_cjk(r->incidents[i].services))
            return 1;
    for (i = 0; i < r->n_maints; i++)
        if (has_cjk(r->maints[i].m->title) || has_cjk(r->maints[i].services))
            return 1;
    for (i = 0; i < r->n_rows; i++)
        if (r->rows[i].service_id
            && has_cjk(aft_service_name(r->ds, r->rows[i].service_id)))
            return 1;
    return 0;
}

static int
load_fonts(pdf *p, aft_error *err)
{
    const char *name;

    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    if ((name = HPDF_LoadTTFontFromFile(p->doc, FONT_DIR "/dejavu/DejaVuSans.ttf",
                                        HPDF_TRUE)) == NULL
        || (p->font = HPDF_GetFont(p->doc, name, "UTF-8")) == NULL)
        return aft_error_set(err, AFT_EIO, "cannot load font %s",
                             FONT_DIR "/dejavu/DejaVuSans.ttf");
    if ((name = HPDF_LoadTTFontFromFile(p->doc,
                                        FONT_DIR "/dejavu/DejaVuSans-Bold.ttf",
                                        HPDF_TRUE)) == NULL
        || (p->bold = HPDF_GetFont(p->doc, name, "UTF-8")) == NULL)
        return aft_error_set(err, AFT_EIO, "cannot load font %s",
                             FONT_DIR "/dejavu/DejaVuSans-Bold.ttf");
    if (p->want_cjk) {
        const char *env = getenv("AFTERCAST_CJK_FONT");
        size_t i;
        for (i = 0; i < sizeof CJK_FONTS / sizeof CJK_FONTS[0]; i++) {
            const char *path = i == 0 ? env : CJK_FONTS[i];
            if (path == NULL || access(path, R_OK) != 0)
                continue;
            if ((name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE))
                != NULL) {
                p->cjk = HPDF_GetFont(p->doc, name, "UTF-8");
                break;
            }
            HPDF_ResetError(p->doc);
        }
    }
    HPDF_ResetError(p->doc);
    p->error = 0;
    return AFT_OK;
}

static void
metadata(pdf *p)
{
    char title[512];
    HPDF_Date d;
    int64_t y;
    unsigned m, day;
    int64_t t = p->created, days = t / 86400 - (t % 86400 < 0);
    int64_t secs = t - days * 86400;

    snprintf(title, sizeof title, "%s: %s, %s", p->doc_title, p->who,
             p->sub);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR,
                     aft_template_get(p->t, "company"));
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, p->doc_title);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "aftercast");
    aft_civil_from_days(days, &y, &m, &day);
    memset(&d, 0, sizeof d);
    d.year = (HPDF_INT)y;
    d.month = (HPDF_INT)m;
    d.day = (HPDF_INT)day;
    d.hour = (HPDF_INT)(secs / 3600);
    d.minutes = (HPDF_INT)(secs / 60 % 60);
    d.seconds = (HPDF_INT)(secs % 60);
    d.ind = 'Z';
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
}

/* Start a document: colours, fonts, logo, metadata, the first page. */
static int
doc_begin(pdf *p, const aft_template *t, aft_error *err)
{
    const char *logo = aft_template_get(t, "logo");
    int rc;

    p->t = t;
    p->primary = aft_template_color(t, "primary", 0x1F3A5F);
    p->accent = aft_template_color(t, "accent", 0x3D7DCA);
    p->good = aft_template_color(t, "good", 0x2E7D32);
    p->warn = aft_template_color(t, "warn", 0xE0A100);
    p->bad = aft_template_color(t, "bad", 0xC62828);
    p->muted = aft_template_color(t, "muted", 0x6B7280);
    p->want_cjk |= has_cjk(p->who) || has_cjk(aft_template_get(t, "company"))
                   || has_cjk(aft_template_get(t, "footer"));
    if ((p->doc = HPDF_New(on_error, p)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "cannot start a PDF");
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    if ((rc = load_fonts(p, err)) < 0)
        return rc;
    if (logo != NULL && *logo != '\0')
        p->logo = HPDF_LoadPngImageFromFile(p->doc, logo);
    metadata(p);
    new_page(p);
    return AFT_OK;
}

/* Footers on every page, then save through path.tmp. Frees the doc. */
static int
doc_end(pdf *p, const char *path, aft_error *err)
{
    char tmp[4096];
    int rc = AFT_OK;

    footers(p);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (p->error != 0)
        rc = aft_error_set(err, AFT_ERROR, "PDF error 0x%04X (detail %u) "
                           "writing '%s'", (unsigned)p->error,
                           (unsigned)p->detail, path);
    else if (HPDF_SaveToFile(p->doc, tmp) != HPDF_OK || p->error != 0
             || rename(tmp, path) != 0) {
        unlink(tmp);
        rc = aft_error_set(err, AFT_EIO, "cannot write '%s'", path);
    }
    HPDF_Free(p->doc);
    p->doc = NULL;
    return rc;
}

int
aft_monthly_write_pdf(const aft_monthly *r, const aft_template *t,
                      const char *path, aft_error *err)
{
    pdf p;
    int rc;

    memset(&p, 0, sizeof p);
    p.r = r;
    p.doc_title = aft_template_get(t, "text.title");
    p.who = r->client->name;
    aft_period_title(p.sub, &r->period);
    p.created = r->as_of;
    p.t = t;
    p.want_cjk = needs_cjk(&p);
    if ((rc = doc_begin(&p, t, err)) < 0) {
        HPDF_Free(p.doc);
        return rc;
    }
    summary(&p);
    services(&p);
    daily_chart(&p);
    trend_chart(&p);
    incidents(&p);
    maintenance(&p);
    communication(&p);
    policy(&p);
    return doc_end(&p, path, err);
}

/* ------------------------------------------------------------------ */
/* Root-cause and post-maintenance reports                             */

/* A two-column table of facts: label, value. */
static void
facts(pdf *p, const char *const *kv, int n)
{
    static const column cols[] = {{"", 150, 0}, {"", 365, 0}};
    int i;

    for (i = 0; i < n; i++) {
        const char *cells[2] = {kv[2 * i], kv[2 * i + 1]};
        table_row(p, cols, 2, cells, NULL, i % 2);
    }
    p->y -= 6;
}

static const char *
dur_or(char *buf, int64_t s, const char *none)
{
    return s == AFT_TIME_NONE ? none : aft_duration_format(buf, (double)s);
}

static void
rca_summary(pdf *p, const aft_rca *r)
{
    const aft_incident *inc = r->inc;
    char start[AFT_INSTANT_BUFSZ], end[AFT_INSTANT_BUFSZ], dur[32], d[32];
    char line[1024], month[64], share[160];
    const aft_sla_result *mt = &r->month_total;

    if (r->ongoing) {
        ensure(p, 30);
        rgb(p, p->warn, 1);
        HPDF_Page_Rectangle(p->page, MARGIN, p->y - 22, PAGE_W - 2 * MARGIN,
                            22);
        HPDF_Page_Fill(p->page);
        text(p, MARGIN + 8, p->y - 15, "Interim report: this incident is "
             "still ongoing; figures are as of the time below.", 9.5f, 1,
             0xFFFFFF);
        p->y -= 30;
    }
    text(p, MARGIN, p->y - 18, inc->title, 16, 1, p->primary);
    snprintf(line, sizeof line, "%s · %s · severity %s · times in %s",
             inc->id, r->client->name, aft_severity_str(inc->severity),
             r->client->timezone);
    text(p, MARGIN, p->y - 33, line, 8.5f, 0, p->muted);
    p->y -= 46;
    aft_local_format(start, r->tz, inc->started_at);
    aft_local_format(end, r->tz, aft_incident_end(inc, r->as_of));
    aft_duration_format(dur, (double)(aft_incident_end(inc, r->as_of)
                                      - inc->started_at));
    aft_duration_format(d, r->downtime_s);
    aft_period_title(month, &r->month);
    if (mt->budget_s > 0)
        snprintf(share, sizeof share, "%.0f %% of %s's error budget",
                 100 * r->downtime_s / mt->budget_s, month);
    else
        snprintf(share, sizeof share, "no error budget in %s", month);
    if (r->ongoing)
        snprintf(line, sizeof line, "%s began on %s and has lasted %s so "
                 "far. It has counted %s of weighted downtime against your "
                 "services (%s).", inc->title, start, dur, d, share);
    else
        snprintf(line, sizeof line, "%s began on %s and was resolved on %s, "
                 "after %s. It counted %s of weighted downtime against your "
                 "services (%s).", inc->title, start, end, dur, d, share);
    paragraph(p, line, 10);
    if (mt->has_availability) {
        snprintf(line, sizeof line, "Your availability for %s stands at "
                 "%.3f %% against a target of %.3f %% (%s).", month,
                 mt->availability, mt->target,
                 mt->met ? "met" : "not met");
        paragraph(p, line, 10);
    }
}

static void
rca_impact(pdf *p, const aft_rca *r)
{
    static const column cols[] = {
        {"Service", 140, 0}, {"Level", 95, 0}, {"From", 85, 0},
        {"Until", 85, 0}, {"Weighted downtime", 110, 1}
    };
    size_t i;

    heading(p, "Impact on your services");
    if (r->n_services == 0) {
        paragraph(p, "None of your subscribed services was affected.", 9);
        return;
    }
    table_start(p, cols, 5);
    for (i = 0; i < r->n_services; i++) {
        const aft_rca_service *s = &r->services[i];
        char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ], d[32];
        const char *cells[5];

        cells[0] = aft_service_name(r->ds, s->service_id);
        cells[1] = aft_level_str(s->level);
        cells[2] = aft_local_format(a, r->tz, s->start);
        cells[3] = aft_local_format(b, r->tz, s->end);
        cells[4] = aft_duration_format(d, s->downtime_s);
        table_row(p, cols, 5, cells, NULL, (int)(i % 2));
    }
}

static void
rca_response(pdf *p, const aft_rca *r)
{
    static const column cols[] = {
        {"", 130, 0}, {"This incident", 125, 1},
        {"Your month's mean", 130, 1}, {"Portfolio median", 130, 1}
    };
    const aft_metrics *m = &r->month_metrics;
    char a[3][32], b[3][32], c[3][32];
    const char *rows[3][4];
    int i;

    heading(p, "Time to detect, acknowledge and resolve");
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
    table_start(p, cols, 4);
    for (i = 0; i < 3; i++)
        table_row(p, cols, 4, rows[i], NULL, i % 2);
}

static void
rca_timeline(pdf *p, const aft_rca *r)
{
    static const column cols[] = {
        {"Time (local)", 80, 0}, {"Status", 70, 0}, {"Update", 365, 0}
    };
    const aft_incident *inc = r->inc;
    size_t i, *order;

    heading(p, "Timeline");
    if (inc->n_updates == 0) {
        paragraph(p, "No update was published for this incident.", 9);
        return;
    }
    if ((order = malloc(inc->n_updates * sizeof *order)) == NULL)
        return;
    for (i = 0; i < inc->n_updates; i++) {   /* oldest first */
        size_t j = i;
        order[i] = i;
        while (j > 0 && inc->updates[order[j - 1]].at
                            > inc->updates[order[j]].at) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
            j--;
        }
    }
    table_start(p, cols, 3);
    for (i = 0; i < inc->n_updates; i++) {
        const aft_update *u = &inc->updates[order[i]];
        char t[AFT_INSTANT_BUFSZ];
        const char *cells[3];

        if (u->at > r->as_of)
            continue;
        cells[0] = aft_local_format(t, r->tz, u->at);
        cells[1] = u->status;
        cells[2] = u->body;
        table_row(p, cols, 3, cells, NULL, (int)(i % 2));
    }
    free(order);
}

static void
rca_cause(pdf *p, const aft_rca *r)
{
    static const column cols[] = {
        {"Preventive action", 245, 0}, {"Owner", 110, 0}, {"Due", 70, 0},
        {"Status", 90, 0}
    };
    const aft_incident *inc = r->inc;
    size_t i;

    heading(p, "Root cause");
    paragraph(p, inc->root_cause ? inc->root_cause
                                 : "The root cause is still being analysed.",
              9.5f);
    heading(p, "Resolution");
    paragraph(p, inc->resolution ? inc->resolution
                                 : r->ongoing ? "Work on a resolution "
                                   "continues." : "No resolution recorded.",
              9.5f);
    heading(p, "Preventive actions");
    if (inc->n_actions == 0) {
        paragraph(p, "No preventive action has been recorded yet.", 9);
        return;
    }
    table_start(p, cols, 4);
    for (i = 0; i < inc->n_actions; i++) {
        const aft_action *a = &inc->actions[i];
        char due[AFT_INSTANT_BUFSZ];
        const char *cells[4];

        cells[0] = a->action;
        cells[1] = a->owner ? a->owner : "";
        cells[2] = a->due_day != AFT_DATE_NONE
                   ? aft_date_format(due, a->due_day) : "";
        cells[3] = a->status ? a->status : "";
        table_row(p, cols, 4, cells, NULL, (int)(i % 2));
    }
}

int
aft_rca_write_pdf(const aft_rca *r, const aft_template *t, const char *path,
                  aft_error *err)
{
    pdf p;
    size_t i;
    int rc;

    memset(&p, 0, sizeof p);
    p.doc_title = r->ongoing ? "Interim incident report"
                             : "Root-cause report";
    p.who = r->client->name;
    snprintf(p.sub, sizeof p.sub, "%s", r->inc->id);
    p.created = r->as_of;
    p.want_cjk = has_cjk(r->inc->title) || has_cjk(r->inc->root_cause)
                 || has_cjk(r->inc->resolution);
    for (i = 0; i < r->inc->n_updates; i++)
        p.want_cjk |= has_cjk(r->inc->updates[i].body);
    for (i = 0; i < r->inc->n_actions; i++)
        p.want_cjk |= has_cjk(r->inc->actions[i].action)
                      || has_cjk(r->inc->actions[i].owner);
    if ((rc = doc_begin(&p, t, err)) < 0) {
        HPDF_Free(p.doc);
        return rc;
    }
    rca_summary(&p, r);
    rca_impact(&p, r);
    rca_response(&p, r);
    rca_timeline(&p, r);
    rca_cause(&p, r);
    return doc_end(&p, path, err);
}

int
aft_mreport_write_pdf(const aft_mreport *r, const aft_template *t,
                      const char *path, aft_error *err)
{
    const aft_report_maint *w = &r->w;
    const aft_maintenance *m = w->m;
    char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ], c[AFT_INSTANT_BUFSZ];
    char d[AFT_INSTANT_BUFSZ], sd[32], ad[32], over[32], early[32];
    char sched[96], act[96], notice[160], counted[512], line[512], effect[160];
    char month[64];
    pdf p;
    int rc;

    memset(&p, 0, sizeof p);
    p.doc_title = "Post-maintenance report";
    p.who = r->client->name;
    snprintf(p.sub, sizeof p.sub, "%s", m->id);
    p.created = r->as_of;
    p.want_cjk = has_cjk(m->title) || has_cjk(m->summary)
                 || has_cjk(m->issues) || has_cjk(w->services);
    if ((rc = doc_begin(&p, t, err)) < 0) {
        HPDF_Free(p.doc);
        return rc;
    }
    text(&p, MARGIN, p.y - 18, m->title, 16, 1, p.primary);
    snprintf(line, sizeof line, "%s · %s · %s · times in %s", m->id,
             r->client->name, aft_mstatus_str(m->status),
             r->client->timezone);
    text(&p, MARGIN, p.y - 33, line, 8.5f, 0, p.muted);
    p.y -= 46;
    heading(&p, "What was done");
    paragraph(&p, m->summary ? m->summary : "No summary was recorded.", 9.5f);
    heading(&p, "Schedule");
    snprintf(sched, sizeof sched, "%s to %s (%s)",
             aft_local_format(a, r->tz, m->scheduled_start),
             aft_local_format(b, r->tz, m->scheduled_end),
             aft_duration_format(sd, (double)(m->scheduled_end
                                              - m->scheduled_start)));
    snprintf(act, sizeof act, "%s to %s (%s)",
             aft_local_format(c, r->tz, w->actual_start),
             aft_local_format(d, r->tz, w->actual_end),
             aft_duration_format(ad, (double)(w->actual_end
                                              - w->actual_start)));
    aft_duration_format(over, (double)w->overrun_s);
    aft_duration_format(early, (double)w->early_s);
    if (w->has_notice)
        snprintf(notice, sizeof notice, "%.1f days ahead; your policy asks "
                 "for %d days: %s", w->lead_days, r->client->notice_days,
                 w->announced ? "within policy" : "not within policy");
    else
        snprintf(notice, sizeof notice, "no notice was given; your policy "
                 "asks for %d days", r->client->notice_days);
    aft_period_title(month, &r->month);
    if (w->counted_s <= 0 && w->announced && w->overrun_s == 0
        && w->early_s == 0)
        snprintf(counted, sizeof counted, "Nothing: the work was announced "
                 "within your notice policy and stayed inside its window, "
                 "which is excluded from the measured time.");
    else if (w->counted_s <= 0)
        snprintf(counted, sizeof counted, "Nothing: the part of the work "
                 "that would count (%s) fell outside your measured service "
                 "time.", w->announced ? "outside the announced window"
                                       : "all of it, as notice was late");
    else if (w->announced)
        snprintf(counted, sizeof counted, "%s of weighted downtime: the "
                 "window itself was excluded, but work outside it (an early "
                 "start of %s, an overrun of %s) counts as an outage.",
                 aft_duration_format(a, w->counted_s), early, over);
    else
        snprintf(counted, sizeof counted, "%s of weighted downtime: the "
                 "work was not announced within your %d-day notice policy, "
                 "so all of it counts as an outage.",
                 aft_duration_format(a, w->counted_s),
                 r->client->notice_days);
    if (r->month_total.has_availability && r->month_total.budget_s > 0)
        snprintf(effect, sizeof effect, "%.0f %% of %s's error budget; the "
                 "month stands at %.3f %% against %.3f %%",
                 100 * w->counted_s / r->month_total.budget_s, month,
                 r->month_total.availability, r->month_total.target);
    else
        snprintf(effect, sizeof effect, "none measurable in %s", month);
    {
        const char *kv[] = {
            "Services affected", w->services,
            "Scheduled", sched, "Actual", act,
            "Overrun", over, "Early start", early,
            "Notice", notice,
            "Counted against your SLA", counted,
            "Effect on the month", effect,
        };
        facts(&p, kv, 8);
    }
    heading(&p, "Issues met");
    paragraph(&p, m->issues && *m->issues ? m->issues
                                          : "No issue was recorded.", 9.5f);
    return doc_end(&p, path, err);
}

/* ------------------------------------------------------------------ */
/* Portfolio report                                                    */

static void
fmt_mean(char *buf, int has, double v)
{
    if (has)
        aft_duration_format(buf, v);
    else
        snprintf(buf, 32, "n/a");
}

static void
portfolio_summary(pdf *p, const aft_portfolio *r)
{
    const aft_sla_result *t = &r->total;
    float w = (PAGE_W - 2 * MARGIN) / 5;
    char a[32], cm[32], sm[32], cr[32], mttr[32], pa[32], ya[32], pm[32];
    char ym[32], line[1024], period[64], prev[64], year[64];
    size_t i, n = 0;

    aft_period_title(period, &r->period);
    text(p, MARGIN, p->y - 20, "Portfolio", 20, 1, p->primary);
    {
        char asof[AFT_INSTANT_BUFSZ];
        snprintf(line, sizeof line, "%s · %zu clients, each in its own time "
                 "zone · figures as of %s", period, r->n_clients,
                 aft_instant_format(asof, r->as_of));
    }
    text(p, MARGIN, p->y - 36, line, 8.5f, 0, p->muted);
    p->y -= 50;
    fmt_pct(a, sizeof a, t);
    snprintf(cm, sizeof cm, "%zu of %zu", r->clients_met,
             r->clients_met + r->clients_breached);
    snprintf(sm, sizeof sm, "%zu of %zu", r->services_met,
             r->services_measured);
    snprintf(cr, sizeof cr, "%zu", r->clients_with_credit);
    fmt_mean(mttr, r->metrics.has_mttr, r->metrics.mttr_s);
    kpi(p, MARGIN, w, "Portfolio availability", a, p->primary);
    kpi(p, MARGIN + w, w, "Clients on target", cm,
        r->clients_breached ? p->bad : p->good);
    kpi(p, MARGIN + 2 * w, w, "Services on target", sm,
        r->services_met < r->services_measured ? p->warn : p->good);
    kpi(p, MARGIN + 3 * w, w, "Clients owed credit", cr,
        r->clients_with_credit ? p->bad : 0x222222);
    kpi(p, MARGIN + 4 * w, w, "MTTR", mttr, 0x222222);
    p->y -= 64;
    fmt_pct(pa, sizeof pa, &r->prev_total);
    fmt_pct(ya, sizeof ya, &r->year_total);
    fmt_mean(pm, r->prev_metrics.has_mttr, r->prev_metrics.mttr_s);
    fmt_mean(ym, r->year_metrics.has_mttr, r->year_metrics.mttr_s);
    snprintf(line, sizeof line, "Across all clients, availability was %s "
             "in %s (%s: %s; a year before, %s: %s). %zu incidents started, "
             "resolved in %s on average (%s: %s; a year before: %s).", a,
             period, aft_period_title(prev, &r->prev), pa,
             aft_period_title(year, &r->year_ago), ya, r->metrics.incidents,
             mttr, prev, pm, ym);
    paragraph(p, line, 10);
    n = (size_t)snprintf(line, sizeof line, "%zu client%s breached %s "
                         "target", r->clients_breached,
                         r->clients_breached == 1 ? "" : "s",
                         r->clients_breached == 1 ? "its" : "their");
    for (i = 0; i < r->n_clients && n + 1 < sizeof line; i++) {
        const aft_sla_result *c = &r->clients[i].rows[r->clients[i].n_rows
                                                      - 1].r;
        if (!c->has_availability || c->met)
            break;
        n += (size_t)snprintf(line + n, sizeof line - n, "%s %s (%.3f %%)",
                              i == 0 ? ":" : ",", r->clients[i].client->name,
                              c->availability);
    }
    if (n + 2 < sizeof line)
        strcat(line, ".");
    paragraph(p, line, 10);
    if (r->windows > 0) {
        char over[32];
        snprintf(line, sizeof line, "Maintenance: %zu of %zu notices to "
                 "clients (%.0f %%) were given within their policy; windows "
                 "overran by %s in total.", r->windows_announced, r->windows,
                 100.0 * (double)r->windows_announced / (double)r->windows,
                 aft_duration_format(over, (double)r->overrun_s));
        paragraph(p, line, 10);
    }
}

static void
portfolio_clients(pdf *p, const aft_portfolio *r)
{
    static const column cols[] = {
        {"Client", 140, 0}, {"Availability", 70, 1}, {"Target", 60, 1},
        {"Downtime (weighted)", 80, 1}, {"Budget left", 75, 1},
        {"Credit", 40, 1}, {"Incidents", 50, 1}
    };
    size_t i;

    heading(p, "Clients against target, breaches first");
    table_start(p, cols, 7);
    for (i = 0; i < r->n_clients; i++) {
        const aft_portfolio_client *c = &r->clients[i];
        const aft_sla_result *t = &c->rows[c->n_rows - 1].r;
        char a[32], tg[32], d[32], b[32], cr[32], n[32];
        const char *cells[7] = {c->client->name, a, tg, d, b, cr, n};
        unsigned colors[7] = {0, status_color(p, t), 0, 0,
                              t->budget_remaining_s < 0 ? p->bad : 0,
                              t->credit_percent > 0 ? p->bad : 0, 0};

        fmt_pct(a, sizeof a, t);
        snprintf(tg, sizeof tg, "%.3f %%", t->target);
        aft_duration_format(d, t->downtime_s);
        aft_duration_format(b, t->budget_remaining_s);
        snprintf(cr, sizeof cr, "%g %%", t->credit_percent);
        snprintf(n, sizeof n, "%zu", c->metrics.incidents);
        table_row(p, cols, 7, cells, colors, (int)(i % 2));
    }
}

/* Clients x services, each cell coloured by status against target. */
static void
heat_header(pdf *p, const aft_portfolio *r, float cw)
{
    size_t k;
    float x = MARGIN + 120;

    rgb(p, p->primary, 1);
    HPDF_Page_Rectangle(p->page, MARGIN, p->y - 30, PAGE_W - 2 * MARGIN, 30);
    HPDF_Page_Fill(p->page);
    text(p, MARGIN + 3, p->y - 18, "Client", 7, 1, 0xFFFFFF);
    for (k = 0; k < r->n_services; k++) {
        const char *name = aft_service_name(r->ds, r->services[k]);
        line_ctx c = {x + 1, p->y - 9, 5.5f, 7, 1, 0xFFFFFF};
        /* up to three short lines, cut to the column */
        char buf[64];
        snprintf(buf, sizeof buf, "%s", name);
        if (wrap(p, buf, 5.5f, 1, cw - 2, NULL, NULL) > 3)
            snprintf(buf, sizeof buf, "%.12s", r->services[k]);
        wrap(p, buf, 5.5f, 1, cw - 2, draw_line, &c);
        x += cw;
    }
    p->y -= 30;
}

static void
heatmap(pdf *p, const aft_portfolio *r)
{
    float cw, x;
    size_t i, k, j;
    char v[16];

    heading(p, "Every client and service against target");
    if (r->n_services == 0)
        return;
    cw = (PAGE_W - 2 * MARGIN - 120) / (float)r->n_services;
    if (cw > 60)
        cw = 60;
    ensure(p, 50);
    heat_header(p, r, cw);
    for (i = 0; i < r->n_clients; i++) {
        const aft_portfolio_client *c = &r->clients[i];

        if (ensure(p, 12))
            heat_header(p, r, cw);
        text(p, MARGIN + 3, p->y - 8.5f, c->client->name, 6.5f, 0, 0x222222);
        for (k = 0, x = MARGIN + 120; k < r->n_services; k++, x += cw) {
            const aft_sla_result *s = NULL;
            for (j = 0; j + 1 < c->n_rows; j++)
                if (strcmp(c->rows[j].service_id, r->services[k]) == 0)
                    s = &c->rows[j].r;
            if (s == NULL)
                continue;   /* not subscribed: left blank */
            rgb(p, s->has_availability ? status_color(p, s) : 0xE5E7EB, 1);
            HPDF_Page_Rectangle(p->page, x + 0.5f, p->y - 11, cw - 1, 10.5f);
            HPDF_Page_Fill(p->page);
            if (s->has_availability && cw >= 22) {
                snprintf(v, sizeof v, s->availability >= 99.995 ? "100"
                         : "%.2f", s->availability);
                text(p, x + cw / 2 - width(p, v, 5.5f, 0) / 2, p->y - 8,
                     v, 5.5f, 0, 0xFFFFFF);
            }
        }
        p->y -= 12;
    }
    p->y -= 4;
    legend(p, p->y - 8);
    p->y -= 18;
}

static void
portfolio_trends(pdf *p, const aft_portfolio *r)
{
    const float sw = (PAGE_W - 2 * MARGIN) / 3;
    size_t i, k = 0;

    ensure(p, 190);
    heading(p, "Portfolio availability over the last 12 periods");
    line_chart(p, MARGIN, PAGE_W - 2 * MARGIN, 110, r->trend_period,
               r->trend, 0, 0);
    if (r->clients_breached == 0)
        return;
    heading(p, "Clients that breached: 12-period trend against their target");
    for (i = 0; i < r->n_clients; i++) {
        const aft_portfolio_client *c = &r->clients[i];
        const aft_sla_result *t = &c->rows[c->n_rows - 1].r;
        float x = MARGIN + (float)(k % 3) * sw, top;

        if (!t->has_availability || t->met)
            break;
        if (k % 3 == 0)
            ensure(p, 62);
        top = p->y;
        text(p, x, top - 8, c->client->name, 7, 1, 0x222222);
        p->y = top - 12;
        line_chart(p, x, sw - 12, 40, r->trend_period, c->trend, t->target,
                   1);
        if (++k % 3 != 0)
            p->y = top;
        else
            p->y -= 6;
    }
    if (k % 3 != 0)
        p->y -= 56;
}

static void
portfolio_incidents(pdf *p, const aft_portfolio *r)
{
    static const column cols[] = {
        {"Incident", 55, 0}, {"Title", 175, 0}, {"Started", 80, 0},
        {"Clients hit", 45, 1}, {"Client-time down", 70, 1},
        {"Details", 90, 0}
    };
    size_t i;

    heading(p, "Largest incidents by customer impact");
    if (r->n_top == 0) {
        paragraph(p, "No incident started in this period.", 9);
        return;
    }
    table_start(p, cols, 6);
    for (i = 0; i < r->n_top; i++) {
        const aft_portfolio_incident *pi = &r->top[i];
        char start[AFT_INSTANT_BUFSZ], n[16], d[32], rca[96];
        const char *cells[6] = {pi->inc->id, pi->inc->title, start, n, d, rca};

        aft_instant_format(start, pi->inc->started_at);
        snprintf(n, sizeof n, "%zu", pi->n_clients);
        aft_duration_format(d, pi->client_seconds);
        snprintf(rca, sizeof rca, "report rca %s", pi->inc->id);
        table_row(p, cols, 6, cells, NULL, (int)(i % 2));
    }
}

int
aft_portfolio_write_pdf(const aft_portfolio *r, const aft_template *t,
                        const char *path, aft_error *err)
{
    pdf p;
    size_t i;
    int rc;

    memset(&p, 0, sizeof p);
    p.doc_title = "Portfolio report";
    p.who = "All clients";
    aft_period_title(p.sub, &r->period);
    p.created = r->as_of;
    for (i = 0; i < r->n_clients; i++)
        p.want_cjk |= has_cjk(r->clients[i].client->name);
    for (i = 0; i < r->n_top; i++)
        p.want_cjk |= has_cjk(r->top[i].inc->title);
    if ((rc = doc_begin(&p, t, err)) < 0) {
        HPDF_Free(p.doc);
        return rc;
    }
    portfolio_summary(&p, r);
    portfolio_clients(&p, r);
    heatmap(&p, r);
    portfolio_trends(&p, r);
    portfolio_incidents(&p, r);
    return doc_end(&p, path, err);
}
