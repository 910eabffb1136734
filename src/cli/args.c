/*
 * args.c - the options of every command: getopt_long with our own
 * messages (a missing value, a repeated option, an unknown one with the
 * nearest name), and the nearest of a list of words for a mistyped one.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Optimal string alignment distance of a and b (an insertion, deletion,
 * substitution or swap of neighbours is one edit); words longer than 63
 * bytes are far from everything. */
static size_t
distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i, k;
    size_t d[64][64];

    if (na >= 64 || nb >= 64)
        return (size_t)-1;
    for (i = 0; i <= na; i++)
        d[i][0] = i;
    for (k = 0; k <= nb; k++)
        d[0][k] = k;
    for (i = 1; i <= na; i++)
        for (k = 1; k <= nb; k++) {
            size_t best = d[i - 1][k - 1] + (a[i - 1] != b[k - 1]);
            if (d[i - 1][k] + 1 < best)
                best = d[i - 1][k] + 1;
            if (d[i][k - 1] + 1 < best)
                best = d[i][k - 1] + 1;
            if (i > 1 && k > 1 && a[i - 1] == b[k - 2] && a[i - 2] == b[k - 1]
                && d[i - 2][k - 2] + 1 < best)
                best = d[i - 2][k - 2] + 1;
            d[i][k] = best;
        }
    return d[na][nb];
}

const char *
cli_suggest(const char *word, const char *const *words, size_t n)
{
    size_t i, best = (size_t)-1, limit = strlen(word) <= 4 ? 1 : 2;
    const char *found = NULL;

    for (i = 0; i < n; i++) {
        size_t d = distance(word, words[i]);
        if (d < best) {
            best = d;
            found = words[i];
        }
    }
    return best <= limit ? found : NULL;
}

void
cli_args_init(cli_args *a, const char *cmd, const char *shortopts,
              const struct option *opts, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->opts = opts;
    a->argc = argc;
    a->argv = argv;
    /* '+' (stop at the first word) stays first; ':' reports a missing
     * value apart from an unknown option, and keeps getopt quiet. */
    if (shortopts[0] == '+')
        snprintf(a->shortopts, sizeof a->shortopts, "+:%s", shortopts + 1);
    else
        snprintf(a->shortopts, sizeof a->shortopts, ":%s", shortopts);
    optind = 0;
    opterr = 0;
}

/* The index in a->opts of the option whose val is c, or -1. */
static int
find_val(const cli_args *a, int c)
{
    int i;

    for (i = 0; a->opts[i].name != NULL; i++)
        if (a->opts[i].val == c)
            return i;
    return -1;
}

/* The option as people call it: "--month", or "-j" when typed so. */
static const char *
shown_name(const cli_args *a, int c, const char *typed, char *buf, size_t size)
{
    int i = find_val(a, c);

    if (i >= 0 && (typed == NULL || strncmp(typed, "--", 2) == 0))
        snprintf(buf, size, "--%s", a->opts[i].name);
    else
        snprintf(buf, size, "-%c", c);
    return buf;
}

/* An option getopt did not know ("--clinet", "-x") or gave a value it
 * takes none of ("--all=x"). Returns CLI_ARGS_BAD after saying so. */
static int
unknown_option(const cli_args *a)
{
    const char *typed = optind > 0 ? a->argv[optind - 1] : "";
    const char *names[32], *near;
    char word[128], buf[128];
    size_t n = 0, len, matches = 0;

    if (strncmp(typed, "--", 2) != 0) {
        cli_usage(a->cmd, "unknown option '-%c'", optopt);
        return CLI_ARGS_BAD;
    }
    len = strcspn(typed, "=");
    snprintf(word, sizeof word, "%.*s", (int)len, typed);
    if (optopt != 0) {
        cli_usage(a->cmd, "option '%s' takes no value",
                  shown_name(a, optopt, typed, buf, sizeof buf));
        return CLI_ARGS_BAD;
    }
    for (; n < 32 && a->opts[n].name != NULL; n++) {
        names[n] = a->opts[n].name;
        matches += strncmp(names[n], word + 2, len - 2) == 0;
    }
    if (matches > 1)
        cli_usage(a->cmd, "option '%s' is ambiguous", word);
    else if ((near = cli_suggest(word + 2, names, n)) != NULL)
        cli_usage(a->cmd, "unknown option '%s' (did you mean '--%s'?)", word,
                  near);
    else
        cli_usage(a->cmd, "unknown option '%s'", word);
    return CLI_ARGS_BAD;
}

int
cli_args_next(cli_args *a)
{
    int c = getopt_long(a->argc, a->argv, a->shortopts, a->opts, NULL);
    char buf[128];
    int i, sep;

    if (c == -1)
        return -1;
    if (c == '?')
        return unknown_option(a);
    if (c == ':') {
        cli_usage(a->cmd, "option '%s' needs a value",
                  shown_name(a, optopt, a->argv[optind - 1], buf, sizeof buf));
        return CLI_ARGS_BAD;
    }
    if ((i = find_val(a, c)) < 0 || a->opts[i].has_arg != required_argument)
        return c;
    /* "--month --client x" takes "--client" for the month: a value that
     * looks like an option was forgotten, not meant. */
    sep = optarg == a->argv[optind - 1];
    if (*optarg == '\0' || (sep && strncmp(optarg, "--", 2) == 0)) {
        const char *typed = a->argv[optind - (sep ? 2 : 1)];
        cli_usage(a->cmd, "option '%s' needs a value",
                  shown_name(a, c, typed, buf, sizeof buf));
        return CLI_ARGS_BAD;
    }
    if (a->seen & (1u << i)) {
        cli_usage(a->cmd, "option '%s' given twice",
                  shown_name(a, c, "--", buf, sizeof buf));
        return CLI_ARGS_BAD;
    }
    a->seen |= 1u << i;
    return c;
}
