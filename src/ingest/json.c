/*
 * ingest_json.c - native JSON documents and NDJSON streams.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "ingest/ingest_int.h"

static const char *const ARRAYS[AFT_KIND_COUNT] = {
    "services", "clients", "incidents", "maintenances"
};

/* Records are taken kind by kind (services first), whatever the order of
 * the arrays in the file, so that references inside one document always
 * resolve. */
int
aft_ingest__json(aft_ingest *g, FILE *fp, aft_error *err)
{
    json_error_t jerr;
    json_t *doc = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
    int k, rc = AFT_OK;

    if (doc == NULL)
        return aft_error_set(err, AFT_EINVALID,
                             "%s:%d:%d: invalid JSON: %s", g->pb.file,
                             jerr.line, jerr.column, jerr.text);
    if (!json_is_object(doc)) {
        json_decref(doc);
        return aft_error_set(err, AFT_EINVALID,
                             "%s: a native JSON file is one object with "
                             "arrays services, clients, incidents, "
                             "maintenances", g->pb.file);
    }
    if (json_object_get(doc, "page") != NULL
        || g->opts->format == AFT_FORMAT_STATUSPAGE) {
        rc = aft_ingest__statuspage(g, doc, err);
        json_decref(doc);
        return rc;
    }
    for (k = 0; k < AFT_KIND_COUNT && rc == AFT_OK; k++) {
        json_t *arr = json_object_get(doc, ARRAYS[k]), *rec;
        size_t i;

        if (arr == NULL || json_is_null(arr))
            continue;
        if (!json_is_array(arr)) {
            snprintf(g->pb.loc, sizeof g->pb.loc, "%s", ARRAYS[k]);
            aft_problem(&g->pb, NULL, "must be a list");
            g->stats->bad++;
            continue;
        }
        json_array_foreach(arr, i, rec) {
            snprintf(g->pb.loc, sizeof g->pb.loc, "%s[%zu]", ARRAYS[k], i);
            if ((rc = aft_ingest__record(g, (aft_kind)k, rec, err)) < 0)
                break;
        }
    }
    json_decref(doc);
    return rc;
}

/* One line at a time: memory stays flat however long the stream. */
int
aft_ingest__ndjson(aft_ingest *g, FILE *fp, aft_error *err)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    int rc = AFT_OK;

    g->pb.loc_is_line = 1;
    while (rc == AFT_OK && (len = getline(&line, &cap, fp)) >= 0) {
        json_error_t jerr;
        json_t *o, *kv;
        aft_kind kind;
        size_t i;

        lineno++;
        snprintf(g->pb.loc, sizeof g->pb.loc, "%zu", lineno);
        for (i = 0; i < (size_t)len && strchr(" \t\r\n", line[i]); i++)
            ;
        if (i == (size_t)len)
            continue;   /* blank line */
        if ((o = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES,
                            &jerr)) == NULL) {
            aft_problem(&g->pb, NULL, "invalid JSON: %s", jerr.text);
            g->stats->bad++;
            continue;
        }
        kv = json_object_get(o, "kind");
        if (!json_is_string(kv)
            || aft_kind_parse(&kind, json_string_value(kv)) < 0) {
            aft_problem(&g->pb, "kind", "want \"service\", \"client\", "
                        "\"incident\" or \"maintenance\"");
            g->stats->bad++;
        } else {
            rc = aft_ingest__record(g, kind, o, err);
        }
        json_decref(o);
    }
    free(line);
    g->pb.loc_is_line = 0;
    return rc;
}
