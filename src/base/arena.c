/*
 * arena.c - bump allocator over a list of malloc'd blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

#define BLOCK_SIZE 16384
#define ALIGN 16

struct aft_arena_block {
    aft_arena_block *next;
    size_t used, size;
    _Alignas(ALIGN) unsigned char data[];
};

void *
aft_arena_alloc(aft_arena *a, size_t n)
{
    aft_arena_block *b = a->head;
    void *p;

    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (b == NULL || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
        if ((b = malloc(sizeof *b + size)) == NULL)
            return NULL;
        b->used = 0;
        b->size = size;
        b->next = a->head;
        a->head = b;
    }
    p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *
aft_arena_strndup(aft_arena *a, const char *s, size_t n)
{
    char *p;

    if (s == NULL)
        return NULL;
    if ((p = aft_arena_alloc(a, n + 1)) == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
aft_arena_strdup(aft_arena *a, const char *s)
{
    return s == NULL ? NULL : aft_arena_strndup(a, s, strlen(s));
}

void
aft_arena_free(aft_arena *a)
{
    aft_arena_block *b = a->head, *next;

    for (; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    a->head = NULL;
}

void
aft_arena_reset(aft_arena *a)
{
    aft_arena_block *keep = a->head;

    if (keep == NULL)
        return;
    a->head = keep->next;
    aft_arena_free(a);
    keep->next = NULL;
    keep->used = 0;
    a->head = keep;
}
