/*
 * cmd_deliver.c - aftercast deliver PERIOD (--client ID | --all)
 * [--dry-run DIR] [--resend]: build each client's pack (report pack) and
 * mail it, one message per client, once: the delivery log in the store
 * says what was sent.
 */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "base/error.h"
#include "cli.h"
#include "deliver/smtp.h"
#include "render/mail/mail.h"

static const char HELP[] =
    "Usage: aftercast deliver PERIOD (--client ID | --all) [--dry-run DIR]\n"
    "                         [--resend] [-j N] [--template DIR]\n"
    "                         [--as-of TIMESTAMP]\n\n"
    "Builds each client's pack of the period (as `report pack` does) and\n"
    "mails it to the client's contacts: one message per client, the\n"
    "summary figures in its text, every report of the pack attached. A\n"
    "client's pack is sent once: the delivery log in the database records\n"
    "it, and a later run skips it unless --resend. A client without\n"
    "contacts is skipped. One client's failure does not stop the others;\n"
    "the exit status is 1 if any failed, and stderr says which and why.\n\n"
    "The server: AFTERCAST_SMTP_URL (smtp://HOST:PORT, STARTTLS required;\n"
    "smtps://HOST:PORT; plain text only with ?tls=none), AFTERCAST_SMTP_USER,\n"
    "the password in the file AFTERCAST_SMTP_PASSWORD_FILE (mode 0600),\n"
    "AFTERCAST_SMTP_CA_FILE to trust a CA; or the same as url, user,\n"
    "password, ca_file lines in AFTERCAST_SMTP_CONFIG (default\n"
    "~/.config/aftercast/smtp.conf, mode 0600). From and Reply-To come\n"
    "from the template's mail section.\n\n"
    "Options:\n"
    "  --dry-run DIR      write the pack and each message as DIR/CLIENT/\n"
    "                     CLIENT-PERIOD.eml; send and log nothing\n"
    "  --resend           send even what the log says was sent\n"
    "  PERIOD, --client, --all, -j, --template, --as-of: as `report pack`\n"
    "  -h, --help         print this help\n";

typedef struct deliver {
    aft_store *store; /* the log; NULL on a dry run */
    aft_smtp smtp;
    const char *dry; /* --dry-run DIR */
    int resend;
    size_t sent, already, skipped, failed;
    char why[4096]; /* "acme (reason); ..." */
} deliver;

static void
note_failure(deliver *d, const char *client, const char *reason)
{
    size_t n = strlen(d->why);

    d->failed++;
    cli_error("client '%s': %s", client, reason);
    snprintf(d->why + n, sizeof d->why - n, "%s%s (%s)", n ? "; " : "", client,
             reason);
}

/* The pack's files from its manifest, as attachments: *files (n) and
 * the paths they own in *paths. 0, or -1. */
static int
pack_files(aft_mail_file **files, size_t *n, char ***paths, const char *dir)
{
    char path[4400];
    json_t *man, *arr, *e;
    size_t i;

    snprintf(path, sizeof path, "%s/manifest.json", dir);
    if ((man = json_load_file(path, 0, NULL)) == NULL)
        return -1;
    arr = json_object_get(man, "files");
    *n = json_array_size(arr);
    *files = calloc(*n + 1, sizeof **files);
    *paths = calloc(2 * *n + 1, sizeof **paths);
    json_array_foreach(arr, i, e)
    {
        const char *f = json_string_value(json_object_get(e, "file"));
        size_t k = strlen(f);
        if (*files == NULL || *paths == NULL)
            break;
        snprintf(path, sizeof path, "%s/%s", dir, f);
        (*paths)[2 * i] = strdup(f);
        (*paths)[2 * i + 1] = strdup(path);
        (*files)[i].name = (*paths)[2 * i];
        (*files)[i].path = (*paths)[2 * i + 1];
        (*files)[i].type = k > 4 && strcmp(f + k - 4, ".pdf") == 0
                               ? "application/pdf"
                               : "application/vnd.openxmlformats-"
                                 "officedocument.spreadsheetml.sheet";
    }
    json_decref(man);
    return *files && *paths ? 0 : -1;
}

