/*
 * fuzz_sink.c - the sink of src/ingest/sink.h without the store: every
 * record is checked by aft_validate_record() and its references walked,
 * then turned back into JSON, and nothing is written. Linked before the
 * library, these definitions keep sink.o (and the store) out, so that a
 * harness runs thousands of inputs a second; the sink's state comes from
 * the library's sink_state.c, which needs no store.
 *
 * With AFT_FUZZ_ROUNDTRIP=1 in the environment a good record must also
 * check again, unchanged, from the JSON it exports as (export, then
 * import, gives the same records); a failure aborts.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "fuzz_sink.h"
#include "model/record_json.h"

static int roundtrip = -1;

/* Each report is one NUL-terminated line: read it all. */
static void
report(const char *line, void *payload)
{
    size_t *n = payload;

    *n += strlen(line);
}

FILE *
fuzz_open(const uint8_t *data, size_t size)
{
    static char empty[1];

    return fmemopen(size > 0 ? (void *)data : empty, size, "rb");
}

int
fuzz_import_begin(fuzz_import *f, const char *file)
{
    static aft_tz *berlin;
    static size_t reported;
    int rc;

    if (roundtrip < 0) {
        const char *rt = getenv("AFT_FUZZ_ROUNDTRIP");

        roundtrip = rt != NULL && strcmp(rt, "1") == 0;
        if (aft_tz_load(&berlin, "Europe/Berlin", NULL) != AFT_OK)
            berlin = NULL;
    }
    memset(&f->opts, 0, sizeof f->opts);
    f->opts.report = report;
    f->opts.report_payload = &reported;
    rc = aft_sink__open(&f->sink, NULL, &f->opts, &f->stats, NULL);
    f->sink.tz = berlin; /* loaded once, not freed by the sink */
    aft_sink__file(&f->sink, file);
    return rc;
}

void
fuzz_import_end(fuzz_import *f, int rc)
{
    if (rc == AFT_OK)
        (void)aft_sink__finish(&f->sink, NULL);
    f->sink.tz = NULL;
    aft_sink__close(&f->sink);
}

/* ---- the sink ---- */

/* Every reference names a kind and an id. */
static int
walk_ref(aft_kind kind, const char *id, const char *field, void *payload)
{
    size_t *n = payload;

    *n += (size_t)kind + strlen(id) + strlen(field);
    return 0;
}

/* The record exported as JSON checks again, with no problem. */
static void
check_roundtrip(aft_sink *s, aft_kind kind, const aft_record *rec)
{
    json_t *obj = aft_record_json(kind, rec);
    aft_arena arena;
    aft_record again;
    aft_problems pb;
    int n;

    if (obj == NULL)
        return; /* out of memory */
    memset(&arena, 0, sizeof arena);
    memset(&pb, 0, sizeof pb);
    pb.file = "roundtrip";
    pb.fn = s->pb.fn;
    pb.payload = s->pb.payload;
    n = aft_validate_record(&again, kind, obj, &arena, s->tz, &pb);
    if (n > 0) {
        char *text = json_dumps(obj, JSON_COMPACT);

        fprintf(stderr, "fuzz: %s record does not import as exported: %s\n",
                aft_kind_str(kind), text ? text : "?");
        abort();
    }
    aft_arena_free(&arena);
    json_decref(obj);
}

int
aft_sink__record(aft_sink *s, aft_kind kind, json_t *obj, aft_error *err)
{
    aft_record rec;
    size_t walked = 0;
    int n;

    aft_arena_reset(&s->arena);
    n = aft_validate_record(&rec, kind, obj, &s->arena, s->tz, &s->pb);
    if (n < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (n > 0) {
        s->stats->bad++;
        return AFT_OK;
    }
    walked += strlen(aft_record_id(&rec, kind));
    if (aft_record_refs(&rec, kind, walk_ref, &walked) < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (roundtrip > 0)
        check_roundtrip(s, kind, &rec);
    else
        json_decref(aft_record_json(kind, &rec));
    s->stats->imported[kind]++;
    return AFT_OK;
}

int
aft_sink__derive_service(aft_sink *s, const char *id, const char *name,
                         int64_t ts)
{
    json_t *cur;

    if (s->derived == NULL && (s->derived = json_object()) == NULL)
        return -1;
    cur = json_object_get(s->derived, id);
    if (cur != NULL) {
        if (name != NULL && *name != '\0'
            && ts >= json_integer_value(json_object_get(cur, "ts")))
            json_object_set_new(cur, "name", json_string(name));
        if (ts > json_integer_value(json_object_get(cur, "ts")))
            json_object_set_new(cur, "ts", json_integer(ts));
        return 0;
    }
    cur = json_pack("{s:s?,s:I}", "name", name && *name ? name : NULL, "ts",
                    (json_int_t)ts);
    return cur == NULL ? -1 : json_object_set_new(s->derived, id, cur);
}

void
aft_sink__page(aft_sink *s, const char *name, const char *time_zone)
{
    if (s->page == NULL)
        s->page = json_pack("{s:s?,s:s?}", "name", name, "time_zone",
                            time_zone);
}

/* The services foreign records named are checked as records too. */
int
aft_sink__finish(aft_sink *s, aft_error *err)
{
    const char *id;
    json_t *v;
    int rc = AFT_OK;

    aft_sink__place(s, "derived services");
    json_object_foreach(s->derived, id, v)
    {
        json_t *rec = json_pack("{s:s,s:O?}", "id", id, "name",
                                json_object_get(v, "name"));

        if (rec == NULL)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        rc = aft_sink__record(s, AFT_KIND_SERVICE, rec, err);
        json_decref(rec);
        if (rc < 0)
            break;
    }
    return rc;
}
