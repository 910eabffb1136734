/*
 * sink_state.c - the sink's state without the store: open and close it,
 * say where in the input a record is, and reject a record with a reason.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ingest/sink.h"

int
aft_sink__open(aft_sink *s, aft_store *store, const aft_import_opts *opts,
               aft_import_stats *stats, aft_error *err)
{
    memset(stats, 0, sizeof *stats);
    memset(s, 0, sizeof *s);
    s->store = store;
    s->opts = opts;
    s->stats = stats;
    s->pb.fn = opts->report;
    s->pb.payload = opts->report_payload;
    if (opts->tz != NULL)
        return aft_tz_load(&s->tz, opts->tz, err);
    return AFT_OK;
}

void
aft_sink__close(aft_sink *s)
{
    aft_arena_free(&s->arena);
    aft_tz_free(s->tz);
    json_decref(s->derived);
    json_decref(s->page);
}

void
aft_sink__file(aft_sink *s, const char *path)
{
    s->pb.file = path;
    s->pb.loc[0] = '\0';
    s->pb.loc_is_line = 0;
}

void
aft_sink__line(aft_sink *s, size_t line)
{
    snprintf(s->pb.loc, sizeof s->pb.loc, "%zu", line);
    s->pb.loc_is_line = 1;
}

void
aft_sink__place(aft_sink *s, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(s->pb.loc, sizeof s->pb.loc, fmt, ap);
    va_end(ap);
    s->pb.loc_is_line = 0;
}

void
aft_sink__reject(aft_sink *s, const char *field, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    aft_problem(&s->pb, field, "%s", msg);
    s->stats->bad++;
}
