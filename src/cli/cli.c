/*
 * cli.c - period options, the store, and the computing commands' common
 * body for the CLI.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

int
cli_period_arg(cli_period *po, int c, const char *arg)
{
    switch (c) {
    case 'm':
        po->month = arg;
        return 1;
    case 'q':
        po->quarter = arg;
        return 1;
    case 'y':
        po->year = arg;
        return 1;
    case 'F':
        po->from = arg;
        return 1;
    case 'T':
        po->to = arg;
        return 1;
    case 'a':
        po->as_of = arg;
        return 1;
    default:
        return 0;
    }
}

/* The value of --as-of (default: now). -1 to go on, or an exit status. */
static int
parse_as_of(int64_t *out, const char *cmd, const char *s)
{
    aft_error err;
    int64_t day;

    if (s == NULL)
        *out = (int64_t)time(NULL);
    else if (aft_instant_parse(out, s, NULL, &err) < 0) {
        if (aft_date_parse(&day, s, NULL) < 0)
            return cli_usage(cmd, "--as-of: %s", err.message);
        *out = aft_day_start(day); /* a bare date: its midnight UTC */
    }
    return -1;
}

/* What client_zone() looks for in the store, and finds. */
typedef struct zone_search {
    const char *id;
    char zone[128];
    int found;
} zone_search;

static int
match_client(aft_kind kind, const void *record, void *payload)
{
    const aft_client *c = record;
    zone_search *z = payload;

    (void)kind;
    if (strcmp(c->id, z->id) != 0)
        return 0;
    snprintf(z->zone, sizeof z->zone, "%s", c->timezone ? c->timezone : "UTC");
    z->found = 1;
    return 1;
}

/* Load client's time zone from the store. 0, or 1 after an error. */
static int
client_zone(aft_tz **out, const cli_global *g, const char *client)
{
    aft_store *store = NULL;
    zone_search z = {client, "", 0};
    aft_error err;
    int rc;

    if (cli_open_store(&store, g, 0) != 0)
        return 1;
    rc = aft_store_each(store, AFT_KIND_CLIENT, match_client, &z, &err);
    aft_store_close(store);
    if (rc < 0 && !z.found) {
        cli_error("%s", err.message);
        return 1;
    }
    if (!z.found) {
        cli_error("no client '%s'", client);
        return 1;
    }
    if (aft_tz_load(out, z.zone, &err) < 0) {
        cli_error("client '%s': %s", client, err.message);
        return 1;
    }
    return 0;
}

/* --month last, --quarter last or --year last. 0, or 1 after an error. */
static int
last_period(aft_period *p, aft_period_kind kind, const cli_global *g,
            const char *client, int64_t as_of)
{
    aft_tz *tz = NULL;

    if (client != NULL && client_zone(&tz, g, client) != 0)
        return 1;
    aft_period_last(p, kind, as_of, tz);
    aft_tz_free(tz);
    return 0;
}

int
cli_period_resolve(const char *cmd, const cli_period *o, const cli_global *g,
                   const char *client, aft_period *p, int64_t *as_of)
{
    aft_error err;
    const char *v = o->month ? o->month : o->quarter ? o->quarter : o->year;
    aft_period_kind kind = o->month     ? AFT_PERIOD_MONTH
                           : o->quarter ? AFT_PERIOD_QUARTER
                                        : AFT_PERIOD_YEAR;
    int given = (o->month != NULL) + (o->quarter != NULL) + (o->year != NULL)
                + (o->from != NULL || o->to != NULL);
    int rc;

    if (given != 1)
        return cli_usage(cmd, "give one period: --month YYYY-MM, --quarter "
                              "YYYY-Qn, --year YYYY or --from DATE --to DATE");
    if ((rc = parse_as_of(as_of, cmd, o->as_of)) >= 0)
        return rc;
    if (v != NULL && strcmp(v, "last") == 0)
        return last_period(p, kind, g, client, *as_of);
    if (o->month)
        rc = aft_period_month(p, o->month, &err);
    else if (o->quarter)
        rc = aft_period_quarter(p, o->quarter, &err);
    else if (o->year)
        rc = aft_period_year(p, o->year, &err);
    else if (o->from == NULL || o->to == NULL)
        return cli_usage(cmd, "--from and --to go together");
    else
        rc = aft_period_range(p, o->from, o->to, &err);
    if (rc < 0)
        return cli_usage(cmd, "%s", err.message);
    return 0;
}

/* What the store says while it waits for another import to finish. */
static void
store_notice(const char *msg, void *payload)
{
    (void)payload;
    fprintf(stderr, "aftercast: %s\n", msg);
}

int
cli_open_store(aft_store **out, const cli_global *g, int create)
{
    aft_store_opts o;
    aft_error err;

    memset(&o, 0, sizeof o);
    o.flags = create ? AFT_STORE_CREATE : AFT_STORE_READONLY;
    o.notice = store_notice;
    if (aft_store_open_ext(out, g->db, &o, &err) < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    return 0;
}

int
cli_finish(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write output: %s", strerror(errno));
        return 1;
    }
    return status;
}

