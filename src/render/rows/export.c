/*
 * export.c - records and computed rows as JSON, NDJSON and CSV.
 *
 * A record is first rebuilt as the JSON object it was imported from; the
 * JSON writers stream that object, and the CSV writer lays it out in the
 * native CSV columns. Export and import therefore share one shape.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aftercast/export.h"
#include "model/record_csv.h"
#include "model/record_json.h"
#include "base/error.h"
#include "base/jsonw.h"

/* ---- CSV cells ---- */

/* One RFC 4180 field: quoted when it holds a comma, quote or newline. */
static void
csv_cell(FILE *fp, const char *s, int first)
{
    if (!first)
        fputc(',', fp);
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

/* A text cell from input: guarded against formula injection. */
static void
csv_text(FILE *fp, const char *s, int first)
{
    char *g;

    if (!aft_csv_needs_guard(s) || (g = malloc(strlen(s) + 2)) == NULL) {
        csv_cell(fp, s, first);
        return;
    }
    g[0] = '\'';
    strcpy(g + 1, s);
    csv_cell(fp, g, first);
    free(g);
}

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

    json_array_foreach(arr, i, v) {
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
    csv_cell(fp, json_string_value(cell), first);
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
            csv_cell(fp, "", i == 0);
        else if (json_is_array(v))
            csv_list(fp, &cols[i], v, i == 0);
        else if (json_is_string(v))
            csv_text(fp, json_string_value(v), i == 0);
        else if (json_is_integer(v)) {
            snprintf(buf, sizeof buf, "%lld",
                     (long long)json_integer_value(v));
            csv_cell(fp, buf, i == 0);
        } else
            csv_cell(fp, aft_format_real(buf, json_real_value(v)), i == 0);
    }
    fputs("\r\n", fp);
}

/* ---- export ---- */

typedef struct export_ctx {
    FILE             *fp;
    aft_export_format fmt;
    jsonw             w;
    size_t            n;
} export_ctx;

static const char *const PLURAL[AFT_KIND_COUNT] = {
    "services", "clients", "incidents", "maintenances"
};

static int
export_one(aft_kind kind, const void *rec, void *payload)
{
    export_ctx *x = payload;
    json_t *o = aft_record_json(kind, rec);

    if (o == NULL)
        return 1;
    switch (x->fmt) {
    case AFT_EXPORT_JSON:
        jw_next_line(&x->w);
        jw_value(&x->w, o);
        break;
    case AFT_EXPORT_NDJSON:
        jw_init(&x->w, x->fp);
        jw_object(&x->w);
        jw_key(&x->w, "kind");
        jw_string(&x->w, aft_kind_str(kind));
        {
            const char *k;
            json_t *v;
            json_object_foreach(o, k, v) {
                jw_key(&x->w, k);
                jw_value(&x->w, v);
            }
        }
        jw_object_end(&x->w);
        jw_newline(&x->w);
        break;
    default:
        csv_record(x->fp, kind, o);
    }
    json_decref(o);
    x->n++;
    return ferror(x->fp) ? 1 : 0;
}

static int
export_kind(export_ctx *x, aft_store *store, aft_kind kind, aft_error *err)
{
    size_t n, i;
    int rc;

    if (x->fmt == AFT_EXPORT_JSON) {
        jw_key(&x->w, PLURAL[kind]);
        jw_array(&x->w);
    } else if (x->fmt == AFT_EXPORT_CSV) {
        const csv_col *cols = aft_csv_columns(kind, &n);
        for (i = 0; i < n; i++)
            csv_cell(x->fp, cols[i].name, i == 0);
        fputs("\r\n", x->fp);
    }
    rc = aft_store_each(store, kind, export_one, x, err);
    if (x->fmt == AFT_EXPORT_JSON) {
        jw_newline(&x->w);
        jw_array_end(&x->w);
    }
    return rc;
}

