/*
 * xlsx_kit.h - the workbook kit the XLSX documents are written with
 * (internal): opening and closing through a private directory, formats,
 * cell writers that keep the first error, local date-times, tables,
 * summary rows.
 */
#ifndef AFT_RENDER_XLSX_KIT_H
#define AFT_RENDER_XLSX_KIT_H

#include <stdint.h>

#include <xlsxwriter.h>

#include "aftercast/report.h"
#include "render/outfile.h"

/* One workbook being written. Cell writers never fail: the first error is
 * kept in rc and reported by aft_xlsx__end(). */
typedef struct aft_xlsx {
    lxw_workbook *wb;
    lxw_error rc;        /* first error */
    const aft_tz *tz;    /* local times are in this zone */
    char doc_title[256]; /* document properties */
    char company[256];
    lxw_format *head, *pct, *num, *secs, *dur, *text, *wrap, *date, *bold;
    lxw_format *title, *good, *bad;
    lxw_format *day, *utc; /* "yyyy-mm-dd"; UTC date-time */
    lxw_format *fill[4];   /* met, within twice, breached, none */
    lxw_format *local;     /* local date-time with its zone, or NULL */
    lxw_format *blank;     /* an empty text cell: the workbook's default */
    aft_outfile out;       /* where libxlsxwriter writes */
} aft_xlsx;

/* ---- the workbook ---- */

/* Open a workbook titled title, written in a private directory beside
 * path (render/outfile.h), with the template's company as author,
 * created at created (so output is reproducible), and the formats.
 * Fails with AFT_EIO when the directory cannot be created. */
int aft_xlsx__begin(aft_xlsx *x, const aft_template *t, const char *path,
                    const char *title, int64_t created, aft_error *err);

/* aft_xlsx__begin(), then a first "Summary" sheet of label, value columns
 * in *out, to fill with the aft_xlsx__kv_* writers. */
int aft_xlsx__begin_summary(lxw_worksheet **out, aft_xlsx *x,
                            const aft_template *t, const char *path,
                            const char *title, int64_t created, aft_error *err);

/* Close the workbook (always frees it) and move it to path; on any error
 * remove it and fail with AFT_EIO naming the error. */
int aft_xlsx__end(aft_xlsx *x, const char *path, aft_error *err);

/* ---- cells ---- */

/* Keep e if it is the first error. */
void aft_xlsx__check(aft_xlsx *x, lxw_error e);

/* Text (NULL: empty), always as a string, never as a formula; f NULL:
 * plain text. */
void aft_xlsx__str(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                   const char *s, lxw_format *f);

void aft_xlsx__num(aft_xlsx *x, lxw_worksheet *ws, int row, int col, double v,
                   lxw_format *f);

/* A formula carrying its computed value. */
void aft_xlsx__formula(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                       const char *fml, lxw_format *f, double value);

/* Seconds as a duration: a fraction of AFT_DAY_SECONDS, shown [h]:mm:ss. */
void aft_xlsx__duration(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                        double seconds);

/* Instant t as an Excel date-time of the local time in zone tz. */
void aft_xlsx__local_datetime(lxw_datetime *out, const aft_tz *tz, int64_t t);

/* Instant t as a date-time cell in x->tz's local time. */
void aft_xlsx__when(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                    int64_t t);

/* Civil day number day as a date cell ("yyyy-mm-dd"). */
void aft_xlsx__day(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                   int64_t day);

/* Instant t as a date-time cell in UTC ("yyyy-mm-dd hh:mm:ss"). */
void aft_xlsx__utc(aft_xlsx *x, lxw_worksheet *ws, int row, int col, int64_t t);

/* ---- tables ---- */

/* Row 0 of a table: n column names in the header format, the column
 * widths, and the row frozen; printed on A4 one page wide (landscape
 * when the columns are wide), the header row repeated on each page. */
void aft_xlsx__header_row(aft_xlsx *x, lxw_worksheet *ws,
                          const char *const *names, const double *widths,
                          int n);

/* aft_xlsx__header_row() of static arrays names and widths, whose
 * lengths must agree (checked when compiling). */
#define AFT_XLSX_HEADER(x, ws, names, widths) \
    do { \
        _Static_assert(sizeof(names) / sizeof *(names) \
                           == sizeof(widths) / sizeof *(widths), \
                       "one width per column name"); \
        aft_xlsx__header_row((x), (ws), (names), (widths), \
                             (int)(sizeof(names) / sizeof *(names))); \
    } while (0)

/* An autofilter over the header and rows data rows of cols columns. */
void aft_xlsx__finish_table(aft_xlsx *x, lxw_worksheet *ws, int rows, int cols);

/* "met", "breached" or "n/a" (nothing measured). */
const char *aft_xlsx__status(const aft_sla_result *r);

/* At row, col: availability as a formula over the eligible time in column
 * e_col and the downtime in d_col of the same row, carrying its value
 * ("n/a" when nothing was measured). */
void aft_xlsx__avail_formula(aft_xlsx *x, lxw_worksheet *ws, int row, int col,
                             int e_col, int d_col, const aft_sla_result *s);

/* ---- label, value rows of a summary sheet; each moves *row down ---- */

void aft_xlsx__kv_str(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                      const char *v);

void aft_xlsx__kv_num(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                      double v, lxw_format *f);

/* Instant t as a UTC date-time. */
void aft_xlsx__kv_utc(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                      int64_t t);

/* Instant t as a date-time in x->tz, shown with the zone and its offset,
 * as in "2026-11-24 09:00 (Asia/Tokyo, UTC+09:00)". */
void aft_xlsx__kv_local(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                        int64_t t);

/* A label, value sheet printed on A4 portrait, one page wide. */
void aft_xlsx__print_summary(lxw_worksheet *ws);

/* Availability as a formula over the eligible seconds two rows above and
 * the downtime one row above, carrying the value of s. */
void aft_xlsx__kv_avail(aft_xlsx *x, lxw_worksheet *ws, int *row, const char *k,
                        const aft_sla_result *s);

#endif
