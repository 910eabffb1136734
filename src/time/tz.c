/*
 * tz.c - TZif (RFC 8536) reader and POSIX TZ rule evaluation.
 *
 * Offsets come from the file's 64-bit transition table; past its last
 * transition the footer's POSIX TZ string (such as
 * "CET-1CEST,M3.5.0,M10.5.0/3") extends the rules to any year.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/instant.h"
#include "aftercast/tz.h"
#include "base/error.h"

#define MAX_TZFILE (1 << 20)

typedef struct tz_rule_date {
    char kind;    /* 'J' (1..365, no Feb 29), 'D' (0..365), 'M' */
    int a, b, c;  /* day, or month/week/weekday */
    int32_t time; /* seconds after local midnight */
} tz_rule_date;

typedef struct tz_rule {
    int valid;
    int32_t std_off, dst_off; /* east positive */
    int has_dst;
    tz_rule_date start, end;
} tz_rule;

struct aft_tz {
    char name[128];
    size_t n_trans, n_types;
    int64_t *trans;      /* ascending transition instants */
    uint8_t *trans_type; /* index into utoff for each transition */
    int32_t *utoff;      /* per type */
    tz_rule rule;        /* footer, used past the last transition */
};

static int64_t
be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    int i;

    for (i = 0; i < n; i++)
        v = (v << 8) | p[i];
    if (n == 4)
        return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

/* ------------------------------------------------------------------ */
/* POSIX TZ strings                                                    */

static const char *
rule_name(const char *p)
{
    if (*p == '<') {
        while (*p && *p != '>')
            p++;
        return *p == '>' ? p + 1 : NULL;
    }
    if (!isalpha((unsigned char)*p))
        return NULL;
    while (isalpha((unsigned char)*p))
        p++;
    return p;
}

/* Digits at *p (advanced past them) as a number of at most max; -1
 * when there are none or it is larger. */
static long
field(const char **p, long max)
{
    long v = 0;

    if (!isdigit((unsigned char)**p))
        return -1;
    while (isdigit((unsigned char)**p)) {
        if (v <= max)
            v = v * 10 + (**p - '0');
        (*p)++;
    }
    return v <= max ? v : -1;
}

/* [+-]hh[:mm[:ss]] into seconds; NULL on error. */
static const char *
rule_hms(const char *p, int32_t *out)
{
    int sign = 1, h = 0, m = 0, s = 0;

    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    if (!isdigit((unsigned char)*p))
        return NULL;
    h = (int)field(&p, 167); /* RFC 8536: rule times reach 167 hours */
    if (*p == ':') {
        p++;
        m = (int)field(&p, 59);
        if (*p == ':') {
            p++;
            s = (int)field(&p, 59);
        }
    }
    if (h < 0 || m < 0 || s < 0)
        return NULL;
    *out = sign * (h * 3600 + m * 60 + s);
    return p;
}

static const char *
rule_date(const char *p, tz_rule_date *d)
{
    d->time = 7200;
    if (*p == 'M') {
        d->kind = 'M';
        d->a = (int)strtol(p + 1, (char **)&p, 10);
        if (*p++ != '.')
            return NULL;
        d->b = (int)strtol(p, (char **)&p, 10);
        if (*p++ != '.')
            return NULL;
        d->c = (int)strtol(p, (char **)&p, 10);
        if (d->a < 1 || d->a > 12 || d->b < 1 || d->b > 5 || d->c < 0
            || d->c > 6)
            return NULL;
    } else if (*p == 'J') {
        d->kind = 'J';
        d->a = (int)strtol(p + 1, (char **)&p, 10);
    } else if (isdigit((unsigned char)*p)) {
        d->kind = 'D';
        d->a = (int)strtol(p, (char **)&p, 10);
    } else {
        return NULL;
    }
    if (*p == '/')
        p = rule_hms(p + 1, &d->time);
    return p;
}

static int
rule_parse(tz_rule *r, const char *p)
{
    int32_t off;

    memset(r, 0, sizeof *r);
    if ((p = rule_name(p)) == NULL || (p = rule_hms(p, &off)) == NULL)
        return -1;
    r->std_off = -off;
    if (*p == '\0') {
        r->valid = 1;
        return 0;
    }
    if ((p = rule_name(p)) == NULL)
        return -1;
    r->has_dst = 1;
    r->dst_off = r->std_off + 3600;
    if (*p != ',' && *p != '\0') {
        if ((p = rule_hms(p, &off)) == NULL)
            return -1;
        r->dst_off = -off;
    }
    if (*p == '\0') { /* no rule given: the US rules, as POSIX says */
        r->start = (tz_rule_date){'M', 3, 2, 0, 7200};
        r->end = (tz_rule_date){'M', 11, 1, 0, 7200};
        r->valid = 1;
        return 0;
    }
    if (*p++ != ',' || (p = rule_date(p, &r->start)) == NULL || *p++ != ','
        || (p = rule_date(p, &r->end)) == NULL || *p != '\0')
        return -1;
    r->valid = 1;
    return 0;
}

