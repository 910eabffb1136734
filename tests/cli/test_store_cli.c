/*
 * test_store_cli.c - the aftercast binary and its database: two imports
 * at once, an import waiting for another, a read-only copy, open errors.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "aftercast/aftercast.h"
#include "store/store_int.h"

#include "capture.h"

#define IMPORTED_ONE \
    "aftercast: imported 1 services, 0 clients, 0 incidents, 0 " \
    "maintenances\n"

static char tmpdir[64];

/* TMPDIR/name, in one of a few rotating buffers. */
static const char *
in_tmp(const char *name)
{
    static char paths[8][160];
    static int k;
    char *p = paths[k++ % 8];

    snprintf(p, 160, "%s/%s", tmpdir, name);
    return p;
}

static void
write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* Run shell text; its exit status. */
static int
sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    int st;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/aft-cli-XXXXXX");
    return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
    (void)state;
    return sh("chmod -R u+w '%s' && rm -rf '%s'", tmpdir, tmpdir) == 0 ? 0 : -1;
}

/* 2026-11-24: two first imports into a new database raced, and one
 * failed with "table service already exists" or "database is locked". */
static void
test_two_imports_into_a_new_database_both_succeed(void **state)
{
    int round;

    (void)state;
    write_file(in_tmp("a.ndjson"), "{\"kind\": \"service\", \"id\": \"a\"}\n");
    write_file(in_tmp("b.ndjson"), "{\"kind\": \"service\", \"id\": \"b\"}\n");
    for (round = 0; round < 5; round++) {
        char *err1, *err2, *out;
        assert_int_equal(sh("cd '%s' && rm -f n.db n.db-wal n.db-shm && "
                            "{ '%s' --db n.db import a.ndjson 2>e1 & "
                            "'%s' --db n.db import b.ndjson 2>e2 & wait; } && "
                            "'%s' --db n.db export services --format csv "
                            ">out",
                            tmpdir, AFT_CLI, AFT_CLI, AFT_CLI),
                         0);
        err1 = slurp_file(in_tmp("e1"));
        err2 = slurp_file(in_tmp("e2"));
        out = slurp_file(in_tmp("out"));
        assert_string_equal(err1, IMPORTED_ONE);
        assert_string_equal(err2, IMPORTED_ONE);
        assert_string_equal(out, "id,name\r\na,\r\nb,\r\n");
        free(err1);
        free(err2);
        free(out);
    }
}

/* 2026-11-24: an import failed after 5 s ("database is locked") while
 * another ran; it now waits, and says what for after a few seconds. */
static void
test_import_waits_for_another_and_says_so(void **state)
{
    const char *db = in_tmp("w.db");
    aft_service a = {.id = "a"};
    aft_store *s;
    char *err, *out;
    int held[2];
    pid_t pid;
    char c;

    (void)state;
    write_file(in_tmp("b.ndjson"), "{\"kind\": \"service\", \"id\": \"b\"}\n");
    assert_int_equal(aft_store_open(&s, db, AFT_STORE_CREATE, NULL), AFT_OK);
    aft_store_close(s);
    assert_int_equal(pipe(held), 0);
    assert_true((pid = fork()) >= 0);
    if (pid == 0) {
        /* Another import, holding the write lock for 6 s. */
        int ok;
        close(held[0]);
        ok = aft_store_open(&s, db, 0, NULL) == AFT_OK
             && aft_store__begin(s, NULL) == AFT_OK
             && aft_store__put_service(s, &a, NULL) == AFT_OK
             && write(held[1], "x", 1) == 1;
        sleep(6);
        ok = ok && aft_store__commit(s, NULL) == AFT_OK;
        aft_store_close(s);
        _exit(ok ? 0 : 1);
    }
    close(held[1]);
    assert_int_equal(read(held[0], &c, 1), 1);
    close(held[0]);
    assert_int_equal(sh("cd '%s' && '%s' --db w.db import b.ndjson 2>e && "
                        "'%s' --db w.db export services --format csv >out",
                        tmpdir, AFT_CLI, AFT_CLI),
                     0);
    assert_int_equal(waitpid(pid, NULL, 0), pid);
    err = slurp_file(in_tmp("e"));
    out = slurp_file(in_tmp("out"));
    assert_string_equal(err, "aftercast: waiting for another import to "
                             "finish...\n" IMPORTED_ONE);
    assert_string_equal(out, "id,name\r\na,\r\nb,\r\n");
    free(err);
    free(out);
}

/* 2026-11-24: availability and export failed on a read-only database in
 * a read-only directory (WAL wanted to create its -shm file). Run as
 * nobody when the tests run as root, who ignores permission bits. */
static void
test_reads_a_read_only_copy(void **state)
{
    char *out, *err;
    pid_t pid;
    int st;

    (void)state;
    write_file(in_tmp("a.ndjson"), "{\"kind\": \"service\", \"id\": \"a\"}\n");
    assert_int_equal(sh("cd '%s' && mkdir ro && mkdir -m 0777 w && "
                        "'%s' --db ro/r.db import a.ndjson 2>/dev/null && "
                        "chmod 0444 ro/r.db && chmod 0555 ro && chmod 0755 .",
                        tmpdir, AFT_CLI),
                     0);
    assert_true((pid = fork()) >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(90);
        _exit(sh("cd '%s' && '%s' --db ro/r.db export services --format "
                 "csv >w/out 2>w/e && '%s' --db ro/r.db import a.ndjson "
                 "2>>w/e; [ $? = 1 ] && ls ro >>w/out",
                 tmpdir, AFT_CLI, AFT_CLI));
    }
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    out = slurp_file(in_tmp("w/out"));
    err = slurp_file(in_tmp("w/e"));
    assert_string_equal(out, "id,name\r\na,\r\nr.db\n");
    assert_string_equal(err, "aftercast: error: cannot open database "
                             "'ro/r.db': attempt to write a readonly "
                             "database\n");
    assert_int_equal(WEXITSTATUS(st), 0);
    free(out);
    free(err);
}

/* 2026-11-24: every open error was garbled (formatted into itself). */
static void
test_open_error_is_readable(void **state)
{
    char *err;

    (void)state;
    write_file(in_tmp("notes.txt"), "not a database\n");
    assert_int_equal(sh("cd '%s' && '%s' --db notes.txt export services "
                        "2>e >/dev/null",
                        tmpdir, AFT_CLI),
                     1);
    err = slurp_file(in_tmp("e"));
    assert_string_equal(err, "aftercast: error: cannot open database "
                             "'notes.txt': file is not a database\n");
    free(err);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_two_imports_into_a_new_database_both_succeed, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_import_waits_for_another_and_says_so, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reads_a_read_only_copy, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_open_error_is_readable, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
