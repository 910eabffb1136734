/*
 * test_output.c - what the report and export commands write under faults
 * and hostile input: file names unique per client, nothing written
 * through links planted in --out, a clear reason for an unusable --out,
 * no temporary file left by SIGINT or SIGTERM, the formula guard on list
 * cells of CSV exports, and workbooks that are valid XML.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "capture.h"

static char dir[64], db[128];

#define AS_OF "--as-of 2026-03-05T00:00:00Z"

static int
setup_all(void **state)
{
    int st;
    char *o;

    (void)state;
    snprintf(dir, sizeof dir, "/tmp/aft-output-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    snprintf(db, sizeof db, "%s/h.db", dir);
    o = capture(&st, "'%s' --db '%s' import '%s/output/hostile.json' 2>&1",
                AFT_CLI, db, AFT_TEST_DATA);
    free(o);
    return st == 0 ? 0 : -1;
}

static int
teardown_all(void **state)
{
    char cmd[160];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static int
exists(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0;
}

static char *
slurp(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "rb");
    size_t n;

    assert_non_null(fp);
    n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* Entries of d left by a writer: hidden private directories and .tmp
 * files. */
static int
leftovers(const char *d)
{
    DIR *dp = opendir(d);
    struct dirent *e;
    int n = 0;

    if (dp == NULL)
        return 0;
    while ((e = readdir(dp)) != NULL)
        if (strncmp(e->d_name, ".aftercast-", 11) == 0
            || strstr(e->d_name, ".tmp") != NULL)
            n++;
    closedir(dp);
    return n;
}

/* 2026-11-24: ids "a/b" and "a_b", and two ids equal in their first 100
 * characters, mapped to one file name; with -j 1 one client's report
 * overwrote the other's, exit 0. An id changed to be safe now carries a
 * hash of the whole id (FNV-1a 64, computed by hand in Python). */
static void
test_output_names_unique_per_client(void **state)
{
    static const char *const names[] = {
        "a_b-2026-02",
        "a_b~e620c3190468cf61-2026-02",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "~0be15245728e36cc-2026-02",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "~0be15545728e3be5-2026-02",
    };
    static const char *const who[] = {"Client A underscore B",
                                      "Client A slash B", "Long id one",
                                      "Long id two"};
    char out[128], path[512];
    int st, i, lines = 0;
    char *o, *p;

    (void)state;
    snprintf(out, sizeof out, "%s/names", dir);
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 --all "
                "--out '%s' " AS_OF " -j 1 2>&1",
                AFT_CLI, db, out);
    assert_int_equal(st, 0);
    for (p = o; (p = strchr(p, '\n')) != NULL; p++)
        lines++;
    assert_int_equal(lines, 8);
    free(o);
    for (i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s.xlsx", out, names[i]);
        assert_true(exists(path));
        snprintf(path, sizeof path, "%s/%s.pdf", out, names[i]);
        o = capture(NULL, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
        assert_non_null(strstr(o, who[i]));
        free(o);
    }
}

/* 2026-11-24: RECORD-CLIENT names can still meet with plain ids:
 * incident a-b for client c and incident a for client b-c are both
 * a-b-c; one report overwrote the other, exit 0. Refused, nothing
 * written. */
static void
test_output_shared_name_refused(void **state)
{
    char db2[128], out[128], want[512];
    int st;
    char *o;

    (void)state;
    snprintf(db2, sizeof db2, "%s/meet.db", dir);
    snprintf(out, sizeof out, "%s/meet", dir);
    o = capture(&st, "'%s' --db '%s' import '%s/output/meet.json' 2>&1",
                AFT_CLI, db2, AFT_TEST_DATA);
    assert_int_equal(st, 0);
    free(o);
    o = capture(
        &st,
        "'%s' --db '%s' report rca --all --month 2026-02 --out '%s' " AS_OF
        " -j 1 2>&1",
        AFT_CLI, db2, out);
    assert_int_equal(st, 1);
    snprintf(want, sizeof want,
             "aftercast: error: two reports would be written to "
             "'%s/a-b-c.pdf' (incident 'a' for client 'b-c', incident 'a-b' "
             "for client 'c'): rename a record or a client\n",
             out);
    assert_string_equal(o, want);
    free(o);
    o = capture(NULL, "ls -A '%s'", out);
    assert_string_equal(o, "");
    free(o);
}

