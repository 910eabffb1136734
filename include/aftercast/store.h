/**
 * @file
 * store.h - the history of services, clients, incidents and
 * maintenances, in a SQLite file or a PostgreSQL database. Only
 * src/store speaks SQL; callers do not know which backend they talk to.
 *
 * The path given to aft_store_open() picks the backend: a PostgreSQL
 * connection URI (postgresql://... or postgres://...) or libpq keyword
 * string ("host=... dbname=...") opens PostgreSQL through libpq, with
 * passwords from libpq's own means (PGPASSWORD, ~/.pgpass, PGSERVICE)
 * and never in a message; anything else is a SQLite file. Both give the
 * same records and the same figures: one import is one transaction, one
 * import writes at a time, and a reader sees one snapshot, before an
 * import or after it.
 *
 * Thread safety: an aft_store wraps one connection and must be used by
 * one thread at a time; open a store per thread (readers do not wait
 * for the writer on either backend).
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

/** An open database (opaque): one SQLite or PostgreSQL connection. */
typedef struct aft_store aft_store;

/** aft_store_open() flag: create the file if it is missing. */
#define AFT_STORE_CREATE 1

/**
 * aft_store_open() flag: only read. The store refuses imports; a file
 * this process cannot write (a read-only copy, directory or mount) is
 * opened read-only, needing no -wal or -shm file beside it.
 * #AFT_STORE_CREATE is ignored: the file must exist.
 */
#define AFT_STORE_READONLY 2

/** How aft_store_open_ext() opens. Zero is the default for every member;
 *  the callback is kept until the store is closed. */
typedef struct aft_store_opts {
    int flags; /**< #AFT_STORE_CREATE, #AFT_STORE_READONLY, or 0 */
    /** Told once, after a few seconds of waiting for another import to
     *  finish ("waiting for another import to finish..."); or NULL. */
    aft_warn_fn notice;
    void *notice_payload; /**< passed to notice */
} aft_store_opts;

/**
 * Open (and if needed create and migrate) the database at @p path.
 *
 * One import writes at a time: another waits for it to finish, up to ten
 * minutes, then fails with #AFT_EDB. Readers do not wait for imports.
 *
 * @param[out] out  the store; close it with aft_store_close()
 * @param path      file name, ":memory:", or a PostgreSQL connection URI or
 *                  keyword string
 * @param flags     #AFT_STORE_CREATE, #AFT_STORE_READONLY, or 0 to fail on
 *                  a missing file
 * @param err       error record, or NULL
 * @return #AFT_OK, #AFT_ENOTFOUND (missing file without #AFT_STORE_CREATE),
 *         #AFT_ENOMEM, #AFT_EDB.
 */
AFT_API int aft_store_open(aft_store **out, const char *path, int flags,
                           aft_error *err);

/**
 * aft_store_open() with options: the flags, and a callback told when the
 * store waits for another import.
 *
 * @code
 * aft_store_opts o = {0};
 * o.flags = AFT_STORE_READONLY;
 * rc = aft_store_open_ext(&store, "aftercast.db", &o, &err);
 * @endcode
 *
 * @param[out] out  the store; close it with aft_store_close()
 * @param path      file name, or ":memory:"
 * @param opts      the options
 * @param err       error record, or NULL
 * @return as aft_store_open().
 */
AFT_API int aft_store_open_ext(aft_store **out, const char *path,
                               const aft_store_opts *opts, aft_error *err);

/**
 * Close the store.
 *
 * @param store  the store; NULL is a no-op
 */
AFT_API void aft_store_close(aft_store *store);

/**
 * The schema version the store is at (SQLite's user_version, or the
 * aftercast_schema table): a value, not a status.
 *
 * @param store  the store
 * @return the version, or -1 if it cannot be read.
 */
AFT_API int aft_store_schema_version(aft_store *store);

/**
 * Load the records engine calls need for instants [lo, hi): the clients
 * (all, or only @p client_id), every service, and the incidents and
 * maintenances that touch [lo, hi) or start in it.
 *
 * @param[out] out  filled dataset; free it with aft_dataset_free(); zeroed
 *                  on failure
 * @param store     the store
 * @param client_id a client's id, or NULL for all clients
 * @param lo        Unix seconds, first instant
 * @param hi        Unix seconds, first instant after
 * @param err       error record, or NULL
 * @return #AFT_OK, #AFT_ENOTFOUND (no such client), #AFT_EDB, #AFT_ENOMEM.
 */
AFT_API int aft_store_load(aft_dataset *out, aft_store *store,
                           const char *client_id, int64_t lo, int64_t hi,
                           aft_error *err);

/** At most this many windows an aft_load_scope reads whole. */
#define AFT_SCOPE_WHOLE_MAX 4

/** What aft_store_load_scoped() reads. */
typedef struct aft_load_scope {
    const char *client_id; /**< one client, or NULL for all */
    /** With client_id: only the incidents with an impact on a service
     *  the client subscribes to (the others never count for it). */
    int only_its_services;
    int64_t lo; /**< Unix seconds: the records touching [lo, hi) */
    int64_t hi; /**< Unix seconds, first instant after */
    /** The windows whose incidents come whole; inside [lo, hi). */
    aft_interval whole[AFT_SCOPE_WHOLE_MAX];
    size_t n_whole; /**< their number */
} aft_load_scope;

