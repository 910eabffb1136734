/**
 * @file
 * report_common.h - what the report models share: the length of their
 * trends, and a service's name as a report prints it.
 */
#ifndef AFTERCAST_REPORT_COMMON_H
#define AFTERCAST_REPORT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/error.h"
#include "aftercast/model.h"
#include "aftercast/period.h"
#include "aftercast/template.h"
#include "aftercast/tz.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Periods in a report's trend: the period and the eleven before it. */
#define AFT_TREND_PERIODS 12

/**
 * The name of a service of a dataset, as reports print it.
 *
 * @param ds  the dataset
 * @param id  the service's id
 * @return its name, else (no name, or no such service) @p id itself.
 *         Borrowed: valid until @p ds is freed, or as long as @p id.
 */
AFT_API const char *aft_service_name(const aft_dataset *ds, const char *id);

/** Bytes a report's readable instant needs ("24 November 2026, 01:00
 *  (Europe/Zurich, UTC+01:00)"). */
#define AFT_WHEN_BUFSZ 96

/**
 * An instant for people: the local date and time with its zone and
 * offset, "24 November 2026, 01:00 (Europe/Zurich, UTC+01:00)".
 *
 * @param buf  #AFT_WHEN_BUFSZ bytes
 * @param tz   the zone
 * @param t    Unix seconds
 * @return @p buf.
 */
AFT_API char *aft_report_when(char *buf, const aft_tz *tz, int64_t t);

/**
 * An instant for people in UTC: "24 November 2026, 00:00 (UTC)".
 *
 * @param buf  #AFT_WHEN_BUFSZ bytes
 * @param t    Unix seconds
 * @return @p buf.
 */
AFT_API char *aft_report_when_utc(char *buf, int64_t t);

/**
 * An instant for a table cell: the local date and time with its zone,
 * "24 Nov 2026, 01:00 (Europe/Zurich)", or in UTC when @p tz is NULL,
 * "24 Nov 2026, 00:00 (UTC)".
 *
 * @param buf  #AFT_WHEN_BUFSZ bytes
 * @param tz   the zone, or NULL for UTC
 * @param t    Unix seconds
 * @return @p buf.
 */
AFT_API char *aft_report_when_short(char *buf, const aft_tz *tz, int64_t t);

/**
 * A duration in words: "30 minutes", "1 hour", "2 hours 15 minutes",
 * "3 days 4 hours"; under a minute, in seconds.
 *
 * @param buf      64 bytes
 * @param seconds  the duration, rounded to whole minutes above a minute
 * @return @p buf.
 */
AFT_API char *aft_report_duration_words(char *buf, double seconds);

/**
 * An impact level in the template's words ("words.level.major_outage",
 * by default "Major outage").
 *
 * @param t      the template
 * @param level  the level
 * @return the words. Borrowed: valid until @p t is freed.
 */
AFT_API const char *aft_report_level(const aft_template *t, aft_level level);

/**
 * A severity in the template's words ("words.severity.sev1", by default
 * "Critical (Sev 1)").
 *
 * @param t    the template
 * @param sev  the severity
 * @return the words. Borrowed: valid until @p t is freed.
 */
AFT_API const char *aft_report_severity(const aft_template *t,
                                        aft_severity sev);

/**
 * A maintenance status in the template's words ("words.status.completed",
 * by default "Completed").
 *
 * @param t   the template
 * @param st  the status
 * @return the words. Borrowed: valid until @p t is freed.
 */
AFT_API const char *aft_report_mstatus(const aft_template *t, aft_mstatus st);

/**
 * The fee a credit of period @p p applies to, in the template's words
 * ("words.fee.month": "monthly fee"; quarter, year, range).
 *
 * @param t  the template
 * @param p  the period
 * @return the words. Borrowed: valid until @p t is freed.
 */
AFT_API const char *aft_report_fee(const aft_template *t, const aft_period *p);

/**
 * Whether period @p p starts after @p as_of in every time zone, so that
 * nothing of it can be reported yet.
 *
 * @param p      the period
 * @param as_of  Unix seconds
 * @return 1 if so, else 0.
 */
AFT_API int aft_report_period_after(const aft_period *p, int64_t as_of);

#ifdef __cplusplus
}
#endif
#endif
