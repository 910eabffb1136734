/**
 * @file
 * instant.h - instants (Unix seconds, UTC) and local dates: parse, format.
 *
 * Every function is pure and thread-safe; buffers belong to the caller.
 */
#ifndef AFTERCAST_INSTANT_H
#define AFTERCAST_INSTANT_H

#include <stdint.h>
#include <stddef.h>

#include "aftercast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Marks an absent instant (an ongoing end, a missing detected_at). */
#define AFT_TIME_NONE INT64_MIN

/** Seconds in a calendar day of the UTC time scale (no leap seconds). */
#define AFT_DAY_SECONDS 86400

/**
 * The day number (days since 1970-01-01) that instant or local time @p t
 * falls on: floor division, so negative times fall on earlier days.
 *
 * @param t  Unix seconds, or local seconds counted as if the zone were UTC
 * @return the day number.
 */
AFT_API int64_t aft_day_of(int64_t t);

/**
 * The first second of a day.
 *
 * @param day  day number
 * @return day * #AFT_DAY_SECONDS.
 */
AFT_API int64_t aft_day_start(int64_t day);

/** Size of a buffer that holds any formatted instant. */
#define AFT_INSTANT_BUFSZ 32

/** A time zone; see tz.h. */
typedef struct aft_tz aft_tz;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date.
 *
 * @param y  year
 * @param m  month, 1-12
 * @param d  day of the month, 1-31
 * @return the day number, negative before 1970.
 */
AFT_API int64_t aft_days_from_civil(int64_t y, unsigned m, unsigned d);

/**
 * The date of a day number: the inverse of aft_days_from_civil().
 *
 * @param days    day number
 * @param[out] y  year
 * @param[out] m  month, 1-12
 * @param[out] d  day of the month, 1-31
 */
AFT_API void aft_civil_from_days(int64_t days, int64_t *y, unsigned *m,
                                 unsigned *d);

/**
 * Day of week of a day number.
 *
 * @param days  day number
 * @return 0 = Monday ... 6 = Sunday.
 */
AFT_API int aft_weekday(int64_t days);

/**
 * Number of days of a month.
 *
 * @param y  year
 * @param m  month, 1-12
 * @return 28 to 31.
 */
AFT_API unsigned aft_days_in_month(int64_t y, unsigned m);

/**
 * Parse an ISO 8601 instant `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by
 * `Z` or `±HH:MM`; fractional seconds are truncated.
 *
 * @param[out] out  Unix seconds, UTC
 * @param s         the text
 * @param deflt     zone to read an instant without offset in, or NULL to
 *                  reject such an instant
 * @param err       error record, or NULL
 * @return #AFT_OK, or #AFT_EINVALID with a message quoting @p s.
 */
AFT_API int aft_instant_parse(int64_t *out, const char *s, const aft_tz *deflt,
                              aft_error *err);

/**
 * Format an instant as `YYYY-MM-DDTHH:MM:SSZ`.
 *
 * @param buf  #AFT_INSTANT_BUFSZ bytes
 * @param t    Unix seconds
 * @return @p buf.
 */
AFT_API char *aft_instant_format(char *buf, int64_t t);

/**
 * Format a duration for people, such as "45s", "12m 05s", "1h 02m",
 * "3d 04h" (negative with a leading "-").
 *
 * @param buf      32 bytes
 * @param seconds  the duration, rounded to whole seconds
 * @return @p buf.
 */
AFT_API char *aft_duration_format(char *buf, double seconds);

/**
 * Format an instant as local time "YYYY-MM-DD HH:MM" in a zone.
 *
 * @param buf  #AFT_INSTANT_BUFSZ bytes
 * @param tz   the zone
 * @param t    Unix seconds
 * @return @p buf.
 */
AFT_API char *aft_local_format(char *buf, const aft_tz *tz, int64_t t);

/**
 * Parse a date `YYYY-MM-DD` into a day number.
 *
 * @param[out] out_days  the day number
 * @param s              the text
 * @param err            error record, or NULL
 * @return #AFT_OK, or #AFT_EINVALID with a message quoting @p s.
 */
AFT_API int aft_date_parse(int64_t *out_days, const char *s, aft_error *err);

/**
 * Format a day number as `YYYY-MM-DD`.
 *
 * @param buf   #AFT_INSTANT_BUFSZ bytes
 * @param days  day number
 * @return @p buf.
 */
AFT_API char *aft_date_format(char *buf, int64_t days);

#ifdef __cplusplus
}
#endif
#endif
