/*
 * cmd_availability.c - aftercast availability PERIOD
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char HELP[] =
    "Usage: aftercast availability PERIOD [--client ID] [--format FMT]\n"
    "                              [--as-of TIMESTAMP]\n\n"
    "Availability of each client's services against their SLA targets,\n"
    "one row per (client, service) and one client-level row per client.\n"
    "Each client's period is taken in its own time zone.\n\n"
    "PERIOD is one of:\n"
    "  --month YYYY-MM   --quarter YYYY-Qn   --year YYYY\n"
    "  --from DATE --to DATE   (half-open: --to is the first day not in)\n\n"
    "Options:\n"
    "  --client ID        only this client\n"
    "  --format FMT       table (default), json or csv\n"
    "  --as-of TIMESTAMP  compute as at this instant (default: now)\n"
    "  --help             print this help\n";

/* A service's name for people (its id when it has none). */
static const char *
service_label(const aft_dataset *ds, const char *id)
{
    size_t i;

    if (id == NULL)
        return "(all)";
    for (i = 0; i < ds->n_services; i++)
        if (strcmp(ds->services[i].id, id) == 0)
            return ds->services[i].name ? ds->services[i].name : id;
    return id;
}

static void
print_table(const aft_dataset *ds, const aft_avail_row *rows, size_t n)
{
    char e[32], d[32], b[32], a[32], t[32];
    size_t i;

    printf("%-16s %-22s %10s %10s %9s %9s %11s %6s  %s\n", "CLIENT",
           "SERVICE", "ELIGIBLE", "DOWNTIME", "AVAIL %", "TARGET %",
           "BUDGET LEFT", "CREDIT", "STATUS");
    for (i = 0; i < n; i++) {
        const aft_sla_result *r = &rows[i].r;
        const char *status = !r->has_availability ? "n/a"
                             : r->met ? "met" : "BREACH";

        if (r->has_availability)
            snprintf(a, sizeof a, "%.3f", r->availability);
        else
            snprintf(a, sizeof a, "n/a");
        snprintf(t, sizeof t, "%.3f", r->target);
        printf("%-16s %-22.22s %10s %10s %9s %9s %11s %5.4g%%  %s\n",
               rows[i].client_id, service_label(ds, rows[i].service_id),
               aft_duration_format(e, (double)r->eligible_s),
               aft_duration_format(d, r->downtime_s), a, t,
               aft_duration_format(b, r->budget_remaining_s), r->credit_percent,
               status);
    }
}

static int
run(const cli_query *q, const aft_dataset *ds, aft_error *err)
{
    aft_avail_row *rows = NULL;
    size_t n = 0;
    int rc = aft_engine_availability(&rows, &n, ds, &q->period, q->as_of,
                                     err);

    if (rc == AFT_OK && q->format == CLI_TABLE)
        print_table(ds, rows, n);
    else if (rc == AFT_OK)
        rc = aft_write_availability(stdout, q->format == CLI_CSV
                                                ? AFT_EXPORT_CSV
                                                : AFT_EXPORT_JSON,
                                    rows, n, q->period.label, q->as_of, err);
    free(rows);
    return rc;
}

int
cmd_availability(const cli_global *g, int argc, char **argv)
{
    return cli_query_command(g, "availability", HELP, argc, argv, run);
}
