/*
 * db_sqlite.c - the SQLite driver: one file, in WAL mode, so readers do
 * not wait for the one writer. An import's connection leaves foreign keys
 * off (the importers check references themselves) and checks them with
 * check_keys when it took records out again.
 */
#define _POSIX_C_SOURCE 200809L
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/error.h"
#include "store/db.h"

typedef struct lite {
    db base;
    sqlite3 *h;
    int64_t wait_start_ms; /* monotonic milliseconds, the busy wait began */
} lite;

typedef struct lite_stmt {
    db_stmt base;
    sqlite3_stmt *st;
} lite_stmt;

#define H(d) (((lite *)(d))->h)
#define ST(s) (((lite_stmt *)(s))->st)

static int
lite_error(aft_error *err, db *d, const char *what)
{
    int rc = aft_error_set(err, AFT_EDB, "%s: %s", what, sqlite3_errmsg(H(d)));
    if (err != NULL)
        err->detail = sqlite3_extended_errcode(H(d));
    return rc;
}

/* "cannot open database 'PATH': " and SQLite's latest error. */
static int
open_error(lite *l, aft_error *err)
{
    int rc = aft_error_set(err, AFT_EDB, "cannot open database '%s': %s",
                           l->base.name, sqlite3_errmsg(l->h));
    if (err != NULL)
        err->detail = sqlite3_extended_errcode(l->h);
    return rc;
}

