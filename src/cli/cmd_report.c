/*
 * cmd_report.c - aftercast report monthly PERIOD (--client ID | --all)
 * --out DIR: one PDF and one XLSX per client, written in parallel; and
 * the other reports, and a client's whole pack of them with its manifest.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/jsonw.h"
#include "base/sha256.h"
#include "cli.h"

static const char HELP[] =
    "Usage: aftercast report monthly PERIOD (--client ID | --all) --out DIR\n"
    "       aftercast report rca (INCIDENT-ID | --all PERIOD) [--client ID]\n"
    "                            --out DIR\n"
    "       aftercast report maintenance (MAINTENANCE-ID | --all PERIOD)\n"
    "                            [--client ID] --out DIR\n"
    "       aftercast report portfolio PERIOD --out DIR\n"
    "       aftercast report pack PERIOD (--client ID | --all) --out DIR\n"
    "       common: [-j N] [--template DIR] [--as-of TIMESTAMP]\n\n"
    "monthly writes each client's monthly report, DIR/CLIENT-PERIOD.pdf to\n"
    "send and DIR/CLIENT-PERIOD.xlsx to audit. rca writes the root-cause\n"
    "report of an incident for each affected client (DIR/INCIDENT-CLIENT.*),\n"
    "maintenance the post-maintenance report of a window\n"
    "(DIR/MAINTENANCE-CLIENT.*); with --all PERIOD, of every incident or\n"
    "window that started in the period. portfolio writes the executive\n"
    "report over every client (DIR/portfolio-PERIOD.*). pack writes each\n"
    "client's set in DIR/CLIENT/: its report of the period, the root-cause\n"
    "and post-maintenance reports of what affected it, and manifest.json\n"
    "(every file's kind, record and sha256, and the headline figures);\n"
    "with --all, the portfolio in DIR. The paths written\n"
    "are printed on stdout, in client (record) order whatever -j.\n\n"
    "PERIOD is --month YYYY-MM (or --quarter, --year, --from/--to);\n"
    "--month last is the last whole month before --as-of, on the calendar\n"
    "of --client's zone (without one, of UTC); so --quarter and --year.\n\n"
    "Options:\n"
    "  --client ID        one client\n"
    "  --all              every client (monthly), every record (rca,\n"
    "                     maintenance)\n"
    "  --out DIR          where to write (created if missing)\n"
    "  -j, --jobs N       reports written in parallel (default: cores)\n"
    "  --template DIR     branding and wording (default: report-templates/"
    "default)\n"
    "  --as-of TIMESTAMP  compute as at this instant (default: now)\n"
    "  -h, --help         print this help\n";

/* Days loaded either side of a record or period: every month a report of
 * it can mention lies within. */
#define MONTH_MARGIN_DAYS 33

typedef enum report_kind {
    MONTHLY,
    RCA,
    MAINTENANCE,
    PORTFOLIO,
    PACK
} report_kind;

/* One report to write: a client, and the record for rca/maintenance;
 * kind is the report's own (a pack holds every kind). */
typedef struct item {
    size_t ci;
    const void *rec;
    report_kind kind;
} item;

typedef struct job {
    const cli_global *g;
    report_kind kind;
    aft_engine *engine;
    const aft_dataset *ds;
    aft_template *tmpl;
    aft_period period;
    int64_t as_of;
    const char *out;
    item *items;
    size_t n_items;
    int quiet; /* print no paths (a pack built for deliver) */
} job;

/* Longest id kept as it is in a file name. */
/* File name from an id: aft_site_file_name(), the one rule for every
 * file and directory named after a record. */
static void
safe_name(char *buf, size_t size, const char *id)
{
    aft_site_file_name(buf, size, id);
}

/* Room for a file name without its extension. */
#define BASE_SIZE 300

/* The file name of item k without its extension: CLIENT-PERIOD,
 * RECORD-CLIENT or portfolio-PERIOD. Returns the record's id (rca,
 * maintenance) or NULL. */
static const char *
item_base(char *buf, const job *j, size_t k)
{
    const item *it = &j->items[k];
    const char *rec = NULL;
    char name[128], rname[128];

    if (it->kind == RCA)
        rec = ((const aft_incident *)it->rec)->id;
    else if (it->kind == MAINTENANCE)
        rec = ((const aft_maintenance *)it->rec)->id;
    if (it->kind == PORTFOLIO) {
        snprintf(buf, BASE_SIZE, "portfolio-%s", j->period.label);
        return NULL;
    }
    safe_name(name, sizeof name, j->ds->clients[it->ci].id);
    if (rec == NULL) {
        snprintf(buf, BASE_SIZE, "%s-%s", name, j->period.label);
    } else {
        safe_name(rname, sizeof rname, rec);
        snprintf(buf, BASE_SIZE, "%s-%s", rname, name);
    }
    return rec;
}

