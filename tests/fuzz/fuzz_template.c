/*
 * fuzz_template.c - the template loader on any bytes: the input is
 * written as template.json in a directory of its own and loaded, then
 * every setting, colour and text of it is read.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aftercast/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], file[96];

static void
remove_template(void)
{
    unlink(file);
    rmdir(dir);
}

static int
write_template(const uint8_t *data, size_t size)
{
    FILE *fp;

    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/aft-fuzz-template-XXXXXX");
        if (mkdtemp(dir) == NULL)
            return -1;
        snprintf(file, sizeof file, "%s/template.json", dir);
        atexit(remove_template);
    }
    if ((fp = fopen(file, "wb")) == NULL)
        return -1;
    if (size > 0 && fwrite(data, 1, size, fp) != size) {
        fclose(fp);
        return -1;
    }
    return fclose(fp) == 0 ? 0 : -1;
}

/* Every setting the reports read, and a few they do not. */
static void
read_all(const aft_template *t)
{
    static const char *const keys[] = {"company", "footer", "logo", "title",
                                       "colors",  "text",   "",     "."};
    static const char *const colors[] = {"primary", "accent", "good",
                                         "warn",    "bad",    "muted"};
    static const char *const texts[] = {
        "title",        "summary_met",  "summary_breached",  "summary_na",
        "credits_none", "credits_owed", "incidents_summary", "no_incidents",
        "compare",      "policy",       "communication",     "unknown"};
    static const char *const vars[] = {
        "client", "Acme",   "month",  "November 2026", "target",
        "99.9%",  "actual", "99.95%", "count",         "3",
        "credit", "10%",    "",       "empty",         NULL};
    size_t i, n = 0;

    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = aft_template_get(t, keys[i]);
        n += v ? strlen(v) : 0;
    }
    for (i = 0; i < sizeof colors / sizeof colors[0]; i++)
        n += aft_template_color(t, colors[i], 0x123456);
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *s = aft_template_text(t, texts[i], vars);
        char *bare = aft_template_text(t, texts[i], NULL);

        n += (s ? strlen(s) : 0) + (bare ? strlen(bare) : 0);
        free(s);
        free(bare);
    }
    if (n == 42)
        fprintf(stderr, "42\n"); /* keeps n */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    aft_template *t;
    aft_error err;

    if (write_template(data, size) < 0)
        return 0;
    if (aft_template_load(&t, dir, &err) == AFT_OK) {
        read_all(t);
        aft_template_free(t);
    }
    return 0;
}
