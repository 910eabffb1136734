/*
 * test_db.c - the store's drivers: which one a --db value picks, and the
 * SQLite driver's statements, versions and transactions, the PostgreSQL
 * driver's message without a server. Against a real server: tests/pg/.
 */
#include "cmocka_all.h"

#include "store/db.h"
#include "store/store_int.h"
#include "testutil.h"

static void
test_is_pg(void **state)
{
    (void)state;
    assert_true(db_is_pg("postgresql://aftercast@db.example/aftercast"));
    assert_true(db_is_pg("postgres://db/x?sslmode=verify-full"));
    assert_true(db_is_pg("host=db dbname=aftercast"));
    assert_true(db_is_pg("  dbname = aftercast"));
    assert_true(db_is_pg("service=x"));
    /* 2026-11-24: "v2=final.db" was taken for a connection string; only
     * libpq's own keywords start one. */
    assert_false(db_is_pg("v2=final.db"));
    assert_false(db_is_pg("service_name=x"));
    assert_false(db_is_pg("aftercast.db"));
    assert_false(db_is_pg("/var/lib/aftercast/a=b.db"));
    assert_false(db_is_pg("./host=db"));
    assert_false(db_is_pg("postgresql:/x"));
    assert_false(db_is_pg(":memory:"));
    assert_false(db_is_pg("= x"));
    assert_false(db_is_pg(""));
}

static void
test_sqlite_statements(void **state)
{
    aft_error err = {0};
    db_stmt *st;
    db *d;
    int v = -1;

    (void)state;
    assert_int_equal(db_sqlite_open(&d, ":memory:", DB_CREATE, NULL, NULL,
                                    &err),
                     AFT_OK);
    assert_int_equal(db_version(d, &v, &err), AFT_OK);
    assert_int_equal(v, 0);
    assert_int_equal(db_begin_write(d, &err), AFT_OK);
    assert_int_equal(db_exec_ddl(d,
                                 "CREATE TABLE t(a TEXT, b INTEGER,"
                                 " c REAL) STRICT;",
                                 &err),
                     AFT_OK);
    assert_int_equal(db_set_version(d, 7, &err), AFT_OK);
    assert_int_equal(db_commit(d, &err), AFT_OK);
    assert_int_equal(db_version(d, &v, &err), AFT_OK);
    assert_int_equal(v, 7);

    st = db_prepare(d, "INSERT INTO t VALUES (?1, ?2, ?3)", DB_KEEP, &err);
    assert_non_null(st);
    db_bind_text(st, 1, "x", 0);
    db_bind_int64(st, 2, INT64_C(1) << 40);
    db_bind_double(st, 3, 0.1);
    assert_int_equal(db_step(st, &err), DB_DONE);
    assert_int_equal(db_changes(d), 1);
    db_reset(st);
    db_bind_null(st, 1);
    assert_int_equal(db_step(st, &err), DB_DONE);
    db_finalize(st);

    st = db_prepare(d, "SELECT a, b, c FROM t ORDER BY +a", 0, &err);
    assert_non_null(st);
    assert_int_equal(db_step(st, &err), DB_ROW);
    assert_true(db_col_null(st, 0));
    assert_int_equal(db_step(st, &err), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "x");
    assert_int_equal(db_col_int64(st, 1), INT64_C(1) << 40);
    assert_true(db_col_double(st, 2) == 0.1);
    assert_int_equal(db_step(st, &err), DB_DONE);
    db_finalize(st);

    assert_null(db_prepare(d, "SELECT nope FROM t", 0, &err));
    assert_int_equal(err.code, AFT_EDB);
    assert_string_equal(err.message, "prepare: no such column: nope");
    db_close(d);
}

/* No server: a clear message that names the database by its parts and
 * never quotes the password. */
static void
test_pg_unreachable(void **state)
{
    aft_error err = {0};
    db *d = NULL;

    (void)state;
    assert_int_equal(db_pg_open(&d,
                                "host=127.0.0.1 port=1 user=u dbname=x"
                                " password=SeCrEt-pw connect_timeout=2",
                                0, NULL, NULL, &err),
                     AFT_EDB);
    assert_null(d);
    assert_int_equal(err.code, AFT_EDB);
    assert_true(strncmp(err.message,
                        "cannot open database 'postgresql://u@127.0.0.1:1/x':"
                        " connection to server at \"127.0.0.1\", port 1"
                        " failed: ",
                        strlen("cannot open database 'postgresql://u@127.0.0.1"
                               ":1/x': connection to server at \"127.0.0.1\","
                               " port 1 failed: "))
                == 0);
    assert_null(strstr(err.message, "SeCrEt"));
    assert_null(strchr(err.message, '\n'));
    assert_int_equal(db_pg_open(&d,
                                "postgresql://u:SeCrEt-pw@127.0.0.1:1/x"
                                "?connect_timeout=2",
                                0, NULL, NULL, &err),
                     AFT_EDB);
    assert_null(strstr(err.message, "SeCrEt"));
}

static int
got_service(aft_kind kind, const void *record, void *payload)
{
    const aft_service *r = record;

    assert_int_equal(kind, AFT_KIND_SERVICE);
    snprintf(payload, 64, "%s=%s", r->id, r->name);
    return 0;
}

/* A store copied whole into another, through the library call. */
static void
test_store_copy(void **state)
{
    aft_store *a, *b;
    aft_error err = {0};
    aft_service svc = {"api", "Public API"};
    size_t n[AFT_KIND_COUNT];
    char seen[64] = "";

    (void)state;
    assert_int_equal(aft_store_open(&a, ":memory:", AFT_STORE_CREATE, &err),
                     AFT_OK);
    assert_int_equal(aft_store_open(&b, ":memory:", AFT_STORE_CREATE, &err),
                     AFT_OK);
    assert_int_equal(aft_store__begin(a, &err), AFT_OK);
    assert_int_equal(aft_store__put_service(a, &svc, &err), AFT_OK);
    assert_int_equal(aft_store__commit(a, &err), AFT_OK);
    assert_int_equal(aft_store_copy(a, b, n, &err), AFT_OK);
    assert_int_equal(n[AFT_KIND_SERVICE], 1);
    assert_int_equal(n[AFT_KIND_CLIENT], 0);
    assert_int_equal(n[AFT_KIND_INCIDENT], 0);
    assert_int_equal(n[AFT_KIND_MAINTENANCE], 0);
    assert_int_equal(aft_store_each(b, AFT_KIND_SERVICE, got_service, seen,
                                    &err),
                     AFT_OK);
    assert_string_equal(seen, "api=Public API");
    aft_store_close(a);
    aft_store_close(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_is_pg),
        cmocka_unit_test(test_sqlite_statements),
        cmocka_unit_test(test_pg_unreachable),
        cmocka_unit_test(test_store_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
