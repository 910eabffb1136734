/*
 * export.h - the stable outputs scripts rely on (SPEC section 6): stored
 * records as JSON, NDJSON or CSV, and availability and metrics rows as
 * JSON or CSV.
 */
#ifndef AFTERCAST_EXPORT_H
#define AFTERCAST_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"
#include "aftercast/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum aft_export_format {
    AFT_EXPORT_JSON, AFT_EXPORT_NDJSON, AFT_EXPORT_CSV
} aft_export_format;

/**
 * Write every stored record of @p kind (an aft_kind, or -1 for all kinds
 * in JSON or NDJSON) to @p out, in id order, in the native import
 * format: importing the output into an empty database gives the same
 * records. Memory stays flat however many records there are.
 * @return AFT_OK, AFT_EINVALID (all kinds as CSV), AFT_EDB, AFT_ENOMEM,
 *         or AFT_EIO if writing failed.
 */
int aft_export(FILE *out, aft_store *store, int kind, aft_export_format fmt,
               aft_error *err);

/**
 * Write availability rows in the documented JSON shape (`{"period",
 * "as_of", "rows"}`) or as CSV with the same fields as columns.
 */
int aft_write_availability(FILE *out, aft_export_format fmt,
                           const aft_avail_row *rows, size_t n,
                           const char *period, int64_t as_of,
                           aft_error *err);

/** The same with one period label per row (labels[i], for --all-periods):
 *  each row then starts with a "period" field (a first CSV column). */
int aft_write_availability_periods(FILE *out, aft_export_format fmt,
                                   const aft_avail_row *rows,
                                   const char *const *labels, size_t n,
                                   const char *period, int64_t as_of,
                                   aft_error *err);
int aft_write_metrics_periods(FILE *out, aft_export_format fmt,
                              const aft_metrics_row *rows,
                              const char *const *labels, size_t n,
                              const char *period, int64_t as_of,
                              aft_error *err);

/** Write metrics rows as documented JSON or CSV. */
int aft_write_metrics(FILE *out, aft_export_format fmt,
                      const aft_metrics_row *rows, size_t n,
                      const char *period, int64_t as_of, aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
