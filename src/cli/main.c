/*
 * main.c - aftercast command line: global options and the command table.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(const cli_global *g, int argc, char **argv);
    const char *summary;
} command;

static const command COMMANDS[] = {
    {"import", cmd_import, "import JSON, NDJSON or CSV history"},
    {"availability", cmd_availability, "availability against SLA targets"},
    {"metrics", cmd_metrics, "MTTD, MTTA, MTTR and communication"},
    {"report", cmd_report, "write PDF and XLSX reports"},
    {"export", cmd_export, "stored records as JSON, NDJSON or CSV"},
};
#define N_COMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static void
usage(FILE *fp)
{
    size_t i;

    fputs("Usage: aftercast [--db PATH] COMMAND [OPTIONS]\n\n"
          "Post-incident reports and uptime analytics.\n\nCommands:\n",
          fp);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(fp, "  %-14s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fputs("\nOptions:\n"
          "  --db PATH      database file (default $AFTERCAST_DB, else "
          "./aftercast.db)\n"
          "  --version      print the version\n"
          "  --help         print this help\n\n"
          "Run 'aftercast COMMAND --help' for a command's options.\n",
          fp);
}

int
main(int argc, char **argv)
{
    cli_global g;
    int i = 1;
    size_t c;

    g.db = getenv("AFTERCAST_DB");
    if (g.db == NULL || *g.db == '\0')
        g.db = "aftercast.db";
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return cli_finish(0);
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("aftercast %s\n", aft_version());
            return cli_finish(0);
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            g.db = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            g.db = argv[i] + 5;
            i++;
        } else {
            return cli_usage(NULL, "unknown option '%s'", argv[i]);
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    for (c = 0; c < N_COMMANDS; c++)
        if (strcmp(argv[i], COMMANDS[c].name) == 0)
            return cli_finish(COMMANDS[c].run(&g, argc - i, argv + i));
    return cli_usage(NULL, "unknown command '%s'", argv[i]);
}
