/*
 * cli.h - helpers shared by the aftercast subcommands.
 */
#ifndef AFT_CLI_H
#define AFT_CLI_H

#include <stdint.h>

#include "aftercast/aftercast.h"

#define EXIT_USAGE 2

typedef struct cli_global {
    const char *db; /* --db, $AFTERCAST_DB, or ./aftercast.db */
} cli_global;

/* Print "aftercast: error: MESSAGE" to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif

    ;

/* A usage error: message and a hint to use --help; returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif

    ;

/* Period options gathered by cli_period_opt(). */
typedef struct cli_period {
    const char *month, *quarter, *year, *from, *to;
    const char *as_of;
} cli_period;

/* getopt_long entries of the period options, and their handler: 1 when
 * option c was one of them (its value stored in po), else 0. */
#define CLI_PERIOD_OPTIONS \
    {"month", required_argument, NULL, 'm'}, \
        {"quarter", required_argument, NULL, 'q'}, \
        {"year", required_argument, NULL, 'y'}, \
        {"from", required_argument, NULL, 'F'}, \
        {"to", required_argument, NULL, 'T'}, \
    { \
        "as-of", required_argument, NULL, 'a' \
    }
int cli_period_arg(cli_period *po, int c, const char *arg);

/* Resolve the period options into p and as_of. Returns 0, or an exit
 * status after printing the problem. */
int cli_period_resolve(const char *cmd, const cli_period *o, aft_period *p,
                       int64_t *as_of);

/* Open the store for reading (must exist) or for import (created). */
int cli_open_store(aft_store **out, const cli_global *g, int create);

/* Whether stderr is a terminal (progress is shown only then). */
int cli_progress_wanted(void);

/* Close stdout and report a write failure; returns the exit status. */
int cli_finish(int status);

int cmd_import(const cli_global *g, int argc, char **argv);
int cmd_availability(const cli_global *g, int argc, char **argv);
int cmd_metrics(const cli_global *g, int argc, char **argv);
int cmd_export(const cli_global *g, int argc, char **argv);
int cmd_report(const cli_global *g, int argc, char **argv);

/* Options of the computing commands (availability, metrics). */
typedef enum cli_format { CLI_TABLE, CLI_JSON, CLI_CSV } cli_format;
typedef struct cli_query {
    cli_period period_opts;
    aft_period *months; /* --all-periods FROM TO: each month */
    size_t n_months;
    const char *client;
    cli_format format;
    aft_period period;
    int64_t as_of;
} cli_query;

/* Body of a computing command: compute over ds and print. */
typedef int (*cli_query_fn)(const cli_query *q, const aft_dataset *ds,
                            aft_error *err);

/* Parse the options, load what the period needs, run body; returns the
 * exit status. */
int cli_query_command(const cli_global *g, const char *cmd, const char *help,
                      int argc, char **argv, cli_query_fn body);

/* Fill err for an allocation failure; returns AFT_ENOMEM. */
int cli_oom(aft_error *err);
#endif