/* The client of item k; NULL for the portfolio. */
static const aft_client *
item_client(const job *j, size_t k)
{
    return j->items[k].kind == PORTFOLIO || j->ds->n_clients == 0
               ? NULL
               : &j->ds->clients[j->items[k].ci];
}

/* Room for a directory: --out, and in a pack a slash and a client's
 * name; and for a path: that, a slash, a file name and its extension. */
#define DIR_SIZE (4096 + 130)
#define PATH_SIZE (DIR_SIZE + BASE_SIZE + 8)

/* The directory item k writes in: --out, or in a pack the client's
 * DIR/CLIENT (the portfolio stays in DIR). */
static void
item_dir(char *buf, const job *j, size_t k)
{
    char name[128];

    if (j->kind != PACK || j->items[k].kind == PORTFOLIO) {
        snprintf(buf, DIR_SIZE, "%s", j->out);
        return;
    }
    safe_name(name, sizeof name, j->ds->clients[j->items[k].ci].id);
    snprintf(buf, DIR_SIZE, "%s/%s", j->out, name);
}

/* The two files item k writes (PATH_SIZE bytes each); *rec is its
 * record's id for rca and maintenance, else NULL. */
static void
item_paths(const job *j, size_t k, char *pdf, char *xlsx, const char **rec)
{
    char base[BASE_SIZE];

    char dir[DIR_SIZE];

    *rec = item_base(base, j, k);
    item_dir(dir, j, k);
    snprintf(pdf, PATH_SIZE, "%s/%s.pdf", dir, base);
    snprintf(xlsx, PATH_SIZE, "%s/%s.xlsx", dir, base);
}

/* Print the paths item k wrote on stdout. */
static void
print_paths(const job *j, size_t k)
{
    char pdf[PATH_SIZE], xlsx[PATH_SIZE];
    const char *rec;

    if (j->quiet)
        return;
    item_paths(j, k, pdf, xlsx, &rec);
    cli_progress_clear();
    printf("%s\n%s\n", pdf, xlsx);
    fflush(stdout);
}

/* Write one item's two files; 0, or 1 after printing the error. */
static int
one_item(const job *j, size_t k)
{
    const item *it = &j->items[k];
    const aft_client *c = item_client(j, k);
    aft_error err;
    char pdf[PATH_SIZE], xlsx[PATH_SIZE];
    const char *rec;
    int rc;

    item_paths(j, k, pdf, xlsx, &rec);
    if (it->kind == MONTHLY) {
        aft_monthly *r = NULL;
        if ((rc = aft_monthly_build(&r, j->engine, it->ci, &j->period, j->as_of,
                                    &err))
                == AFT_OK
            && (rc = aft_monthly_write_pdf(r, j->tmpl, pdf, &err)) == AFT_OK)
            rc = aft_monthly_write_xlsx(r, j->tmpl, xlsx, &err);
        aft_monthly_free(r);
    } else if (it->kind == RCA) {
        aft_rca *r = NULL;
        if ((rc = aft_rca_build(&r, j->engine, it->ci, it->rec, j->as_of, &err))
                == AFT_OK
            && (rc = aft_rca_write_pdf(r, j->tmpl, pdf, &err)) == AFT_OK)
            rc = aft_rca_write_xlsx(r, j->tmpl, xlsx, &err);
        aft_rca_free(r);
    } else if (it->kind == PORTFOLIO) {
        aft_portfolio *r = NULL;
        if ((rc = aft_portfolio_build(&r, j->engine, &j->period, j->as_of,
                                      &err))
                == AFT_OK
            && (rc = aft_portfolio_write_pdf(r, j->tmpl, pdf, &err)) == AFT_OK)
            rc = aft_portfolio_write_xlsx(r, j->tmpl, xlsx, &err);
        aft_portfolio_free(r);
    } else {
        aft_mreport *r = NULL;
        if ((rc = aft_mreport_build(&r, j->engine, it->ci, it->rec, j->as_of,
                                    &err))
                == AFT_OK
            && (rc = aft_mreport_write_pdf(r, j->tmpl, pdf, &err)) == AFT_OK)
            rc = aft_mreport_write_xlsx(r, j->tmpl, xlsx, &err);
        aft_mreport_free(r);
    }
    if (rc < 0) {
        if (c == NULL)
            cli_error("portfolio: %s", err.message);
        else if (it->kind == MONTHLY)
            cli_error("client '%s': %s", c->id, err.message);
        else
            cli_error("%s for client '%s': %s", rec, c->id, err.message);
        return 1;
    }
    return 0;
}

/* BIN/../share/aftercast/report-templates/default, for an installed
 * binary wherever its prefix is. */
static int
beside_binary(char *buf, size_t size)
{
    char exe[2048], *slash;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    struct stat st;

    if (n <= 0)
        return 0;
    exe[n] = '\0';
    if ((slash = strrchr(exe, '/')) == NULL)
        return 0;
    *slash = '\0';
    snprintf(buf, size, "%s/../share/aftercast/report-templates/default", exe);
    {
        char probe[4200];
        snprintf(probe, sizeof probe, "%s/template.json", buf);
        return stat(probe, &st) == 0;
    }
}

