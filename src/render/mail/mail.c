/*
 * mail.c - compose the RFC 5322 message of a client's pack: headers made
 * safe (RFC 2047 encoded-words, RFC 2231 file names), a
 * multipart/alternative text and HTML part, the files attached in base64.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/sha256.h"
#include "render/mail/mail.h"

/* A growing string; oom set once an append failed. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
    int oom;
} sbuf;

static void
put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *p;
        while (b->n + n + 1 > cap)
            cap *= 2;
        if ((p = realloc(b->s, cap)) == NULL) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void
puts_(sbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* fmt formatted onto b, however long (never cut). */
static void
putf(sbuf *b, const char *fmt, ...)
{
    char buf[1024], *big;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof buf) {
        put(b, buf, (size_t)n);
        return;
    }
    if ((big = malloc((size_t)n + 1)) == NULL) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put(b, big, (size_t)n);
    free(big);
}

static const char B64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* n bytes at p in base64; with wrap, CRLF after every 76 characters and
 * at the end. */
static void
base64(sbuf *b, const unsigned char *p, size_t n, int wrap)
{
    size_t i, col = 0;
    char q[4];

    for (i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        q[0] = B64[v >> 18 & 63];
        q[1] = B64[v >> 12 & 63];
        q[2] = i + 1 < n ? B64[v >> 6 & 63] : '=';
        q[3] = i + 2 < n ? B64[v & 63] : '=';
        put(b, q, 4);
        if (wrap && (col += 4) == 76) {
            put(b, "\r\n", 2);
            col = 0;
        }
    }
    if (wrap && col > 0)
        put(b, "\r\n", 2);
}

/* Whether s can stand in a header as it is: printable ASCII, no "=?",
 * not long. */
