/*
 * test_instant.c - instants and dates: the parse forms and their limits,
 * formatting before 1970, durations for people, local times in a zone.
 */
#include "cmocka_all.h"
#include "aftercast/instant.h"
#include "aftercast/tz.h"

static void
test_instant_parse_edges(void **state)
{
    static const struct {
        const char *s;
        int64_t want; /* -1: rejected */
    } cases[] = {
        /* A leap second reads as the second before the next minute. */
        {"2016-12-31T23:59:60Z", 1483228799},
        /* Lower-case t and z, a space, a comma fraction (truncated). */
        {"2026-01-01t10:00:00,9z", 1767261600},
        {"2026-01-01 10:00Z", 1767261600},
        /* +0530 without a colon: 10:00 local is 04:30Z. */
        {"2026-01-01T10:00:00+0530", 1767261600 - 19800},
        /* Offsets up to 18 hours. */
        {"2026-01-01T10:00:00-18:00", 1767261600 + 64800},
        {"2026-01-01T10:00:00+19:00", -1},
        {"2026-01-01T10:00:00+05", -1},
        {"2026-01-01T24:00Z", -1},
        {"2026-01-01T10:60Z", -1},
        {"2026-01-01T10:00:61Z", -1},
        {"2026-01-01T10:00:00.Z", -1},
        {"2026-01-01", -1},
        {"2026-01-01T10Z", -1},
        {"", -1},
    };
    aft_error err;
    size_t i;

    (void)state;
    /* 2026-01-01T10:00Z: day 20454 * 86400 + 36000 = 1767261600. */
    assert_int_equal(UTC(2026, 1, 1, 10, 0), 1767261600);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t t = 0;
        int rc = aft_instant_parse(&t, cases[i].s, NULL, &err);
        if (cases[i].want == -1) {
            if (rc != AFT_EINVALID)
                fail_msg("'%s' accepted", cases[i].s);
            assert_int_equal(err.code, AFT_EINVALID);
        } else {
            if (rc != AFT_OK)
                fail_msg("'%s' rejected: %s", cases[i].s, err.message);
            assert_int_equal(t, cases[i].want);
        }
    }
    {
        int64_t t;
        assert_int_equal(aft_instant_parse(&t, NULL, NULL, &err), AFT_EINVALID);
    }
    assert_string_equal(err.message, "invalid instant '' (want "
                                     "YYYY-MM-DDTHH:MM[:SS]Z or with +HH:MM)");
}

/* 2026-11-24: instants after 9999 or before 0001 once in UTC imported,
 * then exported as "10000-..." and "-001-..." that do not read back. */
static void
test_instant_years_0001_to_9999_in_utc(void **state)
{
    static const struct {
        const char *s;
        int64_t want; /* 1: rejected */
    } cases[] = {
        /* 0001-01-01: day -719162 * 86400. */
        {"0001-01-01T00:00:00Z", -62135596800},
        /* 10000-01-01 is day 2932897: 253402300800, less one second. */
        {"9999-12-31T23:59:59Z", 253402300799},
        /* The offset brings a year-0 local time into year 1. */
        {"0000-12-31T23:00-01:00", -62135596800},
        {"9999-12-31T23:00-12:00", 1},
        {"0000-01-01T00:00+14:00", 1},
        {"0001-01-01T00:59+01:00", 1},
        {"0000-06-01T00:00Z", 1},
    };
    aft_tz *ny;
    aft_error err;
    int64_t t;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = aft_instant_parse(&t, cases[i].s, NULL, &err);
        if (cases[i].want == 1) {
            if (rc != AFT_EINVALID)
                fail_msg("'%s' accepted", cases[i].s);
        } else {
            if (rc != AFT_OK)
                fail_msg("'%s' rejected: %s", cases[i].s, err.message);
            assert_int_equal(t, cases[i].want);
        }
    }
    assert_int_equal(aft_instant_parse(&t, "9999-12-31T23:00-12:00", NULL,
                                       &err),
                     AFT_EINVALID);
    assert_string_equal(err.message, "instant '9999-12-31T23:00-12:00' is "
                                     "outside years 0001-9999 in UTC");
    /* Read in a zone: 23:00 in New York (-5) is 04:00Z in year 10000. */
    assert_int_equal(aft_tz_load(&ny, "America/New_York", NULL), AFT_OK);
    assert_int_equal(aft_instant_parse(&t, "9999-12-31T23:00", ny, &err),
                     AFT_EINVALID);
    assert_string_equal(err.message, "instant '9999-12-31T23:00' is outside "
                                     "years 0001-9999 in UTC");
    assert_int_equal(aft_instant_parse(&t, "9999-12-31T18:59:59", ny, &err),
                     AFT_OK);
    assert_int_equal(t, 253402300799);
    aft_tz_free(ny);
}

