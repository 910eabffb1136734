/*
 * ingest.h - import native JSON, NDJSON and CSV files (SPEC section 5).
 */
#ifndef AFTERCAST_INGEST_H
#define AFTERCAST_INGEST_H

#include <stddef.h>

#include "aftercast/error.h"
#include "aftercast/model.h"
#include "aftercast/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum aft_format {
    AFT_FORMAT_AUTO = 0,   /**< detect by content */
    AFT_FORMAT_JSON,       /**< one object with arrays of records */
    AFT_FORMAT_NDJSON,     /**< one record a line, with "kind" */
    AFT_FORMAT_CSV,        /**< one kind a file, by its header row */
    AFT_FORMAT_STATUSPAGE, /**< Atlassian Statuspage API v2 documents */
    AFT_FORMAT_PAGERDUTY   /**< PagerDuty incidents CSV export */
} aft_format;

/** Parse "json", "ndjson" (or "jsonl"), "csv", "statuspage",
 *  "pagerduty". 0, or -1. */
int aft_format_parse(aft_format *out, const char *s);

typedef struct aft_import_opts {
    aft_format  format;
    const char *tz;            /**< zone for instants without offset */
    int         skip_invalid;  /**< import the good records, list the bad */
    /** Statuspage and PagerDuty: create this client if missing and
     *  subscribe it to every service the import saw; or NULL. */
    const char *client_id;
    /** PagerDuty: impact level of every incident (default major). */
    aft_level   level;
    /** One-line notes that are not problems (skipped empty incidents). */
    aft_warn_fn notice;
    void       *notice_payload;
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
    size_t no_impact;                 /**< Statuspage incidents with no
                                           impact, not imported */
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
