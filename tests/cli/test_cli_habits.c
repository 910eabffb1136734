/*
 * test_cli_habits.c - the command line's manners, checked on the built
 * binary: -h, option errors, the nearest command, `last` periods, the
 * progress line on a terminal, stable report paths, no database left by
 * a failed import, control characters escaped in diagnostics.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "capture.h"

typedef struct run_result {
    int status;
    char *out;
    char *err;
} run_result;

static char tmpdir[64];
static char db[128];

/* Run `aftercast ARGS` (ARGS is shell text; "@DB" nowhere: give --db
 * yourself when a command needs the database). */
static run_result
run(const char *fmt, ...)
{
    char args[2048], cmd[4096], out[160], err[160];
    run_result r;
    va_list ap;
    int st;

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(out, sizeof out, "%s/stdout", tmpdir);
    snprintf(err, sizeof err, "%s/stderr", tmpdir);
    snprintf(cmd, sizeof cmd,
             "AFTERCAST_DB='%s' '%s' %s >'%s' 2>'%s' </dev/null", db, AFT_CLI,
             args, out, err);
    st = system(cmd);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = slurp_file(out);
    r.err = slurp_file(err);
    return r;
}

static void
run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

/* Run args and expect exactly status, stdout and stderr. */
static void
expect(const char *args, int status, const char *out, const char *err)
{
    run_result r = run("%s", args);

    if (r.status != status || strcmp(r.out, out) != 0
        || strcmp(r.err, err) != 0)
        fail_msg("aftercast %s\n  status %d (want %d)\n  stdout '%s'\n"
                 "  (want '%s')\n  stderr '%s'\n  (want '%s')",
                 args, r.status, status, r.out, out, r.err, err);
    run_free(&r);
}

/* Run `aftercast ARGV...` with stdout and stderr on one terminal (raw, so
 * that bytes arrive as written); everything it wrote in *out. */
static int
run_on_terminal(char **out, char *const argv[])
{
    size_t n = 0, cap = 1 << 16;
    char *buf = calloc(1, cap);
    int master, st;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    ssize_t got;

    assert_true(pid >= 0);
    if (pid == 0) {
        struct termios t;
        tcgetattr(STDIN_FILENO, &t);
        cfmakeraw(&t);
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
        setenv("AFTERCAST_DB", db, 1);
        execv(AFT_CLI, argv);
        _exit(127);
    }
    /* EIO once the child has gone and the terminal is closed. */
    while ((got = read(master, buf + n, cap - n - 1)) > 0
           || (got < 0 && errno == EINTR))
        if (got > 0)
            n += (size_t)got;
    buf[n] = '\0';
    close(master);
    waitpid(pid, &st, 0);
    *out = buf;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/aft-habits-XXXXXX");
    if (mkdtemp(tmpdir) == NULL)
        return -1;
    snprintf(db, sizeof db, "%s/t.db", tmpdir);
    return 0;
}

