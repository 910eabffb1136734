/*
 * capture.h - run a shell command from a CLI test and keep its output.
 */
#ifndef AFT_TEST_CAPTURE_H
#define AFT_TEST_CAPTURE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

/* Output of a shell command (printf-style), and its exit status in
 * *status (-1 when it did not exit); the caller frees the output. */
static inline char *
capture(int *status, const char *fmt, ...)
{
    char cmd[8192], *buf = NULL;
    size_t len = 0, cap = 0, n;
    va_list ap;
    FILE *fp;
    int st;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    fp = popen(cmd, "r");
    assert_non_null(fp);
    do {
        if (len + 4096 > cap)
            buf = realloc(buf, cap = cap * 2 + 8192);
        n = fread(buf + len, 1, 4096, fp);
        len += n;
    } while (n > 0);
    buf[len] = '\0';
    st = pclose(fp);
    if (status)
        *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf;
}

/* The whole file at path, NUL-terminated; the caller frees it. */
static inline char *
slurp_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    buf = calloc(1, (size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    return buf;
}

#endif