int
aft_export(FILE *out, aft_store *store, int kind, aft_export_format fmt,
           aft_error *err)
{
    export_ctx x = {out, fmt, {0}, 0};
    int k, rc = AFT_OK;

    if (kind < 0 && fmt == AFT_EXPORT_CSV)
        return aft_error_set(err, AFT_EINVALID,
                             "CSV holds one kind a file: name the kind");
    jw_init(&x.w, out);
    if (fmt == AFT_EXPORT_JSON)
        jw_object(&x.w);
    for (k = 0; k < AFT_KIND_COUNT && rc == AFT_OK; k++)
        if (kind < 0 || k == kind)
            rc = export_kind(&x, store, (aft_kind)k, err);
    if (fmt == AFT_EXPORT_JSON) {
        jw_object_end(&x.w);
        jw_newline(&x.w);
    }
    if (rc == AFT_OK && ferror(out))
        rc = aft_error_set(err, AFT_EIO, "write error");
    return rc;
}

/* ---- availability and metrics ---- */

static json_t *
real_or_null(int has, double v)
{
    return has ? json_real(v) : json_null();
}

/* An availability row as an object with the documented keys, in order. */
static json_t *
avail_json(const aft_avail_row *r)
{
    const aft_sla_result *s = &r->r;
    char a[AFT_INSTANT_BUFSZ], b[AFT_INSTANT_BUFSZ];

    return json_pack("{s:s,s:o,s:s,s:s,s:I,s:I,s:f,s:I,s:I,s:I,s:o,s:f,"
                     "s:o,s:f,s:f,s:f}",
                     "client", r->client_id,
                     "service", r->service_id ? json_string(r->service_id)
                                              : json_null(),
                     "window_start", aft_instant_format(a, r->window.start),
                     "window_end", aft_instant_format(b, r->window.end),
                     "eligible_seconds", (json_int_t)s->eligible_s,
                     "excluded_seconds", (json_int_t)s->excluded_s,
                     "downtime_seconds", s->downtime_s,
                     "major_seconds", (json_int_t)s->major_s,
                     "partial_seconds", (json_int_t)s->partial_s,
                     "degraded_seconds", (json_int_t)s->degraded_s,
                     "availability", real_or_null(s->has_availability,
                                                  s->availability),
                     "target", s->target,
                     "met", s->has_availability ? json_boolean(s->met)
                                                : json_null(),
                     "budget_seconds", s->budget_s,
                     "budget_remaining_seconds", s->budget_remaining_s,
                     "credit_percent", s->credit_percent);
}

static json_t *
metrics_json(const aft_metrics_row *r)
{
    const aft_metrics *m = &r->m;

    return json_pack("{s:s,s:I,s:{s:I,s:I,s:I,s:I},s:o,s:o,s:o,s:o,s:o,s:o,"
                     "s:I,s:I,s:I}",
                     "client", r->client_id,
                     "incidents", (json_int_t)m->incidents,
                     "by_severity",
                     "sev1", (json_int_t)m->by_severity[AFT_SEV1],
                     "sev2", (json_int_t)m->by_severity[AFT_SEV2],
                     "sev3", (json_int_t)m->by_severity[AFT_SEV3],
                     "sev4", (json_int_t)m->by_severity[AFT_SEV4],
                     "mttd_seconds", real_or_null(m->has_mttd, m->mttd_s),
                     "mtta_seconds", real_or_null(m->has_mtta, m->mtta_s),
                     "mttr_seconds", real_or_null(m->has_mttr, m->mttr_s),
                     "mttr_p50_seconds", m->has_mttr
                         ? json_integer(m->mttr_p50_s) : json_null(),
                     "mttr_p90_seconds", m->has_mttr
                         ? json_integer(m->mttr_p90_s) : json_null(),
                     "mean_first_update_seconds",
                     real_or_null(m->has_first_update,
                                  m->mean_first_update_s),
                     "update_breaches", (json_int_t)m->update_breaches,
                     "maintenances", (json_int_t)m->maintenances,
                     "maintenances_announced",
                     (json_int_t)m->maintenances_announced);
}

/* CSV header or cells of a row object; nested objects are flattened to
 * their members. */
static void
csv_flat(FILE *fp, json_t *o, int header, int *first)
{
    const char *k;
    json_t *v;
    char buf[40];

    json_object_foreach(o, k, v) {
        if (json_is_object(v)) {
            csv_flat(fp, v, header, first);
            continue;
        }
        if (header)
            csv_cell(fp, k, *first);
        else if (json_is_string(v))
            csv_text(fp, json_string_value(v), *first);
        else if (json_is_integer(v)) {
            snprintf(buf, sizeof buf, "%lld",
                     (long long)json_integer_value(v));
            csv_cell(fp, buf, *first);
        } else if (json_is_real(v))
            csv_cell(fp, aft_format_real(buf, json_real_value(v)), *first);
        else if (json_is_boolean(v))
            csv_cell(fp, json_is_true(v) ? "true" : "false", *first);
        else
            csv_cell(fp, "", *first);
        *first = 0;
    }
}

