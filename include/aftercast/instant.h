/*
 * instant.h - instants (Unix seconds, UTC) and local dates: parse, format.
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

/** The day number (days since 1970-01-01) that instant or local time @p t
 *  falls on: floor division, so negative times fall on earlier days. */
AFT_API int64_t aft_day_of(int64_t t);
/** The first second of day number @p day. */
AFT_API int64_t aft_day_start(int64_t day);

/** Size of a buffer that holds any formatted instant. */
#define AFT_INSTANT_BUFSZ 32

typedef struct aft_tz aft_tz;

/** Days since 1970-01-01 of a proleptic Gregorian date. */
AFT_API int64_t aft_days_from_civil(int64_t y, unsigned m, unsigned d);
/** Inverse of aft_days_from_civil(). */
AFT_API void aft_civil_from_days(int64_t days, int64_t *y, unsigned *m,
                                 unsigned *d);
/** Day of week of a day number: 0 = Monday ... 6 = Sunday. */
AFT_API int aft_weekday(int64_t days);
/** Number of days of a month (1-12). */
AFT_API unsigned aft_days_in_month(int64_t y, unsigned m);

/**
 * Parse an ISO 8601 instant `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by
 * `Z` or `±HH:MM`; fractional seconds are truncated.
 *
 * @param[out] out  Unix seconds, UTC
 * @param s         the text
 * @param deflt     zone to read an instant without offset in, or NULL to
 *                  reject such an instant
 * @return AFT_OK, or AFT_EINVALID with a message quoting @p s.
 */
AFT_API int aft_instant_parse(int64_t *out, const char *s, const aft_tz *deflt,
                              aft_error *err);

/** Format as `YYYY-MM-DDTHH:MM:SSZ` into buf (AFT_INSTANT_BUFSZ bytes). */
AFT_API char *aft_instant_format(char *buf, int64_t t);

/** Format a duration for people, such as "45s", "12m 05s", "1h 02m",
 *  "3d 04h" (negative with a leading "-"), into buf (32 bytes). */
AFT_API char *aft_duration_format(char *buf, double seconds);

/** Format instant t as local time "YYYY-MM-DD HH:MM" in zone tz, into
 *  buf (AFT_INSTANT_BUFSZ bytes). */
AFT_API char *aft_local_format(char *buf, const aft_tz *tz, int64_t t);

/**
 * Parse a date `YYYY-MM-DD` into a day number.
 * @return AFT_OK, or AFT_EINVALID with a message quoting @p s.
 */
AFT_API int aft_date_parse(int64_t *out_days, const char *s, aft_error *err);

/** Format a day number as `YYYY-MM-DD` into buf (AFT_INSTANT_BUFSZ bytes). */
AFT_API char *aft_date_format(char *buf, int64_t days);

#ifdef __cplusplus
}
#endif
#endif
