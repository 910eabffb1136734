/*
 * test_tz.c - zone offsets, DST gaps and folds, rules past the table.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmocka_all.h"
#include "aftercast/instant.h"
#include "aftercast/tz.h"

static aft_tz *
zone(const char *name)
{
    aft_tz *tz = NULL;

    assert_int_equal(aft_tz_load(&tz, name, NULL), AFT_OK);
    return tz;
}

static void
test_tz_berlin_changes_at_one_utc(void **state)
{
    aft_tz *tz = zone("Europe/Berlin");

    (void)state;
    assert_int_equal(aft_tz_offset(tz, UTC(2026, 3, 29, 1, 0) - 1), 3600);
    assert_int_equal(aft_tz_offset(tz, UTC(2026, 3, 29, 1, 0)), 7200);
    assert_int_equal(aft_tz_offset(tz, UTC(2026, 10, 25, 1, 0) - 1), 7200);
    assert_int_equal(aft_tz_offset(tz, UTC(2026, 10, 25, 1, 0)), 3600);
    aft_tz_free(tz);
}

static void
test_tz_gap_reads_with_offset_before(void **state)
{
    aft_tz *tz = zone("Europe/Berlin");

    (void)state;
    /* 02:30 on 2026-03-29 does not exist; read at +01:00 -> 01:30Z. */
    assert_int_equal(aft_tz_local_to_utc(tz, UTC(2026, 3, 29, 2, 30)),
                     UTC(2026, 3, 29, 1, 30));
    /* 02:30 on 2026-10-25 happens twice; the first is at +02:00. */
    assert_int_equal(aft_tz_local_to_utc(tz, UTC(2026, 10, 25, 2, 30)),
                     UTC(2026, 10, 25, 0, 30));
    /* Ordinary times both sides. */
    assert_int_equal(aft_tz_local_to_utc(tz, UTC(2026, 1, 15, 12, 0)),
                     UTC(2026, 1, 15, 11, 0));
    assert_int_equal(aft_tz_local_to_utc(tz, UTC(2026, 7, 15, 12, 0)),
                     UTC(2026, 7, 15, 10, 0));
    aft_tz_free(tz);
}

static void
test_tz_half_hour_zones(void **state)
{
    aft_tz *k = zone("Asia/Kolkata"), *lh = zone("Australia/Lord_Howe");

    (void)state;
    assert_int_equal(aft_tz_offset(k, UTC(2026, 10, 1, 0, 0)), 19800);
    /* Lord Howe moves by half an hour: +11 until 2026-04-04T15:00Z. */
    assert_int_equal(aft_tz_offset(lh, UTC(2026, 4, 4, 15, 0) - 1), 39600);
    assert_int_equal(aft_tz_offset(lh, UTC(2026, 4, 4, 15, 0)), 37800);
    assert_int_equal(aft_tz_offset(lh, UTC(2026, 10, 3, 15, 30)), 39600);
    aft_tz_free(k);
    aft_tz_free(lh);
}

static void
test_tz_rules_beyond_the_table(void **state)
{
    aft_tz *b = zone("Europe/Berlin"), *ny = zone("America/New_York");
    aft_tz *lh = zone("Australia/Lord_Howe");

    (void)state;
    /* 2045 and 2050 lie past the transitions listed in the file: the
     * POSIX rule of the footer answers. */
    assert_int_equal(aft_tz_offset(b, UTC(2045, 7, 1, 12, 0)), 7200);
    assert_int_equal(aft_tz_offset(b, UTC(2045, 1, 15, 12, 0)), 3600);
    /* Last Sunday of March 2045 is the 26th. */
    assert_int_equal(aft_tz_offset(b, UTC(2045, 3, 26, 1, 0) - 1), 3600);
    assert_int_equal(aft_tz_offset(b, UTC(2045, 3, 26, 1, 0)), 7200);
    assert_int_equal(aft_tz_offset(ny, UTC(2050, 7, 1, 0, 0)), -14400);
    assert_int_equal(aft_tz_offset(ny, UTC(2050, 12, 1, 0, 0)), -18000);
    assert_int_equal(aft_tz_offset(lh, UTC(2046, 1, 10, 0, 0)), 39600);
    assert_int_equal(aft_tz_offset(lh, UTC(2046, 7, 10, 0, 0)), 37800);
    aft_tz_free(b);
    aft_tz_free(ny);
    aft_tz_free(lh);
}

static void
test_tz_rejects_unknown_and_unsafe_names(void **state)
{
    aft_tz *tz = NULL;
    aft_error err;

    (void)state;
    assert_int_equal(aft_tz_load(&tz, "Mars/Olympus_Mons", &err),
                     AFT_ENOTFOUND);
    assert_non_null(strstr(err.message, "Mars/Olympus_Mons"));
    assert_null(tz);
    assert_int_equal(aft_tz_load(&tz, "../../etc/passwd", &err), AFT_EINVALID);
    assert_int_equal(aft_tz_load(&tz, "/etc/localtime", &err), AFT_EINVALID);
    assert_int_equal(aft_tz_load(&tz, "", &err), AFT_EINVALID);
    /* A directory or a non-TZif file is not a zone. */
    assert_int_equal(aft_tz_load(&tz, "Europe", &err), AFT_ENOTFOUND);
    assert_int_equal(aft_tz_load(&tz, "zone.tab", &err), AFT_EINVALID);
    assert_int_equal(aft_tz_load(&tz, "leapseconds", &err), AFT_ENOTFOUND);
}

