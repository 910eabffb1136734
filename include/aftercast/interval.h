/*
 * interval.h - algebra of half-open time intervals [start, end).
 *
 * A "set" is an array of intervals sorted by start, disjoint and
 * non-adjacent, with no empty member: what aft_iv_normalize() returns.
 * Every function is pure; output buffers belong to the caller.
 */
#ifndef AFTERCAST_INTERVAL_H
#define AFTERCAST_INTERVAL_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/visibility.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct aft_interval {
    int64_t start;   /* Unix seconds, included */
    int64_t end;     /* Unix seconds, excluded */
} aft_interval;

/** Sort, drop empty members and merge overlapping or touching ones, in
 *  place. @return the number of intervals left (the union). */
AFT_API size_t aft_iv_normalize(aft_interval *iv, size_t n);

/** Total length in seconds of a set. */
AFT_API int64_t aft_iv_total(const aft_interval *iv, size_t n);

/** out = a ∩ b for two sets; out holds at least na + nb intervals.
 *  @return the number written. */
AFT_API size_t aft_iv_intersect(aft_interval *out, const aft_interval *a,
                                size_t na, const aft_interval *b, size_t nb);

/** out = a \ b for two sets; out holds at least na + nb intervals.
 *  @return the number written. */
AFT_API size_t aft_iv_subtract(aft_interval *out, const aft_interval *a,
                               size_t na, const aft_interval *b, size_t nb);

/** Clip a set to [lo, hi) in place. @return the number left. */
AFT_API size_t aft_iv_clip(aft_interval *iv, size_t n, int64_t lo, int64_t hi);

/** A growable array of intervals; zero-initialise, free with
 *  aft_ivlist_free(). */
typedef struct aft_ivlist {
    aft_interval *v;
    size_t n, cap;
} aft_ivlist;

/** Append [start, end) (kept even if empty). @return 0, or -1 if out of
 *  memory. */
AFT_API int aft_ivlist_push(aft_ivlist *l, int64_t start, int64_t end);
/** Make room for n more members. @return 0, or -1 if out of memory. */
AFT_API int aft_ivlist_reserve(aft_ivlist *l, size_t more);
AFT_API void aft_ivlist_free(aft_ivlist *l);

#ifdef __cplusplus
}
#endif
#endif