static int
plain_header(const char *s)
{
    const char *p;

    for (p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
            return 0;
    return strstr(s, "=?") == NULL && p - s <= 60;
}

/* Bytes of input per encoded-word: 39 give 52 base64 characters, a
 * word of 64, which with "Subject: " stays within 78 a line. */
#define WORD_BYTES 39

char *
aft_mail_header_text(const char *s)
{
    sbuf b = {NULL, 0, 0, 0};
    size_t n = strlen(s), i = 0;

    if (plain_header(s)) {
        puts_(&b, s);
    } else {
        while (i < n || n == 0) {
            size_t k = n - i < WORD_BYTES ? n - i : WORD_BYTES;
            /* Whole characters only: back off continuation bytes. */
            while (i + k < n && k > 1
                   && ((unsigned char)s[i + k] & 0xc0) == 0x80)
                k--;
            if (i > 0)
                puts_(&b, "\r\n ");
            puts_(&b, "=?UTF-8?B?");
            base64(&b, (const unsigned char *)s + i, k, 0);
            puts_(&b, "?=");
            i += k;
            if (n == 0)
                break;
        }
    }
    if (b.oom || b.s == NULL) {
        free(b.s);
        return b.oom ? NULL : strdup("");
    }
    return b.s;
}

/* The Subject's text: line breaks and other control characters of the
 * template or a client's name as spaces (no mail program can show them
 * as a new header line, even once decoded), then encoded. */
static char *
subject_text(const char *s)
{
    char *flat = strdup(s), *p, *out;

    if (flat == NULL)
        return NULL;
    for (p = flat; *p != '\0'; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    out = aft_mail_header_text(flat);
    free(flat);
    return out;
}

/* A phrase for a display name: a quoted string when printable ASCII
 * without quotes or backslashes, else encoded-words (then 1). Control
 * characters (a line break in a name) become spaces: mail readers refuse
 * them in an address even encoded. */
static int
put_name(sbuf *b, const char *name)
{
    char *flat = strdup(name), *enc, *p;
    int plain = 1;

    if (flat == NULL) {
        b->oom = 1;
        return 0;
    }
    for (p = flat; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
        if (*p == '"' || *p == '\\' || (unsigned char)*p > 0x7e)
            plain = 0;
    }
    if (plain && strstr(flat, "=?") == NULL && p - flat <= 40) {
        putf(b, "\"%s\"", flat);
        free(flat);
        return 0;
    }
    if ((enc = aft_mail_header_text(flat)) == NULL)
        b->oom = 1;
    else
        puts_(b, enc);
    free(enc);
    free(flat);
    return 1;
}

/* "name <addr>" (or the bare address) after a header's name. */
static void
put_addr(sbuf *b, const char *addr, const char *name)
{
    if (name != NULL && *name != '\0') {
        /* After encoded-words the address takes a line of its own. */
        putf(b, put_name(b, name) ? "\r\n <%s>" : " <%s>", addr);
    } else {
        puts_(b, addr);
    }
}

/* The To or Cc header of the recipients with role, if any. */
static void
put_rcpt_header(sbuf *b, const aft_mail *m, aft_role role, const char *hdr)
{
    size_t i, k = 0;

    for (i = 0; i < m->n_rcpt; i++) {
        if (m->rcpt[i].role != role)
            continue;
        puts_(b, k++ ? ",\r\n " : hdr);
        put_addr(b, m->rcpt[i].email, m->rcpt[i].name);
    }
    if (k > 0)
        puts_(b, "\r\n");
    else if (role == AFT_ROLE_TO)
        puts_(b, "To: undisclosed-recipients:;\r\n");
}

/* Every address of m valid? 0, or AFT_EINVALID naming the bad one. */
static int
check_addrs(const aft_mail *m, aft_error *err)
{
    size_t i;

    if (!aft_addr_spec_valid(m->from))
        return aft_error_set(err, AFT_EINVALID,
                             "mail sender '%s' is not a mail address",
                             m->from ? m->from : "");
    if (m->reply_to != NULL && !aft_addr_spec_valid(m->reply_to))
        return aft_error_set(err, AFT_EINVALID,
                             "reply-to '%s' is not a mail address",
                             m->reply_to);
    for (i = 0; i < m->n_rcpt; i++)
        if (!aft_addr_spec_valid(m->rcpt[i].email))
            return aft_error_set(err, AFT_EINVALID,
                                 "recipient '%s' is not a mail address",
                                 m->rcpt[i].email);
    if (m->n_rcpt == 0)
        return aft_error_set(err, AFT_EINVALID, "no recipient");
    return AFT_OK;
}

static void
put_headers(sbuf *b, const aft_mail *m, const char *boundary)
{
    static const char *const DAYS[] = {"Sun", "Mon", "Tue", "Wed",
                                       "Thu", "Fri", "Sat"};
    static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr",
                                         "May", "Jun", "Jul", "Aug",
                                         "Sep", "Oct", "Nov", "Dec"};
    time_t t = (time_t)m->date;
    struct tm tm;
    char *subj = subject_text(m->subject ? m->subject : "");

    gmtime_r(&t, &tm);
    putf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", DAYS[tm.tm_wday],
         tm.tm_mday, MONTHS[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
         tm.tm_min, tm.tm_sec);
    puts_(b, "From: ");
    put_addr(b, m->from, m->from_name);
    puts_(b, "\r\n");
    if (m->reply_to != NULL) {
        puts_(b, "Reply-To: ");
        put_addr(b, m->reply_to, m->reply_to_name);
        puts_(b, "\r\n");
    }
    put_rcpt_header(b, m, AFT_ROLE_TO, "To: ");
    put_rcpt_header(b, m, AFT_ROLE_CC, "Cc: ");
    if (subj == NULL) {
        b->oom = 1;
    } else {
        puts_(b, "Subject: ");
        puts_(b, subj);
        puts_(b, "\r\n");
    }
    free(subj);
    putf(b, "Message-ID: %s\r\n", m->message_id);
    puts_(b, "MIME-Version: 1.0\r\n");
    putf(b, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n",
         boundary);
    puts_(b, "This is a message in MIME format.\r\n");
}

/* A text part, UTF-8 in base64 (whatever its lines or bytes). */
static void
put_text_part(sbuf *b, const char *boundary, const char *type, const char *text)
{
    putf(b, "\r\n--%s\r\n", boundary);
    putf(b, "Content-Type: %s; charset=UTF-8\r\n", type);
    puts_(b, "Content-Transfer-Encoding: base64\r\n\r\n");
    base64(b, (const unsigned char *)text, strlen(text), 1);
}

/* The file name parameters: filename="ASCII" always, and filename* of
 * RFC 2231 when the name is not plain ASCII. */
static void
put_filename(sbuf *b, const char *name)
{
    const unsigned char *p;
    int plain = 1;

    puts_(b, ";\r\n filename=\"");
    for (p = (const unsigned char *)name; *p; p++) {
        int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                 || (*p >= '0' && *p <= '9') || strchr("._-+~", *p);
        plain &= ok;
        put(b, ok ? (const char *)p : "_", 1);
    }
    puts_(b, "\"");
    if (plain)
        return;
    puts_(b, ";\r\n filename*=UTF-8''");
    for (p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
            || (*p >= '0' && *p <= '9') || strchr("._-~", *p))
            put(b, (const char *)p, 1);
        else
            putf(b, "%%%02X", *p);
    }
}

