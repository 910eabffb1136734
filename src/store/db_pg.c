/*
 * db_pg.c - the PostgreSQL driver, through libpq.
 *
 * Inside a write transaction, statements prepared DB_QUEUE are sent in
 * libpq's pipeline mode without waiting for their results; the first
 * statement that needs one (a lookup, the commit) sends a sync and reads
 * them all, so an import costs about one round trip a few hundred rows.
 * One writer at a time: a write transaction first takes a transaction
 * advisory lock, which the server drops with the transaction, whatever
 * happens to the client. Readers take no lock; a read transaction is
 * REPEATABLE READ, one snapshot, before or after an import, never
 * between.
 *
 * Passwords come from libpq's own means; no message quotes the
 * connection string, and a password libpq might echo is masked.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "base/error.h"
#include "store/db.h"

#define MAX_PARAMS 16 /* columns of a batched INSERT */
#define MAX_BINDS 256 /* parameters of one statement */
#define MAX_PENDING 32
#define BATCH_ROWS 128 /* rows of one INSERT sent as one statement */
#define QUEUE_MAX 512  /* queued statements before a sync */
#define LOCK_KEY "7022365417235120497" /* the writers' advisory lock */
#define TEXT_OID 25
#define INT8_OID 20
#define FLOAT8_OID 701

typedef struct pg {
    db base;
    PGconn *c;
    char *name;     /* postgresql://user@host:port/db, no password */
    char *password; /* given in the connection string, to mask, or NULL */
    int unparsed;   /* libpq could not parse the connection string */
    int pipeline;   /* in pipeline mode */
    int queued;     /* statements sent whose results are unread */
    int n_names;    /* prepared statements so far: s1, s2... */
    int64_t changes;
    struct pg_stmt *pending[MAX_PENDING]; /* with rows held, in order */
    int n_pending;
} pg;

typedef struct pg_stmt {
    db_stmt base;
    char *sql;
    int flags;
    int n;         /* parameters bound: the highest index */
    char name[16]; /* prepared as this, or "" */
    const char *val[MAX_BINDS];
    unsigned int type[MAX_BINDS];
    char num[MAX_BINDS][32];
    char *own[MAX_BINDS]; /* copied texts */
    PGresult *res;        /* rows being read */
    int row, ran;
    /* A queued INSERT ... VALUES (?1...?n) [ON CONFLICT ...] may hold its
     * rows and send BATCH_ROWS of them as one statement: the SQL around
     * the tuple, the tuple, and the rows held (values in buf, offsets in
     * off, -1 for NULL). */
    int cols; /* 0: not batched */
    char *head, *tuple, *tail;
    char *buf;
    size_t len, cap;
    long *off;
    int rows, n_off;
    unsigned int btype[MAX_PARAMS];
    char bname[16]; /* the BATCH_ROWS statement, prepared as this */
} pg_stmt;

#define G(d) ((pg *)(d))
#define P(s) ((pg_stmt *)(s))

static void plan_batch(pg_stmt *p);
static int flush_rows(pg *g, aft_error *err);

/* ------------------------------------------------------------------ */
/* Messages                                                            */

/* src with every occurrence of secret as "***", into dst (size bytes,
 * cut short if need be). One pass: what was put in is never searched. */
static void
mask(char *dst, size_t size, const char *src, const char *secret)
{
    size_t n = 0, k = secret != NULL ? strlen(secret) : 0;

    while (*src != '\0' && n + 1 < size) {
        if (k > 0 && strncmp(src, secret, k) == 0) {
            size_t m = size - 1 - n < 3 ? size - 1 - n : 3;
            memset(dst + n, '*', m);
            n += m;
            src += k;
        } else {
            dst[n++] = *src++;
        }
    }
    dst[n] = '\0';
}

/* The first line of msg, without libpq's "ERROR:  " prefix, with the
 * password masked, into err. Without a parsed password (a connection
 * string libpq could not read), a line that quotes it is not shown. */
