/*
 * sink.h - where every format reader delivers its records: one import's
 * state, the check and write of a record, the services foreign formats
 * name, and the checks that close an import.
 */
#ifndef AFT_INGEST_SINK_H
#define AFT_INGEST_SINK_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "aftercast/ingest.h"
#include "aftercast/tz.h"
#include "base/arena.h"
#include "ingest/validate.h"

/* One import, from the first file to the commit. Readers may read every
 * member; they change it only through the functions below. */
typedef struct aft_sink {
    aft_store *store;
    const aft_import_opts *opts;
    aft_import_stats *stats;
    aft_tz *tz;      /* --tz, or NULL */
    aft_problems pb; /* file and record being read */
    aft_arena arena; /* the record being checked */
    size_t records;  /* records written, for progress */
    /* Services named by Statuspage or PagerDuty records, written at the
     * end: id -> {"name", "ts", "file", "loc"} (the newest name wins). */
    json_t *derived;
    /* The Statuspage page first seen: {"name", "time_zone"}, or NULL. */
    json_t *page;
} aft_sink;

/* Start an import into store (zeroes *stats; loads opts->tz). Returns
 * AFT_OK, or aft_tz_load()'s failure (then *s needs no close). */
int aft_sink__open(aft_sink *s, aft_store *store, const aft_import_opts *opts,
                   aft_import_stats *stats, aft_error *err);
/* Free what the import held. */
void aft_sink__close(aft_sink *s);

/* Locations of the problems reported from now on: a new file (no record
 * yet), a line of it, or a place in a document ("incidents[4]"). */
void aft_sink__file(aft_sink *s, const char *path);
void aft_sink__line(aft_sink *s, size_t line);
void aft_sink__place(aft_sink *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Report a bad record at the current location (field may be NULL) and
 * count it. */
void aft_sink__reject(aft_sink *s, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Check obj as a record of kind and write it. A bad record, a duplicate
 * id or an unknown reference is reported and counted, not returned;
 * returns < 0 only for failures that stop the import (database, memory). */
int aft_sink__record(aft_sink *s, aft_kind kind, json_t *obj, aft_error *err);

/* Remember a service a foreign record names, at the current location;
 * name may be NULL or empty; of several names the one with the newest ts
 * wins. Returns 0, or -1 if memory ran out. */
int aft_sink__derive_service(aft_sink *s, const char *id, const char *name,
                             int64_t ts);

/* Remember the first Statuspage page seen: its name and time_zone (either
 * may be NULL) name the client --client creates. Should memory run out,
 * the page is forgotten and the client is named after its id. */
void aft_sink__page(aft_sink *s, const char *name, const char *time_zone);

/* After the last file: write the derived services, create or subscribe
 * the --client client, and report every reference no record of the
 * import or the database resolves (with skip_invalid, the records that
 * make them are taken out again). Returns AFT_OK or the failure. */
int aft_sink__finish(aft_sink *s, aft_error *err);

#endif
