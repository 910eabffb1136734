/*
 * template.c - report branding and wording from report-templates/NAME/
 * template.json, with built-in defaults for anything it leaves out.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "aftercast/template.h"
#include "base/error.h"
#include "base/json_error.h"

struct aft_template {
    json_t *flat;       /* "colors.primary" -> "#1F4E79", ... */
    char *logo;         /* absolute or dir-relative path, or NULL */
    unsigned char *png; /* the logo's bytes, read once at load */
    size_t png_size;    /* bytes */
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
    {"text.summary_met_provisional",
     "So far in {period} (to date, provisional), {client} is meeting its "
     "availability target: {availability} against a target of {target}."},
    {"text.summary_breached_provisional",
     "So far in {period} (to date, provisional), {client} is below its "
     "availability target: {availability} against a target of {target}."},
    {"text.summary_na_provisional",
     "No service time has been measured for {client} in {period} so far."},
    {"text.provisional_banner",
     "Provisional: {period} is not over. Figures are to date, as of "
     "{as_of}, and will change until the period ends."},
    {"text.credits_none", "No service credit is owed for {period}."},
    {"text.credits_none_provisional",
     "No service credit is owed so far (provisional, to date)."},
    {"text.credits_owed", "Service credits owed for {period}: {credits}."},
    {"text.credits_owed_provisional",
     "Service credits owed so far (provisional, to date): {credits}."},
    {"text.credit_service", "{credit} of the {fee} for {service}"},
    {"text.credit_client", "{credit} of the whole {fee} (all services)"},
    {"text.incidents_open",
     "{incidents} incidents affected your services; {open} still open at "
     "{as_of}. The {resolved} resolved were resolved in {mttr} on "
     "average."},
    {"text.incidents_all_open",
     "{incidents} incidents affected your services, all still open at "
     "{as_of}."},
    {"words.level.none", "No impact"},
    {"words.level.degraded_performance", "Degraded performance"},
    {"words.level.partial_outage", "Partial outage"},
    {"words.level.major_outage", "Major outage"},
    {"words.severity.sev1", "Critical (Sev 1)"},
    {"words.severity.sev2", "Major (Sev 2)"},
    {"words.severity.sev3", "Minor (Sev 3)"},
    {"words.severity.sev4", "Low (Sev 4)"},
    {"words.status.scheduled", "Scheduled"},
    {"words.status.in_progress", "In progress"},
    {"words.status.completed", "Completed"},
    {"words.status.cancelled", "Cancelled"},
    {"words.fee.month", "monthly fee"},
    {"words.fee.quarter", "quarterly fee"},
    {"words.fee.year", "annual fee"},
    {"words.fee.range", "fee for the period"},
    {"words.verdict.met", "MET"},
    {"words.verdict.breached", "BREACHED"},
    {"words.verdict.met_provisional", "MET SO FAR"},
    {"words.verdict.breached_provisional", "BELOW SO FAR"},
    {"words.verdict.no_data", "NO DATA"},
    {"words.none.not_counted_announced",
     "none (announced in time, within its window)"},
    {"words.none.not_counted_hours", "none (outside service hours)"},
    {"words.none.not_counted_no_impact", "none (no impact on service)"},
    {"words.none.no_update", "none (no update was posted)"},
    {"words.none.no_notice", "none (no notice given)"},
    {"text.incidents_summary",
     "{incidents} incidents affected your services; they were resolved in "
     "{mttr} on average."},
    {"text.no_incidents", "No incident affected your services."},
    {"text.compare",
     "Previous period ({prev_period}): {prev_availability}, {prev_incidents} "
     "incidents."},
    {"text.compare_none", "Previous period ({prev_period}): no data."},
    {"text.trend_no_data",
     "Periods without a point have no data: the records start on "
     "{data_start}."},
    {"text.policy",
     "Availability is measured in {timezone} over {hours}. A major outage "
     "counts in full, a partial outage at {partial_weight} and degraded "
     "performance at {degraded_weight} of its duration; overlapping "
     "incidents count once, at the worst level. Planned maintenance "
     "announced at least {notice_days} days ahead is excluded from the "
     "measured time within its announced window; work outside that "
     "window, and maintenance announced later, counts as an outage. "
     "Figures as of {as_of}."},
    {"mail.subject", "{title} {period}: {client}"},
    {"mail.body",
     "Hello,\n\nattached is the service availability report of {client} "
     "for {period}, with the root-cause and post-maintenance reports of the "
     "period.\n\nAvailability: {availability} against a target of "
     "{target} ({verdict}).\nIncidents: {incidents}. Service credit: "
     "{credit}.\n\nKind regards,\n{company}\n"},
    {"text.communication",
     "We promised an update at least every {interval} during an incident. "
     "The first update came {first_update} after the start on average; "
     "{breaches} of {incidents} incidents had a longer silence."},
    {"text.site_title", "Service status"},
    {"text.site_ok", "All services are operating normally."},
    {"text.site_incident",
     "Incidents in progress on your services: {ongoing}. We are working on "
     "them."},
    {"text.site_maintenance",
     "Planned maintenance in progress: {in_progress} window(s)."},
    {"text.site_period", "Last {days} days"},
    {"text.site_day",
     "{date}: {status}. Availability {availability} (target {target}), "
     "downtime {downtime}."},
    {"text.site_day_maint",
     "{date}: {status}. Availability {availability} (target {target}), "
     "downtime {downtime}, planned maintenance excluded {excluded}."},
    {"text.site_day_na", "{date}: {status}. No measured time."},
    {"text.site_notice",
     "Announced {lead} days ahead; the policy asks {notice_days} days."},
    {"text.site_notice_none",
     "No notice was given; the policy asks {notice_days} days."},
    {"words.day.met", "Target met"},
    {"words.day.within", "Below target, within twice the error budget"},
    {"words.day.breached", "Target breached"},
    {"words.day.no_data", "No measured time"},
    {"words.day.maintenance", "Planned maintenance"},
    {NULL, NULL}};

