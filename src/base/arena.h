/*
 * arena.h - a bump allocator: many small allocations, one free.
 *
 * Records loaded from the store or parsed from input live in an arena, so
 * that a whole batch is released by aft_arena_free() and no record needs a
 * destructor of its own.
 */
#ifndef AFT_ARENA_H
#define AFT_ARENA_H

#include <stddef.h>

typedef struct aft_arena_block aft_arena_block;
typedef struct aft_arena {
    aft_arena_block *head;
} aft_arena;

#define AFT_ARENA_INIT \
    { \
        NULL \
    }

/* Zeroed memory of n bytes, aligned for any type; NULL if malloc fails. */
void *aft_arena_alloc(aft_arena *a, size_t n);
/* Copy of s (NULL stays NULL); NULL if malloc fails. */
char *aft_arena_strdup(aft_arena *a, const char *s);
char *aft_arena_strndup(aft_arena *a, const char *s, size_t n);
/* Forget every allocation but keep the newest block for reuse. */
void aft_arena_reset(aft_arena *a);
/* Release every block; the arena can be used again afterwards. */
void aft_arena_free(aft_arena *a);

#endif
