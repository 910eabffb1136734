/*
 * test_arena.c - the bump allocator: alignment, zeroing, copies, large
 * requests, reset and free.
 */
#include "cmocka_all.h"
#include "base/arena.h"

static void
test_alloc_is_aligned_zeroed_and_packed(void **state)
{
    aft_arena a = AFT_ARENA_INIT;
    unsigned char *p1, *p2, *p3;
    size_t i;

    (void)state;
    p1 = aft_arena_alloc(&a, 1);
    p2 = aft_arena_alloc(&a, 17);
    p3 = aft_arena_alloc(&a, 3);
    assert_non_null(p1);
    /* Sizes round up to 16: 1 -> 16 and 17 -> 32, in one block. */
    assert_true(p2 - p1 == 16);
    assert_true(p3 - p2 == 32);
    assert_int_equal((uintptr_t)p1 % 16, 0);
    assert_int_equal((uintptr_t)p2 % 16, 0);
    assert_int_equal((uintptr_t)p3 % 16, 0);
    for (i = 0; i < 17; i++)
        assert_int_equal(p2[i], 0);
    aft_arena_free(&a);
}

static void
test_blocks_chain_and_keep_contents(void **state)
{
    aft_arena a = AFT_ARENA_INIT;
    int *p[2000];
    int i;

    (void)state;
    /* 2000 x 100 bytes (112 rounded) is 224,000 bytes: about 14 blocks
     * of 16 KiB, each allocation intact after the later ones. */
    for (i = 0; i < 2000; i++) {
        p[i] = aft_arena_alloc(&a, 100);
        assert_non_null(p[i]);
        memset(p[i], 0xab, 100);
        p[i][0] = i;
    }
    for (i = 0; i < 2000; i++)
        assert_int_equal(p[i][0], i);
    aft_arena_free(&a);
}

static void
test_large_request_gets_own_block(void **state)
{
    aft_arena a = AFT_ARENA_INIT;
    unsigned char *small, *big, *after;

    (void)state;
    small = aft_arena_alloc(&a, 8);
    /* Larger than a 16 KiB block: a block of its own size. */
    big = aft_arena_alloc(&a, 40000);
    assert_non_null(big);
    memset(big, 1, 40000);
    assert_int_equal(big[39999], 1);
    after = aft_arena_alloc(&a, 8);
    assert_non_null(after);
    assert_int_equal(small[0], 0);
    aft_arena_free(&a);
}

static void
test_strdup_and_strndup(void **state)
{
    aft_arena a = AFT_ARENA_INIT;
    const char *src = "abcdef";
    char *s;

    (void)state;
    s = aft_arena_strdup(&a, src);
    assert_string_equal(s, "abcdef");
    assert_ptr_not_equal(s, src);
    assert_string_equal(aft_arena_strndup(&a, src, 3), "abc");
    assert_string_equal(aft_arena_strndup(&a, src, 0), "");
    assert_null(aft_arena_strdup(&a, NULL));
    assert_null(aft_arena_strndup(&a, NULL, 4));
    aft_arena_free(&a);
}

static void
test_reset_reuses_newest_block(void **state)
{
    aft_arena a = AFT_ARENA_INIT;
    unsigned char *p, *q;
    int i;

    (void)state;
    aft_arena_reset(&a); /* empty: nothing to keep */
    assert_null(a.head);
    for (i = 0; i < 400; i++) /* 400 x 112: several blocks */
        aft_arena_alloc(&a, 100);
    p = aft_arena_alloc(&a, 8);
    memset(p, 7, 8);
    aft_arena_reset(&a);
    /* The newest block stays, emptied: the next allocation starts at its
     * beginning, zeroed again. */
    q = aft_arena_alloc(&a, 8);
    assert_non_null(q);
    assert_int_equal(q[0], 0);
    assert_int_equal(q[7], 0);
    aft_arena_free(&a);
    assert_null(a.head);
    /* Usable again after free. */
    assert_string_equal(aft_arena_strdup(&a, "again"), "again");
    aft_arena_free(&a);
    aft_arena_free(&a); /* twice: no-op */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_is_aligned_zeroed_and_packed),
        cmocka_unit_test(test_blocks_chain_and_keep_contents),
        cmocka_unit_test(test_large_request_gets_own_block),
        cmocka_unit_test(test_strdup_and_strndup),
        cmocka_unit_test(test_reset_reuses_newest_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