/* Copy the strings of object v into flat under dotted keys. Fails with
 * AFT_EINVALID on a string longer than AFT_TEMPLATE_MAX_TEXT bytes: the
 * company name goes into the PDF's metadata, whose strings libharu caps
 * at 64 KB, and no wording needs more. */
static int
flatten(json_t *flat, const char *prefix, json_t *v, const char *path,
        aft_error *err)
{
    const char *k;
    json_t *x;
    char key[256];
    int rc;

    json_object_foreach(v, k, x)
    {
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", k);
        if (json_is_object(x)) {
            if ((rc = flatten(flat, key, x, path, err)) < 0)
                return rc;
        } else if (json_is_string(x)) {
            if (json_string_length(x) > AFT_TEMPLATE_MAX_TEXT)
                return aft_error_set(err, AFT_EINVALID,
                                     "%s: '%s' is %zu bytes long (at most %d)",
                                     path, key, json_string_length(x),
                                     AFT_TEMPLATE_MAX_TEXT);
            json_object_set(flat, key, x);
        }
    }
    return AFT_OK;
}

/* Read the logo at path into t: a regular file (opened without blocking,
 * so a FIFO cannot hang the load) of at most AFT_TEMPLATE_MAX_LOGO bytes,
 * a PNG of at most AFT_TEMPLATE_MAX_PIXELS pixels a side (by its IHDR),
 * so that decoding it stays small. */
