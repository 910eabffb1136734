/*
 * cmd_report.c - aftercast report monthly PERIOD (--client ID | --all)
 * --out DIR: one PDF and one XLSX per client, written in parallel.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static const char HELP[] =
    "Usage: aftercast report monthly PERIOD (--client ID | --all) --out DIR\n"
    "                        [-j N] [--template DIR] [--as-of TIMESTAMP]\n\n"
    "Write each client's monthly report: DIR/CLIENT-PERIOD.pdf to send and\n"
    "DIR/CLIENT-PERIOD.xlsx to audit, with the figures of `availability`\n"
    "and `metrics`. The paths written are printed on stdout.\n\n"
    "PERIOD is --month YYYY-MM (or --quarter, --year, --from/--to).\n\n"
    "Options:\n"
    "  --client ID        one client\n"
    "  --all              every client\n"
    "  --out DIR          where to write (created if missing)\n"
    "  -j, --jobs N       reports written in parallel (default: cores)\n"
    "  --template DIR     branding and wording (default: report-templates/"
    "default)\n"
    "  --as-of TIMESTAMP  compute as at this instant (default: now)\n"
    "  --help             print this help\n";

typedef struct job {
    const cli_global *g;
    aft_engine       *engine;
    const aft_dataset *ds;
    aft_template     *tmpl;
    aft_period        period;
    int64_t           as_of;
    const char       *out;
} job;

/* File name from an id: letters, digits, '-', '_' and '.' kept, anything
 * else '_', never starting with '.', so it cannot leave the directory. */
