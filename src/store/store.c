/*
 * store.c - SQLite schema, migrations, upserts and loads.
 *
 * Every record has a parent row keyed by its id and child rows keyed by
 * (parent id, position), WITHOUT ROWID, so that replacing a record with
 * the same content leaves the database exactly as it was. References to
 * services and clients are deferred foreign keys; the importers check
 * them first to name the offending record, so an import's connection
 * leaves foreign keys off and checks them once, before the commit, only
 * when it took records out again.
 */
#define _POSIX_C_SOURCE 200809L
#include <libgen.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "aftercast/store.h"
#include "base/arena.h"
#include "base/error.h"
#include "model/record.h"
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
    Q_DEL_INC_KIDS1,
    Q_DEL_INC_KIDS2,
    Q_DEL_INC_KIDS3,
    Q_DEL_INC_KIDS4,
    Q_PUT_IMPACT,
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
    Q_COUNT
};

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
    [Q_PUT_HOLIDAY] = "INSERT OR IGNORE INTO client_holiday(client_id, day)"
                      " VALUES (?1, ?2)",
    [Q_PUT_SUB] =
        "INSERT INTO subscription(client_id, pos, service_id,"
        " sla_target, from_day, until_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_PUT_CONTACT] = "INSERT INTO client_contact(client_id, pos, email, name,"
                      " role) VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_PUT_INCIDENT] =
        "INSERT OR IGNORE INTO incident(id, title, severity, started_at,"
        " detected_at, acknowledged_at, resolved_at, root_cause, resolution,"
        " span_start, span_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
        " ?10, ?11)",
    [Q_UPD_INCIDENT] =
        "UPDATE incident SET title = ?2, severity = ?3, started_at = ?4,"
        " detected_at = ?5, acknowledged_at = ?6, resolved_at = ?7,"
        " root_cause = ?8, resolution = ?9, span_start = ?10,"
        " span_end = ?11 WHERE id = ?1",
    [Q_DEL_INC_KIDS1] = "DELETE FROM impact WHERE incident_id = ?1",
    [Q_DEL_INC_KIDS2] = "DELETE FROM incident_client WHERE incident_id = ?1",
    [Q_DEL_INC_KIDS3] = "DELETE FROM incident_update WHERE incident_id = ?1",
    [Q_DEL_INC_KIDS4] = "DELETE FROM incident_action WHERE incident_id = ?1",
    [Q_PUT_IMPACT] = "INSERT INTO impact(incident_id, pos, service_id, level,"
                     " start_at, end_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_PUT_INC_CLIENT] = "INSERT OR IGNORE INTO incident_client(incident_id,"
                         " client_id) VALUES (?1, ?2)",
    [Q_PUT_UPDATE] = "INSERT INTO incident_update(incident_id, pos, at,"
                     " status, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_PUT_ACTION] = "INSERT INTO incident_action(incident_id, pos, action,"
                     " owner, due, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_PUT_MAINT] =
        "INSERT OR IGNORE INTO maintenance(id, title, scheduled_start,"
        " scheduled_end, actual_start, actual_end, notified_at, impact,"
        " status, summary, issues, span_start, span_end) VALUES (?1, ?2, ?3,"
        " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [Q_UPD_MAINT] =
        "UPDATE maintenance SET title = ?2, scheduled_start = ?3,"
        " scheduled_end = ?4, actual_start = ?5, actual_end = ?6,"
        " notified_at = ?7, impact = ?8, status = ?9, summary = ?10,"
        " issues = ?11, span_start = ?12, span_end = ?13 WHERE id = ?1",
    [Q_DEL_MAINT_KIDS1] = "DELETE FROM maintenance_service"
                          " WHERE maintenance_id = ?1",
    [Q_DEL_MAINT_KIDS2] = "DELETE FROM maintenance_client"
                          " WHERE maintenance_id = ?1",
    [Q_PUT_MAINT_SERVICE] = "INSERT OR IGNORE INTO maintenance_service("
                            "maintenance_id, service_id) VALUES (?1, ?2)",
    [Q_PUT_MAINT_CLIENT] = "INSERT OR IGNORE INTO maintenance_client("
                           "maintenance_id, client_id) VALUES (?1, ?2)",
    [Q_SEEN] = "INSERT OR IGNORE INTO temp.seen(kind, id, loc)"
               " VALUES (?1, ?2, ?3)",
    [Q_SEEN_LOC] = "SELECT loc FROM temp.seen WHERE kind = ?1 AND id = ?2",
    [Q_HAS_SERVICE] = "SELECT 1 FROM service WHERE id = ?1",
    [Q_HAS_CLIENT] = "SELECT 1 FROM client WHERE id = ?1",
    [Q_DEFER] = "INSERT INTO temp.pending_ref(kind, id, loc, owner_kind,"
                " owner_id) VALUES (?1, ?2, ?3, ?4, ?5)",
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
    "CREATE INDEX incident_length ON incident(span_end - span_start);"
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
};
#define SCHEMA_VERSION ((int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0]))

/* How long a writer waits for another to finish before it gives up, and
 * after how long it says what it waits for. An import holds the write
 * lock from start to end, and a large one takes minutes. */
#define WAIT_MAX_MS (10 * 60 * 1000)
#define WAIT_NOTICE_MS 3000
#define WAIT_NOTICE "waiting for another import to finish..."

/* Ids of services or clients an import found stored or wrote: an
 * open-addressing set of at most IDSET_MAX ids (past that, lookups go to
 * the database), so that references to them cost no query. */
#define IDSET_MAX 65536
typedef struct idset {
    char **v;      /* cap slots, NULL when free */
    size_t n, cap; /* cap is 0 or a power of two */
} idset;

struct aft_store {
    sqlite3 *db;
    idset known[2]; /* services, clients (aft_kind order) */
    int deleted;    /* the import took a record out again */
    sqlite3_stmt *stmt[Q_COUNT];
    int in_txn;
    int readonly;          /* opened with AFT_STORE_READONLY */
    aft_warn_fn notice;    /* told once what a long wait is for, or NULL */
    void *notice_payload;  /* passed to notice */
    int noticed;           /* the notice went out */
    int64_t wait_start_ms; /* monotonic milliseconds, the busy wait began */
};

static int
db_error(aft_error *err, sqlite3 *db, const char *what)
{
    int rc = aft_error_set(err, AFT_EDB, "%s: %s", what, sqlite3_errmsg(db));
    if (err != NULL)
        err->detail = sqlite3_extended_errcode(db);
    return rc;
}

static int
exec(aft_store *s, const char *sql, aft_error *err)
{
    char *msg = NULL;

    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        aft_error_set(err, AFT_EDB, "database: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return AFT_EDB;
    }
    return AFT_OK;
}

/* The cached statement for q, reset and with bindings cleared. */
static sqlite3_stmt *
stmt(aft_store *s, int q, aft_error *err)
{
    if (s->stmt[q] == NULL) {
        if (sqlite3_prepare_v3(s->db, SQL[q], -1, SQLITE_PREPARE_PERSISTENT,
                               &s->stmt[q], NULL)
            != SQLITE_OK) {
            db_error(err, s->db, "prepare");
            return NULL;
        }
    } else {
        sqlite3_reset(s->stmt[q]);
        sqlite3_clear_bindings(s->stmt[q]);
    }
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

/* Add id (a no-op when the set is full or memory runs out: the set only
 * spares queries). */
static void
idset_add(idset *x, const char *id)
{
    char **slot;
    size_t i;

    if (x->n >= IDSET_MAX || idset_has(x, id))
        return;
    if (2 * (x->n + 1) > x->cap) {
        idset y = {calloc(x->cap ? 2 * x->cap : 64, sizeof(char *)), 0,
                   x->cap ? 2 * x->cap : 64};
        if (y.v == NULL)
            return;
        for (i = 0; i < x->cap; i++)
            if (x->v[i] != NULL)
                *idset_slot(&y, x->v[i]) = x->v[i];
        free(x->v);
        y.n = x->n;
        *x = y;
    }
    slot = idset_slot(x, id);
    if ((*slot = strdup(id)) != NULL)
        x->n++;
}

/* Forget the known ids: the import ended or took records out. */
static void
forget_known(aft_store *s)
{
    idset_clear(&s->known[0]);
    idset_clear(&s->known[1]);
}

/* ------------------------------------------------------------------ */
/* Waiting for another writer                                          */

static int64_t
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether to go on waiting after waited_ms: not past WAIT_MAX_MS. Past
 * WAIT_NOTICE_MS the notice goes out, once per store. */
static int
keep_waiting(aft_store *s, int64_t waited_ms)
{
    if (waited_ms >= WAIT_MAX_MS)
        return 0;
    if (waited_ms >= WAIT_NOTICE_MS && !s->noticed && s->notice != NULL) {
        s->noticed = 1;
        s->notice(WAIT_NOTICE, s->notice_payload);
    }
    return 1;
}

/* The busy handler: SQLite calls it with n = 0, 1, 2... while another
 * connection holds the lock it needs. Sleeps a little and returns 1 to
 * try again, or 0 to give up (SQLITE_BUSY). */
static int
on_busy(void *payload, int n)
{
    aft_store *s = payload;

    if (n == 0)
        s->wait_start_ms = now_ms();
    if (!keep_waiting(s, now_ms() - s->wait_start_ms))
        return 0;
    sqlite3_sleep(n < 10 ? 1 + 2 * n : 50);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* "cannot open database 'PATH': " and SQLite's latest error. */
static int
open_error(aft_store *s, const char *path, aft_error *err)
{
    int rc = aft_error_set(err, AFT_EDB, "cannot open database '%s': %s", path,
                           sqlite3_errmsg(s->db));
    if (err != NULL)
        err->detail = sqlite3_extended_errcode(s->db);
    return rc;
}

/* Run sql while opening; a failure names the file. */
static int
open_exec(aft_store *s, const char *path, const char *sql, aft_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return open_error(s, path, err);
    return AFT_OK;
}

/* PRAGMA user_version into *v; returns the SQLite status. */
static int
read_version(aft_store *s, int *v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);

    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *v = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The schema version, checked: AFT_OK when it is SCHEMA_VERSION, 1 when
 * it is older (*v says which), or an error. */
static int
check_version(aft_store *s, const char *path, int *v, aft_error *err)
{
    if (read_version(s, v) != SQLITE_OK)
        return open_error(s, path, err);
    if (*v > SCHEMA_VERSION)
        return aft_error_set(err, AFT_EDB,
                             "cannot open database '%s': schema version %d "
                             "is newer than this aftercast understands (%d)",
                             path, *v, SCHEMA_VERSION);
    return *v < SCHEMA_VERSION;
}

/* Bring the schema up to SCHEMA_VERSION, one transaction a step. The
 * version is read again once the write lock is held: another process
 * opening the same new file may have migrated it meanwhile. */
static int
migrate(aft_store *s, const char *path, aft_error *err)
{
    char sql[64];
    int v = 0, rc;

    while ((rc = check_version(s, path, &v, err)) == 1) {
        if ((rc = open_exec(s, path, "BEGIN IMMEDIATE", err)) < 0)
            return rc;
        if ((rc = check_version(s, path, &v, err)) == 1) {
            snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
            if ((rc = open_exec(s, path, MIGRATIONS[v], err)) == AFT_OK)
                rc = open_exec(s, path, sql, err);
        }
        if (rc >= 0 && (rc = open_exec(s, path, "COMMIT", err)) == AFT_OK)
            continue;
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return rc;
}

/* PRAGMA journal_mode = WAL. On a new file this takes an exclusive lock
 * from a shared one, so two first opens can deadlock, and SQLite then
 * fails one at once without calling the busy handler: wait and try again
 * until the other has switched the file (the pragma then only reads). */
static int
set_wal(aft_store *s, const char *path, aft_error *err)
{
    int64_t start = now_ms();
    int n, rc;

    for (n = 0;; n++) {
        rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if (rc != SQLITE_BUSY || !keep_waiting(s, now_ms() - start))
            break;
        sqlite3_sleep(n < 10 ? 1 + 2 * n : 50);
    }
    return rc == SQLITE_OK ? AFT_OK : open_error(s, path, err);
}

static const char SQL_TUNE[] =
    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
    " PRAGMA temp_store = FILE; PRAGMA cache_size = -32768;";

/* Open for import: created if allowed, in WAL mode, migrated, with the
 * tables an import keeps its bookkeeping in. */
static int
open_writer(aft_store *s, const char *path, int flags, aft_error *err)
{
    int rc, how = SQLITE_OPEN_READWRITE;

    if (flags & AFT_STORE_CREATE)
        how |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, how, NULL) != SQLITE_OK)
        return open_error(s, path, err);
    sqlite3_busy_handler(s->db, on_busy, s);
    if ((rc = set_wal(s, path, err)) < 0
        || (rc = open_exec(s, path, SQL_TUNE, err)) < 0
        || (rc = migrate(s, path, err)) < 0)
        return rc;
    /* The importers check every reference themselves (the children of a
     * record are written with it; services and clients are looked up or
     * deferred to aft_store__check_refs): no lookup per child row. */
    return open_exec(s, path,
                     "PRAGMA foreign_keys = OFF;"
                     "CREATE TEMP TABLE IF NOT EXISTS seen(kind INTEGER,"
                     " id TEXT, loc TEXT, PRIMARY KEY(kind, id))"
                     " WITHOUT ROWID;"
                     "CREATE TEMP TABLE IF NOT EXISTS pending_ref("
                     "kind INTEGER, id TEXT, loc TEXT, owner_kind INTEGER,"
                     " owner_id TEXT);",
                     err);
}

/* Whether this process may write both the file and its directory: what
 * SQLite needs to keep the -wal and -shm files next to it. */
static int
can_write(const char *path)
{
    char *dir;
    int ok;

    if (strcmp(path, ":memory:") == 0)
        return 1;
    if ((dir = strdup(path)) == NULL)
        return 0;
    ok = access(path, W_OK) == 0 && access(dirname(dir), W_OK) == 0;
    free(dir);
    return ok;
}

/* Whether PATH-wal holds something: changes not yet in the file. */
static int
has_wal(const char *path)
{
    char *wal = sqlite3_mprintf("%s-wal", path);
    struct stat st;
    int yes = wal == NULL || (stat(wal, &st) == 0 && st.st_size > 0);

    sqlite3_free(wal);
    return yes;
}

/* A read-only connection to path as a URI with the given query. */
static int
open_uri(aft_store *s, const char *path, const char *query)
{
    sqlite3_str *uri = sqlite3_str_new(NULL);
    const unsigned char *p;
    char *z;
    int rc;

    /* An empty authority, so that a path starting "//" stays a path. */
    sqlite3_str_appendall(uri, path[0] == '/' ? "file://" : "file:");
    for (p = (const unsigned char *)path; *p != '\0'; p++)
        if (*p == '?' || *p == '#' || *p == '%' || *p <= ' ' || *p >= 0x7f)
            sqlite3_str_appendf(uri, "%%%02X", *p);
        else
            sqlite3_str_appendchar(uri, 1, (char)*p);
    sqlite3_str_appendf(uri, "?%s", query);
    if ((z = sqlite3_str_finish(uri)) == NULL)
        return SQLITE_NOMEM;
    sqlite3_close(s->db);
    rc = sqlite3_open_v2(z, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                         NULL);
    sqlite3_free(z);
    return rc;
}

/* Open a file this process cannot write (a read-only copy, directory or
 * mount). WAL needs the -shm file, which may exist already; if it can be
 * neither opened nor created, and no -wal holds changes, the file alone
 * is the whole database and is read as immutable, without locks. */
static int
open_frozen(aft_store *s, const char *path, aft_error *err)
{
    int v = 0, rc = open_uri(s, path, "mode=ro");

    if (rc == SQLITE_OK)
        rc = read_version(s, &v);
    if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) {
        if (has_wal(path))
            return aft_error_set(err, AFT_EDB,
                                 "cannot open database '%s': it is read-only "
                                 "and its write-ahead log '%s-wal' holds "
                                 "changes",
                                 path, path);
        rc = open_uri(s, path, "immutable=1");
    }
    if (rc != SQLITE_OK)
        return open_error(s, path, err);
    return AFT_OK;
}

/* Open for reading only. Where the file may be written, an ordinary
 * connection that refuses writes (query_only), which migrates an old
 * schema and, closing last, folds the WAL back as before; elsewhere a
 * read-only one, which leaves no file behind. */
static int
open_reader(aft_store *s, const char *path, aft_error *err)
{
    int v = 0, rc;

    if (can_write(path)) {
        if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL)
            != SQLITE_OK)
            return open_error(s, path, err);
        sqlite3_busy_handler(s->db, on_busy, s);
        if ((rc = open_exec(s, path, SQL_TUNE, err)) < 0
            || (rc = migrate(s, path, err)) < 0)
            return rc;
        return open_exec(s, path, "PRAGMA query_only = ON", err);
    }
    if ((rc = open_frozen(s, path, err)) < 0)
        return rc;
    sqlite3_busy_handler(s->db, on_busy, s);
    if ((rc = open_exec(s, path, SQL_TUNE, err)) < 0
        || (rc = check_version(s, path, &v, err)) < 0)
        return rc;
    if (rc == 1)
        return aft_error_set(err, AFT_EDB,
                             "cannot open database '%s': schema version %d "
                             "needs an upgrade, and the file is read-only",
                             path, v);
    return AFT_OK;
}

