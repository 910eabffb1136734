/*
 * fuzz_instant.c - the instant and date parsers on any text: parsed with
 * no zone and in Europe/Berlin, then formatted (UTC, local, duration).
 *
 * With AFT_FUZZ_ROUNDTRIP=1 in the environment what parses must parse
 * again, to the same value, from its formatted text; a failure aborts.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/instant.h"
#include "aftercast/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static aft_tz *berlin;
static int roundtrip;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *rt = getenv("AFT_FUZZ_ROUNDTRIP");

    (void)argc;
    (void)argv;
    roundtrip = rt != NULL && strcmp(rt, "1") == 0;
    if (aft_tz_load(&berlin, "Europe/Berlin", NULL) != AFT_OK)
        berlin = NULL;
    return 0;
}

static void
fail(const char *what, const char *text, const char *formatted)
{
    fprintf(stderr,
            "fuzz: %s '%s' formats as '%s', which does not parse "
            "back\n",
            what, text, formatted);
    abort();
}

static void
instant(const char *s, const aft_tz *tz)
{
    char buf[AFT_INSTANT_BUFSZ], dur[32];
    aft_error err;
    int64_t t, again;

    if (aft_instant_parse(&t, s, tz, &err) != AFT_OK)
        return;
    aft_instant_format(buf, t);
    aft_duration_format(dur, (double)t);
    if (tz != NULL)
        aft_local_format(dur, tz, t);
    if (roundtrip
        && (aft_instant_parse(&again, buf, NULL, NULL) != AFT_OK || again != t))
        fail("instant", s, buf);
}

static void
date(const char *s)
{
    char buf[AFT_INSTANT_BUFSZ];
    aft_error err;
    int64_t d, again;

    if (aft_date_parse(&d, s, &err) != AFT_OK)
        return;
    aft_date_format(buf, d);
    (void)aft_weekday(d);
    if (roundtrip
        && (aft_date_parse(&again, buf, NULL) != AFT_OK || again != d))
        fail("date", s, buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    instant(s, NULL);
    instant(s, berlin);
    date(s);
    free(s);
    return 0;
}
