/*
 * csv_cell.h - RFC 4180 cells for the CSV outputs, with the formula guard
 * on text that came from input, list cells included.
 */
#ifndef AFT_RENDER_ROWS_CSV_CELL_H
#define AFT_RENDER_ROWS_CSV_CELL_H

#include <stdio.h>

/* One field, preceded by a comma unless @p first: quoted when it holds a
 * comma, quote or line break. */
void aft_rows__csv_cell(FILE *fp, const char *s, int first);

/* A text field from input: written with a leading apostrophe when a
 * spreadsheet would read it as a formula. */
void aft_rows__csv_text(FILE *fp, const char *s, int first);

/* A list cell (entries ';', parts '|', escapes '\'): guarded like
 * aft_rows__csv_text() when a spreadsheet would read it as a formula, but
 * with a backslash, which the list syntax already reads as an escape, so
 * that import gives back the very entries written. */
void aft_rows__csv_list(FILE *fp, const char *s, int first);

#endif
