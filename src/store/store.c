/*
 * store.c - schema, migrations and upserts, on SQLite or PostgreSQL
 * through the drivers of db.h (the SQL here runs on both); load.c reads
 * the records back.
 *
 * Every record has a parent row keyed by its id and child rows keyed by
 * (parent id, position), so that replacing a record with the same
 * content leaves the database exactly as it was. References to services
 * and clients are deferred foreign keys on SQLite (none on PostgreSQL:
 * db_check_keys); the importers check them first to name the offending
 * record, so an import's connection leaves foreign keys off and checks
 * them once, before the commit, only when it took records out again.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "aftercast/store.h"
#include "base/arena.h"
#include "base/error.h"
#include "model/record.h"
#include "store/db.h"
#include "store/store_int.h"

enum {
    Q_PUT_SERVICE,
    Q_PUT_CLIENT,
    Q_DEL_CLIENT_KIDS1,
    Q_DEL_CLIENT_KIDS2,
    Q_DEL_CLIENT_KIDS3,
    Q_DEL_CLIENT_KIDS4,
    Q_DEL_CLIENT_KIDS5,
    Q_PUT_CREDIT,
    Q_PUT_HOURS,
    Q_PUT_HOLIDAY,
    Q_PUT_SUB,
    Q_PUT_CONTACT,
    Q_PUT_INCIDENT,
    Q_UPD_INCIDENT,
    Q_DEL_INC_KIDS0,
    Q_DEL_INC_KIDS1,
    Q_DEL_INC_KIDS2,
    Q_DEL_INC_KIDS3,
    Q_DEL_INC_KIDS4,
    Q_PUT_IMPACT,
    Q_PUT_OUTAGE,
    Q_PUT_INC_CLIENT,
    Q_PUT_UPDATE,
    Q_PUT_ACTION,
    Q_PUT_MAINT,
    Q_UPD_MAINT,
    Q_DEL_MAINT_KIDS1,
    Q_DEL_MAINT_KIDS2,
    Q_PUT_MAINT_SERVICE,
    Q_PUT_MAINT_CLIENT,
    Q_SEEN,
    Q_SEEN_LOC,
    Q_HAS_SERVICE,
    Q_HAS_CLIENT,
    Q_DEFER,
    Q_SET_INCIDENT,
    Q_SET_MAINT,
    Q_COUNT
};

/* An incident's outage rows, found by their whole key through its stored
 * impacts and span (so on every backend a key lookup, even when a driver
 * that batches rows turns "= ?1" into an IN list). */
#define DEL_OUTAGES \
    "DELETE FROM outage WHERE (service_id, span_start, incident_id) IN" \
    " (SELECT p.service_id, i.span_start, i.id FROM impact p" \
    " JOIN incident i ON i.id = p.incident_id WHERE p.incident_id = ?1)"

