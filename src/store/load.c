/*
 * load.c - reading records back: a window's records for the engine
 * (aft_store_load), a client's scoped load for its reports, and every
 * record of a kind in id order (aft_store_each), on either backend.
 *
 * A kind is read as parent rows, then each child table's rows for those
 * parents' ids, bound in batches; the records come out sorted by id.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/store.h"
#include "base/arena.h"
#include "base/error.h"
#include "store/db.h"
#include "store/store_int.h"

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

static db_stmt *
prepare_q(const query *q, const char *fmt, aft_error *err)
{
    db_stmt *st = NULL;
    size_t n = strlen(fmt) + strlen(q->cond);
    char *sql = malloc(n);
    int i;

    if (sql == NULL) {
        aft_error_set(err, AFT_ENOMEM, "out of memory");
        return NULL;
    }
    snprintf(sql, n, fmt, q->cond);
    st = db_prepare(aft_store__db(q->s), sql, 0, err);
    free(sql);
    for (i = 0; st != NULL && i < q->n_binds; i++) {
        if (q->binds[i].s != NULL)
            db_bind_text(st, i + 1, q->binds[i].s, 0);
        else
            db_bind_int64(st, i + 1, q->binds[i].i);
    }
    return st;
}

/* Set when a text column could not be copied (out of memory), which
 * col_text() cannot tell apart from a NULL column by its result. */
static _Thread_local int col_failed;

static const char *
col_text(aft_arena *a, db_stmt *st, int i)
{
    const char *s;

    if (db_col_null(st, i))
        return NULL;
    if ((s = aft_arena_strdup(a, db_col_text(st, i))) == NULL)
        col_failed = 1;
    return s;
}

static int64_t
col_time(db_stmt *st, int i)
{
    return db_col_null(st, i) ? AFT_TIME_NONE : db_col_int64(st, i);
}

