/*
 * db.c - what the store's drivers share: which driver a target needs,
 * and how long a writer waits for another.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store/db.h"

#define WAIT_NOTICE "waiting for another import to finish..."

/* Whether the n bytes at w are a libpq connection keyword. */
static int
is_keyword(const char *w, size_t n)
{
    static const char *const KEYS[] = {"host",
                                       "hostaddr",
                                       "port",
                                       "dbname",
                                       "user",
                                       "password",
                                       "passfile",
                                       "service",
                                       "connect_timeout",
                                       "client_encoding",
                                       "options",
                                       "application_name",
                                       "fallback_application_name",
                                       "keepalives",
                                       "sslmode",
                                       "sslcert",
                                       "sslkey",
                                       "sslrootcert",
                                       "sslcrl",
                                       "requiressl",
                                       "gssencmode",
                                       "krbsrvname",
                                       "target_session_attrs"};
    size_t i;

    for (i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        if (strlen(KEYS[i]) == n && strncmp(KEYS[i], w, n) == 0)
            return 1;
    return 0;
}

int
db_is_pg(const char *t)
{
    struct stat st;
    const char *p;

    if (strncmp(t, "postgresql://", 13) == 0
        || strncmp(t, "postgres://", 11) == 0)
        return 1;
    /* An existing file is a SQLite database, whatever its name. */
    if (stat(t, &st) == 0)
        return 0;
    /* A libpq keyword string: optional blanks, one of libpq's keywords,
     * blanks, '='. */
    while (isspace((unsigned char)*t))
        t++;
    for (p = t; isalnum((unsigned char)*p) || *p == '_'; p++)
        ;
    if (p == t || !is_keyword(t, (size_t)(p - t)))
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
