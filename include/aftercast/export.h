/**
 * @file
 * export.h - the stable outputs scripts rely on: records written back in
 * the native import format (JSON, NDJSON or CSV), and availability and
 * metrics rows as JSON or CSV. Writers take records and rows, never a
 * database: the caller reads the store and hands each record on.
 */
#ifndef AFTERCAST_EXPORT_H
#define AFTERCAST_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"
#include "aftercast/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The formats of the outputs. */
typedef enum aft_export_format {
    AFT_EXPORT_JSON,   /**< one JSON document */
    AFT_EXPORT_NDJSON, /**< one JSON object a line (records only) */
    AFT_EXPORT_CSV     /**< RFC 4180, CRLF line ends, a header line */
} aft_export_format;

/**
 * A writer of records in the native import format: importing its output
 * into an empty database gives the same records. It streams, so memory
 * stays flat however many records pass through it.
 *
 * Use: aft_record_writer_new(), then for each kind in turn
 * aft_record_writer_begin() and aft_record_writer_add() for each of its
 * records, then aft_record_writer_finish() and aft_record_writer_free().
 * JSON writes one object with a member per kind begun ("services",
 * "clients", "incidents", "maintenances"); NDJSON one line per record,
 * starting with its "kind"; CSV one kind only, in its native columns.
 *
 * Not thread-safe; use one per output.
 */
typedef struct aft_record_writer aft_record_writer;

/**
 * Start writing records to @p fp.
 *
 * @param[out] out  the writer; the caller must free it with
 *                  aft_record_writer_free(). NULL after a failure.
 * @param fp        where to write; borrowed, it must outlive the writer
 *                  and is not closed
 * @param fmt       the format
 * @param err       filled on failure; may be NULL
 * @return AFT_OK or AFT_ENOMEM.
 */
AFT_API int aft_record_writer_new(aft_record_writer **out, FILE *fp,
                                  aft_export_format fmt, aft_error *err);

/**
 * Begin the records of @p kind, ending those of the kind begun before.
 * In CSV, writes the header line.
 *
 * @param w     the writer
 * @param kind  the kind of the records that follow
 * @param err   filled on failure; may be NULL
 * @return AFT_OK, or AFT_EINVALID for a second kind in CSV (CSV holds one
 *         kind a file).
 */
AFT_API int aft_record_writer_begin(aft_record_writer *w, aft_kind kind,
                                    aft_error *err);

/**
 * Write one record of the kind begun.
 *
 * @param w       the writer
 * @param kind    the record's kind; must be the kind begun
 * @param record  an aft_service, aft_client, aft_incident or
 *                aft_maintenance, as @p kind says; only read during the
 *                call
 * @param err     filled on failure; may be NULL
 * @return AFT_OK, AFT_EINVALID (not the kind begun), AFT_ENOMEM, or
 *         AFT_EIO if writing failed.
 */
AFT_API int aft_record_writer_add(aft_record_writer *w, aft_kind kind,
                                  const void *record, aft_error *err);

/**
 * End the kind begun and the document, and flush @p fp.
 *
 * @param w    the writer
 * @param err  filled on failure; may be NULL
 * @return AFT_OK, or AFT_EIO if any write failed.
 */
AFT_API int aft_record_writer_finish(aft_record_writer *w, aft_error *err);

/**
 * Free a writer; what it wrote stays as it is.
 * @param w  the writer; NULL is a no-op
 */
AFT_API void aft_record_writer_free(aft_record_writer *w);

/**
 * Write availability rows in the documented JSON shape (`{"period",
 * "as_of", "rows"}`) or as CSV with the same fields as columns.
 *
 * @param out     where to write
 * @param fmt     AFT_EXPORT_JSON or AFT_EXPORT_CSV
 * @param rows    the rows, as the engine returns them
 * @param n       number of rows
 * @param period  the period's label, for the JSON "period"
 * @param as_of   the instant the rows are seen at, for the JSON "as_of"
 * @param err     filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM, or AFT_EIO if writing failed.
 */
AFT_API int aft_write_availability(FILE *out, aft_export_format fmt,
                                   const aft_avail_row *rows, size_t n,
                                   const char *period, int64_t as_of,
                                   aft_error *err);

/**
 * aft_write_availability() with one period label per row (for
 * --all-periods): each row then starts with a "period" field (a first
 * CSV column).
 *
 * @param out     where to write
 * @param fmt     AFT_EXPORT_JSON or AFT_EXPORT_CSV
 * @param rows    the rows, as the engine returns them
 * @param labels  labels[i] is row i's period label; NULL: no labels
 * @param n       number of rows
 * @param period  the label of the whole span, for the JSON "period"
 * @param as_of   the instant the rows are seen at, for the JSON "as_of"
 * @param err     filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM, or AFT_EIO if writing failed.
 */
AFT_API int aft_write_availability_periods(FILE *out, aft_export_format fmt,
                                           const aft_avail_row *rows,
                                           const char *const *labels, size_t n,
                                           const char *period, int64_t as_of,
                                           aft_error *err);

/**
 * Write metrics rows in the documented JSON shape or as CSV, nested
 * objects flattened to their members.
 *
 * @param out     where to write
 * @param fmt     AFT_EXPORT_JSON or AFT_EXPORT_CSV
 * @param rows    the rows, as the engine returns them
 * @param n       number of rows
 * @param period  the period's label, for the JSON "period"
 * @param as_of   the instant the rows are seen at, for the JSON "as_of"
 * @param err     filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM, or AFT_EIO if writing failed.
 */
AFT_API int aft_write_metrics(FILE *out, aft_export_format fmt,
                              const aft_metrics_row *rows, size_t n,
                              const char *period, int64_t as_of,
                              aft_error *err);

/**
 * aft_write_metrics() with one period label per row, as
 * aft_write_availability_periods().
 *
 * @param out     where to write
 * @param fmt     AFT_EXPORT_JSON or AFT_EXPORT_CSV
 * @param rows    the rows, as the engine returns them
 * @param labels  labels[i] is row i's period label; NULL: no labels
 * @param n       number of rows
 * @param period  the label of the whole span, for the JSON "period"
 * @param as_of   the instant the rows are seen at, for the JSON "as_of"
 * @param err     filled on failure; may be NULL
 * @return AFT_OK, AFT_ENOMEM, or AFT_EIO if writing failed.
 */
AFT_API int aft_write_metrics_periods(FILE *out, aft_export_format fmt,
                                      const aft_metrics_row *rows,
                                      const char *const *labels, size_t n,
                                      const char *period, int64_t as_of,
                                      aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
