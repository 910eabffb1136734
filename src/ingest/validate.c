/*
 * validate.c - field-by-field checks of one record; each problem is named
 * with its field's path, and one pass lists every problem of a record.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "aftercast/hours.h"
#include "aftercast/instant.h"
#include "base/error.h"
#include "base/escape.h"
#include "ingest/validate.h"
#include "model/record.h"

/* Code points XML 1.0 cannot carry (so neither can an XLSX cell): C0
 * controls but tab, LF and CR. Noncharacters (U+FDD0-U+FDEF and the last
 * two of every plane) are refused too: they are not for interchange, and
 * U+FFFE and U+FFFF are not XML either. */
static const char *
bad_code_point(uint32_t cp)
{
    if (cp == 0)
        return "NUL character";
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
        return "control character";
    if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
        return "noncharacter";
    return NULL;
}

/* The rules of aft_text_problem(): every code point storable (above),
 * and at most AFT_RECORD_TEXT_MAX of them. s is valid UTF-8 (jansson and
 * the CSV readers check it first). */
const char *
aft_text_problem(char *why, size_t size, const char *s, size_t len)
{
    size_t i = 0, chars = 0, k, n;

    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        uint32_t cp = b < 0x80   ? b
                      : b < 0xe0 ? b & 0x1fu
                      : b < 0xf0 ? b & 0x0fu
                                 : b & 0x07u;
        const char *what;

        n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
        for (k = 1; k < n && i + k < len; k++)
            cp = cp << 6 | ((unsigned char)s[i + k] & 0x3fu);
        if ((what = bad_code_point(cp)) != NULL) {
            if (cp == 0)
                snprintf(why, size, "%s not allowed", what);
            else
                snprintf(why, size, "%s U+%04X not allowed", what,
                         (unsigned)cp);
            return why;
        }
        i += n;
        chars++;
    }
    if (chars > AFT_RECORD_TEXT_MAX) {
        snprintf(why, size, "%zu characters, at most %d", chars,
                 AFT_RECORD_TEXT_MAX);
        return why;
    }
    return NULL;
}

void
aft_problem_where(char *buf, size_t size, const aft_problems *pb,
                  const char *field)
{
    if (pb->loc_is_line)
        snprintf(buf, size, "%s:%s%s%s", pb->file, pb->loc, field ? ": " : "",
                 field ? field : "");
    else
        snprintf(buf, size, "%s: %s%s%s", pb->file, pb->loc,
                 field && *pb->loc ? "." : "", field ? field : "");
}

void
aft_problem(aft_problems *pb, const char *field, const char *fmt, ...)
{
    char where[512], msg[512], line[1100], safe[1100];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    aft_problem_where(where, sizeof where, pb, field);
    snprintf(line, sizeof line, "%s%s: %s", pb->prefix ? pb->prefix : "", where,
             msg);
    pb->count++;
    if (pb->fn != NULL)
        pb->fn(aft_escape(safe, sizeof safe, line), pb->payload);
}

typedef struct ctx {
    aft_arena *a;
    const aft_tz *tz;
    aft_problems *pb;
    int oom;
} ctx;

static void
cat(char *buf, size_t size, size_t *n, const char *s)
{
    while (s != NULL && *s != '\0' && *n + 1 < size)
        buf[(*n)++] = *s++;
    buf[*n] = '\0';
}

/* "prefix.key" or "prefix[i]" into buf (truncated to size). */
static const char *
path(char *buf, size_t size, const char *prefix, const char *key, long idx)
{
    char num[32];
    size_t n = 0;

    buf[0] = '\0';
    cat(buf, size, &n, prefix);
    if (idx >= 0) {
        snprintf(num, sizeof num, "[%ld]", idx);
        cat(buf, size, &n, num);
    } else {
        if (prefix != NULL && *prefix != '\0')
            cat(buf, size, &n, ".");
        cat(buf, size, &n, key);
    }
    return buf;
}

static json_t *
field(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_null(v) ? NULL : v;
}

/* Whether string v may be stored; if not, the problem is reported at
 * field path p. */
