/**
 * @file
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

#include "aftercast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A half-open interval of instants [start, end). */
typedef struct aft_interval {
    int64_t start; /**< Unix seconds, included */
    int64_t end;   /**< Unix seconds, excluded */
} aft_interval;

/**
 * Sort, drop empty members and merge overlapping or touching ones, in
 * place: the union of the intervals as a set.
 *
 * @param iv  intervals, rewritten
 * @param n   their number
 * @return the number of intervals left.
 */
AFT_API size_t aft_iv_normalize(aft_interval *iv, size_t n);

/**
 * Total length of a set.
 *
 * @param iv  a set
 * @param n   its number of intervals
 * @return seconds.
 */
AFT_API int64_t aft_iv_total(const aft_interval *iv, size_t n);

/**
 * The intersection of two sets.
 *
 * @param[out] out  room for at least @p na + @p nb intervals
 * @param a         first set
 * @param na        its number of intervals
 * @param b         second set
 * @param nb        its number of intervals
 * @return the number of intervals written.
 */
AFT_API size_t aft_iv_intersect(aft_interval *out, const aft_interval *a,
                                size_t na, const aft_interval *b, size_t nb);

/**
 * The difference a \ b of two sets.
 *
 * @param[out] out  room for at least @p na + @p nb intervals
 * @param a         set to subtract from
 * @param na        its number of intervals
 * @param b         set to subtract
 * @param nb        its number of intervals
 * @return the number of intervals written.
 */
AFT_API size_t aft_iv_subtract(aft_interval *out, const aft_interval *a,
                               size_t na, const aft_interval *b, size_t nb);

/**
 * Clip a set to [lo, hi) in place.
 *
 * @param iv  a set, rewritten
 * @param n   its number of intervals
 * @param lo  first instant kept
 * @param hi  first instant cut off
 * @return the number of intervals left.
 */
AFT_API size_t aft_iv_clip(aft_interval *iv, size_t n, int64_t lo, int64_t hi);

/** A growable array of intervals; zero-initialise, free with
 *  aft_ivlist_free(). */
typedef struct aft_ivlist {
    aft_interval *v; /**< the intervals */
    size_t n;        /**< number in use */
    size_t cap;      /**< number allocated */
} aft_ivlist;

/**
 * Append [start, end), kept even if empty.
 *
 * @param l      the list
 * @param start  Unix seconds, included
 * @param end    Unix seconds, excluded
 * @return #AFT_OK, or #AFT_ENOMEM (the list is unchanged).
 */
AFT_API int aft_ivlist_push(aft_ivlist *l, int64_t start, int64_t end);

/**
 * Make room for more members.
 *
 * @param l     the list
 * @param more  members to add beyond l->n
 * @return #AFT_OK, or #AFT_ENOMEM (the list is unchanged).
 */
AFT_API int aft_ivlist_reserve(aft_ivlist *l, size_t more);

/**
 * Free a list's memory and zero it; it can be used again.
 *
 * @param l  the list
 */
AFT_API void aft_ivlist_free(aft_ivlist *l);

#ifdef __cplusplus
}
#endif
#endif
