/*
 * ingest.h - import native JSON, NDJSON and CSV files (SPEC section 5).
 */
#ifndef AFTERCAST_INGEST_H
#define AFTERCAST_INGEST_H

#include <stddef.h>

#include "aftercast/error.h"
#include "aftercast/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum aft_format {
    AFT_FORMAT_AUTO = 0,   /**< detect by content */
    AFT_FORMAT_JSON,       /**< one object with arrays of records */
    AFT_FORMAT_NDJSON,     /**< one record a line, with "kind" */
    AFT_FORMAT_CSV         /**< one kind a file, by its header row */
} aft_format;

/** Parse "json", "ndjson" (or "jsonl"), "csv". 0, or -1. */
int aft_format_parse(aft_format *out, const char *s);

typedef struct aft_import_opts {
    aft_format  format;
    const char *tz;            /**< zone for instants without offset */
    int         skip_invalid;  /**< import the good records, list the bad */
    /** Each bad record, one line ("FILE: RECORD.FIELD: reason"). */
    aft_warn_fn report;
    void       *report_payload;
    /** Called every few thousand records with the count so far. */
    void      (*progress)(size_t records, void *payload);
    void       *progress_payload;
} aft_import_opts;

typedef struct aft_import_stats {
    size_t imported[AFT_KIND_COUNT];  /**< records written, by kind */
    size_t bad;                       /**< bad records found */
    size_t skipped;                   /**< bad records left out */
} aft_import_stats;

/**
 * Import @p paths in one transaction: it lands whole or not at all.
 * Records are upserted by id. Every bad record is passed to
 * opts->report; without skip_invalid any bad record fails the import and
 * the database is left exactly as it was.
 *
 * @return AFT_OK, AFT_EINVALID (bad records; nothing written), AFT_EIO,
 *         AFT_EDB, AFT_ENOMEM.
 */
int aft_import_files(aft_store *store, const char *const *paths, size_t n,
                     const aft_import_opts *opts, aft_import_stats *stats,
                     aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
