/*
 * metrics.h - response and communication metrics of SPEC section 4: pure.
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
    size_t  incidents;
    size_t  by_severity[AFT_SEVERITY_COUNT];
    int     has_mttd, has_mtta, has_mttr, has_first_update;
    double  mttd_s, mtta_s, mttr_s;
    int64_t mttr_p50_s, mttr_p90_s;      /* valid with has_mttr */
    double  mean_first_update_s;
    size_t  update_breaches;
    size_t  maintenances;
    size_t  maintenances_announced;
} aft_metrics;

/**
 * Metrics over @p incidents (already those that count for the client and
 * period), as seen at @p as_of: updates after as_of have not happened,
 * and an incident resolved after as_of is still ongoing.
 * Leaves maintenances and maintenances_announced at 0.
 * @return AFT_OK or AFT_ENOMEM.
 */
AFT_API int aft_metrics_compute(aft_metrics *out,
                                const aft_incident *const *incidents, size_t n,
                                int64_t as_of, int update_interval_minutes,
                                aft_error *err);

/** The incident's end as seen at as_of: resolved_at, or as_of while it is
 *  ongoing (or resolved later than as_of). */
AFT_API int64_t aft_incident_end(const aft_incident *inc, int64_t as_of);

/** Longest gap between started_at, the updates inside [started_at, end]
 *  and end (SPEC section 4). */
AFT_API int64_t aft_incident_silence(const aft_incident *inc, int64_t as_of);

/** Earliest update's at - started_at, or AFT_TIME_NONE with no update. */
AFT_API int64_t aft_incident_first_update(const aft_incident *inc,
                                          int64_t as_of);

/** Nearest-rank percentile p (0-100] of n ascending values. */
AFT_API int64_t aft_percentile(const int64_t *sorted, size_t n, double p);

/** Whether a maintenance was announced under a notice policy of
 *  notice_days (SPEC section 3, step 2). */
AFT_API int aft_maintenance_announced(const aft_maintenance *m,
                                      int notice_days);

#ifdef __cplusplus
}
#endif
#endif