static void
test_instant_parse_forms(void **state)
{
    int64_t t;
    aft_error err;
    aft_tz *b = zone("Europe/Berlin");

    (void)state;
    assert_int_equal(aft_instant_parse(&t, "2026-10-03T14:02:00Z", NULL, &err),
                     AFT_OK);
    assert_int_equal(t, UTC(2026, 10, 3, 14, 2));
    assert_int_equal(aft_instant_parse(&t, "2026-10-03T16:02:00.250+02:00",
                                       NULL, &err),
                     AFT_OK);
    assert_int_equal(t, UTC(2026, 10, 3, 14, 2));
    assert_int_equal(aft_instant_parse(&t, "2026-10-03T14:02Z", NULL, &err),
                     AFT_OK);
    assert_int_equal(t, UTC(2026, 10, 3, 14, 2));
    assert_int_equal(aft_instant_parse(&t, "2026-10-03T09:32:00-04:30", NULL,
                                       &err),
                     AFT_OK);
    assert_int_equal(t, UTC(2026, 10, 3, 14, 2));
    /* No offset: rejected, unless a zone says how to read it. */
    assert_int_equal(aft_instant_parse(&t, "2026-10-03T14:02:00", NULL, &err),
                     AFT_EINVALID);
    assert_non_null(strstr(err.message, "no UTC offset"));
    assert_int_equal(aft_instant_parse(&t, "2026-10-03T16:02:00", b, &err),
                     AFT_OK);
    assert_int_equal(t, UTC(2026, 10, 3, 14, 2));
    assert_int_equal(aft_instant_parse(&t, "2026-02-30T10:00:00Z", NULL, &err),
                     AFT_EINVALID);
    assert_int_equal(aft_instant_parse(&t, "yesterday", NULL, &err),
                     AFT_EINVALID);
    assert_int_equal(aft_instant_parse(&t, "2026-10-03T14:02:00Zjunk", NULL,
                                       &err),
                     AFT_EINVALID);
    aft_tz_free(b);
}

static void
test_instant_format_round_trip(void **state)
{
    char buf[AFT_INSTANT_BUFSZ];
    int64_t y;
    unsigned m, d;

    (void)state;
    assert_string_equal(aft_instant_format(buf, UTC(2026, 9, 30, 22, 0)),
                        "2026-09-30T22:00:00Z");
    assert_string_equal(aft_instant_format(buf, -1), "1969-12-31T23:59:59Z");
    aft_civil_from_days(aft_days_from_civil(2024, 2, 29), &y, &m, &d);
    assert_int_equal(y, 2024);
    assert_int_equal(m, 2);
    assert_int_equal(d, 29);
    assert_int_equal(aft_weekday(aft_days_from_civil(2026, 2, 3)), 1);
}

/* 2026-11-24: a TZif header with negative counts made the size of the
 * version-1 block wrap, and the parser read before its buffer (found by
 * fuzzing; tests/fuzz/regressions/tz). Such a file is refused cleanly. */
static void
test_tz_refuses_negative_counts(void **state)
{
    unsigned char buf[44 + 44] = "TZif2";
    char dir[] = "/tmp/aft-tz-XXXXXX", path[64];
    const char *old = getenv("TZDIR");
    char *saved = old != NULL ? strdup(old) : NULL;
    aft_tz *tz = NULL;
    aft_error err;
    FILE *fp;

    (void)state;
    memset(buf + 20, 0xff, 24); /* all six counts -1 */
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/Bad", dir);
    assert_non_null(fp = fopen(path, "wb"));
    assert_int_equal(fwrite(buf, 1, sizeof buf, fp), sizeof buf);
    fclose(fp);
    setenv("TZDIR", dir, 1);
    assert_int_equal(aft_tz_load(&tz, "Bad", &err), AFT_ENOTFOUND);
    assert_string_equal(err.message, "unknown time zone 'Bad'");
    assert_null(tz);
    if (saved != NULL)
        setenv("TZDIR", saved, 1);
    else
        unsetenv("TZDIR");
    free(saved);
    unlink(path);
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tz_berlin_changes_at_one_utc),
        cmocka_unit_test(test_tz_gap_reads_with_offset_before),
        cmocka_unit_test(test_tz_half_hour_zones),
        cmocka_unit_test(test_tz_rules_beyond_the_table),
        cmocka_unit_test(test_tz_rejects_unknown_and_unsafe_names),
        cmocka_unit_test(test_tz_refuses_negative_counts),
        cmocka_unit_test(test_instant_parse_forms),
        cmocka_unit_test(test_instant_format_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
