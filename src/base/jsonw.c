/*
 * jsonw.c - streaming JSON output.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"

void
jw_init(jsonw *w, FILE *fp)
{
    memset(w, 0, sizeof *w);
    w->fp = fp;
}

/* Separator before a value: a comma after earlier members. */
static void
pre(jsonw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0 && w->count[w->depth - 1]++ > 0)
        fputs(", ", w->fp);
}

static void
begin(jsonw *w, char c)
{
    pre(w);
    fputc(c, w->fp);
    if (w->depth < JW_MAX_DEPTH)
        w->count[w->depth] = 0;
    w->depth++;
}

void
jw_object(jsonw *w)
{
    begin(w, '{');
}
void
jw_array(jsonw *w)
{
    begin(w, '[');
}

void
jw_object_end(jsonw *w)
{
    w->depth--;
    fputc('}', w->fp);
}

void
jw_array_end(jsonw *w)
{
    w->depth--;
    fputc(']', w->fp);
}

void
jw_newline(jsonw *w)
{
    fputc('\n', w->fp);
}

void
jw_next_line(jsonw *w)
{
    if (w->depth > 0 && w->count[w->depth - 1]++ > 0)
        fputc(',', w->fp);
    fputc('\n', w->fp);
    w->after_key = 1;
}

static void
quoted(FILE *fp, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    fputc('"', fp);
    for (; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", fp);
            break;
        case '\\':
            fputs("\\\\", fp);
            break;
        case '\n':
            fputs("\\n", fp);
            break;
        case '\r':
            fputs("\\r", fp);
            break;
        case '\t':
            fputs("\\t", fp);
            break;
        default:
            if (*p < 0x20)
                fprintf(fp, "\\u%04x", *p);
            else
                fputc(*p, fp);
        }
    }
    fputc('"', fp);
}

void
jw_key(jsonw *w, const char *key)
{
    pre(w);
    quoted(w->fp, key);
    fputs(": ", w->fp);
    w->after_key = 1;
}

void
jw_string(jsonw *w, const char *s)
{
    if (s == NULL) {
        jw_null(w);
        return;
    }
    pre(w);
    quoted(w->fp, s);
}

void
jw_int(jsonw *w, int64_t v)
{
    pre(w);
    fprintf(w->fp, "%lld", (long long)v);
}

char *
aft_format_real(char *buf, double v)
{
    int prec;

    for (prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (strspn(buf, "-0123456789") == strlen(buf))
        strcat(buf, ".0");
    return buf;
}

void
jw_real(jsonw *w, double v)
{
    char buf[40];

    if (!isfinite(v)) {
        jw_null(w);
        return;
    }
    pre(w);
    fputs(aft_format_real(buf, v), w->fp);
}

void
jw_bool(jsonw *w, int v)
{
    pre(w);
    fputs(v ? "true" : "false", w->fp);
}

void
jw_null(jsonw *w)
{
    pre(w);
    fputs("null", w->fp);
}

void
jw_value(jsonw *w, json_t *v)
{
    const char *k;
    json_t *x;
    size_t i;

    switch (json_typeof(v)) {
    case JSON_OBJECT:
        jw_object(w);
        json_object_foreach(v, k, x)
        {
            jw_key(w, k);
            jw_value(w, x);
        }
        jw_object_end(w);
        break;
    case JSON_ARRAY:
        jw_array(w);
        json_array_foreach(v, i, x) jw_value(w, x);
        jw_array_end(w);
        break;
    case JSON_STRING:
        jw_string(w, json_string_value(v));
        break;
    case JSON_INTEGER:
        jw_int(w, json_integer_value(v));
        break;
    case JSON_REAL:
        jw_real(w, json_real_value(v));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        jw_bool(w, json_is_true(v));
        break;
    default:
        jw_null(w);
    }
}
