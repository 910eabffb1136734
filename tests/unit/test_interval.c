/*
 * test_interval.c - union, intersection, difference, clipping.
 */
#include <math.h>
#include "cmocka_all.h"
#include "aftercast/interval.h"

static void
assert_set(const aft_interval *got, size_t n, const aft_interval *want,
           size_t m)
{
    size_t i;

    assert_int_equal(n, m);
    for (i = 0; i < n; i++) {
        assert_int_equal(got[i].start, want[i].start);
        assert_int_equal(got[i].end, want[i].end);
    }
}

static void
test_normalize_merges_overlapping_and_touching(void **state)
{
    aft_interval iv[] = {{5, 10}, {1, 3}, {2, 4}, {10, 12}, {7, 7}, {20, 15}};
    const aft_interval want[] = {{1, 4}, {5, 12}};

    (void)state;
    assert_set(iv, aft_iv_normalize(iv, 6), want, 2);
    assert_int_equal(aft_iv_total(want, 2), 3 + 7);
}

static void
test_intersect_two_sets(void **state)
{
    const aft_interval a[] = {{0, 10}, {20, 30}}, b[] = {{5, 25}};
    const aft_interval want[] = {{5, 10}, {20, 25}};
    aft_interval out[3];

    (void)state;
    assert_set(out, aft_iv_intersect(out, a, 2, b, 1), want, 2);
    assert_int_equal(aft_iv_intersect(out, a, 2, b, 0), 0);
}

static void
test_subtract_leaves_the_gaps(void **state)
{
    const aft_interval a[] = {{0, 10}, {20, 30}};
    const aft_interval b[] = {{2, 3}, {8, 22}, {29, 40}};
    const aft_interval want[] = {{0, 2}, {3, 8}, {22, 29}};
    aft_interval out[5];

    (void)state;
    assert_set(out, aft_iv_subtract(out, a, 2, b, 3), want, 3);
    /* nothing to subtract */
    assert_set(out, aft_iv_subtract(out, a, 2, b, 0), a, 2);
    /* everything subtracted */
    {
        const aft_interval all[] = {{-5, 50}};
        assert_int_equal(aft_iv_subtract(out, a, 2, all, 1), 0);
    }
}

static void
test_clip_to_window(void **state)
{
    aft_interval iv[] = {{0, 10}, {20, 30}, {40, 50}};
    const aft_interval want[] = {{5, 10}, {20, 25}};

    (void)state;
    assert_set(iv, aft_iv_clip(iv, 3, 5, 25), want, 2);
}

static void
test_ivlist_grows(void **state)
{
    aft_ivlist l = {0};
    int i;

    (void)state;
    for (i = 0; i < 1000; i++)
        assert_int_equal(aft_ivlist_push(&l, i * 10, i * 10 + 5), 0);
    assert_int_equal(l.n, 1000);
    assert_int_equal(aft_iv_total(l.v, l.n), 5000);
    aft_ivlist_free(&l);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_merges_overlapping_and_touching),
        cmocka_unit_test(test_intersect_two_sets),
        cmocka_unit_test(test_subtract_leaves_the_gaps),
        cmocka_unit_test(test_clip_to_window),
        cmocka_unit_test(test_ivlist_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