static void
free_files(aft_mail_file *files, char **paths, size_t n)
{
    size_t i;

    for (i = 0; paths != NULL && i < 2 * n; i++)
        free(paths[i]);
    free(paths);
    free(files);
}

/* The message of pack pc into *msg (*len bytes), its Message-ID into
 * mid. 0, or -1 with the reason in err. */
static int
compose(char **msg, size_t *len, char *mid, size_t mid_size,
        const cli_pack_client *pc, aft_error *err)
{
    const aft_client *c = pc->report->client;
    const aft_template *t = pc->tmpl;
    aft_mail m;
    aft_mail_file *files = NULL;
    char **paths = NULL, *subject = NULL, *text = NULL, *html = NULL;
    size_t n = 0;
    int rc;

    memset(&m, 0, sizeof m);
    m.from = aft_template_get(t, "mail.from");
    if (m.from == NULL)
        return aft_error_set(err, AFT_EINVALID,
                             "the template has no mail.from address");
    m.from_name = aft_template_get(t, "mail.from_name");
    if (m.from_name == NULL)
        m.from_name = aft_template_get(t, "company");
    m.reply_to = aft_template_get(t, "mail.reply_to");
    m.date = (int64_t)time(NULL);
    aft_mail_message_id(mid, mid_size, m.from, m.date);
    m.message_id = mid;
    m.rcpt = c->contacts;
    m.n_rcpt = c->n_contacts;
    if (pack_files(&files, &n, &paths, pc->dir) < 0) {
        free_files(files, paths, n);
        return aft_error_set(err, AFT_EIO, "cannot read the pack's manifest");
    }
    m.files = files;
    m.n_files = n;
    if ((rc = aft_mail_monthly(&subject, &text, &html, pc->report, t, err))
        == AFT_OK) {
        m.subject = subject;
        m.text = text;
        m.html = html;
        rc = aft_mail_compose(msg, len, &m, err);
    }
    free(subject);
    free(text);
    free(html);
    free_files(files, paths, n);
    return rc;
}

/* The .eml of a dry run beside the pack's PDF. 0, or -1 (errno). */
static int
write_eml(const cli_pack_client *pc, const char *msg, size_t len)
{
    char path[4400];
    size_t k;
    FILE *fp;
    int bad;

    snprintf(path, sizeof path, "%s", pc->pdf);
    k = strlen(path);
    if (k > 4)
        snprintf(path + k - 4, sizeof path - (k - 4), ".eml");
    if ((fp = fopen(path, "wb")) == NULL)
        return -1;
    bad = fwrite(msg, 1, len, fp) != len;
    bad |= fclose(fp) != 0;
    if (!bad)
        printf("%s\n", path);
    return bad ? -1 : 0;
}

/* Send msg to every contact of c and log it. 0, or -1 (reason in err). */
static int
send_logged(deliver *d, const cli_pack_client *pc, const char *msg, size_t len,
            const char mid[256], aft_error *err)
{
    const aft_client *c = pc->report->client;
    const char **rcpt = malloc((c->n_contacts + 1) * sizeof *rcpt);
    aft_delivery row;
    size_t i, n = c->n_contacts;
    int rc;

    if (rcpt == NULL) {
        aft_error_set(err, AFT_ENOMEM, "out of memory");
        return -1;
    }
    for (i = 0; i < n; i++)
        rcpt[i] = c->contacts[i].email;
    memset(&row, 0, sizeof row);
    rc = aft_smtp_send(&d->smtp, aft_template_get(pc->tmpl, "mail.from"), rcpt,
                       n, msg, len, row.reply, sizeof row.reply, err);
    free(rcpt);
    if (rc < 0)
        return -1;
    snprintf(row.pack_sha256, sizeof row.pack_sha256, "%s",
             pc->manifest_sha256);
    snprintf(row.message_id, sizeof row.message_id, "%s", mid);
    row.sent_at = (int64_t)time(NULL);
    if (aft_store_delivery_put(d->store, c->id, pc->report->period.label, &row,
                               err)
        < 0)
        return -1;
    printf("%s: sent to %zu recipients as %s (%s)\n", c->id, n, mid, row.reply);
    return 0;
}

