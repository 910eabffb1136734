/**
 * @file
 * ingest.h - import records from files: native JSON, NDJSON and CSV, and
 * Atlassian Statuspage documents and PagerDuty incident exports.
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

/** The format of an input file (the README's "Input formats"). */
typedef enum aft_format {
    AFT_FORMAT_AUTO = 0,   /**< detect by content */
    AFT_FORMAT_JSON,       /**< one object with arrays of records */
    AFT_FORMAT_NDJSON,     /**< one record a line, with "kind" */
    AFT_FORMAT_CSV,        /**< one kind a file, by its header row */
    AFT_FORMAT_STATUSPAGE, /**< Atlassian Statuspage API v2 documents */
    AFT_FORMAT_PAGERDUTY   /**< PagerDuty incidents CSV export */
} aft_format;

/**
 * Parse a format name as given to `import --format`, in any letter case.
 *
 * A parser without an error record: the caller words the usage error.
 *
 * @param[out] out  the format; left unchanged on failure
 * @param s         "json", "ndjson" (or "jsonl"), "csv", "statuspage" or
 *                  "pagerduty"; NULL is refused
 * @return AFT_OK, or AFT_EINVALID for any other name.
 */
AFT_API int aft_format_parse(aft_format *out, const char *s);

/** How aft_import_files() reads and reports. Zero is the default for
 *  every member; the strings and callbacks are borrowed for the call. */
typedef struct aft_import_opts {
    aft_format format; /**< AFT_FORMAT_AUTO: detect each file */
    const char *tz;    /**< zone for instants without offset, or
                            NULL to refuse them */
    int skip_invalid;  /**< import the good records, list the bad */
    /** Statuspage and PagerDuty: create this client if missing and
     *  subscribe it to every service the import saw; or NULL. */
    const char *client_id;
    /** PagerDuty: impact level of every incident (default major). */
    aft_level level;
    /** One-line notes that are not problems (skipped empty incidents). */
    aft_warn_fn notice;
    void *notice_payload; /**< passed to notice */
    /** Each bad record, one line ("FILE: RECORD.FIELD: reason"). */
    aft_warn_fn report;
    void *report_payload; /**< passed to report */
    /** Called every 5,000 records written with the count so far. */
    void (*progress)(size_t records, void *payload);
    void *progress_payload; /**< passed to progress */
} aft_import_opts;

/** What one import did. */
typedef struct aft_import_stats {
    size_t imported[AFT_KIND_COUNT]; /**< records written, by kind */
    size_t bad;                      /**< bad records found */
    size_t skipped;                  /**< bad records left out */
    size_t no_impact;                /**< Statuspage incidents with no
                                          impact, not imported */
} aft_import_stats;

/**
 * Import @p paths in one transaction: it lands whole or not at all.
 *
 * Each file's format is opts->format, or detected from its content.
 * Records are upserted by id. Every bad record (a field, a duplicate id,
 * a reference no record resolves) is passed to opts->report; without
 * skip_invalid any bad record fails the import and the database is left
 * exactly as it was.
 *
 * @code
 * aft_import_opts opts = {0};
 * aft_import_stats stats;
 * const char *files[] = {"portfolio.json", "incidents.ndjson"};
 *
 * opts.report = print_line;
 * if (aft_import_files(store, files, 2, &opts, &stats, &err) < 0)
 *     fprintf(stderr, "%s\n", err.message);
 * @endcode
 *
 * @param store      an open store; written only inside the transaction
 * @param paths      @p n file paths, read in order
 * @param n          the number of paths
 * @param opts       the options (see aft_import_opts); borrowed
 * @param[out] stats counts, filled on success and on failure (imported
 *                   is zero after a failure)
 * @param err        optional; receives the message on failure
 * @return AFT_OK; AFT_EINVALID (bad records, invalid JSON or CSV; nothing
 *         written); AFT_EIO (a file cannot be read); AFT_ENOTFOUND or
 *         AFT_EINVALID (opts->tz unknown); AFT_EDB; AFT_ENOMEM.
 */
AFT_API int aft_import_files(aft_store *store, const char *const *paths,
                             size_t n, const aft_import_opts *opts,
                             aft_import_stats *stats, aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
