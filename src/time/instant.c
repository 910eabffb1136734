/*
 * instant.c - ISO 8601 instants and dates: parse and format, in UTC
 * or in a zone; durations for people.
 */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aftercast/instant.h"
#include "aftercast/tz.h"
#include "base/error.h"

/* Read exactly n digits at *p; advance. Returns -1 if not digits. */
static int
digits(const char **p, int n)
{
    int v = 0, i;

    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    return v;
}

/* Parse YYYY-MM-DD at *p into a day number; advance. 0 or -1. */
static int
parse_ymd(const char **p, int64_t *days)
{
    int y, m, d;

    if ((y = digits(p, 4)) < 0 || *(*p)++ != '-' || (m = digits(p, 2)) < 1
        || m > 12 || *(*p)++ != '-' || (d = digits(p, 2)) < 1
        || (unsigned)d > aft_days_in_month(y, (unsigned)m))
        return -1;
    *days = aft_days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}

int
aft_date_parse(int64_t *out, const char *s, aft_error *err)
{
    const char *p = s;

    if (s == NULL || parse_ymd(&p, out) < 0 || *p != '\0')
        return aft_error_set(err, AFT_EINVALID,
                             "invalid date '%s' (want YYYY-MM-DD)", s ? s : "");
    return AFT_OK;
}

/* Instants are kept to years 0001-9999 in UTC, so that each formats as
 * four digits and reads back (Excel's dates stop at 9999 too). */
static int
in_years(int64_t *out, int64_t t, const char *s, aft_error *err)
{
    const int64_t lo = aft_days_from_civil(1, 1, 1) * AFT_DAY_SECONDS;
    const int64_t hi = aft_days_from_civil(10000, 1, 1) * AFT_DAY_SECONDS;

    if (t < lo || t >= hi)
        return aft_error_set(err, AFT_EINVALID,
                             "instant '%s' is outside years 0001-9999 in "
                             "UTC",
                             s);
    *out = t;
    return AFT_OK;
}

int
aft_instant_parse(int64_t *out, const char *s, const aft_tz *deflt,
                  aft_error *err)
{
    const char *p = s;
    int64_t days, local;
    int hh, mm, ss = 0, oh, om, sign;

    if (s == NULL || parse_ymd(&p, &days) < 0)
        goto bad;
    if (*p != 'T' && *p != 't' && *p != ' ')
        goto bad;
    p++;
    if ((hh = digits(&p, 2)) < 0 || hh > 23 || *p++ != ':'
        || (mm = digits(&p, 2)) < 0 || mm > 59)
        goto bad;
    if (*p == ':') {
        p++;
        if ((ss = digits(&p, 2)) < 0 || ss > 60)
            goto bad;
        if (ss == 60) /* a leap second reads as the next instant */
            ss = 59;
        if (*p == '.' || *p == ',') {
            p++;
            if (!isdigit((unsigned char)*p))
                goto bad;
            while (isdigit((unsigned char)*p))
                p++;
        }
    }
    local = days * 86400 + hh * 3600 + mm * 60 + ss;
    if (*p == 'Z' || *p == 'z') {
        if (p[1] != '\0')
            goto bad;
        return in_years(out, local, s, err);
    }
    if (*p == '+' || *p == '-') {
        sign = *p++ == '-' ? -1 : 1;
        if ((oh = digits(&p, 2)) < 0 || oh > 18)
            goto bad;
        if (*p == ':')
            p++;
        if ((om = digits(&p, 2)) < 0 || om > 59 || *p != '\0')
            goto bad;
        return in_years(out, local - sign * (oh * 3600 + om * 60), s, err);
    }
    if (*p != '\0')
        goto bad;
    if (deflt == NULL)
        return aft_error_set(err, AFT_EINVALID,
                             "instant '%s' has no UTC offset (add Z or "
                             "+HH:MM, or give --tz)",
                             s);
    return in_years(out, aft_tz_local_to_utc(deflt, local), s, err);
bad:
    return aft_error_set(err, AFT_EINVALID,
                         "invalid instant '%s' (want "
                         "YYYY-MM-DDTHH:MM[:SS]Z or with +HH:MM)",
                         s ? s : "");
}

char *
aft_instant_format(char *buf, int64_t t)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400, y;
    unsigned m, d;

    aft_civil_from_days(days, &y, &m, &d);
    snprintf(buf, AFT_INSTANT_BUFSZ, "%04" PRId64 "-%02u-%02uT%02d:%02d:%02dZ",
             y, m, d, (int)(secs / 3600), (int)(secs / 60 % 60),
             (int)(secs % 60));
    return buf;
}

char *
aft_date_format(char *buf, int64_t days)
{
    int64_t y;
    unsigned m, d;

    aft_civil_from_days(days, &y, &m, &d);
    snprintf(buf, AFT_INSTANT_BUFSZ, "%04" PRId64 "-%02u-%02u", y, m, d);
    return buf;
}

char *
aft_duration_format(char *buf, double seconds)
{
    const char *sign = seconds < 0 ? "-" : "";
    long long s = llround(fabs(seconds));

    if (s < 60)
        snprintf(buf, 32, "%s%llds", sign, s);
    else if (s < 3600)
        snprintf(buf, 32, "%s%lldm %02llds", sign, s / 60, s % 60);
    else if (s < 86400)
        snprintf(buf, 32, "%s%lldh %02lldm", sign, s / 3600, s / 60 % 60);
    else
        snprintf(buf, 32, "%s%lldd %02lldh", sign, s / 86400, s / 3600 % 24);
    return buf;
}

char *
aft_local_format(char *buf, const aft_tz *tz, int64_t t)
{
    int64_t local = t + aft_tz_offset(tz, t);
    int64_t days = local / 86400 - (local % 86400 < 0);
    int64_t secs = local - days * 86400, y;
    unsigned m, d;

    aft_civil_from_days(days, &y, &m, &d);
    snprintf(buf, AFT_INSTANT_BUFSZ, "%04" PRId64 "-%02u-%02u %02d:%02d", y, m,
             d, (int)(secs / 3600), (int)(secs / 60 % 60));
    return buf;
}
