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
    char reports[16384]; /* every report line, newline-separated */
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

static TU_UNUSED int
export_one(aft_kind kind, const void *record, void *payload)
{
    return aft_record_writer_add(payload, kind, record, NULL) < 0;
}

/* Every stored record of kind (-1: all kinds) written to fp as fmt, as
 * `aftercast export` does. */
static TU_UNUSED int
fixture_export(FILE *fp, aft_store *store, int kind, aft_export_format fmt)
{
    aft_record_writer *w;
    int k, rc;

    if ((rc = aft_record_writer_new(&w, fp, fmt, NULL)) < 0)
        return rc;
    for (k = 0; k < AFT_KIND_COUNT && rc == AFT_OK; k++)
        if (kind < 0 || k == kind)
            if ((rc = aft_record_writer_begin(w, (aft_kind)k, NULL)) == AFT_OK)
                rc = aft_store_each(store, (aft_kind)k, export_one, w, NULL);
    if (rc == AFT_OK)
        rc = aft_record_writer_finish(w, NULL);
    aft_record_writer_free(w);
    return rc;
}

/* Everything stored, as the JSON export; the caller frees it. */
static TU_UNUSED char *
fixture_dump(fixture *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    if (fp == NULL || fixture_export(fp, f->store, -1, AFT_EXPORT_JSON) != 0)
        abort();
    fclose(fp);
    return buf;
}

#endif
