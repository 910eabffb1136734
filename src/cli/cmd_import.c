/*
 * cmd_import.c - aftercast import FILE...
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char HELP[] =
    "Usage: aftercast import [OPTIONS] FILE...\n\n"
    "Import services, clients, incidents and maintenances in one\n"
    "transaction: the import lands whole or not at all. Records are\n"
    "upserted by id.\n\n"
    "Options:\n"
    "  --format FMT     json, ndjson, csv, statuspage or pagerduty\n"
    "                   (default: detect by content)\n"
    "  --tz ZONE        read instants without a UTC offset in ZONE\n"
    "  --skip-invalid   import the good records and list the bad ones\n"
    "  --client ID      Statuspage, PagerDuty: create client ID if missing\n"
    "                   and subscribe it to every service the import saw\n"
    "  --level LEVEL    PagerDuty: impact level of the incidents\n"
    "                   (default major_outage)\n"
    "  --help           print this help\n";

static void
report(const char *msg, void *payload)
{
    fprintf(stderr, "aftercast: %s: %s\n",
            *(const int *)payload ? "skipped" : "error", msg);
}

static void
notice(const char *msg, void *payload)
{
    (void)payload;
    fprintf(stderr, "aftercast: %s\n", msg);
}

static void
progress(size_t n, void *payload)
{
    (void)payload;
    fprintf(stderr, "\raftercast: %zu records...", n);
}

/* Fill o from the options; returns -1 to go on, else the exit status. */
static int
parse_options(aft_import_opts *o, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"tz", required_argument, NULL, 'z'},
        {"skip-invalid", no_argument, NULL, 's'},
        {"client", required_argument, NULL, 'c'},
        {"level", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;

    memset(o, 0, sizeof *o);
    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (aft_format_parse(&o->format, optarg) < 0)
                return cli_usage("import",
                                 "unknown format '%s' (want json, ndjson, "
                                 "csv, statuspage or pagerduty)",
                                 optarg);
            break;
        case 'z':
            o->tz = optarg;
            break;
        case 's':
            o->skip_invalid = 1;
            break;
        case 'c':
            o->client_id = optarg;
            break;
        case 'l':
            if (aft_level_parse(&o->level, optarg, 0) < 0)
                return cli_usage("import",
                                 "unknown impact level '%s' (want "
                                 "major_outage, partial_outage or "
                                 "degraded_performance)",
                                 optarg);
            break;
        case 'h':
            fputs(HELP, stdout);
            return 0;
        default:
            return cli_usage("import", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage("import", "name at least one file to import");
    return -1;
}

/* The closing line on stderr: what landed, and what was skipped. */
static void
print_summary(const aft_import_stats *st)
{
    fprintf(stderr,
            "aftercast: imported %zu services, %zu clients, "
            "%zu incidents, %zu maintenances",
            st->imported[AFT_KIND_SERVICE], st->imported[AFT_KIND_CLIENT],
            st->imported[AFT_KIND_INCIDENT],
            st->imported[AFT_KIND_MAINTENANCE]);
    if (st->skipped > 0)
        fprintf(stderr, "; skipped %zu bad record%s", st->skipped,
                st->skipped == 1 ? "" : "s");
    fputc('\n', stderr);
}

int
cmd_import(const cli_global *g, int argc, char **argv)
{
    aft_import_opts o;
    aft_import_stats st;
    aft_store *store = NULL;
    aft_error err;
    int rc;

    if ((rc = parse_options(&o, argc, argv)) >= 0)
        return rc;
    o.report = report;
    o.notice = notice;
    o.report_payload = &o.skip_invalid;
    if (cli_progress_wanted())
        o.progress = progress;
    if (cli_open_store(&store, g, 1) != 0)
        return 1;
    rc = aft_import_files(store, (const char *const *)argv + optind,
                          (size_t)(argc - optind), &o, &st, &err);
    if (o.progress != NULL
        && st.imported[0] + st.imported[1] + st.imported[2] + st.imported[3]
               >= 5000)
        fputc('\n', stderr);
    aft_store_close(store);
    if (rc < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    print_summary(&st);
    return 0;
}
