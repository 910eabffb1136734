/*
 * test_sla.c - the worked examples of docs/accounting.md §4.5,
 * §5.7 and §6.6, and the edges of the availability arithmetic.
 */
#include "cmocka_all.h"
#include "aftercast/engine.h"
#include "aftercast/instant.h"
#include "aftercast/sla.h"

static const double W[4] = {0, 0.0, 0.3, 1.0};
#define FEB_START UTC(2026, 2, 1, 0, 0)
#define FEB_END UTC(2026, 3, 1, 0, 0)

static aft_sla_result
run(const aft_interval *x, size_t nx, const aft_outage *o, size_t no,
    const double w[4])
{
    const aft_interval m[] = {{FEB_START, FEB_END}};
    aft_sla_result r;

    assert_int_equal(aft_sla_measure(&r, m, 1, x, nx, o, no, w, NULL), AFT_OK);
    aft_sla_judge(&r, 99.9, NULL, 0);
    return r;
}

static void
test_sla_example1_one_major_hour(void **state)
{
    const aft_outage o[] = {
        {UTC(2026, 2, 3, 10, 0), UTC(2026, 2, 3, 11, 0), AFT_LEVEL_MAJOR}};
    aft_sla_result r = run(NULL, 0, o, 1, W);

    (void)state;
    assert_int_equal(r.eligible_s, 2419200);
    assert_double_near(r.downtime_s, 3600);
    assert_double_near(r.availability, 99.851190476190476);
    assert_false(r.met);
    assert_double_near(r.budget_s, 2419.2);
    assert_double_near(r.budget_remaining_s, -1180.8);
}

static void
test_sla_example2_overlap_takes_the_worst(void **state)
{
    const aft_outage o[] = {
        {UTC(2026, 2, 3, 10, 0), UTC(2026, 2, 3, 11, 0), AFT_LEVEL_MAJOR},
        {UTC(2026, 2, 3, 10, 30), UTC(2026, 2, 3, 12, 0), AFT_LEVEL_PARTIAL}};
    aft_sla_result r = run(NULL, 0, o, 2, W);

    (void)state;
    assert_double_near(r.downtime_s, 4680);
    assert_int_equal(r.major_s, 3600);
    assert_int_equal(r.partial_s, 3600);
    assert_int_equal(r.degraded_s, 0);
}

static aft_maintenance
example_maintenance(int64_t notified_at)
{
    static const char *svc[] = {"api"};
    aft_maintenance m = {0};

    m.id = "m1";
    m.services = svc;
    m.n_services = 1;
    m.scheduled_start = UTC(2026, 2, 10, 2, 0);
    m.scheduled_end = UTC(2026, 2, 10, 4, 0);
    m.actual_start = UTC(2026, 2, 10, 2, 0);
    m.actual_end = UTC(2026, 2, 10, 4, 30);
    m.notified_at = notified_at;
    m.impact = AFT_LEVEL_MAJOR;
    m.status = AFT_MAINT_COMPLETED;
    return m;
}

static void
test_sla_example3_announced_maintenance_overrun(void **state)
{
    aft_maintenance m = example_maintenance(UTC(2026, 1, 20, 2, 0));
    aft_interval x;
    aft_outage o[2];
    size_t n;
    aft_sla_result r;

    (void)state;
    assert_true(aft_engine_maintenance_split(&m, 14, &x, o, &n));
    assert_int_equal(x.end - x.start, 7200);
    assert_int_equal(n, 1); /* the overrun */
    assert_int_equal(o[0].end - o[0].start, 1800);
    r = run(&x, 1, o, n, W);
    assert_int_equal(r.excluded_s, 7200);
    assert_int_equal(r.eligible_s, 2412000);
    assert_double_near(r.downtime_s, 1800);
    assert_double_near(r.availability, 99.925373134328358);
    assert_true(r.met);
}

static void
test_sla_example4_late_notice_counts_it_all(void **state)
{
    aft_maintenance m = example_maintenance(UTC(2026, 2, 1, 2, 0));
    aft_interval x;
    aft_outage o[2];
    size_t n;
    aft_sla_result r;

    (void)state;
    assert_true(aft_engine_maintenance_split(&m, 14, &x, o, &n));
    assert_int_equal(x.end - x.start, 0);
    r = run(&x, 1, o, n, W);
    assert_int_equal(r.eligible_s, 2419200);
    assert_double_near(r.downtime_s, 9000);
    /* No notice at all, a cancellation and impact none. */
    m.notified_at = AFT_TIME_NONE;
    assert_true(aft_engine_maintenance_split(&m, 14, &x, o, &n));
    assert_int_equal(o[0].end - o[0].start, 9000);
    m.status = AFT_MAINT_CANCELLED;
    assert_false(aft_engine_maintenance_split(&m, 14, &x, o, &n));
    m.status = AFT_MAINT_COMPLETED;
    m.impact = AFT_LEVEL_NONE;
    assert_false(aft_engine_maintenance_split(&m, 14, &x, o, &n));
}

