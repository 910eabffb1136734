/*
 * sink.c - the one way into the store for every reader: check a record,
 * refuse duplicates, note references to resolve, write it; then write the
 * services foreign formats name and subscribe the --client client.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/escape.h"
#include "model/record_json.h"
#include "ingest/sink.h"
#include "store/store_int.h"

/* ---- one record ---- */

typedef struct ref_ctx {
    aft_sink *s;
    aft_kind owner_kind;
    const char *owner_id;
    aft_error *err;
} ref_ctx;

/* A reference not in the database yet may come later in this import: it
 * is noted with its location and checked by aft_sink__finish(). */
static int
check_ref(aft_kind kind, const char *id, const char *field, void *payload)
{
    ref_ctx *r = payload;
    char where[512];
    int rc = aft_store__exists(r->s->store, kind, id, r->err);

    if (rc != 0)
        return rc < 0 ? rc : 0;
    aft_problem_where(where, sizeof where, &r->s->pb, field);
    return aft_store__defer_ref(r->s->store, kind, id, where, r->owner_kind,
                                r->owner_id, r->err);
}

static int
put(aft_store *store, aft_kind kind, const aft_record *rec, aft_error *err)
{
    switch (kind) {
    case AFT_KIND_SERVICE:
        return aft_store__put_service(store, &rec->service, err);
    case AFT_KIND_CLIENT:
        return aft_store__put_client(store, &rec->client, err);
    case AFT_KIND_INCIDENT:
        return aft_store__put_incident(store, &rec->incident, err);
    default:
        return aft_store__put_maintenance(store, &rec->maintenance, err);
    }
}

/* Whether id was seen before in this import (then reported and counted):
 * 1, 0, or < 0 on failure. */
static int
duplicate(aft_sink *s, aft_kind kind, const char *id, aft_error *err)
{
    char where[512], *first = NULL;
    int rc;

    aft_problem_where(where, sizeof where, &s->pb, NULL);
    if ((rc = aft_store__mark_seen(s->store, kind, id, where, &first, err))
        != 1)
        return rc;
    aft_problem(&s->pb, "id", "duplicate %s id '%s' (first at %s)",
                aft_kind_str(kind), id, first ? first : "?");
    free(first);
    s->stats->bad++;
    return 1;
}

