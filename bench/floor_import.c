/*
 * floor_import.c - the import's floor: what reading an NDJSON history
 * costs with the libraries aftercast uses and nothing else. Each line is
 * parsed with jansson; unless --parse-only, every record and child row
 * goes into a minimal rowid table without secondary keys, foreign keys or
 * checks, in one transaction, with the pragmas aftercast opens its
 * database with.
 *
 * usage: floor_import [--parse-only] FILE.ndjson DB
 */
#define _POSIX_C_SOURCE 200809L

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    S_SERVICE,
    S_CLIENT,
    S_SUB,
    S_CREDIT,
    S_INCIDENT,
    S_IMPACT,
    S_UPDATE,
    S_MAINT,
    S_MSERVICE,
    S_COUNT
};

static const char SCHEMA[] =
    "CREATE TABLE service(id TEXT, name TEXT);"
    "CREATE TABLE client(id TEXT, name TEXT, timezone TEXT, sla_target REAL);"
    "CREATE TABLE subscription(client_id TEXT, pos INTEGER, service_id TEXT);"
    "CREATE TABLE client_credit(client_id TEXT, pos INTEGER, below REAL,"
    " credit REAL);"
    "CREATE TABLE incident(id TEXT, title TEXT, severity TEXT,"
    " started_at INTEGER, resolved_at INTEGER);"
    "CREATE TABLE impact(incident_id TEXT, pos INTEGER, service_id TEXT,"
    " level TEXT);"
    "CREATE TABLE incident_update(incident_id TEXT, pos INTEGER,"
    " at INTEGER, status TEXT, body TEXT);"
    "CREATE TABLE maintenance(id TEXT, title TEXT, scheduled_start INTEGER,"
    " scheduled_end INTEGER, notified_at INTEGER);"
    "CREATE TABLE maintenance_service(maintenance_id TEXT, service_id TEXT);";

static const char *const SQL[S_COUNT] = {
    "INSERT INTO service VALUES (?1, ?2)",
    "INSERT INTO client VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO subscription VALUES (?1, ?2, ?3)",
    "INSERT INTO client_credit VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO incident VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO impact VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO incident_update VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO maintenance VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO maintenance_service VALUES (?1, ?2)",
};

static sqlite3 *db;
static sqlite3_stmt *st[S_COUNT];

/* An RFC 3339 UTC instant "YYYY-MM-DDTHH:MM:SSZ" as Unix seconds (the
 * generator writes only that form); -1 if it is not one. */
static long long
instant(const char *s)
{
    int y, mo, d, h, mi, se;
    long long days;

    if (s == NULL
        || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se)
               != 6)
        return -1;
    y -= mo <= 2;
    days = (long long)(y / 400) * 146097 - 719468
           + ((y % 400) * 365 + (y % 400) / 4 - (y % 400) / 100)
           + (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return days * 86400 + h * 3600 + mi * 60 + se;
}

static void
text(sqlite3_stmt *s, int i, json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));

    if (v != NULL)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static int
