/*
 * pdf_kit.c - the PDF layout kit: A4 pages with header and footer, text in
 * DejaVu Sans with CJK runs in a CJK font, wrapping, tables whose header
 * repeats on each page, KPI boxes, charts, saving through a private
 * directory beside the path.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf_utils.h> /* HPDF_FToA(), HPDF_StrCpy(): fill_op() */

#include "base/error.h"
#include "render/outfile.h"
#include "render/pdf/pdf_cmap.h"
#include "render/pdf/pdf_kit.h"

#define FONT_DIR "/usr/share/fonts/truetype"
#define TOP (PDF_PAGE_H - 78.0f) /* below the header band */
#define BOTTOM 52.0f             /* above the footer */
#define TEXT_MAX 2048            /* bytes drawn by one text call */

static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    aft_pdf *p = user;

    if (p->error == 0) {
        p->error = error_no;
        p->detail = detail_no;
    }
}

/* The operator HPDF_Page_SetRGBFill() writes for r, g, b, in op: each
 * number as HPDF_FToA() writes it, then " rg" and a newline. */
static void
fill_op(char *op, size_t size, float r, float g, float b)
{
    char *s = op, *end = op + size - 1;

    memset(op, 0, size);
    s = HPDF_FToA(s, r, end);
    *s++ = ' ';
    s = HPDF_FToA(s, g, end);
    *s++ = ' ';
    s = HPDF_FToA(s, b, end);
    HPDF_StrCpy(s, " rg\012", end);
}

/* Set the fill colour to c, r, g, b: what HPDF_Page_SetRGBFill() does,
 * the operator formatted once a colour and document (libharu formats
 * three numbers each time, and every text run sets its colour); where
 * libharu would refuse (not drawing text or a page), libharu itself. */
static void
fill_rgb(aft_pdf *p, unsigned c, float r, float g, float b)
{
    HPDF_PageAttr attr = p->page != NULL ? p->page->attr : NULL;
    aft_pdf_fills *f = &p->fills;
    int i = 0;

    if (attr == NULL
        || !(attr->gmode
             & (HPDF_GMODE_TEXT_OBJECT | HPDF_GMODE_PAGE_DESCRIPTION))) {
        HPDF_Page_SetRGBFill(p->page, r, g, b);
        return;
    }
    while (i < f->n && f->color[i] != c)
        i++;
    if (i == f->n) {
        if (f->n == PDF_FILL_COLORS) {
            HPDF_Page_SetRGBFill(p->page, r, g, b);
            return;
        }
        fill_op(f->op[i], sizeof f->op[i], r, g, b);
        f->color[f->n++] = c;
    }
    if (HPDF_Stream_WriteStr(attr->stream, f->op[i]) != HPDF_OK) {
        if (p->error == 0)
            p->error = HPDF_FAILD_TO_ALLOC_MEM;
        return;
    }
    attr->gstate->rgb_fill.r = r;
    attr->gstate->rgb_fill.g = g;
    attr->gstate->rgb_fill.b = b;
    attr->gstate->cs_fill = HPDF_CS_DEVICE_RGB;
}

/* Set the fill (fill != 0) or stroke colour to c. */
static void
rgb(aft_pdf *p, unsigned c, int fill)
{
    float r = (float)((c >> 16) & 0xff) / 255.0f;
    float g = (float)((c >> 8) & 0xff) / 255.0f;
    float b = (float)(c & 0xff) / 255.0f;

    if (fill)
        fill_rgb(p, c & 0xFFFFFF, r, g, b);
    else
        HPDF_Page_SetRGBStroke(p->page, r, g, b);
}