static int
pg_fail(aft_error *err, pg *g, const char *what, const char *msg)
{
    char line[400], out[400];
    size_t n;

    if (msg == NULL || *msg == '\0')
        msg = "connection lost";
    for (;
         strncmp(msg, "ERROR:  ", 8) == 0 || strncmp(msg, "FATAL:  ", 8) == 0;)
        msg += 8;
    n = strcspn(msg, "\n");
    if (n >= sizeof line)
        n = sizeof line - 1;
    memcpy(line, msg, n);
    line[n] = '\0';
    while (n > 0 && isspace((unsigned char)line[n - 1]))
        line[--n] = '\0';
    if (g->unparsed)
        return aft_error_set(err, AFT_EDB,
                             "%s: not a connection string libpq can read "
                             "(postgresql://USER@HOST:PORT/DB or "
                             "\"host=... dbname=...\")",
                             what);
    mask(out, sizeof out, line, g->password);
    return aft_error_set(err, AFT_EDB, "%s: %s", what, out);
}

static int
res_fail(aft_error *err, pg *g, const char *what, const PGresult *r)
{
    const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;

    if (PQstatus(g->c) == CONNECTION_BAD)
        return pg_fail(err, g, what, "connection to the server lost");
    return pg_fail(err, g, what, m ? m : PQerrorMessage(g->c));
}

/* ------------------------------------------------------------------ */
/* Translating SQL                                                     */

/* sql with ?N as $N and "ORDER BY +" as "ORDER BY ". */
static char *
translate(const char *sql)
{
    char *out = malloc(strlen(sql) + 1), *o = out;

    if (out == NULL)
        return NULL;
    while (*sql != '\0') {
        if (*sql == '?' && isdigit((unsigned char)sql[1]))
            *o++ = '$', sql++;
        else if (strncmp(sql, "ORDER BY +", 10) == 0)
            memcpy(o, "ORDER BY ", 9), o += 9, sql += 10;
        else
            *o++ = *sql++;
    }
    *o = '\0';
    return out;
}

static int
is_word(const char *start, const char *p, const char *w)
{
    size_t n = strlen(w);

    return strncmp(p, w, n) == 0
           && (p == start || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))
           && !(isalnum((unsigned char)p[n]) || p[n] == '_');
}

/* A schema script in SQLite's words, in PostgreSQL's (see db.h). */
static char *
translate_ddl(const char *sql)
{
    static const char *const from[] = {") STRICT, WITHOUT ROWID", ") STRICT",
                                       "INTEGER", "REAL", "TEXT"};
    static const char *const to[] = {")", ")", "BIGINT", "DOUBLE PRECISION",
                                     "TEXT COLLATE \"C\""};
    const char *p = sql;
    char *out = malloc(strlen(sql) * 3 + 1), *o = out;
    size_t i;

    if (out == NULL)
        return NULL;
    while (*p != '\0') {
        if (strncmp(p, " REFERENCES ", 12) == 0 && strchr(p, ')') != NULL) {
            p = strchr(p, ')') + 1;
            continue;
        }
        if (strncmp(p, "DEFERRABLE INITIALLY DEFERRED", 29) == 0) {
            p += 29;
            continue;
        }
        for (i = 0; i < 5; i++)
            if (i < 2 ? strncmp(p, from[i], strlen(from[i])) == 0
                      : is_word(sql, p, from[i]))
                break;
        if (i == 5) {
            *o++ = *p++;
            continue;
        }
        o += sprintf(o, "%s", to[i]);
        p += strlen(from[i]);
    }
    *o = '\0';
    return out;
}

/* ------------------------------------------------------------------ */
/* The pipeline                                                        */

/* Sync and read every queued result; the first error goes to err. With
 * keep, the last statement's result is returned (the caller clears it);
 * else NULL. *rc gets AFT_OK or the error. */
