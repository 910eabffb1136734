/*
 * test_render.c - renderers: a PDF that would need more than 512 pages
 * fails with a message and leaves no file behind; local times become the
 * expected Excel date-times.
 */
#include "cmocka_all.h"
#include <unistd.h>

#include "aftercast/report.h"
#include "aftercast/tz.h"
#include "render/xlsx/xlsx_kit.h"

typedef struct fx {
    char dir[64], path[128], tmp[160];
    aft_template *t;
    aft_tz *tz;
    aft_client client;
    aft_maintenance m;
    aft_mreport r;
    char *summary;
} fx;

static int
setup(void **state)
{
    fx *f = calloc(1, sizeof *f);

    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/aft_render_XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/report.pdf", f->dir);
    snprintf(f->tmp, sizeof f->tmp, "%s.tmp", f->path);
    assert_int_equal(aft_template_load(&f->t, NULL, NULL), AFT_OK);
    assert_int_equal(aft_tz_load(&f->tz, "UTC", NULL), AFT_OK);
    f->client.id = "acme";
    f->client.name = "Acme";
    f->client.timezone = "UTC";
    f->client.notice_days = 5;
    f->m.id = "MNT-1";
    f->m.title = "Database upgrade";
    f->m.scheduled_start = UTC(2026, 10, 3, 1, 0);
    f->m.scheduled_end = UTC(2026, 10, 3, 3, 0);
    f->r.client = &f->client;
    f->r.tz = f->tz;
    f->r.as_of = UTC(2026, 11, 1, 0, 0);
    f->r.month.kind = AFT_PERIOD_MONTH;
    f->r.month.start_day = aft_days_from_civil(2026, 10, 1);
    f->r.month.end_day = aft_days_from_civil(2026, 11, 1);
    f->r.w.m = &f->m;
    f->r.w.actual_start = f->m.scheduled_start;
    f->r.w.actual_end = f->m.scheduled_end;
    snprintf(f->r.w.services, sizeof f->r.w.services, "Database");
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fx *f = *state;

    unlink(f->path);
    unlink(f->tmp);
    rmdir(f->dir);
    aft_template_free(f->t);
    aft_tz_free(f->tz);
    free(f->summary);
    free(f);
    return 0;
}

/* A summary of n lines, one word each: a paragraph n lines long. */
static const char *
lines(fx *f, size_t n)
{
    size_t i;

    free(f->summary);
    assert_non_null(f->summary = malloc(2 * n + 1));
    for (i = 0; i < n; i++)
        memcpy(f->summary + 2 * i, "x\n", 2);
    f->summary[2 * n] = '\0';
    return f->summary;
}

static void
test_pdf_within_the_page_limit(void **state)
{
    fx *f = *state;
    aft_error err = {0};

    f->m.summary = lines(f, 200); /* about four pages */
    assert_int_equal(aft_mreport_write_pdf(&f->r, f->t, f->path, &err), AFT_OK);
    assert_int_equal(access(f->path, F_OK), 0);
    assert_int_not_equal(access(f->tmp, F_OK), 0);
}

static void
test_pdf_past_the_page_limit_fails(void **state)
{
    fx *f = *state;
    aft_error err = {0};

    /* About 53 lines of 9.5 pt text fit a page: 30,000 need ~570. */
    f->m.summary = lines(f, 30000);
    assert_int_equal(aft_mreport_write_pdf(&f->r, f->t, f->path, &err),
                     AFT_ERROR);
    assert_int_equal(err.code, AFT_ERROR);
    assert_non_null(strstr(err.message,
                           "report too long: more than 512 pages"));
    assert_non_null(strstr(err.message, f->path));
    assert_int_not_equal(access(f->path, F_OK), 0);
    assert_int_not_equal(access(f->tmp, F_OK), 0);
}

static void
expect_datetime(const char *zone, int64_t t, int y, int mo, int d, int h,
                int mi)
{
    aft_tz *tz = NULL;
    lxw_datetime dt;

    assert_int_equal(aft_tz_load(&tz, zone, NULL), AFT_OK);
    aft_xlsx__local_datetime(&dt, tz, t);
    assert_int_equal(dt.year, y);
    assert_int_equal(dt.month, mo);
    assert_int_equal(dt.day, d);
    assert_int_equal(dt.hour, h);
    assert_int_equal(dt.min, mi);
    assert_double_near(dt.sec, 0);
    aft_tz_free(tz);
}

static void
test_xlsx_local_datetime(void **state)
{
    (void)state;
    /* 01:30 UTC on 29 March 2026 is after Berlin's change to summer time
     * (UTC+2): 03:30 local; the evening before is still UTC+1. */
    expect_datetime("Europe/Berlin", UTC(2026, 3, 29, 1, 30), 2026, 3, 29, 3,
                    30);
    expect_datetime("Europe/Berlin", UTC(2026, 3, 28, 23, 30), 2026, 3, 29, 0,
                    30);
    /* Sydney (UTC+11 in January) is a day ahead of UTC late in the day. */
    expect_datetime("Australia/Sydney", UTC(2026, 1, 31, 20, 0), 2026, 2, 1, 7,
                    0);
    /* Before 1970 the day still starts at midnight. */
    expect_datetime("UTC", -3600, 1969, 12, 31, 23, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pdf_within_the_page_limit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_pdf_past_the_page_limit_fails,
                                        setup, teardown),
        cmocka_unit_test(test_xlsx_local_datetime),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
