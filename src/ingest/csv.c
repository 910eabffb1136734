/*
 * ingest_csv.c - native CSV files: the header row names the kind, and each
 * row is rebuilt as the JSON record it stands for, so that one validator
 * serves every format.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "model/record_csv.h"
#include "base/error.h"
#include "ingest/ingest_int.h"

typedef struct cell {
    char  *s;
    size_t n;
} cell;

typedef struct csv_state {
    aft_ingest     *g;
    aft_error      *err;
    int             rc;
    cell           *cells;
    size_t          n, cap;
    size_t          line, row_line;
    int             have_kind;
    aft_kind        kind;
    const csv_col **map;     /* column of each header position, or NULL */
    size_t          n_map;
    json_t         *names;   /* header names (PagerDuty rows) */
    int             pagerduty;
} csv_state;

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
            json_array_append_new(arr, json_stringn(start,
                                                    (size_t)(s - start)));
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
 * reject with the field's name. */
static json_t *
number_or_text(const char *s)
{
    char *end;
    double d = strtod(s, &end);

    if (end != s && *end == '\0')
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
    json_array_foreach(parts, i, v) {
        const char *name = col->parts[i], *s = json_string_value(v);
        if (name == NULL)
            break;   /* extra parts: ignored */
        if (*s == '\0')
            continue;
        json_object_set_new(obj, name, in_list(col->numeric, name)
                                           ? number_or_text(s)
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
            json_array_append_new(out, struct_entry(col,
                                                    json_string_value(v)));
        json_decref(arr);
        return out;
    default:
        /* Undo the writer's formula guard. */
        if (s[0] == '\'' && aft_csv_needs_guard(s + 1))
            s++;
        return json_string(s);
    }
}

static int
header(csv_state *st)
{
    aft_kind k = AFT_KIND_SERVICE;
    size_t i;

    if ((st->names = json_array()) == NULL)
        return aft_error_set(st->err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < st->n; i++)
        json_array_append_new(st->names, json_string(st->cells[i].s));
    if (st->g->opts->format == AFT_FORMAT_PAGERDUTY
        || (st->g->opts->format == AFT_FORMAT_AUTO
            && aft_pagerduty_header(st->names))) {
        static const char *const need[] = {"id", "created_on", "service_id"};
        for (i = 0; i < 3; i++) {
            size_t j;
            int found = 0;
            for (j = 0; j < st->n; j++)
                found |= strcmp(st->cells[j].s, need[i]) == 0;
            if (!found)
                return aft_error_set(st->err, AFT_EINVALID,
                                     "%s:1: a PagerDuty incidents export "
                                     "needs a '%s' column", st->g->pb.file,
                                     need[i]);
        }
        st->pagerduty = 1;
        st->have_kind = 1;
        return AFT_OK;
    }
    for (i = 0; i < st->n; i++) {
        const char *h = st->cells[i].s;
        if (strcmp(h, "started_at") == 0)
            k = AFT_KIND_INCIDENT;
        else if (strcmp(h, "scheduled_start") == 0)
            k = AFT_KIND_MAINTENANCE;
    }
    if (k == AFT_KIND_SERVICE)
        for (i = 0; i < st->n; i++)
            if (aft_csv_column(AFT_KIND_CLIENT, st->cells[i].s) != NULL
                && aft_csv_column(AFT_KIND_SERVICE, st->cells[i].s) == NULL)
                k = AFT_KIND_CLIENT;
    if (st->n == 0 || aft_csv_column(k, "id") == NULL) {
        return aft_error_set(st->err, AFT_EINVALID,
                             "%s:1: not an aftercast CSV header (want the "
                             "columns of services, clients, incidents or "
                             "maintenances)", st->g->pb.file);
    }
    for (i = 0; i < st->n; i++)
        if (strcmp(st->cells[i].s, "id") == 0)
            break;
    if (i == st->n)
        return aft_error_set(st->err, AFT_EINVALID,
                             "%s:1: the header has no 'id' column",
                             st->g->pb.file);
    if ((st->map = calloc(st->n + 1, sizeof *st->map)) == NULL)
        return aft_error_set(st->err, AFT_ENOMEM, "out of memory");
    for (i = 0; i < st->n; i++)
        st->map[i] = aft_csv_column(k, st->cells[i].s);
    st->n_map = st->n;
    st->kind = k;
    st->have_kind = 1;
    return AFT_OK;
}

static int
row(csv_state *st)
{
    json_t *obj = json_object();
    size_t i;
    int rc;

    snprintf(st->g->pb.loc, sizeof st->g->pb.loc, "%zu", st->row_line);
    for (i = 0; i < st->n; i++) {
        if (!aft_utf8_valid(st->cells[i].s, st->cells[i].n)) {
            aft_problem(&st->g->pb, i < st->n_map && st->map[i]
                        ? st->map[i]->name : NULL, "text is not UTF-8");
            st->g->stats->bad++;
            json_decref(obj);
            return AFT_OK;
        }
    }
    if (st->pagerduty) {
        for (i = 0; i < st->n && i < json_array_size(st->names); i++)
            json_object_set_new(obj, json_string_value(json_array_get(
                                         st->names, i)),
                                json_string(st->cells[i].s));
        rc = aft_ingest__pagerduty_row(st->g, obj, st->err);
        json_decref(obj);
        return rc;
    }
    for (i = 0; i < st->n && i < st->n_map; i++)
        if (st->map[i] != NULL && st->cells[i].n > 0)
            json_object_set_new(obj, st->map[i]->name,
                                cell_value(st->map[i], st->cells[i].s));
    rc = aft_ingest__record(st->g, st->kind, obj, st->err);
    json_decref(obj);
    return rc;
}

static void
on_field(void *s, size_t n, void *data)
{
    csv_state *st = data;
    cell *c;

    if (st->rc < 0)
        return;
    if (st->n == 0)
        st->row_line = st->line;
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 16;
        cell *v = realloc(st->cells, cap * sizeof *v);
        if (v == NULL) {
            st->rc = aft_error_set(st->err, AFT_ENOMEM, "out of memory");
            return;
        }
        memset(v + st->cap, 0, (cap - st->cap) * sizeof *v);
        st->cells = v;
        st->cap = cap;
    }
    c = &st->cells[st->n++];
    free(c->s);
    if ((c->s = malloc(n + 1)) == NULL) {
        st->rc = aft_error_set(st->err, AFT_ENOMEM, "out of memory");
        return;
    }
    if (n > 0)
        memcpy(c->s, s, n);
    c->s[n] = '\0';
    c->n = n;
}

