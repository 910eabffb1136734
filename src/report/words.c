/*
 * words.c - what reports print for people: instants as local dates with
 * their zone, durations in words, levels, severities, statuses and fees
 * in the template's words.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "aftercast/report_common.h"
#include "aftercast/report_maintenance.h"

static const char *const MONTHS[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

char *
aft_report_when_utc(char *buf, int64_t t)
{
    int64_t day = aft_day_of(t), y, secs = t - aft_day_start(day);
    unsigned m, d;

    aft_civil_from_days(day, &y, &m, &d);
    snprintf(buf, AFT_WHEN_BUFSZ, "%u %s %d, %02d:%02d (UTC)", d, MONTHS[m - 1],
             (int)y, (int)(secs / 3600), (int)(secs / 60 % 60));
    return buf;
}

char *
aft_report_when(char *buf, const aft_tz *tz, int64_t t)
{
    int32_t off = aft_tz_offset(tz, t);
    int64_t local = t + off, day = aft_day_of(local), y;
    int64_t secs = local - aft_day_start(day);
    unsigned m, d;
    int a = off < 0 ? -off : off;

    aft_civil_from_days(day, &y, &m, &d);
    snprintf(buf, AFT_WHEN_BUFSZ, "%u %s %d, %02d:%02d (%s, UTC%c%02d:%02d)", d,
             MONTHS[m - 1], (int)y, (int)(secs / 3600), (int)(secs / 60 % 60),
             aft_tz_name(tz), off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    return buf;
}

char *
aft_report_when_short(char *buf, const aft_tz *tz, int64_t t)
{
    int64_t local = tz != NULL ? t + aft_tz_offset(tz, t) : t;
    int64_t day = aft_day_of(local), y, secs = local - aft_day_start(day);
    unsigned m, d;

    aft_civil_from_days(day, &y, &m, &d);
    snprintf(buf, AFT_WHEN_BUFSZ, "%u %.3s %d, %02d:%02d (%s)", d,
             MONTHS[m - 1], (int)y, (int)(secs / 3600), (int)(secs / 60 % 60),
             tz != NULL ? aft_tz_name(tz) : "UTC");
    return buf;
}

/* "N unit" or "N units" appended to buf at *n. */
static void
unit(char *buf, size_t *n, long v, const char *name)
{
    if (v == 0 || *n >= 60)
        return;
    *n += (size_t)snprintf(buf + *n, 64 - *n, "%s%ld %s%s", *n ? " " : "", v,
                           name, v == 1 ? "" : "s");
}

char *
aft_report_duration_words(char *buf, double seconds)
{
    long s = (long)llround(fabs(seconds)), mins = s / 60;
    size_t n = 0;

    buf[0] = '\0';
    if (seconds < 0)
        buf[n++] = '-', buf[n] = '\0';
    if (s < 60) {
        snprintf(buf + n, 64 - n, "%ld second%s", s, s == 1 ? "" : "s");
        return buf;
    }
    if (seconds < 0)
        n = 0, buf[0] = '\0'; /* a sign reads badly in words: drop it */
    unit(buf, &n, mins / (AFT_DAY_SECONDS / 60), "day");
    unit(buf, &n, mins / 60 % 24, "hour");
    unit(buf, &n, mins % 60, "minute");
    return buf;
}

/* The template's "words.GROUP.NAME", else deflt. */
static const char *
word(const aft_template *t, const char *group, const char *name,
     const char *deflt)
{
    char key[96];
    const char *v;

    snprintf(key, sizeof key, "words.%s.%s", group, name);
    v = t != NULL ? aft_template_get(t, key) : NULL;
    return v != NULL && *v != '\0' ? v : deflt;
}

const char *
aft_report_level(const aft_template *t, aft_level level)
{
    return word(t, "level", aft_level_str(level), aft_level_str(level));
}

const char *
aft_report_severity(const aft_template *t, aft_severity sev)
{
    return word(t, "severity", aft_severity_str(sev), aft_severity_str(sev));
}

const char *
aft_report_mstatus(const aft_template *t, aft_mstatus st)
{
    return word(t, "status", aft_mstatus_str(st), aft_mstatus_str(st));
}

const char *
aft_report_fee(const aft_template *t, const aft_period *p)
{
    static const char *const kinds[] = {"month", "quarter", "year", "range"};
    unsigned k = (unsigned)p->kind < 4 ? (unsigned)p->kind : 3;

    return word(t, "fee", kinds[k], "fee for the period");
}

int
aft_report_period_after(const aft_period *p, int64_t as_of)
{
    /* The earliest zone is UTC+14: its local midnight comes first. */
    return aft_day_start(p->start_day) - 14 * 3600 >= as_of;
}

const char *
aft_report_maint_none(const aft_template *t, const aft_report_maint *rm)
{
    const char *why = rm->m->impact == AFT_LEVEL_NONE ? "not_counted_no_impact"
                      : rm->announced && rm->early_s == 0 && rm->overrun_s == 0
                          ? "not_counted_announced"
                          : "not_counted_hours";

    return word(t, "none", why, "none");
}
