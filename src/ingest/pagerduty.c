/*
 * ingest_pagerduty.c - PagerDuty's incidents CSV export: one service per
 * PagerDuty service, severity from priority or urgency, acknowledgement
 * from seconds_to_first_ack. The mapping is documented in the README.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "ingest/ingest_int.h"

static const char *
cell(json_t *row, const char *key)
{
    const char *s = json_string_value(json_object_get(row, key));
    return s != NULL && *s != '\0' ? s : NULL;
}

int
aft_pagerduty_header(json_t *names)
{
    json_t *v;
    size_t i;
    int created = 0, service = 0, number = 0;

    json_array_foreach(names, i, v) {
        const char *s = json_string_value(v);
        created |= strcmp(s, "created_on") == 0;
        service |= strcmp(s, "service_id") == 0;
        number |= strcmp(s, "incident_number") == 0;
    }
    return created && (service || number);
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

/* created_on plus a number of seconds in column key, or NULL. */
static json_t *
offset_instant(aft_ingest *g, const char *created, json_t *row,
               const char *key)
{
    const char *secs = cell(row, key);
    char buf[AFT_INSTANT_BUFSZ], *end;
    double d;
    int64_t t;

    if (secs == NULL || created == NULL
        || aft_instant_parse(&t, created, g->tz, NULL) < 0)
        return NULL;
    d = strtod(secs, &end);
    if (end == secs || *end != '\0' || d < 0)
        return NULL;
    return json_string(aft_instant_format(buf, t + (int64_t)d));
}

int
aft_ingest__pagerduty_row(aft_ingest *g, json_t *row, aft_error *err)
{
    const char *created = cell(row, "created_on");
    const char *title = cell(row, "description");
    const char *svc = cell(row, "service_id");
    json_t *rec = json_object(), *v;
    char num[96];
    int rc;

    if (title == NULL)
        title = cell(row, "title");
    if (title == NULL && cell(row, "incident_number") != NULL) {
        snprintf(num, sizeof num, "PagerDuty incident #%s",
                 cell(row, "incident_number"));
        title = num;
    }
    json_object_set_new(rec, "id", json_string(cell(row, "id")
                                               ? cell(row, "id") : ""));
    if (title != NULL)
        json_object_set_new(rec, "title", json_string(title));
    json_object_set_new(rec, "severity", json_string(severity(row)));
    if (created != NULL) {
        json_object_set_new(rec, "started_at", json_string(created));
        json_object_set_new(rec, "detected_at", json_string(created));
    }
    if ((v = offset_instant(g, created, row, "seconds_to_first_ack")) != NULL)
        json_object_set_new(rec, "acknowledged_at", v);
    if (cell(row, "resolved_on") != NULL)
        json_object_set_new(rec, "resolved_at",
                            json_string(cell(row, "resolved_on")));
    else if ((v = offset_instant(g, created, row, "seconds_to_resolve"))
             != NULL)
        json_object_set_new(rec, "resolved_at", v);
    if (svc != NULL) {
        json_object_set_new(rec, "impacts", json_pack("[{s:s,s:s}]",
                            "service", svc, "level",
                            aft_level_str(g->opts->level ? g->opts->level
                                                         : AFT_LEVEL_MAJOR)));
        if (aft_ingest__derive_service(g, svc, cell(row, "service_name"),
                                       0) < 0) {
            json_decref(rec);
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        }
    }
    rc = aft_ingest__record(g, AFT_KIND_INCIDENT, rec, err);
    json_decref(rec);
    return rc;
}