int
cli_template_dir(const char *given, char *buf, size_t size)
{
    const char *env = getenv("AFTERCAST_TEMPLATES");
    struct stat st;

    if (given != NULL)
        snprintf(buf, size, "%s", given);
    else if (env != NULL && *env != '\0')
        snprintf(buf, size, "%s/default", env);
    else if (beside_binary(buf, size))
        return 0;
    else if (stat(AFT_TEMPLATE_DIR "/default/template.json", &st) == 0)
        snprintf(buf, size, "%s/default", AFT_TEMPLATE_DIR);
    else if (stat(AFT_SOURCE_TEMPLATE_DIR "/default/template.json", &st) == 0)
        snprintf(buf, size, "%s/default", AFT_SOURCE_TEMPLATE_DIR);
    else
        return -1;
    return 0;
}

/* The items one after another, each one's paths printed once written. */
static int
run_serial(const job *j)
{
    size_t i;
    int failed = 0, bad;

    for (i = 0; i < j->n_items; i++) {
        failed |= bad = one_item(j, i);
        if (!bad)
            print_paths(j, i);
        cli_progress("aftercast: %zu/%zu reports", i + 1, j->n_items);
    }
    return failed;
}

/* Worker k of jobs: items k, k + jobs, ...; each one's index and outcome
 * sent to the parent as one write (atomic on a pipe). */
static void
run_worker(const job *j, int k, int jobs, int fd)
{
    size_t i, msg[2];
    int bad = 0;

    for (i = (size_t)k; i < j->n_items; i += (size_t)jobs) {
        msg[0] = i;
        msg[1] = (size_t)one_item(j, i);
        bad |= (int)msg[1];
        if (write(fd, msg, sizeof msg) != (ssize_t)sizeof msg)
            bad = 1;
    }
    fflush(NULL);
    _exit(bad);
}

/* Collect the workers' outcomes from fd and print the paths in item
 * order, each as soon as every item before it is done, whatever order the
 * workers finish in. state: 0 pending, 1 written, 2 failed. */
static void
collect(const job *j, int fd, unsigned char *state)
{
    size_t msg[2], done = 0, next = 0;

    while (read(fd, msg, sizeof msg) == (ssize_t)sizeof msg) {
        if (msg[0] >= j->n_items)
            continue;
        state[msg[0]] = msg[1] ? 2 : 1;
        for (; next < j->n_items && state[next] != 0; next++)
            if (state[next] == 1)
                print_paths(j, next);
        cli_progress("aftercast: %zu/%zu reports", ++done, j->n_items);
    }
    for (; next < j->n_items; next++) /* after a worker died */
        if (state[next] == 1)
            print_paths(j, next);
}

/* The workers of this process, for the signal handler: they are told of
 * the signal and waited for, so that none leaves a file behind. */
static pid_t *workers;
static volatile sig_atomic_t n_workers;

/* SIGINT, SIGTERM: remove the files being written, stop the workers,
 * then die of the signal. */
static void
on_signal(int sig)
{
    sig_atomic_t i;

    aft_render_remove_temp();
    for (i = 0; i < n_workers; i++)
        kill(workers[i], sig);
    for (i = 0; i < n_workers; i++)
        waitpid(workers[i], NULL, 0);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Handle SIGINT and SIGTERM with on_signal(), unless ignored (nohup, a
 * background job of a shell without job control): then they stay so. */
static void
on_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM};
    struct sigaction sa, old;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    for (i = 0; i < 2; i++)
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
}

/* Block (hold) or unblock SIGINT and SIGTERM. */
static void
hold_signals(int hold)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* Run the items over `jobs` worker processes; each finished item is
 * reported back, which drives the progress line and the paths printed. */
static int
run_parallel(const job *j, int jobs)
{
    int fd[2], failed = 0, k, status;
    unsigned char *state;

    if (j->n_items > 1)
        cli_progress_begin();
    if (jobs <= 1 || j->n_items <= 1) {
        failed = run_serial(j);
        cli_progress_end();
        return failed;
    }
    if ((state = calloc(j->n_items, 1)) == NULL || pipe(fd) != 0) {
        cli_error("%s", state ? strerror(errno) : "out of memory");
        free(state);
        return 1;
    }
    fflush(stdout);
    if ((workers = calloc((size_t)jobs, sizeof *workers)) == NULL) {
        cli_error("out of memory");
        return 1;
    }
    hold_signals(1); /* each worker is known to the handler once forked */
    for (k = 0; k < jobs; k++) {
        pid_t pid = fork();
        if (pid < 0) {
            cli_error("fork: %s", strerror(errno));
            failed = 1;
            break;
        }
        if (pid == 0) {
            n_workers = 0;
            hold_signals(0);
            close(fd[0]);
            run_worker(j, k, jobs, fd[1]);
        }
        workers[n_workers] = pid;
        n_workers = n_workers + 1;
    }
    hold_signals(0);
    close(fd[1]);
    collect(j, fd[0], state);
    close(fd[0]);
    cli_progress_end();
    while (wait(&status) > 0)
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed = 1;
    free(state);
    hold_signals(1);
    n_workers = 0;
    free(workers);
    workers = NULL;
    hold_signals(0);
    return failed;
}

