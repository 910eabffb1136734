/*
 * test_sha256.c - SHA-256 against the FIPS 180-4 example vectors (NIST
 * "SHA256.pdf", "SHA256ShortMsg"), fed whole and in odd pieces.
 */
#include "cmocka_all.h"

#include <unistd.h>

#include "base/sha256.h"

static void
test_fips_vectors(void **state)
{
    static const struct {
        const char *msg, *hex;
    } v[] = {
        {"",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc",
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
         "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    };
    char hex[AFT_SHA256_HEX];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof v / sizeof v[0]; i++)
        assert_string_equal(aft_sha256_hex(hex, v[i].msg, strlen(v[i].msg)),
                            v[i].hex);
}

/* One million 'a' (FIPS 180-4 example C.3), in pieces of 7 bytes so
 * that blocks straddle every update. */
static void
test_million_a_in_pieces(void **state)
{
    static const char want[] =
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    char a[7], hex[AFT_SHA256_HEX];
    unsigned char d[32];
    aft_sha256 s;
    size_t left = 1000000, i;

    (void)state;
    memset(a, 'a', sizeof a);
    aft_sha256_init(&s);
    while (left > 0) {
        size_t k = left < sizeof a ? left : sizeof a;
        aft_sha256_update(&s, a, k);
        left -= k;
    }
    aft_sha256_final(&s, d);
    for (i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    assert_string_equal(hex, want);
}

static void
test_file(void **state)
{
    char path[] = "/tmp/aft_sha256_XXXXXX", hex[AFT_SHA256_HEX];
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "abc", 3), 3);
    close(fd);
    assert_int_equal(aft_sha256_file(hex, path), 0);
    assert_string_equal(
        hex,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    unlink(path);
    assert_int_equal(aft_sha256_file(hex, path), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips_vectors),
        cmocka_unit_test(test_million_a_in_pieces),
        cmocka_unit_test(test_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
