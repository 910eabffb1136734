/*
 * test_metrics.c - MTTD/MTTA/MTTR, percentiles, communication
 * (docs/accounting.md §8.5, §9.4).
 */
#include "cmocka_all.h"
#include "aftercast/instant.h"
#include "aftercast/metrics.h"

static aft_update UPD[] = {
    {0, "investigating", "looking"},
    {0, "resolved", "fixed"},
};

static aft_incident
incident(int64_t start, int64_t end)
{
    aft_incident i = {0};

    i.id = "i";
    i.title = "t";
    i.severity = AFT_SEV3;
    i.started_at = start;
    i.detected_at = AFT_TIME_NONE;
    i.acknowledged_at = AFT_TIME_NONE;
    i.resolved_at = end;
    return i;
}

static void
test_metrics_example8_silence_and_first_update(void **state)
{
    aft_incident i = incident(UTC(2026, 2, 3, 10, 0), UTC(2026, 2, 3, 12, 0));
    const aft_incident *list[] = {&i};
    aft_metrics m;

    (void)state;
    UPD[0].at = UTC(2026, 2, 3, 10, 20);
    UPD[1].at = UTC(2026, 2, 3, 11, 50);
    i.updates = UPD;
    i.n_updates = 2;
    assert_int_equal(aft_incident_first_update(&i, INT64_MAX), 1200);
    assert_int_equal(aft_incident_silence(&i, INT64_MAX), 5400);
    assert_int_equal(aft_metrics_compute(&m, list, 1, UTC(2026, 3, 1, 0, 0), 60,
                                         NULL),
                     AFT_OK);
    assert_true(m.has_first_update);
    assert_double_near(m.mean_first_update_s, 1200);
    assert_int_equal(m.update_breaches, 1);
    /* A 90-minute promise is kept. */
    assert_int_equal(aft_metrics_compute(&m, list, 1, UTC(2026, 3, 1, 0, 0), 90,
                                         NULL),
                     AFT_OK);
    assert_int_equal(m.update_breaches, 0);
}

/* 2026-11-24: the percentiles are now selected, not sorted for; the
 * nearest-rank values must stay those of the sorted list. */
static void
test_metrics_percentiles_selected(void **state)
{
    static aft_incident inc[1000];
    static const aft_incident *list[1000];
    aft_metrics m;
    size_t i;

    (void)state;
    /* Durations 1..1000 s in a shuffled order (7 and 1000 are coprime). */
    for (i = 0; i < 1000; i++) {
        inc[i] = incident(0, (int64_t)((i * 7) % 1000) + 1);
        list[i] = &inc[i];
    }
    assert_int_equal(aft_metrics_compute(&m, list, 1000, 5000, 60, NULL),
                     AFT_OK);
    assert_int_equal(m.mttr_p50_s, 500); /* rank ceil(0.5 * 1000) */
    assert_int_equal(m.mttr_p90_s, 900);
    /* Many equal values: 25 each of 0, 60, 120, 180 s. */
    for (i = 0; i < 100; i++)
        inc[i] = incident(0, (int64_t)(i % 4) * 60);
    assert_int_equal(aft_metrics_compute(&m, list, 100, 5000, 60, NULL),
                     AFT_OK);
    assert_int_equal(m.mttr_p50_s, 60);  /* rank 50 */
    assert_int_equal(m.mttr_p90_s, 180); /* rank 90 */
}

static void
test_metrics_means_and_nulls(void **state)
{
    aft_incident a = incident(1000, 4600), b = incident(2000, 3800),
                 c = incident(5000, AFT_TIME_NONE);
    const aft_incident *list[] = {&a, &b, &c};
    aft_metrics m;

    (void)state;
    a.detected_at = 1060;
    a.acknowledged_at = 1360;
    b.detected_at = 2180; /* detected, never acknowledged */
    b.severity = AFT_SEV1;
    assert_int_equal(aft_metrics_compute(&m, list, 3, 10000, 60, NULL), AFT_OK);
    assert_int_equal(m.incidents, 3);
    assert_int_equal(m.by_severity[AFT_SEV1], 1);
    assert_int_equal(m.by_severity[AFT_SEV3], 2);
    assert_double_near(m.mttd_s, (60 + 180) / 2.0);
    assert_double_near(m.mtta_s, 300);
    /* c is ongoing: MTTR over a and b only. */
    assert_double_near(m.mttr_s, (3600 + 1800) / 2.0);
    assert_int_equal(m.mttr_p50_s, 1800);
    assert_int_equal(m.mttr_p90_s, 3600);
    assert_false(m.has_first_update);
    /* No updates: silence is the whole span. a lasts exactly the promised
     * hour (not more), b less, and c has been silent 5000 s. */
    assert_int_equal(m.update_breaches, 1);
    /* Nothing to average: every mean is null. */
    assert_int_equal(aft_metrics_compute(&m, NULL, 0, 10000, 60, NULL), AFT_OK);
    assert_false(m.has_mttd || m.has_mtta || m.has_mttr);
}

static void
test_metrics_resolution_after_as_of_is_ongoing(void **state)
{
    aft_incident a = incident(1000, 9000);
    const aft_incident *list[] = {&a};
    aft_metrics m;

    (void)state;
    assert_int_equal(aft_metrics_compute(&m, list, 1, 5000, 60, NULL), AFT_OK);
    assert_false(m.has_mttr);
    assert_int_equal(aft_incident_end(&a, 5000), 5000);
    assert_int_equal(aft_incident_silence(&a, 5000), 4000);
}

static void
test_metrics_nearest_rank_percentiles(void **state)
{
    const int64_t ten[] = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    const int64_t three[] = {1, 2, 3};
    const int64_t one[] = {7};

    (void)state;
    assert_int_equal(aft_percentile(ten, 10, 50), 50);
    assert_int_equal(aft_percentile(ten, 10, 90), 90);
    assert_int_equal(aft_percentile(three, 3, 50), 2);
    assert_int_equal(aft_percentile(three, 3, 90), 3);
    assert_int_equal(aft_percentile(one, 1, 50), 7);
    assert_int_equal(aft_percentile(one, 1, 90), 7);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_example8_silence_and_first_update),
        cmocka_unit_test(test_metrics_means_and_nulls),
        cmocka_unit_test(test_metrics_percentiles_selected),
        cmocka_unit_test(test_metrics_resolution_after_as_of_is_ongoing),
        cmocka_unit_test(test_metrics_nearest_rank_percentiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
