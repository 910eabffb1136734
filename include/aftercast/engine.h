/**
 * @file
 * engine.h - availability and metrics rows for the clients of a dataset
 * over a period. Pure: a dataset in, rows out; the store fills datasets.
 * Every fallible call returns AFT_OK or a negative aft_status equal to
 * err->code, and takes an err that may be NULL.
 */
#ifndef AFTERCAST_ENGINE_H
#define AFTERCAST_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/error.h"
#include "aftercast/interval.h"
#include "aftercast/metrics.h"
#include "aftercast/model.h"
#include "aftercast/period.h"
#include "aftercast/sla.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One row of `availability`: one service of a client, or the client. */
typedef struct aft_avail_row {
    const char *client_id;  /**< borrowed from the dataset */
    const char *service_id; /**< borrowed; NULL: the client level */
    aft_interval window;    /**< the measured window W, UTC */
    aft_sla_result r;       /**< the figures and the verdict */
} aft_avail_row;

/** One row of `metrics`: the response metrics of one client. */
typedef struct aft_metrics_row {
    const char *client_id; /**< borrowed from the dataset */
    aft_metrics m;         /**< the figures */
} aft_metrics_row;

/**
 * Availability of every client in @p ds over period @p p, each client in
 * its own time zone, as seen at @p as_of: for each client its
 * subscriptions that overlap the period, in subscription order, then the
 * client-level row.
 *
 * @param[out] out    the rows; the caller must free them with free().
 *                    NULL after a failure. Their strings are borrowed
 *                    from @p ds.
 * @param[out] n_out  number of rows
 * @param ds          the dataset
 * @param p           the period
 * @param as_of       the instant the figures are seen at (Unix seconds)
 * @param err         filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for a client with an unknown
 *         time zone or bad service hours (the message names it).
 */
AFT_API int aft_engine_availability(aft_avail_row **out, size_t *n_out,
                                    const aft_dataset *ds, const aft_period *p,
                                    int64_t as_of, aft_error *err);

/**
 * Response metrics of every client in @p ds over period @p p, as seen at
 * @p as_of: one row per client, in dataset order.
 *
 * @param[out] out    the rows; the caller must free them with free().
 *                    NULL after a failure.
 * @param[out] n_out  number of rows (ds->n_clients)
 * @param ds          the dataset
 * @param p           the period
 * @param as_of       the instant the figures are seen at
 * @param err         filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for a client with an unknown
 *         time zone.
 */
AFT_API int aft_engine_metrics(aft_metrics_row **out, size_t *n_out,
                               const aft_dataset *ds, const aft_period *p,
                               int64_t as_of, aft_error *err);

/**
 * An engine over one dataset, as seen at one instant: records grouped by
 * service and zones loaded once, so that it answers many periods and
 * clients cheaply.
 *
 * Not thread-safe: it keeps scratch space and lazily loaded zones; use
 * one per thread.
 */
typedef struct aft_engine aft_engine;

/**
 * Prepare an engine over @p ds as seen at @p as_of. It counts the
 * outages of every record until told otherwise.
 *
 * @param[out] out  the engine; the caller must free it with
 *                  aft_engine_free(). NULL after a failure.
 * @param ds        the dataset; borrowed, it must outlive the engine
 * @param as_of     the instant every answer is seen at
 * @param err       filled on failure; may be NULL
 * @return AFT_OK or AFT_ENOMEM.
 */
AFT_API int aft_engine_new(aft_engine **out, const aft_dataset *ds,
                           int64_t as_of, aft_error *err);

/**
 * Free an engine and the zones it loaded.
 * @param e  the engine; NULL is a no-op
 */
AFT_API void aft_engine_free(aft_engine *e);

/**
 * Availability rows of one client over @p p: its subscriptions that
 * overlap the period, then the client level (always the last row).
 *
 * @param e           the engine
 * @param ci          the client's index in the dataset's clients
 * @param p           the period
 * @param[out] out    the rows; the caller must free them with free().
 *                    NULL after a failure.
 * @param[out] n_out  number of rows, at least 1 on success
 * @param err         filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for an unknown time zone or
 *         bad service hours.
 */
AFT_API int aft_engine_client(aft_engine *e, size_t ci, const aft_period *p,
                              aft_avail_row **out, size_t *n_out,
                              aft_error *err);

/**
 * Only the client-level figures of client @p ci over @p p (the last row
 * of aft_engine_client()).
 *
 * @param[out] out  the figures; unchanged after a failure
 * @param e         the engine
 * @param ci        the client's index in the dataset's clients
 * @param p         the period
 * @param err       filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM or AFT_EINVALID, as aft_engine_client().
 */
AFT_API int aft_engine_client_total(aft_sla_result *out, aft_engine *e,
                                    size_t ci, const aft_period *p,
                                    aft_error *err);

/** What one incident alone cost one client over a period. */
typedef struct aft_incident_cost {
    size_t incident;    /**< index in the dataset's incidents */
    double downtime_s;  /**< D, weighted */
    int64_t major_s;    /**< seconds whose worst level is major */
    int64_t partial_s;  /**< seconds whose worst level is partial */
    int64_t degraded_s; /**< seconds whose worst level is degraded */
} aft_incident_cost;

