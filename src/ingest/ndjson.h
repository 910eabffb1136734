/*
 * ndjson.h - the NDJSON reader: one record a line, its kind in "kind".
 */
#ifndef AFT_INGEST_NDJSON_H
#define AFT_INGEST_NDJSON_H

#include <stdio.h>

#include "ingest/sink.h"

/* Deliver each line of fp (open at the start of s->pb.file) to s; a line
 * that is not a JSON object of a known kind is reported and counted.
 * Returns AFT_OK or the sink's failure. */
int aft_ndjson__read(aft_sink *s, FILE *fp, aft_error *err);

#endif