/* The --format of a computing command. -1 to go on, or an exit status. */
static int
query_format(cli_format *out, const char *cmd, const char *arg)
{
    if (strcasecmp(arg, "table") == 0)
        *out = CLI_TABLE;
    else if (strcasecmp(arg, "json") == 0)
        *out = CLI_JSON;
    else if (strcasecmp(arg, "csv") == 0)
        *out = CLI_CSV;
    else
        return cli_usage(cmd, "unknown format '%s' (want table, json or csv)",
                         arg);
    return -1;
}

/* --all-periods FROM TO: the months FROM to TO, both included, in
 * q->months, and the period option set to load them as one range. -1 to
 * go on, or an exit status. */
static int
query_months(cli_query *q, const char *cmd, const char *from, const char *to)
{
    aft_period a, b;
    aft_error err;
    size_t i;

    if (aft_period_month(&a, from, &err) < 0
        || aft_period_month(&b, to, &err) < 0)
        return cli_usage(cmd, "--all-periods: %s", err.message);
    if (b.start_day < a.start_day)
        return cli_usage(cmd, "--all-periods: '%s' is before '%s'", to, from);
    q->period_opts.from = q->period_opts.to = NULL;
    q->period_opts.month = from;
    for (q->n_months = 1;; q->n_months++) {
        aft_period m;
        aft_period_shift(&m, &a, (int)q->n_months);
        if (m.start_day > b.start_day)
            break;
    }
    if ((q->months = calloc(q->n_months, sizeof *q->months)) == NULL)
        return cli_usage(cmd, "out of memory");
    for (i = 0; i < q->n_months; i++)
        aft_period_shift(&q->months[i], &a, (int)i);
    if (q->period_opts.quarter || q->period_opts.year) {
        free(q->months);
        return cli_usage(cmd, "--all-periods replaces the period");
    }
    return -1;
}

/* Parse the options of a computing command; help is printed for --help.
 * Returns -1 to go on, or an exit status. */
static int
cli_query_parse(cli_query *q, const cli_global *g, const char *cmd,
                const char *help, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_PERIOD_OPTIONS,
        {"client", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'f'},
        {"all-periods", required_argument, NULL, 'P'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *from = NULL, *to = NULL;
    cli_args args;
    int c, rc;

    memset(q, 0, sizeof *q);
    cli_args_init(&args, cmd, "h", opts, argc, argv);
    while ((c = cli_args_next(&args)) != -1) {
        if (c == CLI_ARGS_BAD)
            return EXIT_USAGE;
        if (cli_period_arg(&q->period_opts, c, optarg))
            continue;
        switch (c) {
        case 'c':
            q->client = optarg;
            break;
        case 'P':
            from = optarg;
            if (optind < argc && argv[optind][0] != '-')
                to = argv[optind++];
            else
                return cli_usage(cmd, "option '--all-periods' needs two "
                                      "values (FROM TO, YYYY-MM YYYY-MM)");
            break;
        case 'f':
            if ((rc = query_format(&q->format, cmd, optarg)) >= 0)
                return rc;
            break;
        case 'h':
            fputs(help, stdout);
            return 0;
        default:
            return cli_usage(cmd, "bad option");
        }
    }
    if (optind < argc)
        return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
    if (from != NULL && (rc = query_months(q, cmd, from, to)) >= 0)
        return rc;
    if ((rc = cli_period_resolve(cmd, &q->period_opts, g, q->client, &q->period,
                                 &q->as_of))
        != 0) {
        free(q->months);
        return rc;
    }
    if (q->months != NULL) { /* load the whole span */
        q->period.end_day = q->months[q->n_months - 1].end_day;
        snprintf(q->period.label, sizeof q->period.label, "%s..%s", from, to);
    }
    return -1;
}

int
cli_query_command(const cli_global *g, const char *cmd, const char *help,
                  int argc, char **argv, int outages_only, cli_query_fn body)
{
    aft_store *store = NULL;
    aft_load_scope sc;
    aft_dataset ds;
    aft_error err;
    cli_query q;
    aft_interval range;
    int rc;

    if ((rc = cli_query_parse(&q, g, cmd, help, argc, argv)) >= 0)
        return rc;
    range = aft_period_load_range(&q.period, &q.period);
    if (cli_open_store(&store, g, 0) != 0) {
        free(q.months);
        return 1;
    }
    memset(&sc, 0, sizeof sc);
    sc.client_id = q.client;
    sc.only_its_services = q.client != NULL;
    sc.lo = range.start;
    sc.hi = range.end;
    rc = outages_only ? aft_store_load_scoped(&ds, store, &sc, &err)
                      : aft_store_load(&ds, store, q.client, range.start,
                                       range.end, &err);
    if (rc == AFT_OK) {
        rc = body(&q, &ds, &err);
        aft_dataset_free(&ds);
    }
    aft_store_close(store);
    free(q.months);
    if (rc < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    return 0;
}

int
cli_oom(aft_error *err)
{
    err->code = AFT_ENOMEM;
    err->detail = 0;
    snprintf(err->message, sizeof err->message, "out of memory");
    return AFT_ENOMEM;
}
