/*
 * store.h - the SQLite history of services, clients, incidents and
 * maintenances. Only store.c speaks SQL.
 */
#ifndef AFTERCAST_STORE_H
#define AFTERCAST_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"
#include "aftercast/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct aft_store aft_store;

#define AFT_STORE_CREATE 1   /**< create the file if it is missing */

/**
 * Open (and if needed create and migrate) the database at @p path.
 *
 * @param[out] out  the store; close it with aft_store_close()
 * @param flags     AFT_STORE_CREATE, or 0 to fail on a missing file
 * @return AFT_OK, AFT_ENOTFOUND (missing file without AFT_STORE_CREATE),
 *         AFT_EDB.
 */
AFT_API int aft_store_open(aft_store **out, const char *path, int flags,
                           aft_error *err);

/** Close the store; NULL is a no-op. */
AFT_API void aft_store_close(aft_store *store);

/** Schema version the store is at (PRAGMA user_version). */
AFT_API int aft_store_schema_version(aft_store *store);

/**
 * Load the records engine calls need for instants [lo, hi): the clients
 * (all, or only @p client_id), every service, and the incidents and
 * maintenances that touch [lo, hi) or start in it.
 *
 * @param[out] out  filled dataset; free it with aft_dataset_free()
 * @return AFT_OK, AFT_ENOTFOUND (no such client), AFT_EDB, AFT_ENOMEM.
 */
AFT_API int aft_store_load(aft_dataset *out, aft_store *store,
                           const char *client_id, int64_t lo, int64_t hi,
                           aft_error *err);

/**
 * The instants an incident or maintenance covers: [*lo, *hi), *hi
 * AFT_TIME_NONE while it is open.
 * @return AFT_OK, AFT_ENOTFOUND (no such record), AFT_EDB.
 */
AFT_API int aft_store_span(aft_store *store, aft_kind kind, const char *id,
                           int64_t *lo, int64_t *hi, aft_error *err);

/** Free what aft_store_load() filled; a zeroed dataset is a no-op. */
AFT_API void aft_dataset_free(aft_dataset *ds);

/** Callback of aft_store_each(): @p record points to an aft_service,
 *  aft_client, aft_incident or aft_maintenance, valid only during the
 *  call. Return non-zero to stop. */
typedef int (*aft_record_fn)(aft_kind kind, const void *record,
                             void *payload);

/**
 * Call @p fn for every record of @p kind, in id order, streaming: memory
 * stays flat however many records there are.
 * @return AFT_OK, AFT_EDB, AFT_ENOMEM, or AFT_ERROR if fn stopped.
 */
AFT_API int aft_store_each(aft_store *store, aft_kind kind, aft_record_fn fn,
                           void *payload, aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
