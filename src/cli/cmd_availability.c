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
    "  --from DATE --to DATE   (half-open: --to is the first day not in)\n"
    "  --month last (--quarter last, --year last): the last whole one before\n"
    "  --as-of, on the calendar of --client's zone (without one, of UTC)\n\n"
    "Options:\n"
    "  --all-periods FROM TO  every month from FROM to TO (YYYY-MM, both\n"
    "                     included), each row with its \"period\"\n"
    "  --client ID        only this client\n"
    "  --format FMT       table (default), json or csv\n"
    "  --as-of TIMESTAMP  compute as at this instant (default: now)\n"
    "  -h, --help         print this help\n";

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
print_table(const aft_dataset *ds, const aft_avail_row *rows,
            const char *const *labels, size_t n)
{
    char e[32], d[32], b[32], a[32], t[32];
    size_t i;

    if (labels != NULL)
        printf("%-8s ", "PERIOD");
    printf("%-16s %-22s %10s %10s %9s %9s %11s %6s  %s\n", "CLIENT", "SERVICE",
           "ELIGIBLE", "DOWNTIME", "AVAIL %", "TARGET %", "BUDGET LEFT",
           "CREDIT", "STATUS");
    for (i = 0; i < n; i++) {
        const aft_sla_result *r = &rows[i].r;
        const char *status = !r->has_availability ? "n/a"
                             : r->met             ? "met"
                                                  : "BREACH";

        if (r->has_availability)
            snprintf(a, sizeof a, "%.3f", r->availability);
        else
            snprintf(a, sizeof a, "n/a");
        snprintf(t, sizeof t, "%.3f", r->target);
        if (labels != NULL)
            printf("%-8s ", labels[i]);
        printf("%-16s %-22.22s %10s %10s %9s %9s %11s %5.4g%%  %s\n",
               rows[i].client_id, service_label(ds, rows[i].service_id),
               aft_duration_format(e, (double)r->eligible_s),
               aft_duration_format(d, r->downtime_s), a, t,
               aft_duration_format(b, r->budget_remaining_s), r->credit_percent,
               status);
    }
}

/* Rows of every month of --all-periods, each labelled with its month.
 * The caller frees *rows and *labels. */
static int
all_months(const cli_query *q, const aft_dataset *ds, aft_avail_row **rows,
           const char ***labels, size_t *n, aft_error *err)
{
    size_t i, k, cap = 0;
    int rc = AFT_OK;

    *rows = NULL;
    *labels = NULL;
    *n = 0;
    for (i = 0; i < q->n_months && rc == AFT_OK; i++) {
        aft_avail_row *r;
        size_t m;
        if ((rc = aft_engine_availability(&r, &m, ds, &q->months[i], q->as_of,
                                          err))
            < 0)
            break;
        if (*n + m > cap) {
            void *a, *b;
            cap = (*n + m) * 2;
            a = realloc(*rows, cap * sizeof **rows);
            b = realloc(*labels, cap * sizeof **labels);
            if (a != NULL)
                *rows = a;
            if (b != NULL)
                *labels = b;
            if (a == NULL || b == NULL) {
                free(r);
                return cli_oom(err);
            }
        }
        for (k = 0; k < m; k++) {
            (*rows)[*n] = r[k];
            (*labels)[(*n)++] = q->months[i].label;
        }
        free(r);
    }
    return rc;
}

static int
run(const cli_query *q, const aft_dataset *ds, aft_error *err)
{
    aft_avail_row *rows = NULL;
    const char **labels = NULL;
    size_t n = 0;
    int rc = q->months != NULL
                 ? all_months(q, ds, &rows, &labels, &n, err)
                 : aft_engine_availability(&rows, &n, ds, &q->period, q->as_of,
                                           err);

    if (rc == AFT_OK && q->format == CLI_TABLE)
        print_table(ds, rows, labels, n);
    else if (rc == AFT_OK)
        rc = aft_write_availability_periods(stdout,
                                            q->format == CLI_CSV
                                                ? AFT_EXPORT_CSV
                                                : AFT_EXPORT_JSON,
                                            rows, labels, n, q->period.label,
                                            q->as_of, err);
    free(rows);
    free(labels);
    return rc;
}

int
cmd_availability(const cli_global *g, int argc, char **argv)
{
    return cli_query_command(g, "availability", HELP, argc, argv, 1, run);
}
