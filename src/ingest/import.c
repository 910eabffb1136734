/*
 * import.c - one import: open each file, ask detect.c for its format, hand
 * it to that format's reader (which delivers to the sink), and commit the
 * whole or roll it back.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/escape.h"
#include "ingest/detect.h"
#include "ingest/native_csv.h"
#include "ingest/native_json.h"
#include "ingest/ndjson.h"
#include "ingest/pagerduty.h"
#include "ingest/sink.h"
#include "ingest/statuspage.h"
#include "store/store_int.h"

/* A JSON document: native, or Statuspage. */
static int
read_document(aft_sink *s, FILE *fp, aft_error *err)
{
    json_t *doc;
    int rc;

    if ((rc = aft_native_json__load(&doc, s, fp, err)) < 0)
        return rc;
    if (aft_detect__document(s->opts->format, doc) == AFT_FORMAT_STATUSPAGE)
        rc = aft_statuspage__read(s, doc, err);
    else
        rc = aft_native_json__read(s, doc, err);
    json_decref(doc);
    return rc;
}

/* One CSV file: its header decides the reader of its rows. */
typedef struct csv_file {
    aft_sink *sink;
    aft_format format; /* chosen at the header */
    aft_native_csv native;
    aft_pagerduty pagerduty;
} csv_file;

static int
csv_row(const aft_csv_row *row, void *payload, aft_error *err)
{
    csv_file *c = payload;

    if (row->index == 0) {
        if (aft_csv_table_nul(row) < row->n)
            return aft_error_set(err, AFT_EINVALID,
                                 "%s:%zu: NUL character not allowed in the "
                                 "header",
                                 c->sink->pb.file, row->line);
        c->format = aft_detect__csv_header(c->sink->opts->format, row);
        if (c->format == AFT_FORMAT_PAGERDUTY)
            return aft_pagerduty__header(&c->pagerduty, c->sink, row, err);
        return aft_native_csv__header(&c->native, c->sink, row, err);
    }
    if (c->format == AFT_FORMAT_PAGERDUTY)
        return aft_pagerduty__row(&c->pagerduty, c->sink, row, err);
    return aft_native_csv__row(&c->native, c->sink, row, err);
}

static int
read_csv(aft_sink *s, FILE *fp, aft_error *err)
{
    csv_file c;
    int rc;

    memset(&c, 0, sizeof c);
    c.sink = s;
    rc = aft_csv_table_read(fp, s->pb.file, csv_row, &c, err);
    aft_native_csv__free(&c.native);
    aft_pagerduty__free(&c.pagerduty);
    return rc;
}

static int
import_file(aft_sink *s, const char *path, aft_error *err)
{
    FILE *fp = fopen(path, "rb");
    int rc;

    if (fp == NULL)
        return aft_error_set(err, AFT_EIO, "cannot open '%s': %s", path,
                             strerror(errno));
    aft_sink__file(s, path);
    switch (aft_detect__stream(s->opts->format, fp)) {
    case AFT_FORMAT_NDJSON:
        rc = aft_ndjson__read(s, fp, err);
        break;
    case AFT_FORMAT_CSV:
    case AFT_FORMAT_PAGERDUTY:
        rc = read_csv(s, fp, err);
        break;
    default:
        rc = read_document(s, fp, err);
    }
    if (rc == AFT_OK && ferror(fp))
        rc = aft_error_set(err, AFT_EIO, "cannot read '%s'", path);
    fclose(fp);
    return rc;
}

/* The closing note on Statuspage incidents left out for lack of impact. */
static void
notice_no_impact(const aft_import_opts *opts, size_t n)
{
    char line[128];

    if (n == 0 || opts->notice == NULL)
        return;
    snprintf(line, sizeof line,
             "skipped %zu Statuspage incident%s with no "
             "impact",
             n, n == 1 ? "" : "s");
    opts->notice(line, opts->notice_payload);
}

int
aft_import_files(aft_store *store, const char *const *paths, size_t n,
                 const aft_import_opts *opts, aft_import_stats *stats,
                 aft_error *err)
{
    aft_sink s;
    size_t i;
    int rc;

    if ((rc = aft_sink__open(&s, store, opts, stats, err)) < 0)
        return rc;
    if ((rc = aft_store__begin(store, err)) < 0)
        goto done;
    for (i = 0; i < n && rc == AFT_OK; i++)
        rc = import_file(&s, paths[i], err);
    if (rc == AFT_OK)
        rc = aft_sink__finish(&s, err);
    if (rc == AFT_OK && stats->bad > 0 && !opts->skip_invalid)
        rc = aft_error_set(err, AFT_EINVALID,
                           "%zu bad record%s; nothing was imported", stats->bad,
                           stats->bad == 1 ? "" : "s");
    if (rc == AFT_OK) {
        stats->skipped = stats->bad;
        rc = aft_store__commit(store, err);
    }
    if (rc == AFT_OK)
        notice_no_impact(opts, stats->no_impact);
done:
    if (rc < 0 && err != NULL) { /* the message may quote input */
        char raw[sizeof err->message];
        memcpy(raw, err->message, sizeof raw);
        aft_escape(err->message, sizeof err->message, raw);
    }
    if (rc < 0) {
        aft_store__rollback(store);
        memset(stats->imported, 0, sizeof stats->imported);
    }
    aft_sink__close(&s);
    return rc;
}
