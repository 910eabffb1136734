/*
 * ingest.c - one import: detect each file's format, read its records,
 * check duplicates and references, and commit or roll back as a whole.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "model/record_json.h"
#include "ingest/ingest_int.h"
#include "store/store_int.h"

int
aft_format_parse(aft_format *out, const char *s)
{
    if (s == NULL)
        return -1;
    if (strcasecmp(s, "json") == 0)
        *out = AFT_FORMAT_JSON;
    else if (strcasecmp(s, "ndjson") == 0 || strcasecmp(s, "jsonl") == 0)
        *out = AFT_FORMAT_NDJSON;
    else if (strcasecmp(s, "csv") == 0)
        *out = AFT_FORMAT_CSV;
    else if (strcasecmp(s, "statuspage") == 0)
        *out = AFT_FORMAT_STATUSPAGE;
    else if (strcasecmp(s, "pagerduty") == 0)
        *out = AFT_FORMAT_PAGERDUTY;
    else
        return -1;
    return 0;
}

/* ---- references ---- */

typedef struct ref_ctx {
    aft_ingest *g;
    aft_kind    owner_kind;
    const char *owner_id;
    aft_error  *err;
} ref_ctx;

static int
check_ref(aft_kind kind, const char *id, const char *field, void *payload)
{
    ref_ctx *r = payload;
    char where[512];
    int rc = aft_store__exists(r->g->store, kind, id, r->err);

    if (rc != 0)
        return rc < 0 ? rc : 0;
    /* Not known yet: it may come later in this import. */
    aft_problem_where(where, sizeof where, &r->g->pb, field);
    return aft_store__defer_ref(r->g->store, kind, id, where, r->owner_kind,
                                r->owner_id, r->err);
}

