/*
 * record_json.c - a stored record as the native JSON object it is
 * imported from, so that export and import share one shape.
 */
#include <math.h>

#include "model/record_json.h"

static void
set_str(json_t *o, const char *k, const char *v)
{
    if (v != NULL)
        json_object_set_new(o, k, json_string(v));
}

static void
set_time(json_t *o, const char *k, int64_t t)
{
    char buf[AFT_INSTANT_BUFSZ];

    if (t != AFT_TIME_NONE)
        json_object_set_new(o, k, json_string(aft_instant_format(buf, t)));
}

static void
set_day(json_t *o, const char *k, int64_t d)
{
    char buf[AFT_INSTANT_BUFSZ];

    if (d != AFT_DATE_NONE)
        json_object_set_new(o, k, json_string(aft_date_format(buf, d)));
}

static json_t *
str_list(const char *const *v, size_t n)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *
client_json(const aft_client *c)
{
    json_t *o = json_object(), *a;
    size_t i;

    set_str(o, "id", c->id);
    set_str(o, "name", c->name);
    set_str(o, "timezone", c->timezone);
    json_object_set_new(o, "sla_target", json_real(c->sla_target));
    json_object_set_new(o, "notice_days", json_integer(c->notice_days));
    json_object_set_new(o, "partial_weight", json_real(c->partial_weight));
    json_object_set_new(o, "degraded_weight", json_real(c->degraded_weight));
    a = json_array();
    for (i = 0; i < c->n_credits; i++)
        json_array_append_new(a, json_pack("{s:f,s:f}", "below",
                                           c->credits[i].below, "credit",
                                           c->credits[i].credit));
    json_object_set_new(o, "credits", a);
    json_object_set_new(o, "update_interval_minutes",
                        json_integer(c->update_interval_minutes));
    json_object_set_new(o, "service_hours",
                        str_list(c->service_hours, c->n_service_hours));
    a = json_array();
    for (i = 0; i < c->n_holidays; i++) {
        char buf[AFT_INSTANT_BUFSZ];
        json_array_append_new(a, json_string(aft_date_format(buf,
                                                             c->holidays[i])));
    }
    json_object_set_new(o, "holidays", a);
    a = json_array();
    for (i = 0; i < c->n_subs; i++) {
        const aft_subscription *s = &c->subs[i];
        json_t *x;
        if (isnan(s->sla_target) && s->from_day == AFT_DATE_NONE
            && s->until_day == AFT_DATE_NONE) {
            json_array_append_new(a, json_string(s->service_id));
            continue;
        }
        x = json_object();
        set_str(x, "id", s->service_id);
        if (!isnan(s->sla_target))
            json_object_set_new(x, "sla_target", json_real(s->sla_target));
        set_day(x, "from", s->from_day);
        set_day(x, "until", s->until_day);
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "services", a);
    if (c->n_contacts == 0) /* older exports stay as they were */
        return o;
    a = json_array();
    for (i = 0; i < c->n_contacts; i++) {
        json_t *x = json_object();
        set_str(x, "email", c->contacts[i].email);
        set_str(x, "name", c->contacts[i].name);
        set_str(x, "role", aft_role_str(c->contacts[i].role));
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "contacts", a);
    return o;
}

static json_t *
incident_json(const aft_incident *r)
{
    json_t *o = json_object(), *a;
    size_t i;

    set_str(o, "id", r->id);
    set_str(o, "title", r->title);
    set_str(o, "severity", aft_severity_str(r->severity));
    set_time(o, "started_at", r->started_at);
    set_time(o, "detected_at", r->detected_at);
    set_time(o, "acknowledged_at", r->acknowledged_at);
    set_time(o, "resolved_at", r->resolved_at);
    a = json_array();
    for (i = 0; i < r->n_impacts; i++) {
        json_t *x = json_object();
        set_str(x, "service", r->impacts[i].service_id);
        set_str(x, "level", aft_level_str(r->impacts[i].level));
        set_time(x, "start", r->impacts[i].start);
        set_time(x, "end", r->impacts[i].end);
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "impacts", a);
    if (r->n_clients > 0)
        json_object_set_new(o, "clients", str_list(r->clients, r->n_clients));
    set_str(o, "root_cause", r->root_cause);
    set_str(o, "resolution", r->resolution);
    a = json_array();
    for (i = 0; i < r->n_actions; i++) {
        json_t *x = json_object();
        set_str(x, "action", r->actions[i].action);
        set_str(x, "owner", r->actions[i].owner);
        set_day(x, "due", r->actions[i].due_day);
        set_str(x, "status", r->actions[i].status);
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "preventive_actions", a);
    a = json_array();
    for (i = 0; i < r->n_updates; i++) {
        json_t *x = json_object();
        set_time(x, "at", r->updates[i].at);
        set_str(x, "status", r->updates[i].status);
        set_str(x, "body", r->updates[i].body);
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "updates", a);
    return o;
}

static json_t *
maintenance_json(const aft_maintenance *r)
{
    json_t *o = json_object();

    set_str(o, "id", r->id);
    set_str(o, "title", r->title);
    json_object_set_new(o, "services", str_list(r->services, r->n_services));
    if (r->n_clients > 0)
        json_object_set_new(o, "clients", str_list(r->clients, r->n_clients));
    set_time(o, "scheduled_start", r->scheduled_start);
    set_time(o, "scheduled_end", r->scheduled_end);
    set_time(o, "actual_start", r->actual_start);
    set_time(o, "actual_end", r->actual_end);
    set_time(o, "notified_at", r->notified_at);
    set_str(o, "impact", aft_level_str(r->impact));
    set_str(o, "status", aft_mstatus_str(r->status));
    set_str(o, "summary", r->summary);
    set_str(o, "issues", r->issues);
    return o;
}

json_t *
aft_record_json(aft_kind kind, const void *rec)
{
    json_t *o;

    switch (kind) {
    case AFT_KIND_SERVICE:
        o = json_object();
        set_str(o, "id", ((const aft_service *)rec)->id);
        set_str(o, "name", ((const aft_service *)rec)->name);
        return o;
    case AFT_KIND_CLIENT:
        return client_json(rec);
    case AFT_KIND_INCIDENT:
        return incident_json(rec);
    default:
        return maintenance_json(rec);
    }
}