/* Local day number of a rule date in year y. */
static int64_t
rule_day(const tz_rule_date *d, int64_t y)
{
    int64_t jan1 = aft_days_from_civil(y, 1, 1), first;
    unsigned dim;
    int leap = aft_days_in_month(y, 2) == 29;

    switch (d->kind) {
    case 'J':
        return jan1 + d->a - 1 + (leap && d->a >= 60);
    case 'D':
        return jan1 + d->a;
    default:
        first = aft_days_from_civil(y, (unsigned)d->a, 1);
        /* POSIX weekday: 0 = Sunday; aft_weekday: 0 = Monday. */
        first += ((d->c + 6) % 7 - aft_weekday(first) + 7) % 7;
        first += 7 * (d->b - 1);
        dim = aft_days_in_month(y, (unsigned)d->a);
        while (first >= aft_days_from_civil(y, (unsigned)d->a, 1) + dim)
            first -= 7;
        return first;
    }
}

static int32_t
rule_offset(const tz_rule *r, int64_t t)
{
    int64_t y, start, end, days;
    unsigned m, d;
    int in_dst;

    if (!r->has_dst)
        return r->std_off;
    days = (t + r->std_off) / 86400 - ((t + r->std_off) % 86400 < 0);
    aft_civil_from_days(days, &y, &m, &d);
    /* The start is read in standard time, the end in daylight time. */
    start = rule_day(&r->start, y) * 86400 + r->start.time - r->std_off;
    end = rule_day(&r->end, y) * 86400 + r->end.time - r->dst_off;
    if (start < end)
        in_dst = t >= start && t < end;
    else
        in_dst = !(t >= end && t < start);
    return in_dst ? r->dst_off : r->std_off;
}

/* ------------------------------------------------------------------ */
/* TZif                                                                */

static int
valid_name(const char *name)
{
    const char *p;

    if (name == NULL || *name == '\0' || *name == '/' || strlen(name) > 100
        || strstr(name, "..") != NULL)
        return 0;
    for (p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && strchr("/_+-", *p) == NULL)
            return 0;
    return 1;
}

/* Read the six counts of a TZif header at h: 0, or -1 when one is
 * negative or larger than the whole file (none can be, in a real one),
 * so that sizes computed from them cannot overflow. */
static int
read_counts(int64_t cnt[6], const unsigned char *h, size_t len)
{
    size_t i;

    for (i = 0; i < 6; i++) {
        cnt[i] = be(h + 20 + 4 * i, 4);
        if (cnt[i] < 0 || (uint64_t)cnt[i] > len)
            return -1;
    }
    return 0;
}