static int
teardown(void **state)
{
    char cmd[512];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write text to tmpdir/name; the path in path (192 bytes). */
static void
write_file(char *path, const char *name, const char *text)
{
    FILE *fp;

    snprintf(path, 192, "%s/%s", tmpdir, name);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* Five clients, one of them in Auckland (UTC+13 in October). */
static void
import_clients(void)
{
    char path[192];
    run_result r;

    write_file(
        path, "clients.json",
        "{\"services\": [{\"id\": \"api\", \"name\": \"API\"}],\n"
        " \"clients\": [\n"
        "  {\"id\": \"west\", \"name\": \"WEST\", \"timezone\": \"UTC\", "
        "\"services\": "
        "[\"api\"]},\n"
        "  {\"id\": \"east\", \"name\": \"EAST\", \"timezone\": "
        "\"Pacific/Auckland\", "
        "\"services\": [\"api\"]},\n"
        "  {\"id\": \"c3\", \"name\": \"C3\", \"services\": [\"api\"]},\n"
        "  {\"id\": \"a1\", \"name\": \"A1\", \"services\": [\"api\"]},\n"
        "  {\"id\": \"b2\", \"name\": \"B2\", \"services\": [\"api\"]}]}\n");
    r = run("import '%s'", path);
    if (r.status != 0)
        fail_msg("import failed: %s", r.err);
    run_free(&r);
}

/* ---- help and option errors ---- */

static void
test_habits_h_is_help_everywhere(void **state)
{
    static const char *const CMDS[] = {"",
                                       "import",
                                       "availability",
                                       "metrics",
                                       "export",
                                       "report",
                                       "report monthly",
                                       "report rca",
                                       "report maintenance",
                                       "report portfolio"};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof CMDS / sizeof CMDS[0]; i++) {
        run_result h = run("%s -h", CMDS[i]);
        run_result help = run("%s --help", CMDS[i]);

        assert_int_equal(h.status, 0);
        assert_int_equal(help.status, 0);
        assert_string_equal(h.err, "");
        assert_non_null(strstr(h.out, "Usage: aftercast"));
        assert_string_equal(h.out, help.out);
        run_free(&h);
        run_free(&help);
    }
}

static void
test_habits_missing_value_is_named(void **state)
{
    static const struct {
        const char *args, *option, *cmd;
    } rows[] = {
        {"--db", "--db", ""},
        {"--db=", "--db", ""},
        {"--db --help", "--db", ""},
        {"import --format", "--format", "import "},
        {"import --tz", "--tz", "import "},
        {"import --client", "--client", "import "},
        {"import --level", "--level", "import "},
        {"import --tz= x.json", "--tz", "import "},
        {"availability --month", "--month", "availability "},
        {"availability --quarter", "--quarter", "availability "},
        {"availability --year", "--year", "availability "},
        {"availability --from", "--from", "availability "},
        {"availability --to", "--to", "availability "},
        {"availability --as-of", "--as-of", "availability "},
        {"availability --client", "--client", "availability "},
        {"availability --format", "--format", "availability "},
        {"availability --all-periods", "--all-periods", "availability "},
        {"availability --month --client acme", "--month", "availability "},
        {"metrics --month 2026-01 --client", "--client", "metrics "},
        {"export --format", "--format", "export "},
        {"report monthly --all --out", "--out", "report monthly "},
        {"report monthly --template", "--template", "report monthly "},
        {"report monthly --jobs", "--jobs", "report monthly "},
        {"report monthly -j", "-j", "report monthly "},
        {"report rca --client", "--client", "report rca "},
        {"report portfolio --as-of", "--as-of", "report portfolio "},
    };
    char err[256];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        snprintf(err, sizeof err,
                 "aftercast: error: option '%s' needs a value\n"
                 "Try 'aftercast %s--help'.\n",
                 rows[i].option, rows[i].cmd);
        expect(rows[i].args, 2, "", err);
    }
    expect("availability --all-periods 2026-01", 2, "",
           "aftercast: error: option '--all-periods' needs two values "
           "(FROM TO, YYYY-MM YYYY-MM)\n"
           "Try 'aftercast availability --help'.\n");
}

static void
test_habits_single_valued_option_given_twice(void **state)
{
    (void)state;
    expect("--db a.db --db b.db availability", 2, "",
           "aftercast: error: option '--db' given twice\n"
           "Try 'aftercast --help'.\n");
    expect("availability --month 2026-01 --month 2026-02", 2, "",
           "aftercast: error: option '--month' given twice\n"
           "Try 'aftercast availability --help'.\n");
    expect("metrics --month 2026-01 --format json --format=csv", 2, "",
           "aftercast: error: option '--format' given twice\n"
           "Try 'aftercast metrics --help'.\n");
    expect("report monthly -j 1 --jobs 2", 2, "",
           "aftercast: error: option '--jobs' given twice\n"
           "Try 'aftercast report monthly --help'.\n");
    expect("import --tz UTC --tz Europe/Berlin x.json", 2, "",
           "aftercast: error: option '--tz' given twice\n"
           "Try 'aftercast import --help'.\n");
}

