/*
 * test_site_cli.c - aftercast site: exit statuses, the bounds of --days,
 * an unknown client, the paths printed, and no --out left by a failure.
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
#include <unistd.h>

#include "capture.h"

#define FIXTURE AFT_TEST_DATA "/site/site.ndjson"
#define ASOF "--as-of 2026-11-24T12:00:00Z"

static char dir[] = "/tmp/aft-site-cli-XXXXXX";

static int
setup(void **state)
{
    int st;
    char *out;

    (void)state;
    assert_non_null(mkdtemp(dir));
    out = capture(&st, "%s --db %s/f.db import %s 2>&1", AFT_CLI, dir, FIXTURE);
    free(out);
    return st;
}

static int
teardown(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

/* stderr of the site command with args, and its exit status. */
static char *
site_err(int *st, const char *args)
{
    return capture(st, "%s --db %s/f.db site %s 2>&1 >/dev/null", AFT_CLI, dir,
                   args);
}

static void
test_site_writes_and_prints_paths(void **state)
{
    int st;
    char *out;

    (void)state;
    out = capture(&st,
                  "cd %s && %s --db f.db site --all --out s --days 7 " ASOF,
                  dir, AFT_CLI);
    assert_int_equal(st, 0);
    /* clients in id order, then the portfolio page */
    assert_string_equal(out, "s/_._evil~d55e2318efd094d0/index.html\n"
                             "s/calm/index.html\n"
                             "s/demo/index.html\n"
                             "s/index.html\n");
    free(out);
}

static void
test_site_usage_errors(void **state)
{
    int st;
    char *err;

    (void)state;
    err = site_err(&st, "--out x " ASOF);
    assert_int_equal(st, 2);
    assert_non_null(strstr(err, "aftercast: error: give --client ID or "
                                "--all\n"));
    free(err);
    err = site_err(&st, "--all --client demo --out x");
    assert_int_equal(st, 2);
    free(err);
    err = site_err(&st, "--all " ASOF);
    assert_int_equal(st, 2);
    assert_non_null(strstr(err, "give --out DIR"));
    free(err);
    err = site_err(&st, "--all --out x --dayz 7");
    assert_int_equal(st, 2);
    assert_non_null(strstr(err, "did you mean '--days'?"));
    free(err);
}

/* --days: 7 to 366, a whole number. */
static void
test_site_days_bounds(void **state)
{
    static const char *const bad[] = {"6", "367", "0", "-90", "9x", "1e2"};
    char args[128];
    size_t i;
    int st;
    char *err;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(args, sizeof args, "--all --out %s/d --days %s", dir, bad[i]);
        err = site_err(&st, args);
        assert_int_equal(st, 2);
        snprintf(args, sizeof args,
                 "aftercast: error: --days wants 7 to 366, not '%s'\n", bad[i]);
        assert_non_null(strstr(err, args));
        free(err);
    }
    snprintf(args, sizeof args, "--client demo --out %s/d7 --days 7 " ASOF,
             dir);
    err = site_err(&st, args);
    assert_int_equal(st, 0);
    free(err);
    snprintf(args, sizeof args, "--client demo --out %s/d366 --days 366 " ASOF,
             dir);
    err = site_err(&st, args);
    assert_int_equal(st, 0);
    free(err);
}

/* An unknown client is a runtime error; the --out it made is removed. */
static void
test_site_unknown_client(void **state)
{
    char args[128], path[128];
    struct stat sb;
    int st;
    char *err;

    (void)state;
    snprintf(args, sizeof args, "--client nobody --out %s/u " ASOF, dir);
    err = site_err(&st, args);
    assert_int_equal(st, 1);
    assert_string_equal(err, "aftercast: error: no client 'nobody'\n");
    free(err);
    snprintf(path, sizeof path, "%s/u", dir);
    assert_int_not_equal(stat(path, &sb), 0);
}

static void
test_site_help(void **state)
{
    int st;
    char *out;

    (void)state;
    out = capture(&st, "%s site --help", AFT_CLI);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "Usage: aftercast site (--client ID | --all) "
                                "--out DIR [--days N]\n"));
    free(out);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_site_writes_and_prints_paths),
        cmocka_unit_test(test_site_usage_errors),
        cmocka_unit_test(test_site_days_bounds),
        cmocka_unit_test(test_site_unknown_client),
        cmocka_unit_test(test_site_help),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
