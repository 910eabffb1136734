/*
 * stepprof.c - where a process's SQLite time goes, statement by
 * statement: an LD_PRELOAD library that wraps sqlite3_step and, at exit,
 * prints to stderr each statement's text with its step count and the
 * wall time spent stepping it, largest first.
 *
 * usage: LD_PRELOAD=build/bench/libstepprof.so aftercast ...
 */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOTS 256

typedef struct slot {
    char *sql;
    long long steps;
    double secs;
} slot;

static slot slots[SLOTS];
static int n_slots;
static int (*real_step)(sqlite3_stmt *);

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
by_time(const void *a, const void *b)
{
    double x = ((const slot *)a)->secs, y = ((const slot *)b)->secs;

    return x < y ? 1 : x > y ? -1 : 0;
}

static void
report(void)
{
    double total = 0;
    int i;

    qsort(slots, (size_t)n_slots, sizeof slots[0], by_time);
    for (i = 0; i < n_slots; i++)
        total += slots[i].secs;
    fprintf(stderr, "stepprof: %.3f s in sqlite3_step\n", total);
    for (i = 0; i < n_slots && i < 20; i++)
        fprintf(stderr, "stepprof: %8.3f s %9lld steps  %.150s\n",
                slots[i].secs, slots[i].steps, slots[i].sql);
}

int
sqlite3_step(sqlite3_stmt *st)
{
    const char *sql = sqlite3_sql(st);
    double t0;
    int rc, i;

    if (real_step == NULL) {
        *(void **)&real_step = dlsym(RTLD_NEXT, "sqlite3_step");
        atexit(report);
    }
    t0 = now();
    rc = real_step(st);
    t0 = now() - t0;
    if (sql == NULL)
        sql = "?";
    for (i = 0; i < n_slots; i++)
        if (strcmp(slots[i].sql, sql) == 0)
            break;
    if (i == n_slots && n_slots < SLOTS)
        slots[n_slots++].sql = strdup(sql);
    if (i < SLOTS) {
        slots[i].steps++;
        slots[i].secs += t0;
    }
    return rc;
}