static int
client_index(const aft_dataset *ds, const char *id, size_t *out)
{
    size_t i;

    for (i = 0; i < ds->n_clients; i++)
        if (strcmp(ds->clients[i].id, id) == 0) {
            *out = i;
            return 0;
        }
    cli_error("no client '%s'", id);
    return -1;
}

/* Whether record rec (incident or maintenance) is the one named, or falls
 * in the period (started, or scheduled to start, in it, in UTC). */
static int
wanted(const job *j, const char *record, const char *id, int64_t start)
{
    if (record != NULL)
        return strcmp(record, id) == 0;
    return start >= aft_day_start(j->period.start_day)
           && start < aft_day_start(j->period.end_day) && start < j->as_of;
}

/* Append to j->items, from n on, the reports of kind (RCA or
 * MAINTENANCE) of each record wanted, for the clients [lo, hi) it
 * affects (every one of them when forced). Returns the new count;
 * *found is set when a record was wanted. */
static size_t
record_items(job *j, report_kind kind, const char *record, size_t lo, size_t hi,
             int forced, size_t n, int *found)
{
    const aft_dataset *ds = j->ds;
    size_t i, ci;

    for (i = 0; i < (kind == RCA ? ds->n_incidents : ds->n_maintenances); i++) {
        const void *rec = kind == RCA ? (const void *)&ds->incidents[i]
                                      : (const void *)&ds->maintenances[i];
        const char *id = kind == RCA ? ds->incidents[i].id
                                     : ds->maintenances[i].id;
        int64_t start = kind == RCA ? ds->incidents[i].started_at
                                    : ds->maintenances[i].scheduled_start;

        if (!wanted(j, record, id, start))
            continue;
        *found = 1;
        for (ci = lo; ci < hi; ci++) {
            int counts = kind == RCA
                             ? aft_engine_incident_counts(j->engine, ci, rec)
                             : aft_engine_maintenance_counts(j->engine, ci,
                                                             rec);
            if (counts || forced)
                j->items[n++] = (item){ci, rec, kind};
        }
    }
    return n;
}

/* A pack's reports: per client its periodic report, then the root-cause
 * and post-maintenance reports of what affected it; the portfolio last
 * (every client only). */
static size_t
pack_items(job *j, const char *client, size_t one)
{
    size_t ci, n = 0;
    int found = 0;

    for (ci = 0; ci < j->ds->n_clients; ci++) {
        if (client != NULL && ci != one)
            continue;
        j->items[n++] = (item){ci, NULL, MONTHLY};
        n = record_items(j, RCA, NULL, ci, ci + 1, 0, n, &found);
        n = record_items(j, MAINTENANCE, NULL, ci, ci + 1, 0, n, &found);
    }
    if (client == NULL)
        j->items[n++] = (item){0, NULL, PORTFOLIO};
    return n;
}

/* The reports to write: (client, record) pairs. 0, or 1 after an error. */
static int
make_items(job *j, const char *record, const char *client)
{
    const aft_dataset *ds = j->ds;
    size_t ci, one = 0, n = 0, cap, nc = ds->n_clients ? ds->n_clients : 1;
    int found = 0;

    if (client != NULL && client_index(ds, client, &one) < 0)
        return 1;
    cap = j->kind == MONTHLY ? ds->n_clients
          : j->kind == PACK
              ? nc * (1 + ds->n_incidents + ds->n_maintenances) + 1
              : (j->kind == RCA ? ds->n_incidents : ds->n_maintenances) * nc;
    if ((j->items = calloc(cap + 1, sizeof *j->items)) == NULL) {
        cli_error("out of memory");
        return 1;
    }
    if (j->kind == PACK) {
        j->n_items = pack_items(j, client, one);
        return 0;
    }
    if (j->kind == MONTHLY) {
        for (ci = 0; ci < ds->n_clients; ci++)
            if (client == NULL || ci == one)
                j->items[n++] = (item){ci, NULL, MONTHLY};
        j->n_items = n;
        return 0;
    }
    if (j->kind == PORTFOLIO) {
        j->items[0] = (item){0, NULL, PORTFOLIO};
        j->n_items = 1;
        return 0;
    }
    n = record_items(j, j->kind, record, client ? one : 0,
                     client ? one + 1 : ds->n_clients, client != NULL, 0,
                     &found);
    j->n_items = n;
    if (record != NULL && !found) {
        cli_error("no %s '%s'", j->kind == RCA ? "incident" : "maintenance",
                  record);
        return 1;
    }
    if (record != NULL && n == 0) {
        cli_error("'%s' affects no client", record);
        return 1;
    }
    return 0;
}

