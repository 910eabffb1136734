/*
 * error.h - internal helpers to fill an aft_error.
 */
#ifndef AFT_ERROR_INT_H
#define AFT_ERROR_INT_H

#include "aftercast/error.h"

/* Set err (may be NULL) to code and a printf-style message; returns code. */
int aft_error_set(aft_error *err, aft_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Clear err to AFT_OK with an empty message. */
void aft_error_clear(aft_error *err);

#endif
