/*
 * test_store_open.c - opening the store: error messages, two processes
 * at once, waiting for a running import, read-only files.
 */
#include "cmocka_all.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "store/store_int.h"
#include "testutil.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
copy_file(const char *from, const char *to)
{
    char buf[8192];
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    size_t n;

    assert_non_null(in);
    assert_non_null(out);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static int
exists(const char *dir, const char *name)
{
    char path[192];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* The number of stored records of kind. */
static int
count_one(aft_kind kind, const void *record, void *payload)
{
    (void)kind;
    (void)record;
    (*(int *)payload)++;
    return 0;
}

static int
count(aft_store *s, aft_kind kind)
{
    int n = 0;

    if (aft_store_each(s, kind, count_one, &n, NULL) != AFT_OK)
        return -1;
    return n;
}

/* Import one file into the database at db, as `aftercast import` does:
 * its own connection, created if missing. */
static int
import_into(const char *db, const char *file, const aft_store_opts *so,
            aft_error *err)
{
    aft_store_opts dflt;
    aft_import_opts o;
    aft_import_stats st;
    aft_store *s;
    int rc;

    memset(&dflt, 0, sizeof dflt);
    dflt.flags = AFT_STORE_CREATE;
    memset(&o, 0, sizeof o);
    if ((rc = aft_store_open_ext(&s, db, so ? so : &dflt, err)) < 0)
        return rc;
    rc = aft_import_files(s, &file, 1, &o, &st, err);
    aft_store_close(s);
    return rc;
}

/* Wait for child pid; its exit status. */
static int
child_status(pid_t pid)
{
    int status;

    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* End a forked child. It frees its copy of the fixture, whose store the
 * parent closed before forking, so that valgrind finds no leak in it. */
static void
child_exit(fixture *f, int status)
{
    free(f);
    _exit(status);
}

/* ------------------------------------------------------------------ */
/* Error messages                                                      */

/* 2026-11-24: every open error read garbage: the message was formatted
 * into itself (overlapping vsnprintf). */
static void
test_store_open_errors_name_the_file(void **state)
{
    fixture *f = fixture_new();
    aft_store *s = NULL;
    aft_error err;
    char path[192], want[512];
    FILE *fp;

    (void)state;
    /* A file that is not SQLite. */
    snprintf(path, sizeof path, "%s",
             fixture_file(f, "notes.txt", "not a database, some notes\n"));
    snprintf(want, sizeof want,
             "cannot open database '%s': file is not a database", path);
    assert_int_equal(aft_store_open(&s, path, 0, &err), AFT_EDB);
    assert_string_equal(err.message, want);
    assert_null(s);
    assert_int_equal(aft_store_open(&s, path, AFT_STORE_READONLY, &err),
                     AFT_EDB);
    assert_string_equal(err.message, want);

    /* A directory that does not exist. */
    snprintf(path, sizeof path, "%s/no/such/dir/t.db", f->dir);
    snprintf(want, sizeof want,
             "cannot open database '%s': unable to open database file", path);
    assert_int_equal(aft_store_open(&s, path, AFT_STORE_CREATE, &err), AFT_EDB);
    assert_string_equal(err.message, want);

    /* A schema from a later aftercast: user_version, bytes 60-63 of the
     * header, set to 4 once the store is closed and its WAL folded in. */
    aft_store_close(f->store);
    f->store = NULL;
    assert_non_null(fp = fopen(f->db, "r+b"));
    assert_int_equal(fseek(fp, 60, SEEK_SET), 0);
    assert_int_equal(fwrite("\0\0\0\4", 1, 4, fp), 4);
    assert_int_equal(fclose(fp), 0);
    snprintf(want, sizeof want,
             "cannot open database '%s': schema version 4 is newer than "
             "this aftercast understands (3)",
             f->db);
    assert_int_equal(aft_store_open(&s, f->db, 0, &err), AFT_EDB);
    assert_string_equal(err.message, want);
    assert_int_equal(aft_store_open(&s, f->db, AFT_STORE_READONLY, &err),
                     AFT_EDB);
    assert_string_equal(err.message, want);
    fixture_free(f);
}

/* ------------------------------------------------------------------ */
/* Two writers                                                         */

/* 2026-11-24: two first imports into a new database raced: the schema
 * version was read before the write lock, and one failed with "table
 * service already exists" or "database is locked". */
static void
test_store_first_imports_into_a_new_database_both_succeed(void **state)
{
    fixture *f = fixture_new();
    const char *files[2];
    char db[192];
    int round, k;

    (void)state;
    files[0] = fixture_file(f, "a.ndjson",
                            "{\"kind\": \"service\", "
                            "\"id\": \"a\"}\n");
    files[1] = fixture_file(f, "b.ndjson",
                            "{\"kind\": \"service\", "
                            "\"id\": \"b\"}\n");
    aft_store_close(f->store);
    f->store = NULL;
    for (round = 0; round < 10; round++) {
        int go[2];
        pid_t pid[2];
        aft_store *s;
        char c;

        snprintf(db, sizeof db, "%s/new%d.db", f->dir, round);
        assert_int_equal(pipe(go), 0);
        for (k = 0; k < 2; k++) {
            assert_true((pid[k] = fork()) >= 0);
            if (pid[k] == 0) {
                aft_error err;
                int rc;
                close(go[1]);
                /* Both start when the parent closes the pipe. */
                if (read(go[0], &c, 1) != 0)
                    child_exit(f, 3);
                rc = import_into(db, files[k], NULL, &err);
                if (rc < 0)
                    fprintf(stderr, "import %d: %s\n", k, err.message);
                child_exit(f, rc == AFT_OK ? 0 : 1);
            }
        }
        close(go[0]);
        close(go[1]);
        for (k = 0; k < 2; k++)
            assert_int_equal(child_status(pid[k]), 0);
        assert_int_equal(aft_store_open(&s, db, 0, NULL), AFT_OK);
        assert_int_equal(aft_store_schema_version(s), 3);
        assert_int_equal(count(s, AFT_KIND_SERVICE), 2);
        aft_store_close(s);
    }
    fixture_free(f);
}

static void
on_notice(const char *msg, void *payload)
{
    fixture *f = payload;
    size_t n = strlen(f->reports);

    snprintf(f->reports + n, sizeof f->reports - n, "%s\n", msg);
    f->nreports++;
}

/* 2026-11-24: a second import failed after 5 s ("database is locked")
 * while a long one ran: it now waits, and says so after a few seconds. */
static void
test_store_import_waits_for_a_running_import(void **state)
{
    fixture *f = fixture_new();
    const char *file = fixture_file(f, "b.ndjson",
                                    "{\"kind\": \"service\", "
                                    "\"id\": \"b\"}\n");
    aft_store_opts o;
    aft_error err;
    struct timespec t0, t1;
    int held[2];
    pid_t pid;
    char c;

    (void)state;
    aft_store_close(f->store);
    f->store = NULL;
    assert_int_equal(pipe(held), 0);
    assert_true((pid = fork()) >= 0);
    if (pid == 0) {
        /* The long import: holds the write lock for 6 s. */
        aft_service a = {.id = "a"};
        aft_store *s;
        int ok;
        close(held[0]);
        ok = aft_store_open(&s, f->db, 0, NULL) == AFT_OK
             && aft_store__begin(s, NULL) == AFT_OK
             && aft_store__put_service(s, &a, NULL) == AFT_OK
             && write(held[1], "x", 1) == 1;
        sleep(6);
        ok = ok && aft_store__commit(s, NULL) == AFT_OK;
        aft_store_close(s);
        child_exit(f, ok ? 0 : 1);
    }
    close(held[1]);
    assert_int_equal(read(held[0], &c, 1), 1);
    close(held[0]);
    memset(&o, 0, sizeof o);
    o.notice = on_notice;
    o.notice_payload = f;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(import_into(f->db, file, &o, &err), AFT_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(child_status(pid), 0);
    /* It waited for the other to commit, and said so once. */
    assert_true(t1.tv_sec - t0.tv_sec >= 5);
    assert_string_equal(f->reports, "waiting for another import to "
                                    "finish...\n");
    assert_int_equal(aft_store_open(&f->store, f->db, 0, NULL), AFT_OK);
    assert_int_equal(count(f->store, AFT_KIND_SERVICE), 2);
    fixture_free(f);
}

/* ------------------------------------------------------------------ */
/* Read-only                                                           */

/* A reader refuses imports, and leaves the directory as it found it. */
static void
test_store_reader_refuses_imports_and_leaves_no_files(void **state)
{
    fixture *f = fixture_new();
    const char *file = fixture_file(f, "a.ndjson",
                                    "{\"kind\": \"service\", "
                                    "\"id\": \"a\"}\n");
    aft_store *s;
    aft_error err;

    (void)state;
    assert_int_equal(fixture_import1(f, file, &err), AFT_OK);
    aft_store_close(f->store);
    f->store = NULL;
    assert_false(exists(f->dir, "t.db-wal"));
    assert_int_equal(aft_store_open(&s, f->db, AFT_STORE_READONLY, &err),
                     AFT_OK);
    assert_int_equal(count(s, AFT_KIND_SERVICE), 1);
    assert_int_equal(aft_store__begin(s, &err), AFT_EINVALID);
    assert_string_equal(err.message, "the database was opened read-only");
    aft_store_close(s);
    assert_false(exists(f->dir, "t.db-wal"));
    assert_false(exists(f->dir, "t.db-shm"));
    fixture_free(f);
}

/* Run fn in a child that cannot write dir: as nobody when the tests run
 * as root (root ignores permission bits). Returns its exit status. */
static int
as_reader(int (*fn)(const char *dir), const char *dir)
{
    pid_t pid;

    assert_true((pid = fork()) >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(90);
        _exit(fn(dir));
    }
    return child_status(pid);
}

/* A copy of a store with one service, in a new directory; dir and file
 * made read-only unless wal, in which case the -wal file (with the
 * import in it, not yet folded into the file) is copied too. */
static void
read_only_copy(char *dir, size_t size, int wal)
{
    fixture *f = fixture_new();
    const char *file = fixture_file(f, "a.ndjson",
                                    "{\"kind\": \"service\", "
                                    "\"id\": \"a\"}\n");
    char to[192], from[192];
    aft_error err;

    assert_int_equal(fixture_import1(f, file, &err), AFT_OK);
    if (!wal) {
        aft_store_close(f->store); /* folds the WAL into the file */
        f->store = NULL;
    }
    snprintf(dir, size, "/tmp/aft-ro-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(to, sizeof to, "%s/t.db", dir);
    copy_file(f->db, to);
    assert_int_equal(chmod(to, 0444), 0);
    if (wal) {
        snprintf(from, sizeof from, "%s-wal", f->db);
        snprintf(to, sizeof to, "%s/t.db-wal", dir);
        copy_file(from, to);
        assert_int_equal(chmod(to, 0444), 0);
    }
    assert_int_equal(chmod(dir, 0555), 0);
    fixture_free(f);
}

static void
remove_copy(const char *dir)
{
    char cmd[128];

    assert_int_equal(chmod(dir, 0755), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static int
read_copy(const char *dir)
{
    char db[96], want[256];
    aft_store *s;
    aft_error err;
    int n;

    snprintf(db, sizeof db, "%s/t.db", dir);
    if (aft_store_open(&s, db, AFT_STORE_READONLY, &err) != AFT_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    n = count(s, AFT_KIND_SERVICE);
    aft_store_close(s);
    if (n != 1)
        return 2;
    if (exists(dir, "t.db-shm") || exists(dir, "t.db-wal"))
        return 3;
    /* An import cannot open it, and says why. */
    snprintf(want, sizeof want,
             "cannot open database '%s': attempt to write a readonly database",
             db);
    if (aft_store_open(&s, db, 0, &err) != AFT_EDB
        || strcmp(err.message, want) != 0) {
        fprintf(stderr, "%s\n", err.message);
        return 4;
    }
    return 0;
}

/* 2026-11-24: a read-only database in a read-only directory could not be
 * read: WAL mode wants to create its -shm file beside it. */
static void
test_store_reads_a_copy_in_a_read_only_directory(void **state)
{
    char dir[64];

    (void)state;
    read_only_copy(dir, sizeof dir, 0);
    assert_int_equal(as_reader(read_copy, dir), 0);
    remove_copy(dir);
}

static int
read_copy_with_wal(const char *dir)
{
    char db[96], want[320];
    aft_store *s;
    aft_error err;

    snprintf(db, sizeof db, "%s/t.db", dir);
    snprintf(want, sizeof want,
             "cannot open database '%s': it is read-only and its write-ahead "
             "log '%s-wal' holds changes",
             db, db);
    if (aft_store_open(&s, db, AFT_STORE_READONLY, &err) != AFT_EDB
        || strcmp(err.message, want) != 0) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    return 0;
}

/* Read without its -wal file, the copy would silently lack the import
 * the -wal holds: refused, with the reason. */
static void
test_store_refuses_a_read_only_copy_whose_wal_holds_changes(void **state)
{
    char dir[64];

    (void)state;
    read_only_copy(dir, sizeof dir, 1);
    assert_int_equal(as_reader(read_copy_with_wal, dir), 0);
    remove_copy(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store_open_errors_name_the_file),
        cmocka_unit_test(
            test_store_first_imports_into_a_new_database_both_succeed),
        cmocka_unit_test(test_store_import_waits_for_a_running_import),
        cmocka_unit_test(test_store_reader_refuses_imports_and_leaves_no_files),
        cmocka_unit_test(test_store_reads_a_copy_in_a_read_only_directory),
        cmocka_unit_test(
            test_store_refuses_a_read_only_copy_whose_wal_holds_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