static int
text_ok(ctx *c, const char *p, json_t *v)
{
    char why[64];

    if (aft_text_problem(why, sizeof why, json_string_value(v),
                         json_string_length(v))
        == NULL)
        return 1;
    aft_problem(c->pb, p, "%s", why);
    return 0;
}

static const char *
get_str(ctx *c, json_t *obj, const char *pre, const char *key, int required)
{
    json_t *v = field(obj, key);
    char p[160];
    const char *s;

    if (v == NULL) {
        if (required)
            aft_problem(c->pb, path(p, sizeof p, pre, key, -1),
                        "missing required field");
        return NULL;
    }
    if (!json_is_string(v)) {
        aft_problem(c->pb, path(p, sizeof p, pre, key, -1), "must be a string");
        return NULL;
    }
    s = json_string_value(v);
    if (required && *s == '\0') {
        aft_problem(c->pb, path(p, sizeof p, pre, key, -1),
                    "must not be empty");
        return NULL;
    }
    if (!text_ok(c, path(p, sizeof p, pre, key, -1), v))
        return NULL;
    if ((s = aft_arena_strdup(c->a, s)) == NULL)
        c->oom = 1;
    return s;
}

static double
get_num(ctx *c, json_t *obj, const char *pre, const char *key, double deflt,
        double lo, double hi, int lo_open)
{
    json_t *v = field(obj, key);
    char p[160];
    double d;

    if (v == NULL)
        return deflt;
    if (!json_is_number(v)) {
        aft_problem(c->pb, path(p, sizeof p, pre, key, -1), "must be a number");
        return deflt;
    }
    d = json_number_value(v);
    if (!(lo_open ? d > lo : d >= lo) || !(d <= hi)) {
        aft_problem(c->pb, path(p, sizeof p, pre, key, -1),
                    "%g is outside %s%g, %g]", d, lo_open ? "(" : "[", lo, hi);
        return deflt;
    }
    return d;
}

static int
get_int(ctx *c, json_t *obj, const char *pre, const char *key, int deflt,
        int lo, int hi)
{
    double d = get_num(c, obj, pre, key, deflt, lo, hi, 0);
    char p[160];

    if (d != floor(d)) {
        aft_problem(c->pb, path(p, sizeof p, pre, key, -1),
                    "must be a whole number");
        return deflt;
    }
    return (int)d;
}

static int64_t
get_instant(ctx *c, json_t *obj, const char *pre, const char *key, int required)
{
    const char *s = get_str(c, obj, pre, key, required);
    aft_error e;
    int64_t t;
    char p[160];

    if (s == NULL)
        return AFT_TIME_NONE;
    if (aft_instant_parse(&t, s, c->tz, &e) < 0) {
        aft_problem(c->pb, path(p, sizeof p, pre, key, -1), "%s", e.message);
        return AFT_TIME_NONE;
    }
    return t;
}

static int64_t
get_date(ctx *c, json_t *v, const char *p)
{
    aft_error e;
    int64_t d;

    if (!json_is_string(v)) {
        aft_problem(c->pb, p, "must be a date string YYYY-MM-DD");
        return AFT_DATE_NONE;
    }
    if (!text_ok(c, p, v))
        return AFT_DATE_NONE;
    if (aft_date_parse(&d, json_string_value(v), &e) < 0) {
        aft_problem(c->pb, p, "%s", e.message);
        return AFT_DATE_NONE;
    }
    return d;
}

static int64_t
get_date_field(ctx *c, json_t *obj, const char *pre, const char *key)
{
    json_t *v = field(obj, key);
    char p[160];

    return v == NULL ? AFT_DATE_NONE
                     : get_date(c, v, path(p, sizeof p, pre, key, -1));
}

/* The array at key (NULL when absent); a non-array is a problem. */
static json_t *
get_array(ctx *c, json_t *obj, const char *key, int required)
{
    json_t *v = field(obj, key);

    if (v == NULL) {
        if (required)
            aft_problem(c->pb, key, "missing required field");
        return NULL;
    }
    if (!json_is_array(v)) {
        aft_problem(c->pb, key, "must be a list");
        return NULL;
    }
    if (required && json_array_size(v) == 0) {
        aft_problem(c->pb, key, "must list at least one entry");
        return NULL;
    }
    return v;
}

