/*
 * html_kit.h - what the site's writers share: files written through the
 * private directory, text escaped for HTML and XML, figures as the JSON
 * gives them, the stylesheet from the template's colours (internal).
 */
#ifndef AFT_RENDER_HTML_KIT_H
#define AFT_RENDER_HTML_KIT_H

#include <stdio.h>

#include "aftercast/report_site.h"
#include "aftercast/template.h"
#include "render/outfile.h"

/* One file being written: fp writes o.tmp. */
typedef struct aft_html_file {
    aft_outfile o;
    FILE *fp;
} aft_html_file;

/* Open path for writing through a private directory. AFT_EIO on
 * failure, nothing left behind. */
int aft_html__open(aft_html_file *f, const char *path, aft_error *err);

/* Close and rename into place (rc AFT_OK), or remove it (rc < 0); returns
 * rc, or AFT_EIO naming path when the write failed. */
int aft_html__close(aft_html_file *f, const char *path, int rc, aft_error *err);

/* Write text escaped for HTML and XML text and attribute values: & < > "
 * ' as references, control characters dropped (tab and newline kept),
 * each byte that is not valid UTF-8 as U+FFFD. NULL writes nothing. */
void aft_html__text(FILE *fp, const char *s);

/* Write a figure as the JSON exports write it (shortest form that reads
 * back exactly), or "null" without one. */
void aft_html__real(FILE *fp, int has, double v);

/* Write "99.950 %" for people, or the template's no-data words. */
void aft_html__pct(FILE *fp, const aft_template *t, int has, double v);

/* The CSS class of a status: "met", "within", "breached", "nodata",
 * "maint". */
const char *aft_html__status_class(aft_day_status st);

/* The status as a colour of the template, 0xRRGGBB. */
unsigned aft_html__status_color(const aft_template *t, aft_day_status st);

/* Write <head> up to and including <body>: title, the stylesheet and
 * the policy that forbids any request. feed: the Atom feed's href or
 * NULL. */
void aft_html__head(FILE *fp, const aft_template *t, const char *title,
                    const char *feed);

/* Write the header with the template's logo (inline) and company. */
void aft_html__brand(FILE *fp, const aft_template *t);

/* The incident history, planned maintenance, policy and report links
 * of a client's page (html_history.c); 0, or AFT_ENOMEM. */
int aft_html__history(FILE *fp, const aft_site *s, const aft_template *t,
                      int with_reports);

/* status.json, feed.xml and the badges of a client (html_feeds.c). */
int aft_html__feeds(const aft_site *s, const aft_template *t, const char *dir,
                    aft_error *err);

#endif
