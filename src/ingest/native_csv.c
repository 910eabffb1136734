/*
 * native_csv.c - native CSV files: the header row names the kind, and each
 * row is rebuilt as the JSON record it stands for, so that one validator
 * serves every format.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "ingest/native_csv.h"

/* Split s at unescaped sep; each piece unescaped. Returns a JSON array
 * of strings. */
static json_t *
split(const char *s, char sep)
{
    json_t *arr = json_array();
    char *buf = malloc(strlen(s) + 1);
    size_t k = 0;

    if (arr == NULL || buf == NULL) {
        free(buf);
        json_decref(arr);
        return NULL;
    }
    for (;; s++) {
        if (*s == '\\' && s[1] != '\0') {
            buf[k++] = *++s;
            continue;
        }
        if (*s == sep || *s == '\0') {
            buf[k] = '\0';
            json_array_append_new(arr, json_string(buf));
            k = 0;
            if (*s == '\0')
                break;
            continue;
        }
        buf[k++] = *s;
    }
    free(buf);
    return arr;
}

/* Split at unescaped sep, keeping escapes (for the outer ';' level). */
static json_t *
split_raw(const char *s, char sep)
{
    json_t *arr = json_array();
    const char *start = s;

    for (;; s++) {
        if (*s == '\\' && s[1] != '\0') {
            s++;
            continue;
        }
        if (*s == sep || *s == '\0') {
            json_array_append_new(arr,
                                  json_stringn(start, (size_t)(s - start)));
            if (*s == '\0')
                break;
            start = s + 1;
        }
    }
    return arr;
}

static int
in_list(const char *const *list, const char *s)
{
    for (; list != NULL && *list != NULL; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

/* A number cell as a JSON number, or left as text for the validator to
 * reject with the field's name (so is "nan" or "inf", which JSON cannot
 * hold: json_real() would return NULL and the field would go missing). */
static json_t *
number_or_text(const char *s)
{
    char *end;
    double d = strtod(s, &end);

    if (end != s && *end == '\0' && isfinite(d))
        return json_real(d);
    return json_string(s);
}

static json_t *
struct_entry(const csv_col *col, const char *entry)
{
    json_t *parts = split(entry, '|'), *obj, *v;
    size_t i;

    if (parts == NULL)
        return NULL;
    /* A bare id stands for itself (client services). */
    if (json_array_size(parts) == 1 && strcmp(col->parts[0], "id") == 0) {
        v = json_incref(json_array_get(parts, 0));
        json_decref(parts);
        return v;
    }
    obj = json_object();
    json_array_foreach(parts, i, v)
    {
        const char *name = col->parts[i], *s = json_string_value(v);
        if (name == NULL)
            break; /* extra parts: ignored */
        if (*s == '\0')
            continue;
        json_object_set_new(obj, name,
                            in_list(col->numeric, name) ? number_or_text(s)
                                                        : json_string(s));
    }
    json_decref(parts);
    return obj;
}

static json_t *
cell_value(const csv_col *col, const char *s)
{
    json_t *arr, *out, *v;
    size_t i;

    switch (col->type) {
    case CSV_NUM:
        return number_or_text(s);
    case CSV_LIST:
        return split(s, ';');
    case CSV_STRUCT:
        arr = split_raw(s, ';');
        out = json_array();
        json_array_foreach(arr, i, v)
            json_array_append_new(out, struct_entry(col, json_string_value(v)));
        json_decref(arr);
        return out;
    default:
        /* Undo the writer's formula guard. */
        if (s[0] == '\'' && aft_csv_needs_guard(s + 1))
            s++;
        return json_string(s);
    }
}

/* The kind whose columns the header names: incidents and maintenances by
 * their start columns, clients by a column services lack. */
static aft_kind
kind_of(const aft_csv_row *h)
{
    aft_kind k = AFT_KIND_SERVICE;
    size_t i;

    for (i = 0; i < h->n; i++) {
        const char *name = h->cells[i].s;
        if (strcmp(name, "started_at") == 0)
            k = AFT_KIND_INCIDENT;
        else if (strcmp(name, "scheduled_start") == 0)
            k = AFT_KIND_MAINTENANCE;
    }
    if (k == AFT_KIND_SERVICE)
        for (i = 0; i < h->n; i++)
            if (aft_csv_column(AFT_KIND_CLIENT, h->cells[i].s) != NULL
                && aft_csv_column(AFT_KIND_SERVICE, h->cells[i].s) == NULL)
                k = AFT_KIND_CLIENT;
    return k;
}

int
aft_native_csv__header(aft_native_csv *r, aft_sink *s,
                       const aft_csv_row *header, aft_error *err)
{
    aft_kind k = kind_of(header);
    size_t i;

    memset(r, 0, sizeof *r);
    if (header->n == 0 || aft_csv_column(k, "id") == NULL)
        return aft_error_set(err, AFT_EINVALID,
                             "%s:1: not an aftercast CSV header (want the "
                             "columns of services, clients, incidents or "
                             "maintenances)",
                             s->pb.file);
    for (i = 0; i < header->n; i++)
        if (strcmp(header->cells[i].s, "id") == 0)
            break;
    if (i == header->n)
        return aft_error_set(err, AFT_EINVALID,
                             "%s:1: the header has no 'id' column", s->pb.file);
    if ((r->map = calloc(header->n + 1, sizeof *r->map)) == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < header->n; i++)
        r->map[i] = aft_csv_column(k, header->cells[i].s);
    r->n_map = header->n;
    r->kind = k;
    return AFT_OK;
}

int
aft_native_csv__row(aft_native_csv *r, aft_sink *s, const aft_csv_row *row,
                    aft_error *err)
{
    json_t *obj;
    size_t i;
    int rc;

    aft_sink__line(s, row->line);
    if ((i = aft_csv_table_bad_utf8(row)) < row->n) {
        aft_sink__reject(s, i < r->n_map && r->map[i] ? r->map[i]->name : NULL,
                         "text is not UTF-8");
        return AFT_OK;
    }
    if ((i = aft_csv_table_nul(row)) < row->n) {
        aft_sink__reject(s, i < r->n_map && r->map[i] ? r->map[i]->name : NULL,
                         "NUL character not allowed");
        return AFT_OK;
    }
    obj = json_object();
    for (i = 0; i < row->n && i < r->n_map; i++)
        if (r->map[i] != NULL && row->cells[i].n > 0)
            json_object_set_new(obj, r->map[i]->name,
                                cell_value(r->map[i], row->cells[i].s));
    rc = aft_sink__record(s, r->kind, obj, err);
    json_decref(obj);
    return rc;
}

void
aft_native_csv__free(aft_native_csv *r)
{
    free(r->map);
    r->map = NULL;
    r->n_map = 0;
}
