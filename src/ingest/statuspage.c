/*
 * statuspage.c - Atlassian Statuspage API v2 documents as native records
 * (the README's table): components as services, status changes as impacts.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "ingest/statuspage.h"

/* Parsed instant of a JSON string field, or AFT_TIME_NONE. */
static int64_t
instant(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    int64_t t;

    if (!json_is_string(v)
        || aft_instant_parse(&t, json_string_value(v), NULL, NULL) < 0)
        return AFT_TIME_NONE;
    return t;
}

static const char *
str(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static void
set_instant(json_t *o, const char *key, int64_t t)
{
    char buf[AFT_INSTANT_BUFSZ];

    json_object_set_new(o, key, json_string(aft_instant_format(buf, t)));
}

/* Copy a string field under another name when present. */
static void
copy_str(json_t *dst, const char *dkey, json_t *src, const char *skey)
{
    json_t *v = json_object_get(src, skey);

    if (json_is_string(v))
        json_object_set(dst, dkey, v);
}

static int
active_level(const char *status)
{
    aft_level l;

    if (status == NULL || strcmp(status, "under_maintenance") == 0
        || aft_level_parse(&l, status, 0) < 0)
        return AFT_LEVEL_NONE;
    return (int)l;
}

/* ---- component timelines ---- */

typedef struct change {
    int64_t at;
    size_t doc_pos; /* position of the update in the document */
    const char *old_status, *new_status;
} change;

static int
cmp_change(const void *a, const void *b)
{
    const change *x = a, *y = b;

    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    /* Equal times: the API lists newest first, so later in the document
     * is older. */
    return (x->doc_pos < y->doc_pos) - (x->doc_pos > y->doc_pos);
}

/* Changes of component `code` over the incident's updates. Returns the
 * count, sets *non_op when any names a status other than operational. */
static size_t
changes_of(change *out, json_t *updates, const char *code, int *non_op)
{
    json_t *u, *c;
    size_t i, j, n = 0;

    *non_op = 0;
    json_array_foreach(updates, i, u)
    {
        json_t *ac = json_object_get(u, "affected_components");
        json_array_foreach(ac, j, c)
        {
            const char *cc = str(c, "code");
            if (cc == NULL || strcmp(cc, code) != 0)
                continue;
            out[n].at = instant(u, "created_at");
            out[n].doc_pos = i;
            out[n].old_status = str(c, "old_status");
            out[n].new_status = str(c, "new_status");
            if (out[n].at == AFT_TIME_NONE)
                continue;
            if ((out[n].old_status
                 && strcmp(out[n].old_status, "operational") != 0)
                || (out[n].new_status
                    && strcmp(out[n].new_status, "operational") != 0))
                *non_op = 1;
            n++;
        }
    }
    qsort(out, n, sizeof *out, cmp_change);
    return n;
}

static size_t
count_changes(json_t *updates)
{
    json_t *u;
    size_t i, n = 0;

    json_array_foreach(updates, i, u)
        n += json_array_size(json_object_get(u, "affected_components"));
    return n;
}

static void
push_impact(json_t *impacts, const char *code, int level, int64_t a, int64_t b)
{
    json_t *o = json_object();

    json_object_set_new(o, "service", json_string(code));
    json_object_set_new(o, "level", json_string(aft_level_str(level)));
    set_instant(o, "start", a);
    if (b != AFT_TIME_NONE)
        set_instant(o, "end", b);
    json_array_append_new(impacts, o);
}

/* Stretches of active levels of one component within [start, end) (end
 * AFT_TIME_NONE: ongoing). */
static void
timeline(json_t *impacts, const char *code, const change *ch, size_t n,
         int64_t start, int64_t end)
{
    int level = active_level(ch[0].old_status);
    int64_t from = start;
    size_t i;

    for (i = 0; i <= n; i++) {
        int64_t to = i < n ? ch[i].at : end;
        int64_t a = from > start ? from : start;
        int64_t b = to;

        if (end != AFT_TIME_NONE && (b == AFT_TIME_NONE || b > end))
            b = end;
        if (level != AFT_LEVEL_NONE && (b == AFT_TIME_NONE || b > a))
            push_impact(impacts, code, level, a, b);
        if (i < n) {
            level = active_level(ch[i].new_status);
            if (ch[i].at > from)
                from = ch[i].at;
        }
    }
}

/* The level an incident's `impact` implies when no update says more. */
static int
implied_level(const char *impact)
{
    if (impact == NULL)
        return AFT_LEVEL_NONE;
    if (strcmp(impact, "critical") == 0)
        return AFT_LEVEL_MAJOR;
    if (strcmp(impact, "major") == 0)
        return AFT_LEVEL_PARTIAL;
    if (strcmp(impact, "minor") == 0)
        return AFT_LEVEL_DEGRADED;
    return AFT_LEVEL_NONE;
}

static const char *
severity_of(const char *impact)
{
    if (impact == NULL)
        return "sev3";
    if (strcmp(impact, "critical") == 0)
        return "sev1";
    if (strcmp(impact, "major") == 0)
        return "sev2";
    if (strcmp(impact, "minor") == 0)
        return "sev3";
    return "sev4";
}

/* Components an incident names (its list and every affected_components),
 * as an object code -> name; also remembered as services. */
static int
components_of(aft_sink *s, json_t *inc, json_t *comps, int64_t ts)
{
    json_t *c, *u, *ac;
    size_t i, j;

    json_array_foreach(json_object_get(inc, "components"), i,
                       c) if (str(c, "id") != NULL)
        json_object_set_new(comps, str(c, "id"),
                            json_string(str(c, "name") ? str(c, "name") : ""));
    json_array_foreach(json_object_get(inc, "incident_updates"), i, u)
    {
        ac = json_object_get(u, "affected_components");
        json_array_foreach(ac, j,
                           c) if (str(c, "code") != NULL
                                  && json_object_get(comps, str(c, "code"))
                                         == NULL)
            json_object_set_new(comps, str(c, "code"),
                                json_string(str(c, "name") ? str(c, "name")
                                                           : ""));
    }
    {
        const char *code;
        json_t *name;
        json_object_foreach(comps, code, name) if (
            aft_sink__derive_service(s, code, json_string_value(name), ts)
            < 0) return -1;
    }
    return 0;
}

static json_t *
updates_of(json_t *inc)
{
    json_t *out = json_array(), *u;
    size_t i;

    json_array_foreach(json_object_get(inc, "incident_updates"), i, u)
    {
        json_t *o = json_object();
        const char *st = str(u, "status");

        if (json_is_string(json_object_get(u, "display_at")))
            copy_str(o, "at", u, "display_at");
        else
            copy_str(o, "at", u, "created_at");
        /* A postmortem is published after resolution. */
        json_object_set_new(o, "status",
                            json_string(st && strcmp(st, "postmortem") == 0
                                            ? "resolved"
                                        : st ? st
                                             : ""));
        copy_str(o, "body", u, "body");
        json_array_append_new(out, o);
    }
    return out;
}

/* The impacts of an incident over [start, end): each component's timeline
 * when an update names a status other than operational, else the level
 * the incident's impact implies. No impacts when start is unknown (the
 * components are still remembered as services). NULL if memory ran out. */
static json_t *
impacts_of(aft_sink *s, json_t *inc, int64_t start, int64_t end)
{
    json_t *updates = json_object_get(inc, "incident_updates");
    json_t *impacts = json_array(), *comps = json_object(), *name;
    int implied = implied_level(str(inc, "impact"));
    change *ch = malloc((count_changes(updates) + 1) * sizeof *ch);
    const char *code;

    if (ch == NULL || impacts == NULL || comps == NULL
        || components_of(s, inc, comps, instant(inc, "updated_at")) < 0) {
        json_decref(impacts);
        impacts = NULL;
        goto done;
    }
    json_object_foreach(comps, code, name)
    {
        int non_op;
        size_t n = changes_of(ch, updates, code, &non_op);

        if (start == AFT_TIME_NONE)
            break;
        if (non_op) {
            timeline(impacts, code, ch, n, start, end);
        } else if (implied != AFT_LEVEL_NONE) {
            push_impact(impacts, code, implied, start, end);
        }
    }
done:
    free(ch);
    json_decref(comps);
    return impacts;
}

/* An incident's own fields, as native fields. */
static json_t *
incident_fields(json_t *inc)
{
    json_t *rec = json_object();

    copy_str(rec, "id", inc, "id");
    copy_str(rec, "title", inc, "name");
    if (json_is_string(json_object_get(inc, "started_at")))
        copy_str(rec, "started_at", inc, "started_at");
    else
        copy_str(rec, "started_at", inc, "created_at");
    copy_str(rec, "detected_at", inc, "created_at");
    copy_str(rec, "resolved_at", inc, "resolved_at");
    json_object_set_new(rec, "severity",
                        json_string(severity_of(str(inc, "impact"))));
    json_object_set_new(rec, "updates", updates_of(inc));
    return rec;
}

/* One Statuspage incident as a native record; NULL when it is broken
 * (reported), has no impact (counted) or memory ran out (*oom set). */
static json_t *
incident_record(aft_sink *s, json_t *inc, int *oom)
{
    int64_t start = instant(inc, "started_at");
    int64_t end = instant(inc, "resolved_at");
    json_t *rec, *impacts;

    if (start == AFT_TIME_NONE)
        start = instant(inc, "created_at");
    if (start != AFT_TIME_NONE && end != AFT_TIME_NONE && end < start) {
        /* Broken whatever its components: name it, do not skip it. */
        aft_sink__reject(s, "resolved_at",
                         "incident '%s' resolved before "
                         "it started",
                         str(inc, "id") ? str(inc, "id") : "?");
        return NULL;
    }
    rec = incident_fields(inc);
    if ((impacts = impacts_of(s, inc, start, end)) == NULL) {
        *oom = 1;
        json_decref(rec);
        return NULL;
    }
    if (json_array_size(impacts) == 0 && start != AFT_TIME_NONE) {
        s->stats->no_impact++;
        json_decref(impacts);
        json_decref(rec);
        return NULL;
    }
    json_object_set_new(rec, "impacts", impacts);
    return rec;
}

static json_t *
maintenance_record(aft_sink *s, json_t *m, int *oom)
{
    json_t *rec = json_object(), *svc = json_array(), *u, *c, *ups;
    const char *st = str(m, "status");
    size_t i;

    copy_str(rec, "id", m, "id");
    copy_str(rec, "title", m, "name");
    copy_str(rec, "scheduled_start", m, "scheduled_for");
    copy_str(rec, "scheduled_end", m, "scheduled_until");
    copy_str(rec, "notified_at", m, "created_at");
    copy_str(rec, "actual_end", m, "resolved_at");
    json_object_set_new(rec, "impact", json_string("major_outage"));
    if (st != NULL)
        json_object_set_new(rec, "status",
                            json_string(strcmp(st, "verifying") == 0
                                            ? "in_progress"
                                            : st));
    ups = json_object_get(m, "incident_updates");
    /* The first update in progress: the list is newest first. */
    for (i = json_array_size(ups); i-- > 0;) {
        u = json_array_get(ups, i);
        if (str(u, "status") && strcmp(str(u, "status"), "in_progress") == 0) {
            copy_str(rec, "actual_start", u, "created_at");
            break;
        }
    }
    if (json_array_size(ups) > 0)
        copy_str(rec, "summary", json_array_get(ups, 0), "body");
    json_array_foreach(json_object_get(m, "components"), i, c)
    {
        if (str(c, "id") == NULL)
            continue;
        json_array_append_new(svc, json_string(str(c, "id")));
        if (aft_sink__derive_service(s, str(c, "id"), str(c, "name"),
                                     instant(m, "updated_at"))
            < 0)
            *oom = 1;
    }
    json_object_set_new(rec, "services", svc);
    return rec;
}

static int
each(aft_sink *s, json_t *doc, const char *key, int single, int maintenance,
     aft_error *err)
{
    json_t *v = json_object_get(doc, key), *item;
    size_t i;
    int rc = AFT_OK;

    if (v == NULL)
        return AFT_OK;
    for (i = 0; rc == AFT_OK && i < (single ? 1 : json_array_size(v)); i++) {
        int oom = 0;
        json_t *rec;

        item = single ? v : json_array_get(v, i);
        if (single)
            aft_sink__place(s, "%s", key);
        else
            aft_sink__place(s, "%s[%zu]", key, i);
        rec = maintenance ? maintenance_record(s, item, &oom)
                          : incident_record(s, item, &oom);
        if (oom)
            rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
        else if (rec != NULL)
            rc = aft_sink__record(s,
                                  maintenance ? AFT_KIND_MAINTENANCE
                                              : AFT_KIND_INCIDENT,
                                  rec, err);
        json_decref(rec);
    }
    return rc;
}

int
aft_statuspage__read(aft_sink *s, json_t *doc, aft_error *err)
{
    json_t *page = json_object_get(doc, "page"), *c;
    size_t i;
    int rc;

    if (json_is_object(page))
        aft_sink__page(s, str(page, "name"), str(page, "time_zone"));
    json_array_foreach(json_object_get(doc, "components"), i, c) if (
        str(c, "id") != NULL
        && aft_sink__derive_service(s, str(c, "id"), str(c, "name"),
                                    instant(c, "updated_at"))
               < 0) return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if ((rc = each(s, doc, "incident", 1, 0, err)) < 0
        || (rc = each(s, doc, "incidents", 0, 0, err)) < 0
        || (rc = each(s, doc, "scheduled_maintenance", 1, 1, err)) < 0)
        return rc;
    return each(s, doc, "scheduled_maintenances", 0, 1, err);
}
