/**
 * @file
 * report_monthly.h - the monthly report model: every figure a client's
 * report for one period shows (services, days, trend, incidents,
 * maintenance windows), computed by the engine like `availability` and
 * `metrics`, and the wording of its sections.
 */
#ifndef AFTERCAST_REPORT_MONTHLY_H
#define AFTERCAST_REPORT_MONTHLY_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"
#include "aftercast/report_common.h"
#include "aftercast/report_maintenance.h"
#include "aftercast/template.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An incident as the report shows it to one client. */
typedef struct aft_report_incident {
    const aft_incident *inc; /**< borrowed from the dataset */
    int64_t duration_s;      /**< start to end, as of as_of */
    int ongoing;             /**< unresolved at as_of */
    double downtime_s;       /**< weighted, this client, this period */
    char services[256];      /**< the client's services it hit, names */
    int64_t first_update_s;  /**< AFT_TIME_NONE without updates */
    int64_t silence_s;       /**< longest gap between updates */
    int update_breach;       /**< silence over the promised interval */
} aft_report_incident;

/** A service credit a client's tiers yield: for one service, on that
 *  service's fee, or for the client as a whole, on its whole fee. */
typedef struct aft_report_credit {
    const char *service_id; /**< borrowed; NULL for the client as a whole */
    double percent;         /**< percent of the fee */
} aft_report_credit;

/** Everything a monthly report for one client shows. Read-only once
 *  built: several threads may read one report at once. */
typedef struct aft_monthly {
    const aft_client *client;  /**< borrowed from the dataset */
    const aft_tz *tz;          /**< the client's zone, from the engine */
    aft_period period;         /**< the period reported */
    aft_period prev;           /**< the period before it */
    int64_t as_of;             /**< the instant figures are seen at */
    aft_interval span;         /**< the period's instants */
    aft_interval window;       /**< W: span up to as_of */
    aft_avail_row *rows;       /**< services, then the client level */
    size_t n_rows;             /**< number of rows */
    aft_metrics metrics;       /**< response metrics of the period */
    size_t prev_incidents;     /**< incidents of the period before */
    aft_sla_result prev_total; /**< client level, period before */
    aft_sla_result *days;      /**< client level per local day */
    size_t n_days;             /**< days in the period */
    aft_period trend_period[AFT_TREND_PERIODS]; /**< oldest first */
    aft_sla_result trend[AFT_TREND_PERIODS];    /**< client level each */
    aft_report_incident *incidents; /**< in the order they started */
    size_t n_incidents;             /**< number of incidents */
    aft_report_maint *maints;       /**< in the order scheduled */
    size_t n_maints;                /**< number of windows */
    const aft_dataset *ds;          /**< the engine's dataset */
    int provisional;                /**< the period is not over at as_of */
    int64_t data_start;             /**< first record or subscription
                                         start; AFT_TIME_NONE if none */
    int trend_no_data[AFT_TREND_PERIODS]; /**< period before data_start */
    int prev_no_data;                     /**< the same, period before */
    aft_report_credit *credits; /**< services first, then the client */
    size_t n_credits;           /**< credits owed; 0 when none */
    size_t n_open;              /**< counted incidents open at as_of */
} aft_monthly;

/**
 * The client-level figures of a monthly report (its last row).
 * @param r  the report
 * @return the row's figures. Borrowed: valid until @p r is freed.
 */
AFT_API const aft_sla_result *aft_monthly_total(const aft_monthly *r);

/**
 * Build the monthly report of client @p ci over period @p p.
 *
 * @param[out] out  the report, NULL on failure; the caller must free it
 *                  with aft_monthly_free(). It borrows from the engine
 *                  and its dataset: valid until @p e is freed.
 * @param e         the engine; its dataset must hold the instants that
 *                  aft_monthly_range() gives for @p p
 * @param ci        the client's index in the engine's dataset
 * @param p         the period
 * @param as_of     the instant the figures are seen at
 * @param err       optional; receives the message on failure
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for an unknown time zone or
 *         bad service hours of the client.
 */
AFT_API int aft_monthly_build(aft_monthly **out, aft_engine *e, size_t ci,
                              const aft_period *p, int64_t as_of,
                              aft_error *err);

/**
 * Free a monthly report and the rows it holds.
 * @param r  the report; NULL is a no-op
 */
AFT_API void aft_monthly_free(aft_monthly *r);

/**
 * The UTC instants [*lo, *hi) a dataset must cover for monthly reports of
 * @p p: the period and its trend, in any time zone.
 *
 * @param p        the period
 * @param[out] lo  the first instant
 * @param[out] hi  the first instant not needed
 */
AFT_API void aft_monthly_range(const aft_period *p, int64_t *lo, int64_t *hi);

/**
 * The UTC instants whose incidents a monthly report of @p p reads whole
 * (titles, updates, response times): the period's, in any time zone.
 * Of the rest of aft_monthly_range() it needs only what incidents cost
 * and which count (aft_store_load_scoped()).
 *
 * @param p  the period
 * @return the instants.
 */
AFT_API aft_interval aft_monthly_whole(const aft_period *p);

/**
 * A section's wording for this report: the template's "text.NAME" with
 * its placeholders filled: {client}, {period}, {availability},
 * {target}, {credit}, {incidents}, {mttr}, {prev_period},
 * {prev_availability}, {prev_incidents}, {timezone}, {hours},
 * {partial_weight}, {degraded_weight}, {notice_days}, {as_of},
 * {interval}, {first_update}, {breaches}, {credits}, {fee}, {open},
 * {resolved}, {data_start}, {verdict}, {title}, {company}. Durations are in
 * words ("30 minutes") and {as_of} is the client's local date and time with its
 * zone.
 *
 * @param r     the report
 * @param t     the template
 * @param name  the section, without "text." ("summary_met")
 * @return the text, or NULL when out of memory. The caller must free the
 *         result with free().
 */
AFT_API char *aft_monthly_text(const aft_monthly *r, const aft_template *t,
                               const char *name);

/**
 * A section's wording as the report's state decides it: "summary" (met,
 * breached or no data, provisional or not), "credits" (every credit
 * owed, or none), "incidents" (open ones said apart), "compare",
 * "banner" (empty unless provisional), "policy", "communication".
 *
 * @param r     the report
 * @param t     the template
 * @param part  the section
 * @return the text, or NULL when out of memory. The caller must free the
 *         result with free().
 */
AFT_API char *aft_monthly_say(const aft_monthly *r, const aft_template *t,
                              const char *part);

/**
 * The verdict on figures @p res for people, in the template's words
 * ("words.verdict.met", "MET"; "met_provisional", "MET SO FAR";
 * "breached", "breached_provisional", "no_data").
 *
 * @param t            the template
 * @param res          the figures
 * @param provisional  the period is not over
 * @return the words. Borrowed: valid until @p t is freed.
 */
AFT_API const char *aft_report_verdict(const aft_template *t,
                                       const aft_sla_result *res,
                                       int provisional);

#ifdef __cplusplus
}
#endif
#endif