typedef json_t *(*row_fn)(const void *rows, size_t i);

static json_t *avail_at(const void *rows, size_t i)
{
    return avail_json((const aft_avail_row *)rows + i);
}

static json_t *metrics_at(const void *rows, size_t i)
{
    return metrics_json((const aft_metrics_row *)rows + i);
}

/* With labels, each row starts with its own "period". */
static json_t *
labelled(json_t *o, const char *const *labels, size_t i)
{
    json_t *x;

    if (labels == NULL || o == NULL)
        return o;
    x = json_pack("{s:s}", "period", labels[i] ? labels[i] : "");
    json_object_update(x, o);
    json_decref(o);
    return x;
}

static int
write_rows(FILE *out, aft_export_format fmt, const void *rows, size_t n,
           row_fn row, json_t *empty, const char *const *labels,
           const char *period, int64_t as_of, aft_error *err)
{
    char buf[AFT_INSTANT_BUFSZ];
    size_t i;
    jsonw w;
    int first;

    if (fmt == AFT_EXPORT_CSV) {
        first = 1;
        empty = labelled(json_incref(empty), labels, 0);
        csv_flat(out, empty, 1, &first);
        json_decref(empty);
        fputs("\r\n", out);
    } else {
        jw_init(&w, out);
        jw_object(&w);
        jw_key(&w, "period");
        jw_string(&w, period);
        jw_key(&w, "as_of");
        jw_string(&w, aft_instant_format(buf, as_of));
        jw_key(&w, "rows");
        jw_array(&w);
    }
    for (i = 0; i < n; i++) {
        json_t *o = labelled(row(rows, i), labels, i);
        if (o == NULL)
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        if (fmt == AFT_EXPORT_CSV) {
            first = 1;
            csv_flat(out, o, 0, &first);
            fputs("\r\n", out);
        } else {
            jw_next_line(&w);
            jw_value(&w, o);
        }
        json_decref(o);
    }
    if (fmt != AFT_EXPORT_CSV) {
        jw_newline(&w);
        jw_array_end(&w);
        jw_object_end(&w);
        jw_newline(&w);
    }
    if (ferror(out))
        return aft_error_set(err, AFT_EIO, "write error");
    return AFT_OK;
}

int
aft_write_availability(FILE *out, aft_export_format fmt,
                       const aft_avail_row *rows, size_t n,
                       const char *period, int64_t as_of, aft_error *err)
{
    return aft_write_availability_periods(out, fmt, rows, NULL, n, period,
                                          as_of, err);
}

int
aft_write_availability_periods(FILE *out, aft_export_format fmt,
                               const aft_avail_row *rows,
                               const char *const *labels, size_t n,
                               const char *period, int64_t as_of,
                               aft_error *err)
{
    aft_avail_row blank = {"", NULL, {0, 0}, {0}};
    json_t *empty = avail_json(&blank);
    int rc = write_rows(out, fmt, rows, n, avail_at, empty, labels, period,
                        as_of, err);

    json_decref(empty);
    return rc;
}

int
aft_write_metrics(FILE *out, aft_export_format fmt,
                  const aft_metrics_row *rows, size_t n, const char *period,
                  int64_t as_of, aft_error *err)
{
    return aft_write_metrics_periods(out, fmt, rows, NULL, n, period, as_of,
                                     err);
}

int
aft_write_metrics_periods(FILE *out, aft_export_format fmt,
                          const aft_metrics_row *rows,
                          const char *const *labels, size_t n,
                          const char *period, int64_t as_of, aft_error *err)
{
    aft_metrics_row blank = {"", {0}};
    json_t *empty = metrics_json(&blank);
    int rc = write_rows(out, fmt, rows, n, metrics_at, empty, labels, period,
                        as_of, err);

    json_decref(empty);
    return rc;
}