/* Item names to sort: the file name and the item. */
typedef struct named {
    char base[BASE_SIZE];
    size_t k;
} named;

static int
by_base(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->base, y->base);

    return c != 0 ? c : (x->k > y->k) - (x->k < y->k);
}

/* Item k in words: "client 'x'", or "incident 'r' for client 'x'". */
static void
describe(char *buf, size_t size, const job *j, size_t k)
{
    const char *client = j->ds->clients[j->items[k].ci].id;
    const char *rec = item_base(buf, j, k); /* buf reused below */

    if (rec == NULL)
        snprintf(buf, size, "client '%s'", client);
    else
        snprintf(buf, size, "%s '%s' for client '%s'",
                 j->items[k].kind == RCA ? "incident" : "maintenance", rec,
                 client);
}

/* Refuse to write two items to one file. The names are distinct by
 * construction for distinct ids (safe_name()), but RECORD-CLIENT can
 * still meet: record a-b with client c, record a with client b-c.
 * 0, or 1 after an error. */
static int
check_names(const job *j)
{
    named *v;
    size_t i;
    int rc = 0;

    if (j->n_items < 2)
        return 0;
    if ((v = malloc(j->n_items * sizeof *v)) == NULL) {
        cli_error("out of memory");
        return 1;
    }
    for (i = 0; i < j->n_items; i++) {
        item_base(v[i].base, j, i);
        v[i].k = i;
    }
    qsort(v, j->n_items, sizeof *v, by_base);
    for (i = 1; i < j->n_items && rc == 0; i++)
        if (strcmp(v[i - 1].base, v[i].base) == 0) {
            char a[600], b[600];
            describe(a, sizeof a, j, v[i - 1].k);
            describe(b, sizeof b, j, v[i].k);
            cli_error("two reports would be written to '%s/%s.pdf' (%s, %s): "
                      "rename a record or a client",
                      j->out, v[i].base, a, b);
            rc = 1;
        }
    free(v);
    return rc;
}

/* The command line of one report command. */
typedef struct report_opts {
    char cmdname[32]; /* "report monthly" and so on */
    cli_period po;
    const char *client, *out, *tdir, *record;
    int all, jobs;
} report_opts;

/* The report named by argv[1]. -1 to go on, or an exit status. */
static int
parse_kind(report_kind *out, int argc, char **argv)
{
    static const char *const KINDS[] = {"monthly", "rca", "maintenance",
                                        "portfolio", "pack"};
    const char *near;
    int k;

    if (argc < 2)
        return cli_usage("report", "name a report: monthly, rca, "
                                   "maintenance, portfolio or pack");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(HELP, stdout);
        return 0;
    }
    for (k = 0; k < 5; k++)
        if (strcmp(argv[1], KINDS[k]) == 0) {
            *out = (report_kind)k;
            return -1;
        }
    if ((near = cli_suggest(argv[1], KINDS, 5)) != NULL)
        return cli_usage("report", "unknown report '%s' (did you mean '%s'?)",
                         argv[1], near);
    return cli_usage("report",
                     "unknown report '%s' (want monthly, rca, "
                     "maintenance, portfolio or pack)",
                     argv[1]);
}

