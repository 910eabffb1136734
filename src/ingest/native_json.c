/*
 * native_json.c - native JSON documents: one object with an array of
 * records for each kind.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/json_error.h"
#include "ingest/native_json.h"

static const char *const ARRAYS[AFT_KIND_COUNT] = {"services", "clients",
                                                   "incidents", "maintenances"};

/* fread() that fails once more than AFT_JSON_DOC_MAX bytes were read,
 * for a document whose size fstat() could not tell. */
typedef struct capped {
    FILE *fp;
    size_t read;
} capped;

static size_t
read_capped(void *buf, size_t len, void *data)
{
    capped *c = data;
    size_t n = fread(buf, 1, len, c->fp);

    c->read += n;
    return c->read > AFT_JSON_DOC_MAX ? (size_t)-1 : n;
}

static int
too_large(aft_sink *s, const char *size, aft_error *err)
{
    return aft_error_set(err, AFT_EINVALID,
                         "%s is %s: native JSON and Statuspage documents are "
                         "read whole, at most %zu MB; use NDJSON for larger "
                         "histories",
                         s->pb.file, size, AFT_JSON_DOC_MAX >> 20);
}

int
aft_native_json__load(json_t **out, aft_sink *s, FILE *fp, aft_error *err)
{
    capped c = {fp, 0};
    json_error_t jerr;
    struct stat st;
    char size[32];
    json_t *doc;

    *out = NULL;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)
        && (uintmax_t)st.st_size > AFT_JSON_DOC_MAX) {
        snprintf(size, sizeof size, "%ju MB",
                 ((uintmax_t)st.st_size + (1u << 20) - 1) >> 20);
        return too_large(s, size, err);
    }
    doc = json_load_callback(read_capped, &c, JSON_REJECT_DUPLICATES, &jerr);
    if (doc == NULL && c.read > AFT_JSON_DOC_MAX) {
        snprintf(size, sizeof size, "over %zu MB", AFT_JSON_DOC_MAX >> 20);
        return too_large(s, size, err);
    }
    if (doc == NULL && aft_json_error_is_oom(&jerr))
        return aft_error_set(err, AFT_ENOMEM, "%s: out of memory", s->pb.file);
    if (doc == NULL)
        return aft_error_set(err, AFT_EINVALID, "%s:%d:%d: invalid JSON: %s",
                             s->pb.file, jerr.line, jerr.column,
                             aft_json_error_text(&jerr));
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
