/*
 * pagerduty.c - PagerDuty's incidents CSV export: one service per
 * PagerDuty service, severity from priority or urgency, acknowledgement
 * from seconds_to_first_ack. The mapping is documented in the README.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "ingest/pagerduty.h"

static const char *
cell(json_t *row, const char *key)
{
    const char *s = json_string_value(json_object_get(row, key));
    return s != NULL && *s != '\0' ? s : NULL;
}

/* PagerDuty priorities P1..P5 name our severities (P5 is sev4 too). */
static const char *
severity(json_t *row)
{
    const char *p = cell(row, "priority"), *u = cell(row, "urgency");
    aft_severity sev;

    if (p != NULL) {
        if ((p[0] == 'P' || p[0] == 'p') && p[1] == '5' && p[2] == '\0')
            return "sev4";
        if (aft_severity_parse(&sev, p) == 0)
            return aft_severity_str(sev);
    }
    if (u != NULL && strcasecmp(u, "high") == 0)
        return "sev2";
    return "sev3";
}

/* created_on plus the seconds in column key, as an instant in *out; NULL
 * when either is absent or created_on is not an instant (the validator
 * names that). Seconds that are not a finite number, are negative or
 * reach past year 9999 are reported at key (a float-to-integer cast of
 * them would be undefined). */
static void
offset_instant(aft_sink *s, const char *created, json_t *row, const char *key,
               json_t **out)
{
    const int64_t end = aft_days_from_civil(10000, 1, 1) * AFT_DAY_SECONDS;
    const char *secs = cell(row, key);
    char buf[AFT_INSTANT_BUFSZ], *rest;
    double d;
    int64_t t;

    *out = NULL;
    if (secs == NULL)
        return;
    d = strtod(secs, &rest);
    if (rest == secs || *rest != '\0' || !isfinite(d)) {
        aft_problem(&s->pb, key, "'%s' is not a number of seconds", secs);
        return;
    }
    if (d < 0) {
        aft_problem(&s->pb, key, "%s seconds is negative", secs);
        return;
    }
    if (created == NULL || aft_instant_parse(&t, created, s->tz, NULL) < 0)
        return;
    if (d >= (double)(end - t)) {
        aft_problem(&s->pb, key,
                    "%s seconds after created_on is past year 9999", secs);
        return;
    }
    *out = json_string(aft_instant_format(buf, t + (int64_t)d));
}

/* The native incident a row (column name -> cell) stands for. */
static json_t *
incident_of(aft_sink *s, json_t *row)
{
    const char *created = cell(row, "created_on");
    const char *title = cell(row, "description");
    json_t *rec = json_object(), *v;
    char num[96];

    if (title == NULL)
        title = cell(row, "title");
    if (title == NULL && cell(row, "incident_number") != NULL) {
        snprintf(num, sizeof num, "PagerDuty incident #%s",
                 cell(row, "incident_number"));
        title = num;
    }
    json_object_set_new(rec, "id",
                        json_string(cell(row, "id") ? cell(row, "id") : ""));
    if (title != NULL)
        json_object_set_new(rec, "title", json_string(title));
    json_object_set_new(rec, "severity", json_string(severity(row)));
    if (created != NULL) {
        json_object_set_new(rec, "started_at", json_string(created));
        json_object_set_new(rec, "detected_at", json_string(created));
    }
    offset_instant(s, created, row, "seconds_to_first_ack", &v);
    if (v != NULL)
        json_object_set_new(rec, "acknowledged_at", v);
    offset_instant(s, created, row, "seconds_to_resolve", &v);
    if (cell(row, "resolved_on") != NULL) {
        json_decref(v);
        json_object_set_new(rec, "resolved_at",
                            json_string(cell(row, "resolved_on")));
    } else if (v != NULL) {
        json_object_set_new(rec, "resolved_at", v);
    }
    return rec;
}

/* Map one row (column name -> cell) to an incident of its service. */
static int
deliver(aft_sink *s, json_t *row, aft_error *err)
{
    const char *svc = cell(row, "service_id");
    size_t before = s->pb.count;
    json_t *rec = incident_of(s, row);
    int rc;

    if (s->pb.count != before) { /* bad seconds, reported */
        s->stats->bad++;
        json_decref(rec);
        return AFT_OK;
    }
    if (svc != NULL) {
        json_object_set_new(rec, "impacts",
                            json_pack("[{s:s,s:s}]", "service", svc, "level",
                                      aft_level_str(s->opts->level
                                                        ? s->opts->level
                                                        : AFT_LEVEL_MAJOR)));
        if (aft_sink__derive_service(s, svc, cell(row, "service_name"), 0)
            < 0) {
            json_decref(rec);
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        }
    }
    rc = aft_sink__record(s, AFT_KIND_INCIDENT, rec, err);
    json_decref(rec);
    return rc;
}

int
aft_pagerduty__header(aft_pagerduty *r, aft_sink *s, const aft_csv_row *header,
                      aft_error *err)
{
    static const char *const need[] = {"id", "created_on", "service_id"};
    size_t i, j;

    if ((r->names = json_array()) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < header->n; i++)
        json_array_append_new(r->names, json_string(header->cells[i].s));
    for (i = 0; i < sizeof need / sizeof need[0]; i++) {
        int found = 0;
        for (j = 0; j < header->n; j++)
            found |= strcmp(header->cells[j].s, need[i]) == 0;
        if (!found)
            return aft_error_set(err, AFT_EINVALID,
                                 "%s:1: a PagerDuty "
                                 "incidents export needs a '%s' column",
                                 s->pb.file, need[i]);
    }
    return AFT_OK;
}

int
aft_pagerduty__row(aft_pagerduty *r, aft_sink *s, const aft_csv_row *row,
                   aft_error *err)
{
    json_t *obj;
    size_t i;
    int rc;

    aft_sink__line(s, row->line);
    if (aft_csv_table_bad_utf8(row) < row->n) {
        aft_sink__reject(s, NULL, "text is not UTF-8");
        return AFT_OK;
    }
    if ((i = aft_csv_table_nul(row)) < row->n) {
        aft_sink__reject(s, json_string_value(json_array_get(r->names, i)),
                         "NUL character not allowed");
        return AFT_OK;
    }
    obj = json_object();
    for (i = 0; i < row->n && i < json_array_size(r->names); i++)
        json_object_set_new(obj, json_string_value(json_array_get(r->names, i)),
                            json_string(row->cells[i].s));
    rc = deliver(s, obj, err);
    json_decref(obj);
    return rc;
}

void
aft_pagerduty__free(aft_pagerduty *r)
{
    json_decref(r->names);
    r->names = NULL;
}
