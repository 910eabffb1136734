/*
 * cmd_site.c - aftercast site (--client ID | --all) --out DIR: each
 * client's static status page with its feeds and badges, and the
 * portfolio page, optionally with the reports they link to.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"

static const char HELP[] =
    "Usage: aftercast site (--client ID | --all) --out DIR [--days N]\n"
    "                      [--as-of TIMESTAMP] [--with-reports]\n"
    "                      [--template DIR]\n\n"
    "Write a static status-history site: with --all, DIR/index.html,\n"
    "every client against its target, breaches first; and for each client\n"
    "DIR/CLIENT/index.html (current status, a bar a day per service,\n"
    "twelve months, incident history, planned maintenance, the policy),\n"
    "DIR/CLIENT/status.json, DIR/CLIENT/feed.xml (Atom) and SVG badges\n"
    "DIR/CLIENT/badge.svg and badge-SERVICE.svg. The pages make no\n"
    "request: they open from file:// or any web server. The same database\n"
    "and --as-of give the same bytes. The paths of the pages are printed.\n\n"
    "Options:\n"
    "  --client ID        one client\n"
    "  --all              every client\n"
    "  --out DIR          where to write (created if missing)\n"
    "  --days N           daily bars per service, 7 to 366 (default 90)\n"
    "  --as-of TIMESTAMP  compute as at this instant (default: now)\n"
    "  --with-reports     also write DIR/CLIENT/reports/: the last whole\n"
    "                     month's PDF and XLSX and the root-cause PDFs\n"
    "  --template DIR     branding and wording (default: report-templates/"
    "default)\n"
    "  -h, --help         print this help\n";

typedef struct site_opts {
    cli_period po;
    const char *client, *out, *tdir;
    int all, with_reports;
    long days;
} site_opts;

/* -1 to go on, or an exit status. */
static int
parse(site_opts *o, int argc, char **argv)
{
    static const struct option opts[] = {
        {"as-of", required_argument, NULL, 'a'},
        {"client", required_argument, NULL, 'c'},
        {"all", no_argument, NULL, 'A'},
        {"out", required_argument, NULL, 'o'},
        {"days", required_argument, NULL, 'd'},
        {"with-reports", no_argument, NULL, 'r'},
        {"template", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_args args;
    char *end;
    int c;

    cli_args_init(&args, "site", "h", opts, argc, argv);
    while ((c = cli_args_next(&args)) != -1) {
        if (c == CLI_ARGS_BAD)
            return EXIT_USAGE;
        if (cli_period_arg(&o->po, c, optarg))
            continue;
        if (c == 'c')
            o->client = optarg;
        else if (c == 'A')
            o->all = 1;
        else if (c == 'o')
            o->out = optarg;
        else if (c == 't')
            o->tdir = optarg;
        else if (c == 'r')
            o->with_reports = 1;
        else if (c == 'd') {
            errno = 0;
            o->days = strtol(optarg, &end, 10);
            if (errno || *end != '\0' || end == optarg
                || o->days < AFT_SITE_MIN_DAYS || o->days > AFT_SITE_MAX_DAYS)
                return cli_usage("site", "--days wants %d to %d, not '%s'",
                                 AFT_SITE_MIN_DAYS, AFT_SITE_MAX_DAYS, optarg);
        } else if (c == 'h') {
            fputs(HELP, stdout);
            return 0;
        } else
            return cli_usage("site", "bad option");
    }
    if (optind < argc)
        return cli_usage("site", "unexpected argument '%s'", argv[optind]);
    if ((o->client == NULL) == !o->all)
        return cli_usage("site", "give --client ID or --all");
    if (o->out == NULL)
        return cli_usage("site", "give --out DIR");
    return -1;
}

/* Make directory path (or use it if it is one, never through a link).
 * 0, or 1 after an error. */
static int
sub_dir(const char *path)
{
    struct stat st;

    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        cli_error("cannot create '%s': %s", path, strerror(errno));
        return 1;
    }
    if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error("'%s' is not a directory", path);
        return 1;
    }
    return 0;
}

/* The reports the page links to, in dir/reports. 0, or 1. */
static int
reports(const aft_site *s, aft_engine *e, size_t ci, const aft_template *t,
        const char *dir)
{
    char rdir[4500], path[5000], name[160];
    aft_monthly *m = NULL;
    aft_error err;
    size_t k;
    int rc;

    snprintf(rdir, sizeof rdir, "%s/reports", dir);
    if (sub_dir(rdir) != 0)
        return 1;
    snprintf(path, sizeof path, "%s/%s-%s.pdf", rdir, s->file,
             s->month->prev.label);
    rc = aft_monthly_build(&m, e, ci, &s->month->prev, s->as_of, &err);
    if (rc == AFT_OK && (rc = aft_monthly_write_pdf(m, t, path, &err)) == 0) {
        snprintf(path, sizeof path, "%s/%s-%s.xlsx", rdir, s->file,
                 s->month->prev.label);
        rc = aft_monthly_write_xlsx(m, t, path, &err);
    }
    aft_monthly_free(m);
    for (k = 0; k < s->n_incidents && rc == AFT_OK; k++) {
        aft_rca *r = NULL;
        if (s->incidents[k].inc->root_cause == NULL)
            continue;
        snprintf(path, sizeof path, "%s/%s-%s.pdf", rdir,
                 aft_site_file_name(name, sizeof name, s->incidents[k].inc->id),
                 s->file);
        if ((rc = aft_rca_build(&r, e, ci, s->incidents[k].inc, s->as_of, &err))
            == AFT_OK)
            rc = aft_rca_write_pdf(r, t, path, &err);
        aft_rca_free(r);
    }
    if (rc < 0)
        cli_error("client '%s': %s", s->client->id, err.message);
    return rc < 0;
}

