/*
 * model.c - the record vocabularies (levels, severities, statuses, kinds):
 * canonical words and aliases; client defaults.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "aftercast/model.h"

typedef struct word {
    const char *word;
    int value;
} word;

static const word LEVELS[] = {{"major_outage", AFT_LEVEL_MAJOR},
                              {"major", AFT_LEVEL_MAJOR},
                              {"partial_outage", AFT_LEVEL_PARTIAL},
                              {"partial", AFT_LEVEL_PARTIAL},
                              {"degraded_performance", AFT_LEVEL_DEGRADED},
                              {"degraded", AFT_LEVEL_DEGRADED},
                              {"none", AFT_LEVEL_NONE},
                              {NULL, 0}};
static const word SEVERITIES[] = {{"sev1", AFT_SEV1},  {"critical", AFT_SEV1},
                                  {"p1", AFT_SEV1},    {"sev2", AFT_SEV2},
                                  {"major", AFT_SEV2}, {"p2", AFT_SEV2},
                                  {"sev3", AFT_SEV3},  {"minor", AFT_SEV3},
                                  {"p3", AFT_SEV3},    {"sev4", AFT_SEV4},
                                  {"low", AFT_SEV4},   {"none", AFT_SEV4},
                                  {"p4", AFT_SEV4},    {NULL, 0}};
static const word MSTATUSES[] = {{"scheduled", AFT_MAINT_SCHEDULED},
                                 {"in_progress", AFT_MAINT_IN_PROGRESS},
                                 {"completed", AFT_MAINT_COMPLETED},
                                 {"cancelled", AFT_MAINT_CANCELLED},
                                 {NULL, 0}};
static const word ROLES[] = {
    {"to", AFT_ROLE_TO}, {"cc", AFT_ROLE_CC}, {"bcc", AFT_ROLE_BCC}, {NULL, 0}};
static const char *const UPDATE_STATUSES[] = {
    "investigating", "identified", "monitoring", "resolved", "scheduled",
    "in_progress",   "verifying",  "completed",  NULL};

static int
lookup(const word *w, const char *s, int *out)
{
    if (s == NULL)
        return -1;
    for (; w->word != NULL; w++)
        if (strcasecmp(w->word, s) == 0) {
            *out = w->value;
            return 0;
        }
    return -1;
}

const char *
aft_level_str(aft_level level)
{
    static const char *const names[] = {"none", "degraded_performance",
                                        "partial_outage", "major_outage"};
    return (unsigned)level < 4 ? names[level] : "none";
}

const char *
aft_severity_str(aft_severity sev)
{
    static const char *const names[] = {"sev1", "sev2", "sev3", "sev4"};
    return (unsigned)sev < AFT_SEVERITY_COUNT ? names[sev] : "sev3";
}

const char *
aft_mstatus_str(aft_mstatus st)
{
    static const char *const names[] = {"scheduled", "in_progress", "completed",
                                        "cancelled"};
    return (unsigned)st < 4 ? names[st] : "completed";
}

int
aft_level_parse(aft_level *out, const char *s, int allow_none)
{
    int v;

    if (lookup(LEVELS, s, &v) < 0 || (v == AFT_LEVEL_NONE && !allow_none))
        return AFT_EINVALID;
    *out = (aft_level)v;
    return AFT_OK;
}

int
aft_severity_parse(aft_severity *out, const char *s)
{
    int v;

    if (lookup(SEVERITIES, s, &v) < 0)
        return AFT_EINVALID;
    *out = (aft_severity)v;
    return AFT_OK;
}

int
aft_mstatus_parse(aft_mstatus *out, const char *s)
{
    int v;

    if (lookup(MSTATUSES, s, &v) < 0)
        return AFT_EINVALID;
    *out = (aft_mstatus)v;
    return AFT_OK;
}

const char *
aft_update_status_canon(const char *s)
{
    size_t i;

    if (s == NULL)
        return NULL;
    for (i = 0; UPDATE_STATUSES[i] != NULL; i++)
        if (strcasecmp(UPDATE_STATUSES[i], s) == 0)
            return UPDATE_STATUSES[i];
    return NULL;
}

const char *
aft_role_str(aft_role role)
{
    static const char *const names[] = {"to", "cc", "bcc"};
    return (unsigned)role < 3 ? names[role] : "to";
}

int
aft_role_parse(aft_role *out, const char *s)
{
    int v;

    if (lookup(ROLES, s, &v) < 0)
        return AFT_EINVALID;
    *out = (aft_role)v;
    return AFT_OK;
}

/* A byte of a local part: printable ASCII but the specials that would
 * need quoting (RFC 5322 3.2.3) or could end an address in a header. */
