/*
 * gen_history.c - write a large synthetic NDJSON history for benchmarks:
 * 20 services, 200 clients in several zones, and incidents (one an
 * impact and two updates each) plus maintenances filling the rest of
 * the requested number of lines, spread over 2022-01-01 to 2026-11-01.
 *
 * usage: gen_history [--constant-density] LINES [CLIENTS] > history.ndjson
 *        (CLIENTS: 200)
 *
 * By default every file spans the same five years, so a larger file puts
 * more incidents into each month. With --constant-density the records keep
 * the density of the 1,000,000-line file (with the same CLIENTS) and the
 * history grows into the past instead: the records come in blocks of that
 * file's record count, the first over 2022-01-01 to 2026-11-01, each next
 * one over the same length just before the previous, the last (partial)
 * one over its share of that length. Every file ends at 2026-11-01; 100,000
 * lines start in 2026-05, 5,000,000 lines in 2002. The 1,000,000-line file
 * is byte-identical to the default one, and a larger file begins with its
 * lines, so a month after 2022 holds the same incidents in both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The first instant of record i's block, and the block's length (*len).
 * With per = 0 there is one block, [t0, t0 + span). Else the records fill
 * blocks of per records each, going back in time from t0 + span, every
 * block span long except the oldest, whose records (fewer than per) get
 * their share of span. */
static int64_t
block_of(long i, long records, long per, int64_t t0, int64_t span,
         int64_t *len)
{
    long b = per > 0 ? i / per : 0, left = records - b * per;

    *len = span;
    if (per <= 0 || left >= per)
        return t0 - b * span;
    *len = span * left / per;
    if (*len < 1)
        *len = 1;
    return t0 + span - b * span - *len;
}

int
main(int argc, char **argv)
{
    int dense = argc > 1 && strcmp(argv[1], "--constant-density") == 0;
    long lines = argc > 1 + dense ? atol(argv[1 + dense]) : 1000000, n = 0, i;
    int clients = argc > 2 + dense ? atoi(argv[2 + dense]) : 200;
    int64_t t0 = aft_days_from_civil(2022, 1, 1) * 86400;
    int64_t span = (aft_days_from_civil(2026, 11, 1) * 86400) - t0;
    long records = lines - 20 - clients, per = 1000000 - 20 - clients;
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
        int64_t blen;
        int64_t base = block_of(i, records, dense ? per : 0, t0, span, &blen);
        int64_t start = base + (int64_t)(rnd() % (unsigned long long)blen);
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
