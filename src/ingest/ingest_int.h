/*
 * ingest_int.h - shared state of one import, used by the format readers.
 */
#ifndef AFT_INGEST_INT_H
#define AFT_INGEST_INT_H

#include <stdio.h>

#include <jansson.h>

#include "aftercast/ingest.h"
#include "aftercast/tz.h"
#include "base/arena.h"
#include "base/utf8.h"
#include "ingest/validate.h"

typedef struct aft_ingest {
    aft_store              *store;
    const aft_import_opts  *opts;
    aft_import_stats       *stats;
    aft_tz                 *tz;     /* --tz, or NULL */
    aft_problems            pb;     /* file and record being read */
    aft_arena               arena;  /* per record */
    size_t                  records;
    /* Services named by Statuspage or PagerDuty records, written once at
     * the end: id -> {"name", "ts", "loc"} (the newest name wins). */
    json_t                 *derived;
    /* The Statuspage page first seen: {"name", "time_zone"}. */
    json_t                 *page;
} aft_ingest;

/* Check and write one record at g->pb's location. Bad records are
 * reported and counted; returns < 0 only for failures that stop the
 * import (database, memory). */
int aft_ingest__record(aft_ingest *g, aft_kind kind, json_t *obj,
                       aft_error *err);

/* Readers: fp is open at the start of g->pb.file. */
int aft_ingest__json(aft_ingest *g, FILE *fp, aft_error *err);
int aft_ingest__ndjson(aft_ingest *g, FILE *fp, aft_error *err);
int aft_ingest__csv(aft_ingest *g, FILE *fp, aft_error *err);

int aft_ingest__statuspage(aft_ingest *g, json_t *doc, aft_error *err);
/* A PagerDuty CSV row (header name -> cell) as a native incident. */
int aft_ingest__pagerduty_row(aft_ingest *g, json_t *row, aft_error *err);
/* Whether a CSV header (array of names) is a PagerDuty export. */
int aft_pagerduty_header(json_t *names);

/* Remember a service named by a foreign record (newest name wins). */
int aft_ingest__derive_service(aft_ingest *g, const char *id,
                               const char *name, int64_t ts);


#endif
