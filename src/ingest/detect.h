/*
 * detect.h - the one place that decides which format a file is in: the
 * format asked for with --format, else what its content shows.
 */
#ifndef AFT_INGEST_DETECT_H
#define AFT_INGEST_DETECT_H

#include <stdio.h>

#include <jansson.h>

#include "aftercast/ingest.h"
#include "ingest/csv_table.h"

/* The format of the file open on fp, by its first line when asked is
 * AFT_FORMAT_AUTO: NDJSON (a JSON object with "kind"), STATUSPAGE (one
 * with "page"), JSON (another start with '{' or '['), else CSV. The line
 * is scanned, not parsed. fp is rewound. Any other asked format is
 * returned as it is. */
aft_format aft_detect__stream(aft_format asked, FILE *fp);

/* A JSON document (an object) is STATUSPAGE when asked for or when it has
 * a "page" key, else native JSON. */
aft_format aft_detect__document(aft_format asked, const json_t *doc);

/* A CSV file is PAGERDUTY when asked for, or when asked is AUTO and its
 * header has created_on and service_id or incident_number; else native
 * CSV. */
aft_format aft_detect__csv_header(aft_format asked, const aft_csv_row *header);

#endif
