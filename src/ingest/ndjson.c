/*
 * ndjson.c - NDJSON streams, read one line at a time so that memory stays
 * flat however long the stream.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/json_error.h"
#include "ingest/ndjson.h"

/* Deliver one non-blank line. */
static int
read_line(aft_sink *s, const char *line, size_t len, aft_error *err)
{
    json_error_t jerr;
    json_t *o, *kv;
    aft_kind kind;
    int rc = AFT_OK;

    if ((o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
        if (aft_json_error_is_oom(&jerr))
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        aft_sink__reject(s, NULL, "invalid JSON: %s",
                         aft_json_error_text(&jerr));
        return AFT_OK;
    }
    kv = json_object_get(o, "kind");
    if (!json_is_string(kv) || aft_kind_parse(&kind, json_string_value(kv)) < 0)
        aft_sink__reject(s, "kind",
                         "want \"service\", \"client\", "
                         "\"incident\" or \"maintenance\"");
    else
        rc = aft_sink__record(s, kind, o, err);
    json_decref(o);
    return rc;
}

int
aft_ndjson__read(aft_sink *s, FILE *fp, aft_error *err)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0, i;
    ssize_t len;
    int rc = AFT_OK;

    while (rc == AFT_OK && (len = getline(&line, &cap, fp)) >= 0) {
        aft_sink__line(s, ++lineno);
        for (i = 0; i < (size_t)len && strchr(" \t\r\n", line[i]); i++)
            ;
        if (i < (size_t)len) /* not a blank line */
            rc = read_line(s, line, (size_t)len, err);
    }
    free(line);
    return rc;
}
