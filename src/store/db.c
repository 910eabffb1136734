/*
 * db.c - what the store's drivers share: which driver a target needs,
 * and how long a writer waits for another.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <string.h>
#include <time.h>

#include "store/db.h"

#define WAIT_NOTICE "waiting for another import to finish..."

int
db_is_pg(const char *t)
{
    const char *p;

    if (strncmp(t, "postgresql://", 13) == 0
        || strncmp(t, "postgres://", 11) == 0)
        return 1;
    /* A libpq keyword string: optional blanks, a word, blanks, '='. */
    while (isspace((unsigned char)*t))
        t++;
    for (p = t; isalnum((unsigned char)*p) || *p == '_'; p++)
        ;
    if (p == t)
        return 0;
    while (isspace((unsigned char)*p))
        p++;
    return *p == '=';
}

int64_t
db_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
db_keep_waiting(db *d, int64_t waited_ms)
{
    if (waited_ms >= DB_WAIT_MAX_MS)
        return 0;
    if (waited_ms >= DB_WAIT_NOTICE_MS && !d->noticed && d->notice != NULL) {
        d->noticed = 1;
        d->notice(WAIT_NOTICE, d->notice_payload);
    }
    return 1;
}

void
db_wait_sleep(int n)
{
    int ms = n < 10 ? 1 + 2 * n : 50;
    struct timespec ts = {0, (long)ms * 1000000L};

    nanosleep(&ts, NULL);
}
