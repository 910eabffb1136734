/*
 * cmd_export.c - aftercast export KIND: stored records, read from the store
 * one at a time and handed to the record writer.
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
    "NDJSON only: CSV holds one kind a file). Importing the output into an\n"
    "empty database gives the same records.\n\n"
    "Options:\n"
    "  --format FMT   json (default), ndjson or csv\n"
    "  -h, --help     print this help\n";

/* What the store hands each record to: the writer, and its first error
 * (the store itself only reports that the walk stopped). */
typedef struct export_ctx {
    aft_record_writer *w;
    aft_error err;
} export_ctx;

static int
write_one(aft_kind kind, const void *record, void *payload)
{
    export_ctx *x = payload;

    return aft_record_writer_add(x->w, kind, record, &x->err) < 0;
}

/* Every stored record of kind, in id order. */
static int
export_kind(aft_record_writer *w, aft_store *store, aft_kind kind,
            aft_error *err)
{
    export_ctx x;
    int rc;

    x.w = w;
    x.err.code = AFT_OK;
    if ((rc = aft_record_writer_begin(w, kind, err)) < 0)
        return rc;
    rc = aft_store_each(store, kind, write_one, &x, err);
    if (x.err.code != AFT_OK) {
        *err = x.err;
        rc = x.err.code;
    }
    return rc;
}

/* Every stored record of kind k (-1: of all kinds) to stdout. */
static int
export_store(aft_store *store, int k, aft_export_format fmt, aft_error *err)
{
    aft_record_writer *w;
    int i, rc;

    if ((rc = aft_record_writer_new(&w, stdout, fmt, err)) < 0)
        return rc;
    for (i = 0; i < AFT_KIND_COUNT && rc == AFT_OK; i++)
        if (k < 0 || i == k)
            rc = export_kind(w, store, (aft_kind)i, err);
    if (rc == AFT_OK)
        rc = aft_record_writer_finish(w, err);
    aft_record_writer_free(w);
    return rc;
}

/* A KIND that is none; with the nearest when it looks like a slip. */
static int
unknown_kind(const char *word)
{
    static const char *const KINDS[] = {"services", "clients", "incidents",
                                        "maintenances", "all"};
    const char *near = cli_suggest(word, KINDS, 5);

    if (near != NULL)
        return cli_usage("export", "unknown kind '%s' (did you mean '%s'?)",
                         word, near);
    return cli_usage("export",
                     "unknown kind '%s' (want services, clients, incidents, "
                     "maintenances or all)",
                     word);
}

int
cmd_export(const cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    aft_export_format fmt = AFT_EXPORT_JSON;
    aft_store *store = NULL;
    aft_error err;
    aft_kind kind;
    cli_args args;
    int c, k, rc;

    cli_args_init(&args, "export", "h", opts, argc, argv);
    while ((c = cli_args_next(&args)) != -1) {
        switch (c) {
        case CLI_ARGS_BAD:
            return EXIT_USAGE;
        case 'f':
            if (strcasecmp(optarg, "json") == 0)
                fmt = AFT_EXPORT_JSON;
            else if (strcasecmp(optarg, "ndjson") == 0
                     || strcasecmp(optarg, "jsonl") == 0)
                fmt = AFT_EXPORT_NDJSON;
            else if (strcasecmp(optarg, "csv") == 0)
                fmt = AFT_EXPORT_CSV;
            else
                return cli_usage("export",
                                 "unknown format '%s' (want json, ndjson "
                                 "or csv)",
                                 optarg);
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
        return unknown_kind(argv[optind]);
    if (k < 0 && fmt == AFT_EXPORT_CSV)
        return cli_usage("export", "CSV holds one kind a file: name the "
                                   "kind");
    if (cli_open_store(&store, g, 0) != 0)
        return 1;
    rc = export_store(store, k, fmt, &err);
    aft_store_close(store);
    if (rc < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    return 0;
}
