/*
 * test_pdf_kit.c - the PDF layout kit: wrapping text of megabytes in
 * linear time, and lines no wider than asked; the ToUnicode maps
 * rewritten with the objects after them moved and the xref following.
 */
#include "cmocka_all.h"
#include <time.h>
#include <zlib.h>

#include "render/pdf/pdf_cmap.h"
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

/* The width libharu gives the whole of s in the regular font at size 9,
 * as aft_pdf__width() computes it from font units. */
static float
libharu_width(aft_pdf *p, const char *s)
{
    HPDF_TextWidth tw = HPDF_Font_TextWidth(p->font, (const HPDF_BYTE *)s,
                                            (HPDF_UINT)strlen(s));

    return (float)tw.width * 9 / 1000.0f;
}

/* 2026-11-24: widths are kept per code point once measured (each cell
 * and wrapped line asked libharu again for every code point). A text
 * measures what libharu gives for it whole, the first time and from
 * the kept widths after, in ASCII, two- and three-byte UTF-8 and with a
 * malformed sequence (measured whole by libharu). */
static void
test_pdf_widths_kept(void **state)
{
    static const char *const texts[] = {
        "Service availability 99.950 %", "R\xc3\xa9sum\xc3\xa9 na\xc3\xafve",
        "a \xc2\xb7 b \xe2\x80\x94 c \xe2\x80\xa6", "ab\xc3(cd",
        "\xf0\x9f\x98\x80 x"};
    aft_template *t;
    aft_pdf p;
    size_t i;

    (void)state;
    begin(&p, &t);
    assert_true(libharu_width(&p, texts[0]) > 100);
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        float want = libharu_width(&p, texts[i]);
        assert_true(aft_pdf__width(&p, texts[i], 9, 0) == want);
        assert_true(aft_pdf__width(&p, texts[i], 9, 0) == want);
    }
    /* "Service" is 7 code points: the widths of "S" and "e" kept. */
    assert_true(aft_pdf__width(&p, "See", 9, 0) == libharu_width(&p, "See"));
    HPDF_Free(p.doc);
    aft_template_free(t);
}

/* The bytes of page's content stream into buf (size bytes). */
static size_t
content(HPDF_Page page, char *buf, size_t size)
{
    HPDF_PageAttr attr = page->attr;
    HPDF_UINT n = (HPDF_UINT)HPDF_Stream_Size(attr->stream);

    assert_true(n < size);
    assert_int_equal(HPDF_Stream_Seek(attr->stream, 0, HPDF_SEEK_SET), HPDF_OK);
    assert_int_equal(HPDF_Stream_Read(attr->stream, (HPDF_BYTE *)buf, &n),
                     HPDF_OK);
    buf[n] = '\0';
    return n;
}

/* 2026-11-24: the fill colour is written from an operator made once a
 * colour; the page holds what HPDF_Page_SetRGBFill() writes, twice. */
static void
test_pdf_fill_as_libharu(void **state)
{
    static char kit[4096], lib[4096];
    aft_template *t;
    aft_pdf p;
    HPDF_Page own;

    (void)state;
    begin(&p, &t);
    p.page = HPDF_AddPage(p.doc);
    aft_pdf__fill_rect(&p, 0x1F3A5F, 10, 20, 30, 40);
    aft_pdf__fill_rect(&p, 0x1F3A5F, 10, 20, 30, 40);
    own = HPDF_AddPage(p.doc);
    HPDF_Page_SetRGBFill(own, 31 / 255.0f, 58 / 255.0f, 95 / 255.0f);
    HPDF_Page_Rectangle(own, 10, 20, 30, 40);
    HPDF_Page_Fill(own);
    HPDF_Page_SetRGBFill(own, 31 / 255.0f, 58 / 255.0f, 95 / 255.0f);
    HPDF_Page_Rectangle(own, 10, 20, 30, 40);
    HPDF_Page_Fill(own);
    assert_int_equal(content(p.page, kit, sizeof kit),
                     content(own, lib, sizeof lib));
    assert_string_equal(kit, lib);
    assert_non_null(strstr(kit, "0.12157 0.22745 0.37255 rg\n10 20 30 40 re"));
    assert_int_equal(p.error, 0);
    HPDF_Free(p.doc);
    aft_template_free(t);
}

/* The identity map over the BMP: 248 ranges of 256 codes (no surrogates),
 * in blocks of at most 100. */
static void
test_pdf_identity_cmap(void **state)
{
    size_t n;
    char *m = aft_pdf__identity_cmap(&n);

    (void)state;
    assert_non_null(m);
    assert_int_equal(strlen(m), n);
    assert_non_null(strstr(m, "/CMapType 2 def\n1 begincodespacerange\n"
                              "<0000> <FFFF>\nendcodespacerange\n"
                              "100 beginbfrange\n<0000> <00FF> <0000>\n"));
    assert_non_null(strstr(m, "<D700> <D7FF> <D700>\n<E000> <E0FF> <E000>\n"));
    assert_null(strstr(m, "<D800>"));
    assert_non_null(strstr(m, "endbfrange\n48 beginbfrange\n"));
    assert_non_null(strstr(m, "<FF00> <FFFF> <FF00>\nendbfrange\nendcmap\n"));
    assert_null(strstr(m, "cidrange"));
    free(m);
}

