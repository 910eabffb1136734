/*
 * export_int.h - records as the JSON objects they are imported from.
 */
#ifndef AFT_EXPORT_INT_H
#define AFT_EXPORT_INT_H

#include <jansson.h>

#include "aftercast/store.h"

/* A new reference to record (of kind) as a native JSON object. */
json_t *aft_record_json(aft_kind kind, const void *record);

#endif
