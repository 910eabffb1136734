/*
 * cmocka_all.h - cmocka and the includes it needs first.
 */
#ifndef AFT_TEST_CMOCKA_ALL_H
#define AFT_TEST_CMOCKA_ALL_H

#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Instant of a UTC date and time. */
#define UTC(y, mo, d, h, mi) \
    (aft_days_from_civil((y), (mo), (d)) * 86400 + (h)*3600 + (mi)*60)

#define assert_double_near(a, b) \
    assert_true(fabs((double)(a) - (double)(b)) < 1e-6)

#endif