int
aft_ingest__record(aft_ingest *g, aft_kind kind, json_t *obj, aft_error *err)
{
    aft_record rec;
    char where[512], *first = NULL;
    const char *id;
    ref_ctx rc_ctx = {g, kind, NULL, err};
    int n, rc = AFT_OK;

    aft_arena_reset(&g->arena);
    n = aft_validate_record(&rec, kind, obj, &g->arena, g->tz, &g->pb);
    if (n < 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (n > 0) {
        g->stats->bad++;
        return AFT_OK;
    }
    id = aft_record_id(&rec, kind);
    aft_problem_where(where, sizeof where, &g->pb, NULL);
    if ((rc = aft_store__mark_seen(g->store, kind, id, where, &first, err))
        < 0)
        return rc;
    if (rc == 1) {
        aft_problem(&g->pb, "id", "duplicate %s id '%s' (first at %s)",
                    aft_kind_str(kind), id, first ? first : "?");
        free(first);
        g->stats->bad++;
        return AFT_OK;
    }
    rc_ctx.owner_id = id;
    if ((rc = aft_record_refs(&rec, kind, check_ref, &rc_ctx)) < 0)
        return rc;
    switch (kind) {
    case AFT_KIND_SERVICE:
        rc = aft_store__put_service(g->store, &rec.service, err);
        break;
    case AFT_KIND_CLIENT:
        rc = aft_store__put_client(g->store, &rec.client, err);
        break;
    case AFT_KIND_INCIDENT:
        rc = aft_store__put_incident(g->store, &rec.incident, err);
        break;
    default:
        rc = aft_store__put_maintenance(g->store, &rec.maintenance, err);
    }
    if (rc < 0)
        return rc;
    g->stats->imported[kind]++;
    if (++g->records % 5000 == 0 && g->opts->progress != NULL)
        g->opts->progress(g->records, g->opts->progress_payload);
    return AFT_OK;
}

/* ---- services named by foreign records ---- */

int
aft_ingest__derive_service(aft_ingest *g, const char *id, const char *name,
                           int64_t ts)
{
    json_t *cur;

    if (g->derived == NULL && (g->derived = json_object()) == NULL)
        return -1;
    cur = json_object_get(g->derived, id);
    if (cur != NULL) {
        /* A newer record may rename the service. */
        if (name != NULL && *name != '\0'
            && ts >= json_integer_value(json_object_get(cur, "ts")))
            json_object_set_new(cur, "name", json_string(name));
        if (ts > json_integer_value(json_object_get(cur, "ts")))
            json_object_set_new(cur, "ts", json_integer(ts));
        return 0;
    }
    cur = json_pack("{s:s?,s:I,s:s,s:s}", "name",
                    name && *name ? name : NULL, "ts", (json_int_t)ts,
                    "file", g->pb.file, "loc", g->pb.loc);
    return cur == NULL ? -1 : json_object_set_new(g->derived, id, cur);
}

/* Write the derived services, each located where it was first named. */
static int
flush_services(aft_ingest *g, aft_error *err)
{
    const char *id;
    json_t *v;
    int rc = AFT_OK;

    json_object_foreach(g->derived, id, v) {
        json_t *rec = json_pack("{s:s,s:O?}", "id", id, "name",
                                json_object_get(v, "name"));
        g->pb.file = json_string_value(json_object_get(v, "file"));
        snprintf(g->pb.loc, sizeof g->pb.loc, "%s",
                 json_string_value(json_object_get(v, "loc")));
        rc = aft_ingest__record(g, AFT_KIND_SERVICE, rec, err);
        json_decref(rec);
        if (rc < 0)
            break;
    }
    return rc;
}

/* --client: create the client if missing (named after the Statuspage
 * page) and subscribe it to every service the import named. */
static int
subscribe_client(aft_ingest *g, aft_error *err)
{
    const char *id = g->opts->client_id, *svc;
    aft_dataset ds;
    json_t *rec, *subs, *v, *s;
    size_t i;
    int rc = aft_store_load(&ds, g->store, id, 0, 0, err);

    if (rc == AFT_ENOTFOUND) {
        const char *name = json_string_value(json_object_get(g->page, "name"));
        const char *zone = json_string_value(json_object_get(g->page,
                                                             "time_zone"));
        rec = json_pack("{s:s,s:s,s:s,s:[]}", "id", id, "name",
                        name ? name : id, "timezone", zone ? zone : "UTC",
                        "services");
    } else if (rc == AFT_OK) {
        rec = aft_record_json(AFT_KIND_CLIENT, &ds.clients[0]);
        aft_dataset_free(&ds);
    } else {
        return rc;
    }
    if (rec == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    subs = json_object_get(rec, "services");
    json_object_foreach(g->derived, svc, v) {
        int have = 0;
        json_array_foreach(subs, i, s)
            have |= strcmp(json_is_string(s) ? json_string_value(s)
                           : json_string_value(json_object_get(s, "id")),
                           svc) == 0;
        if (!have)
            json_array_append_new(subs, json_string(svc));
    }
    g->pb.file = "--client";
    snprintf(g->pb.loc, sizeof g->pb.loc, "%s", id);
    g->pb.loc_is_line = 0;
    rc = aft_ingest__record(g, AFT_KIND_CLIENT, rec, err);
    json_decref(rec);
    return rc;
}

/* ---- format detection ---- */

static aft_format
detect(FILE *fp)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    aft_format f = AFT_FORMAT_CSV;
    int c;

    while ((c = getc(fp)) != EOF && isspace(c))
        ;
    if (c == '{' || c == '[') {
        ungetc(c, fp);
        f = AFT_FORMAT_JSON;
        if ((len = getline(&line, &cap, fp)) > 0) {
            json_t *o = json_loadb(line, (size_t)len, 0, NULL);
            if (json_is_object(o) && json_object_get(o, "kind") != NULL)
                f = AFT_FORMAT_NDJSON;
            else if (json_is_object(o) && json_object_get(o, "page") != NULL)
                f = AFT_FORMAT_STATUSPAGE;
            json_decref(o);
        }
    }
    free(line);
    rewind(fp);
    return f;
}

static int
import_file(aft_ingest *g, const char *path, aft_error *err)
{
    FILE *fp = fopen(path, "rb");
    aft_format f = g->opts->format;
    int rc;

    if (fp == NULL)
        return aft_error_set(err, AFT_EIO, "cannot open '%s': %s", path,
                             strerror(errno));
    g->pb.file = path;
    g->pb.loc[0] = '\0';
    if (f == AFT_FORMAT_AUTO)
        f = detect(fp);
    switch (f) {
    case AFT_FORMAT_NDJSON:
        rc = aft_ingest__ndjson(g, fp, err);
        break;
    case AFT_FORMAT_CSV:
    case AFT_FORMAT_PAGERDUTY:
        rc = aft_ingest__csv(g, fp, err);
        break;
    default:
        rc = aft_ingest__json(g, fp, err);
    }
    if (rc == AFT_OK && ferror(fp))
        rc = aft_error_set(err, AFT_EIO, "cannot read '%s'", path);
    fclose(fp);
    return rc;
}

typedef struct dangling_ctx {
    aft_ingest *g;
    aft_error  *err;
    int         rc;
} dangling_ctx;

static void
on_dangling(const char *loc, aft_kind kind, const char *id,
            aft_kind owner_kind, const char *owner_id, void *payload)
{
    dangling_ctx *d = payload;
    char line[1100];

    snprintf(line, sizeof line, "%s: unknown %s '%s'", loc,
             aft_kind_str(kind), id);
    if (d->g->opts->report != NULL)
        d->g->opts->report(line, d->g->opts->report_payload);
    d->g->stats->bad++;
    if (d->g->opts->skip_invalid && d->rc == AFT_OK) {
        d->rc = aft_store__delete(d->g->store, owner_kind, owner_id, d->err);
        if (d->g->stats->imported[owner_kind] > 0)
            d->g->stats->imported[owner_kind]--;
    }
}

int
aft_import_files(aft_store *store, const char *const *paths, size_t n,
                 const aft_import_opts *opts, aft_import_stats *stats,
                 aft_error *err)
{
    aft_ingest g;
    dangling_ctx d;
    size_t i;
    int rc;

    memset(stats, 0, sizeof *stats);
    memset(&g, 0, sizeof g);
    g.store = store;
    g.opts = opts;
    g.stats = stats;
    g.pb.fn = opts->report;
    g.pb.payload = opts->report_payload;
    if (opts->tz != NULL && (rc = aft_tz_load(&g.tz, opts->tz, err)) < 0)
        return rc;
    if ((rc = aft_store__begin(store, err)) < 0)
        goto done;
    for (i = 0; i < n && rc == AFT_OK; i++)
        rc = import_file(&g, paths[i], err);
    if (rc == AFT_OK && g.derived != NULL)
        rc = flush_services(&g, err);
    if (rc == AFT_OK && opts->client_id != NULL)
        rc = subscribe_client(&g, err);
    if (rc == AFT_OK) {
        d = (dangling_ctx){&g, err, AFT_OK};
        if ((rc = aft_store__check_refs(store, on_dangling, &d, err)) > 0)
            rc = AFT_OK;
        if (rc == AFT_OK)
            rc = d.rc;
    }
    if (rc == AFT_OK && stats->bad > 0 && !opts->skip_invalid)
        rc = aft_error_set(err, AFT_EINVALID,
                           "%zu bad record%s; nothing was imported",
                           stats->bad, stats->bad == 1 ? "" : "s");
    if (rc == AFT_OK) {
        stats->skipped = stats->bad;
        rc = aft_store__commit(store, err);
    }
    if (rc == AFT_OK && stats->no_impact > 0 && opts->notice != NULL) {
        char line[128];
        snprintf(line, sizeof line, "skipped %zu Statuspage incident%s with "
                 "no impact", stats->no_impact,
                 stats->no_impact == 1 ? "" : "s");
        opts->notice(line, opts->notice_payload);
    }
done:
    if (rc < 0) {
        aft_store__rollback(store);
        memset(stats->imported, 0, sizeof stats->imported);
    }
    aft_arena_free(&g.arena);
    aft_tz_free(g.tz);
    json_decref(g.derived);
    json_decref(g.page);
    return rc;
}