void
aft_pdf__fill_rect(aft_pdf *p, unsigned c, float x, float y, float w, float h)
{
    rgb(p, c, 1);
    HPDF_Page_Rectangle(p->page, x, y, w, h);
    HPDF_Page_Fill(p->page);
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

    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & 0xe0) == 0xc0 && u[1]) {
        *cp = ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
        return 2;
    }
    if ((u[0] & 0xf0) == 0xe0 && u[1] && u[2]) {
        *cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
        return 3;
    }
    if ((u[0] & 0xf8) == 0xf0 && u[1] && u[2] && u[3]) {
        *cp = 0xFFFD; /* outside the BMP: not drawable with UTF-8 CIDs */
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

int
aft_pdf__has_cjk(const char *s)
{
    unsigned cp;

    while (s != NULL && *s) {
        s += utf8_next(s, &cp);
        if (is_cjk(cp))
            return 1;
    }
    return 0;
}

/* Length of the run at s drawn with one font; *cjk tells which. */
static size_t
run_len(const aft_pdf *p, const char *s, size_t n, int *cjk)
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
run_font(const aft_pdf *p, int cjk, int bold)
{
    return cjk ? p->cjk : bold ? p->bold : p->font;
}

/* ---- glyph widths ---- */

/* The width in font units of the k bytes at s, one code point, in the
 * font of run_font(p, cjk, bold): libharu's answer the first time, then
 * the one kept in p->widths (glyph_units() first looks at ASCII). Measuring
 * marks the glyph used (it is then embedded), which the first call has done. */
static unsigned
glyph_units_slow(aft_pdf *p, const char *s, size_t k, int cjk, int bold)
{
    const unsigned char *u = (const unsigned char *)s;
    aft_pdf_widths *c = &p->widths;
    int f = cjk ? 2 : bold ? 1 : 0;
    uint32_t key = 0, h = 0;
    size_t i, probe;
    HPDF_TextWidth tw;

    if (k == 1 && u[0] < 0x80) {
        tw = HPDF_Font_TextWidth(run_font(p, cjk, bold), u, 1);
        c->ascii[f][u[0]] = tw.width + 1;
        return tw.width;
    }
    for (i = 0; i < k && i < 4; i++) /* utf8_next(): no zero byte in it */
        key |= (uint32_t)u[i] << (8 * i);
    if (k <= 4) {
        h = (key * 2654435761u) >> 23; /* PDF_WIDTH_SLOTS is 2^9 */
        for (probe = 0; probe < 8; probe++) {
            uint32_t at = (h + (uint32_t)probe) % PDF_WIDTH_SLOTS;
            if (c->key[f][at] == key)
                return c->units[f][at];
            if (c->key[f][at] == 0) {
                tw = HPDF_Font_TextWidth(run_font(p, cjk, bold), u,
                                         (HPDF_UINT)k);
                c->key[f][at] = key;
                c->units[f][at] = tw.width;
                return tw.width;
            }
        }
    }
    tw = HPDF_Font_TextWidth(run_font(p, cjk, bold), u, (HPDF_UINT)k);
    return tw.width;
}

/* glyph_units_slow() for the ASCII widths already kept. */
static inline unsigned
glyph_units(aft_pdf *p, const char *s, size_t k, int cjk, int bold)
{
    unsigned char b = (unsigned char)s[0];
    unsigned w;

    if (k == 1 && b < 0x80
        && (w = p->widths.ascii[cjk    ? 2
                                : bold ? 1
                                       : 0][b])
               != 0)
        return w - 1;
    return glyph_units_slow(p, s, k, cjk, bold);
}

/* Whether the k bytes at u are one well-formed UTF-8 code point of at
 * most three bytes: libharu reads it alike alone and within a run, so a
 * run measures the sum of its code points. */
static int
well_formed(const unsigned char *u, size_t k)
{
    if (k == 1)
        return u[0] < 0x80;
    if (k == 2)
        return u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80;
    return k == 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80
           && (u[2] & 0xC0) == 0x80;
}

/* The width in font units of the n-byte run at s in one font, as
 * HPDF_Font_TextWidth() gives it: summed from glyph_units() when every
 * code point is well formed, else asked of libharu whole. */
static HPDF_UINT
run_units(aft_pdf *p, const char *s, size_t n, int cjk, int bold)
{
    HPDF_UINT units = 0;
    size_t i = 0;
    unsigned cp;

    while (i < n && n <= HPDF_LIMIT_MAX_STRING_LEN) {
        size_t k = (size_t)utf8_next(s + i, &cp);
        if (!well_formed((const unsigned char *)s + i, k))
            break;
        units += glyph_units(p, s + i, k, cjk, bold);
        i += k;
    }
    if (i == n)
        return units;
    return HPDF_Font_TextWidth(run_font(p, cjk, bold), (const HPDF_BYTE *)s,
                               (HPDF_UINT)n)
        .width;
}

static float
width_n(aft_pdf *p, const char *s, size_t n, float size, int bold)
{
    float w = 0;
    size_t i = 0;

    while (i < n) {
        int cjk;
        size_t k = run_len(p, s + i, n - i, &cjk);
        w += (float)run_units(p, s + i, k, cjk, bold) * size / 1000.0f;
        i += k;
    }
    return w;
}

float
aft_pdf__width(aft_pdf *p, const char *s, float size, int bold)
{
    return width_n(p, s, strlen(s), size, bold);
}

/* Draw n bytes of s with its left edge at x, baseline y; text unwrapped
 * (a title, a name in the header) is cut at TEXT_MAX bytes, which would
 * run far past the page's edge, so that a text of megabytes costs no
 * more than that. */
static void
text_n(aft_pdf *p, float x, float y, const char *s, size_t n, float size,
       int bold, unsigned color)
{
    size_t i = 0;
    char buf[1024];

    if (p->error != 0) /* libharu may crash once it has failed */
        return;
    if (n > TEXT_MAX) { /* past the page anyway; cut between code points */
        n = TEXT_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
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

void
aft_pdf__text(aft_pdf *p, float x, float y, const char *s, float size, int bold,
              unsigned color)
{
    text_n(p, x, y, s ? s : "", s ? strlen(s) : 0, size, bold, color);
}

/* Draw s with its right edge at right. */
static void
text_right(aft_pdf *p, float right, float y, const char *s, float size,
           int bold, unsigned color)
{
    aft_pdf__text(p, right - aft_pdf__width(p, s, size, bold), y, s, size, bold,
                  color);
}

/* A width measured one code point at a time: the same sum, run by run,
 * as width_n() over the whole prefix, so lines break where they did. */
typedef struct measure {
    float done; /* points of the runs before the current one */
    long units; /* the current run, in font units (1000 to the size) */
    int cjk;    /* the current run's font, -1 before the first */
} measure;

/* Add the k bytes of code point cp at s; returns the width so far. */
static float
measure_add(measure *m, aft_pdf *p, const char *s, size_t k, unsigned cp,
            float size, int bold)
{
    int cjk = p->cjk != NULL && is_cjk(cp);

    if (m->cjk >= 0 && cjk != m->cjk) {
        m->done += (float)m->units * size / 1000.0f;
        m->units = 0;
    }
    m->cjk = cjk;
    m->units += (long)glyph_units(p, s, k, cjk, bold);
    return m->done + (float)m->units * size / 1000.0f;
}

/* The bytes of the line at s (n bytes to the end of the text) that fit
 * in w, broken after the last space that fits, else between code
 * points; at least one code point. Each code point is measured once. */
static size_t
line_end(aft_pdf *p, const char *s, size_t n, float size, int bold, float w)
{
    measure m = {0, 0, -1};
    size_t end = 0, brk = 0, i = 0;
    unsigned cp;

    while (i < n && s[i] != '\n') {
        size_t k = (size_t)utf8_next(s + i, &cp);
        if (measure_add(&m, p, s + i, k, cp, size, bold) > w && end > 0)
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
    return end;
}

int
aft_pdf__wrap(aft_pdf *p, const char *s, float size, int bold, float w,
              aft_pdf_line_fn fn, void *ctx)
{
    const char *stop;
    int lines = 0;

    if (s == NULL || *s == '\0')
        return 0;
    stop = s + strlen(s); /* once: the text may be megabytes long */
    while (s < stop) {
        size_t end = line_end(p, s, (size_t)(stop - s), size, bold, w);
        if (fn)
            fn(p, s, end, ctx);
        lines++;
        s += end;
        while (*s == ' ' || *s == '\n')
            s++;
    }
    return lines;
}

void
aft_pdf__draw_line(aft_pdf *p, const char *s, size_t n, void *ctx)
{
    aft_pdf_line *c = ctx;

    text_n(p, c->x, c->y, s, n, c->size, c->bold, c->color);
    c->y -= c->lead;
}

/* aft_pdf__draw_line() with the line's end at c->x (right-aligned). */
static void
draw_line_right(aft_pdf *p, const char *s, size_t n, void *ctx)
{
    aft_pdf_line *c = ctx;

    text_n(p, c->x - width_n(p, s, n, c->size, c->bold), c->y, s, n, c->size,
           c->bold, c->color);
    c->y -= c->lead;
}

/* ---- pages ---- */

static void
header(aft_pdf *p)
{
    float x = PDF_MARGIN;
    char line[512];

    aft_pdf__fill_rect(p, p->primary, 0, PDF_PAGE_H - 56, PDF_PAGE_W, 56);
    if (p->logo != NULL) {
        float h = 36, w = h * (float)HPDF_Image_GetWidth(p->logo)
                          / (float)HPDF_Image_GetHeight(p->logo);
        HPDF_Page_DrawImage(p->page, p->logo, x, PDF_PAGE_H - 46, w, h);
        x += w + 10;
    }
    aft_pdf__text(p, x, PDF_PAGE_H - 33, aft_template_get(p->t, "company"), 13,
                  1, PDF_WHITE);
    snprintf(line, sizeof line, "%s · %s", p->doc_title, p->sub);
    text_right(p, PDF_PAGE_W - PDF_MARGIN, PDF_PAGE_H - 26, line, 9, 0,
               PDF_WHITE);
    text_right(p, PDF_PAGE_W - PDF_MARGIN, PDF_PAGE_H - 40, p->who, 9, 1,
               PDF_WHITE);
}

/* A new page with its header, the cursor at its top. Past PDF_MAX_PAGES
 * the document is marked too long (aft_pdf__end() fails) and drawing goes
 * on over the last page, which is never saved. */
static void
new_page(aft_pdf *p)
{
    if (p->n_pages == PDF_MAX_PAGES) {
        p->too_long = 1;
        p->y = TOP;
        return;
    }
    p->page = HPDF_AddPage(p->doc);
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    p->pages[p->n_pages++] = p->page;
    header(p);
    p->y = TOP;
}

int
aft_pdf__ensure(aft_pdf *p, float h)
{
    if (p->y - h >= BOTTOM)
        return 0;
    new_page(p);
    return 1;
}

static void
footers(aft_pdf *p)
{
    int i;
    char right[512];

    for (i = 0; i < p->n_pages; i++) {
        p->page = p->pages[i];
        rgb(p, p->muted, 0);
        HPDF_Page_SetLineWidth(p->page, 0.5);
        HPDF_Page_MoveTo(p->page, PDF_MARGIN, 40);
        HPDF_Page_LineTo(p->page, PDF_PAGE_W - PDF_MARGIN, 40);
        HPDF_Page_Stroke(p->page);
        aft_pdf__text(p, PDF_MARGIN, 29, aft_template_get(p->t, "footer"), 7, 0,
                      p->muted);
        snprintf(right, sizeof right, "%s · %s · page %d of %d", p->who, p->sub,
                 i + 1, p->n_pages);
        text_right(p, PDF_PAGE_W - PDF_MARGIN, 19, right, 7, 0, p->muted);
    }
}

void
aft_pdf__heading(aft_pdf *p, const char *s)
{
    /* Kept with what follows: the heading (40) and room for a table
     * header and its first rows, or a few lines of text. */
    aft_pdf__ensure(p, 40 + PDF_KEEP_WITH_HEADING);
    p->y -= 18;
    aft_pdf__text(p, PDF_MARGIN, p->y, s, 13, 1, p->primary);
    p->y -= 8;
    rgb(p, p->accent, 0);
    HPDF_Page_SetLineWidth(p->page, 1);
    HPDF_Page_MoveTo(p->page, PDF_MARGIN, p->y);
    HPDF_Page_LineTo(p->page, PDF_PAGE_W - PDF_MARGIN, p->y);
    HPDF_Page_Stroke(p->page);
    p->y -= 14;
}

/* A paragraph line at the cursor, starting a page when it is full. */
static void
flow_line(aft_pdf *p, const char *s, size_t n, void *ctx)
{
    const aft_pdf_line *c = ctx;

    aft_pdf__ensure(p, c->lead);
    text_n(p, PDF_MARGIN, p->y - c->size, s, n, c->size, 0, c->color);
    p->y -= c->lead;
}

void
aft_pdf__paragraph(aft_pdf *p, const char *s, float size)
{
    aft_pdf_line c = {PDF_MARGIN, 0, size, size * 1.4f, 0, PDF_INK};

    if (s == NULL && p->error == 0) /* the text could not be made */
        p->error = HPDF_FAILD_TO_ALLOC_MEM;
    if (aft_pdf__wrap(p, s, size, 0, PDF_TEXT_W, flow_line, &c) > 0)
        p->y -= 6;
}

/* ---- tables ---- */

#define CELL_SIZE 7.5f
#define CELL_MAX_CHARS 600 /* longer cell text is cut with an ellipsis */
#define CELL_LEAD 9.5f
#define CELL_PAD 3.0f
#define MAX_CELLS 16

static void
table_header(aft_pdf *p, const aft_pdf_column *cols, int n)
{
    float x = PDF_MARGIN, h = 0;
    int i;

    for (i = 0; i < n; i++) {
        int l = aft_pdf__wrap(p, cols[i].title, CELL_SIZE, 1,
                              cols[i].width - 2 * CELL_PAD, NULL, NULL);
        if (l * CELL_LEAD > h)
            h = (float)l * CELL_LEAD;
    }
    h += 2 * CELL_PAD;
    aft_pdf__fill_rect(p, p->primary, PDF_MARGIN, p->y - h, PDF_TEXT_W, h);
    for (i = 0; i < n; i++) {
        aft_pdf_line c = {
            x + CELL_PAD, p->y - CELL_PAD - CELL_SIZE, CELL_SIZE, CELL_LEAD, 1,
            PDF_WHITE};
        aft_pdf__wrap(p, cols[i].title, CELL_SIZE, 1,
                      cols[i].width - 2 * CELL_PAD, aft_pdf__draw_line, &c);
        x += cols[i].width;
    }
    p->y -= h;
}

/* A table cell holds a summary; the full text is in the workbook and the
 * root-cause report. Points cells[i] at in[i], or at a copy cut to
 * CELL_MAX_CHARS bytes with an ellipsis, kept in cut[i] to be freed. */
static void
cut_cells(const char **cells, char **cut, const char *const *in, int n)
{
    int i;

    for (i = 0; i < n && i < MAX_CELLS; i++) {
        cells[i] = in[i];
        if (in[i] != NULL && strlen(in[i]) > CELL_MAX_CHARS
            && (cut[i] = malloc(CELL_MAX_CHARS + 4)) != NULL) {
            size_t k = CELL_MAX_CHARS;
            while (k > 0 && ((unsigned char)in[i][k] & 0xC0) == 0x80)
                k--; /* not inside a UTF-8 sequence */
            memcpy(cut[i], in[i], k);
            memcpy(cut[i] + k, "\xe2\x80\xa6", 4); /* ... */
            cells[i] = cut[i];
        }
    }
}

/* The lines of one cell as wrapped to measure its row, kept to draw
 * them: the first CELL_LINES (a longer cell is wrapped again). */
#define CELL_LINES 24
typedef struct cell_lines {
    int n; /* all of them */
    const char *s[CELL_LINES];
    size_t len[CELL_LINES];
} cell_lines;

/* An aft_pdf_line_fn keeping the line in the cell_lines ctx. */
static void
keep_line(aft_pdf *p, const char *s, size_t n, void *ctx)
{
    cell_lines *c = ctx;

    (void)p;
    if (c->n < CELL_LINES) {
        c->s[c->n] = s;
        c->len[c->n] = n;
    }
    c->n++;
}

/* The height of a row: its tallest cell, padded; each cell's lines in
 * lines[i]. */
static float
row_height(aft_pdf *p, const aft_pdf_column *cols, int n,
           const char *const *cells, cell_lines *lines)
{
    float h = 0;
    int i;

    for (i = 0; i < n; i++) {
        int l;
        lines[i].n = 0;
        l = aft_pdf__wrap(p, cells[i], CELL_SIZE, 0,
                          cols[i].width - 2 * CELL_PAD, keep_line, &lines[i]);
        if (l * CELL_LEAD > h)
            h = (float)l * CELL_LEAD;
    }
    if (h == 0)
        h = CELL_LEAD;
    return h + 2 * CELL_PAD;
}

void
aft_pdf__table_row(aft_pdf *p, const aft_pdf_column *cols, int n,
                   const char *const *in, const unsigned *colors, int shade)
{
    float x = PDF_MARGIN, h;
    const char *cells[MAX_CELLS];
    char *cut[MAX_CELLS] = {NULL};
    cell_lines lines[MAX_CELLS];
    int i, k;

    cut_cells(cells, cut, in, n);
    h = row_height(p, cols, n, cells, lines);
    if (aft_pdf__ensure(p, h))
        table_header(p, cols, n);
    if (shade)
        aft_pdf__fill_rect(p, PDF_SHADE, PDF_MARGIN, p->y - h, PDF_TEXT_W, h);
    for (i = 0; i < n; i++) {
        unsigned color = colors && colors[i] ? colors[i] : PDF_INK;
        aft_pdf_line_fn fn = cols[i].right ? draw_line_right
                                           : aft_pdf__draw_line;
        /* Right-aligned cells wrap too: a long one never runs over the
         * cells to its left. */
        aft_pdf_line c = {cols[i].right ? x + cols[i].width - CELL_PAD
                                        : x + CELL_PAD,
                          p->y - CELL_PAD - CELL_SIZE,
                          CELL_SIZE,
                          CELL_LEAD,
                          0,
                          color};
        if (lines[i].n > CELL_LINES)
            aft_pdf__wrap(p, cells[i], CELL_SIZE, 0,
                          cols[i].width - 2 * CELL_PAD, fn, &c);
        else
            for (k = 0; k < lines[i].n; k++)
                fn(p, lines[i].s[k], lines[i].len[k], &c);
        x += cols[i].width;
    }
    p->y -= h;
    for (i = 0; i < n && i < MAX_CELLS; i++)
        free(cut[i]);
}

void
aft_pdf__table_start(aft_pdf *p, const aft_pdf_column *cols, int n)
{
    aft_pdf__ensure(p, PDF_KEEP_WITH_HEADING); /* the header, a row or two */
    table_header(p, cols, n);
}

void
aft_pdf__facts(aft_pdf *p, const char *const *kv, int n)
{
    static const aft_pdf_column cols[] = {{"", 150, 0}, {"", 365, 0}};
    int i;

    for (i = 0; i < n; i++) {
        const char *cells[2] = {kv[2 * i], kv[2 * i + 1]};
        aft_pdf__table_row(p, cols, 2, cells, NULL, i % 2);
    }
    p->y -= 6;
}

void
aft_pdf__kpi(aft_pdf *p, float x, float w, const char *label, const char *value,
             unsigned color)
{
    float size = 14;

    aft_pdf__fill_rect(p, PDF_SHADE, x, p->y - 50, w - 6, 50);
    while (size > 7 && aft_pdf__width(p, value, size, 1) > w - 18)
        size -= 0.5f;
    aft_pdf__text(p, x + 6, p->y - 14, label, 7, 0, p->muted);
    aft_pdf__text(p, x + 6, p->y - 36, value, size, 1, color);
}

/* ---- figures and charts ---- */

void
aft_pdf__fmt_pct(char *buf, size_t size, const aft_sla_result *s)
{
    if (s->has_availability)
        snprintf(buf, size, "%.3f %%", s->availability);
    else
        snprintf(buf, size, "n/a");
}

unsigned
aft_pdf__status_color(const aft_pdf *p, const aft_sla_result *s)
{
    if (!s->has_availability)
        return p->muted;
    if (s->met)
        return p->good;
    /* Within twice the budget: amber; beyond: red. */
    return s->availability >= 100 - 2 * (100 - s->target) ? p->warn : p->bad;
}

/* A dashed line from x to x + w at y, in colour c. */
static void
dashed(aft_pdf *p, float x, float w, float y, unsigned c)
{
    HPDF_UINT16 dash[] = {3, 2};

    rgb(p, c, 0);
    HPDF_Page_SetLineWidth(p->page, 0.8f);
    HPDF_Page_SetDash(p->page, dash, 2, 0);
    HPDF_Page_MoveTo(p->page, x, y);
    HPDF_Page_LineTo(p->page, x + w, y);
    HPDF_Page_Stroke(p->page);
    HPDF_Page_SetDash(p->page, NULL, 0, 0);
}

/* The mark of a period without data: a hollow grey circle. */
static void
no_data_mark(aft_pdf *p, float x, float y, float r)
{
    rgb(p, p->muted, 0);
    HPDF_Page_SetLineWidth(p->page, 0.6f);
    HPDF_Page_Circle(p->page, x, y, r);
    HPDF_Page_Stroke(p->page);
}

/* One key of a legend at x: its label after a swatch of width sw. */
static float
key(aft_pdf *p, float x, float y, float sw, const char *label)
{
    aft_pdf__text(p, x + sw + 3, y + 0.5f, label, 7, 0, p->muted);
    return x + sw + 13 + aft_pdf__width(p, label, 7, 0);
}

void
aft_pdf__legend(aft_pdf *p, float y, double target, const char *none,
                int points)
{
    const char *const names[] = {"met target", "within twice the budget",
                                 "breached"};
    const unsigned colors[] = {p->good, p->warn, p->bad};
    float x = PDF_MARGIN + 34;
    char buf[48];
    int i;

    for (i = 0; i < 3; i++) {
        aft_pdf__fill_rect(p, colors[i], x, y, 7, 7);
        x = key(p, x, y, 7, names[i]);
    }
    if (points)
        no_data_mark(p, x + 3.5f, y + 3.5f, 2.5f);
    else
        aft_pdf__fill_rect(p, PDF_NO_DATA, x, y, 7, 7);
    x = key(p, x, y, 7, none);
    if (target > 0) {
        dashed(p, x, 14, y + 3.5f, p->primary);
        snprintf(buf, sizeof buf, "target %.3f %%", target);
        key(p, x, y, 14, buf);
    }
}

double
aft_pdf__chart_floor(double lo)
{
    lo = floor(lo - (100 - lo) * 0.25 - 0.05);
    if (lo > 99.5)
        lo = 99.5;
    if (lo < 0)
        lo = 0;
    return lo;
}

void
aft_pdf__chart_axis(aft_pdf *p, float left, float w, float base, float h,
                    double lo, float size)
{
    char buf[32];

    rgb(p, p->muted, 0);
    HPDF_Page_SetLineWidth(p->page, 0.5);
    HPDF_Page_MoveTo(p->page, left, base);
    HPDF_Page_LineTo(p->page, left + w, base);
    HPDF_Page_MoveTo(p->page, left, base);
    HPDF_Page_LineTo(p->page, left, base + h);
    HPDF_Page_Stroke(p->page);
    /* Ticks at lo and 100 %, labelled with one decimal both. */
    HPDF_Page_MoveTo(p->page, left - 2, base + h);
    HPDF_Page_LineTo(p->page, left, base + h);
    HPDF_Page_Stroke(p->page);
    snprintf(buf, sizeof buf, "%.1f %%", lo);
    text_right(p, left - 3, base - size * 0.35f, buf, size, 0, p->muted);
    text_right(p, left - 3, base + h - size * 0.35f, "100.0 %", size, 0,
               p->muted);
}

void
aft_pdf__chart_target(aft_pdf *p, float left, float w, float ty)
{
    dashed(p, left, w, ty, p->primary);
}

/* Where a line chart's values go: x of the first period, distance between
 * periods, base line, height, and the value at the base line. */
typedef struct plot {
    float left, step, base, h;
    double lo;
} plot;

static float
plot_y(const plot *pl, double v)
{
    return pl->base + (float)((v - pl->lo) / (100 - pl->lo)) * pl->h;
}

/* The polyline through the periods that have a value, broken where one
 * has none. */
static void
plot_line(aft_pdf *p, const plot *pl, const aft_sla_result *vals)
{
    int i, have = 0, prev = 0;

    HPDF_Page_SetLineWidth(p->page, 1.5);
    rgb(p, p->accent, 0);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        float x = pl->left + (float)i * pl->step;
        if (!vals[i].has_availability) {
            prev = 0;
            continue;
        }
        if (!prev)
            HPDF_Page_MoveTo(p->page, x, plot_y(pl, vals[i].availability));
        else
            HPDF_Page_LineTo(p->page, x, plot_y(pl, vals[i].availability));
        have = prev = 1;
    }
    if (have)
        HPDF_Page_Stroke(p->page);
}

/* The points, coloured by status against target (if any); the period
 * labels below the base line unless small. */
static void
plot_points(aft_pdf *p, const plot *pl, const aft_period *periods,
            const aft_sla_result *vals, double target, int small)
{
    int i;

    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        const aft_sla_result *t = &vals[i];
        float x = pl->left + (float)i * pl->step;
        if (!small)
            aft_pdf__text(p, x - aft_pdf__width(p, periods[i].label, 6, 0) / 2,
                          pl->base - 10, periods[i].label, 6, 0, p->muted);
        if (!t->has_availability) {
            no_data_mark(p, x, pl->base + (small ? 2 : 3), small ? 1.5f : 2.5f);
            continue;
        }
        rgb(p, target > 0 ? aft_pdf__status_color(p, t) : p->accent, 1);
        HPDF_Page_Circle(p->page, x, plot_y(pl, t->availability),
                         small ? 1.5f : 2.5f);
        HPDF_Page_Fill(p->page);
    }
}

void
aft_pdf__line_chart(aft_pdf *p, float x0, float w, float h,
                    const aft_period *periods, const aft_sla_result *vals,
                    double target, int small)
{
    double lo = 100;
    plot pl;
    int i, gaps = 0;

    /* Points stay inside the axes: a margin of a point's radius. */
    pl.left = x0 + (small ? 26 : 38);
    w -= pl.left - x0 + (small ? 3 : 14);
    pl.step = w / (AFT_TREND_PERIODS - 1);
    for (i = 0; i < AFT_TREND_PERIODS; i++) {
        if (vals[i].has_availability && vals[i].availability < lo)
            lo = vals[i].availability;
        gaps |= !vals[i].has_availability;
    }
    if (target > 0 && target < lo)
        lo = target;
    pl.lo = aft_pdf__chart_floor(lo);
    pl.base = p->y - h;
    pl.h = h - (small ? 3 : 4);
    aft_pdf__chart_axis(p, pl.left - 4, w + 4, pl.base, pl.h, pl.lo,
                        small ? 5.0f : 7.0f);
    if (target > 0)
        aft_pdf__chart_target(p, pl.left, w, plot_y(&pl, target));
    plot_line(p, &pl, vals);
    plot_points(p, &pl, periods, vals, target, small);
    p->y = pl.base - (small ? 4 : 24);
    if (small || (target <= 0 && !gaps))
        return;
    if (target > 0) {
        aft_pdf__legend(p, p->y + 2, target, "no data", 1);
    } else {
        no_data_mark(p, PDF_MARGIN + 37.5f, p->y + 5.5f, 2.5f);
        key(p, PDF_MARGIN + 34, p->y + 2, 7, "no data");
    }
    p->y -= 12;
}

/* ---- the document ---- */

/* CJK fonts, best first: glyf TrueType only (libharu cannot embed CFF).
 * Entry 0 is $AFTERCAST_CJK_FONT. */
static const char *const CJK_FONTS[] = {
    NULL,
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
    FONT_DIR "/vlgothic/VL-PGothic-Regular.ttf",
    FONT_DIR "/droid/DroidSansFallbackFull.ttf",
};

static HPDF_Font
load_ttf(aft_pdf *p, const char *path)
{
    const char *name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);

    return name != NULL ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
}

/* The first CJK font that is readable and loads, or none. */
static void
load_cjk(aft_pdf *p)
{
    const char *env = getenv("AFTERCAST_CJK_FONT");
    size_t i;

    for (i = 0; i < sizeof CJK_FONTS / sizeof CJK_FONTS[0]; i++) {
        const char *path = i == 0 ? env : CJK_FONTS[i];
        const char *name;

        if (path == NULL || access(path, R_OK) != 0)
            continue;
        if ((name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE)) != NULL) {
            p->cjk = HPDF_GetFont(p->doc, name, "UTF-8");
            break;
        }
        HPDF_ResetError(p->doc);
    }
}