/* 2026-11-24: a link planted at NAME.pdf.tmp or NAME.xlsx.tmp in --out
 * was followed, and its target outside --out overwritten. */
static void
test_output_planted_links_not_followed(void **state)
{
    char out[128], victim[128], link[256];
    int st;
    char *o;

    (void)state;
    snprintf(out, sizeof out, "%s/planted", dir);
    snprintf(victim, sizeof victim, "%s/victim", dir);
    assert_int_equal(mkdir(out, 0777), 0);
    o = capture(NULL, "printf keep > '%s'", victim);
    free(o);
    snprintf(link, sizeof link, "%s/a_b-2026-02.pdf.tmp", out);
    assert_int_equal(symlink(victim, link), 0);
    snprintf(link, sizeof link, "%s/a_b-2026-02.xlsx.tmp", out);
    assert_int_equal(symlink(victim, link), 0);
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 --client a_b "
                "--out '%s' " AS_OF " -j 1 2>&1",
                AFT_CLI, db, out);
    assert_int_equal(st, 0);
    free(o);
    assert_string_equal(slurp(victim), "keep");
    snprintf(link, sizeof link, "%s/a_b-2026-02.pdf", out);
    assert_int_equal(strncmp(slurp(link), "%PDF", 4), 0);
}

/* 2026-11-24: a dangling or unwritable --out failed with no reason. */
static void
test_output_unusable_out_says_why(void **state)
{
    char path[128], want[512];
    int st;
    char *o;

    (void)state;
    snprintf(path, sizeof path, "%s/dangling", dir);
    assert_int_equal(symlink("/nonexistent-aft/x", path), 0);
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 --all "
                "--out '%s' " AS_OF " 2>&1 >/dev/null",
                AFT_CLI, db, path);
    assert_int_equal(st, 1);
    snprintf(want, sizeof want,
             "aftercast: error: '%s' is a dangling symbolic link\n", path);
    assert_string_equal(o, want);
    free(o);
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 --all "
                "--out '%s' " AS_OF " 2>&1 >/dev/null",
                AFT_CLI, db, db);
    assert_int_equal(st, 1);
    snprintf(want, sizeof want, "aftercast: error: '%s' is not a directory\n",
             db);
    assert_string_equal(o, want);
    free(o);
    if (geteuid() == 0) {
        print_message("skipped: an unwritable --out (running as root)\n");
        return;
    }
    snprintf(path, sizeof path, "%s/readonly", dir);
    assert_int_equal(mkdir(path, 0555), 0);
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 --all "
                "--out '%s' " AS_OF " 2>&1 >/dev/null",
                AFT_CLI, db, path);
    assert_int_equal(st, 1);
    snprintf(want, sizeof want,
             "aftercast: error: cannot write in '%s': Permission denied\n",
             path);
    assert_string_equal(o, want);
    free(o);
}

/* Start a report of every client into out, send sig after delay_ms and
 * wait. Returns whether the signal ended it (else it had finished). */
static int
interrupt_report(const char *out, int sig, long delay_ms)
{
    struct timespec ts = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
    int status;
    pid_t pid = fork();

    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(AFT_CLI, AFT_CLI, "--db", db, "report", "monthly", "--year",
              "2026", "--all", "--out", out, "--as-of", "2026-03-05T00:00:00Z",
              "-j", "2", "--template", AFT_TEMPLATES "/default", (char *)NULL);
        _exit(127);
    }
    nanosleep(&ts, NULL);
    kill(pid, sig);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) {
        assert_int_equal(WTERMSIG(status), sig);
        return 1;
    }
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return 0;
}

/* 2026-11-24: SIGINT during `report monthly --all -j 2` left .tmp files
 * in 3 of 8 tries. Whenever the signal lands, nothing is left but whole
 * reports. */