static void *
alloc_n(ctx *c, size_t n, size_t size)
{
    void *p = n ? aft_arena_alloc(c->a, n * size) : NULL;

    if (n && p == NULL)
        c->oom = 1;
    return p;
}

/* A list of non-empty strings (ids). */
static const char **
get_ids(ctx *c, json_t *obj, const char *key, int required, size_t *n)
{
    json_t *arr = get_array(c, obj, key, required), *v;
    const char **out;
    size_t i;
    char p[160];

    *n = 0;
    if (arr == NULL)
        return NULL;
    out = alloc_n(c, json_array_size(arr), sizeof *out);
    json_array_foreach(arr, i, v)
    {
        path(p, sizeof p, key, NULL, (long)i);
        if (!json_is_string(v) || *json_string_value(v) == '\0') {
            aft_problem(c->pb, p, "must be a non-empty string");
            continue;
        }
        if (!text_ok(c, p, v))
            continue;
        if (out
            && (out[(*n)++] = aft_arena_strdup(c->a, json_string_value(v)))
                   == NULL)
            c->oom = 1;
    }
    return out;
}

/* ---- records ---- */

static void
check_service(ctx *c, json_t *o, aft_service *r)
{
    r->id = get_str(c, o, "", "id", 1);
    r->name = get_str(c, o, "", "name", 0);
}

static void
check_credits(ctx *c, json_t *o, aft_client *r)
{
    json_t *arr = get_array(c, o, "credits", 0), *v;
    size_t i;
    char p[160];

    if (arr == NULL)
        return;
    r->credits = alloc_n(c, json_array_size(arr), sizeof *r->credits);
    json_array_foreach(arr, i, v)
    {
        path(p, sizeof p, "credits", NULL, (long)i);
        if (!json_is_object(v)) {
            aft_problem(c->pb, p, "must be an object {below, credit}");
            continue;
        }
        if (field(v, "below") == NULL || field(v, "credit") == NULL) {
            aft_problem(c->pb, p, "needs both 'below' and 'credit'");
            continue;
        }
        if (r->credits) {
            aft_credit_tier *t = &r->credits[r->n_credits++];
            t->below = get_num(c, v, p, "below", 0, 0, 100, 1);
            t->credit = get_num(c, v, p, "credit", 0, 0, 100, 0);
        }
    }
}

static void
check_hours(ctx *c, json_t *o, aft_client *r)
{
    json_t *arr = get_array(c, o, "service_hours", 0), *v;
    aft_hours_range h;
    aft_error e;
    size_t i;
    char p[160];

    if (arr == NULL)
        return;
    r->service_hours = alloc_n(c, json_array_size(arr),
                               sizeof *r->service_hours);
    json_array_foreach(arr, i, v)
    {
        path(p, sizeof p, "service_hours", NULL, (long)i);
        if (!json_is_string(v)) {
            aft_problem(c->pb, p,
                        "must be a string like "
                        "\"mon-fri 08:00-18:00\"");
        } else if (!text_ok(c, p, v)) {
            continue;
        } else if (aft_hours_parse(&h, json_string_value(v), &e) < 0) {
            aft_problem(c->pb, p, "%s", e.message);
        } else if (r->service_hours) {
            const char *s = aft_arena_strdup(c->a, json_string_value(v));
            if (s == NULL)
                c->oom = 1;
            r->service_hours[r->n_service_hours++] = s;
        }
    }
}

static void
check_holidays(ctx *c, json_t *o, aft_client *r)
{
    json_t *arr = get_array(c, o, "holidays", 0), *v;
    size_t i;
    char p[160];

    if (arr == NULL)
        return;
    r->holidays = alloc_n(c, json_array_size(arr), sizeof *r->holidays);
    json_array_foreach(arr, i, v)
    {
        int64_t d = get_date(c, v,
                             path(p, sizeof p, "holidays", NULL, (long)i));
        if (d != AFT_DATE_NONE && r->holidays)
            r->holidays[r->n_holidays++] = d;
    }
}