static void
safe_name(char *buf, size_t size, const char *id)
{
    size_t i, n = 0;

    for (i = 0; id[i] != '\0' && n + 1 < size && n < 100; i++) {
        unsigned char c = (unsigned char)id[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                 || (c >= '0' && c <= '9') || c == '-' || c == '_'
                 || (c == '.' && n > 0);
        buf[n++] = ok ? (char)c : '_';
    }
    buf[n] = '\0';
    if (n == 0)
        snprintf(buf, size, "client");
}

/* Write one client's two files; 0, or 1 after printing the error. */
static int
one_client(const job *j, size_t ci)
{
    const aft_client *c = &j->ds->clients[ci];
    aft_monthly *r = NULL;
    aft_error err;
    char name[128], pdf[4096], xlsx[4096];
    int rc;

    safe_name(name, sizeof name, c->id);
    snprintf(pdf, sizeof pdf, "%s/%s-%s.pdf", j->out, name, j->period.label);
    snprintf(xlsx, sizeof xlsx, "%s/%s-%s.xlsx", j->out, name,
             j->period.label);
    if ((rc = aft_monthly_build(&r, j->engine, ci, &j->period, j->as_of,
                                &err)) == AFT_OK
        && (rc = aft_monthly_write_pdf(r, j->tmpl, pdf, &err)) == AFT_OK)
        rc = aft_monthly_write_xlsx(r, j->tmpl, xlsx, &err);
    aft_monthly_free(r);
    if (rc < 0) {
        cli_error("client '%s': %s", c->id, err.message);
        return 1;
    }
    printf("%s\n%s\n", pdf, xlsx);
    fflush(stdout);
    return 0;
}

static int
template_dir(const char *given, char *buf, size_t size)
{
    const char *env = getenv("AFTERCAST_TEMPLATES");
    struct stat st;

    if (given != NULL)
        snprintf(buf, size, "%s", given);
    else if (env != NULL && *env != '\0')
        snprintf(buf, size, "%s/default", env);
    else if (stat(AFT_TEMPLATE_DIR "/default/template.json", &st) == 0)
        snprintf(buf, size, "%s/default", AFT_TEMPLATE_DIR);
    else if (stat(AFT_SOURCE_TEMPLATE_DIR "/default/template.json", &st) == 0)
        snprintf(buf, size, "%s/default", AFT_SOURCE_TEMPLATE_DIR);
    else
        return -1;
    return 0;
}

/* Run the clients over `jobs` worker processes; each finished client
 * sends a byte back, which drives the progress line. */
static int
run_parallel(const job *j, size_t n, int jobs)
{
    int fd[2], failed = 0, k, status;
    size_t done = 0;
    int show = cli_progress_wanted() && n > 1;
    char c;

    if (jobs <= 1 || n <= 1) {
        size_t i;
        for (i = 0; i < n; i++) {
            failed |= one_client(j, i);
            if (show)
                fprintf(stderr, "\raftercast: %zu/%zu reports", i + 1, n);
        }
        if (show)
            fputc('\n', stderr);
        return failed;
    }
    if (pipe(fd) != 0) {
        cli_error("pipe: %s", strerror(errno));
        return 1;
    }
    fflush(stdout);
    for (k = 0; k < jobs; k++) {
        pid_t pid = fork();
        if (pid < 0) {
            cli_error("fork: %s", strerror(errno));
            failed = 1;
            break;
        }
        if (pid == 0) {
            size_t i;
            int bad = 0;
            close(fd[0]);
            for (i = (size_t)k; i < n; i += (size_t)jobs) {
                int b = one_client(j, i);
                bad |= b;
                if (write(fd[1], b ? "x" : ".", 1) != 1)
                    bad = 1;
            }
            fflush(NULL);
            _exit(bad);
        }
    }
    close(fd[1]);
    while (read(fd[0], &c, 1) == 1) {
        done++;
        if (show)
            fprintf(stderr, "\raftercast: %zu/%zu reports", done, n);
    }
    close(fd[0]);
    if (show)
        fputc('\n', stderr);
    while (wait(&status) > 0)
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed = 1;
    return failed;
}

int
cmd_report(const cli_global *g, int argc, char **argv)
{
    static const struct option opts[] = {
        {"month", required_argument, NULL, 'm'},
        {"quarter", required_argument, NULL, 'q'},
        {"year", required_argument, NULL, 'y'},
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},
        {"as-of", required_argument, NULL, 'a'},
        {"client", required_argument, NULL, 'c'},
        {"all", no_argument, NULL, 'A'},
        {"out", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"template", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    cli_period po = {0};
    const char *client = NULL, *out = NULL, *tdir = NULL;
    char tpath[4096];
    int all = 0, jobs = (int)sysconf(_SC_NPROCESSORS_ONLN), c, rc;
    aft_store *store = NULL;
    aft_dataset ds = {0};
    aft_error err;
    job j;
    int64_t lo, hi;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs(HELP, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "monthly") != 0)
        return cli_usage("report", "unknown report '%s' (this version "
                         "writes: monthly)", argv[1]);
    argc--;
    argv++;
    optind = 0;
    while ((c = getopt_long(argc, argv, "j:", opts, NULL)) != -1) {
        switch (c) {
        case 'm': po.month = optarg; break;
        case 'q': po.quarter = optarg; break;
        case 'y': po.year = optarg; break;
        case 'F': po.from = optarg; break;
        case 'T': po.to = optarg; break;
        case 'a': po.as_of = optarg; break;
        case 'c': client = optarg; break;
        case 'A': all = 1; break;
        case 'o': out = optarg; break;
        case 't': tdir = optarg; break;
        case 'j':
            if ((jobs = atoi(optarg)) < 1)
                return cli_usage("report monthly", "-j wants a number > 0");
            break;
        case 'h':
            fputs(HELP, stdout);
            return 0;
        default:
            return cli_usage("report monthly", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage("report monthly", "unexpected argument '%s'",
                         argv[optind]);
    if ((client == NULL) == !all)
        return cli_usage("report monthly", "give --client ID or --all");
    if (out == NULL)
        return cli_usage("report monthly", "give --out DIR");
    memset(&j, 0, sizeof j);
    if ((rc = cli_period_resolve("report monthly", &po, &j.period, &j.as_of))
        != 0)
        return rc;
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        cli_error("cannot create '%s': %s", out, strerror(errno));
        return 1;
    }
    if (template_dir(tdir, tpath, sizeof tpath) < 0) {
        cli_error("no report template found (give --template DIR)");
        return 1;
    }
    if (aft_template_load(&j.tmpl, tpath, &err) < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    rc = 1;
    aft_monthly_range(&j.period, &lo, &hi);
    if (cli_open_store(&store, g, 0) != 0)
        goto done;
    if (aft_store_load(&ds, store, client, lo, hi, &err) < 0
        || aft_engine_new(&j.engine, &ds, j.as_of, &err) < 0) {
        cli_error("%s", err.message);
        goto done;
    }
    aft_store_close(store);
    store = NULL;
    j.g = g;
    j.ds = &ds;
    j.out = out;
    rc = run_parallel(&j, ds.n_clients, jobs);
done:
    aft_engine_free(j.engine);
    aft_dataset_free(&ds);
    aft_store_close(store);
    aft_template_free(j.tmpl);
    return rc;
}