int
aft_store_open_ext(aft_store **out, const char *path,
                   const aft_store_opts *opts, aft_error *err)
{
    aft_store *s;
    struct stat st;
    int rc;

    *out = NULL;
    if (!(opts->flags & AFT_STORE_CREATE) && strcmp(path, ":memory:") != 0
        && stat(path, &st) != 0)
        return aft_error_set(err, AFT_ENOTFOUND,
                             "no database at '%s' (import data first)", path);
    if ((s = calloc(1, sizeof *s)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    s->notice = opts->notice;
    s->notice_payload = opts->notice_payload;
    s->readonly = (opts->flags & AFT_STORE_READONLY) != 0;
    if (s->readonly)
        rc = open_reader(s, path, err);
    else
        rc = open_writer(s, path, opts->flags, err);
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

sqlite3 *
aft_store__db(aft_store *s)
{
    return s->db;
}

void
aft_store_close(aft_store *s)
{
    int i;

    if (s == NULL)
        return;
    for (i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    forget_known(s);
    sqlite3_close(s->db);
    free(s);
}

int
aft_store_schema_version(aft_store *s)
{
    int v = -1;

    return read_version(s, &v) == SQLITE_OK ? v : -1;
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
    if ((rc = exec(s, "BEGIN IMMEDIATE", err)) < 0) {
        if (sqlite3_errcode(s->db) == SQLITE_BUSY)
            rc = aft_error_set(err, AFT_EDB,
                               "database: another import still holds it after "
                               "%d minutes",
                               WAIT_MAX_MS / 60000);
        return rc;
    }
    s->in_txn = 1;
    s->deleted = 0;
    forget_known(s);
    return exec(s, "DELETE FROM temp.seen; DELETE FROM temp.pending_ref;", err);
}

/* After records were taken out again, whether any row still refers to
 * one: then the import fails as a deferred foreign key would. */
static int
check_keys(aft_store *s, aft_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL)
        != SQLITE_OK)
        return db_error(err, s->db, "prepare");
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return aft_error_set(err, AFT_EDB,
                             "database: FOREIGN KEY constraint failed");
    return rc == SQLITE_DONE ? AFT_OK : db_error(err, s->db, "check keys");
}

int
aft_store__commit(aft_store *s, aft_error *err)
{
    int rc = s->deleted ? check_keys(s, err) : AFT_OK;

    if (rc == AFT_OK && (rc = exec(s, "COMMIT", err)) == AFT_OK)
        s->in_txn = 0;
    forget_known(s);
    return rc;
}

void
aft_store__rollback(aft_store *s)
{
    forget_known(s);
    if (s->in_txn) {
        exec(s, "ROLLBACK", NULL);
        s->in_txn = 0;
    }
}

static int
step_done(aft_store *s, sqlite3_stmt *st, aft_error *err)
{
    int rc = sqlite3_step(st);

    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_error(err, s->db, "write");
    return AFT_OK;
}

int
aft_store__mark_seen(aft_store *s, aft_kind kind, const char *id,
                     const char *loc, char **first, aft_error *err)
{
    sqlite3_stmt *st;
    int rc;

    *first = NULL;
    if ((st = stmt(s, Q_SEEN, err)) == NULL)
        return AFT_EDB;
    sqlite3_bind_int(st, 1, (int)kind);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, loc, -1, SQLITE_STATIC);
    if ((rc = step_done(s, st, err)) < 0)
        return rc;
    if (sqlite3_changes(s->db) == 1)
        return 0;
    if ((st = stmt(s, Q_SEEN_LOC, err)) == NULL)
        return AFT_EDB;
    sqlite3_bind_int(st, 1, (int)kind);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        *first = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return 1;
}

int
aft_store__exists(aft_store *s, aft_kind kind, const char *id, aft_error *err)
{
    idset *known = &s->known[kind == AFT_KIND_SERVICE ? 0 : 1];
    sqlite3_stmt *st;
    int rc;

    if (idset_has(known, id))
        return 1;
    st = stmt(s, kind == AFT_KIND_SERVICE ? Q_HAS_SERVICE : Q_HAS_CLIENT, err);
    if (st == NULL)
        return AFT_EDB;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        idset_add(known, id);
        return 1;
    }
    return rc == SQLITE_DONE ? 0 : db_error(err, s->db, "lookup");
}

