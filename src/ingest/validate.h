/*
 * validate.h - turn one JSON record (native JSON, an NDJSON line, or a CSV
 * row rebuilt as JSON) into a checked aft_* record, naming every problem.
 */
#ifndef AFT_VALIDATE_H
#define AFT_VALIDATE_H

#include <jansson.h>

#include "aftercast/store.h"
#include "aftercast/tz.h"
#include "base/arena.h"

/* Where problems are reported: "FILE: LOC.FIELD: message" or, for line
 * locations, "FILE:LINE: FIELD: message". */
typedef struct aft_problems {
    const char *file;
    char loc[96]; /* "incidents[41]" or "12" (a line) */
    int loc_is_line;
    size_t count; /* problems reported for the current record */
    aft_warn_fn fn;
    void *payload;
    const char *prefix; /* "" or "skipped: " */
} aft_problems;

/* Report one problem at field path `field` (may be NULL). */
void aft_problem(aft_problems *pb, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Format "FILE: LOC[.field]" (or "FILE:LINE[: field]") into buf. */
void aft_problem_where(char *buf, size_t size, const aft_problems *pb,
                       const char *field);

/* Why text s (len bytes of UTF-8) cannot be stored, written into why
 * (size bytes); or NULL when it can. See validate.c for the rules. */
const char *aft_text_problem(char *why, size_t size, const char *s, size_t len);

/* A record of any kind. */
typedef union aft_record {
    aft_service service;
    aft_client client;
    aft_incident incident;
    aft_maintenance maintenance;
} aft_record;

/*
 * Check obj as a record of `kind` and fill *out (strings in arena).
 * Instants without an offset are read in deflt (or rejected when NULL).
 * Returns the number of problems reported (0: the record is good), or -1
 * if memory ran out.
 */
int aft_validate_record(aft_record *out, aft_kind kind, json_t *obj,
                        aft_arena *arena, const aft_tz *deflt,
                        aft_problems *pb);

/* Each reference a good record makes: (kind, id, field path). */
typedef int (*aft_ref_fn)(aft_kind kind, const char *id, const char *field,
                          void *payload);
int aft_record_refs(const aft_record *r, aft_kind kind, aft_ref_fn fn,
                    void *payload);

/* The id of a record. */
const char *aft_record_id(const aft_record *r, aft_kind kind);

#endif
