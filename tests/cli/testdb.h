/*
 * testdb.h - the database a CLI test runs against: the SQLite file it
 * names, or, when AFTERCAST_TEST_PG holds a PostgreSQL server's
 * connection string (tests/pg/cluster.sh), a fresh database on it.
 */
#ifndef AFT_TEST_TESTDB_H
#define AFT_TEST_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Whether the tests run on PostgreSQL. */
static int
test_on_pg(void)
{
    const char *pg = getenv("AFTERCAST_TEST_PG");

    return pg != NULL && *pg != '\0';
}

/* Into out: path, or a new empty PostgreSQL database's conninfo. */
static int
test_db(char *out, size_t n, const char *path)
{
    static int seq;
    char cmd[1024];

    if (!test_on_pg())
        return snprintf(out, n, "%s", path) < (int)n ? 0 : -1;
    if (snprintf(out, n, "%s dbname=aft_%ld_%d", getenv("AFTERCAST_TEST_PG"),
                 (long)getpid(), ++seq)
        >= (int)n)
        return -1;
    snprintf(cmd, sizeof cmd,
             "psql -X -q -d '%s dbname=postgres' -c "
             "'CREATE DATABASE aft_%ld_%d' >/dev/null",
             getenv("AFTERCAST_TEST_PG"), (long)getpid(), seq);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