/* Build and write client ci's site into *out. 0, or 1 after an error. */
static int
one_client(aft_site **out, aft_engine *e, size_t ci, const site_opts *o,
           const aft_template *t, int64_t as_of)
{
    const aft_client *c = &aft_engine_dataset(e)->clients[ci];
    char dir[4400];
    aft_error err;

    if (aft_site_build(out, e, ci, (size_t)o->days, as_of, &err) < 0) {
        cli_error("client '%s': %s", c->id, err.message);
        return 1;
    }
    snprintf(dir, sizeof dir, "%s/%s", o->out, (*out)->file);
    if (sub_dir(dir) != 0
        || (o->with_reports && reports(*out, e, ci, t, dir) != 0))
        return 1;
    if (aft_site_write_client(*out, t, dir, o->with_reports, &err) < 0) {
        cli_error("client '%s': %s", c->id, err.message);
        return 1;
    }
    printf("%s/index.html\n", dir);
    return 0;
}

/* Load the clients and what their sites need; 0, or 1. */
static int
load(aft_dataset *ds, aft_engine **e, const cli_global *g, const site_opts *o,
     int64_t as_of)
{
    aft_store *store = NULL;
    aft_error err;
    int64_t lo, hi;
    int rc = 1;
    size_t i;

    if (cli_open_store(&store, g, 0) != 0)
        return 1;
    aft_site_range(as_of, (size_t)o->days, &lo, &hi);
    if (aft_store_load(ds, store, o->client, lo, hi, &err) < 0
        || aft_engine_new(e, ds, as_of, &err) < 0)
        cli_error("%s", err.message);
    else
        rc = 0;
    aft_store_close(store);
    for (i = 0; rc == 0 && o->client && i < ds->n_clients; i++)
        if (strcmp(ds->clients[i].id, o->client) == 0)
            return 0;
    if (rc == 0 && o->client) {
        cli_error("no client '%s'", o->client);
        rc = 1;
    }
    return rc;
}

/* Every client's site, then the portfolio page. */
static int
write_all(aft_engine *e, const site_opts *o, const aft_template *t,
          int64_t as_of)
{
    const aft_dataset *ds = aft_engine_dataset(e);
    aft_site **sites = calloc(ds->n_clients + 1, sizeof *sites);
    size_t i, n = 0;
    char path[4200];
    aft_error err;
    int failed = 0;

    if (sites == NULL) {
        cli_error("out of memory");
        return 1;
    }
    for (i = 0; i < ds->n_clients; i++) {
        if (o->client != NULL && strcmp(ds->clients[i].id, o->client) != 0)
            continue;
        failed |= one_client(&sites[n], e, i, o, t, as_of);
        n += sites[n] != NULL;
    }
    /* The portfolio page lists every client: only --all writes it, so
     * that one client's run does not shrink it to one row. */
    snprintf(path, sizeof path, "%s/index.html", o->out);
    if (o->client != NULL) {
        /* nothing */
    } else if (aft_site_write_portfolio(sites, n, t, path, &err) < 0) {
        cli_error("%s", err.message);
        failed = 1;
    } else {
        printf("%s\n", path);
    }
    for (i = 0; i < n; i++)
        aft_site_free(sites[i]);
    free(sites);
    return failed;
}

int
cmd_site(const cli_global *g, int argc, char **argv)
{
    site_opts o = {.days = AFT_SITE_DEFAULT_DAYS};
    cli_period po;
    aft_period p;
    aft_dataset ds = {0};
    aft_engine *e = NULL;
    aft_template *t = NULL;
    aft_error err;
    char tpath[4096];
    int64_t as_of;
    int rc, made = 0;

    if ((rc = parse(&o, argc, argv)) >= 0)
        return rc;
    po = (cli_period){"1970-01", NULL, NULL, NULL, NULL, o.po.as_of};
    if ((rc = cli_period_resolve("site", &po, g, NULL, &p, &as_of)) != 0)
        return rc;
    rc = 1;
    if (cli_out_dir(o.out, &made) != 0)
        return 1;
    if (cli_template_dir(o.tdir, tpath, sizeof tpath) < 0)
        cli_error("no report template found (give --template DIR)");
    else if (aft_template_load(&t, tpath, &err) < 0)
        cli_error("%s", err.message);
    else if (load(&ds, &e, g, &o, as_of) == 0)
        rc = write_all(e, &o, t, as_of);
    if (rc != 0 && made)
        rmdir(o.out);
    aft_engine_free(e);
    aft_dataset_free(&ds);
    aft_template_free(t);
    return cli_finish(rc);
}