static void
test_habits_unknown_words_suggest_the_nearest(void **state)
{
    (void)state;
    expect("availabilty", 2, "",
           "aftercast: error: unknown command 'availabilty' (did you mean "
           "'availability'?)\nTry 'aftercast --help'.\n");
    expect("reprot", 2, "",
           "aftercast: error: unknown command 'reprot' (did you mean "
           "'report'?)\nTry 'aftercast --help'.\n");
    expect("bogus", 2, "",
           "aftercast: error: unknown command 'bogus'\n"
           "Try 'aftercast --help'.\n");
    expect("", 2, "",
           "aftercast: error: name a command: import, availability, metrics, "
           "report, deliver, site, export or copy\nTry 'aftercast --help'.\n");
    expect("report montly", 2, "",
           "aftercast: error: unknown report 'montly' (did you mean "
           "'monthly'?)\nTry 'aftercast report --help'.\n");
    expect("report", 2, "",
           "aftercast: error: name a report: monthly, rca, maintenance, "
           "portfolio or pack\nTry 'aftercast report --help'.\n");
    expect("--dbx x", 2, "",
           "aftercast: error: unknown option '--dbx' (did you mean "
           "'--db'?)\nTry 'aftercast --help'.\n");
    expect("availability --clinet acme", 2, "",
           "aftercast: error: unknown option '--clinet' (did you mean "
           "'--client'?)\nTry 'aftercast availability --help'.\n");
    expect("report monthly --all=yes", 2, "",
           "aftercast: error: option '--all' takes no value\n"
           "Try 'aftercast report monthly --help'.\n");
    expect("export incidnets", 2, "",
           "aftercast: error: unknown kind 'incidnets' (did you mean "
           "'incidents'?)\nTry 'aftercast export --help'.\n");
    /* CSV holds one kind a file: `all` is refused, as the README says. */
    expect("export all --format csv", 2, "",
           "aftercast: error: CSV holds one kind a file: name the kind\n"
           "Try 'aftercast export --help'.\n");
}

/* ---- last periods ---- */

/* The "period" of `availability ARGS --format json`, and the first row's
 * window start. */
static void
expect_period(const char *args, const char *period, const char *start)
{
    run_result r = run("availability %s --format json", args);
    char want[128];

    if (r.status != 0)
        fail_msg("availability %s: %s", args, r.err);
    snprintf(want, sizeof want, "{\"period\": \"%s\"", period);
    assert_memory_equal(r.out, want, strlen(want));
    snprintf(want, sizeof want, "\"window_start\": \"%s\"", start);
    if (strstr(r.out, want) == NULL)
        fail_msg("availability %s: no %s in %s", args, want, r.out);
    run_free(&r);
}