static void
test_output_signals_leave_no_temporary_files(void **state)
{
    static const long delays[] = {10, 40, 70, 100, 140, 180, 240, 300};
    char out[128];
    int i, hit = 0;

    (void)state;
    for (i = 0; i < 24; i++) {
        int sig = i % 2 ? SIGTERM : SIGINT;
        snprintf(out, sizeof out, "%s/sig%d", dir, i);
        hit += interrupt_report(out, sig, delays[i % 8]);
        assert_int_equal(leftovers(out), 0);
    }
    assert_true(hit > 0);
}

/* 2026-11-24: the formula guard missed list cells: a preventive action
 * "=HYPERLINK(...)" went out raw. Guarded with a backslash, which import
 * reads as an escape: the export imports back to the same records. */
static void
test_output_csv_list_cells_guarded(void **state)
{
    char db2[128];
    int st;
    char *o, *a, *b;

    (void)state;
    snprintf(db2, sizeof db2, "%s/again.db", dir);
    o = capture(&st,
                "cd '%s' && for k in services clients incidents; do '%s' --db "
                "'%s' export $k --format csv > $k.csv || exit 1; done",
                dir, AFT_CLI, db);
    assert_int_equal(st, 0);
    free(o);
    o = capture(NULL, "cat '%s/incidents.csv'", dir);
    assert_non_null(
        strstr(o, ",\"\\=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")|ops;"
                  "+add a canary|@sre\","));
    free(o);
    o = capture(&st,
                "cd '%s' && '%s' --db '%s' import services.csv clients.csv "
                "incidents.csv 2>&1",
                dir, AFT_CLI, db2);
    assert_int_equal(st, 0);
    free(o);
    a = capture(&st, "'%s' --db '%s' export incidents --format json", AFT_CLI,
                db);
    assert_int_equal(st, 0);
    b = capture(&st, "'%s' --db '%s' export incidents --format json", AFT_CLI,
                db2);
    assert_int_equal(st, 0);
    assert_non_null(strstr(a, "=HYPERLINK"));
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* 2026-11-24: a company name with U+0001 broke docProps/core.xml, and a
 * text with U+FFFF broke xl/sharedStrings.xml: Excel refused the file.
 * Both parts now parse, with U+FFFD in place of each. */
static void
test_output_xlsx_is_valid_xml(void **state)
{
    static const char *const parts[] = {"docProps/core.xml",
                                        "xl/sharedStrings.xml"};
    char out[128];
    int st, i;
    char *o;

    (void)state;
    snprintf(out, sizeof out, "%s/xml", dir);
    o = capture(&st,
                "'%s' --db '%s' report monthly --month 2026-02 --client a_b "
                "--out '%s' " AS_OF " --template '%s/output/template-ctl' "
                "2>&1",
                AFT_CLI, db, out, AFT_TEST_DATA);
    assert_int_equal(st, 0);
    free(o);
    for (i = 0; i < 2; i++) {
        o = capture(&st,
                    "unzip -p '%s/a_b-2026-02.xlsx' '%s' | python3 -c "
                    "'import sys, xml.dom.minidom as m; "
                    "m.parseString(sys.stdin.buffer.read())' 2>&1",
                    out, parts[i]);
        assert_string_equal(o, "");
        assert_int_equal(st, 0);
        free(o);
        o = capture(NULL, "unzip -p '%s/a_b-2026-02.xlsx' '%s'", out, parts[i]);
        assert_non_null(strstr(o, "\xEF\xBF\xBD"));
        free(o);
    }
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_names_unique_per_client),
        cmocka_unit_test(test_output_shared_name_refused),
        cmocka_unit_test(test_output_planted_links_not_followed),
        cmocka_unit_test(test_output_unusable_out_says_why),
        cmocka_unit_test(test_output_signals_leave_no_temporary_files),
        cmocka_unit_test(test_output_csv_list_cells_guarded),
        cmocka_unit_test(test_output_xlsx_is_valid_xml),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