static PGresult *
drain(pg *g, int keep, int *rc, aft_error *err)
{
    PGresult *r, *last = NULL;
    int nulls = 0;

    *rc = AFT_OK;
    if (PQpipelineSync(g->c) != 1) {
        *rc = pg_fail(err, g, "database", PQerrorMessage(g->c));
        return NULL;
    }
    for (;;) {
        /* Each statement's results end with a NULL, the last with the
         * sync: two NULLs in a row, or a broken connection, and no more
         * will come. */
        if ((r = PQgetResult(g->c)) == NULL) {
            if (PQstatus(g->c) == CONNECTION_BAD || ++nulls == 2) {
                if (*rc == AFT_OK)
                    *rc = res_fail(err, g, "database", NULL);
                break;
            }
            continue;
        }
        nulls = 0;
        if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            break;
        }
        if (PQresultStatus(r) == PGRES_FATAL_ERROR && *rc == AFT_OK)
            *rc = res_fail(err, g, "database", r);
        if (keep) {
            PQclear(last);
            last = r;
        } else {
            PQclear(r);
        }
    }
    g->queued = 0;
    if (*rc < 0) {
        PQclear(last);
        return NULL;
    }
    return last;
}

/* Out of pipeline mode, every queued result read. */
static int
leave_pipeline(pg *g, aft_error *err)
{
    int rc, rc2;

    if (!g->pipeline)
        return AFT_OK;
    rc = flush_rows(g, err);
    drain(g, 0, &rc2, rc < 0 ? NULL : err);
    if (rc == AFT_OK)
        rc = rc2;
    PQexitPipelineMode(g->c);
    g->pipeline = 0;
    return rc;
}

/* Run sql at once (several statements allowed); the last result is
 * checked and cleared. */
