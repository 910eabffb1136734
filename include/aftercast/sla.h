/**
 * @file
 * sla.h - availability arithmetic (docs/accounting.md §4-§7): pure, no I/O.
 */
#ifndef AFTERCAST_SLA_H
#define AFTERCAST_SLA_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/error.h"
#include "aftercast/interval.h"
#include "aftercast/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One outage of a service: an incident impact or a maintenance overrun. */
typedef struct aft_outage {
    int64_t start;   /**< Unix seconds, included */
    int64_t end;     /**< Unix seconds, excluded */
    aft_level level; /**< how bad it was */
} aft_outage;

/** Figures of one (client, service) or one client (docs/accounting.md §6). */
typedef struct aft_sla_result {
    int64_t eligible_s;        /**< E: measured time less exclusions */
    int64_t excluded_s;        /**< |X| within the measured time */
    double downtime_s;         /**< D, weighted */
    int64_t major_s;           /**< seconds whose worst level is major */
    int64_t partial_s;         /**< seconds whose worst level is partial */
    int64_t degraded_s;        /**< seconds whose worst level is degraded */
    int has_availability;      /**< 0 when E = 0: A is null */
    double availability;       /**< A, percent */
    double target;             /**< T, percent */
    int met;                   /**< A >= T; meaningless without A */
    double budget_s;           /**< (1 - T/100) * E */
    double budget_remaining_s; /**< budget - D */
    double credit_percent;     /**< credit of the tier A falls in */
} aft_sla_result;

/**
 * Measure downtime over measured time @p measured (a set: W_s) less the
 * excluded intervals (any list), with w(t) the largest weight among the
 * outages active at t. Fills eligible_s, excluded_s, downtime_s and the
 * level seconds; the rest is left for aft_sla_judge().
 *
 * @param[out] out   the figures
 * @param measured   measured time, a set
 * @param n_measured its number of intervals
 * @param excluded   excluded time, any intervals
 * @param n_excluded their number
 * @param outages    the outages, in any order
 * @param n_outages  their number
 * @param weights    weight of each aft_level, indexed by level
 * @param err        error record, or NULL
 * @return #AFT_OK or #AFT_ENOMEM.
 */
AFT_API int aft_sla_measure(aft_sla_result *out, const aft_interval *measured,
                            size_t n_measured, const aft_interval *excluded,
                            size_t n_excluded, const aft_outage *outages,
                            size_t n_outages, const double weights[4],
                            aft_error *err);

/**
 * From eligible_s and downtime_s, set availability, met, budget and
 * credit against @p target and the credit tiers.
 *
 * @param r        figures filled by aft_sla_measure() or aft_sla_add()
 * @param target   T, percent
 * @param tiers    credit tiers
 * @param n_tiers  their number
 */
AFT_API void aft_sla_judge(aft_sla_result *r, double target,
                           const aft_credit_tier *tiers, size_t n_tiers);

/**
 * Add b's seconds (E, X, D, levels) to a, for client-level sums.
 *
 * @param a  the sum
 * @param b  the figures to add
 */
AFT_API void aft_sla_add(aft_sla_result *a, const aft_sla_result *b);

#ifdef __cplusplus
}
#endif
#endif
