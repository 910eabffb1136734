/**
 * @file
 * period.h - reporting periods (month, quarter, year, date range) and the
 * window they give in a client's time zone (docs/accounting.md §1).
 */
#ifndef AFTERCAST_PERIOD_H
#define AFTERCAST_PERIOD_H

#include <stdint.h>

#include "aftercast/error.h"
#include "aftercast/interval.h"
#include "aftercast/tz.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a period spans. */
typedef enum aft_period_kind {
    AFT_PERIOD_MONTH,   /**< a calendar month, "2026-10" */
    AFT_PERIOD_QUARTER, /**< a calendar quarter, "2026-Q4" */
    AFT_PERIOD_YEAR,    /**< a calendar year, "2026" */
    AFT_PERIOD_RANGE    /**< any days, "2026-10-01..2026-11-01" */
} aft_period_kind;

/** A span of local calendar days, taken in each client's own zone. */
typedef struct aft_period {
    aft_period_kind kind; /**< what it spans */
    char label[48];       /**< "2026-10", "2026-Q4", "2026",
                               "2026-10-01..2026-11-01" */
    int64_t start_day;    /**< first local day (day number) */
    int64_t end_day;      /**< first local day not included */
} aft_period;

/**
 * Parse a month "YYYY-MM".
 *
 * @param[out] out  the period
 * @param s         the text
 * @param err       error record, or NULL
 * @return #AFT_OK, or #AFT_EINVALID quoting @p s.
 */
AFT_API int aft_period_month(aft_period *out, const char *s, aft_error *err);

/**
 * Parse a quarter "YYYY-Qn".
 *
 * @param[out] out  the period
 * @param s         the text
 * @param err       error record, or NULL
 * @return #AFT_OK, or #AFT_EINVALID quoting @p s.
 */
AFT_API int aft_period_quarter(aft_period *out, const char *s, aft_error *err);

/**
 * Parse a year "YYYY".
 *
 * @param[out] out  the period
 * @param s         the text
 * @param err       error record, or NULL
 * @return #AFT_OK, or #AFT_EINVALID quoting @p s.
 */
AFT_API int aft_period_year(aft_period *out, const char *s, aft_error *err);

/**
 * The days [from, to) of two dates "YYYY-MM-DD".
 *
 * @param[out] out  the period
 * @param from      first day
 * @param to        first day not included; after @p from
 * @param err       error record, or NULL
 * @return #AFT_OK, or #AFT_EINVALID quoting the bad date.
 */
AFT_API int aft_period_range(aft_period *out, const char *from, const char *to,
                             aft_error *err);

/**
 * The period for people: "October 2026", "Q4 2026", "2026",
 * "1 Mar 2026 to 14 Mar 2026" (the last day included).
 *
 * @param buf  64 bytes
 * @param p    the period
 * @return @p buf.
 */
AFT_API char *aft_period_title(char *buf, const aft_period *p);

/**
 * The period of the same kind @p n periods later (negative: earlier). A
 * range moves by its own length.
 *
 * @param[out] out  the shifted period; may be @p p
 * @param p         the period
 * @param n         periods to move
 */
AFT_API void aft_period_shift(aft_period *out, const aft_period *p, int n);

/**
 * The last whole period of @p kind before @p as_of: the one before the
 * period that holds as_of's local day in @p tz. An as-of at local
 * midnight on the first of a month makes the month just ended the last
 * (it is whole at that instant). What `--month last` means.
 *
 * @param[out] out  the period
 * @param kind      #AFT_PERIOD_MONTH, #AFT_PERIOD_QUARTER or
 *                  #AFT_PERIOD_YEAR
 * @param as_of     Unix seconds
 * @param tz        the zone whose calendar counts; NULL: UTC
 */
AFT_API void aft_period_last(aft_period *out, aft_period_kind kind,
                             int64_t as_of, const aft_tz *tz);

/** Days added either side of local dates so that the UTC instants cover
 *  them in every time zone (offsets reach -12:00 and +14:00). */
#define AFT_ZONE_MARGIN_DAYS 2

/**
 * UTC instants [start, end) certain to hold the local days from
 * @p first's start to @p last's end in any zone: the days widened by
 * #AFT_ZONE_MARGIN_DAYS either side. What a store load for those
 * periods asks for (docs/accounting.md §1.5).
 *
 * @param first  earliest period
 * @param last   latest period; may be @p first
 * @return the instants.
 */
AFT_API aft_interval aft_period_load_range(const aft_period *first,
                                           const aft_period *last);

/**
 * The period's instants in zone @p tz and its window
 * W = [start, min(end, as_of)), empty (end = start) when as_of falls
 * before the start.
 *
 * @param[out] period  [start, end) of the whole period, UTC
 * @param[out] window  W
 * @param p            the period
 * @param tz           the client's zone
 * @param as_of        Unix seconds: the moment the figures are taken at
 */
AFT_API void aft_period_window(aft_interval *period, aft_interval *window,
                               const aft_period *p, const aft_tz *tz,
                               int64_t as_of);

#ifdef __cplusplus
}
#endif
#endif
