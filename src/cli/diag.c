/*
 * diag.c - what the CLI says on stderr: one line a problem behind one
 * prefix, input's control characters escaped so that a record cannot drive
 * the terminal, and a progress line erased before anything else is shown.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/escape.h"
#include "cli.h"

/* Set while a progress line may stand on stderr's terminal line (also in
 * the worker processes of a report, whose parent draws it). */
static int progress_active;

void
cli_escape(FILE *fp, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;

    while (*s != '\0') {
        size_t n = aft_escape__printable_len(s);
        if (n == 0) {
            fprintf(fp, "\\x%02X", *s++);
            continue;
        }
        fwrite(s, 1, n, fp);
        s += n;
    }
}

/* "aftercast: LABEL: MESSAGE" (no label: "aftercast: MESSAGE") on stderr,
 * after the progress line is erased. */
static void
vsay(const char *label, const char *fmt, va_list ap)
{
    char buf[8192];

    vsnprintf(buf, sizeof buf, fmt, ap);
    cli_progress_clear();
    fputs("aftercast: ", stderr);
    if (label != NULL)
        fprintf(stderr, "%s: ", label);
    cli_escape(stderr, buf);
    fputc('\n', stderr);
}

void
cli_say(const char *label, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsay(label, fmt, ap);
    va_end(ap);
}

void
cli_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsay("error", fmt, ap);
    va_end(ap);
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsay("error", fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try 'aftercast %s%s--help'.\n", cmd ? cmd : "",
            cmd ? " " : "");
    return EXIT_USAGE;
}

int
cli_progress_wanted(void)
{
    return isatty(STDERR_FILENO);
}

void
cli_progress_begin(void)
{
    progress_active = cli_progress_wanted();
}

void
cli_progress(const char *fmt, ...)
{
    va_list ap;

    if (!progress_active)
        return;
    fputs("\r\033[K", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
}

void
cli_progress_clear(void)
{
    if (progress_active) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}

void
cli_progress_end(void)
{
    cli_progress_clear();
    progress_active = 0;
}
