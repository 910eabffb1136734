/**
 * @file
 * metrics.h - response and communication metrics (docs/accounting.md §8,
 * §9): pure.
 */
#ifndef AFTERCAST_METRICS_H
#define AFTERCAST_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/error.h"
#include "aftercast/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Response metrics of one client over one period. has_* = 0 is null. */
typedef struct aft_metrics {
    size_t incidents;                       /**< incidents counted */
    size_t by_severity[AFT_SEVERITY_COUNT]; /**< incidents per severity */
    int has_mttd;                           /**< mttd_s is set */
    int has_mtta;                           /**< mtta_s is set */
    int has_mttr;                  /**< mttr_s and its percentiles are set */
    int has_first_update;          /**< mean_first_update_s is set */
    double mttd_s;                 /**< mean started_at to detected_at */
    double mtta_s;                 /**< mean detected_at to acknowledged_at */
    double mttr_s;                 /**< mean started_at to resolved_at */
    int64_t mttr_p50_s;            /**< median of the same */
    int64_t mttr_p90_s;            /**< 90th percentile of the same */
    double mean_first_update_s;    /**< mean delay of the first update */
    size_t update_breaches;        /**< incidents silent longer than the
                                        update interval */
    size_t maintenances;           /**< maintenances counted */
    size_t maintenances_announced; /**< those announced in time */
} aft_metrics;

/**
 * Metrics over @p incidents (already those that count for the client and
 * period), as seen at @p as_of: updates after as_of have not happened,
 * and an incident resolved after as_of is still ongoing.
 * Leaves maintenances and maintenances_announced at 0.
 *
 * @param[out] out  the metrics
 * @param incidents the incidents
 * @param n         their number
 * @param as_of     Unix seconds: the moment the figures are taken at
 * @param update_interval_minutes  longest silence allowed between updates
 * @param err       error record, or NULL
 * @return #AFT_OK or #AFT_ENOMEM.
 */
AFT_API int aft_metrics_compute(aft_metrics *out,
                                const aft_incident *const *incidents, size_t n,
                                int64_t as_of, int update_interval_minutes,
                                aft_error *err);

/**
 * The incident's end as seen at @p as_of.
 *
 * @param inc    the incident
 * @param as_of  Unix seconds
 * @return resolved_at, or as_of while it is ongoing (or resolved later
 *         than as_of).
 */
AFT_API int64_t aft_incident_end(const aft_incident *inc, int64_t as_of);

/**
 * Longest gap between started_at, the updates inside [started_at, end]
 * and end (docs/accounting.md §9.2).
 *
 * @param inc    the incident
 * @param as_of  Unix seconds; the end is aft_incident_end()
 * @return seconds.
 */
AFT_API int64_t aft_incident_silence(const aft_incident *inc, int64_t as_of);

/**
 * Delay of the incident's first update.
 *
 * @param inc    the incident
 * @param as_of  Unix seconds; later updates are ignored
 * @return the earliest update's at - started_at, or #AFT_TIME_NONE with no
 *         update.
 */
AFT_API int64_t aft_incident_first_update(const aft_incident *inc,
                                          int64_t as_of);

/**
 * Nearest-rank percentile of ascending values (docs/accounting.md §8.4).
 *
 * @param sorted  values, ascending
 * @param n       their number; at least 1
 * @param p       the percentile, (0, 100]
 * @return the value at rank ceil(p / 100 * n).
 */
AFT_API int64_t aft_percentile(const int64_t *sorted, size_t n, double p);

/**
 * Whether a maintenance was announced under a notice policy
 * (docs/accounting.md §5.2). A predicate: it cannot fail.
 *
 * @param m            the maintenance
 * @param notice_days  days of notice required before scheduled_start
 * @return 1 if it was notified at least @p notice_days before its
 *         scheduled start, else 0.
 */
AFT_API int aft_maintenance_announced(const aft_maintenance *m,
                                      int notice_days);

#ifdef __cplusplus
}
#endif
#endif