static void
on_row(int term, void *data)
{
    csv_state *st = data;

    (void)term;
    if (st->rc < 0)
        return;
    if (st->n == 1 && st->cells[0].n == 0) {   /* blank line */
        st->n = 0;
        return;
    }
    if (!st->have_kind)
        st->rc = header(st);
    else
        st->rc = row(st);
    st->n = 0;
}

int
aft_ingest__csv(aft_ingest *g, FILE *fp, aft_error *err)
{
    struct csv_parser p;
    csv_state st;
    char *line = NULL;
    size_t cap = 0, i;
    ssize_t len;

    memset(&st, 0, sizeof st);
    st.g = g;
    st.err = err;
    g->pb.loc_is_line = 1;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    while (st.rc == AFT_OK && (len = getline(&line, &cap, fp)) > 0) {
        st.line++;
        if (st.line == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
            memmove(line, line + 3, (size_t)(len -= 3));   /* BOM */
        if (csv_parse(&p, line, (size_t)len, on_field, on_row, &st)
            != (size_t)len && st.rc == AFT_OK)
            st.rc = aft_error_set(err, AFT_EINVALID, "%s:%zu: malformed CSV: "
                                  "%s", g->pb.file, st.line,
                                  csv_strerror(csv_error(&p)));
    }
    if (st.rc == AFT_OK && csv_fini(&p, on_field, on_row, &st) != 0)
        st.rc = aft_error_set(err, AFT_EINVALID, "%s:%zu: malformed CSV: %s",
                              g->pb.file, st.line,
                              csv_strerror(csv_error(&p)));
    if (st.rc == AFT_OK && !st.have_kind)
        st.rc = aft_error_set(err, AFT_EINVALID, "%s: empty CSV file",
                              g->pb.file);
    csv_free(&p);
    free(line);
    for (i = 0; i < st.cap; i++)
        free(st.cells[i].s);
    free(st.cells);
    free(st.map);
    json_decref(st.names);
    g->pb.loc_is_line = 0;
    return st.rc;
}