static void
test_habits_last_period_before_as_of(void **state)
{
    run_result r;

    (void)state;
    import_clients();
    /* 2026-10-31T12:00Z is 1 November, 01:00 in Auckland (NZDT, +13):
     * October is whole there, not yet in UTC. */
    expect_period("--month last --as-of 2026-10-31T12:00:00Z", "2026-09",
                  "2026-09-01T00:00:00Z");
    expect_period("--month last --client west --as-of 2026-10-31T12:00:00Z",
                  "2026-09", "2026-09-01T00:00:00Z");
    expect_period("--month last --client east --as-of 2026-10-31T12:00:00Z",
                  "2026-10", "2026-09-30T11:00:00Z");
    expect_period("--quarter last --as-of 2026-11-24", "2026-Q3",
                  "2026-07-01T00:00:00Z");
    expect_period("--year last --client a1 --as-of 2026-11-24", "2025",
                  "2025-01-01T00:00:00Z");
    /* metrics too, and reports name the period it resolved to */
    r = run("metrics --month last --as-of 2026-01-01 --format json");
    assert_int_equal(r.status, 0);
    assert_memory_equal(r.out, "{\"period\": \"2025-12\"", 20);
    run_free(&r);
    r = run("report monthly --month last --client east --as-of "
            "2026-10-31T12:00:00Z --out '%s/out' -j 1",
            tmpdir);
    assert_int_equal(r.status, 0);
    {
        char want[512];
        snprintf(want, sizeof want,
                 "%s/out/east-2026-10.pdf\n%s/out/east-2026-10.xlsx\n", tmpdir,
                 tmpdir);
        assert_string_equal(r.out, want);
    }
    run_free(&r);
    expect("availability --month last --client nobody --as-of 2026-11-24", 1,
           "", "aftercast: error: no client 'nobody'\n");
    expect("availability --month lastt --as-of 2026-11-24", 2, "",
           "aftercast: error: invalid month 'lastt' (want YYYY-MM)\n"
           "Try 'aftercast availability --help'.\n");
}

/* ---- reports: stable paths, the progress line on a terminal ---- */

static void
test_habits_all_paths_in_client_order_whatever_jobs(void **state)
{
    char want[2048] = "";
    const char *ids[] = {"a1", "b2", "c3", "east", "west"};
    size_t i;
    int jobs;

    (void)state;
    import_clients();
    for (i = 0; i < 5; i++)
        snprintf(want + strlen(want), sizeof want - strlen(want),
                 "%s/o/%s-2026-10.pdf\n%s/o/%s-2026-10.xlsx\n", tmpdir, ids[i],
                 tmpdir, ids[i]);
    for (jobs = 1; jobs <= 4; jobs += 3) {
        run_result r = run("report monthly --month 2026-10 --all --as-of "
                           "2026-11-24 --out '%s/o' -j %d",
                           tmpdir, jobs);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.out, want);
        assert_string_equal(r.err, "");
        run_free(&r);
    }
}

static void
test_habits_progress_is_erased_before_other_lines(void **state)
{
    char outdir[192], bad[192], want[2048], *got;
    char *one[] = {"aftercast", "report", "monthly", "--month",    "2026-10",
                   "--client",  "east",   "--as-of", "2026-11-24", "--out",
                   outdir,      "-j",     "1",       NULL};
    char *all[] = {"aftercast", "report",  "monthly",    "--month", "2026-10",
                   "--all",     "--as-of", "2026-11-24", "--out",   outdir,
                   "-j",        "1",       NULL};
    char *import[] = {"aftercast", "import", bad, NULL};
    const char *ids[] = {"a1", "b2", "c3", "east", "west"};
    size_t i;

    (void)state;
    import_clients();
    snprintf(outdir, sizeof outdir, "%s/o", tmpdir);
    /* One report: no progress line at all. */
    assert_int_equal(run_on_terminal(&got, one), 0);
    snprintf(want, sizeof want, "%s/east-2026-10.pdf\n%s/east-2026-10.xlsx\n",
             outdir, outdir);
    assert_string_equal(got, want);
    free(got);
    /* Five: each report's paths on lines of their own, the count drawn
     * over itself and erased at the end. */
    assert_int_equal(run_on_terminal(&got, all), 0);
    want[0] = '\0';
    for (i = 0; i < 5; i++)
        snprintf(want + strlen(want), sizeof want - strlen(want),
                 "\r\033[K%s/%s-2026-10.pdf\n%s/%s-2026-10.xlsx\n"
                 "\r\033[Kaftercast: %zu/5 reports",
                 outdir, ids[i], outdir, ids[i], i + 1);
    strcat(want, "\r\033[K");
    assert_string_equal(got, want);
    free(got);
    /* Errors of an import are lines of their own too. */
    write_file(bad, "dup.ndjson",
               "{\"kind\": \"service\", \"id\": \"s\"}\n"
               "{\"kind\": \"service\", \"id\": \"s\"}\n");
    assert_int_equal(run_on_terminal(&got, import), 1);
    snprintf(want, sizeof want,
             "\r\033[Kaftercast: error: %s:2: id: duplicate service id 's' "
             "(first at %s:1)\n\r\033[Kaftercast: error: 1 bad record; "
             "nothing was imported\n",
             bad, bad);
    assert_string_equal(got, want);
    free(got);
}

