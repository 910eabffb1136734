/*
 * main.c - aftercast command line: global options and the command table.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
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
    {"deliver", cmd_deliver, "mail each client its reports, once"},
    {"site", cmd_site, "static status-history site"},
    {"export", cmd_export, "stored records as JSON, NDJSON or CSV"},
    {"copy", cmd_copy, "copy a store to another (SQLite, PostgreSQL)"},
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
          "  -h, --help     print this help\n\n"
          "Run 'aftercast COMMAND --help' for a command's options.\n",
          fp);
}

/* The command named word, or NULL after saying so (with the nearest
 * name when word looks like a slip). */
static const command *
find_command(const char *word)
{
    const char *names[N_COMMANDS], *near;
    size_t c;

    for (c = 0; c < N_COMMANDS; c++) {
        if (strcmp(word, COMMANDS[c].name) == 0)
            return &COMMANDS[c];
        names[c] = COMMANDS[c].name;
    }
    if ((near = cli_suggest(word, names, N_COMMANDS)) != NULL)
        cli_usage(NULL, "unknown command '%s' (did you mean '%s'?)", word,
                  near);
    else
        cli_usage(NULL, "unknown command '%s'", word);
    return NULL;
}

int
main(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"version", no_argument, NULL, 'V'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const command *cmd;
    cli_global g;
    cli_args args;
    int c;

    g.db = getenv("AFTERCAST_DB");
    if (g.db == NULL || *g.db == '\0')
        g.db = "aftercast.db";
    cli_args_init(&args, NULL, "+h", opts, argc, argv);
    while ((c = cli_args_next(&args)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return cli_finish(0);
        case 'V':
            printf("aftercast %s\n", aft_version());
            return cli_finish(0);
        case 'd':
            g.db = optarg;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        char list[256] = "";
        size_t k;
        for (k = 0; k < N_COMMANDS; k++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                     k == 0                ? ""
                     : k + 1 == N_COMMANDS ? " or "
                                           : ", ",
                     COMMANDS[k].name);
        return cli_usage(NULL, "name a command: %s", list);
    }
    if ((cmd = find_command(argv[optind])) == NULL)
        return EXIT_USAGE;
    argc -= optind;
    argv += optind;
    return cli_finish(cmd->run(&g, argc, argv));
}