static int64_t
col_day(db_stmt *st, int i)
{
    int64_t d;

    if (db_col_null(st, i) || aft_date_parse(&d, db_col_text(st, i), NULL) < 0)
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
 * Child rows: run child query fmt (column 0 = parent id, ordered by it;
 * %s the list of parent ids it takes) over ids[] in batches and call put()
 * for each row with the index of its parent in ids[]. Parents with no
 * child get nothing. The ids are bound, not found again by the parents'
 * condition: that would re-run the parents' query once per child table.
 */
typedef int (*child_fn)(void *parents, size_t idx, db_stmt *st, aft_arena *a);

#define KID_BATCH 256 /* parent ids bound per child query (db.h: <= 256) */

/* fmt with its %s as "?1, ?2, ..., ?n", prepared. */
static db_stmt *
prepare_kids(const query *q, const char *fmt, size_t n, aft_error *err)
{
    size_t cap = strlen(fmt) + n * 7, len = 0, i;
    char *list = malloc(cap), *sql = malloc(cap);
    db_stmt *st = NULL;

    if (list == NULL || sql == NULL)
        aft_error_set(err, AFT_ENOMEM, "out of memory");
    else {
        list[0] = '\0';
        for (i = 0; i < n; i++)
            len += (size_t)snprintf(list + len, cap - len, "%s?%zu",
                                    i ? ", " : "", i + 1);
        snprintf(sql, cap, fmt, list);
        st = db_prepare(aft_store__db(q->s), sql, 0, err);
    }
    free(list);
    free(sql);
    return st;
}

/* One batch: ids[b, b + m) bound to the n parameters (the last repeated). */
static int
kids_batch(db_stmt *st, const query *q, const char *const *ids, size_t b,
           size_t m, size_t n, void *parents, child_fn put, aft_error *err)
{
    size_t i, p = b;
    int rc;

    db_reset(st);
    for (i = 0; i < n; i++)
        db_bind_text(st, (int)i + 1, ids[b + (i < m ? i : m - 1)], 0);
    while ((rc = db_step(st, err)) == DB_ROW) {
        const char *pid = db_col_text(st, 0);
        if (pid == NULL || col_failed) /* out of memory */
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        while (p < b + m && strcmp(ids[p], pid) < 0)
            p++;
        if (p == b + m || strcmp(ids[p], pid) != 0)
            continue;
        if (put(parents, p, st, q->arena) < 0)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    return rc < 0 ? rc : AFT_OK;
}

static int
load_children(const query *q, const char *fmt, const char *const *ids,
              size_t n_ids, void *parents, child_fn put, aft_error *err)
{
    size_t n = n_ids < KID_BATCH ? n_ids : KID_BATCH, b;
    db_stmt *st = prepare_kids(q, fmt, n, err);
    int rc = AFT_OK;

    if (st == NULL)
        return err ? err->code : AFT_EDB;
    for (b = 0; b < n_ids && rc == AFT_OK; b += n)
        rc = kids_batch(st, q, ids, b, n_ids - b < n ? n_ids - b : n, n,
                        parents, put, err);
    db_finalize(st);
    return rc;
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
kid_credit(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    aft_credit_tier *t = APPEND(a, c->credits, c->n_credits);

    if (t == NULL)
        return -1;
    t->below = db_col_double(st, 1);
    t->credit = db_col_double(st, 2);
    return 0;
}

static int
kid_hours(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    const char **h = APPEND(a, c->service_hours, c->n_service_hours);

    return h == NULL || (*h = col_text(a, st, 1)) == NULL ? -1 : 0;
}

static int
kid_holiday(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    int64_t *d = APPEND(a, c->holidays, c->n_holidays);

    if (d == NULL)
        return -1;
    *d = col_day(st, 1);
    return 0;
}

static int
kid_sub(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    aft_subscription *s = APPEND(a, c->subs, c->n_subs);

    if (s == NULL || (s->service_id = col_text(a, st, 1)) == NULL)
        return -1;
    s->sla_target = db_col_null(st, 2) ? NAN : db_col_double(st, 2);
    s->from_day = col_day(st, 3);
    s->until_day = col_day(st, 4);
    return 0;
}

static int
kid_contact(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_client *c = (aft_client *)parents + i;
    aft_contact *k = APPEND(a, c->contacts, c->n_contacts);

    if (k == NULL || (k->email = col_text(a, st, 1)) == NULL)
        return -1;
    k->name = col_text(a, st, 2);
    k->role = AFT_ROLE_TO;
    aft_role_parse(&k->role, db_col_text(st, 3));
    return 0;
}

static int
kid_impact(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_incident *r = (aft_incident *)parents + i;
    aft_impact *m = APPEND(a, r->impacts, r->n_impacts);

    if (m == NULL || (m->service_id = col_text(a, st, 1)) == NULL)
        return -1;
    aft_level_parse(&m->level, db_col_text(st, 2), 1);
    m->start = col_time(st, 3);
    m->end = col_time(st, 4);
    return 0;
}

static int
kid_inc_client(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_incident *r = (aft_incident *)parents + i;
    const char **c = APPEND(a, r->clients, r->n_clients);

    return c == NULL || (*c = col_text(a, st, 1)) == NULL ? -1 : 0;
}

static int
kid_update(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_incident *r = (aft_incident *)parents + i;
    aft_update *u = APPEND(a, r->updates, r->n_updates);

    if (u == NULL)
        return -1;
    u->at = db_col_int64(st, 1);
    u->status = aft_update_status_canon(db_col_text(st, 2));
    u->body = col_text(a, st, 3);
    return u->body == NULL ? -1 : 0;
}

static int
kid_action(void *parents, size_t i, db_stmt *st, aft_arena *a)
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
kid_mservice(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_maintenance *r = (aft_maintenance *)parents + i;
    const char **c = APPEND(a, r->services, r->n_services);

    return c == NULL || (*c = col_text(a, st, 1)) == NULL ? -1 : 0;
}

static int
kid_mclient(void *parents, size_t i, db_stmt *st, aft_arena *a)
{
    aft_maintenance *r = (aft_maintenance *)parents + i;
    const char **c = APPEND(a, r->clients, r->n_clients);

    return c == NULL || (*c = col_text(a, st, 1)) == NULL ? -1 : 0;
}

/* 1 if table holds no row (or cannot be read: the child query will
 * tell), 0 if it holds one. */
static int
table_empty(aft_store *s, const char *table)
{
    char sql[64];
    db_stmt *st;
    int empty;

    snprintf(sql, sizeof sql, "SELECT 1 FROM %s LIMIT 1", table);
    if ((st = db_prepare(aft_store__db(s), sql, 0, NULL)) == NULL)
        return 0;
    empty = db_step(st, NULL) == DB_DONE;
    db_finalize(st);
    return empty;
}

/* ---- parent rows of each kind ---- */

static void
row_service(void *rec, db_stmt *st, aft_arena *a)
{
    aft_service *r = rec;

    r->id = col_text(a, st, 0);
    r->name = col_text(a, st, 1);
}

static void
row_client(void *rec, db_stmt *st, aft_arena *a)
{
    aft_client *c = rec;

    aft_client_defaults(c);
    c->id = col_text(a, st, 0);
    c->name = col_text(a, st, 1);
    c->timezone = col_text(a, st, 2);
    c->sla_target = db_col_double(st, 3);
    c->notice_days = (int)db_col_int64(st, 4);
    c->partial_weight = db_col_double(st, 5);
    c->degraded_weight = db_col_double(st, 6);
    c->update_interval_minutes = (int)db_col_int64(st, 7);
}

static void
row_incident(void *rec, db_stmt *st, aft_arena *a)
{
    aft_incident *r = rec;

    r->id = col_text(a, st, 0);
    r->title = col_text(a, st, 1);
    aft_severity_parse(&r->severity, db_col_text(st, 2));
    r->started_at = db_col_int64(st, 3);
    r->detected_at = col_time(st, 4);
    r->acknowledged_at = col_time(st, 5);
    r->resolved_at = col_time(st, 6);
    r->root_cause = col_text(a, st, 7);
    r->resolution = col_text(a, st, 8);
}

static void
row_maintenance(void *rec, db_stmt *st, aft_arena *a)
{
    aft_maintenance *r = rec;

    r->id = col_text(a, st, 0);
    r->title = col_text(a, st, 1);
    r->scheduled_start = db_col_int64(st, 2);
    r->scheduled_end = db_col_int64(st, 3);
    r->actual_start = col_time(st, 4);
    r->actual_end = col_time(st, 5);
    r->notified_at = col_time(st, 6);
    aft_level_parse(&r->impact, db_col_text(st, 7), 1);
    aft_mstatus_parse(&r->status, db_col_text(st, 8));
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
    const char *table; /* skipped while it is empty */
} child_spec;

typedef struct kind_spec {
    const char *sql;
    size_t size;
    void (*row)(void *rec, db_stmt *st, aft_arena *a);
    child_spec kids[5];
} kind_spec;

#define KIDS_OF(table, parent) \
    " FROM " table " WHERE " parent "_id IN (%s) ORDER BY " parent "_id"

static const kind_spec KINDS[AFT_KIND_COUNT] = {
    [AFT_KIND_SERVICE] = {"SELECT id, name FROM service WHERE %s ORDER BY +id",
                          sizeof(aft_service),
                          row_service,
                          {{NULL, NULL, NULL}}},
    [AFT_KIND_CLIENT] =
        {"SELECT id, name, timezone, sla_target, notice_days, partial_weight,"
         " degraded_weight, update_interval_minutes FROM client WHERE %s"
         " ORDER BY +id",
         sizeof(aft_client),
         row_client,
         {{"SELECT client_id, below, credit" KIDS_OF("client_credit",
                                                     "client") ", pos",
           kid_credit, "client_credit"},
          {"SELECT client_id, spec" KIDS_OF("client_hours", "client") ", pos",
           kid_hours, "client_hours"},
          {"SELECT client_id, day" KIDS_OF("client_holiday", "client") ", day",
           kid_holiday, "client_holiday"},
          {"SELECT client_id, service_id, sla_target, from_day, "
           "until_day" KIDS_OF("subscription", "client") ", pos",
           kid_sub, "subscription"},
          {"SELECT client_id, email, name, role" KIDS_OF("client_contact",
                                                         "client") ", pos",
           kid_contact, "client_contact"}}},
    [AFT_KIND_INCIDENT] =
        {"SELECT id, title, severity, started_at, detected_at,"
         " acknowledged_at, resolved_at, root_cause, resolution FROM incident"
         " WHERE %s ORDER BY +id",
         sizeof(aft_incident),
         row_incident,
         {{"SELECT incident_id, service_id, level, start_at, end_at" KIDS_OF(
               "impact", "incident") ", pos",
           kid_impact, "impact"},
          {"SELECT incident_id, client_id" KIDS_OF("incident_client",
                                                   "incident") ", client_id",
           kid_inc_client, "incident_client"},
          {"SELECT incident_id, at, status, body" KIDS_OF("incident_update",
                                                          "incident") ", pos",
           kid_update, "incident_update"},
          {"SELECT incident_id, action, owner, due, status" KIDS_OF(
               "incident_action", "incident") ", pos",
           kid_action, "incident_action"}}},
    [AFT_KIND_MAINTENANCE] =
        {"SELECT id, title, scheduled_start, scheduled_end, actual_start,"
         " actual_end, notified_at, impact, status, summary, issues FROM"
         " maintenance WHERE %s ORDER BY +id",
         sizeof(aft_maintenance),
         row_maintenance,
         {{"SELECT maintenance_id, service_id" KIDS_OF(
               "maintenance_service", "maintenance") ", service_id",
           kid_mservice, "maintenance_service"},
          {"SELECT maintenance_id, client_id" KIDS_OF(
               "maintenance_client", "maintenance") ", client_id",
           kid_mclient, "maintenance_client"}}},
};

_Static_assert(offsetof(aft_service, id) == 0, "id first");
_Static_assert(offsetof(aft_client, id) == 0, "id first");
_Static_assert(offsetof(aft_incident, id) == 0, "id first");
_Static_assert(offsetof(aft_maintenance, id) == 0, "id first");

/* The children of recs[0, n) (records of one kind, sorted by id). No
 * parents or an empty child table: no child query. */
static int
load_kids(const query *q, aft_kind kind, void *recs, size_t n, aft_error *err)
{
    const kind_spec *k = &KINDS[kind];
    const char **ids = malloc((n + 1) * sizeof *ids);
    size_t i;
    int rc = AFT_OK;

    if (ids == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < n; i++)
        ids[i] = *(const char *const *)((unsigned char *)recs + i * k->size);
    for (i = 0; n > 0 && i < sizeof k->kids / sizeof k->kids[0]
                && k->kids[i].sql != NULL && rc == AFT_OK;
         i++)
        if (!table_empty(q->s, k->kids[i].table))
            rc = load_children(q, k->kids[i].sql, ids, n, recs, k->kids[i].put,
                               err);
    free(ids);
    if (rc == AFT_OK && col_failed)
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    return rc;
}

/* Records of one kind matching q->cond, sorted by id, with their
 * children, into *out (arena memory) and *n_out. */
static int
load_kind(const query *q, aft_kind kind, void **out, size_t *n_out,
          aft_error *err)
{
    const kind_spec *k = &KINDS[kind];
    db_stmt *st = prepare_q(q, k->sql, err);
    vec v = {NULL, 0, 0, k->size};
    unsigned char *recs;
    int rc;

    *out = NULL;
    *n_out = 0;
    if (st == NULL)
        return AFT_EDB;
    col_failed = 0;
    while ((rc = db_step(st, err)) == DB_ROW && !col_failed) {
        void *r = vec_push(&v);
        if (r == NULL)
            break;
        k->row(r, st, q->arena);
    }
    db_finalize(st);
    if (col_failed) {
        free(v.v);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    if (rc < 0) {
        free(v.v);
        return rc;
    }
    recs = vec_to_arena(&v, q->arena);
    free(v.v);
    if (rc == DB_ROW || (v.n > 0 && recs == NULL))
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if ((rc = load_kids(q, kind, recs, v.n, err)) == AFT_OK) {
        *out = recs;
        *n_out = v.n;
    }
    return rc;
}

/* ---- public loaders ---- */

static int64_t
longest_span(aft_store *s, const char *table)
{
    char sql[96];
    db_stmt *st;
    int64_t v = INT64_MAX / 4;

    snprintf(sql, sizeof sql,
             "SELECT coalesce(max(span_end - span_start), 0) FROM %s", table);
    if ((st = db_prepare(aft_store__db(s), sql, 0, NULL)) != NULL
        && db_step(st, NULL) == DB_ROW)
        v = db_col_int64(st, 0);
    db_finalize(st);
    return v;
}

/* Records touching [lo, hi): span_start < hi and (span_end >= lo or
 * open). The lower bound on span_start lets the index skip the history
 * before the window: nothing longer than the longest span can reach it. */
static const char TOUCHING[] =
    "(span_start < ?2 AND span_start >= ?1 - ?3 AND span_end >= ?1)"
    " OR (span_end IS NULL AND span_start < ?2)";

/* ---- a scoped load: outages only, but whole in some windows ---- */

/* One outage row: an impact with its incident's times. */
typedef struct orow {
    const char *id;      /* arena copy */
    const char *service; /* the dataset's service id */
    int64_t pos, span_start, span_end, started, resolved, start, end;
    aft_level level;
} orow;

#define OUTAGE_COLS \
    "incident_id, pos, span_start, span_end, started_at, resolved_at, level," \
    " start_at, end_at"

/* The outage rows of service ?1 touching [?2, ?3) (?4: the longest span)
 * and, apart, those of every ongoing incident, service last. */
static const char OUTAGES[] =
    "SELECT " OUTAGE_COLS " FROM outage WHERE service_id = ?1"
    " AND span_start < ?3 AND span_start >= ?2 - ?4 AND span_end >= ?2";
static const char ONGOING[] =
    "SELECT p.incident_id, p.pos, i.span_start, i.span_end, i.started_at,"
    " i.resolved_at, p.level, p.start_at, p.end_at, p.service_id"
    " FROM incident i LEFT JOIN impact p ON p.incident_id = i.id"
    " WHERE i.span_end IS NULL AND i.span_start < ?1";

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
cmp_orow(const void *a, const void *b)
{
    const orow *x = a, *y = b;
    int c = strcmp(x->id, y->id);

    return c != 0 ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

/* Append the current row of st (service: its id in the dataset). */
static int
orow_read(vec *v, db_stmt *st, const char *service, aft_arena *a)
{
    orow *o = vec_push(v);

    if (o == NULL || (o->id = col_text(a, st, 0)) == NULL)
        return aft_error_set(NULL, AFT_ENOMEM, "out of memory");
    o->service = service;
    o->pos = db_col_int64(st, 1);
    o->span_start = db_col_int64(st, 2);
    o->span_end = col_time(st, 3);
    o->started = db_col_int64(st, 4);
    o->resolved = col_time(st, 5);
    o->level = AFT_LEVEL_NONE;
    aft_level_parse(&o->level, db_col_text(st, 6), 1);
    o->start = col_time(st, 7);
    o->end = col_time(st, 8);
    return AFT_OK;
}

/* Every row of st into v; service NULL: column 9 names it, and rows of a
 * service not in svc[n] (or of none) are left out, but their span start
 * still goes into *first. */
static int
orows_run(vec *v, db_stmt *st, const char *service, const char *const *svc,
          size_t n, aft_arena *a, int64_t *first, aft_error *err)
{
    int rc;

    while ((rc = db_step(st, err)) == DB_ROW) {
        const char *id = service, *const *hit = &service;
        int64_t t = db_col_int64(st, 2);
        if (*first == AFT_TIME_NONE || t < *first)
            *first = t;
        if (id == NULL) {
            id = db_col_text(st, 9);
            hit = id ? bsearch(&id, svc, n, sizeof *svc, cmp_str) : NULL;
            if (hit == NULL)
                continue;
        }
        if (orow_read(v, st, *hit, a) < 0)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    return rc < 0 ? rc : AFT_OK;
}

/* The services whose outages the scope reads, sorted: the client's
 * subscribed ones, or every one. *n gets their number. */
static const char **
scope_services(const aft_dataset *ds, const aft_load_scope *sc, size_t *n)
{
    size_t cap = ds->n_services + 1, i, k = 0;
    const char **v = malloc(cap * sizeof *v);

    if (v == NULL)
        return NULL;
    if (sc->only_its_services && ds->n_clients == 1) {
        const aft_client *c = &ds->clients[0];
        for (i = 0; i < c->n_subs && k + 1 < cap; i++)
            v[k++] = c->subs[i].service_id;
    } else {
        for (i = 0; i < ds->n_services; i++)
            v[k++] = ds->services[i].id;
    }
    qsort(v, k, sizeof *v, cmp_str);
    for (i = 0, *n = 0; i < k; i++)
        if (*n == 0 || strcmp(v[*n - 1], v[i]) != 0)
            v[(*n)++] = v[i];
    /* Subscriptions point at the dataset's own service ids. */
    for (i = 0; i < *n; i++) {
        const aft_service key = {v[i], NULL},
                          *hit = bsearch(&key, ds->services, ds->n_services,
                                         sizeof key, cmp_str);
        if (hit != NULL)
            v[i] = hit->id;
    }
    return v;
}

/* Every outage row of the scope's services touching [b[0], b[1]) into v
 * (heap), sorted by incident and position; *ongoing gets the first span
 * start of the ongoing incidents (of every service), or AFT_TIME_NONE. */
static int
collect_orows(vec *v, const query *q, const char *const *svc, size_t n,
              const bindv b[3], int64_t *ongoing, aft_error *err)
{
    int64_t unused = AFT_TIME_NONE;
    db *d = aft_store__db(q->s);
    db_stmt *st = db_prepare(d, OUTAGES, 0, err);
    size_t i;
    int rc = st == NULL ? AFT_EDB : AFT_OK;

    for (i = 0; i < n && rc == AFT_OK; i++) {
        db_reset(st);
        db_bind_text(st, 1, svc[i], 0);
        db_bind_int64(st, 2, b[0].i);
        db_bind_int64(st, 3, b[1].i);
        db_bind_int64(st, 4, b[2].i);
        rc = orows_run(v, st, svc[i], svc, n, q->arena, &unused, err);
    }
    db_finalize(st);
    if (rc == AFT_OK && (st = db_prepare(d, ONGOING, 0, err)) == NULL)
        rc = AFT_EDB;
    if (rc == AFT_OK) {
        db_bind_int64(st, 1, b[1].i);
        rc = orows_run(v, st, NULL, svc, n, q->arena, ongoing, err);
        db_finalize(st);
    }
    if (rc == AFT_OK && v->n > 1)
        qsort(v->v, v->n, sizeof(orow), cmp_orow);
    return rc;
}

/* Whether an incident spanning [lo, hi) (hi AFT_TIME_NONE: ongoing)
 * touches one of the scope's whole windows, as TOUCHING does. */
static int
in_whole(const aft_load_scope *sc, int64_t lo, int64_t hi)
{
    size_t i;

    for (i = 0; i < sc->n_whole; i++)
        if (lo < sc->whole[i].end
            && (hi == AFT_TIME_NONE || hi >= sc->whole[i].start))
            return 1;
    return 0;
}

/* An incident from its outage rows r[0, n): times and those impacts. */
static int
light_incident(aft_incident *inc, const orow *r, size_t n, aft_arena *a)
{
    size_t i;

    inc->id = r->id;
    inc->title = "";
    inc->started_at = r->started;
    inc->detected_at = inc->acknowledged_at = AFT_TIME_NONE;
    inc->resolved_at = r->resolved;
    if ((inc->impacts = aft_arena_alloc(a, n * sizeof *inc->impacts)) == NULL)
        return -1;
    inc->n_impacts = n;
    for (i = 0; i < n; i++)
        inc->impacts[i] = (aft_impact){r[i].service, r[i].level, r[i].start,
                                       r[i].end};
    return 0;
}

/* The rows' incidents: those touching a whole window as ids into *whole,
 * the others built light into *light. */
static int
split_orows(const vec *v, const aft_load_scope *sc, vec *whole, vec *light,
            aft_arena *a, aft_error *err)
{
    const orow *r = (const orow *)v->v;
    size_t i = 0, j;

    while (i < v->n) {
        for (j = i + 1; j < v->n && strcmp(r[j].id, r[i].id) == 0; j++)
            ;
        if (in_whole(sc, r[i].span_start, r[i].span_end)) {
            const char **id = vec_push(whole);
            if (id == NULL)
                return aft_error_set(err, AFT_ENOMEM, "out of memory");
            *id = r[i].id;
        } else {
            aft_incident *inc = vec_push(light);
            if (inc == NULL || light_incident(inc, r + i, j - i, a) < 0)
                return aft_error_set(err, AFT_ENOMEM, "out of memory");
        }
        i = j;
    }
    return AFT_OK;
}

/* The rows of the incidents ids[0, n) (sorted) into out, through one
 * statement taking KID_BATCH ids (the last repeated to fill it). */
static int
whole_rows(vec *out, const query *q, const char *const *ids, size_t n,
           aft_error *err)
{
    const kind_spec *k = &KINDS[AFT_KIND_INCIDENT];
    size_t m = n < KID_BATCH ? n : KID_BATCH, at, i;
    char fmt[512];
    db_stmt *st;
    int rc = AFT_OK;

    snprintf(fmt, sizeof fmt, k->sql, "id IN (%s)");
    if ((st = prepare_kids(q, fmt, m, err)) == NULL)
        return err ? err->code : AFT_EDB;
    for (at = 0; at < n && rc >= 0; at += m) {
        size_t b = n - at < m ? n - at : m;
        db_reset(st);
        for (i = 0; i < m; i++)
            db_bind_text(st, (int)i + 1, ids[at + (i < b ? i : b - 1)], 0);
        while ((rc = db_step(st, err)) == DB_ROW && !col_failed) {
            void *r = vec_push(out);
            if (r == NULL) {
                rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
                break;
            }
            k->row(r, st, q->arena);
        }
    }
    db_finalize(st);
    if (rc >= 0 && col_failed)
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    return rc < 0 ? rc : AFT_OK;
}

/* The incidents ids[0, n) (sorted) read whole into out (empty). */
static int
load_whole(vec *out, const query *q, const char *const *ids, size_t n,
           aft_error *err)
{
    int rc;

    if (n == 0)
        return AFT_OK;
    col_failed = 0;
    if ((rc = whole_rows(out, q, ids, n, err)) < 0)
        return rc;
    return load_kids(q, AFT_KIND_INCIDENT, out->v, out->n, err);
}

/* The client restrictions of the light incidents inc[0, n). */
static int
light_clients(const query *q, aft_incident *inc, size_t n, aft_error *err)
{
    const child_spec *k = &KINDS[AFT_KIND_INCIDENT].kids[1];
    const char **ids;
    size_t i;
    int rc;

    if (n == 0 || table_empty(q->s, k->table))
        return AFT_OK;
    if ((ids = malloc(n * sizeof *ids)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < n; i++)
        ids[i] = inc[i].id;
    rc = load_children(q, k->sql, ids, n, inc, k->put, err);
    free(ids);
    return rc;
}

/* Merge the sorted whole and light incidents into the dataset's array. */
static int
merge_incidents(aft_dataset *out, const vec *w, const vec *l, aft_arena *a,
                aft_error *err)
{
    const aft_incident *x = (const aft_incident *)w->v,
                       *y = (const aft_incident *)l->v;
    size_t i = 0, j = 0, k = 0, n = w->n + l->n;

    if (n == 0)
        return AFT_OK;
    if ((out->incidents = aft_arena_alloc(a, n * sizeof *x)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    while (i < w->n || j < l->n)
        out->incidents[k++] =
            j == l->n || (i < w->n && strcmp(x[i].id, y[j].id) < 0) ? x[i++]
                                                                    : y[j++];
    out->n_incidents = n;
    return AFT_OK;
}

/* The scope's incidents: whole in its windows, outages elsewhere. */
static int
load_outages(aft_dataset *out, const query *q, const aft_load_scope *sc,
             aft_error *err)
{
    vec rows = {NULL, 0, 0, sizeof(orow)};
    vec ids = {NULL, 0, 0, sizeof(const char *)};
    vec whole = {NULL, 0, 0, sizeof(aft_incident)};
    vec light = {NULL, 0, 0, sizeof(aft_incident)};
    size_t n_svc = 0;
    const char **svc = scope_services(out, sc, &n_svc);
    int rc = svc == NULL ? aft_error_set(err, AFT_ENOMEM, "out of memory")
                         : AFT_OK;

    out->first_at = AFT_TIME_NONE;
    if (rc == AFT_OK)
        rc = collect_orows(&rows, q, svc, n_svc, q->binds, &out->first_at, err);
    if (rc == AFT_OK)
        rc = split_orows(&rows, sc, &ids, &light, q->arena, err);
    if (rc == AFT_OK)
        rc = load_whole(&whole, q, (const char *const *)ids.v, ids.n, err);
    if (rc == AFT_OK)
        rc = light_clients(q, (aft_incident *)light.v, light.n, err);
    if (rc == AFT_OK)
        rc = merge_incidents(out, &whole, &light, q->arena, err);
    free(svc);
    free(rows.v);
    free(ids.v);
    free(whole.v);
    free(light.v);
    return rc;
}

/* The first instant of any record touching [b[0], b[1]) (TOUCHING, over
 * every service): the first entries of the span index, and
 * out->first_at, the ongoing incidents' (load_outages()). */
static int
load_first(aft_dataset *out, aft_store *store, const bindv b[3], aft_error *err)
{
    static const char *const sql[2] = {
        "SELECT min(span_start) FROM incident WHERE span_start < ?2"
        " AND span_start >= ?1 - ?3 AND span_end >= ?1",
        "SELECT min(span_start) FROM maintenance WHERE span_start < ?2"
        " AND span_start >= ?1 - ?3 AND span_end >= ?1",
    };
    int64_t first = out->first_at, mnt = longest_span(store, "maintenance");
    int i, rc = AFT_OK;

    for (i = 0; i < 2 && rc == AFT_OK; i++) {
        db_stmt *st = db_prepare(aft_store__db(store), sql[i], 0, err);
        if (st == NULL)
            return AFT_EDB;
        db_bind_int64(st, 1, b[0].i);
        db_bind_int64(st, 2, b[1].i);
        db_bind_int64(st, 3, i == 1 ? mnt : b[2].i);
        if ((rc = db_step(st, err)) == DB_ROW) {
            int64_t t = col_time(st, 0);
            if (t != AFT_TIME_NONE && (first == AFT_TIME_NONE || t < first))
                first = t;
            rc = AFT_OK;
        }
        db_finalize(st);
    }
    out->first_at = first;
    out->has_first = 1;
    return rc < 0 ? rc : AFT_OK;
}

/* The parts every load shares: a read transaction (one snapshot, unless
 * an import's is open), the clients (all or one), every service, and
 * the longest spans; q is set up for the incidents' TOUCHING condition
 * with binds b. */
static int
load_begin(aft_dataset *out, aft_store *store, query *q, const char *client_id,
           bindv b[4], aft_error *err)
{
    aft_arena *arena = calloc(1, sizeof *arena);
    int rc;

    memset(out, 0, sizeof *out);
    if (arena == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    out->priv = arena;
    *q = (query){store, arena, client_id ? "id = ?1" : "1 = 1", b + 3,
                 client_id != NULL};
    b[3] = (bindv){client_id, 0};
    if (!aft_store__in_txn(store)
        && (rc = db_begin_read(aft_store__db(store), err)) < 0)
        return rc;
    b[2].i = longest_span(store, "incident");
    if ((rc = load_kind(q, AFT_KIND_CLIENT, (void **)&out->clients,
                        &out->n_clients, err))
        < 0)
        return rc;
    if (client_id != NULL && out->n_clients == 0)
        return aft_error_set(err, AFT_ENOTFOUND, "no client '%s'", client_id);
    q->cond = "1 = 1";
    q->n_binds = 0;
    if ((rc = load_kind(q, AFT_KIND_SERVICE, (void **)&out->services,
                        &out->n_services, err))
        < 0)
        return rc;
    q->cond = TOUCHING;
    q->binds = b;
    q->n_binds = 3;
    return AFT_OK;
}

/* The maintenances touching [b[0], b[1]), and the end of the read. */
static int
load_end(aft_dataset *out, aft_store *store, query *q, bindv b[4], int rc,
         aft_error *err)
{
    if (rc == AFT_OK) {
        b[2].i = longest_span(store, "maintenance");
        q->cond = "(span_start < ?2 AND span_start >= ?1 - ?3"
                  " AND span_end >= ?1)";
        rc = load_kind(q, AFT_KIND_MAINTENANCE, (void **)&out->maintenances,
                       &out->n_maintenances, err);
    }
    if (!aft_store__in_txn(store))
        db_rollback(aft_store__db(store)); /* read only: nothing to keep */
    if (rc < 0)
        aft_dataset_free(out);
    return rc;
}

int
aft_store_load(aft_dataset *out, aft_store *store, const char *client_id,
               int64_t lo, int64_t hi, aft_error *err)
{
    bindv b[4] = {{NULL, lo}, {NULL, hi}, {NULL, 0}, {NULL, 0}};
    query q;
    int rc = load_begin(out, store, &q, client_id, b, err);

    if (rc == AFT_OK)
        rc = load_kind(&q, AFT_KIND_INCIDENT, (void **)&out->incidents,
                       &out->n_incidents, err);
    return load_end(out, store, &q, b, rc, err);
}

int
aft_store_load_scoped(aft_dataset *out, aft_store *store,
                      const aft_load_scope *sc, aft_error *err)
{
    bindv b[4] = {{NULL, sc->lo}, {NULL, sc->hi}, {NULL, 0}, {NULL, 0}};
    query q;
    int rc;

    if (sc->n_whole > AFT_SCOPE_WHOLE_MAX) {
        memset(out, 0, sizeof *out);
        return aft_error_set(err, AFT_EINVALID, "more than %d whole windows",
                             AFT_SCOPE_WHOLE_MAX);
    }
    rc = load_begin(out, store, &q, sc->client_id, b, err);
    if (rc == AFT_OK)
        rc = load_outages(out, &q, sc, err);
    if (rc == AFT_OK)
        rc = load_first(out, store, b, err);
    return load_end(out, store, &q, b, rc, err);
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
    char sql[96], *first = NULL, *last = strdup("");
    db_stmt *st = NULL;
    int rc = AFT_OK;

    snprintf(sql, sizeof sql,
             "SELECT id FROM %s WHERE id > ?1 ORDER BY id LIMIT %d",
             TABLES[kind], BATCH);
    if (last == NULL) {
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
        goto done;
    }
    if ((st = db_prepare(aft_store__db(store), sql, DB_KEEP, err)) == NULL) {
        rc = AFT_EDB;
        goto done;
    }
    if ((rc = db_begin_read(aft_store__db(store), err)) < 0)
        goto done;
    for (;;) {
        bindv b[2];
        int r;

        db_reset(st);
        db_bind_text(st, 1, last, 0);
        free(first);
        first = NULL;
        while ((r = db_step(st, err)) == DB_ROW) {
            char *id = strdup(db_col_text(st, 0));
            if (id == NULL) {
                r = aft_error_set(err, AFT_ENOMEM, "out of memory");
                break;
            }
            if (first == NULL)
                first = id;
            else {
                free(last);
                last = id;
            }
        }
        if ((rc = r) < 0 || first == NULL)
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
    db_rollback(aft_store__db(store)); /* read only: nothing to keep */
done:
    db_finalize(st);
    free(first);
    free(last);
    return rc < 0 ? rc : AFT_OK;
}

int
aft_store_span(aft_store *store, aft_kind kind, const char *id, int64_t *lo,
               int64_t *hi, aft_error *err)
{
    char sql[96];
    db_stmt *st;
    int rc;

    if (kind != AFT_KIND_INCIDENT && kind != AFT_KIND_MAINTENANCE)
        return aft_error_set(err, AFT_EINVALID, "no span for a %s",
                             aft_kind_str(kind));
    snprintf(sql, sizeof sql,
             "SELECT span_start, span_end FROM %s WHERE id = ?1", TABLES[kind]);
    if ((st = db_prepare(aft_store__db(store), sql, 0, err)) == NULL)
        return AFT_EDB;
    db_bind_text(st, 1, id, 0);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        *lo = db_col_int64(st, 0);
        *hi = col_time(st, 1);
        rc = AFT_OK;
    } else if (rc == DB_DONE) {
        rc = aft_error_set(err, AFT_ENOTFOUND, "no %s '%s'", aft_kind_str(kind),
                           id);
    }
    db_finalize(st);
    return rc;
}
