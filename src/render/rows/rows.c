/*
 * rows.c - availability and metrics rows in their documented shapes:
 * JSON ({"period", "as_of", "rows"}) or CSV with the same fields as
 * columns.
 */
#include <stdlib.h>
#include <string.h>

#include "aftercast/export.h"
#include "base/error.h"
#include "base/jsonw.h"
#include "render/rows/csv_cell.h"

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
                     "client", r->client_id, "service",
                     r->service_id ? json_string(r->service_id) : json_null(),
                     "window_start", aft_instant_format(a, r->window.start),
                     "window_end", aft_instant_format(b, r->window.end),
                     "eligible_seconds", (json_int_t)s->eligible_s,
                     "excluded_seconds", (json_int_t)s->excluded_s,
                     "downtime_seconds", s->downtime_s, "major_seconds",
                     (json_int_t)s->major_s, "partial_seconds",
                     (json_int_t)s->partial_s, "degraded_seconds",
                     (json_int_t)s->degraded_s, "availability",
                     real_or_null(s->has_availability, s->availability),
                     "target", s->target, "met",
                     s->has_availability ? json_boolean(s->met) : json_null(),
                     "budget_seconds", s->budget_s, "budget_remaining_seconds",
                     s->budget_remaining_s, "credit_percent",
                     s->credit_percent);
}

static json_t *
metrics_json(const aft_metrics_row *r)
{
    const aft_metrics *m = &r->m;

    return json_pack("{s:s,s:I,s:{s:I,s:I,s:I,s:I},s:o,s:o,s:o,s:o,s:o,s:o,"
                     "s:I,s:I,s:I}",
                     "client", r->client_id, "incidents",
                     (json_int_t)m->incidents, "by_severity", "sev1",
                     (json_int_t)m->by_severity[AFT_SEV1], "sev2",
                     (json_int_t)m->by_severity[AFT_SEV2], "sev3",
                     (json_int_t)m->by_severity[AFT_SEV3], "sev4",
                     (json_int_t)m->by_severity[AFT_SEV4], "mttd_seconds",
                     real_or_null(m->has_mttd, m->mttd_s), "mtta_seconds",
                     real_or_null(m->has_mtta, m->mtta_s), "mttr_seconds",
                     real_or_null(m->has_mttr, m->mttr_s), "mttr_p50_seconds",
                     m->has_mttr ? json_integer(m->mttr_p50_s) : json_null(),
                     "mttr_p90_seconds",
                     m->has_mttr ? json_integer(m->mttr_p90_s) : json_null(),
                     "mean_first_update_seconds",
                     real_or_null(m->has_first_update, m->mean_first_update_s),
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

    json_object_foreach(o, k, v)
    {
        if (json_is_object(v)) {
            csv_flat(fp, v, header, first);
            continue;
        }
        if (header)
            aft_rows__csv_cell(fp, k, *first);
        else if (json_is_string(v))
            aft_rows__csv_text(fp, json_string_value(v), *first);
        else if (json_is_integer(v)) {
            snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
            aft_rows__csv_cell(fp, buf, *first);
        } else if (json_is_real(v))
            aft_rows__csv_cell(fp, aft_format_real(buf, json_real_value(v)),
                               *first);
        else if (json_is_boolean(v))
            aft_rows__csv_cell(fp, json_is_true(v) ? "true" : "false", *first);
        else
            aft_rows__csv_cell(fp, "", *first);
        *first = 0;
    }
}

typedef json_t *(*row_fn)(const void *rows, size_t i);

static json_t *
avail_at(const void *rows, size_t i)
{
    return avail_json((const aft_avail_row *)rows + i);
}

static json_t *
metrics_at(const void *rows, size_t i)
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
                       const aft_avail_row *rows, size_t n, const char *period,
                       int64_t as_of, aft_error *err)
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
aft_write_metrics(FILE *out, aft_export_format fmt, const aft_metrics_row *rows,
                  size_t n, const char *period, int64_t as_of, aft_error *err)
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
