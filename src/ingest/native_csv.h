/*
 * native_csv.h - the native CSV reader: one kind a file, named by the
 * header row; each row is rebuilt as the JSON record it stands for.
 */
#ifndef AFT_INGEST_NATIVE_CSV_H
#define AFT_INGEST_NATIVE_CSV_H

#include "ingest/csv_table.h"
#include "ingest/sink.h"
#include "model/record_csv.h"

/* What the header says about the rows of one file. */
typedef struct aft_native_csv {
    aft_kind kind;
    const csv_col **map; /* column of each header position, or NULL */
    size_t n_map;
} aft_native_csv;

/* Read the header: the kind and the column of each position. Returns
 * AFT_OK, AFT_EINVALID (not a native header, no 'id' column) or
 * AFT_ENOMEM. Free r with aft_native_csv__free() whatever it returns. */
int aft_native_csv__header(aft_native_csv *r, aft_sink *s,
                           const aft_csv_row *header, aft_error *err);

/* Deliver one data row to s. Returns AFT_OK or the sink's failure. */
int aft_native_csv__row(aft_native_csv *r, aft_sink *s, const aft_csv_row *row,
                        aft_error *err);

void aft_native_csv__free(aft_native_csv *r);

#endif
