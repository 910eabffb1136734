/**
 * @file
 * report_rca.h - the root-cause report model: one incident as one client
 * saw it (services hit, downtime, response times against the portfolio's
 * medians) and the client's month around it.
 */
#ifndef AFTERCAST_REPORT_RCA_H
#define AFTERCAST_REPORT_RCA_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"
#include "aftercast/report_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One of the client's services an incident hit. */
typedef struct aft_rca_service {
    const char *service_id; /**< borrowed from the dataset */
    aft_level level;        /**< the worst level */
    int64_t start;          /**< its first impact's start */
    int64_t end;            /**< its last impact's end, as of */
    double downtime_s;      /**< weighted, the whole incident */
} aft_rca_service;

/** The part of an incident that fell in one local month of the client. */
typedef struct aft_rca_month {
    aft_period month;  /**< the local month */
    double downtime_s; /**< weighted, client level, in that month */
    double budget_s;   /**< that month's client-level error budget */
    int provisional;   /**< that month is not over at as_of */
} aft_rca_month;

/** A root-cause report of one incident for one client. Read-only once
 *  built: several threads may read one report at once. */
typedef struct aft_rca {
    const aft_client *client;   /**< borrowed from the dataset */
    const aft_tz *tz;           /**< the client's zone, from the engine */
    const aft_incident *inc;    /**< borrowed from the dataset */
    const aft_dataset *ds;      /**< the engine's dataset */
    int64_t as_of;              /**< the instant figures are seen at */
    int ongoing;                /**< unresolved at as_of */
    aft_period month;           /**< the local month it started in */
    aft_sla_result month_total; /**< the client's month, as of */
    aft_metrics month_metrics;  /**< the client's month's metrics */
    double downtime_s;          /**< this incident, client level, all
                                     the months it ran in */
    aft_rca_month *parts;       /**< its part per month, oldest first */
    size_t n_parts;             /**< months it ran in */
    aft_rca_service *services;  /**< in the order first hit */
    size_t n_services;          /**< number of services */
    int64_t ttd_s;              /**< time to detect; AFT_TIME_NONE */
    int64_t tta_s;              /**< detect to acknowledge; or NONE */
    int64_t ttr_s;              /**< time to resolve; or NONE */
    int64_t med_ttd_s;          /**< portfolio median, same month */
    int64_t med_tta_s;          /**< portfolio median, same month */
    int64_t med_ttr_s;          /**< portfolio median, same month */
} aft_rca;

/**
 * Build the root-cause report of incident @p inc for client @p ci, with
 * the figures of the local month it started in.
 *
 * @param[out] out  the report, NULL on failure; the caller must free it
 *                  with aft_rca_free(). It borrows from the engine and
 *                  its dataset: valid until @p e is freed.
 * @param e         the engine; its dataset must cover that month
 * @param ci        the client's index in the engine's dataset
 * @param inc       an incident of the engine's dataset
 * @param as_of     the instant the figures are seen at
 * @param err       optional; receives the message on failure
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for an unknown time zone,
 *         bad service hours of the client, or an incident that did not
 *         affect the client (the message says so).
 */
AFT_API int aft_rca_build(aft_rca **out, aft_engine *e, size_t ci,
                          const aft_incident *inc, int64_t as_of,
                          aft_error *err);

/**
 * Free a root-cause report and the services it holds.
 * @param r  the report; NULL is a no-op
 */
AFT_API void aft_rca_free(aft_rca *r);

/**
 * The report's account of the incident in sentences: when it began and
 * ended (or the instant it is seen at, while ongoing), its whole
 * weighted downtime for the client and, when it ran in several months,
 * each month's part and share of that month's error budget.
 *
 * @param r  the report
 * @return the text, or NULL when out of memory. The caller must free the
 *         result with free().
 */
AFT_API char *aft_rca_story(const aft_rca *r);

/**
 * The interim notice of an ongoing incident's report, with the instant
 * its figures are seen at; empty when the incident is resolved.
 *
 * @param r  the report
 * @return the text, or NULL when out of memory. The caller must free the
 *         result with free().
 */
AFT_API char *aft_rca_interim(const aft_rca *r);

#ifdef __cplusplus
}
#endif
#endif