run(int k)
{
    int rc = sqlite3_step(st[k]);

    sqlite3_reset(st[k]);
    sqlite3_clear_bindings(st[k]);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int
put_client(json_t *o)
{
    const char *id = json_string_value(json_object_get(o, "id"));
    json_t *v;
    size_t i;
    int bad = 0;

    text(st[S_CLIENT], 1, o, "id");
    text(st[S_CLIENT], 2, o, "name");
    text(st[S_CLIENT], 3, o, "timezone");
    sqlite3_bind_double(st[S_CLIENT], 4,
                        json_number_value(json_object_get(o, "sla_target")));
    bad |= run(S_CLIENT);
    json_array_foreach(json_object_get(o, "services"), i, v)
    {
        sqlite3_bind_text(st[S_SUB], 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st[S_SUB], 2, (int)i);
        sqlite3_bind_text(st[S_SUB], 3, json_string_value(v), -1,
                          SQLITE_STATIC);
        bad |= run(S_SUB);
    }
    json_array_foreach(json_object_get(o, "credits"), i, v)
    {
        sqlite3_bind_text(st[S_CREDIT], 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st[S_CREDIT], 2, (int)i);
        sqlite3_bind_double(st[S_CREDIT], 3,
                            json_number_value(json_object_get(v, "below")));
        sqlite3_bind_double(st[S_CREDIT], 4,
                            json_number_value(json_object_get(v, "credit")));
        bad |= run(S_CREDIT);
    }
    return bad;
}

static int
put_incident(json_t *o)
{
    const char *id = json_string_value(json_object_get(o, "id"));
    json_t *v;
    size_t i;
    int bad = 0;

    text(st[S_INCIDENT], 1, o, "id");
    text(st[S_INCIDENT], 2, o, "title");
    text(st[S_INCIDENT], 3, o, "severity");
    sqlite3_bind_int64(
        st[S_INCIDENT], 4,
        instant(json_string_value(json_object_get(o, "started_at"))));
    sqlite3_bind_int64(
        st[S_INCIDENT], 5,
        instant(json_string_value(json_object_get(o, "resolved_at"))));
    bad |= run(S_INCIDENT);
    json_array_foreach(json_object_get(o, "impacts"), i, v)
    {
        sqlite3_bind_text(st[S_IMPACT], 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st[S_IMPACT], 2, (int)i);
        text(st[S_IMPACT], 3, v, "service");
        text(st[S_IMPACT], 4, v, "level");
        bad |= run(S_IMPACT);
    }
    json_array_foreach(json_object_get(o, "updates"), i, v)
    {
        sqlite3_bind_text(st[S_UPDATE], 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st[S_UPDATE], 2, (int)i);
        sqlite3_bind_int64(st[S_UPDATE], 3,
                           instant(json_string_value(json_object_get(v,
                                                                     "at"))));
        text(st[S_UPDATE], 4, v, "status");
        text(st[S_UPDATE], 5, v, "body");
        bad |= run(S_UPDATE);
    }
    return bad;
}

static int
put_maintenance(json_t *o)
{
    static const char *const at[] = {"scheduled_start", "scheduled_end",
                                     "notified_at"};
    const char *id = json_string_value(json_object_get(o, "id"));
    json_t *v;
    size_t i;
    int bad = 0;

    text(st[S_MAINT], 1, o, "id");
    text(st[S_MAINT], 2, o, "title");
    for (i = 0; i < 3; i++)
        sqlite3_bind_int64(st[S_MAINT], (int)i + 3,
                           instant(json_string_value(json_object_get(o,
                                                                     at[i]))));
    bad |= run(S_MAINT);
    json_array_foreach(json_object_get(o, "services"), i, v)
    {
        sqlite3_bind_text(st[S_MSERVICE], 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st[S_MSERVICE], 2, json_string_value(v), -1,
                          SQLITE_STATIC);
        bad |= run(S_MSERVICE);
    }
    return bad;
}

static int
put(json_t *o)
{
    const char *kind = json_string_value(json_object_get(o, "kind"));

    if (kind == NULL)
        return -1;
    if (strcmp(kind, "incident") == 0)
        return put_incident(o);
    if (strcmp(kind, "maintenance") == 0)
        return put_maintenance(o);
    if (strcmp(kind, "client") == 0)
        return put_client(o);
    if (strcmp(kind, "service") == 0) {
        text(st[S_SERVICE], 1, o, "id");
        text(st[S_SERVICE], 2, o, "name");
        return run(S_SERVICE);
    }
    return -1;
}

static int
open_db(const char *path)
{
    int k;

    remove(path);
    if (sqlite3_open(path, &db) != SQLITE_OK
        || sqlite3_exec(
               db,
               "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
               " PRAGMA cache_size = -32768;",
               NULL, NULL, NULL)
               != SQLITE_OK
        || sqlite3_exec(db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    for (k = 0; k < S_COUNT; k++)
        if (sqlite3_prepare_v2(db, SQL[k], -1, &st[k], NULL) != SQLITE_OK)
            return -1;
    return 0;
}

int
main(int argc, char **argv)
{
    int parse_only = argc > 1 && strcmp(argv[1], "--parse-only") == 0;
    const char *file = argc > 1 + parse_only ? argv[1 + parse_only] : NULL;
    const char *path = argc > 2 + parse_only ? argv[2 + parse_only] : NULL;
    FILE *fp;
    char *line = NULL;
    size_t cap = 0;
    long n = 0, bad = 0;
    int k;

    if (file == NULL || (!parse_only && path == NULL)) {
        fprintf(stderr, "usage: floor_import [--parse-only] FILE DB\n");
        return 2;
    }
    if ((fp = fopen(file, "r")) == NULL || (!parse_only && open_db(path) < 0)) {
        fprintf(stderr, "floor_import: cannot open %s\n", fp ? path : file);
        return 1;
    }
    while (getline(&line, &cap, fp) > 0) {
        json_error_t e;
        json_t *o = json_loads(line, 0, &e);

        n++;
        if (o == NULL || (!parse_only && put(o) != 0))
            bad++;
        json_decref(o);
    }
    free(line);
    fclose(fp);
    if (!parse_only) {
        for (k = 0; k < S_COUNT; k++)
            sqlite3_finalize(st[k]);
        if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            bad++;
        sqlite3_close(db);
    }
    fprintf(stderr, "floor_import: %ld lines, %ld bad\n", n, bad);
    return bad != 0;
}
