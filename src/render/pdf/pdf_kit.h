/*
 * pdf_kit.h - the layout kit the PDF documents are drawn with (internal):
 * A4 pages with header and footer, text runs that switch to a CJK font,
 * wrapped paragraphs, tables that continue across pages, KPIs, charts.
 */
#ifndef AFT_RENDER_PDF_KIT_H
#define AFT_RENDER_PDF_KIT_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "aftercast/report.h"

/* A4 portrait in points, with the margin all content keeps to. */
#define PDF_PAGE_W 595.0f
#define PDF_PAGE_H 842.0f
#define PDF_MARGIN 40.0f
#define PDF_TEXT_W (PDF_PAGE_W - 2 * PDF_MARGIN) /* between margins */
#define PDF_MAX_PAGES 512 /* more: aft_pdf__end() fails, writes nothing */

/* Fixed colours (0xRRGGBB); the template sets the others. */
#define PDF_INK 0x222222            /* body text */
#define PDF_WHITE 0xFFFFFF          /* text on the primary colour */
#define PDF_SHADE 0xF2F4F7          /* shaded table rows, KPI boxes */
#define PDF_NO_DATA 0xE5E7EB        /* a result with no measured time */
#define PDF_KEEP_WITH_HEADING 70.0f /* room a heading keeps below it */

/* Glyph widths already asked of libharu, per font (regular, bold, CJK),
 * in font units: the same bytes always measure the same, so each code
 * point is measured once a document. ASCII by byte; other code points in
 * a small open-addressed table keyed by their bytes (0: free). */
#define PDF_WIDTH_SLOTS 512
typedef struct aft_pdf_widths {
    unsigned ascii[3][128]; /* width + 1; 0: not yet measured */
    uint32_t key[3][PDF_WIDTH_SLOTS];
    unsigned units[3][PDF_WIDTH_SLOTS];
} aft_pdf_widths;

/* The fill-colour operators written so far, as libharu writes them
 * ("0.13333 0.13333 0.13333 rg\n"): one a text run, made once a colour. */
#define PDF_FILL_COLORS 16
typedef struct aft_pdf_fills {
    int n;
    unsigned color[PDF_FILL_COLORS];
    char op[PDF_FILL_COLORS][64];
} aft_pdf_fills;

/* One document being drawn. The writer fills doc_title, who, sub, created
 * and want_cjk, then calls aft_pdf__begin(); drawing moves y down. */
typedef struct aft_pdf {
    HPDF_Doc doc;
    HPDF_Font font, bold, cjk;
    HPDF_Page page;
    HPDF_Page pages[PDF_MAX_PAGES];
    int n_pages;
    int too_long; /* a page past PDF_MAX_PAGES was wanted */
    HPDF_Image logo;
    float y; /* cursor, from the bottom */
    const aft_template *t;
    const char *doc_title; /* header line 1, metadata subject */
    const char *who;       /* the client's name */
    char sub[128];         /* the period or the record */
    int want_cjk;          /* some text needs the CJK font */
    int64_t created;       /* the as-of: creation date */
    unsigned primary, accent, good, warn, bad, muted;
    HPDF_STATUS error, detail;
    aft_pdf_widths widths; /* cleared by aft_pdf__begin() */
    aft_pdf_fills fills;   /* likewise */
} aft_pdf;

/* A table column: its title, width in points, and whether figures in it
 * are right-aligned. */
typedef struct aft_pdf_column {
    const char *title;
    float width;
    int right;
} aft_pdf_column;

/* Where and how aft_pdf__draw_line() draws a wrapped line: the next line
 * goes lead points lower. */
typedef struct aft_pdf_line {
    float x, y, size, lead;
    int bold;
    unsigned color;
} aft_pdf_line;

/* Called by aft_pdf__wrap() for each line: n bytes of s. */
typedef void (*aft_pdf_line_fn)(aft_pdf *p, const char *s, size_t n, void *ctx);

/* ---- the document ---- */

/* Start the document: colours from template t, fonts (a CJK font when
 * p->want_cjk or the template needs one), logo, metadata, the first page.
 * On failure frees what it made and returns a negative aft_status. */
int aft_pdf__begin(aft_pdf *p, const aft_template *t, aft_error *err);

/* Draw the footers, then save to path through a private directory
 * beside it (render/outfile.h), renamed on success. Fails with AFT_ERROR when
 * the document ran past PDF_MAX_PAGES or libharu reported an error, AFT_EIO
 * when the file cannot be written. Always frees the document. */