/* Whether the log says c's pack of the period went out (and says so). */
static int
already_sent(deliver *d, const cli_pack_client *pc)
{
    const aft_client *c = pc->report->client;
    aft_delivery row;
    char when[AFT_INSTANT_BUFSZ];

    if (d->dry != NULL || d->resend
        || aft_store_delivery_get(d->store, c->id, pc->report->period.label,
                                  &row, NULL)
               != AFT_OK)
        return 0;
    printf("%s: already sent at %s as %s\n", c->id,
           aft_instant_format(when, row.sent_at), row.message_id);
    d->already++;
    return 1;
}

/* One client's pack, written: mail it (or write it, on a dry run). */
static int
on_pack(const cli_pack_client *pc, void *payload)
{
    deliver *d = payload;
    const aft_client *c = pc->report->client;
    char mid[256], *msg = NULL;
    size_t len = 0;
    aft_error err;

    if (c->n_contacts == 0) {
        printf("%s: skipped: no contact\n", c->id);
        d->skipped++;
        return 0;
    }
    if (already_sent(d, pc))
        return 0;
    if (compose(&msg, &len, mid, sizeof mid, pc, &err) < 0) {
        note_failure(d, c->id, err.message);
        return 1;
    }
    if (d->dry != NULL ? write_eml(pc, msg, len) < 0
                       : send_logged(d, pc, msg, len, mid, &err) < 0) {
        note_failure(d, c->id, d->dry ? strerror(errno) : err.message);
        free(msg);
        return 1;
    }
    free(msg);
    d->sent++;
    return 0;
}

/* An environment variable, or NULL when unset or empty. */
static const char *
env(const char *name)
{
    const char *v = getenv(name);

    return v != NULL && *v != '\0' ? v : NULL;
}

/* The server and credentials: the config file, then the environment
 * over it. 0, or 1 after an error. */
static int
smtp_config(aft_smtp *c)
{
    char path[2048];
    const char *v;
    aft_error err;
    struct stat st;

    memset(c, 0, sizeof *c);
    if ((v = env("AFTERCAST_SMTP_CONFIG")) != NULL)
        snprintf(path, sizeof path, "%s", v);
    else if ((v = env("HOME")) != NULL)
        snprintf(path, sizeof path, "%s/.config/aftercast/smtp.conf", v);
    else
        path[0] = '\0';
    if (path[0] != '\0'
        && (env("AFTERCAST_SMTP_CONFIG") != NULL || stat(path, &st) == 0)
        && aft_smtp_config_file(c, path, &err) < 0)
        goto fail;
    if ((v = env("AFTERCAST_SMTP_URL")) != NULL)
        snprintf(c->url, sizeof c->url, "%s", v);
    if ((v = env("AFTERCAST_SMTP_USER")) != NULL)
        snprintf(c->user, sizeof c->user, "%s", v);
    if ((v = env("AFTERCAST_SMTP_CA_FILE")) != NULL)
        snprintf(c->ca_file, sizeof c->ca_file, "%s", v);
    if ((v = env("AFTERCAST_SMTP_PASSWORD_FILE")) != NULL
        && aft_smtp_password_file(c, v, &err) < 0)
        goto fail;
    if (c->url[0] == '\0') {
        cli_error("no mail server: set AFTERCAST_SMTP_URL (or url in %s)",
                  path[0] ? path : "the config file");
        return 1;
    }
    if (c->user[0] != '\0' && c->password[0] == '\0') {
        cli_error("AFTERCAST_SMTP_USER is set but no password: give "
                  "AFTERCAST_SMTP_PASSWORD_FILE");
        return 1;
    }
    if (aft_smtp_check(c, &err) == AFT_OK)
        return 0;
fail:
    cli_error("%s", err.message);
    return 1;
}

