/*
 * db.h - the store's two database drivers, SQLite (db_sqlite.c) and
 * PostgreSQL through libpq (db_pg.c), behind one small interface, so that
 * store.c's SQL and logic run on either.
 *
 * SQL is written once, in the form both accept: parameters ?1, ?2...,
 * at most 256 of them a statement (MAX_BINDS in db_pg.c), upserts with
 * ON CONFLICT, no SQLite-only functions. The PostgreSQL
 * driver translates the rest as it prepares: ?N becomes $N, "ORDER BY +"
 * (SQLite's hint to skip an index) loses its plus, and in schema scripts
 * (db_exec_ddl) INTEGER becomes BIGINT, REAL DOUBLE PRECISION, TEXT
 * TEXT COLLATE "C" (ids sort byte-wise, as in SQLite), and the STRICT and
 * WITHOUT ROWID table options and the foreign keys (see db_check_keys)
 * go.
 *
 * Calls dispatch through the driver's table of operations: the drivers
 * and db.c do not depend on each other.
 */
#ifndef AFT_STORE_DB_H
#define AFT_STORE_DB_H

#include <stdint.h>

#include "aftercast/error.h"

/* step() results */
#define DB_DONE 0
#define DB_ROW 1

/* prepare() flags */
#define DB_KEEP 1 /* cached for the connection's life */
#define DB_QUEUE \
    2 /* returns no rows and nobody reads its changes: a \
         driver may send it later, with others (PostgreSQL \
         inside a write transaction); errors then show at \
         the next statement that waits, or at commit */

/* db_open flags (as aft_store_open's) */
#define DB_CREATE 1
#define DB_READONLY 2

typedef struct db db;
typedef struct db_stmt db_stmt;

typedef struct db_ops {
    void (*close)(db *d);
    int (*exec)(db *d, const char *sql, aft_error *err);
    int (*exec_ddl)(db *d, const char *sql, aft_error *err);
    db_stmt *(*prepare)(db *d, const char *sql, int flags, aft_error *err);
    void (*bind_null)(db_stmt *st, int i);
    void (*bind_int64)(db_stmt *st, int i, int64_t v);
    void (*bind_double)(db_stmt *st, int i, double v);
    /* copy: the text is copied now; else it must live until the step */
    void (*bind_text)(db_stmt *st, int i, const char *v, int copy);
    int (*step)(db_stmt *st, aft_error *err);
    void (*reset)(db_stmt *st);
    void (*finalize)(db_stmt *st);
    int (*col_null)(db_stmt *st, int i);
    int64_t (*col_int64)(db_stmt *st, int i);
    double (*col_double)(db_stmt *st, int i);
    const char *(*col_text)(db_stmt *st, int i);
    int64_t (*changes)(db *d);
    int (*version)(db *d, int *v, aft_error *err);
    int (*set_version)(db *d, int v, aft_error *err);
    int (*begin_write)(db *d, aft_error *err);
    int (*begin_read)(db *d, aft_error *err);
    int (*commit)(db *d, aft_error *err);
    void (*rollback)(db *d);
    int (*check_keys)(db *d, const char *orphans, aft_error *err);
    int (*ready)(db *d, aft_error *err);
} db_ops;

/* What every driver's connection starts with. */
struct db {
    const db_ops *ops;
    const char *name;   /* for messages: the path, or "postgresql" */
    int queues;         /* DB_QUEUE statements may be sent late */
    int readonly;       /* opened with DB_READONLY; 2: and the schema
                           cannot be migrated either */
    aft_warn_fn notice; /* told once what a long wait is for, or NULL */
    void *notice_payload;
    int noticed;
};

/* How long a writer waits for another to finish before it gives up, and
 * after how long it says what it waits for. An import holds the write
 * lock from start to end, and a large one takes minutes. */
#define DB_WAIT_MAX_MS (10 * 60 * 1000)
#define DB_WAIT_NOTICE_MS 3000

/* db.c: shared by the drivers and the store */

/* Whether target names a PostgreSQL database: a postgresql:// or
 * postgres:// URI, or a libpq keyword string ("host=... dbname=...",
 * starting with one of libpq's keywords) that is not an existing file. */
int db_is_pg(const char *target);

/* Monotonic milliseconds. */
int64_t db_now_ms(void);

/* Whether to go on waiting after waited_ms; past DB_WAIT_NOTICE_MS the
 * notice goes out, once per connection. */