/**
 * What each incident alone cost client @p ci over @p p (its share,
 * docs/accounting.md section 10.1), in one pass over the client's
 * services: for every incident, exactly the figures
 * aft_engine_client_total() gives after aft_engine_only_incident().
 *
 * That is, for each of the client's subscriptions that overlaps the
 * period, on a service the incident impacts: the seconds of its counted
 * time (service hours less holidays, within the subscription's dates,
 * less the excluded time of every maintenance) that the incident's
 * impacts on that service cover, each weighted by the largest weight
 * among the incident's impacts active then; summed over those
 * subscriptions in subscription order. Other incidents are not counted:
 * a second two incidents share is charged in full to each, where the
 * client's own downtime counts it once at the largest weight.
 *
 * @param e           the engine
 * @param ci          the client's index in the dataset's clients
 * @param p           the period
 * @param[out] out    one entry per incident with any outage second in
 *                    the client's counted time, by incident index; the
 *                    caller must free them with free(). NULL after a
 *                    failure or with no entry.
 * @param[out] n_out  number of entries
 * @param err         filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM or AFT_EINVALID, as aft_engine_client().
 */
AFT_API int aft_engine_incident_costs(aft_engine *e, size_t ci,
                                      const aft_period *p,
                                      aft_incident_cost **out, size_t *n_out,
                                      aft_error *err);

/**
 * Response metrics of client @p ci over @p p.
 *
 * @param e         the engine
 * @param ci        the client's index in the dataset's clients
 * @param p         the period
 * @param[out] out  the figures
 * @param err       filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for an unknown time zone.
 */
AFT_API int aft_engine_client_metrics(aft_engine *e, size_t ci,
                                      const aft_period *p, aft_metrics *out,
                                      aft_error *err);

/**
 * From now on count only the outages of incident @p inc, until
 * aft_engine_count_all() or another aft_engine_only_*() call. The excluded
 * time of every maintenance still applies. Meanwhile rows come only for
 * the services the incident impacts (the client-level row sums those),
 * since the others have no downtime of its own.
 *
 * @param e    the engine
 * @param inc  one of the dataset's incidents (an element of
 *             ds->incidents, compared by address); borrowed
 */
AFT_API void aft_engine_only_incident(aft_engine *e, const aft_incident *inc);

/**
 * From now on count only the outages of maintenance @p m (its early start
 * and overrun, or all of it when not announced in time), as
 * aft_engine_only_incident() does for an incident: rows come only for the
 * services it names.
 *
 * @param e  the engine
 * @param m  one of the dataset's maintenances (an element of
 *           ds->maintenances, compared by address); borrowed
 */
AFT_API void aft_engine_only_maintenance(aft_engine *e,
                                         const aft_maintenance *m);

/**
 * Count the outages of every record again, as after aft_engine_new().
 * @param e  the engine
 */
AFT_API void aft_engine_count_all(aft_engine *e);

/**
 * Whether an incident counts for client @p ci's response metrics: not
 * restricted to other clients, and on a service the client subscribed to
 * at the incident's start.
 *
 * @param e    the engine
 * @param ci   the client's index in the dataset's clients
 * @param inc  the incident
 * @return 1 if it counts, else 0 (also when the client's time zone is
 *         unknown).
 */
AFT_API int aft_engine_incident_counts(aft_engine *e, size_t ci,
                                       const aft_incident *inc);

/**
 * Whether a maintenance counts for client @p ci: not cancelled, not
 * restricted to other clients, and on a service the client subscribed to
 * at its scheduled start.
 *
 * @param e   the engine
 * @param ci  the client's index in the dataset's clients
 * @param m   the maintenance
 * @return 1 if it counts, else 0 (also when the client's time zone is
 *         unknown).
 */
AFT_API int aft_engine_maintenance_counts(aft_engine *e, size_t ci,
                                          const aft_maintenance *m);

/**
 * The dataset the engine answers for.
 * @param e  the engine
 * @return the dataset given to aft_engine_new(); borrowed.
 */
AFT_API const aft_dataset *aft_engine_dataset(const aft_engine *e);

/**
 * Client @p ci's time zone, loaded on first use.
 *
 * @param e    the engine
 * @param ci   the client's index in the dataset's clients
 * @param err  filled on failure (AFT_EINVALID, naming the client and the
 *             zone); may be NULL
 * @return the zone, valid until the engine is freed; NULL if unknown.
 */
AFT_API const aft_tz *aft_engine_zone(aft_engine *e, size_t ci, aft_error *err);

/**
 * The outages and the excluded time a maintenance adds for a client
 * whose notice policy is @p notice_days. Announced in time: the
 * scheduled part of the work it ran is excluded, and an early start or an
 * overrun is an outage. Announced late or not at all: all the work it ran
 * is an outage.
 *
 * @param m              the maintenance
 * @param notice_days    days of notice the client requires
 * @param[out] excluded  the excluded time (empty if none)
 * @param[out] out       up to two outages
 * @param[out] n_out     number of outages
 * @return 1, or 0 when the maintenance does not count at all (cancelled,
 *         or impact none).
 */
AFT_API int aft_engine_maintenance_split(const aft_maintenance *m,
                                         int notice_days,
                                         aft_interval *excluded,
                                         aft_outage out[2], size_t *n_out);

#ifdef __cplusplus
}
#endif
#endif
