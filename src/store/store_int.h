/*
 * store_int.h - store calls used by the importers (one transaction per
 * import, upserts, the duplicate and reference checks).
 */
#ifndef AFT_STORE_INT_H
#define AFT_STORE_INT_H

#include "aftercast/store.h"

/* The store's connection (src/store/db.h), for the store's other files. */
struct db *aft_store__db(aft_store *s);

/* Whether an import's transaction is open (a load then reads inside it). */
int aft_store__in_txn(const aft_store *s);

/* Every row of from's delivery log into to's (delivery.c). */
int aft_store__copy_deliveries(aft_store *from, aft_store *to, aft_error *err);

int aft_store__begin(aft_store *s, aft_error *err);
int aft_store__commit(aft_store *s, aft_error *err);
/* No-op outside a transaction; keeps err as it is. */
void aft_store__rollback(aft_store *s);

/* Insert or replace a record whole (children included). */
int aft_store__put_service(aft_store *s, const aft_service *r, aft_error *err);
int aft_store__put_client(aft_store *s, const aft_client *r, aft_error *err);
int aft_store__put_incident(aft_store *s, const aft_incident *r,
                            aft_error *err);
int aft_store__put_maintenance(aft_store *s, const aft_maintenance *r,
                               aft_error *err);

/* Note that this import has a record (kind, id) at loc. Returns 0, 1 when
 * the import already had it (then *first gets the earlier loc, which the
 * caller must free()), or a negative status. */
int aft_store__mark_seen(aft_store *s, aft_kind kind, const char *id,
                         const char *loc, char **first, aft_error *err);

/* Whether a service or client with that id exists (stored or imported). */
int aft_store__exists(aft_store *s, aft_kind kind, const char *id,
                      aft_error *err);

/* Remember a reference not yet resolvable; checked by check_refs. */
int aft_store__defer_ref(aft_store *s, aft_kind kind, const char *id,
                         const char *loc, aft_kind owner_kind,
                         const char *owner_id, aft_error *err);

/* Remove a record and its children (a skipped record put earlier). */
int aft_store__delete(aft_store *s, aft_kind kind, const char *id,
                      aft_error *err);

/* Call fn(loc, kind, id) for each deferred reference still unknown.
 * Returns the number found, or a negative status. */
typedef void (*aft_dangling_fn)(const char *loc, aft_kind kind, const char *id,
                                aft_kind owner_kind, const char *owner_id,
                                void *payload);
int aft_store__check_refs(aft_store *s, aft_dangling_fn fn, void *payload,
                          aft_error *err);

#endif
