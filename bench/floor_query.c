/*
 * floor_query.c - the month queries' floor: the SQL scan of what one
 * month's availability or metrics reads from an aftercast database, every
 * column the loaders read copied into memory, nothing computed. Clients
 * and services with their children, then the incidents and maintenances
 * touching [month start - 2 days, month end + 2 days) and their child rows
 * (one joined query per child table).
 *
 * usage: floor_query DB YYYY-MM
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies of every value read, in 1 MB chunks (the loaders' arena). */
typedef struct chunk {
    struct chunk *next;
    size_t used;
    char data[1 << 20];
} chunk;

static chunk *mem;
static long long rows, cells;

static void *
keep(const void *p, size_t n)
{
    char *dst;

    if (mem == NULL || mem->used + n > sizeof mem->data) {
        chunk *c = malloc(sizeof *c);
        if (c == NULL)
            exit(1);
        c->next = mem;
        c->used = 0;
        mem = c;
    }
    dst = mem->data + mem->used;
    memcpy(dst, p, n);
    mem->used += (n + 7) & ~(size_t)7;
    return dst;
}

static long long
days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    return (long long)(y / 400) * 146097 - 719468
           + ((y % 400) * 365 + (y % 400) / 4 - (y % 400) / 100)
           + (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
}

/* Runs sql with ?1 = lo, ?2 = hi, ?3 = longest span; keeps every column
 * of every row. */
static int
scan(sqlite3 *db, const char *sql, long long lo, long long hi, long long span)
{
    sqlite3_stmt *st;
    int rc, i, n;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "floor_query: %s: %s\n", sqlite3_errmsg(db), sql);
        return -1;
    }
    if (sqlite3_bind_parameter_count(st) >= 3) {
        sqlite3_bind_int64(st, 1, lo);
        sqlite3_bind_int64(st, 2, hi);
        sqlite3_bind_int64(st, 3, span);
    }
    n = sqlite3_column_count(st);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rows++;
        for (i = 0; i < n; i++, cells++) {
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_TEXT:
                keep(sqlite3_column_text(st, i),
                     (size_t)sqlite3_column_bytes(st, i) + 1);
                break;
            case SQLITE_INTEGER: {
                long long v = sqlite3_column_int64(st, i);
                keep(&v, sizeof v);
                break;
            }
            case SQLITE_FLOAT: {
                double v = sqlite3_column_double(st, i);
                keep(&v, sizeof v);
                break;
            }
            default:
                break;
            }
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static long long
longest(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v = 0;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

#define INC_TOUCH \
    " (i.span_start < ?2 AND i.span_start >= ?1 - ?3 AND i.span_end >= ?1)" \
    " OR (i.span_end IS NULL AND i.span_start < ?2)"
#define MNT_TOUCH \
    " (m.span_start < ?2 AND m.span_start >= ?1 - ?3 AND m.span_end >= ?1)"

static const char *const FIXED[] = {
    "SELECT id, name, timezone, sla_target, notice_days, partial_weight,"
    " degraded_weight, update_interval_minutes FROM client",
    "SELECT client_id, below, credit FROM client_credit",
    "SELECT client_id, spec FROM client_hours",
    "SELECT client_id, day FROM client_holiday",
    "SELECT client_id, service_id, sla_target, from_day, until_day"
    " FROM subscription",
    "SELECT id, name FROM service",
};

static const char *const INCIDENTS[] = {
    "SELECT i.id, i.title, i.severity, i.started_at, i.detected_at,"
    " i.acknowledged_at, i.resolved_at, i.root_cause, i.resolution"
    " FROM incident i WHERE" INC_TOUCH,
    "SELECT c.incident_id, c.service_id, c.level, c.start_at, c.end_at"
    " FROM incident i JOIN impact c ON c.incident_id = i.id WHERE" INC_TOUCH,
    "SELECT c.incident_id, c.client_id FROM incident i JOIN incident_client c"
    " ON c.incident_id = i.id WHERE" INC_TOUCH,
    "SELECT c.incident_id, c.at, c.status, c.body FROM incident i"
    " JOIN incident_update c ON c.incident_id = i.id WHERE" INC_TOUCH,
    "SELECT c.incident_id, c.action, c.owner, c.due, c.status FROM incident i"
    " JOIN incident_action c ON c.incident_id = i.id WHERE" INC_TOUCH,
};

static const char *const MAINTENANCES[] = {
    "SELECT m.id, m.title, m.scheduled_start, m.scheduled_end,"
    " m.actual_start, m.actual_end, m.notified_at, m.impact, m.status,"
    " m.summary, m.issues FROM maintenance m WHERE" MNT_TOUCH,
    "SELECT c.maintenance_id, c.service_id FROM maintenance m"
    " JOIN maintenance_service c ON c.maintenance_id = m.id WHERE" MNT_TOUCH,
    "SELECT c.maintenance_id, c.client_id FROM maintenance m"
    " JOIN maintenance_client c ON c.maintenance_id = m.id WHERE" MNT_TOUCH,
};

int
main(int argc, char **argv)
{
    sqlite3 *db;
    int y, m, bad = 0;
    size_t k;
    long long lo, hi, inc_span, mnt_span;

    if (argc != 3 || sscanf(argv[2], "%4d-%2d", &y, &m) != 2) {
        fprintf(stderr, "usage: floor_query DB YYYY-MM\n");
        return 2;
    }
    lo = (days_from_civil(y, m, 1) - 2) * 86400;
    hi = (days_from_civil(y + (m == 12), m % 12 + 1, 1) + 2) * 86400;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
        || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "floor_query: cannot open %s\n", argv[1]);
        return 1;
    }
    inc_span = longest(db, "SELECT coalesce(max(span_end - span_start), 0)"
                           " FROM incident");
    mnt_span = longest(db, "SELECT coalesce(max(span_end - span_start), 0)"
                           " FROM maintenance");
    for (k = 0; k < sizeof FIXED / sizeof FIXED[0]; k++)
        bad |= scan(db, FIXED[k], 0, 0, 0);
    for (k = 0; k < sizeof INCIDENTS / sizeof INCIDENTS[0]; k++)
        bad |= scan(db, INCIDENTS[k], lo, hi, inc_span);
    for (k = 0; k < sizeof MAINTENANCES / sizeof MAINTENANCES[0]; k++)
        bad |= scan(db, MAINTENANCES[k], lo, hi, mnt_span);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    fprintf(stderr, "floor_query: %lld rows, %lld values\n", rows, cells);
    while (mem != NULL) {
        chunk *c = mem->next;
        free(mem);
        mem = c;
    }
    return bad != 0;
}
