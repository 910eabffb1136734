/*
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
    const aft_client *client;     /* borrowed from the dataset */
    aft_avail_row    *rows;       /* services, then the client level */
    size_t            n_rows;
    aft_sla_result    trend[AFT_TREND_PERIODS];   /* client level */
    aft_metrics       metrics;
} aft_portfolio_client;

/** One incident that started in the period, by what it cost. */
typedef struct aft_portfolio_incident {
    const aft_incident *inc;      /* borrowed from the dataset */
    double  client_seconds;       /* weighted downtime summed over clients */
    size_t  n_clients;            /* clients it cost downtime */
} aft_portfolio_incident;

/** Every client against its goals over one period. Read-only once built:
 *  several threads may read one report at once. */
typedef struct aft_portfolio {
    const aft_dataset *ds;          /* borrowed from the engine */
    aft_period   period, prev, year_ago;
    int64_t      as_of;
    aft_portfolio_client *clients;  /* breaches first, worst first */
    size_t       n_clients;
    const char **services;          /* ids subscribed by some client */
    size_t       n_services;
    size_t       clients_met, clients_breached;
    size_t       services_met, services_measured;
    size_t       clients_with_credit;
    aft_sla_result total, prev_total, year_total;   /* sums of clients */
    aft_period   trend_period[AFT_TREND_PERIODS];
    aft_sla_result trend[AFT_TREND_PERIODS];
    aft_metrics  metrics, prev_metrics, year_metrics; /* all incidents
                                                          started in it */
    aft_portfolio_incident *top;    /* largest by client-seconds */
    size_t       n_top;
    size_t       windows, windows_announced;   /* (client, window) pairs */
    int64_t      overrun_s;                    /* over distinct windows */
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
AFT_API void aft_portfolio_range(const aft_period *p, int64_t *lo,
                                 int64_t *hi);

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
