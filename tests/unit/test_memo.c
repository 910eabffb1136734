/*
 * test_memo.c - the engine's memo of service figures: a hit only for the
 * very same service, window, notice and weights; growth keeps entries.
 */
#include "cmocka_all.h"
#include "engine/memo.h"

static void
test_memo_hits_only_the_same_key(void **state)
{
    memo m = {0};
    memo_key k = {3, 1000, 2000, 14, 0.3, 0.0}, other = k;
    aft_sla_result r = {0};

    (void)state;
    assert_null(memo_get(&m, &k));
    r.downtime_s = 42.5;
    r.eligible_s = 1000;
    assert_int_equal(memo_put(&m, &k, &r), 0);
    assert_non_null(memo_get(&m, &k));
    assert_true(memo_get(&m, &k)->downtime_s == 42.5);
    assert_int_equal(memo_get(&m, &k)->eligible_s, 1000);
    other.notice_days = 7; /* another client's terms */
    assert_null(memo_get(&m, &other));
    other = k;
    other.w_partial = 0.5;
    assert_null(memo_get(&m, &other));
    other = k;
    other.hi = 2001;
    assert_null(memo_get(&m, &other));
    memo_free(&m);
    assert_int_equal(m.cap, 0);
}

static void
test_memo_keeps_every_entry_as_it_grows(void **state)
{
    memo m = {0};
    aft_sla_result r = {0};
    long i;

    (void)state;
    for (i = 0; i < 1000; i++) {
        memo_key k = {i % 20, i * 60, i * 60 + 86400, 14, 0.3, 0.0};
        r.major_s = i;
        assert_int_equal(memo_put(&m, &k, &r), 0);
    }
    assert_int_equal(m.n, 1000);
    for (i = 0; i < 1000; i++) {
        memo_key k = {i % 20, i * 60, i * 60 + 86400, 14, 0.3, 0.0};
        assert_non_null(memo_get(&m, &k));
        assert_int_equal(memo_get(&m, &k)->major_s, i);
    }
    memo_free(&m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memo_hits_only_the_same_key),
        cmocka_unit_test(test_memo_keeps_every_entry_as_it_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
