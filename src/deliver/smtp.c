/*
 * smtp.c - SMTP by libcurl: STARTTLS required on smtp:// unless the URL
 * says ?tls=none, AUTH when a user is given, the server's reply kept.
 */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "deliver/smtp.h"

#define NO_TLS "?tls=none"

/* Refuse a secret file others may read. */
static int
owner_only(const char *path, aft_error *err)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return aft_error_set(err, AFT_EIO, "cannot read '%s': %s", path,
                             strerror(errno));
    if (st.st_mode & 077)
        return aft_error_set(err, AFT_EINVALID,
                             "'%s' holds a password but others may read it "
                             "(mode %03o): chmod 600 it",
                             path, (unsigned)(st.st_mode & 0777));
    return AFT_OK;
}

static void
trim(char *s)
{
    size_t n = strlen(s);
    char *p = s;

    while (n > 0 && strchr(" \t\r\n", s[n - 1]))
        s[--n] = '\0';
    while (*p == ' ' || *p == '\t')
        p++;
    memmove(s, p, strlen(p) + 1);
}

/* One "key = value" line into c; 0 or -1 for an unknown key. */
/* v into dst (size bytes); -2 if it does not fit (never cut short). */
static int
set_value(char *dst, size_t size, const char *v)
{
    if (strlen(v) >= size)
        return -2;
    memcpy(dst, v, strlen(v) + 1);
    return 0;
}

static int
config_line(aft_smtp *c, char *line, int *has_password)
{
    char *eq = strchr(line, '=');

    if (eq == NULL)
        return -1;
    *eq = '\0';
    trim(line);
    trim(eq + 1);
    if (strcmp(line, "url") == 0)
        return set_value(c->url, sizeof c->url, eq + 1);
    if (strcmp(line, "user") == 0)
        return set_value(c->user, sizeof c->user, eq + 1);
    if (strcmp(line, "ca_file") == 0)
        return set_value(c->ca_file, sizeof c->ca_file, eq + 1);
    if (strcmp(line, "password") == 0) {
        *has_password = 1;
        return set_value(c->password, sizeof c->password, eq + 1);
    }
    return -1;
}

int
aft_smtp_config_file(aft_smtp *c, const char *path, aft_error *err)
{
    char line[2048];
    FILE *fp = fopen(path, "r");
    int n = 0, k, has_password = 0, rc = AFT_OK;

    if (fp == NULL)
        return aft_error_set(err, AFT_EIO, "cannot read '%s': %s", path,
                             strerror(errno));
    while (rc == AFT_OK && fgets(line, sizeof line, fp) != NULL) {
        n++;
        if (strchr(line, '\n') == NULL && !feof(fp)) {
            rc = aft_error_set(err, AFT_EINVALID, "%s:%d: line too long", path,
                               n);
            break;
        }
        trim(line);
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if ((k = config_line(c, line, &has_password)) == -2)
            rc = aft_error_set(err, AFT_EINVALID, "%s:%d: value too long", path,
                               n);
        else if (k < 0)
            rc = aft_error_set(err, AFT_EINVALID,
                               "%s:%d: want 'url', 'user', 'password' or "
                               "'ca_file' = VALUE",
                               path, n);
    }
    fclose(fp);
    if (rc == AFT_OK && has_password)
        rc = owner_only(path, err);
    if (rc < 0)
        memset(c->password, 0, sizeof c->password);
    return rc;
}

int
aft_smtp_password_file(aft_smtp *c, const char *path, aft_error *err)
{
    FILE *fp;
    int rc;

    if ((rc = owner_only(path, err)) < 0)
        return rc;
    if ((fp = fopen(path, "r")) == NULL)
        return aft_error_set(err, AFT_EIO, "cannot read '%s': %s", path,
                             strerror(errno));
    if (fgets(c->password, sizeof c->password, fp) == NULL)
        c->password[0] = '\0';
    rc = strchr(c->password, '\n') == NULL && !feof(fp) && fgetc(fp) != EOF;
    fclose(fp);
    c->password[strcspn(c->password, "\r\n")] = '\0';
    if (rc) {
        memset(c->password, 0, sizeof c->password);
        return aft_error_set(err, AFT_EINVALID,
                             "'%s': the password is too long (at most %zu "
                             "bytes)",
                             path, sizeof c->password - 2);
    }
    return AFT_OK;
}

/* Whether the URL's host is the loopback. */
static int
loopback(const char *url)
{
    const char *h = strstr(url, "://");
    static const char *const HOSTS[] = {"127.0.0.1", "[::1]", "localhost"};
    size_t i, k;

    if (h == NULL)
        return 0;
    h += 3;
    for (i = 0; i < 3; i++) {
        k = strlen(HOSTS[i]);
        if (strncmp(h, HOSTS[i], k) == 0
            && (h[k] == '\0' || h[k] == ':' || h[k] == '/' || h[k] == '?'))
            return 1;
    }
    return 0;
}

