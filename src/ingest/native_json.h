/*
 * native_json.h - the native JSON reader: one document with the arrays
 * services, clients, incidents and maintenances.
 */
#ifndef AFT_INGEST_NATIVE_JSON_H
#define AFT_INGEST_NATIVE_JSON_H

#include <stdio.h>

#include <jansson.h>

#include "ingest/sink.h"

/* The largest JSON document read: a document is parsed whole, and the
 * parsed tree takes about ten times its text; NDJSON streams instead. */
#define AFT_JSON_DOC_MAX ((size_t)64 << 20)

/* Parse the JSON document on fp (the file s->pb.file) into *out, which
 * the caller must json_decref(); it is one object, native or Statuspage.
 * Returns AFT_OK, or AFT_EINVALID (invalid JSON, not an object, larger
 * than AFT_JSON_DOC_MAX, which is checked before parsing when fp is a
 * regular file). */
int aft_native_json__load(json_t **out, aft_sink *s, FILE *fp, aft_error *err);

/* Deliver the records of a native document to s, services first.
 * Returns AFT_OK or the sink's failure. */
int aft_native_json__read(aft_sink *s, json_t *doc, aft_error *err);

#endif