static int
run(pg *g, const char *sql, aft_error *err)
{
    PGresult *r;
    int rc;

    if ((rc = leave_pipeline(g, err)) < 0)
        return rc;
    r = PQexec(g->c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK
        && PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = res_fail(err, g, "database", r);
    PQclear(r);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */

static void
pg_close(db *d)
{
    pg *g = G(d);

    if (g->c != NULL)
        PQfinish(g->c);
    free(g->name);
    free(g->password);
    free(g);
}

static int
pg_exec(db *d, const char *sql, aft_error *err)
{
    char *t = translate(sql);
    int rc;

    if (t == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    rc = run(G(d), t, err);
    free(t);
    return rc;
}

static int
pg_exec_ddl(db *d, const char *sql, aft_error *err)
{
    char *t = translate_ddl(sql);
    int rc;

    if (t == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    rc = run(G(d), t, err);
    free(t);
    return rc;
}

static db_stmt *
pg_prepare(db *d, const char *sql, int flags, aft_error *err)
{
    pg_stmt *p = calloc(1, sizeof *p);

    if (p == NULL || (p->sql = translate(sql)) == NULL) {
        free(p);
        aft_error_set(err, AFT_ENOMEM, "out of memory");
        return NULL;
    }
    p->base.d = d;
    p->flags = flags;
    if ((flags & DB_KEEP) && (flags & DB_QUEUE))
        plan_batch(p);
    return &p->base;
}

static void
set_param(pg_stmt *p, int i, const char *v, unsigned int type)
{
    if (i < 1 || i > MAX_BINDS)
        return;
    free(p->own[i - 1]);
    p->own[i - 1] = NULL;
    p->val[i - 1] = v;
    p->type[i - 1] = type;
    if (i > p->n)
        p->n = i;
}

static void
pg_bind_null(db_stmt *s, int i)
{
    set_param(P(s), i, NULL, 0);
}

static void
pg_bind_int64(db_stmt *s, int i, int64_t v)
{
    if (i >= 1 && i <= MAX_BINDS) {
        snprintf(P(s)->num[i - 1], 32, "%" PRId64, v);
        set_param(P(s), i, P(s)->num[i - 1], INT8_OID);
    }
}

static void
pg_bind_double(db_stmt *s, int i, double v)
{
    if (i >= 1 && i <= MAX_BINDS) {
        snprintf(P(s)->num[i - 1], 32, "%.17g", v);
        set_param(P(s), i, P(s)->num[i - 1], FLOAT8_OID);
    }
}

static void
pg_bind_text(db_stmt *s, int i, const char *v, int copy)
{
    set_param(P(s), i, v, 0);
    if (copy && v != NULL && i >= 1 && i <= MAX_BINDS)
        P(s)->val[i - 1] = P(s)->own[i - 1] = strdup(v);
}

/* Whether sql (translated) is one INSERT whose VALUES tuple holds only
 * parameters $1..$n, each once; then p->head, tuple, tail and cols. */
static void
plan_batch(pg_stmt *p)
{
    const char *v = strstr(p->sql, " VALUES ("), *e, *q;
    int n = 0;

    if (v == NULL || strstr(v + 1, " VALUES (") != NULL
        || (strncmp(p->sql, "INSERT ", 7) != 0
            && strncmp(p->sql, "WITH ", 5) != 0))
        return;
    v += 8;
    if ((e = strchr(v, ')')) == NULL)
        return;
    for (q = v + 1; q < e; q++)
        if (*q == '$')
            n++;
        else if (!(isdigit((unsigned char)*q) || *q == ',' || *q == ' '))
            return;
    if (n == 0 || n > MAX_PARAMS)
        return;
    p->head = strndup(p->sql, (size_t)(v - p->sql));
    p->tuple = strndup(v, (size_t)(e + 1 - v));
    p->tail = strdup(e + 1);
    if (p->head && p->tuple && p->tail)
        p->cols = n;
}

/* Append to o: s with every $N as $(N + shift). */
static char *
renumber(char *o, const char *s, int shift)
{
    while (*s != '\0') {
        if (*s == '$') {
            char *end;
            long k = strtol(s + 1, &end, 10);
            o += sprintf(o, "$%ld", k + shift);
            s = end;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return o;
}

/* The statement for k held rows: the tuple k times, renumbered, and
 * "= $1" in the SQL before it (the rows' key) as "IN ($1, ...)". */
static char *
batch_sql(const pg_stmt *p, int k)
{
    size_t n = strlen(p->head) * 2 + strlen(p->tail)
               + (size_t)k * (strlen(p->tuple) + (size_t)p->cols * 6 + 4)
               + (size_t)k * 24 + 16;
    char *out = malloc(n), *o = out;
    const char *h;
    int j;

    if (out == NULL)
        return NULL;
    for (h = p->head; *h != '\0';) {
        if (strncmp(h, "= $1", 4) == 0 && !isdigit((unsigned char)h[4])) {
            o += sprintf(o, "IN ($1");
            for (j = 1; j < k; j++)
                o += sprintf(o, ", $%d", 1 + j * p->cols);
            *o++ = ')';
            h += 4;
        } else if (strncmp(h, "= $1", 4) == 0) {
            *o++ = *h++;
        } else {
            *o++ = *h++;
        }
    }
    for (j = 0; j < k; j++) {
        if (j > 0)
            *o++ = ',';
        o = renumber(o, p->tuple, j * p->cols);
    }
    strcpy(o, p->tail);
    return out;
}

/* Send k held rows of p from row r as one statement (queued): the
 * BATCH_ROWS statement is prepared once. */
static int
send_chunk(pg *g, pg_stmt *p, int r, int k)
{
    const char *vals[MAX_PARAMS * BATCH_ROWS];
    Oid types[MAX_PARAMS * BATCH_ROWS];
    int i, n = k * p->cols, ok;
    char *sql = NULL;

    for (i = 0; i < n; i++) {
        long o = p->off[r * p->cols + i];
        vals[i] = o < 0 ? NULL : p->buf + o;
        types[i] = p->btype[i % p->cols];
    }
    g->queued++;
    if (k == BATCH_ROWS && p->bname[0] != '\0')
        return PQsendQueryPrepared(g->c, p->bname, n, vals, NULL, NULL, 0);
    if ((sql = batch_sql(p, k)) == NULL)
        return 0;
    if (k == BATCH_ROWS) {
        snprintf(p->bname, sizeof p->bname, "s%d", ++g->n_names);
        ok = PQsendPrepare(g->c, p->bname, sql, n, types)
             && PQsendQueryPrepared(g->c, p->bname, n, vals, NULL, NULL, 0);
        g->queued++;
    } else {
        ok = PQsendQueryParams(g->c, sql, n, types, vals, NULL, NULL, 0);
    }
    free(sql);
    return ok;
}

/* Send the held rows of p, BATCH_ROWS a statement. */
static int
send_rows(pg *g, pg_stmt *p)
{
    int r = 0, ok = 1;

    while (ok && r < p->rows) {
        int k = p->rows - r < BATCH_ROWS ? p->rows - r : BATCH_ROWS;
        ok = send_chunk(g, p, r, k);
        r += k;
    }
    p->rows = 0;
    p->len = 0;
    return ok;
}

static int
is_parent(const pg_stmt *p)
{
    return strncmp(p->sql, "WITH ", 5) == 0;
}

/* Send every statement's held rows. */
static int
flush_rows(pg *g, aft_error *err)
{
    int i, pass, ok = 1;

    /* Parents first: a parent's statement takes its children out
     * (WITH ... DELETE) before its children held since go in. */
    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < g->n_pending; i++)
            if (g->pending[i]->rows > 0 && is_parent(g->pending[i]) == !pass
                && !send_rows(g, g->pending[i]))
                ok = 0;
    g->n_pending = 0;
    return ok ? AFT_OK : res_fail(err, g, "database", NULL);
}

/* Drop the rows held (a rollback). */
static void
drop_rows(pg *g)
{
    int i;

    for (i = 0; i < g->n_pending; i++) {
        g->pending[i]->rows = 0;
        g->pending[i]->len = 0;
    }
    g->n_pending = 0;
}

/* Hold p's bound values as a row; sent when BATCH_ROWS are held. */
static int
hold_row(pg *g, pg_stmt *p, aft_error *err)
{
    int i, rc = AFT_OK;

    if (p->rows == 0) {
        if (g->n_pending == MAX_PENDING && (rc = flush_rows(g, err)) < 0)
            return rc;
        g->pending[g->n_pending++] = p;
        memcpy(p->btype, p->type, sizeof p->btype);
    }
    if ((p->rows + 1) * p->cols > p->n_off) {
        int n = p->n_off ? 2 * p->n_off : BATCH_ROWS * p->cols;
        long *o = realloc(p->off, sizeof(long) * (size_t)n);
        if (o == NULL)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        p->off = o;
        p->n_off = n;
    }
    for (i = 0; i < p->cols; i++) {
        const char *v = i < p->n ? p->val[i] : NULL;
        size_t m = v ? strlen(v) + 1 : 0;
        if (p->len + m > p->cap) {
            size_t cap = (p->cap + m) * 2;
            char *b = realloc(p->buf, cap);
            if (b == NULL)
                return aft_error_set(err, AFT_ENOMEM, "out of memory");
            p->buf = b;
            p->cap = cap;
        }
        p->off[p->rows * p->cols + i] = v ? (long)p->len : -1;
        if (v != NULL)
            memcpy(p->buf + p->len, v, m);
        p->len += m;
    }
    /* The parents set the pace; the others (their children) hold what
     * comes with them, up to a bound. */
    if (++p->rows == BATCH_ROWS && is_parent(p))
        rc = flush_rows(g, err);
    else if (p->rows == 16 * BATCH_ROWS)
        rc = flush_rows(g, err);
    return rc;
}

/* Send the statement (preparing it first if it is kept). */
static int
send(pg *g, pg_stmt *p)
{
    if (!(p->flags & DB_KEEP))
        return PQsendQueryParams(g->c, p->sql, p->n, p->type, p->val, NULL,
                                 NULL, 0);
    if (p->name[0] == '\0') {
        snprintf(p->name, sizeof p->name, "s%d", ++g->n_names);
        if (!PQsendPrepare(g->c, p->name, p->sql, p->n, p->type))
            return 0;
    }
    return PQsendQueryPrepared(g->c, p->name, p->n, p->val, NULL, NULL, 0);
}

/* Run the statement and keep its rows in p->res. */
static int
run_stmt(pg *g, pg_stmt *p, aft_error *err)
{
    ExecStatusType st;
    int rc = AFT_OK;

    if (!g->pipeline) {
        if (PQenterPipelineMode(g->c) != 1)
            return res_fail(err, g, "database", NULL);
        g->pipeline = 1;
    }
    if (flush_rows(g, err) < 0 || !send(g, p))
        return res_fail(err, g, "database", NULL);
    p->res = drain(g, 1, &rc, err);
    PQexitPipelineMode(g->c);
    g->pipeline = 0;
    if (rc < 0)
        return rc;
    st = PQresultStatus(p->res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
        return res_fail(err, g, "database", p->res);
    g->changes = strtoll(PQcmdTuples(p->res), NULL, 10);
    return AFT_OK;
}

static int
pg_step(db_stmt *s, aft_error *err)
{
    pg_stmt *p = P(s);
    pg *g = G(s->d);
    int rc = AFT_OK;

    if (p->res != NULL)
        return ++p->row < PQntuples(p->res) ? DB_ROW : DB_DONE;
    if (p->ran)
        return DB_DONE;
    p->ran = 1;
    if ((p->flags & DB_QUEUE) && PQtransactionStatus(g->c) != PQTRANS_IDLE) {
        if (!g->pipeline) {
            if (PQenterPipelineMode(g->c) != 1)
                return res_fail(err, g, "database", NULL);
            g->pipeline = 1;
        }
        if (p->cols > 0)
            rc = hold_row(g, p, err);
        else if (flush_rows(g, err) < 0 || !send(g, p))
            return res_fail(err, g, "database", NULL);
        else
            g->queued++;
        if (rc == AFT_OK && g->queued >= QUEUE_MAX)
            drain(g, 0, &rc, err);
        return rc < 0 ? rc : DB_DONE;
    }
    if ((rc = run_stmt(g, p, err)) < 0)
        return rc;
    p->row = 0;
    return PQntuples(p->res) > 0 ? DB_ROW : DB_DONE;
}

static void
pg_reset(db_stmt *s)
{
    pg_stmt *p = P(s);
    int i;

    PQclear(p->res);
    p->res = NULL;
    p->ran = 0;
    p->row = 0;
    for (i = 0; i < p->n; i++) {
        free(p->own[i]);
        p->own[i] = NULL;
        p->val[i] = NULL;
        p->type[i] = 0;
    }
    p->n = 0;
}

static void
pg_finalize(db_stmt *s)
{
    pg_stmt *p = P(s);
    pg *g = G(s->d);
    int i;

    for (i = 0; i < g->n_pending; i++)
        if (g->pending[i] == p) {
            memmove(&g->pending[i], &g->pending[i + 1],
                    sizeof(pg_stmt *) * (size_t)(g->n_pending - i - 1));
            g->n_pending--;
            break;
        }
    pg_reset(s);
    free(p->sql);
    free(p->head);
    free(p->tuple);
    free(p->tail);
    free(p->buf);
    free(p->off);
    free(s);
}

static int
pg_col_null(db_stmt *s, int i)
{
    return PQgetisnull(P(s)->res, P(s)->row, i);
}

static int64_t
pg_col_int64(db_stmt *s, int i)
{
    return strtoll(PQgetvalue(P(s)->res, P(s)->row, i), NULL, 10);
}

static double
pg_col_double(db_stmt *s, int i)
{
    return strtod(PQgetvalue(P(s)->res, P(s)->row, i), NULL);
}

static const char *
pg_col_text(db_stmt *s, int i)
{
    if (PQgetisnull(P(s)->res, P(s)->row, i))
        return NULL;
    return PQgetvalue(P(s)->res, P(s)->row, i);
}

static int64_t
pg_changes(db *d)
{
    return G(d)->changes;
}

/* ------------------------------------------------------------------ */
/* Versions and transactions                                           */

/* The single value sql returns, as an integer, into *v (0 for no row). */
static int
query_int(pg *g, const char *sql, int64_t *v, aft_error *err)
{
    PGresult *r;
    int rc;

    if ((rc = leave_pipeline(g, err)) < 0)
        return rc;
    r = PQexec(g->c, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = res_fail(err, g, "database", r);
    else if (PQntuples(r) == 0 || PQgetisnull(r, 0, 0))
        *v = 0;
    else if (strcmp(PQgetvalue(r, 0, 0), "t") == 0)
        *v = 1;
    else
        *v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return rc;
}

static int
pg_version(db *d, int *v, aft_error *err)
{
    int64_t has = 0, n = 0;
    /* The catalog as of now (not the session's cache of it, which may
     * predate another writer's migration we waited for). */
    int rc = query_int(G(d),
                       "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables"
                       " WHERE schemaname = current_schema()"
                       " AND tablename = 'aftercast_schema')",
                       &has, err);

    if (rc == AFT_OK && has)
        rc = query_int(G(d), "SELECT max(version) FROM aftercast_schema", &n,
                       err);
    if (rc == AFT_OK)
        *v = (int)n;
    return rc;
}

static int
pg_set_version(db *d, int v, aft_error *err)
{
    char sql[160];

    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS aftercast_schema(version INTEGER"
             " NOT NULL); DELETE FROM aftercast_schema;"
             " INSERT INTO aftercast_schema VALUES (%d)",
             v);
    return run(G(d), sql, err);
}

/* BEGIN, then the writers' lock: tried, not waited on in the server, so
 * that the wait says what it waits for and gives up as SQLite's does. */
static int
pg_begin_write(db *d, aft_error *err)
{
    int64_t start = db_now_ms(), got = 0;
    int n, rc;

    if ((rc = run(G(d), "BEGIN", err)) < 0)
        return rc;
    for (n = 0;; n++) {
        rc = query_int(G(d), "SELECT pg_try_advisory_xact_lock(" LOCK_KEY ")",
                       &got, err);
        if (rc < 0 || got)
            break;
        if (!db_keep_waiting(d, db_now_ms() - start)) {
            rc = aft_error_set(err, AFT_EDB,
                               "database: another import still holds it after "
                               "%d minutes",
                               DB_WAIT_MAX_MS / 60000);
            break;
        }
        db_wait_sleep(n);
    }
    /* The batched statements' plans are made once, often on empty
     * tables, where a scan looks cheapest: the keys' indexes serve every
     * write better as the tables grow. */
    if (rc == AFT_OK)
        rc = run(G(d), "SET LOCAL enable_seqscan = off", err);
    if (rc < 0)
        run(G(d), "ROLLBACK", NULL);
    return rc;
}

static int
pg_begin_read(db *d, aft_error *err)
{
    return run(G(d), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err);
}

static int
pg_commit(db *d, aft_error *err)
{
    pg *g = G(d);
    PGresult *r;
    int rc;

    if ((rc = leave_pipeline(g, err)) < 0)
        return rc;
    r = PQexec(g->c, "COMMIT");
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = res_fail(err, g, "database", r);
    else if (strcmp(PQcmdStatus(r), "COMMIT") != 0)
        rc = aft_error_set(err, AFT_EDB, "database: the transaction failed");
    PQclear(r);
    return rc;
}

static void
pg_rollback(db *d)
{
    pg *g = G(d);

    drop_rows(g);
    leave_pipeline(g, NULL);
    if (PQstatus(g->c) == CONNECTION_OK
        && PQtransactionStatus(g->c) != PQTRANS_IDLE)
        PQclear(PQexec(g->c, "ROLLBACK"));
}

/* No foreign keys declared (db.h): the orphans query instead. */
static int
pg_check_keys(db *d, const char *orphans, aft_error *err)
{
    int64_t n = 0;
    int rc = query_int(G(d), orphans, &n, err);

    if (rc == AFT_OK && n != 0)
        rc = aft_error_set(err, AFT_EDB,
                           "database: FOREIGN KEY constraint failed");
    return rc;
}

/* An import's deferred references in a temporary table; a reader's
 * transactions read-only. */
static int
pg_ready(db *d, aft_error *err)
{
    if (d->readonly)
        return run(G(d), "SET default_transaction_read_only = on", err);
    return pg_exec_ddl(d,
                       "CREATE TEMP TABLE IF NOT EXISTS pending_ref("
                       "seq INTEGER, kind INTEGER, id TEXT, loc TEXT,"
                       " owner_kind INTEGER, owner_id TEXT)",
                       err);
}

static const db_ops PG_OPS = {
    pg_close,     pg_exec,        pg_exec_ddl,    pg_prepare,
    pg_bind_null, pg_bind_int64,  pg_bind_double, pg_bind_text,
    pg_step,      pg_reset,       pg_finalize,    pg_col_null,
    pg_col_int64, pg_col_double,  pg_col_text,    pg_changes,
    pg_version,   pg_set_version, pg_begin_write, pg_begin_read,
    pg_commit,    pg_rollback,    pg_check_keys,  pg_ready,
};

/* ------------------------------------------------------------------ */
/* Opening                                                             */

static void
quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* What messages call the database: postgresql://user@host:port/db from
 * the connection string's parts, never its password; and the password,
 * if it holds one, to mask. */
static int
describe(pg *g, const char *conninfo)
{
    PQconninfoOption *o = PQconninfoParse(conninfo, NULL), *i;
    const char *user = "", *host = "", *port = "", *dbname = "";
    size_t n;

    g->unparsed = o == NULL;
    if (o != NULL)
        for (i = o; i->keyword != NULL; i++) {
            const char *v = i->val ? i->val : "";
            if (strcmp(i->keyword, "user") == 0)
                user = v;
            else if (strcmp(i->keyword, "host") == 0)
                host = v;
            else if (strcmp(i->keyword, "port") == 0)
                port = v;
            else if (strcmp(i->keyword, "dbname") == 0)
                dbname = v;
            else if (strcmp(i->keyword, "password") == 0 && *v != '\0')
                g->password = strdup(v);
        }
    n = strlen(user) + strlen(host) + strlen(port) + strlen(dbname) + 32;
    if ((g->name = malloc(n)) != NULL)
        snprintf(g->name, n, "postgresql://%s%s%s%s%s/%s", user,
                 *user ? "@" : "", host, *port ? ":" : "", port, dbname);
    PQconninfoFree(o);
    return g->name == NULL ? AFT_ENOMEM : AFT_OK;
}

int
db_pg_open(db **out, const char *conninfo, int flags, aft_warn_fn notice,
           void *payload, aft_error *err)
{
    pg *g = calloc(1, sizeof *g);
    int rc;

    *out = NULL;
    if (g == NULL || describe(g, conninfo) < 0) {
        if (g != NULL)
            pg_close(&g->base);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    g->base.ops = &PG_OPS;
    g->base.name = g->name;
    g->base.queues = 1;
    g->base.readonly = (flags & DB_READONLY) ? 1 : 0;
    g->base.notice = notice;
    g->base.notice_payload = payload;
    g->c = PQconnectdb(conninfo);
    if (g->c == NULL || PQstatus(g->c) != CONNECTION_OK) {
        char what[600];
        snprintf(what, sizeof what, "cannot open database '%s'", g->name);
        rc = pg_fail(err, g, what, g->c ? PQerrorMessage(g->c) : NULL);
        pg_close(&g->base);
        return rc;
    }
    PQsetNoticeProcessor(g->c, quiet, NULL);
    if ((rc = run(g,
                  "SET client_encoding = 'UTF8';"
                  " SET extra_float_digits = 1",
                  err))
        < 0) {
        pg_close(&g->base);
        return rc;
    }
    *out = &g->base;
    return AFT_OK;
}
