/*
 * cmd_metrics.c - aftercast metrics PERIOD
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char HELP[] =
    "Usage: aftercast metrics PERIOD [--client ID] [--format FMT]\n"
    "                         [--as-of TIMESTAMP]\n\n"
    "Response metrics per client over the incidents that started in the\n"
    "period: counts by severity, MTTD, MTTA, MTTR with its 50th and 90th\n"
    "percentiles, first update, update-interval breaches, and the\n"
    "maintenance windows announced within the client's notice policy.\n\n"
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

static const char *
dur_or_na(char *buf, int has, double v)
{
    return has ? aft_duration_format(buf, v) : "n/a";
}

static void
print_table(const aft_metrics_row *rows, size_t n)
{
    char a[32], b[32], c[32], d[32], e[32], f[32];
    size_t i;

    printf("%-16s %5s %-15s %8s %8s %8s %8s %8s %8s %8s %9s\n", "CLIENT", "INC",
           "SEV1/2/3/4", "MTTD", "MTTA", "MTTR", "P50", "P90", "1ST UPD",
           "BREACHES", "MAINT");
    for (i = 0; i < n; i++) {
        const aft_metrics *m = &rows[i].m;
        char sev[32], mnt[32];

        snprintf(sev, sizeof sev, "%zu/%zu/%zu/%zu", m->by_severity[0],
                 m->by_severity[1], m->by_severity[2], m->by_severity[3]);
        snprintf(mnt, sizeof mnt, "%zu/%zu", m->maintenances_announced,
                 m->maintenances);
        printf("%-16s %5zu %-15s %8s %8s %8s %8s %8s %8s %8zu %9s\n",
               rows[i].client_id, m->incidents, sev,
               dur_or_na(a, m->has_mttd, m->mttd_s),
               dur_or_na(b, m->has_mtta, m->mtta_s),
               dur_or_na(c, m->has_mttr, m->mttr_s),
               dur_or_na(d, m->has_mttr, (double)m->mttr_p50_s),
               dur_or_na(e, m->has_mttr, (double)m->mttr_p90_s),
               dur_or_na(f, m->has_first_update, m->mean_first_update_s),
               m->update_breaches, mnt);
    }
    printf("(MAINT: announced within notice policy / all windows)\n");
}

static int
run(const cli_query *q, const aft_dataset *ds, aft_error *err)
{
    aft_metrics_row *rows = NULL, *r;
    const char **labels = NULL;
    size_t n = 0, m, i, k;
    int rc = AFT_OK;

    if (q->months == NULL) {
        rc = aft_engine_metrics(&rows, &n, ds, &q->period, q->as_of, err);
    } else {
        /* One row per client and month: the same count each month. */
        rows = calloc(q->n_months * ds->n_clients + 1, sizeof *rows);
        labels = calloc(q->n_months * ds->n_clients + 1, sizeof *labels);
        if (rows == NULL || labels == NULL)
            rc = cli_oom(err);
        for (i = 0; i < q->n_months && rc == AFT_OK; i++) {
            if ((rc = aft_engine_metrics(&r, &m, ds, &q->months[i], q->as_of,
                                         err))
                < 0)
                break;
            for (k = 0; k < m; k++) {
                rows[n] = r[k];
                labels[n++] = q->months[i].label;
            }
            free(r);
        }
    }
    if (rc == AFT_OK && q->format == CLI_TABLE)
        print_table(rows, n);
    else if (rc == AFT_OK)
        rc = aft_write_metrics_periods(stdout,
                                       q->format == CLI_CSV ? AFT_EXPORT_CSV
                                                            : AFT_EXPORT_JSON,
                                       rows, labels, n, q->period.label,
                                       q->as_of, err);
    free(rows);
    free(labels);
    return rc;
}

int
cmd_metrics(const cli_global *g, int argc, char **argv)
{
    return cli_query_command(g, "metrics", HELP, argc, argv, 0, run);
}