int
aft_sink__record(aft_sink *s, aft_kind kind, json_t *obj, aft_error *err)
{
    aft_record rec;
    ref_ctx refs = {s, kind, NULL, err};
    int n, rc;

    aft_arena_reset(&s->arena);
    n = aft_validate_record(&rec, kind, obj, &s->arena, s->tz, &s->pb);
    if (n < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (n > 0) {
        s->stats->bad++;
        return AFT_OK;
    }
    refs.owner_id = aft_record_id(&rec, kind);
    if ((rc = duplicate(s, kind, refs.owner_id, err)) != 0)
        return rc < 0 ? rc : AFT_OK;
    if ((rc = aft_record_refs(&rec, kind, check_ref, &refs)) < 0
        || (rc = put(s->store, kind, &rec, err)) < 0)
        return rc;
    s->stats->imported[kind]++;
    if (++s->records % 5000 == 0 && s->opts->progress != NULL)
        s->opts->progress(s->records, s->opts->progress_payload);
    return AFT_OK;
}

/* ---- services named by foreign records ---- */

int
aft_sink__derive_service(aft_sink *s, const char *id, const char *name,
                         int64_t ts)
{
    json_t *cur;

    if (s->derived == NULL && (s->derived = json_object()) == NULL)
        return -1;
    cur = json_object_get(s->derived, id);
    if (cur != NULL) {
        /* A newer record may rename the service. */
        if (name != NULL && *name != '\0'
            && ts >= json_integer_value(json_object_get(cur, "ts")))
            json_object_set_new(cur, "name", json_string(name));
        if (ts > json_integer_value(json_object_get(cur, "ts")))
            json_object_set_new(cur, "ts", json_integer(ts));
        return 0;
    }
    cur = json_pack("{s:s?,s:I,s:s,s:s}", "name", name && *name ? name : NULL,
                    "ts", (json_int_t)ts, "file", s->pb.file, "loc", s->pb.loc);
    return cur == NULL ? -1 : json_object_set_new(s->derived, id, cur);
}

void
aft_sink__page(aft_sink *s, const char *name, const char *time_zone)
{
    if (s->page == NULL)
        s->page = json_pack("{s:s?,s:s?}", "name", name, "time_zone",
                            time_zone);
}

/* Write the derived services, each located where it was first named. */
static int
flush_services(aft_sink *s, aft_error *err)
{
    const char *id;
    json_t *v;
    int rc = AFT_OK;

    json_object_foreach(s->derived, id, v)
    {
        json_t *rec = json_pack("{s:s,s:O?}", "id", id, "name",
                                json_object_get(v, "name"));
        s->pb.file = json_string_value(json_object_get(v, "file"));
        snprintf(s->pb.loc, sizeof s->pb.loc, "%s",
                 json_string_value(json_object_get(v, "loc")));
        s->pb.loc_is_line = 0;
        rc = aft_sink__record(s, AFT_KIND_SERVICE, rec, err);
        json_decref(rec);
        if (rc < 0)
            break;
    }
    return rc;
}

/* The --client record as it stands: from the database, or new (named
 * after the Statuspage page). NULL with *rc set on failure. */
static json_t *
client_record(aft_sink *s, const char *id, int *rc, aft_error *err)
{
    aft_dataset ds;
    json_t *rec;

    *rc = aft_store_load(&ds, s->store, id, 0, 0, err);
    if (*rc == AFT_ENOTFOUND) {
        const char *name = json_string_value(json_object_get(s->page, "name"));
        const char *zone = json_string_value(json_object_get(s->page,
                                                             "time_zone"));
        rec = json_pack("{s:s,s:s,s:s,s:[]}", "id", id, "name",
                        name ? name : id, "timezone", zone ? zone : "UTC",
                        "services");
    } else if (*rc == AFT_OK) {
        rec = aft_record_json(AFT_KIND_CLIENT, &ds.clients[0]);
        aft_dataset_free(&ds);
    } else {
        return NULL;
    }
    if (rec == NULL)
        *rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    return rec;
}

/* --client: create the client if missing and subscribe it to every
 * service the import named. */
static int
subscribe_client(aft_sink *s, aft_error *err)
{
    const char *id = s->opts->client_id, *svc;
    json_t *rec, *subs, *v, *sub;
    size_t i;
    int rc;

    if ((rec = client_record(s, id, &rc, err)) == NULL)
        return rc;
    subs = json_object_get(rec, "services");
    json_object_foreach(s->derived, svc, v)
    {
        int have = 0;
        json_array_foreach(subs, i, sub)
            have |= strcmp(json_is_string(sub)
                               ? json_string_value(sub)
                               : json_string_value(json_object_get(sub, "id")),
                           svc)
                    == 0;
        if (!have)
            json_array_append_new(subs, json_string(svc));
    }
    s->pb.file = "--client";
    snprintf(s->pb.loc, sizeof s->pb.loc, "%s", id);
    s->pb.loc_is_line = 0;
    rc = aft_sink__record(s, AFT_KIND_CLIENT, rec, err);
    json_decref(rec);
    return rc;
}

/* ---- references nothing resolved ---- */

typedef struct dangling_ctx {
    aft_sink *s;
    aft_error *err;
    int rc;
} dangling_ctx;

static void
on_dangling(const char *loc, aft_kind kind, const char *id, aft_kind owner_kind,
            const char *owner_id, void *payload)
{
    dangling_ctx *d = payload;
    const aft_import_opts *opts = d->s->opts;
    char line[1100], safe[1100];

    snprintf(line, sizeof line, "%s: unknown %s '%s'", loc, aft_kind_str(kind),
             id);
    if (opts->report != NULL)
        opts->report(aft_escape(safe, sizeof safe, line), opts->report_payload);
    d->s->stats->bad++;
    if (opts->skip_invalid && d->rc == AFT_OK) {
        d->rc = aft_store__delete(d->s->store, owner_kind, owner_id, d->err);
        if (d->s->stats->imported[owner_kind] > 0)
            d->s->stats->imported[owner_kind]--;
    }
}

int
aft_sink__finish(aft_sink *s, aft_error *err)
{
    dangling_ctx d = {s, err, AFT_OK};
    int rc = AFT_OK;

    if (s->derived != NULL)
        rc = flush_services(s, err);
    if (rc == AFT_OK && s->opts->client_id != NULL)
        rc = subscribe_client(s, err);
    if (rc < 0)
        return rc;
    if ((rc = aft_store__check_refs(s->store, on_dangling, &d, err)) > 0)
        rc = AFT_OK;
    return rc == AFT_OK ? d.rc : rc;
}