int
aft_store__defer_ref(aft_store *s, aft_kind kind, const char *id,
                     const char *loc, aft_kind owner_kind, const char *owner_id,
                     aft_error *err)
{
    sqlite3_stmt *st = stmt(s, Q_DEFER, err);

    if (st == NULL)
        return AFT_EDB;
    sqlite3_bind_int(st, 1, (int)kind);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, loc, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, (int)owner_kind);
    sqlite3_bind_text(st, 5, owner_id, -1, SQLITE_STATIC);
    return step_done(s, st, err);
}

int
aft_store__delete(aft_store *s, aft_kind kind, const char *id, aft_error *err)
{
    static const char *const sql[AFT_KIND_COUNT] = {
        "DELETE FROM service WHERE id = ?1",
        "DELETE FROM client_credit WHERE client_id = ?1;"
        "DELETE FROM client_hours WHERE client_id = ?1;"
        "DELETE FROM client_holiday WHERE client_id = ?1;"
        "DELETE FROM subscription WHERE client_id = ?1;"
        "DELETE FROM client_contact WHERE client_id = ?1;"
        "DELETE FROM client WHERE id = ?1",
        "DELETE FROM impact WHERE incident_id = ?1;"
        "DELETE FROM incident_client WHERE incident_id = ?1;"
        "DELETE FROM incident_update WHERE incident_id = ?1;"
        "DELETE FROM incident_action WHERE incident_id = ?1;"
        "DELETE FROM incident WHERE id = ?1",
        "DELETE FROM maintenance_service WHERE maintenance_id = ?1;"
        "DELETE FROM maintenance_client WHERE maintenance_id = ?1;"
        "DELETE FROM maintenance WHERE id = ?1",
    };
    const char *tail = sql[kind];
    int rc = AFT_OK;

    s->deleted = 1;
    forget_known(s);
    /* Several statements: prepare and run each in turn. */
    while (rc == AFT_OK && tail != NULL && *tail != '\0') {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(s->db, tail, -1, &st, &tail) != SQLITE_OK)
            return db_error(err, s->db, "prepare");
        if (st == NULL)
            break;
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        rc = step_done(s, st, err);
        sqlite3_finalize(st);
    }
    return rc;
}

