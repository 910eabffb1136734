/*
 * cmd_import.c - aftercast import FILE...
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char HELP[] =
    "Usage: aftercast import [OPTIONS] FILE...\n\n"
    "Import services, clients, incidents and maintenances in one\n"
    "transaction: the import lands whole or not at all. Records are\n"
    "upserted by id. A failed import into a database that did not exist\n"
    "leaves none behind.\n\n"
    "Options:\n"
    "  --format FMT     json, ndjson, csv, statuspage or pagerduty\n"
    "                   (default: detect by content)\n"
    "  --tz ZONE        read instants without a UTC offset in ZONE\n"
    "  --skip-invalid   import the good records and list the bad ones\n"
    "  --client ID      Statuspage, PagerDuty: create client ID if missing\n"
    "                   and subscribe it to every service the import saw\n"
    "  --level LEVEL    PagerDuty: impact level of the incidents\n"
    "                   (default major_outage)\n"
    "  -h, --help       print this help\n";

static void
report(const char *msg, void *payload)
{
    cli_say(*(const int *)payload ? "skipped" : "error", "%s", msg);
}

static void
notice(const char *msg, void *payload)
{
    (void)payload;
    cli_say(NULL, "%s", msg);
}

static void
progress(size_t n, void *payload)
{
    (void)payload;
    cli_progress("aftercast: %zu records...", n);
}

/* Fill o from the options; returns -1 to go on, else the exit status. */
static int
parse_options(aft_import_opts *o, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"tz", required_argument, NULL, 'z'},
        {"skip-invalid", no_argument, NULL, 's'},
        {"client", required_argument, NULL, 'c'},
        {"level", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_args args;
    int c;

    memset(o, 0, sizeof *o);
    cli_args_init(&args, "import", "h", opts, argc, argv);
    while ((c = cli_args_next(&args)) != -1) {
        switch (c) {
        case CLI_ARGS_BAD:
            return EXIT_USAGE;
        case 'f':
            if (aft_format_parse(&o->format, optarg) < 0)
                return cli_usage("import",
                                 "unknown format '%s' (want json, ndjson, "
                                 "csv, statuspage or pagerduty)",
                                 optarg);
            break;
        case 'z':
            o->tz = optarg;
            break;
        case 's':
            o->skip_invalid = 1;
            break;
        case 'c':
            o->client_id = optarg;
            break;
        case 'l':
            if (aft_level_parse(&o->level, optarg, 0) < 0)
                return cli_usage("import",
                                 "unknown impact level '%s' (want "
                                 "major_outage, partial_outage or "
                                 "degraded_performance)",
                                 optarg);
            break;
        case 'h':
            fputs(HELP, stdout);
            return 0;
        default:
            return cli_usage("import", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage("import", "name at least one file to import");
    return -1;
}

/* The closing line on stderr: what landed, and what was skipped. */
static void
print_summary(const aft_import_stats *st)
{
    fprintf(stderr,
            "aftercast: imported %zu services, %zu clients, "
            "%zu incidents, %zu maintenances",
            st->imported[AFT_KIND_SERVICE], st->imported[AFT_KIND_CLIENT],
            st->imported[AFT_KIND_INCIDENT],
            st->imported[AFT_KIND_MAINTENANCE]);
    if (st->skipped > 0)
        fprintf(stderr, "; skipped %zu bad record%s", st->skipped,
                st->skipped == 1 ? "" : "s");
    fputc('\n', stderr);
}

/* Stop at the first record: there is one. */
static int
any_record(aft_kind kind, const void *record, void *payload)
{
    (void)kind;
    (void)record;
    *(int *)payload = 1;
    return 1;
}

/* Whether the store holds no record (after a failed import). */
static int
store_empty(aft_store *store)
{
    int found = 0, k;

    for (k = 0; k < AFT_KIND_COUNT && !found; k++)
        if (aft_store_each(store, (aft_kind)k, any_record, &found, NULL) < 0
            && !found)
            return 0; /* cannot tell: keep it */
    return !found;
}

/* Whether another process holds a lock on path (uses the database). */
static int
locked_elsewhere(const char *path)
{
    struct flock fl = {0};
    int fd = open(path, O_RDWR), busy;

    if (fd < 0)
        return 0;
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    busy = fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_UNLCK;
    close(fd);
    return busy;
}

/* A failed import into a database it created leaves no empty database
 * behind: remove db and its -wal and -shm, unless another process has
 * opened it meanwhile (its locks on the files say so). */
static void
forget_new_db(const char *db)
{
    static const char *const SUFFIX[] = {"-wal", "-shm", ""};
    char path[4200];
    size_t i;

    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", db, SUFFIX[i]);
        if (locked_elsewhere(path))
            return;
    }
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", db, SUFFIX[i]);
        unlink(path);
    }
}

int
cmd_import(const cli_global *g, int argc, char **argv)
{
    aft_import_opts o;
    aft_import_stats st;
    aft_store *store = NULL;
    struct stat sb;
    aft_error err;
    int rc, is_new, empty;

    if ((rc = parse_options(&o, argc, argv)) >= 0)
        return rc;
    o.report = report;
    o.notice = notice;
    o.report_payload = &o.skip_invalid;
    if (cli_progress_wanted()) {
        o.progress = progress;
        cli_progress_begin();
    }
    is_new = stat(g->db, &sb) != 0 && errno == ENOENT;
    if (cli_open_store(&store, g, 1) != 0) {
        if (is_new)
            forget_new_db(g->db);
        return 1;
    }
    rc = aft_import_files(store, (const char *const *)argv + optind,
                          (size_t)(argc - optind), &o, &st, &err);
    cli_progress_end();
    empty = rc < 0 && is_new && store_empty(store);
    aft_store_close(store);
    if (empty)
        forget_new_db(g->db);
    if (rc < 0) {
        cli_error("%s", err.message);
        return 1;
    }
    print_summary(&st);
    return 0;
}
