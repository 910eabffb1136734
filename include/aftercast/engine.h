/*
 * engine.h - availability rows (SPEC section 3) and metrics rows (section 4)
 * for every client of a dataset over a period. Pure: a dataset in, rows
 * out; the store fills datasets.
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

/** One row of `availability`: service_id NULL for the client level. */
typedef struct aft_avail_row {
    const char    *client_id;    /* borrowed from the dataset */
    const char    *service_id;   /* borrowed; NULL: client level */
    aft_interval   window;       /* W, UTC */
    aft_sla_result r;
} aft_avail_row;

/** One row of `metrics`. */
typedef struct aft_metrics_row {
    const char  *client_id;      /* borrowed from the dataset */
    aft_metrics  m;
} aft_metrics_row;

/**
 * Availability of every client in @p ds over period @p p, each client in
 * its own time zone, as seen at @p as_of: for each client its
 * subscriptions that overlap the period, in subscription order, then the
 * client-level row.
 *
 * @param[out] out    rows; the caller must free them with free()
 * @param[out] n_out  number of rows
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for a client with an unknown
 *         time zone or bad service hours (the message names it).
 */
int aft_engine_availability(aft_avail_row **out, size_t *n_out,
                            const aft_dataset *ds, const aft_period *p,
                            int64_t as_of, aft_error *err);

/**
 * Response metrics of every client in @p ds over period @p p.
 * @param[out] out  rows, one per client; free them with free()
 * @return AFT_OK, AFT_ENOMEM or AFT_EINVALID.
 */
int aft_engine_metrics(aft_metrics_row **out, size_t *n_out,
                       const aft_dataset *ds, const aft_period *p,
                       int64_t as_of, aft_error *err);

/** An engine over one dataset: records grouped by service, zones loaded
 *  once; answers many periods and clients. */
typedef struct aft_engine aft_engine;

/**
 * Prepare an engine over @p ds (which must outlive it) as seen at as_of.
 * @param[out] out  free it with aft_engine_free()
 * @return AFT_OK or AFT_ENOMEM.
 */
int aft_engine_new(aft_engine **out, const aft_dataset *ds, int64_t as_of,
                   aft_error *err);
void aft_engine_free(aft_engine *e);

/** Rows of client @p ci (index in ds->clients) over @p p: its services,
 *  then the client level. The caller frees *out with free(). */
int aft_engine_client(aft_engine *e, size_t ci, const aft_period *p,
                      aft_avail_row **out, size_t *n_out, aft_error *err);

/** Only the client-level figures of client @p ci over @p p. */
int aft_engine_client_total(aft_sla_result *out, aft_engine *e, size_t ci,
                            const aft_period *p, aft_error *err);

/** Response metrics of client @p ci over @p p. */
int aft_engine_client_metrics(aft_engine *e, size_t ci, const aft_period *p,
                              aft_metrics *out, aft_error *err);

/** Count only the outages of @p record (an aft_incident or
 *  aft_maintenance of the dataset) from now on; NULL counts all again.
 *  Excluded time of every maintenance still applies. Meanwhile rows come
 *  only for the services the record names (the client-level row sums
 *  those), since the others have no downtime of its own. */
void aft_engine_only(aft_engine *e, const void *record);

/** Whether an incident counts for client ci's response metrics: not
 *  restricted away, on a service subscribed at its start. */
int aft_engine_incident_counts(aft_engine *e, size_t ci,
                               const aft_incident *inc);
/** Whether a maintenance counts for client ci: not cancelled, not
 *  restricted away, on a service subscribed at its scheduled start. */
int aft_engine_maintenance_counts(aft_engine *e, size_t ci,
                                  const aft_maintenance *m);

/** The dataset the engine answers for. */
const aft_dataset *aft_engine_dataset(const aft_engine *e);

/** Client ci's zone, loaded once; NULL (err set) if unknown. */
const aft_tz *aft_engine_zone(aft_engine *e, size_t ci, aft_error *err);

/** Outages and excluded time a maintenance adds for a client whose notice
 *  policy is notice_days (SPEC section 3, step 2). Returns 0 when the
 *  maintenance does not count at all (cancelled, or impact none). */
int aft_engine_maintenance_split(const aft_maintenance *m, int notice_days,
                                 aft_interval *excluded, aft_outage out[2],
                                 size_t *n_out);

#ifdef __cplusplus
}
#endif
#endif
