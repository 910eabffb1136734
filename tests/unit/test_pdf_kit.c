/*
 * test_pdf_kit.c - the PDF layout kit: wrapping text of megabytes in
 * linear time, and lines no wider than asked.
 */
#include "cmocka_all.h"
#include <time.h>

#include "render/pdf/pdf_kit.h"
#include "testutil.h"

/* Bytes of the first line wrapped. */
static void
first_line(aft_pdf *p, const char *s, size_t n, void *ctx)
{
    size_t *first = ctx;

    (void)p;
    (void)s;
    if (*first == 0)
        *first = n;
}

static void
begin(aft_pdf *p, aft_template **t)
{
    memset(p, 0, sizeof *p);
    p->doc_title = "Test";
    p->who = "Client";
    p->created = 0;
    assert_int_equal(aft_template_load(t, NULL, NULL), AFT_OK);
    assert_int_equal(aft_pdf__begin(p, *t, NULL), AFT_OK);
}

/* "word " n times, wrapped; the seconds it took in *secs. */
static int
wrap_words(aft_pdf *p, size_t n, size_t *first, double *secs)
{
    char *big = malloc(5 * n + 1);
    clock_t t0;
    size_t i;
    int lines;

    assert_non_null(big);
    for (i = 0; i < n; i++)
        memcpy(big + 5 * i, "word ", 5);
    big[5 * n] = '\0';
    *first = 0;
    t0 = clock();
    lines = aft_pdf__wrap(p, big, 9, 0, PDF_TEXT_W, first_line, first);
    *secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    free(big);
    return lines;
}

/* 2026-11-24: wrapping measured each line from the start of the rest of
 * the text (strlen on every line, each prefix measured again), so an 8 MB
 * title took 40 s. "word " 400,000 times (2 MB): every line holds the
 * same k words, so there are ceil(400,000 / k) lines, and ten times the
 * text takes about ten times as long, not a hundred (allowed 30, and
 * half a second, for a busy machine or valgrind). */
static void
test_pdf_wrap_is_linear(void **state)
{
    static const size_t words = 400000;
    size_t first, k;
    aft_template *t;
    aft_pdf p;
    double small, large;
    char line[1024];
    int lines;

    (void)state;
    begin(&p, &t);
    wrap_words(&p, words / 10, &first, &small);
    lines = wrap_words(&p, words, &first, &large);
    assert_true(large < 30 * small + 0.5);
    /* The first line: k whole words, the space after the last left out. */
    assert_int_equal(first % 5, 4);
    k = (first + 1) / 5;
    assert_true(k > 10 && first + 10 < sizeof line);
    assert_int_equal(lines, (int)((words + k - 1) / k));
    /* It fits; one more word would not. */
    memset(line, 0, sizeof line);
    for (k = 0; k < first + 5; k += 5)
        memcpy(line + k, "word ", 5);
    line[first] = '\0';
    assert_true(aft_pdf__width(&p, line, 9, 0) <= PDF_TEXT_W);
    line[first] = ' ';
    line[first + 5] = '\0';
    assert_true(aft_pdf__width(&p, line, 9, 0) > PDF_TEXT_W);
    HPDF_Free(p.doc);
    aft_template_free(t);
}

/* A word wider than the line is broken between code points. */
static void
test_pdf_wrap_breaks_long_words(void **state)
{
    char word[2001];
    size_t first = 0;
    aft_template *t;
    aft_pdf p;
    int lines;

    (void)state;
    memset(word, 'x', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    begin(&p, &t);
    lines = aft_pdf__wrap(&p, word, 9, 0, 100, first_line, &first);
    assert_true(first > 0 && first < 2000);
    assert_int_equal(lines, (int)((2000 + first - 1) / first));
    HPDF_Free(p.doc);
    aft_template_free(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_wrap_is_linear),
        cmocka_unit_test(test_pdf_wrap_breaks_long_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
