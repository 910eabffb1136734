/*
 * csv_table.c - libcsv driven a line at a time: cells are collected into
 * rows, and each row is handed on with its position and starting line.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "base/error.h"
#include "base/utf8.h"
#include "ingest/csv_table.h"

typedef struct table {
    const char *file;
    aft_csv_row_fn fn;
    void *payload;
    aft_error *err;
    int rc;
    aft_csv_cell *cells; /* reused from row to row */
    size_t n, cap;
    size_t line;     /* lines read so far */
    size_t row_line; /* line of the row's first cell */
    size_t rows;     /* rows handed on */
} table;

/* Append one cell to the row being collected. */
static void
on_field(void *s, size_t n, void *data)
{
    table *t = data;
    aft_csv_cell *c;

    if (t->rc < 0)
        return;
    if (t->n == 0)
        t->row_line = t->line;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        aft_csv_cell *v = realloc(t->cells, cap * sizeof *v);
        if (v == NULL) {
            t->rc = aft_error_set(t->err, AFT_ENOMEM, "out of memory");
            return;
        }
        memset(v + t->cap, 0, (cap - t->cap) * sizeof *v);
        t->cells = v;
        t->cap = cap;
    }
    c = &t->cells[t->n++];
    free(c->s);
    if ((c->s = malloc(n + 1)) == NULL) {
        t->rc = aft_error_set(t->err, AFT_ENOMEM, "out of memory");
        return;
    }
    if (n > 0)
        memcpy(c->s, s, n);
    c->s[n] = '\0';
    c->n = n;
}

/* Hand the collected row on, unless it is a blank line. */
static void
on_row(int term, void *data)
{
    table *t = data;
    aft_csv_row row;

    (void)term;
    if (t->rc < 0)
        return;
    if (t->n == 1 && t->cells[0].n == 0) { /* blank line */
        t->n = 0;
        return;
    }
    row = (aft_csv_row){t->cells, t->n, t->rows++, t->row_line};
    t->rc = t->fn(&row, t->payload, t->err);
    t->n = 0;
}

static int
malformed(table *t, struct csv_parser *p)
{
    return aft_error_set(t->err, AFT_EINVALID, "%s:%zu: malformed CSV: %s",
                         t->file, t->line, csv_strerror(csv_error(p)));
}

int
aft_csv_table_read(FILE *fp, const char *file, aft_csv_row_fn fn, void *payload,
                   aft_error *err)
{
    struct csv_parser p;
    table t = {file, fn, payload, err, AFT_OK, NULL, 0, 0, 0, 0, 0};
    char *line = NULL;
    size_t cap = 0, i;
    ssize_t len;

    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    while (t.rc == AFT_OK && (len = getline(&line, &cap, fp)) > 0) {
        t.line++;
        if (t.line == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
            memmove(line, line + 3, (size_t)(len -= 3)); /* BOM */
        if (csv_parse(&p, line, (size_t)len, on_field, on_row, &t)
                != (size_t)len
            && t.rc == AFT_OK)
            t.rc = malformed(&t, &p);
    }
    if (t.rc == AFT_OK && csv_fini(&p, on_field, on_row, &t) != 0)
        t.rc = malformed(&t, &p);
    if (t.rc == AFT_OK && t.rows == 0)
        t.rc = aft_error_set(err, AFT_EINVALID, "%s: empty CSV file", file);
    csv_free(&p);
    free(line);
    for (i = 0; i < t.cap; i++)
        free(t.cells[i].s);
    free(t.cells);
    return t.rc;
}

size_t
aft_csv_table_bad_utf8(const aft_csv_row *row)
{
    size_t i;

    for (i = 0; i < row->n; i++)
        if (!aft_utf8_valid(row->cells[i].s, row->cells[i].n))
            break;
    return i;
}

size_t
aft_csv_table_nul(const aft_csv_row *row)
{
    size_t i;

    for (i = 0; i < row->n; i++)
        if (memchr(row->cells[i].s, '\0', row->cells[i].n) != NULL)
            break;
    return i;
}
