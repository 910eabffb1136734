/*
 * testutil.h - temporary files, a store, imports with captured reports.
 */
#ifndef AFT_TESTUTIL_H
#define AFT_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aftercast/aftercast.h"

#if defined(__GNUC__)
#define TU_UNUSED __attribute__((unused))
#else
#define TU_UNUSED
#endif

typedef struct fixture {
    char dir[64];
    char db[128];
    aft_store *store;
    char reports[16384];   /* every report line, newline-separated */
    int nreports;
} fixture;

static TU_UNUSED void
on_report(const char *msg, void *payload)
{
    fixture *f = payload;
    size_t n = strlen(f->reports);

    snprintf(f->reports + n, sizeof f->reports - n, "%s\n", msg);
    f->nreports++;
}

static TU_UNUSED fixture *
fixture_new(void)
{
    fixture *f = calloc(1, sizeof *f);

    snprintf(f->dir, sizeof f->dir, "/tmp/aft-test-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        abort();
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    if (aft_store_open(&f->store, f->db, AFT_STORE_CREATE, NULL) != AFT_OK)
        abort();
    return f;
}

static TU_UNUSED void
fixture_free(fixture *f)
{
    char cmd[160];

    aft_store_close(f->store);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        abort();
    free(f);
}

/* Write text to DIR/name; returns the path (static buffer rotation). */
static TU_UNUSED const char *
fixture_file(fixture *f, const char *name, const char *text)
{
    static char paths[8][192];
    static int k;
    char *p = paths[k++ % 8];
    FILE *fp;

    snprintf(p, 192, "%s/%s", f->dir, name);
    if ((fp = fopen(p, "wb")) == NULL)
        abort();
    fputs(text, fp);
    fclose(fp);
    return p;
}

/* Import paths; reports land in f->reports. */
static TU_UNUSED int
fixture_import(fixture *f, const char *const *paths, size_t n, int skip,
               const char *tz, aft_import_stats *st, aft_error *err)
{
    aft_import_opts o;
    aft_import_stats tmp;

    memset(&o, 0, sizeof o);
    o.skip_invalid = skip;
    o.tz = tz;
    o.report = on_report;
    o.report_payload = f;
    f->reports[0] = '\0';
    f->nreports = 0;
    return aft_import_files(f->store, paths, n, &o, st ? st : &tmp, err);
}

static TU_UNUSED int
fixture_import1(fixture *f, const char *path, aft_error *err)
{
    return fixture_import(f, &path, 1, 0, NULL, NULL, err);
}

/* Everything stored, as the JSON export; the caller frees it. */
static TU_UNUSED char *
fixture_dump(fixture *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    if (fp == NULL || aft_export(fp, f->store, -1, AFT_EXPORT_JSON, NULL) != 0)
        abort();
    fclose(fp);
    return buf;
}

#endif
