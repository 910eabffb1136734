/*
 * cmd_copy.c - aftercast copy --from SRC --to DST: a whole store into
 * another, SQLite file or PostgreSQL database, in one transaction.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char HELP[] =
    "Usage: aftercast copy --from SRC --to DST\n\n"
    "Copy every record of the store SRC into DST, in one transaction: all\n"
    "land or none. Each is a SQLite file or a PostgreSQL connection URI or\n"
    "keyword string (postgresql://user@host/db, \"host=... dbname=...\");\n"
    "DST is created if it is a missing file. Records already in DST with\n"
    "the same id are replaced. --db is not used.\n\n"
    "Options:\n"
    "  --from SRC     the store to read\n"
    "  --to DST       the store to write\n"
    "  -h, --help     print this help\n";

static int
open_one(aft_store **out, const char *target, int create)
{
    cli_global g;

    g.db = target;
    return cli_open_store(out, &g, create);
}

int
cmd_copy(const cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *from = NULL, *to = NULL;
    aft_store *src = NULL, *dst = NULL;
    size_t n[AFT_KIND_COUNT];
    aft_error err;
    cli_args args;
    int c, rc;

    (void)g;
    cli_args_init(&args, "copy", "h", opts, argc, argv);
    while ((c = cli_args_next(&args)) != -1) {
        switch (c) {
        case CLI_ARGS_BAD:
            return EXIT_USAGE;
        case 'f':
            from = optarg;
            break;
        case 't':
            to = optarg;
            break;
        case 'h':
            fputs(HELP, stdout);
            return 0;
        default:
            return cli_usage("copy", "bad option");
        }
    }
    if (optind != argc || from == NULL || to == NULL)
        return cli_usage("copy", "give --from SRC and --to DST");
    if (strcmp(from, to) == 0)
        return cli_usage("copy", "--from and --to name the same store");
    if (open_one(&src, from, 0) != 0)
        return 1;
    if (open_one(&dst, to, 1) != 0) {
        aft_store_close(src);
        return 1;
    }
    rc = aft_store_copy(src, dst, n, &err);
    aft_store_close(dst);
    aft_store_close(src);
    if (rc < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    cli_say(NULL,
            "copied %zu services, %zu clients, %zu incidents, %zu "
            "maintenances",
            n[AFT_KIND_SERVICE], n[AFT_KIND_CLIENT], n[AFT_KIND_INCIDENT],
            n[AFT_KIND_MAINTENANCE]);
    return 0;
}