/* The options after the report's name. -1 to go on, or an exit status. */
static int
parse_options(report_opts *o, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_PERIOD_OPTIONS,
        {"client", required_argument, NULL, 'c'},
        {"all", no_argument, NULL, 'A'},
        {"out", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"template", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_args args;
    int c;

    cli_args_init(&args, o->cmdname, "hj:", opts, argc, argv);
    while ((c = cli_args_next(&args)) != -1) {
        if (c == CLI_ARGS_BAD)
            return EXIT_USAGE;
        if (cli_period_arg(&o->po, c, optarg))
            continue;
        switch (c) {
        case 'c':
            o->client = optarg;
            break;
        case 'A':
            o->all = 1;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 't':
            o->tdir = optarg;
            break;
        case 'j':
            if ((o->jobs = atoi(optarg)) < 1)
                return cli_usage(o->cmdname, "-j wants a number > 0");
            break;
        case 'h':
            fputs(HELP, stdout);
            return 0;
        default:
            return cli_usage(o->cmdname, "bad option");
        }
    }
    return -1;
}

/* The record argument and the combinations of options kind allows.
 * -1 to go on, or an exit status. */
static int
check_options(report_opts *o, report_kind kind, int argc, char **argv)
{
    const char *cmd = o->cmdname;

    if ((kind == RCA || kind == MAINTENANCE) && optind < argc && !o->all)
        o->record = argv[optind++];
    if (optind < argc)
        return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
    if ((kind == MONTHLY || kind == PACK) && (o->client == NULL) == !o->all)
        return cli_usage(cmd, "give --client ID or --all");
    if ((kind == RCA || kind == MAINTENANCE) && (o->record == NULL) == !o->all)
        return cli_usage(cmd, "give a record id or --all PERIOD");
    if (kind == PORTFOLIO && (o->all || o->client != NULL))
        return cli_usage(cmd, "the portfolio covers every client");
    if (o->out == NULL)
        return cli_usage(cmd, "give --out DIR");
    if (o->record != NULL) {
        /* The period is the record's; only --as-of matters. */
        cli_period tmp = {"1970-01", NULL, NULL, NULL, NULL, o->po.as_of};
        if (o->po.month || o->po.quarter || o->po.year || o->po.from
            || o->po.to)
            return cli_usage(cmd, "a record id takes no period");
        o->po = tmp;
    }
    return -1;
}

/* Make the output directory if missing (*made says whether it was made
 * here), and make sure it is one this process can write in, saying why
 * not. 0, or 1 after an error. */
int
cli_out_dir(const char *out, int *made)
{
    struct stat st;

    if (mkdir(out, 0777) == 0) {
        *made = 1;
    } else if (errno != EEXIST) {
        cli_error("cannot create '%s': %s", out, strerror(errno));
        return 1;
    }
    if (stat(out, &st) != 0) {
        if (lstat(out, &st) == 0 && S_ISLNK(st.st_mode))
            cli_error("'%s' is a dangling symbolic link", out);
        else
            cli_error("cannot use '%s': %s", out, strerror(errno));
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        cli_error("'%s' is not a directory", out);
        return 1;
    }
    if (access(out, W_OK | X_OK) != 0) {
        cli_error("cannot write in '%s': %s", out, strerror(errno));
        return 1;
    }
    return 0;
}

/* The output directory and the template. 0, or 1 after an error. */
static int
prepare(job *j, const report_opts *o, int *made)
{
    char tpath[4096];
    aft_error err;

    if (cli_out_dir(o->out, made) != 0)
        return 1;
    if (cli_template_dir(o->tdir, tpath, sizeof tpath) < 0) {
        cli_error("no report template found (give --template DIR)");
        return 1;
    }
    if (aft_template_load(&j->tmpl, tpath, &err) < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    return 0;
}

/* The instants [*lo, *hi) to load: what the reports can mention. */
static int
load_range(const job *j, aft_store *store, const char *record, int64_t *lo,
           int64_t *hi, aft_error *err)
{
    int rc;

    if (record != NULL) {
        /* A month either side covers the months it started in. */
        if ((rc = aft_store_span(store,
                                 j->kind == RCA ? AFT_KIND_INCIDENT
                                                : AFT_KIND_MAINTENANCE,
                                 record, lo, hi, err))
            < 0)
            return rc;
        if (*hi == AFT_TIME_NONE || *hi < j->as_of)
            *hi = *hi == AFT_TIME_NONE ? j->as_of : *hi;
        *lo -= MONTH_MARGIN_DAYS * AFT_DAY_SECONDS;
        *hi += MONTH_MARGIN_DAYS * AFT_DAY_SECONDS;
    } else if (j->kind == MONTHLY) {
        aft_monthly_range(&j->period, lo, hi);
    } else if (j->kind == PACK) {
        int64_t plo, phi;
        aft_monthly_range(&j->period, lo, hi);
        aft_portfolio_range(&j->period, &plo, &phi);
        plo = plo < *lo ? plo : *lo;
        phi = phi > *hi ? phi : *hi;
        *lo = aft_day_start(j->period.start_day - MONTH_MARGIN_DAYS);
        *hi = aft_day_start(j->period.end_day + MONTH_MARGIN_DAYS);
        *lo = plo < *lo ? plo : *lo;
        *hi = phi > *hi ? phi : *hi;
    } else if (j->kind == PORTFOLIO) {
        aft_portfolio_range(&j->period, lo, hi);
    } else {
        *lo = aft_day_start(j->period.start_day - MONTH_MARGIN_DAYS);
        *hi = aft_day_start(j->period.end_day + MONTH_MARGIN_DAYS);
    }
    return AFT_OK;
}

/* What a periodic report reads (sc->lo, sc->hi already set): whole only
 * where its model needs incidents' text and response times; a monthly
 * report of one client only the incidents of its services. */
static void
periodic_scope(const job *j, const report_opts *o, aft_load_scope *sc)
{
    sc->client_id = j->kind == MONTHLY || j->kind == PACK ? o->client : NULL;
    sc->only_its_services = j->kind == MONTHLY;
    if (j->kind == MONTHLY) {
        sc->whole[sc->n_whole++] = aft_monthly_whole(&j->period);
    } else if (j->kind == PORTFOLIO) {
        sc->whole[sc->n_whole++] = aft_portfolio_whole(&j->period);
    } else { /* a pack: also its RCAs' and maintenance reports' months,
              * which hold the monthly report's and the portfolio's */
        sc->whole[0].start = aft_day_start(j->period.start_day
                                           - MONTH_MARGIN_DAYS);
        sc->whole[0].end = aft_day_start(j->period.end_day + MONTH_MARGIN_DAYS);
        sc->n_whole = 1;
    }
}

/* Load what the reports need into ds and prepare the engine over it.
 * 0, or 1 after printing the error. */
static int
load(job *j, aft_dataset *ds, const cli_global *g, const report_opts *o)
{
    aft_store *store = NULL;
    aft_load_scope sc;
    aft_error err;
    int rc = 1;

    memset(&sc, 0, sizeof sc);
    if (cli_open_store(&store, g, 0) != 0)
        return 1;
    if (load_range(j, store, o->record, &sc.lo, &sc.hi, &err) < 0)
        cli_error("%s", err.message);
    else {
        int scoped = o->record == NULL
                     && (j->kind == MONTHLY || j->kind == PORTFOLIO
                         || j->kind == PACK);
        if (scoped)
            periodic_scope(j, o, &sc);
        if ((scoped ? aft_store_load_scoped(ds, store, &sc, &err)
                    : aft_store_load(ds, store, NULL, sc.lo, sc.hi, &err))
                < 0
            || aft_engine_new(&j->engine, ds, j->as_of, &err) < 0)
            cli_error("%s", err.message);
        else
            rc = 0;
    }
    aft_store_close(store);
    return rc;
}

/* Make each client's directory of a pack. 0, or 1 after an error. */
static int
pack_dirs(const job *j)
{
    char dir[DIR_SIZE];
    size_t k;

    for (k = 0; j->kind == PACK && k < j->n_items; k++) {
        if (j->items[k].kind != MONTHLY)
            continue;
        item_dir(dir, j, k);
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            cli_error("cannot create '%s': %s", dir, strerror(errno));
            return 1;
        }
    }
    return 0;
}

/* The headline figures of the periodic report r into w: the same
 * values its PDF shows. */
static void
manifest_headline(jsonw *w, const aft_monthly *r)
{
    const aft_sla_result *t = aft_monthly_total(r);
    size_t i;

    jw_key(w, "headline");
    jw_object(w);
    jw_key(w, "availability");
    if (t->has_availability)
        jw_real(w, t->availability);
    else
        jw_null(w);
    jw_key(w, "target");
    jw_real(w, t->target);
    jw_key(w, "status");
    jw_string(w, !t->has_availability ? "no_data"
                 : t->met             ? "met"
                                      : "breached");
    jw_key(w, "provisional");
    jw_bool(w, r->provisional);
    jw_key(w, "incidents");
    jw_int(w, (int64_t)r->metrics.incidents);
    jw_key(w, "credits");
    jw_array(w);
    for (i = 0; i < r->n_credits; i++) {
        jw_object(w);
        jw_key(w, "service");
        jw_string(w, r->credits[i].service_id);
        jw_key(w, "percent");
        jw_real(w, r->credits[i].percent);
        jw_object_end(w);
    }
    jw_array_end(w);
    jw_object_end(w);
}

/* One file of a pack in the manifest: 0, or -1 (errno) when unreadable. */
static int
manifest_file(jsonw *w, const char *path, const char *kind, const char *rec)
{
    char hex[AFT_SHA256_HEX];
    const char *slash = strrchr(path, '/');

    if (aft_sha256_file(hex, path) < 0)
        return -1;
    jw_object(w);
    jw_key(w, "kind");
    jw_string(w, kind);
    jw_key(w, "record");
    jw_string(w, rec);
    jw_key(w, "file");
    jw_string(w, slash ? slash + 1 : path);
    jw_key(w, "sha256");
    jw_string(w, hex);
    jw_object_end(w);
    return 0;
}

static const char *const KIND_WORDS[] = {"monthly", "rca", "maintenance",
                                         "portfolio", "pack"};

/* The manifest of client item k0's pack (items k0 up to the next
 * client's) to fp. 0, or 1 after an error. */
static int
manifest_write(FILE *fp, const job *j, size_t k0, const aft_monthly *r)
{
    jsonw w;
    size_t k;

    jw_init(&w, fp);
    jw_object(&w);
    jw_key(&w, "client");
    jw_string(&w, r->client->id);
    jw_key(&w, "name");
    jw_string(&w, r->client->name);
    jw_key(&w, "period");
    jw_string(&w, j->period.label);
    manifest_headline(&w, r);
    jw_key(&w, "files");
    jw_array(&w);
    for (k = k0; k < j->n_items && (k == k0 || j->items[k].kind != MONTHLY)
                 && j->items[k].kind != PORTFOLIO;
         k++) {
        char pdf[PATH_SIZE], xlsx[PATH_SIZE];
        const char *rec, *kind = KIND_WORDS[j->items[k].kind];
        item_paths(j, k, pdf, xlsx, &rec);
        const char *miss = manifest_file(&w, pdf, kind, rec) < 0    ? pdf
                           : manifest_file(&w, xlsx, kind, rec) < 0 ? xlsx
                                                                    : NULL;
        if (miss != NULL) {
            cli_error("client '%s': pack incomplete: cannot read '%s': %s",
                      r->client->id, miss, strerror(errno));
            return 1;
        }
    }
    jw_array_end(&w);
    jw_object_end(&w);
    jw_newline(&w);
    return 0;
}

/* Write the manifest of the pack of client item k (and hand it to the
 * caller's fn). 0, or 1 after an error. */
static int
pack_finish_one(const job *j, size_t k, cli_pack_fn fn, void *payload)
{
    char dir[DIR_SIZE], path[DIR_SIZE + 16], tmp[DIR_SIZE + 24], pdf[PATH_SIZE],
        xlsx[PATH_SIZE], hex[AFT_SHA256_HEX];
    const char *rec;
    aft_monthly *r = NULL;
    aft_error err;
    FILE *fp;
    int bad;

    item_dir(dir, j, k);
    item_paths(j, k, pdf, xlsx, &rec);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    if (aft_monthly_build(&r, j->engine, j->items[k].ci, &j->period, j->as_of,
                          &err)
        < 0) {
        cli_error("client '%s': %s", j->ds->clients[j->items[k].ci].id,
                  err.message);
        return 1;
    }
    /* Written aside and renamed: a manifest is whole or absent. */
    snprintf(tmp, sizeof tmp, "%s.part", path);
    if ((fp = fopen(tmp, "wb")) == NULL) {
        cli_error("cannot write '%s': %s", tmp, strerror(errno));
        aft_monthly_free(r);
        return 1;
    }
    bad = manifest_write(fp, j, k, r);
    if (fclose(fp) != 0 && !bad) {
        cli_error("cannot write '%s': %s", tmp, strerror(errno));
        bad = 1;
    }
    if (!bad && rename(tmp, path) != 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        bad = 1;
    }
    if (bad)
        unlink(tmp);
    if (!bad && fn != NULL && aft_sha256_file(hex, path) != 0) {
        cli_error("cannot read '%s': %s", path, strerror(errno));
        bad = 1;
    }
    if (!bad && fn != NULL) {
        cli_pack_client pc = {r, j->tmpl, dir, hex, pdf, xlsx};
        bad = fn(&pc, payload);
    }
    aft_monthly_free(r);
    return bad;
}

/* Every client's manifest; 1 if any failed. */
static int
pack_finish(const job *j, cli_pack_fn fn, void *payload)
{
    size_t k;
    int failed = 0;

    for (k = 0; j->kind == PACK && k < j->n_items; k++)
        if (j->items[k].kind == MONTHLY)
            failed |= pack_finish_one(j, k, fn, payload);
    return failed;
}

/* Resolve the period of o into j; -1 to go on, or an exit status. */
static int
resolve(job *j, report_opts *o, const cli_global *g)
{
    int rc;

    if ((rc = cli_period_resolve(o->cmdname, &o->po, g,
                                 j->kind == PORTFOLIO ? NULL : o->client,
                                 &j->period, &j->as_of))
        != 0)
        return rc;
    if (o->record == NULL && aft_report_period_after(&j->period, j->as_of))
        return cli_usage(o->cmdname,
                         "period '%s' starts after as-of: nothing of it can "
                         "be reported yet",
                         j->period.label);
    return -1;
}

int
cli_report_run(const cli_global *g, int argc, char **argv, cli_pack_fn fn,
               void *payload)
{
    report_opts o;
    aft_dataset ds = {0};
    job j;
    int rc, made = 0;

    memset(&j, 0, sizeof j);
    memset(&o, 0, sizeof o);
    o.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if ((rc = parse_kind(&j.kind, argc, argv)) >= 0)
        return rc;
    /* Usage errors name the command run: deliver builds packs too. */
    snprintf(o.cmdname, sizeof o.cmdname, fn ? "deliver" : "report %s",
             argv[1]);
    if ((rc = parse_options(&o, argc - 1, argv + 1)) >= 0
        || (rc = check_options(&o, j.kind, argc - 1, argv + 1)) >= 0
        || (rc = resolve(&j, &o, g)) >= 0)
        return rc;
    rc = 1;
    if (prepare(&j, &o, &made) != 0 || load(&j, &ds, g, &o) != 0)
        goto done;
    j.g = g;
    j.ds = &ds;
    j.out = o.out;
    j.quiet = fn != NULL;
    if (make_items(&j, o.record, o.client) != 0 || check_names(&j) != 0
        || pack_dirs(&j) != 0)
        goto done;
    on_signals();
    rc = run_parallel(&j, o.jobs);
    rc |= pack_finish(&j, fn, payload);
done:
    /* A failed run leaves no empty directory of its own making behind
     * (rmdir removes only an empty one). */
    if (rc != 0 && made)
        rmdir(o.out);
    free(j.items);
    aft_engine_free(j.engine);
    aft_dataset_free(&ds);
    aft_template_free(j.tmpl);
    return rc;
}

int
cmd_report(const cli_global *g, int argc, char **argv)
{
    return cli_report_run(g, argc, argv, NULL, NULL);
}