static void
test_date_parse(void **state)
{
    static const struct {
        const char *s;
        int64_t want; /* INT64_MIN: rejected */
    } cases[] = {
        {"1970-01-01", 0},
        {"1969-12-31", -1},
        {"2000-02-29", 11016}, /* 10957 + 31 + 28 */
        {"0000-03-01", -719468},
        {"2026-02-29", INT64_MIN}, /* 2026 is not a leap year */
        {"2026-04-31", INT64_MIN},
        {"2026-13-01", INT64_MIN},
        {"2026-00-10", INT64_MIN},
        {"2026-1-01", INT64_MIN},
        {"2026-01-01T00:00Z", INT64_MIN},
        {"", INT64_MIN},
    };
    aft_error err;
    int64_t d = 0;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = aft_date_parse(&d, cases[i].s, &err);
        if (cases[i].want == INT64_MIN) {
            assert_int_equal(rc, AFT_EINVALID);
        } else {
            assert_int_equal(rc, AFT_OK);
            assert_int_equal(d, cases[i].want);
        }
    }
    assert_int_equal(aft_date_parse(&d, "2026-02-30", &err), AFT_EINVALID);
    assert_string_equal(err.message,
                        "invalid date '2026-02-30' (want YYYY-MM-DD)");
    assert_int_equal(aft_date_parse(&d, "x", NULL), AFT_EINVALID);
}

static void
test_instant_and_date_format(void **state)
{
    char buf[AFT_INSTANT_BUFSZ];

    (void)state;
    assert_string_equal(aft_instant_format(buf, 0), "1970-01-01T00:00:00Z");
    assert_string_equal(aft_instant_format(buf, -86400),
                        "1969-12-31T00:00:00Z");
    assert_string_equal(aft_instant_format(buf, -86401),
                        "1969-12-30T23:59:59Z");
    /* 11016 * 86400 + 12 h 34 m 56 s = 951782400 + 45296 */
    assert_string_equal(aft_instant_format(buf, 951827696),
                        "2000-02-29T12:34:56Z");
    /* 1600-01-01 is day -135140: 2000-01-01 less 146097 days. */
    assert_string_equal(aft_instant_format(buf, -135140LL * AFT_DAY_SECONDS),
                        "1600-01-01T00:00:00Z");
    assert_string_equal(aft_date_format(buf, -1), "1969-12-31");
    assert_string_equal(aft_date_format(buf, 11016), "2000-02-29");
    assert_string_equal(aft_date_format(buf, -719468), "0000-03-01");
}

static void
test_duration_format(void **state)
{
    static const struct {
        double s;
        const char *want;
    } cases[] = {
        {0, "0s"},          {59.4, "59s"},
        {59.5, "1m 00s"}, /* rounds to 60 s */
        {725, "12m 05s"}, /* 12 * 60 + 5 */
        {3599, "59m 59s"},  {3600, "1h 00m"},
        {3720, "1h 02m"},   /* 3600 + 2 * 60 */
        {86399, "23h 59m"}, /* seconds are dropped, not rounded */
        {86400, "1d 00h"},  {273600, "3d 04h"}, /* 3 * 86400 + 4 * 3600 */
        {-45, "-45s"},      {-9000, "-2h 30m"},
    };
    char buf[32];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(aft_duration_format(buf, cases[i].s),
                            cases[i].want);
}

static void
test_local_format(void **state)
{
    aft_tz *utc = NULL, *berlin = NULL, *kolkata = NULL;
    char buf[AFT_INSTANT_BUFSZ];

    (void)state;
    assert_int_equal(aft_tz_load(&utc, "UTC", NULL), AFT_OK);
    assert_int_equal(aft_tz_load(&berlin, "Europe/Berlin", NULL), AFT_OK);
    assert_int_equal(aft_tz_load(&kolkata, "Asia/Kolkata", NULL), AFT_OK);
    assert_string_equal(aft_local_format(buf, utc, -1), "1969-12-31 23:59");
    /* CET in winter (+1 h), CEST in summer (+2 h). */
    assert_string_equal(aft_local_format(buf, berlin, UTC(2026, 2, 3, 10, 0)),
                        "2026-02-03 11:00");
    assert_string_equal(aft_local_format(buf, berlin, UTC(2026, 7, 1, 10, 0)),
                        "2026-07-01 12:00");
    /* +5:30 carries 20:00Z over midnight. */
    assert_string_equal(aft_local_format(buf, kolkata, UTC(2026, 2, 3, 20, 0)),
                        "2026-02-04 01:30");
    aft_tz_free(utc);
    aft_tz_free(berlin);
    aft_tz_free(kolkata);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_instant_parse_edges),
        cmocka_unit_test(test_instant_years_0001_to_9999_in_utc),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_instant_and_date_format),
        cmocka_unit_test(test_duration_format),
        cmocka_unit_test(test_local_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
