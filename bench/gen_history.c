/*
 * gen_history.c - write a large synthetic NDJSON history for benchmarks:
 * 20 services, 200 clients in several zones, and incidents (one an
 * impact and two updates each) plus maintenances filling the rest of
 * the requested number of lines, spread over 2022-2026.
 *
 * usage: gen_history LINES [CLIENTS] > history.ndjson   (CLIENTS: 200)
 */
#include <stdio.h>
#include <stdlib.h>

#include "aftercast/instant.h"

static const char *const ZONES[] = {
    "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
    "Australia/Lord_Howe", "Asia/Tokyo", "America/Sao_Paulo",
    "Pacific/Auckland",
};
static unsigned long long state = 88172645463325252ull;

/* xorshift64: a fixed, fast sequence so that runs are comparable. */
static unsigned long long
rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static const char *const LEVELS[] = {
    "major_outage", "partial_outage", "degraded_performance"
};

int
main(int argc, char **argv)
{
    long lines = argc > 1 ? atol(argv[1]) : 1000000, n = 0, i;
    int clients = argc > 2 ? atoi(argv[2]) : 200;
    int64_t t0 = aft_days_from_civil(2022, 1, 1) * 86400;
    int64_t span = (aft_days_from_civil(2026, 11, 1) * 86400) - t0;
    char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ], c[AFT_INSTANT_BUFSZ];
    char d[AFT_INSTANT_BUFSZ];
    int s, k;

    for (s = 0; s < 20 && n < lines; s++, n++)
        printf("{\"kind\": \"service\", \"id\": \"svc%02d\", \"name\": "
               "\"Service %d\"}\n", s, s);
    for (k = 0; k < clients && n < lines; k++, n++) {
        printf("{\"kind\": \"client\", \"id\": \"client%04d\", \"name\": "
               "\"Client %d\", \"timezone\": \"%s\", \"sla_target\": 99.9, "
               "\"credits\": [{\"below\": 99.9, \"credit\": 10}], "
               "\"services\": [", k, k, ZONES[k % 8]);
        for (s = 0; s < 8; s++)
            printf("%s\"svc%02d\"", s ? ", " : "", (k + s * 3) % 20);
        printf("]}\n");
    }
    for (i = 0; n < lines; i++, n++) {
        int64_t start = t0 + (int64_t)(rnd() % (unsigned long long)span);
        int64_t len = 60 + (int64_t)(rnd() % 14400);
        if (i % 500 == 499) {
            printf("{\"kind\": \"maintenance\", \"id\": \"m%07ld\", "
                   "\"title\": \"Planned work\", \"services\": [\"svc%02d\"],"
                   " \"scheduled_start\": \"%s\", \"scheduled_end\": \"%s\","
                   " \"notified_at\": \"%s\"}\n", i,
                   (int)(rnd() % 20), aft_instant_format(a, start),
                   aft_instant_format(b, start + 7200),
                   aft_instant_format(c, start - 86400 * (int64_t)(rnd() % 30)));
            continue;
        }
        printf("{\"kind\": \"incident\", \"id\": \"i%07ld\", \"title\": "
               "\"Incident %ld\", \"severity\": \"sev%d\", \"started_at\": "
               "\"%s\", \"resolved_at\": \"%s\", \"impacts\": [{\"service\": "
               "\"svc%02d\", \"level\": \"%s\"}], \"updates\": [{\"at\": "
               "\"%s\", \"status\": \"investigating\", \"body\": \"Looking "
               "into it.\"}, {\"at\": \"%s\", \"status\": \"resolved\", "
               "\"body\": \"Fixed.\"}]}\n", i, i, (int)(rnd() % 4) + 1,
               aft_instant_format(a, start), aft_instant_format(b, start + len),
               (int)(rnd() % 20), LEVELS[rnd() % 3],
               aft_instant_format(c, start + 300),
               aft_instant_format(d, start + len));
    }
    return 0;
}
