/*
 * csv_cell.h - RFC 4180 cells for the CSV outputs, with the formula guard
 * on text that came from input.
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

#endif
