/*
 * mail.h - an RFC 5322 message as aftercast mails a client's pack: a text
 * and an HTML part with the report's summary figures, the files attached.
 *
 * Nothing from input can become a header: every text put in a header
 * (subject, display names, file names) that is not plain printable ASCII
 * is written as RFC 2047 encoded-words (RFC 2231 for file names), so CR
 * and LF in it are data; addresses must be addr-specs
 * (aft_addr_spec_valid()). Bcc recipients go in the envelope only.
 */
#ifndef AFT_RENDER_MAIL_H
#define AFT_RENDER_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/error.h"
#include "aftercast/model.h"
#include "aftercast/report_monthly.h"
#include "aftercast/template.h"

/* A file to attach. */
typedef struct aft_mail_file {
    const char *name; /* file name as the recipient sees it, UTF-8 */
    const char *type; /* "application/pdf" */
    const char *path; /* where to read it */
} aft_mail_file;

/* What a message is made of; every string UTF-8. */
typedef struct aft_mail {
    const char *from, *from_name;         /* addr-spec; name may be NULL */
    const char *reply_to, *reply_to_name; /* both may be NULL */
    const aft_contact *rcpt;              /* recipients, with their roles */
    size_t n_rcpt;                        /* their number */
    const char *subject;                  /* one line or not: encoded */
    const char *text;                     /* the text/plain part */
    const char *html;                     /* the text/html part, or NULL */
    const aft_mail_file *files;           /* attachments */
    size_t n_files;                       /* their number */
    const char *message_id;               /* "<...@...>" */
    int64_t date;                         /* Unix seconds */
} aft_mail;

/* The message m as RFC 5322 text (CRLF line ends) into *out (size *len;
 * the caller frees it with free()). AFT_EINVALID for a bad address,
 * AFT_EIO for an unreadable attachment, AFT_ENOMEM. */
int aft_mail_compose(char **out, size_t *len, const aft_mail *m,
                     aft_error *err);

/* s as header text: as it is when printable ASCII without "=?" and
 * short, else RFC 2047 "B" encoded-words of at most 75 characters each,
 * folded with CRLF SP, each holding whole UTF-8 characters. The caller
 * frees the result with free(); NULL when out of memory. */
char *aft_mail_header_text(const char *s);

/* A new Message-ID "<TIME.RANDOM@domain>" into buf (size bytes): domain
 * is the part of from after '@'. */
void aft_mail_message_id(char *buf, size_t size, const char *from, int64_t now);

/* The subject, text and HTML of the mail of periodic report r, from the
 * template's "mail.subject" and "mail.body" (placeholders as
 * aft_monthly_text()); the HTML carries the body and a table of the
 * summary figures. The caller frees each with free(); AFT_ENOMEM. */
int aft_mail_monthly(char **subject, char **text, char **html,
                     const aft_monthly *r, const aft_template *t,
                     aft_error *err);

#endif
