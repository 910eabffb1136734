/*
 * csv_cell.c - RFC 4180 cells for the CSV outputs, with the formula guard
 * on text that came from input, list cells included.
 */
#include <stdlib.h>
#include <string.h>

#include "model/record_csv.h"
#include "render/rows/csv_cell.h"

void
aft_rows__csv_cell(FILE *fp, const char *s, int first)
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

void
aft_rows__csv_text(FILE *fp, const char *s, int first)
{
    char *g;

    if (!aft_csv_needs_guard(s) || (g = malloc(strlen(s) + 2)) == NULL) {
        aft_rows__csv_cell(fp, s, first);
        return;
    }
    g[0] = '\'';
    strcpy(g + 1, s);
    aft_rows__csv_cell(fp, g, first);
    free(g);
}

void
aft_rows__csv_list(FILE *fp, const char *s, int first)
{
    char *g;

    if (!aft_csv_needs_guard(s) || (g = malloc(strlen(s) + 2)) == NULL) {
        aft_rows__csv_cell(fp, s, first);
        return;
    }
    g[0] = '\\';
    strcpy(g + 1, s);
    aft_rows__csv_cell(fp, g, first);
    free(g);
}
