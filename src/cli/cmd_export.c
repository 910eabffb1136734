/*
 * cmd_export.c - aftercast export KIND
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const char HELP[] =
    "Usage: aftercast export KIND [--format json|ndjson|csv]\n\n"
    "Write stored records in the native import format, in id order.\n"
    "KIND is services, clients, incidents, maintenances, or all (JSON and\n"
    "NDJSON only). Importing the output into an empty database gives the\n"
    "same records.\n\n"
    "Options:\n"
    "  --format FMT   json (default), ndjson or csv\n"
    "  --help         print this help\n";

int
cmd_export(const cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    aft_export_format fmt = AFT_EXPORT_JSON;
    aft_store *store = NULL;
    aft_error err;
    aft_kind kind;
    int c, k, rc;

    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcasecmp(optarg, "json") == 0)
                fmt = AFT_EXPORT_JSON;
            else if (strcasecmp(optarg, "ndjson") == 0
                     || strcasecmp(optarg, "jsonl") == 0)
                fmt = AFT_EXPORT_NDJSON;
            else if (strcasecmp(optarg, "csv") == 0)
                fmt = AFT_EXPORT_CSV;
            else
                return cli_usage("export", "unknown format '%s'", optarg);
            break;
        case 'h':
            fputs(HELP, stdout);
            return 0;
        default:
            return cli_usage("export", "bad option");
        }
    }
    if (optind != argc - 1)
        return cli_usage("export", "name one kind: services, clients, "
                         "incidents, maintenances or all");
    if (strcasecmp(argv[optind], "all") == 0)
        k = -1;
    else if (aft_kind_parse(&kind, argv[optind]) == 0)
        k = (int)kind;
    else
        return cli_usage("export", "unknown kind '%s'", argv[optind]);
    if (k < 0 && fmt == AFT_EXPORT_CSV)
        return cli_usage("export", "CSV holds one kind a file: name the "
                         "kind");
    if (cli_open_store(&store, g, 0) != 0)
        return 1;
    rc = aft_export(stdout, store, k, fmt, &err);
    aft_store_close(store);
    if (rc < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    return 0;
}
