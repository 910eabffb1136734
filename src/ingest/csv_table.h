/*
 * csv_table.h - a CSV file as a header row and data rows (RFC 4180 as
 * libcsv reads it strictly), for the readers of CSV formats.
 */
#ifndef AFT_INGEST_CSV_TABLE_H
#define AFT_INGEST_CSV_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "aftercast/error.h"

typedef struct aft_csv_cell {
    char *s;  /* the cell's text, NUL-terminated */
    size_t n; /* its length in bytes (the text may hold NULs) */
} aft_csv_cell;

/* One row, valid during the call that receives it. */
typedef struct aft_csv_row {
    const aft_csv_cell *cells;
    size_t n;
    size_t index; /* 0: the header, then 1, 2, ... */
    size_t line;  /* the line the row starts on, from 1 */
} aft_csv_row;

/* Receives each row; returns AFT_OK, or < 0 to stop the reading. */
typedef int (*aft_csv_row_fn)(const aft_csv_row *row, void *payload,
                              aft_error *err);

/* Pass every row of fp to fn in order, header first; blank lines and a
 * leading UTF-8 byte order mark are skipped. file names fp in messages.
 * Returns AFT_OK, fn's failure, AFT_EINVALID for malformed CSV or a file
 * without a row, or AFT_ENOMEM. */
int aft_csv_table_read(FILE *fp, const char *file, aft_csv_row_fn fn,
                       void *payload, aft_error *err);

/* The position of the first cell of row that is not UTF-8, or row->n. */
size_t aft_csv_table_bad_utf8(const aft_csv_row *row);

/* The position of the first cell of row that holds a NUL, or row->n: its
 * text would end there, so readers refuse it rather than cut it short. */
size_t aft_csv_table_nul(const aft_csv_row *row);

#endif