static void
test_sla_early_start_of_announced_work_is_an_outage(void **state)
{
    aft_maintenance m = example_maintenance(UTC(2026, 1, 1, 0, 0));
    aft_interval x;
    aft_outage o[2];
    size_t n;

    (void)state;
    m.actual_start = UTC(2026, 2, 10, 1, 0); /* an hour early */
    m.actual_end = UTC(2026, 2, 10, 3, 0);   /* and done early */
    assert_true(aft_engine_maintenance_split(&m, 14, &x, o, &n));
    assert_int_equal(x.start, UTC(2026, 2, 10, 2, 0));
    assert_int_equal(x.end, UTC(2026, 2, 10, 3, 0));
    assert_int_equal(n, 1);
    assert_int_equal(o[0].start, UTC(2026, 2, 10, 1, 0));
    assert_int_equal(o[0].end, UTC(2026, 2, 10, 2, 0));
}

static void
test_sla_outage_inside_excluded_time_does_not_count(void **state)
{
    const aft_interval x[] = {{UTC(2026, 2, 10, 2, 0), UTC(2026, 2, 10, 4, 0)}};
    const aft_outage o[] = {
        {UTC(2026, 2, 10, 3, 0), UTC(2026, 2, 10, 5, 0), AFT_LEVEL_MAJOR}};
    aft_sla_result r = run(x, 1, o, 1, W);

    (void)state;
    assert_double_near(r.downtime_s, 3600);
    assert_int_equal(r.major_s, 3600);
}

static void
test_sla_largest_weight_wins_over_level(void **state)
{
    /* degraded weighs more than partial for this client: a second of
     * both counts as partial (the worse level) at weight 0.5. */
    const double w[4] = {0, 0.5, 0.3, 1.0};
    const aft_outage o[] = {
        {UTC(2026, 2, 3, 10, 0), UTC(2026, 2, 3, 11, 0), AFT_LEVEL_PARTIAL},
        {UTC(2026, 2, 3, 10, 0), UTC(2026, 2, 3, 10, 30), AFT_LEVEL_DEGRADED}};
    aft_sla_result r = run(NULL, 0, o, 2, w);

    (void)state;
    assert_int_equal(r.partial_s, 3600);
    assert_int_equal(r.degraded_s, 0);
    assert_double_near(r.downtime_s, 1800 * 0.5 + 1800 * 0.3);
}

static void
test_sla_no_eligible_time_is_null(void **state)
{
    aft_sla_result r;

    (void)state;
    assert_int_equal(aft_sla_measure(&r, NULL, 0, NULL, 0, NULL, 0, W, NULL),
                     AFT_OK);
    aft_sla_judge(&r, 99.9, NULL, 0);
    assert_int_equal(r.eligible_s, 0);
    assert_false(r.has_availability);
    assert_double_near(r.credit_percent, 0);
    assert_double_near(r.budget_s, 0);
}

static void
test_sla_credit_tiers(void **state)
{
    const aft_credit_tier tiers[] = {{99.9, 10}, {99.0, 25}, {95.0, 50}};
    aft_sla_result r = {0};

    (void)state;
    r.eligible_s = 1000000;
    r.downtime_s = 5000; /* 99.5 % */
    aft_sla_judge(&r, 99.9, tiers, 3);
    assert_double_near(r.availability, 99.5);
    assert_double_near(r.credit_percent, 10);
    r.downtime_s = 20000; /* 98 % */
    aft_sla_judge(&r, 99.9, tiers, 3);
    assert_double_near(r.credit_percent, 25);
    r.downtime_s = 0; /* 100 % */
    aft_sla_judge(&r, 99.9, tiers, 3);
    assert_double_near(r.credit_percent, 0);
    assert_true(r.met);
    r.downtime_s = 1000; /* exactly 99.9 %: met, and not below 99.9 */
    aft_sla_judge(&r, 99.9, tiers, 3);
    assert_true(r.met);
    assert_double_near(r.credit_percent, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sla_example1_one_major_hour),
        cmocka_unit_test(test_sla_example2_overlap_takes_the_worst),
        cmocka_unit_test(test_sla_example3_announced_maintenance_overrun),
        cmocka_unit_test(test_sla_example4_late_notice_counts_it_all),
        cmocka_unit_test(test_sla_early_start_of_announced_work_is_an_outage),
        cmocka_unit_test(test_sla_outage_inside_excluded_time_does_not_count),
        cmocka_unit_test(test_sla_largest_weight_wins_over_level),
        cmocka_unit_test(test_sla_no_eligible_time_is_null),
        cmocka_unit_test(test_sla_credit_tiers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
