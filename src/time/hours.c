/*
 * hours.c - weekly service hours and holidays, turned into UTC intervals.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aftercast/hours.h"
#include "aftercast/instant.h"
#include "base/error.h"

static const char *const DAYS[] = {"mon", "tue", "wed", "thu",
                                   "fri", "sat", "sun"};

static int
day_index(const char *s, size_t n)
{
    int i;

    if (n != 3)
        return -1;
    for (i = 0; i < 7; i++)
        if (strncasecmp(DAYS[i], s, 3) == 0)
            return i;
    return -1;
}

/* Days part: "daily", "mon", "mon-fri", "mon,wed,fri-sun". */
static int
parse_days(uint8_t *mask, const char *s, size_t n)
{
    size_t i = 0;

    *mask = 0;
    if (n == 5 && strncasecmp(s, "daily", 5) == 0) {
        *mask = 0x7f;
        return 0;
    }
    while (i < n) {
        size_t j = i;
        int a, b;

        while (j < n && s[j] != ',' && s[j] != '-')
            j++;
        if ((a = day_index(s + i, j - i)) < 0)
            return -1;
        b = a;
        if (j < n && s[j] == '-') {
            size_t k = ++j;
            while (j < n && s[j] != ',')
                j++;
            if ((b = day_index(s + k, j - k)) < 0)
                return -1;
        }
        for (;;) {
            *mask |= (uint8_t)(1u << a);
            if (a == b)
                break;
            a = (a + 1) % 7;
        }
        i = j + (j < n); /* skip the comma */
        if (j < n && j + 1 == n)
            return -1; /* trailing comma */
    }
    return *mask ? 0 : -1;
}

static int
parse_hhmm(const char **p, int32_t *min)
{
    const char *s = *p;
    int h, m;

    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1])
        || s[2] != ':' || !isdigit((unsigned char)s[3])
        || !isdigit((unsigned char)s[4]))
        return -1;
    h = (s[0] - '0') * 10 + (s[1] - '0');
    m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    *min = h * 60 + m;
    *p = s + 5;
    return 0;
}

int
aft_hours_parse(aft_hours_range *out, const char *spec, aft_error *err)
{
    const char *p = spec, *sp;

    if (spec == NULL || (sp = strchr(spec, ' ')) == NULL)
        goto bad;
    if (parse_days(&out->days, spec, (size_t)(sp - spec)) < 0)
        goto bad;
    p = sp;
    while (*p == ' ')
        p++;
    if (parse_hhmm(&p, &out->start_min) < 0 || *p++ != '-'
        || parse_hhmm(&p, &out->end_min) < 0 || *p != '\0'
        || out->start_min == out->end_min || out->start_min == 1440)
        goto bad;
    return AFT_OK;
bad:
    return aft_error_set(err, AFT_EINVALID,
                         "invalid service hours '%s' (want e.g. "
                         "\"mon-fri 08:00-18:00\")",
                         spec ? spec : "");
}

static int64_t
floor_day(int64_t t)
{
    return t / 86400 - (t % 86400 < 0);
}

int
aft_hours_measured(aft_ivlist *out, const aft_hours_range *ranges,
                   size_t n_ranges, const int64_t *holidays, size_t n_holidays,
                   const aft_tz *tz, aft_interval w, aft_error *err)
{
    aft_ivlist on = {0}, off = {0};
    int64_t d, first, last;
    size_t i, n;
    int rc = AFT_ENOMEM;

    if (w.end <= w.start)
        return AFT_OK;
    /* Local days that can touch w, with a day's margin for offsets. */
    first = floor_day(w.start) - 2;
    last = floor_day(w.end) + 2;
    if (n_ranges == 0) {
        if (aft_ivlist_push(&on, w.start, w.end) < 0)
            goto done;
    } else {
        for (d = first; d <= last; d++) {
            int wd = aft_weekday(d);
            for (i = 0; i < n_ranges; i++) {
                int64_t s, e;
                if (!(ranges[i].days & (1u << wd)))
                    continue;
                s = d * 86400 + ranges[i].start_min * 60;
                e = d * 86400 + ranges[i].end_min * 60;
                if (ranges[i].end_min < ranges[i].start_min)
                    e += 86400;
                if (aft_ivlist_push(&on, aft_tz_local_to_utc(tz, s),
                                    aft_tz_local_to_utc(tz, e))
                    < 0)
                    goto done;
            }
        }
    }
    for (i = 0; i < n_holidays; i++) {
        if (holidays[i] < first || holidays[i] > last)
            continue;
        if (aft_ivlist_push(&off, aft_tz_local_to_utc(tz, holidays[i] * 86400),
                            aft_tz_local_to_utc(tz, (holidays[i] + 1) * 86400))
            < 0)
            goto done;
    }
    on.n = aft_iv_normalize(on.v, on.n);
    on.n = aft_iv_clip(on.v, on.n, w.start, w.end);
    off.n = aft_iv_normalize(off.v, off.n);
    if (aft_ivlist_reserve(out, on.n + off.n) < 0)
        goto done;
    n = aft_iv_subtract(out->v + out->n, on.v, on.n, off.v, off.n);
    out->n += n;
    rc = AFT_OK;
done:
    aft_ivlist_free(&on);
    aft_ivlist_free(&off);
    if (rc < 0)
        aft_error_set(err, rc, "out of memory computing service hours");
    return rc;
}
