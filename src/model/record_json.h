/*
 * record_json.h - records as the JSON objects they are imported from.
 */
#ifndef AFT_MODEL_RECORD_JSON_H
#define AFT_MODEL_RECORD_JSON_H

#include <jansson.h>

#include "aftercast/model.h"

/* A new reference to record (of kind) as a native JSON object. */
json_t *aft_record_json(aft_kind kind, const void *record);

#endif
