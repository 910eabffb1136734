/*
 * jsonw.h - a streaming JSON writer with stable key order and the
 * shortest decimal that reads back as the same double.
 *
 * jansson parses every input; output is streamed instead of built as a
 * tree so that exports of millions of records stay in flat memory, and
 * so that 99.9 is written as 99.9 rather than 99.900000000000006.
 */
#ifndef AFT_JSONW_H
#define AFT_JSONW_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#define JW_MAX_DEPTH 32

typedef struct jsonw {
    FILE *fp;
    int depth;
    int count[JW_MAX_DEPTH]; /* members written at each level */
    int after_key;
} jsonw;

void jw_init(jsonw *w, FILE *fp);
void jw_object(jsonw *w);
void jw_object_end(jsonw *w);
void jw_array(jsonw *w);
void jw_array_end(jsonw *w);
void jw_key(jsonw *w, const char *key);
void jw_string(jsonw *w, const char *s); /* NULL: null */
void jw_int(jsonw *w, int64_t v);
void jw_real(jsonw *w, double v); /* NaN, inf: null */
void jw_bool(jsonw *w, int v);
void jw_null(jsonw *w);
/* A newline between array members, for one record a line. */
void jw_newline(jsonw *w);
/* Start the next array member on a line of its own. */
void jw_next_line(jsonw *w);
/* Any jansson value, keys in their stored order. */
void jw_value(jsonw *w, json_t *v);

/* Shortest "%.{15..17}g" form of v that reads back exactly, with ".0"
 * added to whole numbers; buf holds 32 bytes. */
char *aft_format_real(char *buf, double v);

#endif
