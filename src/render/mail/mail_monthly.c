/*
 * mail_monthly.c - the words of a periodic report's mail: subject and
 * body from the template's "mail" section, and an HTML part with the
 * summary figures the PDF's first page shows.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "render/mail/mail.h"

typedef struct hbuf {
    char *s;
    size_t n, cap;
    int oom;
} hbuf;

static void
raw(hbuf *b, const char *s, size_t k)
{
    char *p;

    if (b->oom)
        return;
    if (b->n + k + 1 > b->cap) {
        size_t cap = b->cap * 2 + k + 256;
        if ((p = realloc(b->s, cap)) == NULL) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, k);
    b->n += k;
    b->s[b->n] = '\0';
}

static void
lit(hbuf *b, const char *s)
{
    raw(b, s, strlen(s));
}

/* Text from input: & < > " escaped, line breaks as <br>. */
static void
text(hbuf *b, const char *s)
{
    for (; *s; s++) {
        const char *rep = *s == '&'    ? "&amp;"
                          : *s == '<'  ? "&lt;"
                          : *s == '>'  ? "&gt;"
                          : *s == '"'  ? "&quot;"
                          : *s == '\n' ? "<br>\n"
                          : *s == '\r' ? ""
                                       : NULL;
        if (rep != NULL)
            lit(b, rep);
        else
            raw(b, s, 1);
    }
}

/* The figures of r as the PDF's summary writes them. */
static void
figures(char v[4][32], const aft_monthly *r)
{
    const aft_sla_result *t = aft_monthly_total(r);

    if (t->has_availability)
        snprintf(v[0], 32, "%.3f %%", t->availability);
    else
        snprintf(v[0], 32, "n/a");
    snprintf(v[1], 32, "%.3f %%", t->target);
    snprintf(v[2], 32, "%zu", r->metrics.incidents);
    snprintf(v[3], 32, "%g %%", t->credit_percent);
}

/* The HTML part: the body's text, then a table of the figures. */
static char *
html_of(const char *body, const aft_monthly *r, const aft_template *t)
{
    static const char *const LABELS[] = {"Availability", "Target", "Incidents",
                                         "Service credit"};
    hbuf b = {NULL, 0, 0, 0};
    char v[4][32];
    size_t i;

    figures(v, r);
    lit(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>"
            "<body>\n<p>");
    text(&b, body);
    lit(&b, "</p>\n<table>\n<tr><th>Status</th><td>");
    text(&b, aft_report_verdict(t, aft_monthly_total(r), r->provisional));
    lit(&b, "</td></tr>\n");
    for (i = 0; i < 4; i++) {
        lit(&b, "<tr><th>");
        lit(&b, LABELS[i]);
        lit(&b, "</th><td>");
        text(&b, v[i]);
        lit(&b, "</td></tr>\n");
    }
    lit(&b, "</table>\n</body></html>\n");
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

int
aft_mail_monthly(char **subject, char **body, char **html, const aft_monthly *r,
                 const aft_template *t, aft_error *err)
{
    *subject = aft_monthly_text(r, t, "mail.subject");
    *body = aft_monthly_text(r, t, "mail.body");
    *html = *body ? html_of(*body, r, t) : NULL;
    if (*subject == NULL || *body == NULL || *html == NULL) {
        free(*subject);
        free(*body);
        free(*html);
        *subject = *body = *html = NULL;
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    return AFT_OK;
}
