/*
 * detect.c - choose a file's format: parse --format, sniff a stream's
 * first line, look at a parsed JSON document or at a CSV header. The
 * rules are the README's "Input formats"; no reader is called from here.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "ingest/detect.h"

int
aft_format_parse(aft_format *out, const char *s)
{
    static const struct {
        const char *name;
        aft_format f;
    } names[] = {
        {"json", AFT_FORMAT_JSON},
        {"ndjson", AFT_FORMAT_NDJSON},
        {"jsonl", AFT_FORMAT_NDJSON},
        {"csv", AFT_FORMAT_CSV},
        {"statuspage", AFT_FORMAT_STATUSPAGE},
        {"pagerduty", AFT_FORMAT_PAGERDUTY},
    };
    size_t i;

    for (i = 0; s != NULL && i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(s, names[i].name) == 0) {
            *out = names[i].f;
            return AFT_OK;
        }
    return AFT_EINVALID;
}

/* Scan state of the first line: where the scan is, and the top-level
 * keys seen that mark a format. */
typedef struct scan {
    int depth, in_str, esc, closed;
    int want_key; /* the next string at depth 1 is a key */
    int is_key;   /* the string being read is one */
    char key[5];  /* its first characters */
    size_t n;     /* its length so far */
    int kind, page;
} scan;

static void
scan_string_char(scan *sc, int c)
{
    if (sc->esc) { /* an escaped key is none of ours */
        sc->esc = 0;
        sc->n = sizeof sc->key;
    } else if (c == '\\') {
        sc->esc = 1;
    } else if (c == '"') {
        sc->in_str = 0;
        if (sc->is_key && sc->n == 4) {
            sc->kind |= memcmp(sc->key, "kind", 4) == 0;
            sc->page |= memcmp(sc->key, "page", 4) == 0;
        }
    } else if (sc->is_key && sc->n < sizeof sc->key) {
        sc->key[sc->n++] = (char)c;
    } else {
        sc->n = sizeof sc->key;
    }
}

static void
scan_char(scan *sc, int c)
{
    switch (c) {
    case '"':
        sc->in_str = 1;
        sc->is_key = sc->depth == 1 && sc->want_key;
        sc->n = 0;
        break;
    case '{':
    case '[':
        sc->want_key = ++sc->depth == 1;
        break;
    case '}':
    case ']':
        sc->closed = --sc->depth == 0;
        break;
    case ',':
    case ':':
        if (sc->depth == 1)
            sc->want_key = c == ',';
        break;
    }
}

/* JSON, or NDJSON or STATUSPAGE when the first line holds one whole
 * object with the top-level key that marks them ("kind", "page"). fp is
 * at the line's '{'. The line is scanned, not parsed, and nothing of it
 * is kept: a document written on one line is parsed once, by its
 * reader, and memory does not grow with the line. */
static aft_format
json_kind(FILE *fp)
{
    scan sc;
    int c;

    memset(&sc, 0, sizeof sc);
    while ((c = getc_unlocked(fp)) != EOF && c != '\n') {
        if (sc.closed) {
            if (!isspace(c))
                return AFT_FORMAT_JSON;
        } else if (sc.in_str) {
            scan_string_char(&sc, c);
        } else {
            scan_char(&sc, c);
        }
    }
    if (!sc.closed)
        return AFT_FORMAT_JSON;
    return sc.kind   ? AFT_FORMAT_NDJSON
           : sc.page ? AFT_FORMAT_STATUSPAGE
                     : AFT_FORMAT_JSON;
}

aft_format
aft_detect__stream(aft_format asked, FILE *fp)
{
    aft_format f = AFT_FORMAT_CSV;
    int c;

    if (asked != AFT_FORMAT_AUTO)
        return asked;
    while ((c = getc(fp)) != EOF && isspace(c))
        ;
    if (c == '{') {
        ungetc(c, fp);
        f = json_kind(fp);
    } else if (c == '[') {
        f = AFT_FORMAT_JSON;
    }
    rewind(fp);
    return f;
}

aft_format
aft_detect__document(aft_format asked, const json_t *doc)
{
    if (asked == AFT_FORMAT_STATUSPAGE || json_object_get(doc, "page") != NULL)
        return AFT_FORMAT_STATUSPAGE;
    return AFT_FORMAT_JSON;
}

/* Whether a header names the columns of PagerDuty's incidents export. */
static int
pagerduty_header(const aft_csv_row *h)
{
    size_t i;
    int created = 0, service = 0, number = 0;

    for (i = 0; i < h->n; i++) {
        const char *s = h->cells[i].s;
        created |= strcmp(s, "created_on") == 0;
        service |= strcmp(s, "service_id") == 0;
        number |= strcmp(s, "incident_number") == 0;
    }
    return created && (service || number);
}

aft_format
aft_detect__csv_header(aft_format asked, const aft_csv_row *header)
{
    if (asked == AFT_FORMAT_PAGERDUTY
        || (asked == AFT_FORMAT_AUTO && pagerduty_header(header)))
        return AFT_FORMAT_PAGERDUTY;
    return AFT_FORMAT_CSV;
}