/* Whether the URL ends in ?tls=none. */
static int
no_tls(const char *url)
{
    size_t n = strlen(url), k = strlen(NO_TLS);

    return n >= k && strcmp(url + n - k, NO_TLS) == 0;
}

int
aft_smtp_check(const aft_smtp *c, aft_error *err)
{
    const char *auth = strstr(c->url, "://"), *end;

    if (strncmp(c->url, "smtp://", 7) != 0 && strncmp(c->url, "smtps://", 8))
        return aft_error_set(err, AFT_EINVALID,
                             "the SMTP URL must start smtp:// or smtps://");
    end = auth + 3 + strcspn(auth + 3, "/?");
    if (memchr(auth + 3, '@', (size_t)(end - auth - 3)) != NULL)
        return aft_error_set(err, AFT_EINVALID,
                             "the SMTP URL may not hold credentials: give the "
                             "user in AFTERCAST_SMTP_USER and the password "
                             "in a file");
    if (strchr(c->url, '?') != NULL && !no_tls(c->url))
        return aft_error_set(err, AFT_EINVALID,
                             "the SMTP URL may end only in '" NO_TLS "'");
    if (no_tls(c->url) && strncmp(c->url, "smtps://", 8) == 0)
        return aft_error_set(err, AFT_EINVALID,
                             "smtps:// is TLS: '" NO_TLS "' contradicts it");
    if (no_tls(c->url) && c->password[0] != '\0' && !loopback(c->url))
        return aft_error_set(err, AFT_EINVALID,
                             "refusing to send a password without TLS to a "
                             "host other than the loopback");
    return AFT_OK;
}

/* The message being uploaded. */
typedef struct upload {
    const char *p;
    size_t left;
} upload;

static size_t
read_cb(char *buf, size_t size, size_t nitems, void *ud)
{
    upload *u = ud;
    size_t k = size * nitems < u->left ? size * nitems : u->left;

    memcpy(buf, u->p, k);
    u->p += k;
    u->left -= k;
    return k;
}

/* The server's lines as they come: the last one is kept. Only what the
 * server says is looked at, never what is sent (AUTH). */
typedef struct last_reply {
    char *buf;
    size_t size;
} last_reply;

static int
debug_cb(CURL *h, curl_infotype type, char *data, size_t n, void *ud)
{
    last_reply *r = ud;
    size_t k;

    (void)h;
    if (type != CURLINFO_HEADER_IN || r->size == 0)
        return 0;
    k = n < r->size - 1 ? n : r->size - 1;
    memcpy(r->buf, data, k);
    r->buf[k] = '\0';
    r->buf[strcspn(r->buf, "\r\n")] = '\0';
    return 0;
}

static void
set_options(CURL *h, const aft_smtp *c, char *url, struct curl_slist *rcpts,
            const char *from)
{
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 600L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (!no_tls(c->url))
        curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (c->ca_file[0] != '\0')
        curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
    if (c->user[0] != '\0') {
        curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
        curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
    }
}

int
aft_smtp_send(const aft_smtp *c, const char *from, const char *const *rcpt,
              size_t n, const char *msg, size_t len, char *reply, size_t size,
              aft_error *err)
{
    char url[1024], cerr[CURL_ERROR_SIZE] = "";
    struct curl_slist *list = NULL, *l;
    upload u = {msg, len};
    last_reply r = {reply, size};
    CURL *h;
    CURLcode cc;
    size_t i;
    int rc;

    if (size > 0)
        reply[0] = '\0';
    if ((rc = aft_smtp_check(c, err)) < 0)
        return rc;
    snprintf(url, sizeof url, "%s", c->url);
    if (no_tls(url))
        url[strlen(url) - strlen(NO_TLS)] = '\0';
    for (i = 0; i < n; i++) {
        if ((l = curl_slist_append(list, rcpt[i])) == NULL) {
            curl_slist_free_all(list);
            return aft_error_set(err, AFT_ENOMEM, "out of memory");
        }
        list = l;
    }
    if ((h = curl_easy_init()) == NULL) {
        curl_slist_free_all(list);
        return aft_error_set(err, AFT_ENOMEM, "cannot start libcurl");
    }
    set_options(h, c, url, list, from);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(h, CURLOPT_READDATA, &u);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_cb);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &r);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
    cc = curl_easy_perform(h);
    rc = cc == CURLE_OK ? AFT_OK
                        : aft_error_set(err, AFT_EIO, "smtp: %s%s%s%s",
                                        cerr[0] ? cerr : curl_easy_strerror(cc),
                                        size && reply[0] ? " (server: " : "",
                                        size && reply[0] ? reply : "",
                                        size && reply[0] ? ")" : "");
    curl_easy_cleanup(h);
    curl_slist_free_all(list);
    return rc;
}