int db_keep_waiting(db *d, int64_t waited_ms);

/* Sleep before try n (0, 1, 2...) of a wait. */
void db_wait_sleep(int n);

/* db_sqlite.c, db_pg.c: open target with DB_CREATE / DB_READONLY. */
int db_sqlite_open(db **out, const char *path, int flags, aft_warn_fn notice,
                   void *payload, aft_error *err);
int db_pg_open(db **out, const char *conninfo, int flags, aft_warn_fn notice,
               void *payload, aft_error *err);

/* Dispatch. */
static inline void
db_close(db *d)
{
    if (d != NULL)
        d->ops->close(d);
}
static inline int
db_exec(db *d, const char *sql, aft_error *err)
{
    return d->ops->exec(d, sql, err);
}
static inline int
db_exec_ddl(db *d, const char *sql, aft_error *err)
{
    return d->ops->exec_ddl(d, sql, err);
}
static inline db_stmt *
db_prepare(db *d, const char *sql, int flags, aft_error *err)
{
    return d->ops->prepare(d, sql, flags, err);
}
/* Each statement starts with its connection. */
struct db_stmt {
    db *d;
};
static inline void
db_bind_null(db_stmt *st, int i)
{
    st->d->ops->bind_null(st, i);
}
static inline void
db_bind_int64(db_stmt *st, int i, int64_t v)
{
    st->d->ops->bind_int64(st, i, v);
}
static inline void
db_bind_double(db_stmt *st, int i, double v)
{
    st->d->ops->bind_double(st, i, v);
}
static inline void
db_bind_text(db_stmt *st, int i, const char *v, int copy)
{
    st->d->ops->bind_text(st, i, v, copy);
}
/* DB_ROW, DB_DONE, or a negative status (err set). */
static inline int
db_step(db_stmt *st, aft_error *err)
{
    return st->d->ops->step(st, err);
}
/* Ready to run again: rows and bindings cleared. */
static inline void
db_reset(db_stmt *st)
{
    st->d->ops->reset(st);
}
static inline void
db_finalize(db_stmt *st)
{
    if (st != NULL)
        st->d->ops->finalize(st);
}
static inline int
db_col_null(db_stmt *st, int i)
{
    return st->d->ops->col_null(st, i);
}
static inline int64_t
db_col_int64(db_stmt *st, int i)
{
    return st->d->ops->col_int64(st, i);
}
static inline double
db_col_double(db_stmt *st, int i)
{
    return st->d->ops->col_double(st, i);
}
static inline const char *
db_col_text(db_stmt *st, int i)
{
    return st->d->ops->col_text(st, i);
}
/* Rows the last statement run at once changed. */
static inline int64_t
db_changes(db *d)
{
    return d->ops->changes(d);
}
/* The schema version: 0 for an empty database. */
static inline int
db_version(db *d, int *v, aft_error *err)
{
    return d->ops->version(d, v, err);
}
static inline int
db_set_version(db *d, int v, aft_error *err)
{
    return d->ops->set_version(d, v, err);
}
/* A write transaction, once no other writer holds one (waits as
 * db_keep_waiting says); one writer at a time across processes. */
static inline int
db_begin_write(db *d, aft_error *err)
{
    return d->ops->begin_write(d, err);
}
/* A read transaction: one snapshot until the commit. */
static inline int
db_begin_read(db *d, aft_error *err)
{
    return d->ops->begin_read(d, err);
}
static inline int
db_commit(db *d, aft_error *err)
{
    return d->ops->commit(d, err);
}
/* Safe outside a transaction. */
static inline void
db_rollback(db *d)
{
    d->ops->rollback(d);
}
/* Whether any row refers to a missing parent (AFT_EDB then): SQLite
 * asks its declared foreign keys; PostgreSQL, which declares none (its
 * per-row checks would cost an import a third of its time, and the
 * importers check references themselves), runs orphans, a query that
 * returns a row for each reference without its parent. */
static inline int
db_check_keys(db *d, const char *orphans, aft_error *err)
{
    return d->ops->check_keys(d, orphans, err);
}

/* Once the schema is migrated: set the connection up for its use (an
 * import's bookkeeping tables, a reader's refusal to write). */
static inline int
db_ready(db *d, aft_error *err)
{
    return d->ops->ready(d, err);
}

#endif