static void
check_subs(ctx *c, json_t *o, aft_client *r)
{
    json_t *arr = get_array(c, o, "services", 0), *v;
    size_t i, j;
    char p[160];

    if (arr == NULL)
        return;
    r->subs = alloc_n(c, json_array_size(arr), sizeof *r->subs);
    json_array_foreach(arr, i, v)
    {
        aft_subscription s = {NULL, NAN, AFT_DATE_NONE, AFT_DATE_NONE};

        path(p, sizeof p, "services", NULL, (long)i);
        if (json_is_string(v) && *json_string_value(v) != '\0') {
            if (!text_ok(c, p, v))
                continue;
            s.service_id = aft_arena_strdup(c->a, json_string_value(v));
        } else if (json_is_object(v)) {
            s.service_id = get_str(c, v, p, "id", 1);
            s.sla_target = get_num(c, v, p, "sla_target", NAN, 0, 100, 1);
            s.from_day = get_date_field(c, v, p, "from");
            s.until_day = get_date_field(c, v, p, "until");
            if (s.from_day != AFT_DATE_NONE && s.until_day != AFT_DATE_NONE
                && s.until_day <= s.from_day)
                aft_problem(c->pb, p, "'until' must be after 'from'");
        } else {
            aft_problem(c->pb, p,
                        "must be a service id or an object "
                        "{id, sla_target, from, until}");
            continue;
        }
        if (s.service_id == NULL || r->subs == NULL)
            continue;
        for (j = 0; j < r->n_subs; j++)
            if (strcmp(r->subs[j].service_id, s.service_id) == 0)
                aft_problem(c->pb, p, "service '%s' is listed twice",
                            s.service_id);
        r->subs[r->n_subs++] = s;
    }
}

/* One contact {email, name, role} into *k; 0, or -1 after a problem. */
static int
check_contact(ctx *c, json_t *v, const char *p, aft_contact *k)
{
    const char *role;
    size_t before = c->pb->count;

    if (json_is_string(v)) { /* a bare address */
        json_t *o = json_pack("{s:O}", "email", v);
        int rc = o ? check_contact(c, o, p, k) : -1;
        json_decref(o);
        return rc;
    }
    if (!json_is_object(v)) {
        aft_problem(c->pb, p, "must be an object {email, name, role}");
        return -1;
    }
    k->email = get_str(c, v, p, "email", 1);
    k->name = get_str(c, v, p, "name", 0);
    k->role = AFT_ROLE_TO;
    if (k->email != NULL && !aft_addr_spec_valid(k->email)) {
        char q[200];
        aft_problem(c->pb, path(q, sizeof q, p, "email", -1),
                    "'%s' is not a mail address (want local@domain)", k->email);
    }
    if ((role = get_str(c, v, p, "role", 0)) != NULL
        && aft_role_parse(&k->role, role) < 0) {
        char q[200];
        aft_problem(c->pb, path(q, sizeof q, p, "role", -1),
                    "unknown role '%s' (want to, cc or bcc)", role);
    }
    return c->pb->count > before || k->email == NULL ? -1 : 0;
}

static void
check_contacts(ctx *c, json_t *o, aft_client *r)
{
    json_t *arr = get_array(c, o, "contacts", 0), *v;
    size_t i, j;
    char p[160];

    if (arr == NULL)
        return;
    r->contacts = alloc_n(c, json_array_size(arr), sizeof *r->contacts);
    json_array_foreach(arr, i, v)
    {
        aft_contact k = {NULL, NULL, AFT_ROLE_TO};

        path(p, sizeof p, "contacts", NULL, (long)i);
        if (check_contact(c, v, p, &k) < 0 || r->contacts == NULL)
            continue;
        for (j = 0; j < r->n_contacts; j++)
            if (strcasecmp(r->contacts[j].email, k.email) == 0)
                aft_problem(c->pb, p, "address '%s' is listed twice", k.email);
        r->contacts[r->n_contacts++] = k;
    }
}

