/**
 * @file
 * error.h - status codes and the error record every fallible call fills.
 *
 * The error contract, for every function of the library:
 *
 * - A function that can fail returns an `int`: #AFT_OK (0), or a negative
 *   #aft_status. Its last parameter is an `aft_error *err`, which may be
 *   NULL; when it is not, a failure sets `err->code` to the value returned
 *   and `err->message` to one line (no trailing newline) that quotes the
 *   offending value.
 * - On failure an `**out` parameter is set to NULL, and aft_store_load()
 *   leaves its dataset zeroed, so that a `_free` or `_close` is always
 *   safe to call. Other out-parameters are unspecified after a failure.
 * - The vocabulary lookups (aft_level_parse() and its siblings) and
 *   aft_ivlist_push() take no @p err: they return #AFT_OK or one code,
 *   named in their documentation, and the caller words the message.
 * - Functions named for a question (aft_maintenance_announced()) are
 *   predicates: they return 1 or 0 and cannot fail. Functions that return
 *   a value (an instant, a count, a string) say in their documentation
 *   what they return when there is none.
 *
 * The library never exits, aborts or prints; diagnostics that are not
 * failures go to an #aft_warn_fn callback when one is given.
 */
#ifndef AFTERCAST_ERROR_H
#define AFTERCAST_ERROR_H

#include "aftercast/visibility.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes: 0 on success, negative on failure. */
typedef enum aft_status {
    AFT_OK = 0,         /**< success */
    AFT_ERROR = -1,     /**< unspecified failure */
    AFT_ENOMEM = -2,    /**< out of memory */
    AFT_EIO = -3,       /**< file could not be read or written */
    AFT_EINVALID = -4,  /**< bad input: the message names file and record */
    AFT_ENOTFOUND = -5, /**< no such record, zone or file */
    AFT_EDB = -6        /**< the database failed; detail is the SQLite rc */
} aft_status;

/** One error: a code, an optional library detail and a one-line message. */
typedef struct aft_error {
    aft_status code;   /**< the status the failing call returned */
    int detail;        /**< SQLite rc or errno; else 0 */
    char message[512]; /**< one line, no trailing newline */
} aft_error;

/**
 * A short description of a status code, such as "out of memory".
 *
 * @param code  any value; unknown ones give "unknown status"
 * @return a static string, never NULL.
 */
AFT_API const char *aft_status_str(aft_status code);

/**
 * Callback for diagnostics that are not failures (skipped records).
 *
 * @param message  one line, valid only during the call
 * @param payload  the pointer given along with the callback
 */
typedef void (*aft_warn_fn)(const char *message, void *payload);

#ifdef __cplusplus
}
#endif
#endif
