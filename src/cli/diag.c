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

#include "cli.h"

/* Set while a progress line may stand on stderr's terminal line (also in
 * the worker processes of a report, whose parent draws it). */
static int progress_active;

/* The length of the UTF-8 sequence at s that is safe to show as it is:
 * a printable character; 0 for a control character (C0, DEL, C1) or a
 * byte that does not start a valid sequence. */
static size_t
printable_len(const unsigned char *s)
{
    size_t n, i;
    unsigned cp;

    if (s[0] < 0x20 || s[0] == 0x7f)
        return 0;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2, cp = s[0] & 0x1fu;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3, cp = s[0] & 0x0fu;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4, cp = s[0] & 0x07u;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3fu);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
        || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))
        || (cp >= 0x80 && cp <= 0x9f))
        return 0;
    return n;
}

void
cli_escape(FILE *fp, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;

    while (*s != '\0') {
        size_t n = printable_len(s);
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
