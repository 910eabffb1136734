/*
 * memo.h - the engine's memo of measured service figures: clients in
 * the same zone, on the same terms and around the clock, share each
 * service's figures over the same window, so the engine measures them
 * once (engine.c says when a figure may be shared).
 */
#ifndef AFT_ENGINE_MEMO_H
#define AFT_ENGINE_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/sla.h"

/* What the figures of one service over one window depend on. */
typedef struct memo_key {
    long si;          /* service index */
    int64_t lo, hi;   /* the window */
    int notice_days;  /* the maintenance notice the client needs */
    double w_partial; /* the client's weights */
    double w_degraded;
} memo_key;

typedef struct memo_slot {
    memo_key key;
    aft_sla_result r; /* measured, not judged */
    int used;
} memo_slot;

/* An open-addressing table; zero-initialised is empty. */
typedef struct memo {
    memo_slot *v;
    size_t n, cap; /* cap is 0 or a power of two */
} memo;

/* The figures stored under k, or NULL. */
const aft_sla_result *memo_get(const memo *m, const memo_key *k);

/* Store r under k (replacing). 0, or -1 out of memory (nothing stored). */
int memo_put(memo *m, const memo_key *k, const aft_sla_result *r);

/* Free the table and empty it. */
void memo_free(memo *m);

#endif
