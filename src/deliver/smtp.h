/*
 * smtp.h - send a composed message over SMTP with libcurl.
 *
 * smtp://HOST[:PORT] upgrades with STARTTLS and refuses to go on without
 * it; smtps:// is TLS from the start. Plain text only when the URL ends
 * in "?tls=none", and then no password is sent unless the host is the
 * loopback (127.0.0.1, ::1 or localhost). A URL may not carry
 * credentials: the user and the password come apart, and the password
 * is never written in any message.
 */
#ifndef AFT_DELIVER_SMTP_H
#define AFT_DELIVER_SMTP_H

#include <stddef.h>

#include "aftercast/error.h"

/* Where and how to send. */
typedef struct aft_smtp {
    char url[1024];     /* smtp://, smtps://, maybe ending ?tls=none */
    char user[256];     /* empty: no AUTH */
    char password[512]; /* empty: no AUTH */
    char ca_file[1024]; /* CA bundle to trust, or empty: the system's */
} aft_smtp;

/* Read "key = value" lines (url, user, password, ca_file; '#'
 * comments) of the config file at path into c, over what c holds. A file
 * holding a password must be readable by its owner only (0600 or 0400).
 * AFT_EIO, AFT_EINVALID (a bad line, a password file open to others). */
int aft_smtp_config_file(aft_smtp *c, const char *path, aft_error *err);

/* The password as the first line of the file at path, which must be
 * readable by its owner only. AFT_EIO, AFT_EINVALID. */
int aft_smtp_password_file(aft_smtp *c, const char *path, aft_error *err);

/* Check c's URL: scheme, no credentials in it, TLS rules above.
 * AFT_EINVALID with the reason. */
int aft_smtp_check(const aft_smtp *c, aft_error *err);

/* Send msg (len bytes, CRLF lines) from from to the n addresses rcpt.
 * The server's last reply line goes into reply (size bytes) either way.
 * AFT_OK once the server took the message, else AFT_EIO naming what
 * failed (connection, TLS, AUTH, a refused recipient). */
int aft_smtp_send(const aft_smtp *c, const char *from, const char *const *rcpt,
                  size_t n, const char *msg, size_t len, char *reply,
                  size_t size, aft_error *err);

#endif
