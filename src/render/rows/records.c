/*
 * records.c - stored records written back in the native import format:
 * JSON, NDJSON or CSV. A record is first rebuilt as the JSON object it was
 * imported from (record_json), so export and import share one shape.
 */
#include <stdlib.h>
#include <string.h>

#include "aftercast/export.h"
#include "base/error.h"
#include "base/jsonw.h"
#include "model/record_csv.h"
#include "model/record_json.h"
#include "render/rows/csv_cell.h"

struct aft_record_writer {
    FILE *fp;
    aft_export_format fmt;
    jsonw w;
    int kind; /* the kind begun, or -1 */
};

static const char *const PLURAL[AFT_KIND_COUNT] = {"services", "clients",
                                                   "incidents", "maintenances"};

/* ---- CSV ---- */

/* Append s to buf with the list separators escaped. */
static void
escape_into(json_t *buf_holder, const char *s)
{
    const char *old = json_string_value(buf_holder);
    size_t n = strlen(old), m = strlen(s), k = n;
    char *b = malloc(n + 2 * m + 1);

    if (b == NULL)
        return;
    memcpy(b, old, n);
    for (; *s; s++) {
        if (*s == ';' || *s == '|' || *s == '\\')
            b[k++] = '\\';
        b[k++] = *s;
    }
    b[k] = '\0';
    json_string_set(buf_holder, b);
    free(b);
}

static void
append_raw(json_t *holder, const char *s)
{
    size_t n = strlen(json_string_value(holder));
    char *b = malloc(n + strlen(s) + 1);

    if (b == NULL)
        return;
    strcpy(b, json_string_value(holder));
    strcpy(b + n, s);
    json_string_set(holder, b);
    free(b);
}

static void
scalar_text(json_t *holder, json_t *v)
{
    char buf[40];

    if (json_is_string(v))
        escape_into(holder, json_string_value(v));
    else if (json_is_integer(v))
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v)),
            append_raw(holder, buf);
    else if (json_is_real(v))
        append_raw(holder, aft_format_real(buf, json_real_value(v)));
}

/* A list or struct column as one cell: entries ';', parts '|'. */
static void
csv_list(FILE *fp, const csv_col *col, json_t *arr, int first)
{
    json_t *cell = json_string(""), *v;
    size_t i;

    json_array_foreach(arr, i, v)
    {
        if (i > 0)
            append_raw(cell, ";");
        if (json_is_object(v) && col->parts != NULL) {
            size_t k, last = 0;
            for (k = 0; col->parts[k] != NULL; k++)
                if (json_object_get(v, col->parts[k]) != NULL)
                    last = k;
            for (k = 0; k <= last; k++) {
                if (k > 0)
                    append_raw(cell, "|");
                scalar_text(cell, json_object_get(v, col->parts[k]));
            }
        } else {
            scalar_text(cell, v);
        }
    }
    aft_rows__csv_list(fp, json_string_value(cell), first);
    json_decref(cell);
}

static void
csv_record(FILE *fp, aft_kind kind, json_t *o)
{
    size_t n, i;
    const csv_col *cols = aft_csv_columns(kind, &n);
    char buf[40];

    for (i = 0; i < n; i++) {
        json_t *v = json_object_get(o, cols[i].name);
        if (v == NULL)
            aft_rows__csv_cell(fp, "", i == 0);
        else if (json_is_array(v))
            csv_list(fp, &cols[i], v, i == 0);
        else if (json_is_string(v))
            aft_rows__csv_text(fp, json_string_value(v), i == 0);
        else if (json_is_integer(v)) {
            snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
            aft_rows__csv_cell(fp, buf, i == 0);
        } else
            aft_rows__csv_cell(fp, aft_format_real(buf, json_real_value(v)),
                               i == 0);
    }
    fputs("\r\n", fp);
}

/* ---- the writer ---- */

int
aft_record_writer_new(aft_record_writer **out, FILE *fp, aft_export_format fmt,
                      aft_error *err)
{
    aft_record_writer *w = calloc(1, sizeof *w);

    *out = NULL;
    if (w == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    w->fp = fp;
    w->fmt = fmt;
    w->kind = -1;
    jw_init(&w->w, fp);
    if (fmt == AFT_EXPORT_JSON)
        jw_object(&w->w);
    *out = w;
    return AFT_OK;
}

void
aft_record_writer_free(aft_record_writer *w)
{
    free(w);
}

/* Close the array of the kind begun (JSON). */
static void
end_kind(aft_record_writer *w)
{
    if (w->kind >= 0 && w->fmt == AFT_EXPORT_JSON) {
        jw_newline(&w->w);
        jw_array_end(&w->w);
    }
}

int
aft_record_writer_begin(aft_record_writer *w, aft_kind kind, aft_error *err)
{
    size_t n, i;

    if (w->kind >= 0 && w->fmt == AFT_EXPORT_CSV)
        return aft_error_set(err, AFT_EINVALID,
                             "CSV holds one kind a file: name the kind");
    end_kind(w);
    w->kind = (int)kind;
    if (w->fmt == AFT_EXPORT_JSON) {
        jw_key(&w->w, PLURAL[kind]);
        jw_array(&w->w);
    } else if (w->fmt == AFT_EXPORT_CSV) {
        const csv_col *cols = aft_csv_columns(kind, &n);
        for (i = 0; i < n; i++)
            aft_rows__csv_cell(w->fp, cols[i].name, i == 0);
        fputs("\r\n", w->fp);
    }
    return AFT_OK;
}

/* One NDJSON line: the kind, then the record's own members. */
static void
ndjson_record(jsonw *w, FILE *fp, aft_kind kind, json_t *o)
{
    const char *k;
    json_t *v;

    jw_init(w, fp);
    jw_object(w);
    jw_key(w, "kind");
    jw_string(w, aft_kind_str(kind));
    json_object_foreach(o, k, v)
    {
        jw_key(w, k);
        jw_value(w, v);
    }
    jw_object_end(w);
    jw_newline(w);
}

int
aft_record_writer_add(aft_record_writer *w, aft_kind kind, const void *record,
                      aft_error *err)
{
    json_t *o;

    if ((int)kind != w->kind)
        return aft_error_set(err, AFT_EINVALID, "a '%s' record among %s",
                             aft_kind_str(kind),
                             w->kind < 0 ? "no kind begun" : PLURAL[w->kind]);
    if ((o = aft_record_json(kind, record)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    switch (w->fmt) {
    case AFT_EXPORT_JSON:
        jw_next_line(&w->w);
        jw_value(&w->w, o);
        break;
    case AFT_EXPORT_NDJSON:
        ndjson_record(&w->w, w->fp, kind, o);
        break;
    default:
        csv_record(w->fp, kind, o);
    }
    json_decref(o);
    if (ferror(w->fp))
        return aft_error_set(err, AFT_EIO, "write error");
    return AFT_OK;
}

int
aft_record_writer_finish(aft_record_writer *w, aft_error *err)
{
    end_kind(w);
    w->kind = -1;
    if (w->fmt == AFT_EXPORT_JSON) {
        jw_object_end(&w->w);
        jw_newline(&w->w);
    }
    if (fflush(w->fp) != 0 || ferror(w->fp))
        return aft_error_set(err, AFT_EIO, "write error");
    return AFT_OK;
}
