/*
 * test_record.c - the reading rules of a record: what an impact covers at
 * an as-of instant, and when a maintenance's work ran.
 */
#include "cmocka_all.h"
#include "aftercast/model.h"

#define NONE AFT_TIME_NONE

static void
test_impact_span(void **state)
{
    static const struct {
        int64_t inc_start, inc_resolved; /* the incident */
        int64_t imp_start, imp_end;      /* the impact's own times */
        int64_t as_of;
        int64_t start, end; /* the span */
        const char *what;
    } cases[] = {
        {1000, 5000, 2000, 3000, 10000, 2000, 3000, "own times"},
        {1000, 5000, NONE, NONE, 10000, 1000, 5000, "incident's times"},
        {1000, 5000, 2000, NONE, 10000, 2000, 5000, "own start only"},
        {1000, 5000, NONE, 4000, 10000, 1000, 4000, "own end only"},
        /* Ongoing: runs until as_of. */
        {1000, NONE, NONE, NONE, 4000, 1000, 4000, "ongoing"},
        {1000, NONE, 2000, NONE, 4000, 2000, 4000, "ongoing, own start"},
        /* as_of cuts an end that lies after it. */
        {1000, 5000, NONE, NONE, 3000, 1000, 3000, "resolved after as_of"},
        {1000, 5000, 2000, 9000, 6000, 2000, 6000, "own end after as_of"},
        /* Never negative: an end before the start gives an empty span. */
        {1000, 5000, 3000, 2000, 10000, 3000, 3000, "end before start"},
        {1000, NONE, 2000, NONE, 1500, 2000, 2000, "as_of before start"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        aft_incident inc;
        aft_impact imp;
        aft_interval s;
        memset(&inc, 0, sizeof inc);
        memset(&imp, 0, sizeof imp);
        inc.started_at = cases[i].inc_start;
        inc.resolved_at = cases[i].inc_resolved;
        imp.start = cases[i].imp_start;
        imp.end = cases[i].imp_end;
        s = aft_impact_span(&inc, &imp, cases[i].as_of);
        if (s.start != cases[i].start || s.end != cases[i].end)
            fail_msg("%s: got [%lld, %lld), want [%lld, %lld)", cases[i].what,
                     (long long)s.start, (long long)s.end,
                     (long long)cases[i].start, (long long)cases[i].end);
    }
}

static void
test_maintenance_actual(void **state)
{
    static const struct {
        int64_t actual_start, actual_end;
        int64_t start, end;
    } cases[] = {
        /* Scheduled 100-200 in every case. */
        {NONE, NONE, 100, 200},
        {110, 250, 110, 250},
        {120, NONE, 120, 200},
        {NONE, 190, 100, 190},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        aft_maintenance m;
        aft_interval s;
        memset(&m, 0, sizeof m);
        m.scheduled_start = 100;
        m.scheduled_end = 200;
        m.actual_start = cases[i].actual_start;
        m.actual_end = cases[i].actual_end;
        s = aft_maintenance_actual(&m);
        assert_int_equal(s.start, cases[i].start);
        assert_int_equal(s.end, cases[i].end);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_impact_span),
        cmocka_unit_test(test_maintenance_actual),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
