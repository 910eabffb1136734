/*
 * error.h - status codes and the error record every fallible call fills.
 */
#ifndef AFTERCAST_ERROR_H
#define AFTERCAST_ERROR_H

#include "aftercast/visibility.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes: 0 on success, negative on failure. */
typedef enum aft_status {
    AFT_OK = 0,
    AFT_ERROR = -1,      /**< unspecified failure */
    AFT_ENOMEM = -2,     /**< out of memory */
    AFT_EIO = -3,        /**< file could not be read or written */
    AFT_EINVALID = -4,   /**< bad input: the message names file and record */
    AFT_ENOTFOUND = -5,  /**< no such record, zone or file */
    AFT_EDB = -6         /**< the database failed; detail is the SQLite rc */
} aft_status;

/** One error: a code, an optional library detail and a one-line message. */
typedef struct aft_error {
    aft_status code;
    int        detail;        /* SQLite rc or errno; else 0 */
    char       message[512];  /* one line, no trailing newline */
} aft_error;

/** Short description of a status code; never NULL. */
AFT_API const char *aft_status_str(aft_status code);

/** Callback for diagnostics that are not failures (skipped records). */
typedef void (*aft_warn_fn)(const char *message, void *payload);

#ifdef __cplusplus
}
#endif
#endif
