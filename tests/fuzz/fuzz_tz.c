/*
 * fuzz_tz.c - the time-zone file reader on any bytes: the input is
 * written as the zone Fuzz under a TZDIR of its own and loaded by name,
 * then asked for offsets and local-to-UTC conversions across years 0001
 * to 9999.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aftercast/instant.h"
#include "aftercast/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], zone[96];

static void
remove_zone(void)
{
    unlink(zone);
    rmdir(dir);
}

/* The TZDIR of this process, made once. */
static int
make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/aft-fuzz-tz-XXXXXX");
    if (mkdtemp(dir) == NULL || setenv("TZDIR", dir, 1) != 0)
        return -1;
    snprintf(zone, sizeof zone, "%s/Fuzz", dir);
    atexit(remove_zone);
    return 0;
}

static int
write_zone(const uint8_t *data, size_t size)
{
    FILE *fp;

    if (dir[0] == '\0' && make_dir() < 0)
        return -1;
    if ((fp = fopen(zone, "wb")) == NULL)
        return -1;
    if (size > 0 && fwrite(data, 1, size, fp) != size) {
        fclose(fp);
        return -1;
    }
    return fclose(fp) == 0 ? 0 : -1;
}

/* Offsets at the first and last instants of the years instants may take,
 * and every 61 days from 1900 to 2100 (DST rules and transitions). */
static void
ask(const aft_tz *tz)
{
    static const int64_t edges[] = {
        -62135596800,        -62135596800 + 3600, 0,
        253402300799 - 3600, 253402300799,        1700000000};
    char buf[AFT_INSTANT_BUFSZ];
    int64_t t, sum = 0;
    size_t i;

    for (i = 0; i < sizeof edges / sizeof edges[0]; i++)
        sum += aft_tz_offset(tz, edges[i])
               + aft_tz_local_to_utc(tz, edges[i]) % 7;
    for (t = aft_day_start(aft_days_from_civil(1900, 1, 1));
         t < aft_day_start(aft_days_from_civil(2100, 1, 1));
         t += aft_day_start(61) + 3599) {
        sum += aft_tz_offset(tz, t) + aft_tz_local_to_utc(tz, t) % 7;
        sum += (int64_t)strlen(aft_local_format(buf, tz, t));
    }
    if (sum == 42)
        fprintf(stderr, "%s\n", aft_tz_name(tz)); /* keeps sum */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    aft_tz *tz;

    if (write_zone(data, size) < 0)
        return 0;
    if (aft_tz_load(&tz, "Fuzz", NULL) == AFT_OK) {
        ask(tz);
        aft_tz_free(tz);
    }
    return 0;
}