int aft_pdf__end(aft_pdf *p, const char *path, aft_error *err);

/* Whether s (NULL: no) holds a character that needs the CJK font. */
int aft_pdf__has_cjk(const char *s);

/* Room for h points below the cursor, else a new page with its header.
 * Returns 1 if a page was started (a table repeats its header then). */
int aft_pdf__ensure(aft_pdf *p, float h);

/* ---- drawing ---- */

/* Fill the rectangle with lower left corner x, y in colour c. */
void aft_pdf__fill_rect(aft_pdf *p, unsigned c, float x, float y, float w,
                        float h);

/* Width in points of s at size, bold or regular (CJK runs measured in the
 * CJK font). */
float aft_pdf__width(aft_pdf *p, const char *s, float size, int bold);

/* Draw s (NULL: nothing) with its left edge at x, baseline y. */
void aft_pdf__text(aft_pdf *p, float x, float y, const char *s, float size,
                   int bold, unsigned color);

/* Break s into lines no wider than w: at spaces, else between code points,
 * and at every newline. Calls fn (NULL: none) for each line; returns the
 * number of lines. */
int aft_pdf__wrap(aft_pdf *p, const char *s, float size, int bold, float w,
                  aft_pdf_line_fn fn, void *ctx);

/* An aft_pdf_line_fn drawing at the aft_pdf_line ctx, then moving down. */
void aft_pdf__draw_line(aft_pdf *p, const char *s, size_t n, void *ctx);

/* ---- blocks at the cursor ---- */

/* A section heading, underlined, kept with some room below it. */
void aft_pdf__heading(aft_pdf *p, const char *s);

/* Text of any length, wrapped and continued across pages. */
void aft_pdf__paragraph(aft_pdf *p, const char *s, float size);

/* A table's header row, after making room for it and a first row. */
void aft_pdf__table_start(aft_pdf *p, const aft_pdf_column *cols, int n);

/* One row of n cells (up to 16; NULL: empty), colours per cell (NULL or
 * 0: ink), shaded or not. Starts a new page with the header repeated when
 * the row does not fit. Cells longer than 600 bytes are cut with an
 * ellipsis. */
void aft_pdf__table_row(aft_pdf *p, const aft_pdf_column *cols, int n,
                        const char *const *cells, const unsigned *colors,
                        int shade);

/* A two-column table of n facts: kv holds label, value pairs. */
void aft_pdf__facts(aft_pdf *p, const char *const *kv, int n);

/* A KPI box w wide at x: label above a value, shrunk to fit. */
void aft_pdf__kpi(aft_pdf *p, float x, float w, const char *label,
                  const char *value, unsigned color);

/* ---- figures and charts ---- */

/* Availability as "99.950 %", or "n/a" when nothing was measured. */
void aft_pdf__fmt_pct(char *buf, size_t size, const aft_sla_result *s);

/* The colour of a result: good when met, warn within twice the budget,
 * bad beyond, muted when nothing was measured. */
unsigned aft_pdf__status_color(const aft_pdf *p, const aft_sla_result *s);

/* Key to the status colours, on one line at y: met, within twice the
 * budget, breached, then none (the key of a result without one: a grey
 * square, or a hollow circle when points) and, when target > 0, the
 * dashed target line with its value. */
void aft_pdf__legend(aft_pdf *p, float y, double target, const char *none,
                     int points);

/* The lowest value a chart's axis shows: lo (the lowest value or target
 * drawn) with a quarter of its distance from 100 below it, rounded down,
 * kept within [0, 99.5]. */
double aft_pdf__chart_floor(double lo);

/* A chart's axes from left, w long at base and h high, the values lo and
 * 100 % labelled to the left in size points. */
void aft_pdf__chart_axis(aft_pdf *p, float left, float w, float base, float h,
                         double lo, float size);

/* A dashed target line at ty (its value is in the legend). */
void aft_pdf__chart_target(aft_pdf *p, float left, float w, float ty);

/* A line over 12 periods against a target (none when target <= 0),
 * points coloured by status and hollow grey marks where a period has no
 * data, inside [x0, x0 + w] and h high below the cursor, the scale to the
 * left; a legend below unless small (a sparkline, no period labels).
 * Moves the cursor below. */
void aft_pdf__line_chart(aft_pdf *p, float x0, float w, float h,
                         const aft_period *periods, const aft_sla_result *vals,
                         double target, int small);

#endif