/* A document laid out as libharu saves one: font 2 names map 3, whose
 * length is object 4; object 5 comes after them. */
static size_t
tiny_pdf(char *buf, size_t size)
{
    const char *objs[] = {
        "1 0 obj\n<<\n/Type /Catalog\n>>\nendobj\n",
        "2 0 obj\n<<\n/Type /Font\n/ToUnicode 3 0 R\n>>\nendobj\n",
        "3 0 obj\n<<\n/Length 4 0 R\n>>\nstream\n1 begincidrange\n"
        "endstream\nendobj\n",
        "4 0 obj\n16\nendobj\n", "5 0 obj\n(after)\nendobj\n"};
    size_t n, at[5], i, x;

    n = (size_t)snprintf(buf, size, "%%PDF-1.3\n");
    for (i = 0; i < 5; i++) {
        at[i] = n;
        n += (size_t)snprintf(buf + n, size - n, "%s", objs[i]);
    }
    x = n;
    n += (size_t)snprintf(buf + n, size - n,
                          "xref\n0 6\n0000000000 65535 f\r\n");
    for (i = 0; i < 5; i++)
        n += (size_t)snprintf(buf + n, size - n, "%010zu 00000 n\r\n", at[i]);
    n += (size_t)snprintf(buf + n, size - n,
                          "trailer\n<<\n/Root 1 0 R\n/Size 6\n>>\n"
                          "startxref\n%zu\n%%%%EOF\n",
                          x);
    return n;
}

/* Offset the xref of pdf gives object i. */
static size_t
xref_at(const char *pdf, int i)
{
    const char *x = strstr(pdf, "xref\n0 6\n") + 9;

    return (size_t)strtoul(x + 20 * i, NULL, 10);
}

static void
test_pdf_fix_tounicode(void **state)
{
    char in[2048], *out, *p, *raw, map[16384];
    size_t n = tiny_pdf(in, sizeof in), out_n, len, k;
    uLongf map_n = sizeof map;
    aft_error err;
    int i;

    (void)state;
    /* Not terminated, as libharu's stream: nothing may read past it
     * (2026-11-24: sscanf() did, under valgrind). */
    raw = malloc(n);
    memcpy(raw, in, n);
    assert_int_equal(aft_pdf__fix_tounicode(&out, &out_n, raw, n, &err),
                     AFT_OK);
    free(raw);
    /* Every object where the new xref says, the map compressed with its
     * length direct and in object 4. */
    for (i = 1; i <= 5; i++) {
        char head[16];
        snprintf(head, sizeof head, "%d 0 obj\n", i);
        assert_memory_equal(out + xref_at(out, i), head, strlen(head));
    }
    p = out + xref_at(out, 3);
    assert_int_equal(sscanf(p, "3 0 obj\n<<\n/Length %zu\n", &len), 1);
    assert_non_null(strstr(p, "/Filter /FlateDecode\n>>\nstream\n"));
    p = strstr(p, "stream\n") + 7;
    assert_int_equal(uncompress((Bytef *)map, &map_n, (const Bytef *)p,
                                (uLong)len),
                     Z_OK);
    assert_memory_equal(p + len, "\nendstream\nendobj\n", 18);
    assert_int_equal(atoi(out + xref_at(out, 4) + 8), (int)len);
    assert_memory_equal(out + xref_at(out, 5), "5 0 obj\n(after)\n", 16);
    /* startxref names the new xref; the trailer is kept. */
    p = strstr(out, "startxref\n");
    k = (size_t)strtoul(p + 10, NULL, 10);
    assert_memory_equal(out + k, "xref\n0 6\n", 9);
    assert_non_null(strstr(out, "trailer\n<<\n/Root 1 0 R\n/Size 6\n>>\n"));
    assert_string_equal(out + out_n - 6, "%%EOF\n");
    free(out);
    /* Not a document laid out so: refused, saying so. */
    assert_int_equal(aft_pdf__fix_tounicode(&out, &out_n, "%PDF-1.3\n", 9,
                                            &err),
                     AFT_EINVALID);
    assert_null(out);
    assert_string_equal(err.message,
                        "cannot read the PDF libharu wrote (9 bytes)");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_wrap_is_linear),
        cmocka_unit_test(test_pdf_wrap_breaks_long_words),
        cmocka_unit_test(test_pdf_widths_kept),
        cmocka_unit_test(test_pdf_fill_as_libharu),
        cmocka_unit_test(test_pdf_identity_cmap),
        cmocka_unit_test(test_pdf_fix_tounicode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
