/**
 * @file
 * report_maintenance.h - the post-maintenance report model: one window as
 * one client saw it (notice, actual times, overrun, what it counted
 * against the SLA) and the client's month around it.
 */
#ifndef AFTERCAST_REPORT_MAINTENANCE_H
#define AFTERCAST_REPORT_MAINTENANCE_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"
#include "aftercast/report_common.h"
#include "aftercast/template.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A maintenance window as the report shows it to one client. */
typedef struct aft_report_maint {
    const aft_maintenance *m; /**< borrowed from the dataset */
    int has_notice;           /**< a notice was given */
    double lead_days;         /**< scheduled start - notice, days */
    int announced;            /**< within the client's notice policy */
    int64_t actual_start;     /**< else the scheduled start */
    int64_t actual_end;       /**< else the scheduled end */
    int64_t early_s;          /**< seconds started before schedule */
    int64_t overrun_s;        /**< seconds run past schedule */
    double counted_s;         /**< downtime it counted against the SLA */
    char services[256];       /**< the client's services it names */
} aft_report_maint;

/** A post-maintenance report of one window for one client. Read-only
 *  once built: several threads may read one report at once. */
typedef struct aft_mreport {
    const aft_client *client;   /**< borrowed from the dataset */
    const aft_tz *tz;           /**< the client's zone, from the engine */
    const aft_dataset *ds;      /**< the engine's dataset */
    int64_t as_of;              /**< the instant figures are seen at */
    aft_period month;           /**< the local month it was scheduled in */
    aft_sla_result month_total; /**< the client's month, client level */
    aft_report_maint w;         /**< the window and what it counted */
} aft_mreport;

/**
 * Build the post-maintenance report of window @p m for client @p ci,
 * with the figures of the local month it was scheduled in.
 *
 * @param[out] out  the report, NULL on failure; the caller must free it
 *                  with aft_mreport_free(). It borrows from the engine
 *                  and its dataset: valid until @p e is freed.
 * @param e         the engine; its dataset must cover that month
 * @param ci        the client's index in the engine's dataset
 * @param m         a maintenance of the engine's dataset
 * @param as_of     the instant the figures are seen at
 * @param err       optional; receives the message on failure
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for an unknown time zone or
 *         bad service hours of the client.
 */
AFT_API int aft_mreport_build(aft_mreport **out, aft_engine *e, size_t ci,
                              const aft_maintenance *m, int64_t as_of,
                              aft_error *err);

/**
 * Why a window counted nothing against the SLA, in the template's words
 * ("words.none.not_counted_announced", "not_counted_hours",
 * "not_counted_no_impact"), for a table cell that would say "none".
 *
 * @param t   the template
 * @param rm  the window, with nothing counted
 * @return the words. Borrowed: valid until @p t is freed.
 */
AFT_API const char *aft_report_maint_none(const aft_template *t,
                                          const aft_report_maint *rm);

/**
 * Free a post-maintenance report.
 * @param r  the report; NULL is a no-op
 */
AFT_API void aft_mreport_free(aft_mreport *r);

#ifdef __cplusplus
}
#endif
#endif