static int
read_logo(aft_template *t, const char *path, aft_error *err)
{
    static const unsigned char sig[8] = {0x89, 'P',  'N',  'G',
                                         '\r', '\n', 0x1A, '\n'};
    struct stat st;
    const unsigned char *u;
    unsigned long w, h;
    ssize_t n = 0;
    int fd, rc = AFT_OK;

    if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)) < 0)
        return aft_error_set(err, AFT_EIO, "template logo '%s': %s", path,
                             errno == ENOENT ? "not found" : strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        rc = aft_error_set(err, AFT_EINVALID,
                           "template logo '%s' is not a regular file", path);
    else if (st.st_size > AFT_TEMPLATE_MAX_LOGO)
        rc = aft_error_set(err, AFT_EINVALID,
                           "template logo '%s' is %lld bytes (at most %d)",
                           path, (long long)st.st_size, AFT_TEMPLATE_MAX_LOGO);
    else if ((t->png = malloc((size_t)st.st_size + 1)) == NULL)
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory");
    while (rc == AFT_OK && (size_t)n < (size_t)st.st_size) {
        ssize_t k = read(fd, t->png + n, (size_t)st.st_size - (size_t)n);
        if (k <= 0)
            rc = aft_error_set(err, AFT_EIO, "cannot read '%s': %s", path,
                               k < 0 ? strerror(errno) : "file shrank");
        n += k > 0 ? k : 0;
    }
    close(fd);
    if (rc < 0)
        return rc;
    t->png_size = (size_t)n;
    u = t->png;
    if (n < 24 || memcmp(u, sig, 8) != 0 || memcmp(u + 12, "IHDR", 4) != 0)
        return aft_error_set(err, AFT_EINVALID,
                             "template logo '%s' is not a PNG file", path);
    w = (unsigned long)u[16] << 24 | (unsigned long)u[17] << 16
        | (unsigned long)u[18] << 8 | u[19];
    h = (unsigned long)u[20] << 24 | (unsigned long)u[21] << 16
        | (unsigned long)u[22] << 8 | u[23];
    if (w > AFT_TEMPLATE_MAX_PIXELS || h > AFT_TEMPLATE_MAX_PIXELS)
        return aft_error_set(err, AFT_EINVALID,
                             "template logo '%s' is %lux%lu pixels (at most "
                             "%dx%d)",
                             path, w, h, AFT_TEMPLATE_MAX_PIXELS,
                             AFT_TEMPLATE_MAX_PIXELS);
    return AFT_OK;
}

/* template.json of dir and its logo into t. */
static int
load_dir(aft_template *t, const char *dir, aft_error *err)
{
    char path[1024];
    json_error_t jerr;
    json_t *doc;
    const char *logo;
    int rc;

    snprintf(path, sizeof path, "%s/template.json", dir);
    if ((doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
        return aft_json_error_is_oom(&jerr)
                   ? aft_error_set(err, AFT_ENOMEM, "%s: out of memory", path)
                   : aft_error_set(err, AFT_EINVALID, "%s:%d: %s", path,
                                   jerr.line, aft_json_error_text(&jerr));
    rc = flatten(t->flat, "", doc, path, err);
    json_decref(doc);
    if (rc < 0)
        return rc;
    if ((logo = aft_template_get(t, "logo")) != NULL && *logo != '\0') {
        snprintf(path, sizeof path, "%s%s%s", logo[0] == '/' ? "" : dir,
                 logo[0] == '/' ? "" : "/", logo);
        if ((rc = read_logo(t, path, err)) < 0)
            return rc;
        if ((t->logo = strdup(path)) == NULL)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    return AFT_OK;
}

int
aft_template_load(aft_template **out, const char *dir, aft_error *err)
{
    aft_template *t = calloc(1, sizeof *t);
    int rc;

    *out = NULL;
    if (t == NULL || (t->flat = json_object()) == NULL) {
        free(t);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    if (dir != NULL && (rc = load_dir(t, dir, err)) < 0) {
        aft_template_free(t);
        return rc;
    }
    *out = t;
    return AFT_OK;
}

const unsigned char *
aft_template_logo(const aft_template *t, size_t *size)
{
    *size = t->png_size;
    return t->png;
}

void
aft_template_free(aft_template *t)
{
    if (t == NULL)
        return;
    json_decref(t->flat);
    free(t->logo);
    free(t->png);
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

    /* "mail.subject": a key of its own; "summary_met": under "text.". */
    snprintf(key, sizeof key, "%s%s", strchr(name, '.') ? "" : "text.", name);
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
