/*
 * period.c - parse periods and place them in a time zone.
 */
#include <assert.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/instant.h"
#include "aftercast/period.h"
#include "base/error.h"

static int
all_digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static void
set_months(aft_period *out, aft_period_kind kind, int64_t y, unsigned m,
           unsigned count)
{
    unsigned em = m + count;
    int64_t ey = y + (em - 1) / 12;

    em = (em - 1) % 12 + 1;
    out->kind = kind;
    out->start_day = aft_days_from_civil(y, m, 1);
    out->end_day = aft_days_from_civil(ey, em, 1);
    switch (kind) {
    case AFT_PERIOD_MONTH:
        snprintf(out->label, sizeof out->label, "%04" PRId64 "-%02u", y, m);
        break;
    case AFT_PERIOD_QUARTER:
        snprintf(out->label, sizeof out->label, "%04" PRId64 "-Q%u", y,
                 (m - 1) / 3 + 1);
        break;
    default:
        snprintf(out->label, sizeof out->label, "%04" PRId64, y);
    }
}

int
aft_period_month(aft_period *out, const char *s, aft_error *err)
{
    int y, m;

    if (s == NULL || strlen(s) != 7 || !all_digits(s, 4) || s[4] != '-'
        || !all_digits(s + 5, 2) || sscanf(s, "%4d-%2d", &y, &m) != 2 || m < 1
        || m > 12)
        return aft_error_set(err, AFT_EINVALID,
                             "invalid month '%s' (want YYYY-MM)", s ? s : "");
    set_months(out, AFT_PERIOD_MONTH, y, (unsigned)m, 1);
    return AFT_OK;
}

int
aft_period_quarter(aft_period *out, const char *s, aft_error *err)
{
    int y;

    if (s == NULL || strlen(s) != 7 || !all_digits(s, 4) || s[4] != '-'
        || (s[5] != 'Q' && s[5] != 'q') || s[6] < '1' || s[6] > '4')
        return aft_error_set(err, AFT_EINVALID,
                             "invalid quarter '%s' (want YYYY-Qn)", s ? s : "");
    y = (int)strtol(s, NULL, 10);
    set_months(out, AFT_PERIOD_QUARTER, y, (unsigned)(s[6] - '1') * 3 + 1, 3);
    return AFT_OK;
}

int
aft_period_year(aft_period *out, const char *s, aft_error *err)
{
    if (s == NULL || strlen(s) != 4 || !all_digits(s, 4))
        return aft_error_set(err, AFT_EINVALID, "invalid year '%s' (want YYYY)",
                             s ? s : "");
    set_months(out, AFT_PERIOD_YEAR, strtol(s, NULL, 10), 1, 12);
    return AFT_OK;
}

int
aft_period_range(aft_period *out, const char *from, const char *to,
                 aft_error *err)
{
    int rc;

    if ((rc = aft_date_parse(&out->start_day, from, err)) < 0
        || (rc = aft_date_parse(&out->end_day, to, err)) < 0)
        return rc;
    if (out->end_day <= out->start_day)
        return aft_error_set(err, AFT_EINVALID,
                             "--to '%s' must be after --from '%s'", to, from);
    out->kind = AFT_PERIOD_RANGE;
    snprintf(out->label, sizeof out->label, "%s..%s", from, to);
    return AFT_OK;
}

void
aft_period_shift(aft_period *out, const aft_period *p, int n)
{
    int64_t y;
    unsigned m, d;
    int64_t months;

    if (p->kind == AFT_PERIOD_RANGE) {
        char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ];
        int64_t len = p->end_day - p->start_day;

        *out = *p;
        out->start_day += n * len;
        out->end_day += n * len;
        snprintf(out->label, sizeof out->label, "%s..%s",
                 aft_date_format(a, out->start_day),
                 aft_date_format(b, out->end_day));
        return;
    }
    aft_civil_from_days(p->start_day, &y, &m, &d);
    months = y * 12 + (m - 1);
    months += (int64_t)n
              * (p->kind == AFT_PERIOD_MONTH     ? 1
                 : p->kind == AFT_PERIOD_QUARTER ? 3
                                                 : 12);
    y = months >= 0 ? months / 12 : -((-months + 11) / 12);
    set_months(out, p->kind, y, (unsigned)(months - y * 12) + 1,
               p->kind == AFT_PERIOD_MONTH     ? 1
               : p->kind == AFT_PERIOD_QUARTER ? 3
                                               : 12);
}

void
aft_period_last(aft_period *out, aft_period_kind kind, int64_t as_of,
                const aft_tz *tz)
{
    int64_t day = aft_day_of(as_of + (tz ? aft_tz_offset(tz, as_of) : 0));
    int64_t y;
    unsigned m, d;

    assert(kind != AFT_PERIOD_RANGE);
    aft_civil_from_days(day, &y, &m, &d);
    if (kind == AFT_PERIOD_MONTH)
        set_months(out, kind, y, m, 1);
    else if (kind == AFT_PERIOD_QUARTER)
        set_months(out, kind, y, (m - 1) / 3 * 3 + 1, 3);
    else
        set_months(out, kind, y, 1, 12);
    aft_period_shift(out, out, -1);
}

void
aft_period_window(aft_interval *period, aft_interval *window,
                  const aft_period *p, const aft_tz *tz, int64_t as_of)
{
    period->start = aft_tz_local_to_utc(tz, p->start_day * 86400);
    period->end = aft_tz_local_to_utc(tz, p->end_day * 86400);
    window->start = period->start;
    window->end = as_of < period->end ? as_of : period->end;
    if (window->end < window->start)
        window->end = window->start;
}

char *
aft_period_title(char *buf, const aft_period *p)
{
    static const char *const MONTHS[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    int64_t y, y2;
    unsigned m, d, m2, d2;

    aft_civil_from_days(p->start_day, &y, &m, &d);
    switch (p->kind) {
    case AFT_PERIOD_MONTH:
        snprintf(buf, 64, "%s %" PRId64, MONTHS[m - 1], y);
        break;
    case AFT_PERIOD_QUARTER:
        snprintf(buf, 64, "Q%u %" PRId64, (m - 1) / 3 + 1, y);
        break;
    case AFT_PERIOD_YEAR:
        snprintf(buf, 64, "%" PRId64, y);
        break;
    default:
        aft_civil_from_days(p->end_day - 1, &y2, &m2, &d2);
        snprintf(buf, 64, "%u %.3s %" PRId64 " to %u %.3s %" PRId64, d,
                 MONTHS[m - 1], y, d2, MONTHS[m2 - 1], y2);
    }
    return buf;
}

aft_interval
aft_period_load_range(const aft_period *first, const aft_period *last)
{
    aft_interval r;

    r.start = aft_day_start(first->start_day - AFT_ZONE_MARGIN_DAYS);
    r.end = aft_day_start(last->end_day + AFT_ZONE_MARGIN_DAYS);
    return r;
}
