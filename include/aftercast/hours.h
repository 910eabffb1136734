/**
 * @file
 * hours.h - service hours: weekly local ranges such as "mon-fri 08:00-18:00",
 * and the measured time they leave in a window (docs/accounting.md §3).
 */
#ifndef AFTERCAST_HOURS_H
#define AFTERCAST_HOURS_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/error.h"
#include "aftercast/interval.h"
#include "aftercast/tz.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One weekly range of service hours, in local time. */
typedef struct aft_hours_range {
    uint8_t days;      /**< bit 0 = Monday ... bit 6 = Sunday */
    int32_t start_min; /**< minutes after local midnight, 0..1440 */
    int32_t end_min;   /**< minutes; below start_min: runs past midnight */
} aft_hours_range;

/**
 * Parse "DAYS HH:MM-HH:MM": DAYS is `daily`, a day (`mon`...`sun`), a
 * range (`mon-fri`, wrapping like `fri-mon`) or a comma list of these;
 * 24:00 ends a day. An end before the start runs into the next day.
 *
 * @param[out] out  the range
 * @param spec      the text
 * @param err       error record, or NULL
 * @return #AFT_OK, or #AFT_EINVALID quoting the text.
 */
AFT_API int aft_hours_parse(aft_hours_range *out, const char *spec,
                            aft_error *err);

/**
 * The measured time of window @p w: the union of @p ranges (all hours when
 * n_ranges is 0), less the local days in @p holidays, clipped to w.
 *
 * @param[out] out   normalized set, appended to the caller's list
 * @param ranges     service hours
 * @param n_ranges   their number; 0: around the clock
 * @param holidays   local day numbers not measured
 * @param n_holidays their number
 * @param tz         the client's zone
 * @param w          the window
 * @param err        error record, or NULL
 * @return #AFT_OK or #AFT_ENOMEM.
 */
AFT_API int aft_hours_measured(aft_ivlist *out, const aft_hours_range *ranges,
                               size_t n_ranges, const int64_t *holidays,
                               size_t n_holidays, const aft_tz *tz,
                               aft_interval w, aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
