/*
 * fail_alloc.c - an allocator that fails one chosen call, linked into a
 * copy of the CLI (aftercast-failalloc) for the allocation fault tests.
 *
 * malloc, calloc, realloc, strdup and strndup defined in the executable
 * take the place of the C library's for every shared library too (glibc
 * supports replacing them), so SQLite, jansson, libharu, libxlsxwriter,
 * zlib and the C library's own allocations are counted as well. They
 * forward to AddressSanitizer's allocator when it is linked in, else to
 * glibc's, so free() stays the real one.
 *
 * AFT_FAIL_AT=N makes the Nth allocation after the program starts return
 * NULL (0: none fails). AFT_FAIL_COUNT=FILE has the number of allocations
 * made, and whether the one chosen failed, written there at exit.
 * AFT_FAIL_TRACE=1 prints where the failing call is made (ASan builds).
 *
 * AFT_FAIL_SPARE=NAME:NAME... spares the allocations made directly by a
 * shared library whose file name contains one of the NAMEs: they are
 * neither counted nor failed (the count file has how many were spared).
 * libharu 2.3.0 and the libpng it calls do not survive their own
 * allocations failing (a crash inside HPDF_Page_New, abort() in libpng,
 * leaks), and jansson 2.14's lexer drops a character and carries on
 * when its token buffer cannot grow (lex_save ignores the failure), so
 * the walks spare them.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* AddressSanitizer's allocator (weak: absent in a plain build). */
extern void *__interceptor_malloc(size_t n) __attribute__((weak));
extern void *__interceptor_calloc(size_t k, size_t n) __attribute__((weak));
extern void *__interceptor_realloc(void *p, size_t n) __attribute__((weak));
/* AddressSanitizer's stack trace, for AFT_FAIL_TRACE. */
extern void __sanitizer_print_stack_trace(void) __attribute__((weak));
/* glibc's allocator. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t k, size_t n);
extern void *__libc_realloc(void *p, size_t n);

static int armed;             /* counting: set once main's image runs */
static unsigned long calls;   /* allocations counted */
static unsigned long fail_at; /* the one to fail, 0 for none */
static int failed;            /* whether it was reached */
static unsigned long spared;  /* allocations of spared libraries */
static const char *spare;     /* AFT_FAIL_SPARE */

__attribute__((constructor)) static void
fail_alloc_arm(void)
{
    const char *s = getenv("AFT_FAIL_AT");

    fail_at = s != NULL ? strtoul(s, NULL, 10) : 0;
    spare = getenv("AFT_FAIL_SPARE");
    armed = 1;
}

__attribute__((destructor)) static void
fail_alloc_report(void)
{
    const char *path = getenv("AFT_FAIL_COUNT");
    FILE *fp;

    armed = 0;
    if (path == NULL || (fp = fopen(path, "w")) == NULL)
        return;
    fprintf(fp, "%lu %d %lu\n", calls, failed, spared);
    fclose(fp);
}

/* Whether code at address pc is in a spared library. */
static int
is_spared(void *pc)
{
    Dl_info info;
    const char *name, *p;
    size_t n;

    if (spare == NULL || *spare == '\0' || !dladdr(pc, &info)
        || info.dli_fname == NULL)
        return 0;
    name = strrchr(info.dli_fname, '/');
    name = name != NULL ? name + 1 : info.dli_fname;
    for (p = spare; *p != '\0'; p += n + (p[n] == ':')) {
        char want[64];
        n = strcspn(p, ":");
        if (n == 0 || n >= sizeof want)
            continue;
        memcpy(want, p, n);
        want[n] = '\0';
        if (strstr(name, want) != NULL)
            return 1;
    }
    return 0;
}

/* Whether this allocation, called from pc, is the one to fail. */
static int
fail_now(void *pc)
{
    if (!armed)
        return 0;
    if (is_spared(pc)) {
        spared++;
        return 0;
    }
    calls++;
    if (calls != fail_at)
        return 0;
    failed = 1;
    errno = ENOMEM;
    if (getenv("AFT_FAIL_TRACE") != NULL && __sanitizer_print_stack_trace)
        __sanitizer_print_stack_trace();
    return 1;
}

/* malloc(n) for code at pc. */
static void *
alloc(size_t n, void *pc)
{
    if (fail_now(pc))
        return NULL;
    return __interceptor_malloc ? __interceptor_malloc(n) : __libc_malloc(n);
}

void *
malloc(size_t n)
{
    return alloc(n, __builtin_return_address(0));
}

void *
calloc(size_t k, size_t n)
{
    if (fail_now(__builtin_return_address(0)))
        return NULL;
    return __interceptor_calloc ? __interceptor_calloc(k, n)
                                : __libc_calloc(k, n);
}

void *
realloc(void *p, size_t n)
{
    if (fail_now(__builtin_return_address(0)))
        return NULL;
    return __interceptor_realloc ? __interceptor_realloc(p, n)
                                 : __libc_realloc(p, n);
}

char *
strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = alloc(n, __builtin_return_address(0));

    return d != NULL ? memcpy(d, s, n) : NULL;
}

char *
strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *d = alloc(n + 1, __builtin_return_address(0));

    if (d == NULL)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
