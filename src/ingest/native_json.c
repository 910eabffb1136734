/*
 * native_json.c - native JSON documents: one object with an array of
 * records for each kind.
 */
#include <stdio.h>

#include "base/error.h"
#include "ingest/native_json.h"

static const char *const ARRAYS[AFT_KIND_COUNT] = {"services", "clients",
                                                   "incidents", "maintenances"};

int
aft_native_json__load(json_t **out, aft_sink *s, FILE *fp, aft_error *err)
{
    json_error_t jerr;
    json_t *doc = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);

    *out = NULL;
    if (doc == NULL
        && (json_error_code(&jerr) == json_error_out_of_memory
            || jerr.text[0] == '\0')) /* jansson's own allocation */
        return aft_error_set(err, AFT_ENOMEM, "%s: out of memory", s->pb.file);
    if (doc == NULL)
        return aft_error_set(err, AFT_EINVALID, "%s:%d:%d: invalid JSON: %s",
                             s->pb.file, jerr.line, jerr.column, jerr.text);
    if (!json_is_object(doc)) {
        json_decref(doc);
        return aft_error_set(err, AFT_EINVALID,
                             "%s: a native JSON file is one object with "
                             "arrays services, clients, incidents, "
                             "maintenances",
                             s->pb.file);
    }
    *out = doc;
    return AFT_OK;
}

/* Records are taken kind by kind (services first), whatever the order of
 * the arrays in the file, so that references inside one document always
 * resolve. */
int
aft_native_json__read(aft_sink *s, json_t *doc, aft_error *err)
{
    int k, rc = AFT_OK;

    for (k = 0; k < AFT_KIND_COUNT && rc == AFT_OK; k++) {
        json_t *arr = json_object_get(doc, ARRAYS[k]), *rec;
        size_t i;

        if (arr == NULL || json_is_null(arr))
            continue;
        if (!json_is_array(arr)) {
            aft_sink__place(s, "%s", ARRAYS[k]);
            aft_sink__reject(s, NULL, "must be a list");
            continue;
        }
        json_array_foreach(arr, i, rec)
        {
            aft_sink__place(s, "%s[%zu]", ARRAYS[k], i);
            if ((rc = aft_sink__record(s, (aft_kind)k, rec, err)) < 0)
                break;
        }
    }
    return rc;
}