/* ---- import ---- */

static void
test_habits_failed_import_leaves_no_new_database(void **state)
{
    char bad[192], path[256];
    struct stat st;
    run_result r;

    (void)state;
    write_file(bad, "bad.ndjson",
               "{\"kind\": \"service\", \"id\": \"s\"}\n"
               "{\"kind\": \"client\", \"id\": \"c\", \"timezone\": "
               "\"Mars/Olympus\"}\n");
    r = run("import '%s'", bad);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    run_free(&r);
    assert_int_equal(stat(db, &st), -1);
    snprintf(path, sizeof path, "%s-wal", db);
    assert_int_equal(stat(path, &st), -1);
    snprintf(path, sizeof path, "%s-shm", db);
    assert_int_equal(stat(path, &st), -1);
    /* A database that was there stays, even empty. */
    import_clients();
    r = run("import '%s'", bad);
    assert_int_equal(r.status, 1);
    run_free(&r);
    assert_int_equal(stat(db, &st), 0);
}

/* 2026-11-24: an id holding an OSC sequence retitled the terminal when an
 * error quoted it; diagnostics now show control characters as \xNN. */
static void
test_habits_control_characters_are_escaped(void **state)
{
    char bad[192], want[2048];
    run_result r;

    (void)state;
    /* 2026-11-24: control characters are refused in records, so input
     * reaches a message through an unknown word (C1 CSI, DEL; an accented
     * word stays as it is) and through a file name (an OSC title change). */
    write_file(bad, "esc.ndjson",
               "{\"kind\": \"service\", \"id\": \"s1\"}\n"
               "{\"kind\": \"incident\", \"id\": \"i1\", \"title\": \"t\", "
               "\"severity\": \"sev1\", "
               "\"started_at\": \"2026-01-01T00:00:00Z\", \"impacts\": "
               "[{\"service\": \"s1\", \"level\": \"\\u009b2J\\u007f\"}, "
               "{\"service\": \"s1\", \"level\": \"caf\\u00e9\"}]}\n");
    r = run("import '%s'", bad);
    assert_int_equal(r.status, 1);
    snprintf(want, sizeof want,
             "aftercast: error: %s:2: impacts[0].level: unknown impact "
             "level '\\xC2\\x9B2J\\x7F' (want major_outage, "
             "partial_outage or degraded_performance)\n"
             "aftercast: error: %s:2: impacts[1].level: unknown impact "
             "level 'caf\xc3\xa9' (want major_outage, partial_outage or "
             "degraded_performance)\n"
             "aftercast: error: 1 bad record; nothing was imported\n",
             bad, bad);
    assert_string_equal(r.err, want);
    run_free(&r);
    r = run("import 'x\x1b]0;pwned\x07.json'");
    assert_int_equal(r.status, 1);
    assert_string_equal(r.err, "aftercast: error: cannot open "
                               "'x\\x1B]0;pwned\\x07.json': No such file or "
                               "directory\n");
    run_free(&r);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_habits_h_is_help_everywhere),
        T(test_habits_missing_value_is_named),
        T(test_habits_single_valued_option_given_twice),
        T(test_habits_unknown_words_suggest_the_nearest),
        T(test_habits_last_period_before_as_of),
        T(test_habits_all_paths_in_client_order_whatever_jobs),
        T(test_habits_progress_is_erased_before_other_lines),
        T(test_habits_failed_import_leaves_no_new_database),
        T(test_habits_control_characters_are_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