static void
check_client(ctx *c, json_t *o, aft_client *r)
{
    aft_tz *tz;
    aft_error e;

    aft_client_defaults(r);
    r->id = get_str(c, o, "", "id", 1);
    r->name = get_str(c, o, "", "name", 1);
    if (field(o, "timezone") != NULL) {
        const char *zone = get_str(c, o, "", "timezone", 1);
        if (zone != NULL && aft_tz_load(&tz, zone, &e) < 0)
            aft_problem(c->pb, "timezone", "%s", e.message);
        else if (zone != NULL) {
            aft_tz_free(tz);
            r->timezone = zone;
        }
    }
    r->sla_target = get_num(c, o, "", "sla_target", AFT_DEFAULT_SLA_TARGET, 0,
                            100, 1);
    r->notice_days = get_int(c, o, "", "notice_days", AFT_DEFAULT_NOTICE_DAYS,
                             0, 3650);
    r->partial_weight = get_num(c, o, "", "partial_weight",
                                AFT_DEFAULT_PARTIAL_WEIGHT, 0, 1, 0);
    r->degraded_weight = get_num(c, o, "", "degraded_weight",
                                 AFT_DEFAULT_DEGRADED_WEIGHT, 0, 1, 0);
    r->update_interval_minutes = get_int(c, o, "", "update_interval_minutes",
                                         AFT_DEFAULT_UPDATE_INTERVAL, 1,
                                         100000);
    check_credits(c, o, r);
    check_hours(c, o, r);
    check_holidays(c, o, r);
    check_subs(c, o, r);
    check_contacts(c, o, r);
}

static void
check_impacts(ctx *c, json_t *o, aft_incident *r)
{
    json_t *arr = get_array(c, o, "impacts", 1), *v;
    size_t i;
    char p[160], q[160];

    if (arr == NULL)
        return;
    r->impacts = alloc_n(c, json_array_size(arr), sizeof *r->impacts);
    json_array_foreach(arr, i, v)
    {
        aft_impact m = {NULL, AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE};
        const char *lvl;
        int64_t s, e;
        size_t before = c->pb->count;

        path(p, sizeof p, "impacts", NULL, (long)i);
        if (!json_is_object(v)) {
            aft_problem(c->pb, p,
                        "must be an object {service, level, "
                        "start, end}");
            continue;
        }
        m.service_id = get_str(c, v, p, "service", 1);
        if ((lvl = get_str(c, v, p, "level", 1)) != NULL
            && aft_level_parse(&m.level, lvl, 0) < 0)
            aft_problem(c->pb, path(q, sizeof q, p, "level", -1),
                        "unknown impact level '%s' (want major_outage, "
                        "partial_outage or degraded_performance)",
                        lvl);
        m.start = get_instant(c, v, p, "start", 0);
        m.end = get_instant(c, v, p, "end", 0);
        s = m.start != AFT_TIME_NONE ? m.start : r->started_at;
        e = m.end != AFT_TIME_NONE ? m.end : r->resolved_at;
        if (s != AFT_TIME_NONE && e != AFT_TIME_NONE && e < s)
            aft_problem(c->pb,
                        path(q, sizeof q, p,
                             m.end != AFT_TIME_NONE ? "end" : "start", -1),
                        "impact ends before it starts");
        if (c->pb->count == before && r->impacts)
            r->impacts[r->n_impacts++] = m;
    }
}

static void
check_updates(ctx *c, json_t *o, aft_incident *r)
{
    json_t *arr = get_array(c, o, "updates", 0), *v;
    size_t i;
    char p[160], q[160];

    if (arr == NULL)
        return;
    r->updates = alloc_n(c, json_array_size(arr), sizeof *r->updates);
    json_array_foreach(arr, i, v)
    {
        aft_update u;
        const char *st;

        path(p, sizeof p, "updates", NULL, (long)i);
        if (!json_is_object(v)) {
            aft_problem(c->pb, p, "must be an object {at, status, body}");
            continue;
        }
        u.at = get_instant(c, v, p, "at", 1);
        st = get_str(c, v, p, "status", 1);
        u.status = aft_update_status_canon(st);
        if (st != NULL && u.status == NULL)
            aft_problem(c->pb, path(q, sizeof q, p, "status", -1),
                        "unknown update status '%s'", st);
        u.body = get_str(c, v, p, "body", 0);
        if (u.body == NULL)
            u.body = "";
        if (u.at != AFT_TIME_NONE && u.status != NULL && r->updates)
            r->updates[r->n_updates++] = u;
    }
}