static int
open_exec(lite *l, const char *sql, aft_error *err)
{
    if (sqlite3_exec(l->h, sql, NULL, NULL, NULL) != SQLITE_OK)
        return open_error(l, err);
    return AFT_OK;
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */

static void
lite_close(db *d)
{
    sqlite3_close(H(d));
    free(d);
}

static int
lite_exec(db *d, const char *sql, aft_error *err)
{
    char *msg = NULL;

    if (sqlite3_exec(H(d), sql, NULL, NULL, &msg) != SQLITE_OK) {
        aft_error_set(err, AFT_EDB, "database: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return AFT_EDB;
    }
    return AFT_OK;
}

/* Schema scripts run while opening: a failure names the file. */
static int
lite_exec_ddl(db *d, const char *sql, aft_error *err)
{
    return open_exec((lite *)d, sql, err);
}

static db_stmt *
lite_prepare(db *d, const char *sql, int flags, aft_error *err)
{
    lite_stmt *s = calloc(1, sizeof *s);

    if (s == NULL) {
        aft_error_set(err, AFT_ENOMEM, "out of memory");
        return NULL;
    }
    s->base.d = d;
    if (sqlite3_prepare_v3(H(d), sql, -1,
                           (flags & DB_KEEP) ? SQLITE_PREPARE_PERSISTENT : 0,
                           &s->st, NULL)
        != SQLITE_OK) {
        lite_error(err, d, "prepare");
        sqlite3_finalize(s->st);
        free(s);
        return NULL;
    }
    return &s->base;
}

static void
lite_bind_null(db_stmt *s, int i)
{
    sqlite3_bind_null(ST(s), i);
}

static void
lite_bind_int64(db_stmt *s, int i, int64_t v)
{
    sqlite3_bind_int64(ST(s), i, v);
}

static void
lite_bind_double(db_stmt *s, int i, double v)
{
    sqlite3_bind_double(ST(s), i, v);
}

static void
lite_bind_text(db_stmt *s, int i, const char *v, int copy)
{
    sqlite3_bind_text(ST(s), i, v, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static int
lite_step(db_stmt *s, aft_error *err)
{
    int rc = sqlite3_step(ST(s));

    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return lite_error(err, s->d, rc == SQLITE_NOMEM ? "memory" : "step");
}

static void
lite_reset(db_stmt *s)
{
    sqlite3_reset(ST(s));
    sqlite3_clear_bindings(ST(s));
}

static void
lite_finalize(db_stmt *s)
{
    sqlite3_finalize(ST(s));
    free(s);
}

static int
lite_col_null(db_stmt *s, int i)
{
    return sqlite3_column_type(ST(s), i) == SQLITE_NULL;
}

static int64_t
lite_col_int64(db_stmt *s, int i)
{
    return sqlite3_column_int64(ST(s), i);
}

static double
lite_col_double(db_stmt *s, int i)
{
    return sqlite3_column_double(ST(s), i);
}

static const char *
lite_col_text(db_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(ST(s), i);
}

static int64_t
lite_changes(db *d)
{
    return sqlite3_changes(H(d));
}

/* ------------------------------------------------------------------ */
/* Versions and transactions                                           */

/* PRAGMA user_version into *v; returns the SQLite status. */
static int
read_version(lite *l, int *v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(l->h, "PRAGMA user_version", -1, &st, NULL);

    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *v = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static int
lite_version(db *d, int *v, aft_error *err)
{
    return read_version((lite *)d, v) == SQLITE_OK ? AFT_OK
                                                   : open_error((lite *)d, err);
}

static int
lite_set_version(db *d, int v, aft_error *err)
{
    char sql[64];

    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
    return open_exec((lite *)d, sql, err);
}

static int
lite_begin_write(db *d, aft_error *err)
{
    int rc = lite_exec(d, "BEGIN IMMEDIATE", err);

    if (rc < 0 && sqlite3_errcode(H(d)) == SQLITE_BUSY)
        rc = aft_error_set(err, AFT_EDB,
                           "database: another import still holds it after "
                           "%d minutes",
                           DB_WAIT_MAX_MS / 60000);
    return rc;
}

static int
lite_begin_read(db *d, aft_error *err)
{
    return lite_exec(d, "BEGIN", err);
}

static int
lite_commit(db *d, aft_error *err)
{
    return lite_exec(d, "COMMIT", err);
}

static void
lite_rollback(db *d)
{
    if (!sqlite3_get_autocommit(H(d)))
        sqlite3_exec(H(d), "ROLLBACK", NULL, NULL, NULL);
}

static int
lite_check_keys(db *d, const char *orphans, aft_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc;

    (void)orphans;
    if (sqlite3_prepare_v2(H(d), "PRAGMA foreign_key_check", -1, &st, NULL)
        != SQLITE_OK)
        return lite_error(err, d, "prepare");
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return aft_error_set(err, AFT_EDB,
                             "database: FOREIGN KEY constraint failed");
    return rc == SQLITE_DONE ? AFT_OK : lite_error(err, d, "check keys");
}

static int
lite_ready(db *d, aft_error *err)
{
    if (d->readonly == 2)
        return AFT_OK;
    if (d->readonly)
        return open_exec((lite *)d, "PRAGMA query_only = ON", err);
    return open_exec((lite *)d,
                     "PRAGMA foreign_keys = OFF;"
                     "CREATE TEMP TABLE IF NOT EXISTS seen(kind INTEGER,"
                     " id TEXT, loc TEXT, PRIMARY KEY(kind, id))"
                     " WITHOUT ROWID;"
                     "CREATE TEMP TABLE IF NOT EXISTS pending_ref("
                     "seq INTEGER, kind INTEGER, id TEXT, loc TEXT,"
                     " owner_kind INTEGER, owner_id TEXT);",
                     err);
}

static const db_ops LITE_OPS = {
    lite_close,     lite_exec,        lite_exec_ddl,    lite_prepare,
    lite_bind_null, lite_bind_int64,  lite_bind_double, lite_bind_text,
    lite_step,      lite_reset,       lite_finalize,    lite_col_null,
    lite_col_int64, lite_col_double,  lite_col_text,    lite_changes,
    lite_version,   lite_set_version, lite_begin_write, lite_begin_read,
    lite_commit,    lite_rollback,    lite_check_keys,  lite_ready,
};

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* The busy handler: SQLite calls it with n = 0, 1, 2... while another
 * connection holds the lock it needs. Sleeps a little and returns 1 to
 * try again, or 0 to give up (SQLITE_BUSY). */
static int
on_busy(void *payload, int n)
{
    lite *l = payload;

    if (n == 0)
        l->wait_start_ms = db_now_ms();
    if (!db_keep_waiting(&l->base, db_now_ms() - l->wait_start_ms))
        return 0;
    db_wait_sleep(n);
    return 1;
}

/* PRAGMA journal_mode = WAL. On a new file this takes an exclusive lock
 * from a shared one, so two first opens can deadlock, and SQLite then
 * fails one at once without calling the busy handler: wait and try again
 * until the other has switched the file (the pragma then only reads). */
static int
set_wal(lite *l, aft_error *err)
{
    int64_t start = db_now_ms();
    int n, rc;

    for (n = 0;; n++) {
        rc = sqlite3_exec(l->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if (rc != SQLITE_BUSY
            || !db_keep_waiting(&l->base, db_now_ms() - start))
            break;
        db_wait_sleep(n);
    }
    return rc == SQLITE_OK ? AFT_OK : open_error(l, err);
}

static const char SQL_TUNE[] =
    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
    " PRAGMA temp_store = FILE; PRAGMA cache_size = -32768;";

/* Open for import: created if allowed, in WAL mode. The importers check
 * every reference themselves (the children of a record are written with
 * it; services and clients are looked up or deferred): no lookup per
 * child row, so foreign keys go off once the schema is migrated
 * (lite_ready). */
static int
open_writer(lite *l, int flags, aft_error *err)
{
    int rc, how = SQLITE_OPEN_READWRITE;

    if (flags & DB_CREATE)
        how |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(l->base.name, &l->h, how, NULL) != SQLITE_OK)
        return open_error(l, err);
    sqlite3_busy_handler(l->h, on_busy, l);
    if ((rc = set_wal(l, err)) < 0)
        return rc;
    return open_exec(l, SQL_TUNE, err);
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
open_uri(lite *l, const char *path, const char *query)
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
    sqlite3_close(l->h);
    rc = sqlite3_open_v2(z, &l->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                         NULL);
    sqlite3_free(z);
    return rc;
}

/* Open a file this process cannot write (a read-only copy, directory or
 * mount). WAL needs the -shm file, which may exist already; if it can be
 * neither opened nor created, and no -wal holds changes, the file alone
 * is the whole database and is read as immutable, without locks. */
static int
open_frozen(lite *l, aft_error *err)
{
    const char *path = l->base.name;
    int v = 0, rc = open_uri(l, path, "mode=ro");

    if (rc == SQLITE_OK)
        rc = read_version(l, &v);
    if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) {
        if (has_wal(path))
            return aft_error_set(err, AFT_EDB,
                                 "cannot open database '%s': it is read-only "
                                 "and its write-ahead log '%s-wal' holds "
                                 "changes",
                                 path, path);
        rc = open_uri(l, path, "immutable=1");
    }
    if (rc != SQLITE_OK)
        return open_error(l, err);
    return AFT_OK;
}

/* Open for reading only. Where the file may be written, an ordinary
 * connection, which may migrate an old schema and, closing last, folds
 * the WAL back as before (db_sqlite_ready then makes it refuse writes);
 * elsewhere a read-only one, which leaves no file behind and whose
 * schema cannot be migrated (l->base.readonly stays 2). */
static int
open_reader(lite *l, aft_error *err)
{
    int rc;

    if (can_write(l->base.name)) {
        if (sqlite3_open_v2(l->base.name, &l->h, SQLITE_OPEN_READWRITE, NULL)
            != SQLITE_OK)
            return open_error(l, err);
        sqlite3_busy_handler(l->h, on_busy, l);
        return open_exec(l, SQL_TUNE, err);
    }
    l->base.readonly = 2;
    if ((rc = open_frozen(l, err)) < 0)
        return rc;
    sqlite3_busy_handler(l->h, on_busy, l);
    return open_exec(l, SQL_TUNE, err);
}

int
db_sqlite_open(db **out, const char *path, int flags, aft_warn_fn notice,
               void *payload, aft_error *err)
{
    lite *l = calloc(1, sizeof *l);
    int rc;

    *out = NULL;
    if (l == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    l->base.ops = &LITE_OPS;
    l->base.name = path;
    l->base.notice = notice;
    l->base.notice_payload = payload;
    l->base.readonly = (flags & DB_READONLY) ? 1 : 0;
    rc = l->base.readonly ? open_reader(l, err) : open_writer(l, flags, err);
    if (rc < 0) {
        lite_close(&l->base);
        return rc;
    }
    *out = &l->base;
    return AFT_OK;
}