static const char *const SQL[Q_COUNT] = {
    [Q_PUT_SERVICE] = "INSERT INTO service(id, name) VALUES (?1, ?2)"
                      " ON CONFLICT(id) DO UPDATE SET name = excluded.name",
    [Q_PUT_CLIENT] =
        "INSERT INTO client(id, name, timezone, sla_target,"
        " notice_days, partial_weight, degraded_weight,"
        " update_interval_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
        " timezone = excluded.timezone, sla_target = excluded.sla_target,"
        " notice_days = excluded.notice_days,"
        " partial_weight = excluded.partial_weight,"
        " degraded_weight = excluded.degraded_weight,"
        " update_interval_minutes = excluded.update_interval_minutes",
    [Q_DEL_CLIENT_KIDS1] = "DELETE FROM client_credit WHERE client_id = ?1",
    [Q_DEL_CLIENT_KIDS2] = "DELETE FROM client_hours WHERE client_id = ?1",
    [Q_DEL_CLIENT_KIDS3] = "DELETE FROM client_holiday WHERE client_id = ?1",
    [Q_DEL_CLIENT_KIDS4] = "DELETE FROM subscription WHERE client_id = ?1",
    [Q_DEL_CLIENT_KIDS5] = "DELETE FROM client_contact WHERE client_id = ?1",
    [Q_PUT_CREDIT] = "INSERT INTO client_credit(client_id, pos, below, credit)"
                     " VALUES (?1, ?2, ?3, ?4)",
    [Q_PUT_HOURS] = "INSERT INTO client_hours(client_id, pos, spec)"
                    " VALUES (?1, ?2, ?3)",
    [Q_PUT_HOLIDAY] = "INSERT INTO client_holiday(client_id, day)"
                      " VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    [Q_PUT_SUB] =
        "INSERT INTO subscription(client_id, pos, service_id,"
        " sla_target, from_day, until_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_PUT_CONTACT] = "INSERT INTO client_contact(client_id, pos, email, name,"
                      " role) VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_PUT_INCIDENT] =
        "INSERT INTO incident(id, title, severity, started_at,"
        " detected_at, acknowledged_at, resolved_at, root_cause, resolution,"
        " span_start, span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
        " ?10, ?11) ON CONFLICT DO NOTHING",
    [Q_UPD_INCIDENT] =
        "UPDATE incident SET title = ?2, severity = ?3, started_at = ?4,"
        " detected_at = ?5, acknowledged_at = ?6, resolved_at = ?7,"
        " root_cause = ?8, resolution = ?9, span_start = ?10,"
        " span_end = ?11 WHERE id = ?1",
    /* Before the impacts and the incident's span change: they find the
     * rows by their key. */
    [Q_DEL_INC_KIDS0] = DEL_OUTAGES,
    [Q_DEL_INC_KIDS1] = "DELETE FROM impact WHERE incident_id = ?1",
    [Q_DEL_INC_KIDS2] = "DELETE FROM incident_client WHERE incident_id = ?1",
    [Q_DEL_INC_KIDS3] = "DELETE FROM incident_update WHERE incident_id = ?1",
    [Q_DEL_INC_KIDS4] = "DELETE FROM incident_action WHERE incident_id = ?1",
    [Q_PUT_IMPACT] = "INSERT INTO impact(incident_id, pos, service_id, level,"
                     " start_at, end_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_PUT_OUTAGE] = "INSERT INTO outage(service_id, span_start, incident_id,"
                     " pos, span_end, started_at, resolved_at, level,"
                     " start_at, end_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                     " ?8, ?9, ?10)",
    [Q_PUT_INC_CLIENT] = "INSERT INTO incident_client(incident_id,"
                         " client_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    [Q_PUT_UPDATE] = "INSERT INTO incident_update(incident_id, pos, at,"
                     " status, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_PUT_ACTION] = "INSERT INTO incident_action(incident_id, pos, action,"
                     " owner, due, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_PUT_MAINT] =
        "INSERT INTO maintenance(id, title, scheduled_start,"
        " scheduled_end, actual_start, actual_end, notified_at, impact,"
        " status, summary, issues, span_start, span_end) VALUES (?1, ?2, ?3,"
        " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT DO NOTHING",
    [Q_UPD_MAINT] =
        "UPDATE maintenance SET title = ?2, scheduled_start = ?3,"
        " scheduled_end = ?4, actual_start = ?5, actual_end = ?6,"
        " notified_at = ?7, impact = ?8, status = ?9, summary = ?10,"
        " issues = ?11, span_start = ?12, span_end = ?13 WHERE id = ?1",
    [Q_DEL_MAINT_KIDS1] = "DELETE FROM maintenance_service"
                          " WHERE maintenance_id = ?1",
    [Q_DEL_MAINT_KIDS2] = "DELETE FROM maintenance_client"
                          " WHERE maintenance_id = ?1",
    [Q_PUT_MAINT_SERVICE] = "INSERT INTO maintenance_service(maintenance_id,"
                            " service_id) VALUES (?1, ?2)"
                            " ON CONFLICT DO NOTHING",
    [Q_PUT_MAINT_CLIENT] = "INSERT INTO maintenance_client(maintenance_id,"
                           " client_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    [Q_SEEN] = "INSERT INTO temp.seen(kind, id, loc) VALUES (?1, ?2, ?3)"
               " ON CONFLICT DO NOTHING",
    [Q_SEEN_LOC] = "SELECT loc FROM temp.seen WHERE kind = ?1 AND id = ?2",
    [Q_HAS_SERVICE] = "SELECT 1 FROM service WHERE id = ?1",
    [Q_HAS_CLIENT] = "SELECT 1 FROM client WHERE id = ?1",
    [Q_DEFER] = "INSERT INTO pending_ref(kind, id, loc, owner_kind,"
                " owner_id, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    /* A driver that queues writes cannot tell whether the insert above
     * found the id new: one statement takes the children out and
     * upserts the parent, unconditionally. */
    [Q_SET_INCIDENT] =
        "WITH d0 AS (" DEL_OUTAGES "),"
        " d1 AS (DELETE FROM impact WHERE incident_id = ?1),"
        " d2 AS (DELETE FROM incident_client WHERE incident_id = ?1),"
        " d3 AS (DELETE FROM incident_update WHERE incident_id = ?1),"
        " d4 AS (DELETE FROM incident_action WHERE incident_id = ?1)"
        " INSERT INTO incident(id, title, severity, started_at,"
        " detected_at, acknowledged_at, resolved_at, root_cause, resolution,"
        " span_start, span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
        " ?10, ?11) ON CONFLICT(id) DO UPDATE SET title = excluded.title,"
        " severity = excluded.severity, started_at = excluded.started_at,"
        " detected_at = excluded.detected_at,"
        " acknowledged_at = excluded.acknowledged_at,"
        " resolved_at = excluded.resolved_at,"
        " root_cause = excluded.root_cause, resolution = excluded.resolution,"
        " span_start = excluded.span_start, span_end = excluded.span_end",
    [Q_SET_MAINT] =
        "WITH d1 AS (DELETE FROM maintenance_service"
        " WHERE maintenance_id = ?1),"
        " d2 AS (DELETE FROM maintenance_client WHERE maintenance_id = ?1)"
        " INSERT INTO maintenance(id, title, scheduled_start,"
        " scheduled_end, actual_start, actual_end, notified_at, impact,"
        " status, summary, issues, span_start, span_end) VALUES (?1, ?2, ?3,"
        " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        " ON CONFLICT(id) DO UPDATE SET title = excluded.title,"
        " scheduled_start = excluded.scheduled_start,"
        " scheduled_end = excluded.scheduled_end,"
        " actual_start = excluded.actual_start,"
        " actual_end = excluded.actual_end,"
        " notified_at = excluded.notified_at, impact = excluded.impact,"
        " status = excluded.status, summary = excluded.summary,"
        " issues = excluded.issues, span_start = excluded.span_start,"
        " span_end = excluded.span_end",
};

/* Statements whose result nobody reads: a driver may queue them. */
static const unsigned char QUEUED[Q_COUNT] = {
    [Q_PUT_SERVICE] = 1,      [Q_PUT_CLIENT] = 1,
    [Q_DEL_CLIENT_KIDS1] = 1, [Q_DEL_CLIENT_KIDS2] = 1,
    [Q_DEL_CLIENT_KIDS3] = 1, [Q_DEL_CLIENT_KIDS4] = 1,
    [Q_DEL_CLIENT_KIDS5] = 1, [Q_PUT_CREDIT] = 1,
    [Q_PUT_HOURS] = 1,        [Q_PUT_HOLIDAY] = 1,
    [Q_PUT_SUB] = 1,          [Q_PUT_CONTACT] = 1,
    [Q_PUT_IMPACT] = 1,       [Q_PUT_OUTAGE] = 1,
    [Q_PUT_INC_CLIENT] = 1,   [Q_PUT_UPDATE] = 1,
    [Q_PUT_ACTION] = 1,       [Q_PUT_MAINT_SERVICE] = 1,
    [Q_PUT_MAINT_CLIENT] = 1, [Q_DEFER] = 1,
    [Q_SET_INCIDENT] = 1,     [Q_SET_MAINT] = 1,
};

/* Schema migrations: MIGRATIONS[i] takes user_version i to i + 1. */
static const char *const MIGRATIONS[] = {
    "CREATE TABLE service("
    "  id TEXT PRIMARY KEY, name TEXT) STRICT;"
    "CREATE TABLE client("
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL, timezone TEXT NOT NULL,"
    "  sla_target REAL NOT NULL, notice_days INTEGER NOT NULL,"
    "  partial_weight REAL NOT NULL, degraded_weight REAL NOT NULL,"
    "  update_interval_minutes INTEGER NOT NULL) STRICT;"
    "CREATE TABLE client_credit("
    "  client_id TEXT NOT NULL REFERENCES client(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  pos INTEGER NOT NULL, below REAL NOT NULL, credit REAL NOT NULL,"
    "  PRIMARY KEY(client_id, pos)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE client_hours("
    "  client_id TEXT NOT NULL REFERENCES client(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  pos INTEGER NOT NULL, spec TEXT NOT NULL,"
    "  PRIMARY KEY(client_id, pos)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE client_holiday("
    "  client_id TEXT NOT NULL REFERENCES client(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  day TEXT NOT NULL, PRIMARY KEY(client_id, day)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE subscription("
    "  client_id TEXT NOT NULL REFERENCES client(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  pos INTEGER NOT NULL,"
    "  service_id TEXT NOT NULL REFERENCES service(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  sla_target REAL, from_day TEXT, until_day TEXT,"
    "  PRIMARY KEY(client_id, pos)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE incident("
    "  id TEXT PRIMARY KEY, title TEXT NOT NULL, severity TEXT NOT NULL,"
    "  started_at INTEGER NOT NULL, detected_at INTEGER,"
    "  acknowledged_at INTEGER, resolved_at INTEGER, root_cause TEXT,"
    "  resolution TEXT,"
    "  span_start INTEGER NOT NULL, span_end INTEGER) STRICT;"
    "CREATE INDEX incident_span ON incident(span_start, span_end);"
    "CREATE INDEX incident_ongoing ON incident(span_start)"
    "  WHERE span_end IS NULL;"
    "CREATE INDEX incident_length ON incident((span_end - span_start));"
    "CREATE TABLE impact("
    "  incident_id TEXT NOT NULL REFERENCES incident(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  pos INTEGER NOT NULL,"
    "  service_id TEXT NOT NULL REFERENCES service(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  level TEXT NOT NULL, start_at INTEGER, end_at INTEGER,"
    "  PRIMARY KEY(incident_id, pos)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE incident_client("
    "  incident_id TEXT NOT NULL REFERENCES incident(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  client_id TEXT NOT NULL REFERENCES client(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  PRIMARY KEY(incident_id, client_id)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE incident_update("
    "  incident_id TEXT NOT NULL REFERENCES incident(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  pos INTEGER NOT NULL, at INTEGER NOT NULL, status TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  PRIMARY KEY(incident_id, pos)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE incident_action("
    "  incident_id TEXT NOT NULL REFERENCES incident(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  pos INTEGER NOT NULL, action TEXT NOT NULL, owner TEXT, due TEXT,"
    "  status TEXT,"
    "  PRIMARY KEY(incident_id, pos)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE maintenance("
    "  id TEXT PRIMARY KEY, title TEXT NOT NULL,"
    "  scheduled_start INTEGER NOT NULL, scheduled_end INTEGER NOT NULL,"
    "  actual_start INTEGER, actual_end INTEGER, notified_at INTEGER,"
    "  impact TEXT NOT NULL, status TEXT NOT NULL, summary TEXT,"
    "  issues TEXT, span_start INTEGER NOT NULL,"
    "  span_end INTEGER NOT NULL) STRICT;"
    "CREATE INDEX maintenance_span ON maintenance(span_start, span_end);"
    "CREATE TABLE maintenance_service("
    "  maintenance_id TEXT NOT NULL REFERENCES maintenance(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  service_id TEXT NOT NULL REFERENCES service(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  PRIMARY KEY(maintenance_id, service_id)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE maintenance_client("
    "  maintenance_id TEXT NOT NULL REFERENCES maintenance(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  client_id TEXT NOT NULL REFERENCES client(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  PRIMARY KEY(maintenance_id, client_id)) STRICT, WITHOUT ROWID;",
    /* 2: contacts, and the log of reports mailed (aftercast deliver). */
    "CREATE TABLE client_contact("
    "  client_id TEXT NOT NULL REFERENCES client(id)"
    "    DEFERRABLE INITIALLY DEFERRED,"
    "  pos INTEGER NOT NULL, email TEXT NOT NULL, name TEXT,"
    "  role TEXT NOT NULL,"
    "  PRIMARY KEY(client_id, pos)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE delivery("
    "  client_id TEXT NOT NULL, period TEXT NOT NULL,"
    "  pack_sha256 TEXT NOT NULL, message_id TEXT NOT NULL,"
    "  sent_at INTEGER NOT NULL, reply TEXT NOT NULL,"
    "  PRIMARY KEY(client_id, period)) STRICT;",
    /* 3: each impact again, keyed by service and the incident's span, so
     * that a client's months read its services' outages in key order
     * without the incidents' text (load.c). */
    "CREATE TABLE outage("
    "  service_id TEXT NOT NULL, span_start INTEGER NOT NULL,"
    "  incident_id TEXT NOT NULL, pos INTEGER NOT NULL, span_end INTEGER,"
    "  started_at INTEGER NOT NULL, resolved_at INTEGER, level TEXT NOT NULL,"
    "  start_at INTEGER, end_at INTEGER,"
    "  PRIMARY KEY(service_id, span_start, incident_id, pos)) STRICT,"
    " WITHOUT ROWID;"
    "INSERT INTO outage(service_id, span_start, incident_id, pos, span_end,"
    "  started_at, resolved_at, level, start_at, end_at)"
    "  SELECT p.service_id, i.span_start, i.id, p.pos, i.span_end,"
    "  i.started_at, i.resolved_at, p.level, p.start_at, p.end_at"
    "  FROM impact p JOIN incident i ON i.id = p.incident_id;",
};
#define SCHEMA_VERSION ((int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0]))

/* Ids of services or clients an import found stored or wrote: an
 * open-addressing set of at most IDSET_MAX ids (past that, lookups go to
 * the database), so that references to them cost no query. */
#define IDSET_MAX 65536
typedef struct idset {
    char **v;      /* cap slots, NULL when free */
    size_t n, cap; /* cap is 0 or a power of two */
} idset;

struct aft_store {
    db *db;
    idset known[2]; /* services, clients (aft_kind order) */
    idset seen;     /* a queueing driver's "kind:id" seen this import */
    int deleted;    /* the import took a record out again */
    db_stmt *stmt[Q_COUNT];
    int in_txn;
    int readonly;    /* opened with AFT_STORE_READONLY */
    int64_t n_defer; /* deferred references this import */
};

static int
exec(aft_store *s, const char *sql, aft_error *err)
{
    return db_exec(s->db, sql, err);
}

/* The cached statement for q, reset and with bindings cleared. */
static db_stmt *
stmt(aft_store *s, int q, aft_error *err)
{
    if (s->stmt[q] == NULL)
        s->stmt[q] = db_prepare(s->db, SQL[q],
                                DB_KEEP | (QUEUED[q] ? DB_QUEUE : 0), err);
    else
        db_reset(s->stmt[q]);
    return s->stmt[q];
}

/* ------------------------------------------------------------------ */
/* Known ids                                                           */

static size_t
id_hash(const char *id)
{
    size_t h = 14695981039346656037u;

    while (*id != '\0')
        h = (h ^ (unsigned char)*id++) * 1099511628211u;
    return h;
}

/* The slot of id in x, or the free slot where it would go. */
static char **
idset_slot(const idset *x, const char *id)
{
    size_t i = id_hash(id) & (x->cap - 1);

    while (x->v[i] != NULL && strcmp(x->v[i], id) != 0)
        i = (i + 1) & (x->cap - 1);
    return &x->v[i];
}

static int
idset_has(const idset *x, const char *id)
{
    return x->cap > 0 && *idset_slot(x, id) != NULL;
}

static void
idset_clear(idset *x)
{
    size_t i;

    for (i = 0; i < x->cap; i++)
        free(x->v[i]);
    free(x->v);
    memset(x, 0, sizeof *x);
}

/* Room for one more entry; 0 when memory runs out. */
static int
idset_grow(idset *x)
{
    size_t i;

    if (2 * (x->n + 1) > x->cap) {
        idset y = {calloc(x->cap ? 2 * x->cap : 64, sizeof(char *)), 0,
                   x->cap ? 2 * x->cap : 64};
        if (y.v == NULL)
            return 0;
        for (i = 0; i < x->cap; i++)
            if (x->v[i] != NULL)
                *idset_slot(&y, x->v[i]) = x->v[i];
        free(x->v);
        y.n = x->n;
        *x = y;
    }
    return 1;
}

/* Add id (a no-op when the set is full or memory runs out: the set only
 * spares queries). */
static void
idset_add(idset *x, const char *id)
{
    char **slot;

    if (x->n >= IDSET_MAX || idset_has(x, id) || !idset_grow(x))
        return;
    slot = idset_slot(x, id);
    if ((*slot = strdup(id)) != NULL)
        x->n++;
}

/* A queueing driver's record of what this import has seen, in memory
 * (no round trip per record): each entry is the key, a kind digit and
 * the id, then a NUL and where it was seen. Returns 0 (new), 1 (seen:
 * *first is a copy of the earlier loc) or AFT_ENOMEM. */
static int
seen_add(idset *x, aft_kind kind, const char *id, const char *loc, char **first)
{
    size_t n = strlen(id), m = strlen(loc);
    char *e = malloc(n + m + 3), **slot;

    if (e == NULL || !idset_grow(x)) {
        free(e);
        return AFT_ENOMEM;
    }
    e[0] = (char)('0' + kind);
    memcpy(e + 1, id, n + 1);
    memcpy(e + n + 2, loc, m + 1);
    slot = idset_slot(x, e);
    if (*slot != NULL) {
        free(e);
        *first = strdup(*slot + strlen(*slot) + 1);
        return *first == NULL ? AFT_ENOMEM : 1;
    }
    *slot = e;
    x->n++;
    return 0;
}

/* Forget the known ids: the import ended or took records out. */
static void
forget_known(aft_store *s)
{
    idset_clear(&s->known[0]);
    idset_clear(&s->known[1]);
}
/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* The schema version, checked: AFT_OK when it is SCHEMA_VERSION, 1 when
 * it is older (*v says which), or an error. */
static int
check_version(aft_store *s, int *v, aft_error *err)
{
    int rc = db_version(s->db, v, err);

    if (rc < 0)
        return rc;
    if (*v > SCHEMA_VERSION)
        return aft_error_set(err, AFT_EDB,
                             "cannot open database '%s': schema version %d "
                             "is newer than this aftercast understands (%d)",
                             s->db->name, *v, SCHEMA_VERSION);
    return *v < SCHEMA_VERSION;
}

/* rc from upgrading from schema version v, err saying so: a server's
 * role that may only read cannot, until one that may create tables (the
 * one that imports) has opened the store once. */
static int
upgrade_failed(const aft_store *s, int v, int rc, aft_error *err)
{
    char why[sizeof err->message];

    if (err == NULL || rc != AFT_EDB)
        return rc;
    snprintf(why, sizeof why, "%s", err->message);
    return aft_error_set(err, rc,
                         "cannot upgrade database '%s' from schema version %d "
                         "(%s): the role that imports upgrades it",
                         s->db->name, v, why);
}

/* Bring the schema up to SCHEMA_VERSION, one transaction a step. The
 * version is read again once the write lock is held: another process
 * opening the same new database may have migrated it meanwhile. A
 * connection that cannot write only checks. */
static int
migrate(aft_store *s, aft_error *err)
{
    int v = 0, rc;

    while ((rc = check_version(s, &v, err)) == 1) {
        /* A reader of a server with no store yet, as of a missing file. */
        if (v == 0 && s->readonly && s->db->queues)
            return aft_error_set(err, AFT_ENOTFOUND,
                                 "no aftercast data in database '%s' (import "
                                 "data first)",
                                 s->db->name);
        if (s->db->readonly == 2)
            return aft_error_set(err, AFT_EDB,
                                 "cannot open database '%s': schema version "
                                 "%d needs an upgrade, and the database is "
                                 "read-only",
                                 s->db->name, v);
        if ((rc = db_begin_write(s->db, err)) < 0)
            return rc;
        if ((rc = check_version(s, &v, err)) == 1
            && (rc = db_exec_ddl(s->db, MIGRATIONS[v], err)) == AFT_OK)
            rc = db_set_version(s->db, v + 1, err);
        if (rc >= 0 && (rc = db_commit(s->db, err)) == AFT_OK)
            continue;
        db_rollback(s->db);
        return upgrade_failed(s, v, rc, err);
    }
    return rc;
}

int
aft_store_open_ext(aft_store **out, const char *path,
                   const aft_store_opts *opts, aft_error *err)
{
    aft_store *s;
    struct stat st;
    int rc, pg = db_is_pg(path);

    *out = NULL;
    if (!pg && !(opts->flags & AFT_STORE_CREATE)
        && strcmp(path, ":memory:") != 0 && stat(path, &st) != 0)
        return aft_error_set(err, AFT_ENOTFOUND,
                             "no database at '%s' (import data first)", path);
    if ((s = calloc(1, sizeof *s)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    s->readonly = (opts->flags & AFT_STORE_READONLY) != 0;
    rc = (pg ? db_pg_open : db_sqlite_open)(&s->db, path, opts->flags,
                                            opts->notice, opts->notice_payload,
                                            err);
    if (rc == AFT_OK && (rc = migrate(s, err)) == AFT_OK)
        rc = db_ready(s->db, err);
    if (rc < 0) {
        aft_store_close(s);
        return rc;
    }
    *out = s;
    return AFT_OK;
}

int
aft_store_open(aft_store **out, const char *path, int flags, aft_error *err)
{
    aft_store_opts o;

    memset(&o, 0, sizeof o);
    o.flags = flags;
    return aft_store_open_ext(out, path, &o, err);
}

db *
aft_store__db(aft_store *s)
{
    return s->db;
}

int
aft_store__in_txn(const aft_store *s)
{
    return s->in_txn;
}

void
aft_store_close(aft_store *s)
{
    int i;

    if (s == NULL)
        return;
    for (i = 0; i < Q_COUNT; i++)
        db_finalize(s->stmt[i]);
    forget_known(s);
    idset_clear(&s->seen);
    db_close(s->db);
    free(s);
}

int
aft_store_schema_version(aft_store *s)
{
    int v = -1;

    return db_version(s->db, &v, NULL) == AFT_OK ? v : -1;
}

/* ------------------------------------------------------------------ */
/* Transactions and import bookkeeping                                 */

int
aft_store__begin(aft_store *s, aft_error *err)
{
    int rc;

    if (s->readonly)
        return aft_error_set(err, AFT_EINVALID,
                             "the database was opened read-only");
    if ((rc = db_begin_write(s->db, err)) < 0)
        return rc;
    s->in_txn = 1;
    s->deleted = 0;
    s->n_defer = 0;
    forget_known(s);
    idset_clear(&s->seen);
    return exec(s,
                s->db->queues
                    ? "DELETE FROM pending_ref"
                    : "DELETE FROM temp.seen; DELETE FROM pending_ref",
                err);
}

/* A row for each reference whose parent is missing (db_check_keys). */
#define ORPHANS_OF(table, col, parent) \
    "SELECT 1 FROM " table " c WHERE NOT EXISTS (SELECT 1 FROM " parent \
    " p WHERE p.id = c." col ")"
/* clang-format off */
static const char ORPHANS[] =
    "SELECT count(*) FROM ("
    ORPHANS_OF("client_credit", "client_id", "client")
    " UNION ALL " ORPHANS_OF("client_hours", "client_id", "client")
    " UNION ALL " ORPHANS_OF("client_holiday", "client_id", "client")
    " UNION ALL " ORPHANS_OF("subscription", "client_id", "client")
    " UNION ALL " ORPHANS_OF("subscription", "service_id", "service")
    " UNION ALL " ORPHANS_OF("client_contact", "client_id", "client")
    " UNION ALL " ORPHANS_OF("impact", "incident_id", "incident")
    " UNION ALL " ORPHANS_OF("impact", "service_id", "service")
    " UNION ALL " ORPHANS_OF("incident_client", "incident_id", "incident")
    " UNION ALL " ORPHANS_OF("incident_client", "client_id", "client")
    " UNION ALL " ORPHANS_OF("incident_update", "incident_id", "incident")
    " UNION ALL " ORPHANS_OF("incident_action", "incident_id", "incident")
    " UNION ALL " ORPHANS_OF("maintenance_service", "maintenance_id", "maintenance")
    " UNION ALL " ORPHANS_OF("maintenance_service", "service_id", "service")
    " UNION ALL " ORPHANS_OF("maintenance_client", "maintenance_id", "maintenance")
    " UNION ALL " ORPHANS_OF("maintenance_client", "client_id", "client")
    ") x";
/* clang-format on */

int
aft_store__commit(aft_store *s, aft_error *err)
{
    int rc = s->deleted ? db_check_keys(s->db, ORPHANS, err) : AFT_OK;

    if (rc == AFT_OK && (rc = db_commit(s->db, err)) == AFT_OK)
        s->in_txn = 0;
    forget_known(s);
    idset_clear(&s->seen);
    return rc;
}

void
aft_store__rollback(aft_store *s)
{
    forget_known(s);
    idset_clear(&s->seen);
    if (s->in_txn) {
        db_rollback(s->db);
        s->in_txn = 0;
    }
}

static int
step_done(db_stmt *st, aft_error *err)
{
    int rc = db_step(st, err);

    return rc < 0 ? rc : AFT_OK;
}

int
aft_store__mark_seen(aft_store *s, aft_kind kind, const char *id,
                     const char *loc, char **first, aft_error *err)
{
    db_stmt *st;
    int rc;

    *first = NULL;
    if (s->db->queues) {
        if ((rc = seen_add(&s->seen, kind, id, loc, first)) < 0)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        return rc;
    }
    if ((st = stmt(s, Q_SEEN, err)) == NULL)
        return AFT_EDB;
    db_bind_int64(st, 1, (int)kind);
    db_bind_text(st, 2, id, 0);
    db_bind_text(st, 3, loc, 0);
    if ((rc = step_done(st, err)) < 0)
        return rc;
    if (db_changes(s->db) == 1)
        return 0;
    if ((st = stmt(s, Q_SEEN_LOC, err)) == NULL)
        return AFT_EDB;
    db_bind_int64(st, 1, (int)kind);
    db_bind_text(st, 2, id, 0);
    if (db_step(st, NULL) == DB_ROW)
        *first = strdup(db_col_text(st, 0));
    db_reset(st);
    return 1;
}

int
aft_store__exists(aft_store *s, aft_kind kind, const char *id, aft_error *err)
{
    idset *known = &s->known[kind == AFT_KIND_SERVICE ? 0 : 1];
    db_stmt *st;
    int rc;

    if (idset_has(known, id))
        return 1;
    st = stmt(s, kind == AFT_KIND_SERVICE ? Q_HAS_SERVICE : Q_HAS_CLIENT, err);
    if (st == NULL)
        return AFT_EDB;
    db_bind_text(st, 1, id, 0);
    rc = db_step(st, err);
    db_reset(st);
    if (rc == DB_ROW) {
        idset_add(known, id);
        return 1;
    }
    return rc;
}

int
aft_store__defer_ref(aft_store *s, aft_kind kind, const char *id,
                     const char *loc, aft_kind owner_kind, const char *owner_id,
                     aft_error *err)
{
    db_stmt *st = stmt(s, Q_DEFER, err);

    if (st == NULL)
        return AFT_EDB;
    db_bind_int64(st, 1, (int)kind);
    db_bind_text(st, 2, id, 0);
    db_bind_text(st, 3, loc, 0);
    db_bind_int64(st, 4, (int)owner_kind);
    db_bind_text(st, 5, owner_id, 0);
    db_bind_int64(st, 6, ++s->n_defer);
    return step_done(st, err);
}

int
aft_store__delete(aft_store *s, aft_kind kind, const char *id, aft_error *err)
{
    static const char *const sql[AFT_KIND_COUNT][6] = {
        {"DELETE FROM service WHERE id = ?1"},
        {"DELETE FROM client_credit WHERE client_id = ?1",
         "DELETE FROM client_hours WHERE client_id = ?1",
         "DELETE FROM client_holiday WHERE client_id = ?1",
         "DELETE FROM subscription WHERE client_id = ?1",
         "DELETE FROM client_contact WHERE client_id = ?1",
         "DELETE FROM client WHERE id = ?1"},
        {DEL_OUTAGES, "DELETE FROM impact WHERE incident_id = ?1",
         "DELETE FROM incident_client WHERE incident_id = ?1",
         "DELETE FROM incident_update WHERE incident_id = ?1",
         "DELETE FROM incident_action WHERE incident_id = ?1",
         "DELETE FROM incident WHERE id = ?1"},
        {"DELETE FROM maintenance_service WHERE maintenance_id = ?1",
         "DELETE FROM maintenance_client WHERE maintenance_id = ?1",
         "DELETE FROM maintenance WHERE id = ?1"},
    };
    int i, rc = AFT_OK;

    s->deleted = 1;
    forget_known(s);
    for (i = 0; rc == AFT_OK && i < 6 && sql[kind][i] != NULL; i++) {
        db_stmt *st = db_prepare(s->db, sql[kind][i], 0, err);
        if (st == NULL)
            return AFT_EDB;
        db_bind_text(st, 1, id, 0);
        rc = step_done(st, err);
        db_finalize(st);
    }
    return rc;
}

int
aft_store__check_refs(aft_store *s, aft_dangling_fn fn, void *payload,
                      aft_error *err)
{
    static const char sql[] =
        "SELECT loc, kind, id, owner_kind, owner_id FROM pending_ref p"
        " WHERE"
        " (kind = 0 AND NOT EXISTS (SELECT 1 FROM service WHERE id = p.id))"
        " OR (kind = 1 AND NOT EXISTS (SELECT 1 FROM client WHERE id = p.id))"
        " ORDER BY seq";
    db_stmt *st = db_prepare(s->db, sql, 0, err);
    int n = 0, rc;

    if (st == NULL)
        return AFT_EDB;
    while ((rc = db_step(st, err)) == DB_ROW) {
        fn(db_col_text(st, 0), (aft_kind)db_col_int64(st, 1),
           db_col_text(st, 2), (aft_kind)db_col_int64(st, 3),
           db_col_text(st, 4), payload);
        n++;
    }
    if (rc < 0)
        n = rc;
    db_finalize(st);
    return n;
}

/* ------------------------------------------------------------------ */
/* Upserts                                                             */

static void
bind_text(db_stmt *st, int i, const char *v)
{
    if (v == NULL)
        db_bind_null(st, i);
    else
        db_bind_text(st, i, v, 0);
}

static void
bind_time(db_stmt *st, int i, int64_t t)
{
    if (t == AFT_TIME_NONE)
        db_bind_null(st, i);
    else
        db_bind_int64(st, i, t);
}

static void
bind_day(db_stmt *st, int i, int64_t day)
{
    char buf[AFT_INSTANT_BUFSZ];

    if (day == AFT_DATE_NONE)
        db_bind_null(st, i);
    else
        db_bind_text(st, i, aft_date_format(buf, day), 1);
}

static void
bind_real(db_stmt *st, int i, double v)
{
    if (isnan(v))
        db_bind_null(st, i);
    else
        db_bind_double(st, i, v);
}

/* Run the delete statements [first, last] for a parent id. */
static int
delete_kids(aft_store *s, int first, int last, const char *id, aft_error *err)
{
    int q, rc;

    for (q = first; q <= last; q++) {
        db_stmt *st = stmt(s, q, err);
        if (st == NULL)
            return AFT_EDB;
        db_bind_text(st, 1, id, 0);
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

typedef void (*bind_fn)(db_stmt *st, const void *r);

/* Write a parent row: insert it (ins) when its id is new, which leaves
 * no children to replace; else delete its children [first, last] and
 * update it in place (upd). Both statements take the same parameters,
 * as does set, which does all that in one for a queueing driver. */
static int
put_parent(aft_store *s, const int q[3], int first, int last, const char *id,
           bind_fn bind, const void *r, aft_error *err)
{
    int ins = q[0], upd = q[1];
    db_stmt *st = stmt(s, s->db->queues ? q[2] : ins, err);
    int rc;

    if (st == NULL)
        return AFT_EDB;
    bind(st, r);
    if ((rc = step_done(st, err)) < 0 || s->db->queues
        || db_changes(s->db) == 1)
        return rc;
    if ((rc = delete_kids(s, first, last, id, err)) < 0)
        return rc;
    if ((st = stmt(s, upd, err)) == NULL)
        return AFT_EDB;
    bind(st, r);
    return step_done(st, err);
}

/* Insert (parent, value) pairs through statement q for a string list. */
static int
put_list(aft_store *s, int q, const char *id, const char *const *v, size_t n,
         aft_error *err)
{
    size_t i;
    int rc;

    for (i = 0; i < n; i++) {
        db_stmt *st = stmt(s, q, err);
        if (st == NULL)
            return AFT_EDB;
        db_bind_text(st, 1, id, 0);
        db_bind_text(st, 2, v[i], 0);
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

int
aft_store__put_service(aft_store *s, const aft_service *r, aft_error *err)
{
    db_stmt *st = stmt(s, Q_PUT_SERVICE, err);

    if (st == NULL)
        return AFT_EDB;
    bind_text(st, 1, r->id);
    bind_text(st, 2, r->name);
    return step_done(st, err);
}

/* The contacts of client r, after its old ones were deleted. */
static int
put_contacts(aft_store *s, const aft_client *r, aft_error *err)
{
    db_stmt *st;
    size_t i;
    int rc;

    for (i = 0; i < r->n_contacts; i++) {
        if ((st = stmt(s, Q_PUT_CONTACT, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        db_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->contacts[i].email);
        bind_text(st, 4, r->contacts[i].name);
        bind_text(st, 5, aft_role_str(r->contacts[i].role));
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

int
aft_store__put_client(aft_store *s, const aft_client *r, aft_error *err)
{
    db_stmt *st = stmt(s, Q_PUT_CLIENT, err);
    size_t i;
    int rc;

    if (st == NULL)
        return AFT_EDB;
    bind_text(st, 1, r->id);
    bind_text(st, 2, r->name);
    bind_text(st, 3, r->timezone);
    db_bind_double(st, 4, r->sla_target);
    db_bind_int64(st, 5, r->notice_days);
    db_bind_double(st, 6, r->partial_weight);
    db_bind_double(st, 7, r->degraded_weight);
    db_bind_int64(st, 8, r->update_interval_minutes);
    if ((rc = step_done(st, err)) < 0
        || (rc = delete_kids(s, Q_DEL_CLIENT_KIDS1, Q_DEL_CLIENT_KIDS5, r->id,
                             err))
               < 0)
        return rc;
    for (i = 0; i < r->n_credits; i++) {
        if ((st = stmt(s, Q_PUT_CREDIT, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        db_bind_int64(st, 2, (int64_t)i);
        db_bind_double(st, 3, r->credits[i].below);
        db_bind_double(st, 4, r->credits[i].credit);
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    for (i = 0; i < r->n_service_hours; i++) {
        if ((st = stmt(s, Q_PUT_HOURS, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        db_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->service_hours[i]);
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    for (i = 0; i < r->n_holidays; i++) {
        if ((st = stmt(s, Q_PUT_HOLIDAY, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        bind_day(st, 2, r->holidays[i]);
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    for (i = 0; i < r->n_subs; i++) {
        if ((st = stmt(s, Q_PUT_SUB, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        db_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->subs[i].service_id);
        bind_real(st, 4, r->subs[i].sla_target);
        bind_day(st, 5, r->subs[i].from_day);
        bind_day(st, 6, r->subs[i].until_day);
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    return put_contacts(s, r, err);
}

/* [span_start, span_end) covers the incident and all its impacts; the end
 * is NULL while anything in it is open. */
static void
incident_span(const aft_incident *r, int64_t *lo, int64_t *hi)
{
    size_t i;

    *lo = r->started_at;
    *hi = r->resolved_at; /* unresolved: ongoing, whatever the impacts */
    for (i = 0; i < r->n_impacts; i++) {
        aft_interval m = aft_impact_span(r, &r->impacts[i], INT64_MAX);
        if (m.start < *lo)
            *lo = m.start;
        if (*hi != AFT_TIME_NONE && m.end > *hi)
            *hi = m.end;
    }
    if (*hi != AFT_TIME_NONE && *hi < *lo)
        *hi = *lo;
}

static void
bind_incident(db_stmt *st, const void *rec)
{
    const aft_incident *r = rec;
    int64_t lo, hi;

    incident_span(r, &lo, &hi);
    bind_text(st, 1, r->id);
    bind_text(st, 2, r->title);
    bind_text(st, 3, aft_severity_str(r->severity));
    db_bind_int64(st, 4, r->started_at);
    bind_time(st, 5, r->detected_at);
    bind_time(st, 6, r->acknowledged_at);
    bind_time(st, 7, r->resolved_at);
    bind_text(st, 8, r->root_cause);
    bind_text(st, 9, r->resolution);
    db_bind_int64(st, 10, lo);
    bind_time(st, 11, hi);
}

/* Impact i of incident r: its row, and its outage row (the same impact
 * keyed by service and the incident's span). */
static int
put_impact(aft_store *s, const aft_incident *r, size_t i, aft_error *err)
{
    const aft_impact *m = &r->impacts[i];
    db_stmt *st = stmt(s, Q_PUT_IMPACT, err);
    int64_t lo, hi;
    int rc;

    if (st == NULL)
        return AFT_EDB;
    bind_text(st, 1, r->id);
    db_bind_int64(st, 2, (int64_t)i);
    bind_text(st, 3, m->service_id);
    bind_text(st, 4, aft_level_str(m->level));
    bind_time(st, 5, m->start);
    bind_time(st, 6, m->end);
    if ((rc = step_done(st, err)) < 0)
        return rc;
    if ((st = stmt(s, Q_PUT_OUTAGE, err)) == NULL)
        return AFT_EDB;
    incident_span(r, &lo, &hi);
    bind_text(st, 1, m->service_id);
    db_bind_int64(st, 2, lo);
    bind_text(st, 3, r->id);
    db_bind_int64(st, 4, (int64_t)i);
    bind_time(st, 5, hi);
    db_bind_int64(st, 6, r->started_at);
    bind_time(st, 7, r->resolved_at);
    bind_text(st, 8, aft_level_str(m->level));
    bind_time(st, 9, m->start);
    bind_time(st, 10, m->end);
    return step_done(st, err);
}

int
aft_store__put_incident(aft_store *s, const aft_incident *r, aft_error *err)
{
    db_stmt *st;
    size_t i;
    int rc;

    static const int q[3] = {Q_PUT_INCIDENT, Q_UPD_INCIDENT, Q_SET_INCIDENT};

    if ((rc = put_parent(s, q, Q_DEL_INC_KIDS0, Q_DEL_INC_KIDS4, r->id,
                         bind_incident, r, err))
        < 0)
        return rc;
    for (i = 0; i < r->n_impacts; i++)
        if ((rc = put_impact(s, r, i, err)) < 0)
            return rc;
    if ((rc = put_list(s, Q_PUT_INC_CLIENT, r->id, r->clients, r->n_clients,
                       err))
        < 0)
        return rc;
    for (i = 0; i < r->n_updates; i++) {
        if ((st = stmt(s, Q_PUT_UPDATE, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        db_bind_int64(st, 2, (int64_t)i);
        db_bind_int64(st, 3, r->updates[i].at);
        bind_text(st, 4, r->updates[i].status);
        bind_text(st, 5, r->updates[i].body ? r->updates[i].body : "");
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    for (i = 0; i < r->n_actions; i++) {
        if ((st = stmt(s, Q_PUT_ACTION, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        db_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->actions[i].action);
        bind_text(st, 4, r->actions[i].owner);
        bind_day(st, 5, r->actions[i].due_day);
        bind_text(st, 6, r->actions[i].status);
        if ((rc = step_done(st, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

static void
bind_maintenance(db_stmt *st, const void *rec)
{
    const aft_maintenance *r = rec;
    aft_interval reach = aft_record__maintenance_reach(r);

    bind_text(st, 1, r->id);
    bind_text(st, 2, r->title);
    db_bind_int64(st, 3, r->scheduled_start);
    db_bind_int64(st, 4, r->scheduled_end);
    bind_time(st, 5, r->actual_start);
    bind_time(st, 6, r->actual_end);
    bind_time(st, 7, r->notified_at);
    bind_text(st, 8, aft_level_str(r->impact));
    bind_text(st, 9, aft_mstatus_str(r->status));
    bind_text(st, 10, r->summary);
    bind_text(st, 11, r->issues);
    db_bind_int64(st, 12, reach.start);
    db_bind_int64(st, 13, reach.end);
}

int
aft_store__put_maintenance(aft_store *s, const aft_maintenance *r,
                           aft_error *err)
{
    int rc;

    static const int q[3] = {Q_PUT_MAINT, Q_UPD_MAINT, Q_SET_MAINT};

    if ((rc = put_parent(s, q, Q_DEL_MAINT_KIDS1, Q_DEL_MAINT_KIDS2, r->id,
                         bind_maintenance, r, err))
            < 0
        || (rc = put_list(s, Q_PUT_MAINT_SERVICE, r->id, r->services,
                          r->n_services, err))
               < 0)
        return rc;
    return put_list(s, Q_PUT_MAINT_CLIENT, r->id, r->clients, r->n_clients,
                    err);
}
