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
    double downtime_s;      /**< weighted, within the month */
} aft_rca_service;

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
    double downtime_s;          /**< this incident, client level */
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
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for an unknown time zone or
 *         bad service hours of the client.
 */
AFT_API int aft_rca_build(aft_rca **out, aft_engine *e, size_t ci,
                          const aft_incident *inc, int64_t as_of,
                          aft_error *err);

/**
 * Free a root-cause report and the services it holds.
 * @param r  the report; NULL is a no-op
 */
AFT_API void aft_rca_free(aft_rca *r);

#ifdef __cplusplus
}
#endif
#endif
