/*
 * interval.c - union, intersection, difference of half-open interval sets.
 */
#include <stdlib.h>

#include "aftercast/interval.h"

static int
cmp_start(const void *a, const void *b)
{
    const aft_interval *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

size_t
aft_iv_normalize(aft_interval *iv, size_t n)
{
    size_t i, k = 0;

    if (n == 0)
        return 0;
    for (i = 1; i < n && cmp_start(&iv[i - 1], &iv[i]) <= 0; i++)
        ;
    if (i < n) /* most lists come in order already */
        qsort(iv, n, sizeof *iv, cmp_start);
    for (i = 0; i < n; i++) {
        if (iv[i].end <= iv[i].start)
            continue;
        if (k > 0 && iv[i].start <= iv[k - 1].end) {
            if (iv[i].end > iv[k - 1].end)
                iv[k - 1].end = iv[i].end;
        } else {
            iv[k++] = iv[i];
        }
    }
    return k;
}

int64_t
aft_iv_total(const aft_interval *iv, size_t n)
{
    int64_t sum = 0;
    size_t i;

    for (i = 0; i < n; i++)
        sum += iv[i].end - iv[i].start;
    return sum;
}

size_t
aft_iv_intersect(aft_interval *out, const aft_interval *a, size_t na,
                 const aft_interval *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;

    while (i < na && j < nb) {
        int64_t lo = a[i].start > b[j].start ? a[i].start : b[j].start;
        int64_t hi = a[i].end < b[j].end ? a[i].end : b[j].end;

        if (lo < hi)
            out[k++] = (aft_interval){lo, hi};
        if (a[i].end < b[j].end)
            i++;
        else
            j++;
    }
    return k;
}

size_t
aft_iv_subtract(aft_interval *out, const aft_interval *a, size_t na,
                const aft_interval *b, size_t nb)
{
    size_t i, j = 0, k = 0;

    for (i = 0; i < na; i++) {
        int64_t cur = a[i].start;

        while (j < nb && b[j].end <= cur)
            j++;
        for (size_t m = j; m < nb && b[m].start < a[i].end; m++) {
            if (b[m].start > cur)
                out[k++] = (aft_interval){cur, b[m].start};
            if (b[m].end > cur)
                cur = b[m].end;
        }
        if (cur < a[i].end)
            out[k++] = (aft_interval){cur, a[i].end};
    }
    return k;
}

size_t
aft_iv_clip(aft_interval *iv, size_t n, int64_t lo, int64_t hi)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        int64_t s = iv[i].start > lo ? iv[i].start : lo;
        int64_t e = iv[i].end < hi ? iv[i].end : hi;

        if (s < e)
            iv[k++] = (aft_interval){s, e};
    }
    return k;
}

int
aft_ivlist_reserve(aft_ivlist *l, size_t more)
{
    aft_interval *v;
    size_t cap = l->cap ? l->cap : 16;

    if (l->n + more <= l->cap)
        return AFT_OK;
    while (cap < l->n + more)
        cap *= 2;
    if ((v = realloc(l->v, cap * sizeof *v)) == NULL)
        return AFT_ENOMEM;
    l->v = v;
    l->cap = cap;
    return AFT_OK;
}

int
aft_ivlist_push(aft_ivlist *l, int64_t start, int64_t end)
{
    if (aft_ivlist_reserve(l, 1) < 0)
        return AFT_ENOMEM;
    l->v[l->n++] = (aft_interval){start, end};
    return AFT_OK;
}

void
aft_ivlist_free(aft_ivlist *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