/* The whole of file f's content into *data (*n bytes). */
static int
slurp(unsigned char **data, size_t *n, const char *path, aft_error *err)
{
    sbuf b = {NULL, 0, 0, 0};
    char buf[65536];
    ssize_t k;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return aft_error_set(err, AFT_EIO, "cannot read '%s': %s", path,
                             strerror(errno));
    while ((k = read(fd, buf, sizeof buf)) > 0)
        put(&b, buf, (size_t)k);
    close(fd);
    if (k < 0 || b.oom) {
        free(b.s);
        return b.oom ? aft_error_set(err, AFT_ENOMEM, "out of memory")
                     : aft_error_set(err, AFT_EIO, "cannot read '%s'", path);
    }
    *data = (unsigned char *)b.s;
    *n = b.n;
    return AFT_OK;
}

static int
put_file(sbuf *b, const char *boundary, const aft_mail_file *f, aft_error *err)
{
    unsigned char *data = NULL;
    size_t n = 0;
    int rc;

    if ((rc = slurp(&data, &n, f->path, err)) < 0)
        return rc;
    putf(b, "\r\n--%s\r\n", boundary);
    putf(b,
         strlen(f->type) > 60 ? "Content-Type:\r\n %s\r\n"
                              : "Content-Type: %s\r\n",
         f->type);
    puts_(b, "Content-Transfer-Encoding: base64\r\n");
    puts_(b, "Content-Disposition: attachment");
    put_filename(b, f->name);
    puts_(b, "\r\n\r\n");
    base64(b, data, n, 1);
    free(data);
    return AFT_OK;
}

/* A boundary that cannot occur in base64 or in the headers: "=_" and a
 * digest of the message's id. */
static void
make_boundary(char *buf, size_t size, const aft_mail *m, const char *what)
{
    char hex[AFT_SHA256_HEX];

    aft_sha256_hex(hex, m->message_id, strlen(m->message_id));
    snprintf(buf, size, "=_aftercast_%s_%.32s", what, hex);
}

int
aft_mail_compose(char **out, size_t *len, const aft_mail *m, aft_error *err)
{
    sbuf b = {NULL, 0, 0, 0};
    char mixed[80], alt[80];
    size_t i;
    int rc;

    *out = NULL;
    *len = 0;
    if ((rc = check_addrs(m, err)) < 0)
        return rc;
    make_boundary(mixed, sizeof mixed, m, "mixed");
    make_boundary(alt, sizeof alt, m, "alt");
    put_headers(&b, m, mixed);
    putf(&b, "\r\n--%s\r\n", mixed);
    putf(&b, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n",
         alt);
    put_text_part(&b, alt, "text/plain", m->text ? m->text : "");
    if (m->html != NULL)
        put_text_part(&b, alt, "text/html", m->html);
    putf(&b, "\r\n--%s--\r\n", alt);
    for (i = 0; i < m->n_files; i++)
        if ((rc = put_file(&b, mixed, &m->files[i], err)) < 0) {
            free(b.s);
            return rc;
        }
    putf(&b, "\r\n--%s--\r\n", mixed);
    if (b.oom) {
        free(b.s);
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    }
    *out = b.s;
    *len = b.n;
    return AFT_OK;
}

void
aft_mail_message_id(char *buf, size_t size, const char *from, int64_t now)
{
    unsigned char r[8] = {0};
    const char *at = from ? strchr(from, '@') : NULL;
    int fd = open("/dev/urandom", O_RDONLY);

    if (fd >= 0) {
        if (read(fd, r, sizeof r) != (ssize_t)sizeof r)
            memset(r, 0, sizeof r);
        close(fd);
    }
    snprintf(buf, size, "<%lld.%02x%02x%02x%02x%02x%02x%02x%02x.aftercast@%s>",
             (long long)now, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
             at && aft_addr_spec_valid(from) ? at + 1 : "localhost");
}