/* deliver's own options out of argv, the rest into the `report pack`
 * command line av (--out dir added by the caller). -1 to go on, or an
 * exit status. */
static int
split_args(deliver *d, int argc, char **argv, char **av, int *ac)
{
    int i;

    av[0] = "report";
    av[1] = "pack";
    *ac = 2;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(HELP, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--resend") == 0)
            d->resend = 1;
        else if (strcmp(argv[i], "--dry-run") == 0 && i + 1 < argc)
            d->dry = argv[++i];
        else if (strncmp(argv[i], "--dry-run=", 10) == 0)
            d->dry = argv[i] + 10;
        else if (strcmp(argv[i], "--dry-run") == 0)
            return cli_usage("deliver", "--dry-run wants a directory");
        else if (strcmp(argv[i], "--out") == 0
                 || strncmp(argv[i], "--out=", 6) == 0)
            return cli_usage("deliver", "deliver takes no --out (see "
                                        "--dry-run DIR)");
        else
            av[(*ac)++] = argv[i];
    }
    return -1;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* The summary on stderr, and the exit status. */
static int
summary(const deliver *d, int pack_rc)
{
    size_t n = d->sent + d->already + d->skipped + d->failed;

    if (d->failed > 0) {
        cli_error("%zu of %zu clients failed: %s", d->failed, n, d->why);
        return 1;
    }
    if (pack_rc != 0) {
        cli_error("a pack could not be built (see above): its client was "
                  "not sent; sent %zu, already sent %zu",
                  d->sent, d->already);
        return 1;
    }
    cli_say(NULL, "%s %zu, already sent %zu, skipped %zu (no contact)",
            d->dry ? "written" : "sent", d->sent, d->already, d->skipped);
    return 0;
}

/* Open the store for the log (not on a dry run). 0, or 1. */
static int
open_log(deliver *d, const cli_global *g)
{
    aft_store_opts o;
    aft_error err;

    if (d->dry != NULL)
        return 0;
    memset(&o, 0, sizeof o);
    if (aft_store_open_ext(&d->store, g->db, &o, &err) < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    return 0;
}

int
cmd_deliver(const cli_global *g, int argc, char **argv)
{
    static deliver d;
    char **av = calloc((size_t)argc + 4, sizeof *av), tmp[4096];
    const char *dir = NULL;
    int ac, rc;

    memset(&d, 0, sizeof d);
    if (av == NULL) {
        cli_error("out of memory");
        return 1;
    }
    if ((rc = split_args(&d, argc, argv, av, &ac)) >= 0)
        goto done;
    rc = 1;
    if ((d.dry == NULL && smtp_config(&d.smtp) != 0) || open_log(&d, g) != 0)
        goto done;
    if ((dir = d.dry) == NULL) {
        const char *t = env("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/aftercast-deliver-XXXXXX",
                 t ? t : "/tmp");
        if ((dir = mkdtemp(tmp)) == NULL) {
            cli_error("cannot make a directory in '%s': %s", t ? t : "/tmp",
                      strerror(errno));
            goto done;
        }
    }
    av[ac++] = "--out";
    av[ac++] = (char *)dir;
    rc = cli_report_run(g, ac, av, on_pack, &d);
    rc = rc == EXIT_USAGE ? rc : summary(&d, rc);
done:
    if (d.dry == NULL && dir != NULL)
        nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    memset(d.smtp.password, 0, sizeof d.smtp.password);
    aft_store_close(d.store);
    free(av);
    return rc;
}