static void
check_actions(ctx *c, json_t *o, aft_incident *r)
{
    json_t *arr = get_array(c, o, "preventive_actions", 0), *v;
    size_t i;
    char p[160];

    if (arr == NULL)
        return;
    r->actions = alloc_n(c, json_array_size(arr), sizeof *r->actions);
    json_array_foreach(arr, i, v)
    {
        aft_action x;

        path(p, sizeof p, "preventive_actions", NULL, (long)i);
        if (json_is_string(v)) { /* a bare action */
            if (!text_ok(c, p, v))
                continue;
            x = (aft_action){aft_arena_strdup(c->a, json_string_value(v)), NULL,
                             AFT_DATE_NONE, NULL};
        } else if (json_is_object(v)) {
            x.action = get_str(c, v, p, "action", 1);
            x.owner = get_str(c, v, p, "owner", 0);
            x.due_day = get_date_field(c, v, p, "due");
            x.status = get_str(c, v, p, "status", 0);
        } else {
            aft_problem(c->pb, p,
                        "must be an object {action, owner, due, "
                        "status}");
            continue;
        }
        if (x.action != NULL && r->actions)
            r->actions[r->n_actions++] = x;
    }
}

static void
check_incident(ctx *c, json_t *o, aft_incident *r)
{
    const char *sev;

    memset(r, 0, sizeof *r);
    r->id = get_str(c, o, "", "id", 1);
    r->title = get_str(c, o, "", "title", 1);
    r->severity = AFT_SEV3;
    if ((sev = get_str(c, o, "", "severity", 0)) != NULL
        && aft_severity_parse(&r->severity, sev) < 0)
        aft_problem(c->pb, "severity",
                    "unknown severity '%s' (want sev1..sev4,"
                    " critical, major, minor, low, P1..P4)",
                    sev);
    r->started_at = get_instant(c, o, "", "started_at", 1);
    r->detected_at = get_instant(c, o, "", "detected_at", 0);
    r->acknowledged_at = get_instant(c, o, "", "acknowledged_at", 0);
    r->resolved_at = get_instant(c, o, "", "resolved_at", 0);
    if (r->started_at != AFT_TIME_NONE && r->resolved_at != AFT_TIME_NONE
        && r->resolved_at < r->started_at)
        aft_problem(c->pb, "resolved_at", "resolved before it started");
    check_impacts(c, o, r);
    r->clients = get_ids(c, o, "clients", 0, &r->n_clients);
    r->root_cause = get_str(c, o, "", "root_cause", 0);
    r->resolution = get_str(c, o, "", "resolution", 0);
    check_actions(c, o, r);
    check_updates(c, o, r);
}

static void
check_maintenance(ctx *c, json_t *o, aft_maintenance *r)
{
    const char *s;

    memset(r, 0, sizeof *r);
    r->id = get_str(c, o, "", "id", 1);
    r->title = get_str(c, o, "", "title", 1);
    r->services = get_ids(c, o, "services", 1, &r->n_services);
    r->clients = get_ids(c, o, "clients", 0, &r->n_clients);
    r->scheduled_start = get_instant(c, o, "", "scheduled_start", 1);
    r->scheduled_end = get_instant(c, o, "", "scheduled_end", 1);
    r->actual_start = get_instant(c, o, "", "actual_start", 0);
    r->actual_end = get_instant(c, o, "", "actual_end", 0);
    r->notified_at = get_instant(c, o, "", "notified_at", 0);
    r->impact = AFT_LEVEL_MAJOR;
    if ((s = get_str(c, o, "", "impact", 0)) != NULL
        && aft_level_parse(&r->impact, s, 1) < 0)
        aft_problem(c->pb, "impact", "unknown impact level '%s'", s);
    r->status = AFT_MAINT_COMPLETED;
    if ((s = get_str(c, o, "", "status", 0)) != NULL
        && aft_mstatus_parse(&r->status, s) < 0)
        aft_problem(c->pb, "status",
                    "unknown maintenance status '%s' (want "
                    "scheduled, in_progress, completed or cancelled)",
                    s);
    r->summary = get_str(c, o, "", "summary", 0);
    r->issues = get_str(c, o, "", "issues", 0);
    if (r->scheduled_start != AFT_TIME_NONE && r->scheduled_end != AFT_TIME_NONE
        && r->scheduled_end < r->scheduled_start)
        aft_problem(c->pb, "scheduled_end",
                    "scheduled to end before it "
                    "starts");
    if (r->actual_start != AFT_TIME_NONE || r->actual_end != AFT_TIME_NONE) {
        aft_interval work = aft_maintenance_actual(r);
        if (work.start != AFT_TIME_NONE && work.end != AFT_TIME_NONE
            && work.end < work.start)
            aft_problem(c->pb, "actual_end",
                        "actual work ends before it "
                        "starts");
    }
}

