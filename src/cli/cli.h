/*
 * cli.h - helpers shared by the aftercast subcommands.
 */
#ifndef AFT_CLI_H
#define AFT_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "aftercast/aftercast.h"

#define EXIT_USAGE 2

typedef struct cli_global {
    const char *db; /* --db, $AFTERCAST_DB, or ./aftercast.db */
} cli_global;

/* ---- diagnostics (diag.c) ----
 * Every line goes to stderr behind "aftercast: ", with the control
 * characters of the message escaped (cli_escape) and the progress line
 * erased first. */

/* Print "aftercast: error: MESSAGE". */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A usage error: "aftercast: error: MESSAGE" and the hint "Try 'aftercast
 * CMD --help'."; returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Print "aftercast: LABEL: MESSAGE", or "aftercast: MESSAGE" when label is
 * NULL. */
void cli_say(const char *label, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Write text with every control character (C0, DEL, C1) and every byte
 * outside valid UTF-8 as \xNN. */
void cli_escape(FILE *fp, const char *text);

/* Whether stderr is a terminal (progress is shown only then). */
int cli_progress_wanted(void);

/* Progress lines from now on, if stderr is a terminal; they are drawn
 * over each other ("\r\033[K") and erased before any other line. Worker
 * processes forked after this erase it too before they print. */
void cli_progress_begin(void);
void cli_progress(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Erase the progress line (before a data line on stdout). */
void cli_progress_clear(void);
/* Erase it and show no more. */
void cli_progress_end(void);

/* ---- options (args.c) ---- */

/* getopt_long over a command's options, saying what is wrong itself. */
typedef struct cli_args {
    const char *cmd; /* for the hint: "availability", NULL: global */
    const struct option *opts;
    char shortopts[32];
    int argc;
    char **argv;
    unsigned seen; /* bit i: opts[i] given (at most 32 options) */
} cli_args;

#define CLI_ARGS_BAD (-2)

/* Start parsing argv; shortopts as getopt's ("hj:"; "+h" stops at the
 * first word). Every option that takes a value takes one. */
void cli_args_init(cli_args *a, const char *cmd, const char *shortopts,
                   const struct option *opts, int argc, char **argv);

/* The next option's val (its value in optarg), -1 after the last, or
 * CLI_ARGS_BAD after printing a usage error: an unknown option (with the
 * nearest name), a missing or empty value, an option with a value given
 * twice. */
int cli_args_next(cli_args *a);

/* The word of words nearest to word, if it is near enough to be a typing
 * slip (one edit for short words, two else); NULL otherwise. */
const char *cli_suggest(const char *word, const char *const *words, size_t n);

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

/* Resolve the period options into p and as_of. "last" for --month,
 * --quarter or --year is the last whole one before as-of, on the calendar
 * of client's zone (loaded from g's store) when client is not NULL, else
 * of UTC. Returns 0, or an exit status after printing the problem. */
int cli_period_resolve(const char *cmd, const cli_period *o,
                       const cli_global *g, const char *client, aft_period *p,
                       int64_t *as_of);

/* Open the store for reading (must exist) or for import (created). */
int cli_open_store(aft_store **out, const cli_global *g, int create);

/* Close stdout and report a write failure; returns the exit status. */
int cli_finish(int status);

int cmd_import(const cli_global *g, int argc, char **argv);
int cmd_availability(const cli_global *g, int argc, char **argv);
int cmd_metrics(const cli_global *g, int argc, char **argv);
int cmd_export(const cli_global *g, int argc, char **argv);
int cmd_copy(const cli_global *g, int argc, char **argv);
int cmd_report(const cli_global *g, int argc, char **argv);
int cmd_deliver(const cli_global *g, int argc, char **argv);

/* One client's pack, once written (aftercast report pack). */
typedef struct cli_pack_client {
    const aft_monthly *report;   /* its periodic report */
    const aft_template *tmpl;    /* the template it was written with */
    const char *dir;             /* DIR/CLIENT */
    const char *manifest_sha256; /* checksum of DIR/CLIENT/manifest.json */
    const char *pdf, *xlsx;      /* the periodic report's files */
} cli_pack_client;

/* Called for each client whose pack was written; returns 0, or 1 after
 * printing an error. */
typedef int (*cli_pack_fn)(const cli_pack_client *pc, void *payload);

/* `aftercast report ...` (argv[0] "report"); with fn, a pack calls it
 * for every client's pack. The exit status. */
int cli_report_run(const cli_global *g, int argc, char **argv, cli_pack_fn fn,
                   void *payload);
int cmd_site(const cli_global *g, int argc, char **argv);

/* The template directory: given, else $AFTERCAST_TEMPLATES/default, else
 * beside the binary, installed or in the source tree; -1 if none
 * (cmd_report.c). */
int cli_template_dir(const char *given, char *buf, size_t size);
/* Make the output directory if missing (*made: made here) and check it
 * is a directory this process can write in; 0, or 1 after an error. */
int cli_out_dir(const char *out, int *made);

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
 * exit status. With outages_only, the incidents come as outages only
 * (aft_store_load_scoped()): enough for availability, not for metrics. */
int cli_query_command(const cli_global *g, const char *cmd, const char *help,
                      int argc, char **argv, int outages_only,
                      cli_query_fn body);

/* Fill err for an allocation failure; returns AFT_ENOMEM. */
int cli_oom(aft_error *err);
#endif
