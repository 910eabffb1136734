/*
 * json_error.h - what a failed jansson parse means, in our words.
 */
#ifndef AFT_BASE_JSON_ERROR_H
#define AFT_BASE_JSON_ERROR_H

#include <jansson.h>

/* Whether jansson failed for want of memory rather than for the text:
 * its own code says so, or it left no reason at all (an allocation inside
 * its tokenizer). */
int aft_json_error_is_oom(const json_error_t *e);

/* The reason of a parse error for a message: jansson's text, but a NUL in
 * a string is "NUL character not allowed". Valid while e is. */
const char *aft_json_error_text(const json_error_t *e);

#endif
