/*
 * template.c - report branding and wording from report-templates/NAME/
 * template.json, with built-in defaults for anything it leaves out.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "aftercast/template.h"
#include "base/error.h"

struct aft_template {
    json_t *flat; /* "colors.primary" -> "#1F4E79", ... */
    char *logo;   /* absolute or dir-relative path, or NULL */
};

/* Wording used when a template does not give its own. */
static const char *const DEFAULTS[][2] = {
    {"company", "Your managed-service provider"},
    {"footer", ""},
    {"colors.primary", "#1F3A5F"},
    {"colors.accent", "#3D7DCA"},
    {"colors.good", "#2E7D32"},
    {"colors.warn", "#E0A100"},
    {"colors.bad", "#C62828"},
    {"colors.muted", "#6B7280"},
    {"text.title", "Service availability report"},
    {"text.summary_met",
     "{client} met its availability target in {period}: {availability} "
     "against a target of {target}."},
    {"text.summary_breached",
     "{client} did not meet its availability target in {period}: "
     "{availability} against a target of {target}."},
    {"text.summary_na",
     "No service time was measured for {client} in {period}."},
    {"text.credits_none", "No service credit is owed for this period."},
    {"text.credits_owed",
     "A service credit of {credit} of the monthly fee is owed for this "
     "period."},
    {"text.incidents_summary",
     "{incidents} incidents affected your services; they were resolved in "
     "{mttr} on average."},
    {"text.no_incidents", "No incident affected your services."},
    {"text.compare",
     "Previous period ({prev_period}): {prev_availability}, {prev_incidents} "
     "incidents."},
    {"text.policy",
     "Availability is measured in {timezone} over {hours}. A major outage "
     "counts in full, a partial outage at {partial_weight} and degraded "
     "performance at {degraded_weight} of its duration; overlapping "
     "incidents count once, at the worst level. Planned maintenance "
     "announced at least {notice_days} days ahead is excluded from the "
     "measured time within its announced window; work outside that "
     "window, and maintenance announced later, counts as an outage. "
     "Figures as of {as_of}."},
    {"text.communication",
     "We promised an update at least every {interval} during an incident. "
     "The first update came {first_update} after the start on average; "
     "{breaches} of {incidents} incidents had a longer silence."},
    {NULL, NULL}};

static void
flatten(json_t *flat, const char *prefix, json_t *v)
{
    const char *k;
    json_t *x;
    char key[256];

    json_object_foreach(v, k, x)
    {
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", k);
        if (json_is_object(x))
            flatten(flat, key, x);
        else if (json_is_string(x))
            json_object_set(flat, key, x);
    }
}

int
aft_template_load(aft_template **out, const char *dir, aft_error *err)
{
    aft_template *t = calloc(1, sizeof *t);
    char path[1024];
    json_error_t jerr;
    json_t *doc = NULL;
    const char *logo;
    struct stat st;

    *out = NULL;
    if (t == NULL || (t->flat = json_object()) == NULL) {
        free(t);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    if (dir != NULL) {
        snprintf(path, sizeof path, "%s/template.json", dir);
        if ((doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr))
            == NULL) {
            aft_template_free(t);
            if (jerr.text[0] == '\0') /* jansson's own allocation */
                return aft_error_set(err, AFT_ENOMEM, "%s: out of memory",
                                     path);
            return aft_error_set(err, AFT_EINVALID, "%s:%d: %s", path,
                                 jerr.line, jerr.text);
        }
        flatten(t->flat, "", doc);
        json_decref(doc);
        if ((logo = aft_template_get(t, "logo")) != NULL && *logo != '\0') {
            snprintf(path, sizeof path, "%s%s%s", logo[0] == '/' ? "" : dir,
                     logo[0] == '/' ? "" : "/", logo);
            if (stat(path, &st) != 0) {
                aft_template_free(t);
                return aft_error_set(err, AFT_EIO,
                                     "template logo '%s' not "
                                     "found",
                                     path);
            }
            t->logo = strdup(path);
        }
    }
    *out = t;
    return AFT_OK;
}

void
aft_template_free(aft_template *t)
{
    if (t == NULL)
        return;
    json_decref(t->flat);
    free(t->logo);
    free(t);
}

const char *
aft_template_get(const aft_template *t, const char *key)
{
    const char *v;
    size_t i;

    if (strcmp(key, "logo") == 0 && t->logo != NULL)
        return t->logo;
    if ((v = json_string_value(json_object_get(t->flat, key))) != NULL)
        return v;
    for (i = 0; DEFAULTS[i][0] != NULL; i++)
        if (strcmp(DEFAULTS[i][0], key) == 0)
            return DEFAULTS[i][1];
    return NULL;
}

unsigned
aft_template_color(const aft_template *t, const char *name, unsigned deflt)
{
    char key[64];
    const char *v;
    char *end;
    unsigned long c;

    snprintf(key, sizeof key, "colors.%s", name);
    if ((v = aft_template_get(t, key)) == NULL || v[0] != '#' || strlen(v) != 7)
        return deflt;
    c = strtoul(v + 1, &end, 16);
    return *end == '\0' ? (unsigned)c : deflt;
}

char *
aft_template_text(const aft_template *t, const char *name,
                  const char *const *vars)
{
    char key[96];
    const char *src, *p;
    size_t cap = 256, n = 0;
    char *out;

    snprintf(key, sizeof key, "text.%s", name);
    if ((src = aft_template_get(t, key)) == NULL)
        src = "";
    if ((out = malloc(cap)) == NULL)
        return NULL;
    for (p = src; *p;) {
        const char *val = NULL, *close;
        size_t len;

        if (*p == '{' && (close = strchr(p, '}')) != NULL) {
            const char *const *v;
            for (v = vars; v && v[0] != NULL; v += 2)
                if (strlen(v[0]) == (size_t)(close - p - 1)
                    && strncmp(v[0], p + 1, (size_t)(close - p - 1)) == 0)
                    val = v[1];
            if (val != NULL)
                p = close + 1;
        }
        len = val != NULL ? strlen(val) : 1;
        if (n + len + 1 > cap) {
            char *o;
            while (n + len + 1 > cap)
                cap *= 2;
            if ((o = realloc(out, cap)) == NULL) {
                free(out);
                return NULL;
            }
            out = o;
        }
        if (val != NULL) {
            memcpy(out + n, val, len);
        } else {
            out[n] = *p++;
        }
        n += len;
    }
    out[n] = '\0';
    return out;
}
