/*
 * pdf_cmap.c - rewrite the ToUnicode maps libharu writes wrongly: read the
 * xref table of the saved document, copy every object in file order,
 * replacing each font's ToUnicode stream (and its indirect length) with
 * the identity map, and write a new xref table for the new offsets.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/error.h"
#include "render/pdf/pdf_cmap.h"

#define XREF_ENTRY 20     /* "oooooooooo ggggg n\r\n" */
#define MAX_OBJECTS 65536 /* far above any report's */

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

typedef struct object {
    size_t at, end; /* its bytes in the input */
    unsigned gen;   /* generation, from the xref */
    char kind;      /* 'n' in use, 'f' free */
    char rewrite;   /* 'c' ToUnicode map, 'l' its length, 0 copied */
    size_t new_at;  /* its offset in the output */
} object;

static int
put(buf *b, const void *s, size_t n)
{
    if (n > ((size_t)-1) / 4 - b->n)
        return -1;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *p;

        while (cap < b->n + n + 1)
            cap *= 2;
        if ((p = realloc(b->p, cap)) == NULL)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

static int
putf(buf *b, const char *fmt, size_t a, size_t c)
{
    char line[128];
    int k = snprintf(line, sizeof line, fmt, a, c);

    if (k < 0 || (size_t)k >= sizeof line)
        return -1;
    return put(b, line, (size_t)k);
}

char *
aft_pdf__identity_cmap(size_t *n)
{
    static const char head[] =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
        "/Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    static const char tail[] = "endcmap\n"
                               "CMapName currentdict /CMap defineresource "
                               "pop\nend\nend\n";
    buf b = {0};
    int bad = put(&b, head, sizeof head - 1);
    size_t hi = 0, left = 256 - 8; /* no surrogate codes D800-DFFF */

    while (left > 0 && !bad) {
        size_t k = left > 100 ? 100 : left; /* at most 100 a block */

        bad |= putf(&b, "%zu beginbfrange\n", k, 0);
        for (left -= k; k > 0; k--, hi++) {
            if (hi == 0xD8)
                hi = 0xE0;
            bad |= putf(&b, "<%02zX00> <%02zXFF> ", hi, hi);
            bad |= putf(&b, "<%02zX00>\n", hi, 0);
        }
        bad |= put(&b, "endbfrange\n", 11);
    }
    bad |= put(&b, tail, sizeof tail - 1);
    if (bad) {
        free(b.p);
        return NULL;
    }
    *n = b.n;
    return b.p;
}

/* The map, Flate-compressed, into *z (to free). */
static int
compressed_cmap(buf *z, aft_error *err)
{
    size_t n;
    char *map = aft_pdf__identity_cmap(&n);
    uLongf zn;

    if (map == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    zn = compressBound((uLong)n);
    if ((z->p = malloc(zn)) == NULL
        || compress2((Bytef *)z->p, &zn, (const Bytef *)map, (uLong)n,
                     Z_BEST_COMPRESSION)
               != Z_OK) {
        free(map);
        return aft_error_set(err, AFT_ENOMEM, "cannot compress a cmap");
    }
    free(map);
    z->n = zn;
    return AFT_OK;
}

/* Up to size - 1 bytes of pdf (n bytes, not terminated) from at, as a
 * string to scan: sscanf() must not run past the document. */
static const char *
window(char *tmp, size_t size, const char *pdf, size_t n, size_t at)
{
    size_t k = at < n ? n - at : 0;

    if (k > size - 1)
        k = size - 1;
    memcpy(tmp, pdf + at, k);
    tmp[k] = '\0';
    return tmp;
}

/* Parse "N G R" at s (bounded by end) into *num; 0 when it is not one. */
static int
parse_ref(const char *s, const char *end, unsigned *num)
{
    char tmp[48];
    size_t k = (size_t)(end - s) < sizeof tmp - 1 ? (size_t)(end - s)
                                                  : sizeof tmp - 1;
    unsigned gen;
    char r;

    memcpy(tmp, s, k);
    tmp[k] = '\0';
    return sscanf(tmp, "%u %u %c", num, &gen, &r) == 3 && r == 'R';
}

/* The value of key in the dictionary of object o, if it is a reference. */
static int
dict_ref(const char *pdf, const object *o, const char *key, unsigned *num)
{
    const char *s = pdf + o->at, *end = pdf + o->end, *st, *k;

    if ((st = memmem(s, (size_t)(end - s), "stream", 6)) != NULL)
        end = st; /* the dictionary only: stream data is binary */
    if ((k = memmem(s, (size_t)(end - s), key, strlen(key))) == NULL)
        return 0;
    return parse_ref(k + strlen(key), end, num);
}

static int
by_offset(const void *a, const void *b)
{
    const object *x = *(object *const *)a, *y = *(object *const *)b;

    return (x->at > y->at) - (x->at < y->at);
}

/* Read the xref table at x into objs[0..*count); *trailer: after it. */
static int
read_xref(object *objs, size_t *count, size_t *trailer, const char *pdf,
          size_t n, size_t x)
{
    unsigned first, num;
    int used;
    size_t i;
    char tmp[64];

    if (x >= n
        || sscanf(window(tmp, sizeof tmp, pdf, n, x), "xref %u %u%n", &first,
                  &num, &used)
               != 2
        || first != 0 || num == 0 || num > MAX_OBJECTS)
        return -1;
    x += (size_t)used;
    while (x < n && (pdf[x] == '\r' || pdf[x] == '\n' || pdf[x] == ' '))
        x++;
    if (n - x < (size_t)num * XREF_ENTRY)
        return -1;
    for (i = 0; i < num; i++, x += XREF_ENTRY) {
        unsigned long at;
        char line[XREF_ENTRY + 1];

        memcpy(line, pdf + x, XREF_ENTRY);
        line[XREF_ENTRY] = '\0';
        if (sscanf(line, "%10lu %5u %c", &at, &objs[i].gen, &objs[i].kind) != 3
            || (objs[i].kind == 'n' && (at == 0 || at >= n)))
            return -1;
        objs[i].at = at;
        objs[i].rewrite = 0;
    }
    *count = num;
    *trailer = x;
    return 0;
}

/* Set each object's end (the next object's start, or the xref's) and
 * mark the ToUnicode maps and their lengths. */
static int
mark(object *objs, size_t count, const char *pdf, size_t xref, int *found)
{
    object **order = malloc(count * sizeof *order);
    size_t i, k = 0;
    unsigned ref;

    if (order == NULL)
        return -1;
    for (i = 1; i < count; i++)
        if (objs[i].kind == 'n')
            order[k++] = &objs[i];
    qsort(order, k, sizeof *order, by_offset);
    for (i = 0; i < k; i++)
        order[i]->end = i + 1 < k ? order[i + 1]->at : xref;
    *found = 0;
    for (i = 0; i < k; i++)
        if (dict_ref(pdf, order[i], "/ToUnicode", &ref) && ref < count
            && objs[ref].kind == 'n') {
            objs[ref].rewrite = 'c';
            *found = 1;
        }
    for (i = 1; i < count; i++)
        if (objs[i].rewrite == 'c' && dict_ref(pdf, &objs[i], "/Length", &ref)
            && ref < count && objs[ref].kind == 'n' && objs[ref].rewrite == 0)
            objs[ref].rewrite = 'l';
    free(order);
    return 0;
}

/* Write object i (input bytes or its replacement) to b. */
static int
write_object(buf *b, const object *o, size_t i, const char *pdf, const buf *z)
{
    int bad = 0;

    if (o->rewrite == 'c') {
        bad |= putf(b, "%zu %zu obj\n<<\n", i, o->gen);
        bad |= putf(b, "/Length %zu\n/Filter /FlateDecode\n>>\nstream\n", z->n,
                    0);
        bad |= put(b, z->p, z->n);
        bad |= put(b, "\nendstream\nendobj\n", 18);
    } else if (o->rewrite == 'l') {
        bad |= putf(b, "%zu %zu obj\n", i, o->gen);
        bad |= putf(b, "%zu\nendobj\n", z->n, 0);
    } else {
        bad |= put(b, pdf + o->at, o->end - o->at);
    }
    return bad;
}

/* The document out of its parts: header, objects, xref, trailer. */
static int
assemble(buf *b, object *objs, size_t count, const char *pdf, size_t trailer,
         size_t startxref, const buf *z)
{
    object **order = malloc(count * sizeof *order);
    size_t i, k = 0, xref;
    int bad = 0;

    if (order == NULL)
        return -1;
    for (i = 1; i < count; i++)
        if (objs[i].kind == 'n')
            order[k++] = &objs[i];
    qsort(order, k, sizeof *order, by_offset);
    bad |= put(b, pdf, k ? order[0]->at : 0); /* header */
    for (i = 0; i < k && !bad; i++) {
        order[i]->new_at = b->n;
        bad |= write_object(b, order[i], (size_t)(order[i] - objs), pdf, z);
    }
    free(order);
    xref = b->n;
    bad |= putf(b, "xref\n0 %zu\n", count, 0);
    for (i = 0; i < count && !bad; i++) {
        char line[XREF_ENTRY + 1];

        snprintf(line, sizeof line, "%010lu %05u %c\r\n",
                 objs[i].kind == 'n' ? (unsigned long)objs[i].new_at
                                     : (unsigned long)objs[i].at,
                 objs[i].gen, objs[i].kind);
        bad |= put(b, line, XREF_ENTRY);
    }
    bad |= put(b, pdf + trailer, startxref - trailer);
    bad |= putf(b, "startxref\n%zu\n%%%%EOF\n", xref, 0);
    return bad;
}

/* The offset the last "startxref" gives, and where that keyword is. */
static int
find_startxref(const char *pdf, size_t n, size_t *kw, size_t *x)
{
    size_t i = n >= 9 ? n - 9 : 0, lim = n > 1024 ? n - 1024 : 0;
    unsigned long v;
    char tmp[64];

    for (; i > lim; i--)
        if (memcmp(pdf + i, "startxref", 9) == 0)
            break;
    if (i <= lim
        || sscanf(window(tmp, sizeof tmp, pdf, n, i + 9), " %lu", &v) != 1
        || v >= n)
        return -1;
    *kw = i;
    *x = v;
    return 0;
}

int
aft_pdf__fix_tounicode(char **out, size_t *out_n, const char *pdf, size_t n,
                       aft_error *err)
{
    object *objs = NULL;
    buf b = {0}, z = {0};
    size_t kw, x, count, trailer;
    int found, rc = AFT_OK; /* found: whether any map was rewritten */

    *out = NULL;
    if (find_startxref(pdf, n, &kw, &x) < 0
        || (objs = malloc(MAX_OBJECTS * sizeof *objs)) == NULL
        || read_xref(objs, &count, &trailer, pdf, n, x) < 0 || trailer > kw
        || mark(objs, count, pdf, x, &found) < 0) {
        rc = aft_error_set(err, AFT_EINVALID,
                           "cannot read the PDF libharu wrote (%zu bytes)", n);
        goto done;
    }
    if ((rc = compressed_cmap(&z, err)) < 0)
        goto done;
    if (assemble(&b, objs, count, pdf, trailer, kw, &z) != 0) {
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
        goto done;
    }
    *out = b.p;
    *out_n = b.n;
    b.p = NULL;
done:
    free(b.p);
    free(z.p);
    free(objs);
    return rc;
}