int
aft_store__check_refs(aft_store *s, aft_dangling_fn fn, void *payload,
                      aft_error *err)
{
    static const char sql[] =
        "SELECT loc, kind, id, owner_kind, owner_id FROM temp.pending_ref p"
        " WHERE"
        " (kind = 0 AND NOT EXISTS (SELECT 1 FROM service WHERE id = p.id))"
        " OR (kind = 1 AND NOT EXISTS (SELECT 1 FROM client WHERE id = p.id))"
        " ORDER BY rowid";
    sqlite3_stmt *st;
    int n = 0, rc;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_error(err, s->db, "prepare");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fn((const char *)sqlite3_column_text(st, 0),
           (aft_kind)sqlite3_column_int(st, 1),
           (const char *)sqlite3_column_text(st, 2),
           (aft_kind)sqlite3_column_int(st, 3),
           (const char *)sqlite3_column_text(st, 4), payload);
        n++;
    }
    if (rc != SQLITE_DONE)
        n = db_error(err, s->db, "check references");
    sqlite3_finalize(st);
    return n;
}

/* ------------------------------------------------------------------ */
/* Upserts                                                             */

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v == NULL)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void
bind_time(sqlite3_stmt *st, int i, int64_t t)
{
    if (t == AFT_TIME_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, t);
}

static void
bind_day(sqlite3_stmt *st, int i, int64_t day)
{
    char buf[AFT_INSTANT_BUFSZ];

    if (day == AFT_DATE_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, aft_date_format(buf, day), -1,
                          SQLITE_TRANSIENT);
}

static void
bind_real(sqlite3_stmt *st, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, v);
}

