/**
 * @file
 * report_portfolio.h - the executive portfolio model: every client and
 * service against its target over one period, trends, the costliest
 * incidents and maintenance compliance.
 */
#ifndef AFTERCAST_REPORT_PORTFOLIO_H
#define AFTERCAST_REPORT_PORTFOLIO_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"
#include "aftercast/report_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One client of the portfolio. */
typedef struct aft_portfolio_client {
    const aft_client *client; /**< borrowed from the dataset */
    aft_avail_row *rows;      /**< services, then the client level */
    size_t n_rows;            /**< number of rows */
    aft_sla_result trend[AFT_TREND_PERIODS]; /**< client level */
    aft_metrics metrics; /**< response metrics of the period */
} aft_portfolio_client;

/** One incident that started in the period, by what it cost. */
typedef struct aft_portfolio_incident {
    const aft_incident *inc; /**< borrowed from the dataset */
    double client_seconds;   /**< weighted downtime, over clients */
    size_t n_clients;        /**< clients it cost downtime */
    /** The zone of the clients it hit; NULL when their zones differ, and
     *  then its start is told in UTC. Borrowed from the engine. */
    const aft_tz *zone;
    int64_t started_local;        /**< its start as wall-clock time in zone */
    char started[AFT_WHEN_BUFSZ]; /**< its start for people, zone named */
} aft_portfolio_incident;

/** Every client against its goals over one period. Read-only once built:
 *  several threads may read one report at once. */
typedef struct aft_portfolio {
    const aft_dataset *ds;         /**< the engine's dataset */
    aft_period period;             /**< the period reported */
    aft_period prev;               /**< the period before it */
    aft_period year_ago;           /**< the same period a year before */
    int64_t as_of;                 /**< the instant figures are seen at */
    aft_portfolio_client *clients; /**< breaches first, worst first */
    size_t n_clients;              /**< number of clients */
    const char **services;         /**< ids subscribed by some client */
    size_t n_services;             /**< number of service ids */
    size_t clients_met;            /**< clients that met their target */
    size_t clients_breached;       /**< clients that did not */
    size_t services_met;           /**< (client, service) rows met */
    size_t services_measured;      /**< rows with an availability */
    size_t clients_with_credit;    /**< clients owed any credit, for a
                                        service or as a whole */
    aft_sla_result total;          /**< sum of clients, the period */
    aft_sla_result prev_total;     /**< sum of clients, period before */
    aft_sla_result year_total;     /**< sum of clients, a year before */
    aft_period trend_period[AFT_TREND_PERIODS]; /**< oldest first */
    aft_sla_result trend[AFT_TREND_PERIODS];    /**< sums of clients */
    aft_metrics metrics;         /**< all incidents started in it */
    int has_prev_mttr;           /**< the period before has an MTTR */
    double prev_mttr_s;          /**< its MTTR, seconds */
    int has_year_mttr;           /**< the period a year before has one */
    double year_mttr_s;          /**< its MTTR, seconds */
    aft_portfolio_incident *top; /**< largest by client-seconds */
    size_t n_top;                /**< entries of top shown */
    size_t windows;              /**< (client, window) pairs */
    size_t windows_announced;    /**< of those, announced in time */
    int64_t overrun_s;           /**< over distinct windows */
    int provisional;             /**< the period is not over at as_of */
    int64_t data_start;          /**< first record; AFT_TIME_NONE if none */
} aft_portfolio;

/**
 * The UTC instants [*lo, *hi) a dataset must cover for the portfolio
 * report of @p p: the period, its trend and the same period a year
 * before, in any time zone.
 *
 * @param p        the period
 * @param[out] lo  the first instant
 * @param[out] hi  the first instant not needed
 */
AFT_API void aft_portfolio_range(const aft_period *p, int64_t *lo, int64_t *hi);

/**
 * The UTC instants whose incidents the portfolio report of @p p reads
 * whole (response metrics, the costliest incidents): the period's, in any
 * time zone. Of the rest of aft_portfolio_range() it needs only what
 * incidents cost and their MTTR (the comparison periods show no more).
 *
 * @param p  the period
 * @return the instants.
 */
AFT_API aft_interval aft_portfolio_whole(const aft_period *p);

/**
 * Build the portfolio report of every client of the engine's dataset
 * over period @p p.
 *
 * @param[out] out  the report, NULL on failure; the caller must free it
 *                  with aft_portfolio_free(). It borrows from the engine
 *                  and its dataset: valid until @p e is freed.
 * @param e         the engine; its dataset must hold the instants that
 *                  aft_portfolio_range() gives for @p p
 * @param p         the period
 * @param as_of     the instant the figures are seen at
 * @param err       optional; receives the message on failure
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for an unknown time zone or
 *         bad service hours of a client.
 */
AFT_API int aft_portfolio_build(aft_portfolio **out, aft_engine *e,
                                const aft_period *p, int64_t as_of,
                                aft_error *err);

/**
 * Free a portfolio report and everything it holds.
 * @param r  the report; NULL is a no-op
 */
AFT_API void aft_portfolio_free(aft_portfolio *r);

#ifdef __cplusplus
}
#endif
#endif