int
aft_validate_record(aft_record *out, aft_kind kind, json_t *obj,
                    aft_arena *arena, const aft_tz *deflt, aft_problems *pb)
{
    ctx c = {arena, deflt, pb, 0};
    size_t before = pb->count;

    memset(out, 0, sizeof *out);
    if (!json_is_object(obj)) {
        aft_problem(pb, NULL, "a record must be a JSON object");
        return (int)(pb->count - before);
    }
    switch (kind) {
    case AFT_KIND_SERVICE:
        check_service(&c, obj, &out->service);
        break;
    case AFT_KIND_CLIENT:
        check_client(&c, obj, &out->client);
        break;
    case AFT_KIND_INCIDENT:
        check_incident(&c, obj, &out->incident);
        break;
    default:
        check_maintenance(&c, obj, &out->maintenance);
    }
    if (c.oom)
        return -1;
    return (int)(pb->count - before);
}

const char *
aft_record_id(const aft_record *r, aft_kind kind)
{
    switch (kind) {
    case AFT_KIND_SERVICE:
        return r->service.id;
    case AFT_KIND_CLIENT:
        return r->client.id;
    case AFT_KIND_INCIDENT:
        return r->incident.id;
    default:
        return r->maintenance.id;
    }
}

static int
refs_list(const char *const *ids, size_t n, aft_kind kind, const char *key,
          aft_ref_fn fn, void *payload)
{
    char p[160];
    size_t i;
    int rc;

    for (i = 0; i < n; i++)
        if ((rc = fn(kind, ids[i], path(p, sizeof p, key, NULL, (long)i),
                     payload))
            < 0)
            return rc;
    return 0;
}

int
aft_record_refs(const aft_record *r, aft_kind kind, aft_ref_fn fn,
                void *payload)
{
    char p[160];
    size_t i;
    int rc = 0;

    switch (kind) {
    case AFT_KIND_CLIENT:
        for (i = 0; i < r->client.n_subs && rc == 0; i++) {
            snprintf(p, sizeof p, "services[%zu]", i);
            rc = fn(AFT_KIND_SERVICE, r->client.subs[i].service_id, p, payload);
        }
        return rc;
    case AFT_KIND_INCIDENT:
        for (i = 0; i < r->incident.n_impacts && rc == 0; i++) {
            snprintf(p, sizeof p, "impacts[%zu].service", i);
            rc = fn(AFT_KIND_SERVICE, r->incident.impacts[i].service_id, p,
                    payload);
        }
        if (rc == 0)
            rc = refs_list(r->incident.clients, r->incident.n_clients,
                           AFT_KIND_CLIENT, "clients", fn, payload);
        return rc;
    case AFT_KIND_MAINTENANCE:
        rc = refs_list(r->maintenance.services, r->maintenance.n_services,
                       AFT_KIND_SERVICE, "services", fn, payload);
        if (rc == 0)
            rc = refs_list(r->maintenance.clients, r->maintenance.n_clients,
                           AFT_KIND_CLIENT, "clients", fn, payload);
        return rc;
    default:
        return 0;
    }
}
