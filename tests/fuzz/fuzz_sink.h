/*
 * fuzz_sink.h - what the importer harnesses share: the input as a stream,
 * and an import whose sink checks every record as the real one does but
 * writes nothing (fuzz_sink.c stands in for src/ingest/sink.c).
 */
#ifndef AFT_FUZZ_SINK_H
#define AFT_FUZZ_SINK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ingest/sink.h"

/* One import of one input. */
typedef struct fuzz_import {
    aft_sink sink;
    aft_import_opts opts;
    aft_import_stats stats;
} fuzz_import;

/* The input as a read-only stream, or NULL. */
FILE *fuzz_open(const uint8_t *data, size_t size);

/* Start an import of the file named file: instants without an offset are
 * read in Europe/Berlin (when tzdata has it). Returns AFT_OK or < 0. */
int fuzz_import_begin(fuzz_import *f, const char *file);

/* Finish the import when rc is AFT_OK, then free it. */
void fuzz_import_end(fuzz_import *f, int rc);

#endif
