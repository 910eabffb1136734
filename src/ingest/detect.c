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

/* JSON, or NDJSON or STATUSPAGE when the first line alone is an object
 * with the key that marks them. */
static aft_format
json_kind(FILE *fp)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    aft_format f = AFT_FORMAT_JSON;

    if ((len = getline(&line, &cap, fp)) > 0) {
        json_t *o = json_loadb(line, (size_t)len, 0, NULL);
        if (json_is_object(o) && json_object_get(o, "kind") != NULL)
            f = AFT_FORMAT_NDJSON;
        else if (json_is_object(o) && json_object_get(o, "page") != NULL)
            f = AFT_FORMAT_STATUSPAGE;
        json_decref(o);
    }
    free(line);
    return f;
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
    if (c == '{' || c == '[') {
        ungetc(c, fp);
        f = json_kind(fp);
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
