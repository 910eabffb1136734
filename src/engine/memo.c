/*
 * memo.c - the engine's memo of measured service figures (memo.h).
 */
#include <stdlib.h>
#include <string.h>

#include "engine/memo.h"

static int
same(const memo_key *a, const memo_key *b)
{
    return a->si == b->si && a->lo == b->lo && a->hi == b->hi
           && a->notice_days == b->notice_days && a->w_partial == b->w_partial
           && a->w_degraded == b->w_degraded;
}

/* FNV-1a over the integer fields; the weights rarely differ. */
static size_t
hash(const memo_key *k)
{
    uint64_t v[4] = {(uint64_t)k->si, (uint64_t)k->lo, (uint64_t)k->hi,
                     (uint64_t)k->notice_days};
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < 4; i++) {
        h ^= v[i];
        h *= 1099511628211ull;
        h ^= h >> 29;
    }
    return (size_t)h;
}

static memo_slot *
find(const memo *m, const memo_key *k)
{
    size_t i = hash(k) & (m->cap - 1);

    while (m->v[i].used && !same(&m->v[i].key, k))
        i = (i + 1) & (m->cap - 1);
    return &m->v[i];
}

const aft_sla_result *
memo_get(const memo *m, const memo_key *k)
{
    const memo_slot *s;

    if (m->cap == 0)
        return NULL;
    s = find(m, k);
    return s->used ? &s->r : NULL;
}

/* Double the table (or make it): 0, or -1 out of memory. */
static int
grow(memo *m)
{
    memo old = *m;
    size_t i;

    m->cap = old.cap ? old.cap * 2 : 64;
    if ((m->v = calloc(m->cap, sizeof *m->v)) == NULL) {
        *m = old;
        return -1;
    }
    for (i = 0; i < old.cap; i++)
        if (old.v[i].used)
            *find(m, &old.v[i].key) = old.v[i];
    free(old.v);
    return 0;
}

int
memo_put(memo *m, const memo_key *k, const aft_sla_result *r)
{
    memo_slot *s;

    if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
        return -1;
    s = find(m, k);
    if (!s->used)
        m->n++;
    s->key = *k;
    s->r = *r;
    s->used = 1;
    return 0;
}

void
memo_free(memo *m)
{
    free(m->v);
    memset(m, 0, sizeof *m);
}