static int
local_char(unsigned char c)
{
    return c > 0x20 && c < 0x7f && strchr("()<>[]:;@\\,\"", c) == NULL;
}

/* A domain: labels of letters, digits and '-' (not first or last),
 * separated by single dots, at least one dot. */
static int
domain_ok(const char *d)
{
    size_t label = 0, dots = 0;
    char prev = '.';

    for (; *d != '\0'; prev = *d++) {
        unsigned char c = (unsigned char)*d;
        if (c == '.') {
            if (label == 0 || prev == '-')
                return 0;
            label = 0;
            dots++;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                   || (c >= '0' && c <= '9') || (c == '-' && label > 0)) {
            if (++label > 63)
                return 0;
        } else {
            return 0;
        }
    }
    return label > 0 && prev != '-' && dots > 0;
}

int
aft_addr_spec_valid(const char *s)
{
    const char *at, *p;

    if (s == NULL || strlen(s) > 254 || (at = strchr(s, '@')) == NULL || at == s
        || at - s > 64 || strchr(at + 1, '@') != NULL)
        return 0;
    if (s[0] == '.' || at[-1] == '.')
        return 0;
    for (p = s; p < at; p++)
        if (!local_char((unsigned char)*p) || (p[0] == '.' && p[1] == '.'))
            return 0;
    return domain_ok(at + 1);
}

/* The earlier of a and b, AFT_TIME_NONE being no instant. */
static int64_t
earlier(int64_t a, int64_t b)
{
    return a == AFT_TIME_NONE || (b != AFT_TIME_NONE && b < a) ? b : a;
}

int64_t
aft_dataset_first(const aft_dataset *ds)
{
    int64_t first = AFT_TIME_NONE;
    size_t i, j;

    if (ds->has_first)
        return ds->first_at;
    for (i = 0; i < ds->n_incidents; i++) {
        const aft_incident *inc = &ds->incidents[i];
        first = earlier(first, inc->started_at);
        for (j = 0; j < inc->n_impacts; j++)
            first = earlier(first, inc->impacts[j].start);
    }
    for (i = 0; i < ds->n_maintenances; i++) {
        first = earlier(first, ds->maintenances[i].scheduled_start);
        first = earlier(first, ds->maintenances[i].actual_start);
    }
    return first;
}

void
aft_client_defaults(aft_client *c)
{
    memset(c, 0, sizeof *c);
    c->timezone = "UTC";
    c->sla_target = AFT_DEFAULT_SLA_TARGET;
    c->notice_days = AFT_DEFAULT_NOTICE_DAYS;
    c->partial_weight = AFT_DEFAULT_PARTIAL_WEIGHT;
    c->degraded_weight = AFT_DEFAULT_DEGRADED_WEIGHT;
    c->update_interval_minutes = AFT_DEFAULT_UPDATE_INTERVAL;
}

/* Record kinds, singular, in aft_kind order. */
static const char *const KINDS[AFT_KIND_COUNT] = {"service", "client",
                                                  "incident", "maintenance"};

const char *
aft_kind_str(aft_kind kind)
{
    return (unsigned)kind < AFT_KIND_COUNT ? KINDS[kind] : "record";
}

int
aft_kind_parse(aft_kind *out, const char *s)
{
    int k;
    size_t n;

    if (s == NULL)
        return AFT_EINVALID;
    n = strlen(s);
    for (k = 0; k < AFT_KIND_COUNT; k++) {
        size_t m = strlen(KINDS[k]);
        if (strcasecmp(s, KINDS[k]) == 0
            || (n == m + 1 && strncasecmp(s, KINDS[k], m) == 0
                && (s[m] == 's' || s[m] == 'S'))) {
            *out = (aft_kind)k;
            return AFT_OK;
        }
    }
    return AFT_EINVALID;
}