static int
parse_tzif(aft_tz *tz, const unsigned char *buf, size_t len)
{
    const unsigned char *p = buf, *end = buf + len;
    int64_t cnt[6];
    size_t i, v1size;
    int version;

    if (len < 44 || memcmp(buf, "TZif", 4) != 0)
        return -1;
    version = buf[4];
    if (read_counts(cnt, buf, len) < 0)
        return -1;
    v1size = (size_t)(cnt[3] * 5 + cnt[4] * 6 + cnt[5] + cnt[2] * 8 + cnt[1]
                      + cnt[0]);
    if (version >= '2') {
        if (v1size > len - 44 || len - 44 - v1size < 44)
            return -1;
        p = buf + 44 + v1size;
        if (memcmp(p, "TZif", 4) != 0 || read_counts(cnt, p, len) < 0)
            return -1;
        p += 44;
    } else {
        p = buf + 44;
    }
    {
        int tsize = version >= '2' ? 8 : 4;
        size_t need = (size_t)(cnt[3] * (tsize + 1) + cnt[4] * 6 + cnt[5]
                               + cnt[2] * (tsize + 4) + cnt[1] + cnt[0]);

        if (cnt[4] < 1 || cnt[4] > 256 || (size_t)(end - p) < need)
            return -1;
        tz->n_trans = (size_t)cnt[3];
        tz->n_types = (size_t)cnt[4];
        tz->trans = calloc(tz->n_trans + 1, sizeof *tz->trans);
        tz->trans_type = calloc(tz->n_trans + 1, 1);
        tz->utoff = calloc(tz->n_types, sizeof *tz->utoff);
        if (!tz->trans || !tz->trans_type || !tz->utoff)
            return -2;
        for (i = 0; i < tz->n_trans; i++)
            tz->trans[i] = be(p + i * tsize, tsize);
        p += tz->n_trans * tsize;
        for (i = 0; i < tz->n_trans; i++) {
            tz->trans_type[i] = p[i];
            if (p[i] >= tz->n_types)
                return -1;
        }
        p += tz->n_trans;
        for (i = 0; i < tz->n_types; i++)
            tz->utoff[i] = (int32_t)be(p + 6 * i, 4);
        p += need - tz->n_trans * (tsize + 1);
    }
    /* Footer: "\nPOSIX-TZ\n" (v2+). */
    if (version >= '2' && p < end && *p == '\n') {
        const unsigned char *nl = memchr(p + 1, '\n', (size_t)(end - p - 1));
        char footer[256];

        if (nl != NULL && (size_t)(nl - p - 1) < sizeof footer) {
            memcpy(footer, p + 1, (size_t)(nl - p - 1));
            footer[nl - p - 1] = '\0';
            if (footer[0] != '\0' && rule_parse(&tz->rule, footer) < 0)
                tz->rule.valid = 0;
        }
    }
    return 0;
}

int
aft_tz_load(aft_tz **out, const char *name, aft_error *err)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    unsigned char *buf = NULL;
    size_t len;
    FILE *fp;
    aft_tz *tz;
    int rc;

    *out = NULL;
    if (!valid_name(name))
        return aft_error_set(err, AFT_EINVALID, "invalid time zone name '%s'",
                             name ? name : "");
    snprintf(path, sizeof path, "%s/%s",
             dir && *dir ? dir : "/usr/share/zoneinfo", name);
    if ((fp = fopen(path, "rb")) == NULL)
        return aft_error_set(err, AFT_ENOTFOUND, "unknown time zone '%s'",
                             name);
    if ((tz = calloc(1, sizeof *tz)) == NULL
        || (buf = malloc(MAX_TZFILE)) == NULL) {
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory loading '%s'", name);
        goto done;
    }
    len = fread(buf, 1, MAX_TZFILE, fp);
    snprintf(tz->name, sizeof tz->name, "%s", name);
    switch (parse_tzif(tz, buf, len)) {
    case 0:
        rc = AFT_OK;
        break;
    case -2:
        rc = aft_error_set(err, AFT_ENOMEM, "out of memory loading '%s'", name);
        break;
    default:
        rc = aft_error_set(err, AFT_ENOTFOUND, "unknown time zone '%s'", name);
    }
done:
    fclose(fp);
    free(buf);
    if (rc < 0)
        aft_tz_free(tz);
    else
        *out = tz;
    return rc;
}

void
aft_tz_free(aft_tz *tz)
{
    if (tz == NULL)
        return;
    free(tz->trans);
    free(tz->trans_type);
    free(tz->utoff);
    free(tz);
}

const char *
aft_tz_name(const aft_tz *tz)
{
    return tz->name;
}

int32_t
aft_tz_offset(const aft_tz *tz, int64_t t)
{
    size_t lo = 0, hi = tz->n_trans;

    if (tz->n_trans == 0 || t < tz->trans[0])
        return tz->n_trans == 0 && tz->rule.valid ? rule_offset(&tz->rule, t)
                                                  : tz->utoff[0];
    if (t >= tz->trans[tz->n_trans - 1] && tz->rule.valid)
        return rule_offset(&tz->rule, t);
    while (hi - lo > 1) { /* last transition <= t */
        size_t mid = lo + (hi - lo) / 2;
        if (tz->trans[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return tz->utoff[tz->trans_type[lo]];
}

int64_t
aft_tz_local_to_utc(const aft_tz *tz, int64_t local)
{
    /* Offsets lie within +-26 h, and changes are far more than a day
     * apart, so the offsets a day either side bracket any change. */
    int32_t before = aft_tz_offset(tz, local - 2 * 86400);
    int32_t after = aft_tz_offset(tz, local + 2 * 86400);

    if (before == after || aft_tz_offset(tz, local - before) == before)
        return local - before;
    if (aft_tz_offset(tz, local - after) == after)
        return local - after;
    return local - before; /* in a gap: the offset before the change */
}