/**
 * aft_store_load() for a report that needs most of its range only as
 * availability: the incidents touching one of the scope's whole windows
 * come whole, as aft_store_load() gives them; the other incidents
 * touching [lo, hi) come as outages only: id, started_at, resolved_at,
 * the client restriction and the impacts (with only_its_services, those
 * on the client's services); an empty title, severity #AFT_SEV1 (not
 * read), no detection or acknowledgement, no text, updates or actions.
 * Engine figures over periods such an incident touches, incident counts
 * and MTTR are those of a whole load; other response metrics, severities
 * and anything shown of the incident are not. The incidents are
 * sorted by id. The dataset's first_at is set (see aft_dataset_first()):
 * the first instant of any record touching [lo, hi), of every service.
 * Maintenances come whole.
 *
 * @param[out] out  filled dataset; free it with aft_dataset_free(); zeroed
 *                  on failure
 * @param store     the store
 * @param sc        what to read
 * @param err       error record, or NULL
 * @return #AFT_OK, #AFT_EINVALID (more than #AFT_SCOPE_WHOLE_MAX windows),
 *         #AFT_ENOTFOUND (no such client), #AFT_EDB, #AFT_ENOMEM.
 */
AFT_API int aft_store_load_scoped(aft_dataset *out, aft_store *store,
                                  const aft_load_scope *sc, aft_error *err);

/**
 * The instants an incident or maintenance covers: [*lo, *hi).
 *
 * @param store    the store
 * @param kind     #AFT_KIND_INCIDENT or #AFT_KIND_MAINTENANCE
 * @param id       the record's id
 * @param[out] lo  Unix seconds, its start
 * @param[out] hi  Unix seconds, its end; #AFT_TIME_NONE while it is open
 * @param err      error record, or NULL
 * @return #AFT_OK, #AFT_EINVALID (another kind), #AFT_ENOTFOUND (no such
 *         record), #AFT_ENOMEM, #AFT_EDB.
 */
AFT_API int aft_store_span(aft_store *store, aft_kind kind, const char *id,
                           int64_t *lo, int64_t *hi, aft_error *err);

/**
 * Free what aft_store_load() filled, and zero the dataset.
 *
 * @param ds  the dataset; NULL or a zeroed one is a no-op
 */
AFT_API void aft_dataset_free(aft_dataset *ds);

/**
 * Callback of aft_store_each().
 *
 * @param kind     the record's kind
 * @param record   an aft_service, aft_client, aft_incident or
 *                 aft_maintenance as @p kind says, valid only during the call
 * @param payload  the pointer given to aft_store_each()
 * @return 0 to go on, non-zero to stop.
 */
typedef int (*aft_record_fn)(aft_kind kind, const void *record, void *payload);

/**
 * Call @p fn for every record of @p kind, in id order, streaming: memory
 * stays flat however many records there are.
 *
 * @param store    the store
 * @param kind     the kind to list
 * @param fn       called once per record
 * @param payload  passed to @p fn
 * @param err      error record, or NULL
 * @return #AFT_OK, #AFT_EDB, #AFT_ENOMEM, or #AFT_ERROR if fn stopped.
 */
AFT_API int aft_store_each(aft_store *store, aft_kind kind, aft_record_fn fn,
                           void *payload, aft_error *err);

/** One client's pack of a period as mailed: a row of the delivery log
 *  (`aftercast deliver`). */
typedef struct aft_delivery {
    char pack_sha256[65]; /**< checksum of the pack's manifest, hex */
    char message_id[256]; /**< the message's Message-ID, with <> */
    int64_t sent_at;      /**< Unix seconds, when the server took it */
    char reply[512];      /**< the server's last reply line */
} aft_delivery;

/**
 * The delivery log's row for a client and a period.
 *
 * @param store      the store
 * @param client_id  the client
 * @param period     the period's label ("2026-03")
 * @param[out] out   the row; unchanged unless found
 * @param err        error record, or NULL
 * @return #AFT_OK when found, #AFT_ENOTFOUND when nothing was sent yet,
 *         #AFT_EDB.
 */
AFT_API int aft_store_delivery_get(aft_store *store, const char *client_id,
                                   const char *period, aft_delivery *out,
                                   aft_error *err);

/**
 * Record that a client's pack of a period was mailed, replacing an
 * earlier row of the same client and period (a resend). The store must
 * have been opened for writing.
 *
 * @param store      the store
 * @param client_id  the client
 * @param period     the period's label
 * @param d          what was sent
 * @param err        error record, or NULL
 * @return #AFT_OK or #AFT_EDB.
 */
AFT_API int aft_store_delivery_put(aft_store *store, const char *client_id,
                                   const char *period, const aft_delivery *d,
                                   aft_error *err);
/**
 * Copy every record of @p from into @p to, in one transaction on @p to:
 * all of them land, or none. Records already in @p to with the same id
 * are replaced; others stay. The two may be on different backends.
 *
 * @param from        the store to read
 * @param to          the store to write (not opened read-only)
 * @param[out] counts records copied of each kind (aft_kind order), or NULL
 * @param err         error record, or NULL
 * @return #AFT_OK, #AFT_EINVALID (@p to is read-only), #AFT_EDB,
 *         #AFT_ENOMEM.
 */
AFT_API int aft_store_copy(aft_store *from, aft_store *to,
                           size_t counts[AFT_KIND_COUNT], aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