static int
load_fonts(aft_pdf *p, aft_error *err)
{
    static const char regular[] = FONT_DIR "/dejavu/DejaVuSans.ttf";
    static const char bold[] = FONT_DIR "/dejavu/DejaVuSans-Bold.ttf";

    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    if ((p->font = load_ttf(p, regular)) == NULL)
        return aft_error_set(err, AFT_EIO, "cannot load font %s", regular);
    if ((p->bold = load_ttf(p, bold)) == NULL)
        return aft_error_set(err, AFT_EIO, "cannot load font %s", bold);
    if (p->error == HPDF_FAILD_TO_ALLOC_MEM)
        return aft_error_set(err, AFT_ENOMEM, "out of memory loading fonts");
    if (p->want_cjk)
        load_cjk(p);
    if (p->error == HPDF_FAILD_TO_ALLOC_MEM)
        return aft_error_set(err, AFT_ENOMEM, "out of memory loading fonts");
    HPDF_ResetError(p->doc); /* a CJK font missing is not an error */
    p->error = 0;
    return AFT_OK;
}

static void
metadata(aft_pdf *p)
{
    char title[512];
    HPDF_Date d;
    int64_t y;
    unsigned m, day;
    int64_t days = aft_day_of(p->created);
    int64_t secs = p->created - aft_day_start(days);

    snprintf(title, sizeof title, "%s: %s, %s", p->doc_title, p->who, p->sub);
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

int
aft_pdf__begin(aft_pdf *p, const aft_template *t, aft_error *err)
{
    const unsigned char *png;
    size_t png_size;
    int rc;

    p->t = t;
    memset(&p->widths, 0, sizeof p->widths); /* fonts are the document's */
    memset(&p->fills, 0, sizeof p->fills);
    p->primary = aft_template_color(t, "primary", 0x1F3A5F);
    p->accent = aft_template_color(t, "accent", 0x3D7DCA);
    p->good = aft_template_color(t, "good", 0x2E7D32);
    p->warn = aft_template_color(t, "warn", 0xE0A100);
    p->bad = aft_template_color(t, "bad", 0xC62828);
    p->muted = aft_template_color(t, "muted", 0x6B7280);
    p->want_cjk |= aft_pdf__has_cjk(p->who)
                   || aft_pdf__has_cjk(aft_template_get(t, "company"))
                   || aft_pdf__has_cjk(aft_template_get(t, "footer"));
    if ((p->doc = HPDF_New(on_error, p)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "cannot start a PDF");
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    if ((rc = load_fonts(p, err)) < 0) {
        HPDF_Free(p->doc);
        p->doc = NULL;
        return rc;
    }
    if ((png = aft_template_logo(t, &png_size)) != NULL
        && (p->logo = HPDF_LoadPngImageFromMem(p->doc, png,
                                               (HPDF_UINT)png_size))
               == NULL) {
        rc = aft_error_set(err, AFT_EINVALID,
                           "template logo '%s' is not a PNG file libharu can "
                           "read (PDF error 0x%04X)",
                           aft_template_get(t, "logo"), (unsigned)p->error);
        HPDF_Free(p->doc);
        p->doc = NULL;
        return rc;
    }
    metadata(p);
    new_page(p);
    return AFT_OK;
}

/* The document as libharu saves it, in memory: *out (to free). */
static int
save_to_memory(aft_pdf *p, char **out, size_t *n, const char *path,
               aft_error *err)
{
    HPDF_UINT32 size, got;

    *out = NULL;
    if (HPDF_SaveToStream(p->doc) != HPDF_OK || p->error != 0)
        return aft_error_set(err, AFT_ERROR,
                             "PDF error 0x%04X (detail %u) writing '%s'",
                             (unsigned)p->error, (unsigned)p->detail, path);
    size = HPDF_GetStreamSize(p->doc);
    if ((*out = malloc(size ? size : 1)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    HPDF_ResetStream(p->doc);
    for (*n = 0; *n < size; *n += got) {
        got = size - (HPDF_UINT32)*n;
        if (HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)*out + *n, &got) != HPDF_OK
            && got == 0)
            break;
    }
    if (*n != size) {
        free(*out);
        *out = NULL;
        return aft_error_set(err, AFT_ERROR, "cannot read back '%s'", path);
    }
    return AFT_OK;
}

/* Save the document to tmp, its ToUnicode maps rewritten (pdf_cmap.h). */
static int
save(aft_pdf *p, const char *tmp, const char *path, aft_error *err)
{
    char *raw, *fixed = NULL;
    size_t n = 0, fixed_n = 0;
    FILE *f;
    int rc;

    if ((rc = save_to_memory(p, &raw, &n, path, err)) < 0)
        return rc;
    rc = aft_pdf__fix_tounicode(&fixed, &fixed_n, raw, n, err);
    free(raw);
    if (rc < 0)
        return rc;
    errno = 0;
    if ((f = fopen(tmp, "wb")) == NULL
        || fwrite(fixed, 1, fixed_n, f) != fixed_n) {
        int e = errno != 0 ? errno : EIO; /* a full disk says so */
        if (f != NULL)
            fclose(f);
        free(fixed);
        return aft_error_set(err, AFT_EIO, "cannot write '%s': %s", path,
                             strerror(e));
    }
    free(fixed);
    if (fclose(f) != 0)
        return aft_error_set(err, AFT_EIO, "cannot write '%s': %s", path,
                             strerror(errno));
    return AFT_OK;
}

int
aft_pdf__end(aft_pdf *p, const char *path, aft_error *err)
{
    aft_outfile o;
    int rc = AFT_OK;

    footers(p);
    if (p->too_long)
        rc = aft_error_set(err, AFT_ERROR,
                           "cannot write '%s': report too "
                           "long: more than %d pages",
                           path, PDF_MAX_PAGES);
    else if (p->error == HPDF_FAILD_TO_ALLOC_MEM)
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory writing '%s'", path);
    else if (p->error != 0)
        rc = aft_error_set(err, AFT_ERROR,
                           "PDF error 0x%04X (detail %u) "
                           "writing '%s'",
                           (unsigned)p->error, (unsigned)p->detail, path);
    else if ((rc = aft_outfile__open(&o, path, err)) == AFT_OK) {
        if ((rc = save(p, o.tmp, path, err)) < 0)
            aft_outfile__abort(&o);
        else
            rc = aft_outfile__commit(&o, err);
    }
    HPDF_Free(p->doc);
    p->doc = NULL;
    return rc;
}