/* Run the delete statements [first, last] for a parent id. */
static int
delete_kids(aft_store *s, int first, int last, const char *id, aft_error *err)
{
    int q, rc;

    for (q = first; q <= last; q++) {
        sqlite3_stmt *st = stmt(s, q, err);
        if (st == NULL)
            return AFT_EDB;
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

typedef void (*bind_fn)(sqlite3_stmt *st, const void *r);

/* Write a parent row: insert it (ins) when its id is new, which leaves
 * no children to replace; else delete its children [first, last] and
 * update it in place (upd). Both statements take the same parameters. */
static int
put_parent(aft_store *s, int ins, int upd, int first, int last, const char *id,
           bind_fn bind, const void *r, aft_error *err)
{
    sqlite3_stmt *st = stmt(s, ins, err);
    int rc;

    if (st == NULL)
        return AFT_EDB;
    bind(st, r);
    if ((rc = step_done(s, st, err)) < 0 || sqlite3_changes(s->db) == 1)
        return rc;
    if ((rc = delete_kids(s, first, last, id, err)) < 0)
        return rc;
    if ((st = stmt(s, upd, err)) == NULL)
        return AFT_EDB;
    bind(st, r);
    return step_done(s, st, err);
}

/* Insert (parent, value) pairs through statement q for a string list. */
static int
put_list(aft_store *s, int q, const char *id, const char *const *v, size_t n,
         aft_error *err)
{
    size_t i;
    int rc;

    for (i = 0; i < n; i++) {
        sqlite3_stmt *st = stmt(s, q, err);
        if (st == NULL)
            return AFT_EDB;
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, v[i], -1, SQLITE_STATIC);
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

int
aft_store__put_service(aft_store *s, const aft_service *r, aft_error *err)
{
    sqlite3_stmt *st = stmt(s, Q_PUT_SERVICE, err);

    if (st == NULL)
        return AFT_EDB;
    bind_text(st, 1, r->id);
    bind_text(st, 2, r->name);
    return step_done(s, st, err);
}

/* The contacts of client r, after its old ones were deleted. */
static int
put_contacts(aft_store *s, const aft_client *r, aft_error *err)
{
    sqlite3_stmt *st;
    size_t i;
    int rc;

    for (i = 0; i < r->n_contacts; i++) {
        if ((st = stmt(s, Q_PUT_CONTACT, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->contacts[i].email);
        bind_text(st, 4, r->contacts[i].name);
        bind_text(st, 5, aft_role_str(r->contacts[i].role));
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

int
aft_store__put_client(aft_store *s, const aft_client *r, aft_error *err)
{
    sqlite3_stmt *st = stmt(s, Q_PUT_CLIENT, err);
    size_t i;
    int rc;

    if (st == NULL)
        return AFT_EDB;
    bind_text(st, 1, r->id);
    bind_text(st, 2, r->name);
    bind_text(st, 3, r->timezone);
    sqlite3_bind_double(st, 4, r->sla_target);
    sqlite3_bind_int(st, 5, r->notice_days);
    sqlite3_bind_double(st, 6, r->partial_weight);
    sqlite3_bind_double(st, 7, r->degraded_weight);
    sqlite3_bind_int(st, 8, r->update_interval_minutes);
    if ((rc = step_done(s, st, err)) < 0
        || (rc = delete_kids(s, Q_DEL_CLIENT_KIDS1, Q_DEL_CLIENT_KIDS5, r->id,
                             err))
               < 0)
        return rc;
    for (i = 0; i < r->n_credits; i++) {
        if ((st = stmt(s, Q_PUT_CREDIT, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        sqlite3_bind_double(st, 3, r->credits[i].below);
        sqlite3_bind_double(st, 4, r->credits[i].credit);
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    for (i = 0; i < r->n_service_hours; i++) {
        if ((st = stmt(s, Q_PUT_HOURS, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->service_hours[i]);
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    for (i = 0; i < r->n_holidays; i++) {
        if ((st = stmt(s, Q_PUT_HOLIDAY, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        bind_day(st, 2, r->holidays[i]);
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    for (i = 0; i < r->n_subs; i++) {
        if ((st = stmt(s, Q_PUT_SUB, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->subs[i].service_id);
        bind_real(st, 4, r->subs[i].sla_target);
        bind_day(st, 5, r->subs[i].from_day);
        bind_day(st, 6, r->subs[i].until_day);
        if ((rc = step_done(s, st, err)) < 0)
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
bind_incident(sqlite3_stmt *st, const void *rec)
{
    const aft_incident *r = rec;
    int64_t lo, hi;

    incident_span(r, &lo, &hi);
    bind_text(st, 1, r->id);
    bind_text(st, 2, r->title);
    bind_text(st, 3, aft_severity_str(r->severity));
    sqlite3_bind_int64(st, 4, r->started_at);
    bind_time(st, 5, r->detected_at);
    bind_time(st, 6, r->acknowledged_at);
    bind_time(st, 7, r->resolved_at);
    bind_text(st, 8, r->root_cause);
    bind_text(st, 9, r->resolution);
    sqlite3_bind_int64(st, 10, lo);
    bind_time(st, 11, hi);
}

int
aft_store__put_incident(aft_store *s, const aft_incident *r, aft_error *err)
{
    sqlite3_stmt *st;
    size_t i;
    int rc;

    if ((rc = put_parent(s, Q_PUT_INCIDENT, Q_UPD_INCIDENT, Q_DEL_INC_KIDS1,
                         Q_DEL_INC_KIDS4, r->id, bind_incident, r, err))
        < 0)
        return rc;
    for (i = 0; i < r->n_impacts; i++) {
        if ((st = stmt(s, Q_PUT_IMPACT, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->impacts[i].service_id);
        bind_text(st, 4, aft_level_str(r->impacts[i].level));
        bind_time(st, 5, r->impacts[i].start);
        bind_time(st, 6, r->impacts[i].end);
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    if ((rc = put_list(s, Q_PUT_INC_CLIENT, r->id, r->clients, r->n_clients,
                       err))
        < 0)
        return rc;
    for (i = 0; i < r->n_updates; i++) {
        if ((st = stmt(s, Q_PUT_UPDATE, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        sqlite3_bind_int64(st, 3, r->updates[i].at);
        bind_text(st, 4, r->updates[i].status);
        bind_text(st, 5, r->updates[i].body ? r->updates[i].body : "");
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    for (i = 0; i < r->n_actions; i++) {
        if ((st = stmt(s, Q_PUT_ACTION, err)) == NULL)
            return AFT_EDB;
        bind_text(st, 1, r->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, r->actions[i].action);
        bind_text(st, 4, r->actions[i].owner);
        bind_day(st, 5, r->actions[i].due_day);
        bind_text(st, 6, r->actions[i].status);
        if ((rc = step_done(s, st, err)) < 0)
            return rc;
    }
    return AFT_OK;
}

static void
bind_maintenance(sqlite3_stmt *st, const void *rec)
{
    const aft_maintenance *r = rec;
    aft_interval reach = aft_record__maintenance_reach(r);

    bind_text(st, 1, r->id);
    bind_text(st, 2, r->title);
    sqlite3_bind_int64(st, 3, r->scheduled_start);
    sqlite3_bind_int64(st, 4, r->scheduled_end);
    bind_time(st, 5, r->actual_start);
    bind_time(st, 6, r->actual_end);
    bind_time(st, 7, r->notified_at);
    bind_text(st, 8, aft_level_str(r->impact));
    bind_text(st, 9, aft_mstatus_str(r->status));
    bind_text(st, 10, r->summary);
    bind_text(st, 11, r->issues);
    sqlite3_bind_int64(st, 12, reach.start);
    sqlite3_bind_int64(st, 13, reach.end);
}

int
aft_store__put_maintenance(aft_store *s, const aft_maintenance *r,
                           aft_error *err)
{
    int rc;

    if ((rc = put_parent(s, Q_PUT_MAINT, Q_UPD_MAINT, Q_DEL_MAINT_KIDS1,
                         Q_DEL_MAINT_KIDS2, r->id, bind_maintenance, r, err))
            < 0
        || (rc = put_list(s, Q_PUT_MAINT_SERVICE, r->id, r->services,
                          r->n_services, err))
               < 0)
        return rc;
    return put_list(s, Q_PUT_MAINT_CLIENT, r->id, r->clients, r->n_clients,
                    err);
}

/* ------------------------------------------------------------------ */
/* Reading records                                                     */

/* A bound value of a load query: text when s is set, else integer. */
typedef struct bindv {
    const char *s;
    int64_t i;
} bindv;

typedef struct query {
    aft_store *s;
    aft_arena *arena;
    const char *cond; /* WHERE condition on the parent table */
    const bindv *binds;
    int n_binds;
} query;

static sqlite3_stmt *
prepare_q(const query *q, const char *fmt, aft_error *err)
{
    sqlite3_stmt *st = NULL;
    char *sql = sqlite3_mprintf(fmt, q->cond);
    int i;

    if (sql == NULL) {
        aft_error_set(err, AFT_ENOMEM, "out of memory");
        return NULL;
    }
    if (sqlite3_prepare_v2(q->s->db, sql, -1, &st, NULL) != SQLITE_OK)
        db_error(err, q->s->db, "prepare");
    sqlite3_free(sql);
    for (i = 0; st != NULL && i < q->n_binds; i++) {
        if (q->binds[i].s != NULL)
            sqlite3_bind_text(st, i + 1, q->binds[i].s, -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, i + 1, q->binds[i].i);
    }
    return st;
}

/* Set when a text column could not be copied (out of memory), which
 * col_text() cannot tell apart from a NULL column by its result. */
static _Thread_local int col_failed;

static const char *
col_text(aft_arena *a, sqlite3_stmt *st, int i)
{
    const char *s;

    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    if ((s = aft_arena_strdup(a, (const char *)sqlite3_column_text(st, i)))
        == NULL)
        col_failed = 1;
    return s;
}

static int64_t
col_time(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL
               ? AFT_TIME_NONE
               : sqlite3_column_int64(st, i);
}

static int64_t
col_day(sqlite3_stmt *st, int i)
{
    int64_t d;

    if (sqlite3_column_type(st, i) == SQLITE_NULL
        || aft_date_parse(&d, (const char *)sqlite3_column_text(st, i), NULL)
               < 0)
        return AFT_DATE_NONE;
    return d;
}

/* Growable array in the arena: children of one parent are collected in
 * a heap buffer, then copied to the arena once the parent is complete. */
typedef struct vec {
    unsigned char *v;
    size_t n, cap, size;
} vec;

static void *
vec_push(vec *x)
{
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 16;
        unsigned char *v = realloc(x->v, cap * x->size);
        if (v == NULL)
            return NULL;
        x->v = v;
        x->cap = cap;
    }
    memset(x->v + x->n * x->size, 0, x->size);
    return x->v + x->n++ * x->size;
}

static void *
vec_to_arena(vec *x, aft_arena *a)
{
    void *p;

    if (x->n == 0)
        return NULL;
    if ((p = aft_arena_alloc(a, x->n * x->size)) != NULL)
        memcpy(p, x->v, x->n * x->size);
    return p;
}

/*
 * Child rows: run child query fmt (column 0 = parent id, ordered by it)
 * and call put() for each row with the index of its parent in ids[].
 * Parents with no child get nothing.
 */
typedef int (*child_fn)(void *parents, size_t idx, sqlite3_stmt *st,
                        aft_arena *a);

static int
load_children(const query *q, const char *fmt, const char *const *ids,
              size_t n_ids, void *parents, child_fn put, aft_error *err)
{
    sqlite3_stmt *st = prepare_q(q, fmt, err);
    size_t p = 0;
    int rc;

    if (st == NULL)
        return err ? err->code : AFT_EDB;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *pid = (const char *)sqlite3_column_text(st, 0);
        if (pid == NULL || col_failed) { /* out of memory */
            sqlite3_finalize(st);
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        }
        while (p < n_ids && strcmp(ids[p], pid) < 0)
            p++;
        if (p == n_ids || strcmp(ids[p], pid) != 0)
            continue;
        if (put(parents, p, st, q->arena) < 0) {
            sqlite3_finalize(st);
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(err, q->s->db, "read");
    return AFT_OK;
}

/* Append an element of size sz to the arena array *arr of *n elements.
 * Arrays grow by doubling inside the arena (old copies are wasted, which
 * is fine for the short lists records have). */
static void *
arena_append(aft_arena *a, void **arr, size_t *n, size_t sz)
{
    void *p;

    /* Capacity is the next power of two: grow when n is 0 or one. */
    if ((*n & (*n - 1)) == 0) {
        size_t cap = *n ? *n * 2 : 1;
        if ((p = aft_arena_alloc(a, cap * sz)) == NULL)
            return NULL;
        if (*n > 0)
            memcpy(p, *arr, *n * sz);
        *arr = p;
    }
    return (unsigned char *)*arr + (*n)++ * sz;
}
#define APPEND(a, arr, n) \
    arena_append((a), (void **)&(arr), &(n), sizeof *(arr))

/* ---- children of each kind ---- */

static int
kid_credit(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    aft_credit_tier *t = APPEND(a, c->credits, c->n_credits);

    if (t == NULL)
        return -1;
    t->below = sqlite3_column_double(st, 1);
    t->credit = sqlite3_column_double(st, 2);
    return 0;
}

static int
kid_hours(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    const char **h = APPEND(a, c->service_hours, c->n_service_hours);

    return h == NULL || (*h = col_text(a, st, 1)) == NULL ? -1 : 0;
}

static int
kid_holiday(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    int64_t *d = APPEND(a, c->holidays, c->n_holidays);

    if (d == NULL)
        return -1;
    *d = col_day(st, 1);
    return 0;
}

static int
kid_sub(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    aft_subscription *s = APPEND(a, c->subs, c->n_subs);

    if (s == NULL || (s->service_id = col_text(a, st, 1)) == NULL)
        return -1;
    s->sla_target = sqlite3_column_type(st, 2) == SQLITE_NULL
                        ? NAN
                        : sqlite3_column_double(st, 2);
    s->from_day = col_day(st, 3);
    s->until_day = col_day(st, 4);
    return 0;
}

static int
kid_contact(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    aft_contact *k = APPEND(a, c->contacts, c->n_contacts);

    if (k == NULL || (k->email = col_text(a, st, 1)) == NULL)
        return -1;
    k->name = col_text(a, st, 2);
    k->role = AFT_ROLE_TO;
    aft_role_parse(&k->role, (const char *)sqlite3_column_text(st, 3));
    return 0;
}

static int
kid_impact(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_incident *r = (aft_incident *)parents + i;
    aft_impact *m = APPEND(a, r->impacts, r->n_impacts);

    if (m == NULL || (m->service_id = col_text(a, st, 1)) == NULL)
        return -1;
    aft_level_parse(&m->level, (const char *)sqlite3_column_text(st, 2), 1);
    m->start = col_time(st, 3);
    m->end = col_time(st, 4);
    return 0;
}

static int
kid_inc_client(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_incident *r = (aft_incident *)parents + i;
    const char **c = APPEND(a, r->clients, r->n_clients);

    return c == NULL || (*c = col_text(a, st, 1)) == NULL ? -1 : 0;
}

static int
kid_update(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_incident *r = (aft_incident *)parents + i;
    aft_update *u = APPEND(a, r->updates, r->n_updates);

    if (u == NULL)
        return -1;
    u->at = sqlite3_column_int64(st, 1);
    u->status = aft_update_status_canon((const char *)sqlite3_column_text(st,
                                                                          2));
    u->body = col_text(a, st, 3);
    return u->body == NULL ? -1 : 0;
}

static int
kid_action(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_incident *r = (aft_incident *)parents + i;
    aft_action *x = APPEND(a, r->actions, r->n_actions);

    if (x == NULL || (x->action = col_text(a, st, 1)) == NULL)
        return -1;
    x->owner = col_text(a, st, 2);
    x->due_day = col_day(st, 3);
    x->status = col_text(a, st, 4);
    return 0;
}

static int
kid_mservice(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_maintenance *r = (aft_maintenance *)parents + i;
    const char **c = APPEND(a, r->services, r->n_services);

    return c == NULL || (*c = col_text(a, st, 1)) == NULL ? -1 : 0;
}

static int
kid_mclient(void *parents, size_t i, sqlite3_stmt *st, aft_arena *a)
{
    aft_maintenance *r = (aft_maintenance *)parents + i;
    const char **c = APPEND(a, r->clients, r->n_clients);

    return c == NULL || (*c = col_text(a, st, 1)) == NULL ? -1 : 0;
}

/* ---- parent rows of each kind ---- */

static void
row_service(void *rec, sqlite3_stmt *st, aft_arena *a)
{
    aft_service *r = rec;

    r->id = col_text(a, st, 0);
    r->name = col_text(a, st, 1);
}

static void
row_client(void *rec, sqlite3_stmt *st, aft_arena *a)
{
    aft_client *c = rec;

    aft_client_defaults(c);
    c->id = col_text(a, st, 0);
    c->name = col_text(a, st, 1);
    c->timezone = col_text(a, st, 2);
    c->sla_target = sqlite3_column_double(st, 3);
    c->notice_days = sqlite3_column_int(st, 4);
    c->partial_weight = sqlite3_column_double(st, 5);
    c->degraded_weight = sqlite3_column_double(st, 6);
    c->update_interval_minutes = sqlite3_column_int(st, 7);
}

static void
row_incident(void *rec, sqlite3_stmt *st, aft_arena *a)
{
    aft_incident *r = rec;

    r->id = col_text(a, st, 0);
    r->title = col_text(a, st, 1);
    aft_severity_parse(&r->severity, (const char *)sqlite3_column_text(st, 2));
    r->started_at = sqlite3_column_int64(st, 3);
    r->detected_at = col_time(st, 4);
    r->acknowledged_at = col_time(st, 5);
    r->resolved_at = col_time(st, 6);
    r->root_cause = col_text(a, st, 7);
    r->resolution = col_text(a, st, 8);
}

static void
row_maintenance(void *rec, sqlite3_stmt *st, aft_arena *a)
{
    aft_maintenance *r = rec;

    r->id = col_text(a, st, 0);
    r->title = col_text(a, st, 1);
    r->scheduled_start = sqlite3_column_int64(st, 2);
    r->scheduled_end = sqlite3_column_int64(st, 3);
    r->actual_start = col_time(st, 4);
    r->actual_end = col_time(st, 5);
    r->notified_at = col_time(st, 6);
    aft_level_parse(&r->impact, (const char *)sqlite3_column_text(st, 7), 1);
    aft_mstatus_parse(&r->status, (const char *)sqlite3_column_text(st, 8));
    r->summary = col_text(a, st, 9);
    r->issues = col_text(a, st, 10);
}

/* How to read one kind: the parent query (with %s for the condition on
 * the parent table), the size of its record, and its child queries
 * (column 0 the parent id, ordered by it). Every record struct starts
 * with its `const char *id`. */
typedef struct child_spec {
    const char *sql;
    child_fn put;
} child_spec;

typedef struct kind_spec {
    const char *sql;
    size_t size;
    void (*row)(void *rec, sqlite3_stmt *st, aft_arena *a);
    child_spec kids[5];
} kind_spec;

#define KIDS_OF(table, parent) \
    " FROM " table " WHERE " parent "_id IN (SELECT id FROM " parent \
    " WHERE %s) ORDER BY " parent "_id"

static const kind_spec KINDS[AFT_KIND_COUNT] = {
    [AFT_KIND_SERVICE] = {"SELECT id, name FROM service WHERE %s ORDER BY +id",
                          sizeof(aft_service),
                          row_service,
                          {{NULL, NULL}}},
    [AFT_KIND_CLIENT] =
        {"SELECT id, name, timezone, sla_target, notice_days, partial_weight,"
         " degraded_weight, update_interval_minutes FROM client WHERE %s"
         " ORDER BY +id",
         sizeof(aft_client),
         row_client,
         {{"SELECT client_id, below, credit" KIDS_OF("client_credit",
                                                     "client") ", pos",
           kid_credit},
          {"SELECT client_id, spec" KIDS_OF("client_hours", "client") ", pos",
           kid_hours},
          {"SELECT client_id, day" KIDS_OF("client_holiday", "client") ", day",
           kid_holiday},
          {"SELECT client_id, service_id, sla_target, from_day, "
           "until_day" KIDS_OF("subscription", "client") ", pos",
           kid_sub},
          {"SELECT client_id, email, name, role" KIDS_OF("client_contact",
                                                         "client") ", pos",
           kid_contact}}},
    [AFT_KIND_INCIDENT] =
        {"SELECT id, title, severity, started_at, detected_at,"
         " acknowledged_at, resolved_at, root_cause, resolution FROM incident"
         " WHERE %s ORDER BY +id",
         sizeof(aft_incident),
         row_incident,
         {{"SELECT incident_id, service_id, level, start_at, end_at" KIDS_OF(
               "impact", "incident") ", pos",
           kid_impact},
          {"SELECT incident_id, client_id" KIDS_OF("incident_client",
                                                   "incident") ", client_id",
           kid_inc_client},
          {"SELECT incident_id, at, status, body" KIDS_OF("incident_update",
                                                          "incident") ", pos",
           kid_update},
          {"SELECT incident_id, action, owner, due, status" KIDS_OF(
               "incident_action", "incident") ", pos",
           kid_action}}},
    [AFT_KIND_MAINTENANCE] =
        {"SELECT id, title, scheduled_start, scheduled_end, actual_start,"
         " actual_end, notified_at, impact, status, summary, issues FROM"
         " maintenance WHERE %s ORDER BY +id",
         sizeof(aft_maintenance),
         row_maintenance,
         {{"SELECT maintenance_id, service_id" KIDS_OF(
               "maintenance_service", "maintenance") ", service_id",
           kid_mservice},
          {"SELECT maintenance_id, client_id" KIDS_OF(
               "maintenance_client", "maintenance") ", client_id",
           kid_mclient}}},
};

_Static_assert(offsetof(aft_service, id) == 0, "id first");
_Static_assert(offsetof(aft_client, id) == 0, "id first");
_Static_assert(offsetof(aft_incident, id) == 0, "id first");
_Static_assert(offsetof(aft_maintenance, id) == 0, "id first");

/* Records of one kind matching q->cond, sorted by id, with their
 * children, into *out (arena memory) and *n_out. */
static int
load_kind(const query *q, aft_kind kind, void **out, size_t *n_out,
          aft_error *err)
{
    const kind_spec *k = &KINDS[kind];
    sqlite3_stmt *st = prepare_q(q, k->sql, err);
    vec v = {NULL, 0, 0, k->size};
    const char **ids = NULL;
    unsigned char *recs;
    size_t i;
    int rc;

    *out = NULL;
    *n_out = 0;
    if (st == NULL)
        return AFT_EDB;
    col_failed = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && !col_failed) {
        void *r = vec_push(&v);
        if (r == NULL)
            break;
        k->row(r, st, q->arena);
    }
    sqlite3_finalize(st);
    if (col_failed) {
        free(v.v);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        free(v.v);
        return db_error(err, q->s->db, "read");
    }
    recs = vec_to_arena(&v, q->arena);
    free(v.v);
    if (rc == SQLITE_ROW || (v.n > 0 && recs == NULL)
        || (ids = malloc((v.n + 1) * sizeof *ids)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < v.n; i++)
        ids[i] = *(const char *const *)(recs + i * k->size);
    rc = AFT_OK;
    /* No parents, no children: skip their queries. */
    for (i = 0; v.n > 0 && i < sizeof k->kids / sizeof k->kids[0]
                && k->kids[i].sql != NULL && rc == AFT_OK;
         i++)
        rc = load_children(q, k->kids[i].sql, ids, v.n, recs, k->kids[i].put,
                           err);
    free(ids);
    if (rc == AFT_OK && col_failed)
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (rc == AFT_OK) {
        *out = recs;
        *n_out = v.n;
    }
    return rc;
}

/* ---- public loaders ---- */

static int64_t
longest_span(aft_store *s, const char *table)
{
    char *sql = sqlite3_mprintf("SELECT coalesce(max(span_end - span_start),"
                                " 0) FROM %w",
                                table);
    sqlite3_stmt *st = NULL;
    int64_t v = INT64_MAX / 4;

    if (sql != NULL
        && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_free(sql);
    return v;
}

/* Records touching [lo, hi): span_start < hi and (span_end >= lo or
 * open). The lower bound on span_start lets the index skip the history
 * before the window: nothing longer than the longest span can reach it. */
static const char TOUCHING[] =
    "(span_start < ?2 AND span_start >= ?1 - ?3 AND span_end >= ?1)"
    " OR (span_end IS NULL AND span_start < ?2)";

int
aft_store_load(aft_dataset *out, aft_store *store, const char *client_id,
               int64_t lo, int64_t hi, aft_error *err)
{
    aft_arena *arena = calloc(1, sizeof *arena);
    bindv all[1] = {{NULL, 0}}, one[1] = {{client_id, 0}};
    bindv inc[3] = {{NULL, lo}, {NULL, hi}, {NULL, 0}};
    bindv mnt[3] = {{NULL, lo}, {NULL, hi}, {NULL, 0}};
    query q = {store, arena, "1", all, 0};
    int rc;

    memset(out, 0, sizeof *out);
    if (arena == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    out->priv = arena;
    inc[2].i = longest_span(store, "incident");
    mnt[2].i = longest_span(store, "maintenance");
    if (client_id != NULL) {
        q.cond = "id = ?1";
        q.binds = one;
        q.n_binds = 1;
    }
    /* A read transaction, unless an import's is open already. */
    if (!store->in_txn && (rc = exec(store, "BEGIN", err)) < 0)
        goto done;
    if ((rc = load_kind(&q, AFT_KIND_CLIENT, (void **)&out->clients,
                        &out->n_clients, err))
        < 0)
        goto done;
    if (client_id != NULL && out->n_clients == 0) {
        rc = aft_error_set(err, AFT_ENOTFOUND, "no client '%s'", client_id);
        goto done;
    }
    q.cond = "1";
    q.n_binds = 0;
    if ((rc = load_kind(&q, AFT_KIND_SERVICE, (void **)&out->services,
                        &out->n_services, err))
        < 0)
        goto done;
    q.cond = TOUCHING;
    q.binds = inc;
    q.n_binds = 3;
    if ((rc = load_kind(&q, AFT_KIND_INCIDENT, (void **)&out->incidents,
                        &out->n_incidents, err))
        < 0)
        goto done;
    q.cond = "(span_start < ?2 AND span_start >= ?1 - ?3 AND span_end >= ?1)";
    q.binds = mnt;
    rc = load_kind(&q, AFT_KIND_MAINTENANCE, (void **)&out->maintenances,
                   &out->n_maintenances, err);
done:
    if (!store->in_txn)
        exec(store, "COMMIT", NULL);
    if (rc < 0)
        aft_dataset_free(out);
    return rc;
}

void
aft_dataset_free(aft_dataset *ds)
{
    if (ds == NULL || ds->priv == NULL)
        return;
    aft_arena_free(ds->priv);
    free(ds->priv);
    memset(ds, 0, sizeof *ds);
}

/* ---- streaming every record of a kind ---- */

#define BATCH 512

static int
each_batch(aft_store *store, aft_kind kind, const bindv b[2], aft_record_fn fn,
           void *payload, aft_error *err)
{
    aft_arena arena = AFT_ARENA_INIT;
    query q = {store, &arena, "id BETWEEN ?1 AND ?2", b, 2};
    size_t n = 0, i;
    void *recs = NULL;
    int rc = load_kind(&q, kind, &recs, &n, err);

    for (i = 0; rc == AFT_OK && i < n; i++)
        if (fn(kind, (const unsigned char *)recs + i * KINDS[kind].size,
               payload)
            != 0)
            rc = aft_error_set(err, AFT_ERROR, "stopped");
    aft_arena_free(&arena);
    return rc;
}

static const char *const TABLES[AFT_KIND_COUNT] = {"service", "client",
                                                   "incident", "maintenance"};

int
aft_store_each(aft_store *store, aft_kind kind, aft_record_fn fn, void *payload,
               aft_error *err)
{
    char *sql = sqlite3_mprintf("SELECT id FROM %w WHERE id > ?1 ORDER BY id"
                                " LIMIT %d",
                                TABLES[kind], BATCH);
    char *first = NULL, *last = strdup("");
    sqlite3_stmt *st = NULL;
    int rc = AFT_OK;

    if (sql == NULL || last == NULL) {
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
        goto done;
    }
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = db_error(err, store->db, "prepare");
        goto done;
    }
    if ((rc = exec(store, "BEGIN", err)) < 0)
        goto done;
    for (;;) {
        bindv b[2];
        int r;

        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, last, -1, SQLITE_STATIC);
        free(first);
        first = NULL;
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            char *id = strdup((const char *)sqlite3_column_text(st, 0));
            if (id == NULL) {
                r = SQLITE_NOMEM;
                break;
            }
            if (first == NULL)
                first = id;
            else {
                free(last);
                last = id;
            }
        }
        if (r != SQLITE_DONE) {
            rc = db_error(err, store->db, "read");
            break;
        }
        if (first == NULL)
            break;
        if (strcmp(last, first) < 0 || last[0] == '\0') {
            free(last); /* a batch of one */
            last = strdup(first);
        }
        b[0] = (bindv){first, 0};
        b[1] = (bindv){last, 0};
        if ((rc = each_batch(store, kind, b, fn, payload, err)) < 0)
            break;
    }
    exec(store, "COMMIT", NULL);
done:
    sqlite3_finalize(st);
    sqlite3_free(sql);
    free(first);
    free(last);
    return rc;
}

int
aft_store_span(aft_store *store, aft_kind kind, const char *id, int64_t *lo,
               int64_t *hi, aft_error *err)
{
    char *sql;
    sqlite3_stmt *st = NULL;
    int rc;

    if (kind != AFT_KIND_INCIDENT && kind != AFT_KIND_MAINTENANCE)
        return aft_error_set(err, AFT_EINVALID, "no span for a %s",
                             aft_kind_str(kind));
    sql = sqlite3_mprintf("SELECT span_start, span_end FROM %w WHERE id = ?1",
                          TABLES[kind]);
    if (sql == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = db_error(err, store->db, "prepare");
    } else {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *lo = sqlite3_column_int64(st, 0);
            *hi = col_time(st, 1);
            rc = AFT_OK;
        } else if (rc == SQLITE_DONE) {
            rc = aft_error_set(err, AFT_ENOTFOUND, "no %s '%s'",
                               aft_kind_str(kind), id);
        } else {
            rc = db_error(err, store->db, "read");
        }
    }
    sqlite3_finalize(st);
    sqlite3_free(sql);
    return rc;
}
