/*
 * record_csv.h - the native CSV layout, shared by the CSV reader and writer.
 *
 * One file per kind; list fields hold entries separated by ';', and the
 * parts of a structured entry are separated by '|'. A backslash escapes
 * the next character. A text cell that would start with = + - @ is
 * written with a leading apostrophe, which the reader removes again.
 */
#ifndef AFT_MODEL_RECORD_CSV_H
#define AFT_MODEL_RECORD_CSV_H

#include <stddef.h>

#include "aftercast/model.h"

typedef enum csv_col_type {
    CSV_TEXT,  /* a string */
    CSV_NUM,   /* a number */
    CSV_LIST,  /* strings separated by ';' */
    CSV_STRUCT /* entries separated by ';', parts by '|' */
} csv_col_type;

typedef struct csv_col {
    const char *name;
    csv_col_type type;
    const char *const *parts;   /* CSV_STRUCT: part names, NULL-ended */
    const char *const *numeric; /* CSV_STRUCT: parts that are numbers */
} csv_col;

/* Columns of kind k, in the order the writer uses. */
const csv_col *aft_csv_columns(aft_kind k, size_t *n);

/* The column of kind k named name, or NULL. */
const csv_col *aft_csv_column(aft_kind k, const char *name);

/* Whether a text cell needs the leading apostrophe. */
int aft_csv_needs_guard(const char *s);

#endif
