/*
 * month_availability.c - one client's availability over one month, read
 * from an aftercast database through the installed library.
 *
 * Usage: month_availability DB CLIENT YYYY-MM AS-OF
 */
#include <stdio.h>
#include <stdlib.h>

#include <aftercast/aftercast.h>

/* One line per service, then the client-level line (service "(all)"). */
static void
print_rows(const aft_avail_row *rows, size_t n)
{
    size_t i;

    printf("%-8s %-8s %12s %12s %9s %9s  %s\n", "CLIENT", "SERVICE",
           "ELIGIBLE_S", "DOWNTIME_S", "AVAIL_%", "TARGET_%", "STATUS");
    for (i = 0; i < n; i++) {
        const aft_sla_result *r = &rows[i].r;
        const char *service = rows[i].service_id ? rows[i].service_id : "(all)";

        if (!r->has_availability) {
            printf("%-8s %-8s %12lld %12.1f %9s %9.3f  n/a\n",
                   rows[i].client_id, service, (long long)r->eligible_s,
                   r->downtime_s, "n/a", r->target);
            continue;
        }
        printf("%-8s %-8s %12lld %12.1f %9.3f %9.3f  %s\n", rows[i].client_id,
               service, (long long)r->eligible_s, r->downtime_s,
               r->availability, r->target, r->met ? "met" : "breached");
    }
}

/* Load what the month needs (a margin of days either side covers every
 * zone), build an engine over it and print the client's rows. */
static int
run(aft_store *store, const char *client, const char *month,
    const char *as_of_text, aft_error *err)
{
    aft_dataset ds = {0};
    aft_engine *engine = NULL;
    aft_avail_row *rows = NULL;
    aft_period period;
    aft_interval range;
    int64_t as_of;
    size_t n = 0;
    int rc;

    if ((rc = aft_period_month(&period, month, err)) < 0)
        return rc;
    if ((rc = aft_instant_parse(&as_of, as_of_text, NULL, err)) < 0)
        return rc;
    range = aft_period_load_range(&period, &period);
    rc = aft_store_load(&ds, store, client, range.start, range.end, err);
    if (rc < 0)
        goto done;
    if ((rc = aft_engine_new(&engine, &ds, as_of, err)) < 0)
        goto done;
    /* Loaded for one client, the dataset holds only that client: index 0. */
    if ((rc = aft_engine_client(engine, 0, &period, &rows, &n, err)) < 0)
        goto done;
    print_rows(rows, n);
done:
    free(rows);
    aft_engine_free(engine);
    aft_dataset_free(&ds);
    return rc;
}

int
main(int argc, char **argv)
{
    aft_store *store = NULL;
    aft_error err = {0};
    int rc;

    if (argc != 5) {
        fprintf(stderr, "usage: %s DB CLIENT YYYY-MM AS-OF\n", argv[0]);
        return 2;
    }
    printf("libaftercast %s\n", aft_version());
    if ((rc = aft_store_open(&store, argv[1], 0, &err)) == AFT_OK)
        rc = run(store, argv[2], argv[3], argv[4], &err);
    aft_store_close(store);
    if (rc < 0) {
        fprintf(stderr, "month_availability: %s\n", err.message);
        return 1;
    }
    return 0;
}
