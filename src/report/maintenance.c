/*
 * maintenance.c - the post-maintenance report model: one window for one
 * client, what it counted against the SLA, and the client's month.
 */
#include <stdlib.h>

#include "aftercast/report_maintenance.h"
#include "base/error.h"
#include "report/client_view.h"

int
aft_mreport_build(aft_mreport **out, aft_engine *e, size_t ci,
                  const aft_maintenance *m, int64_t as_of, aft_error *err)
{
    aft_mreport *r = calloc(1, sizeof *r);
    aft_avail_row *rows = NULL;
    size_t n = 0;
    int rc;

    *out = NULL;
    if (r == NULL)
        return aft_error_set(err, AFT_ENOMEM, "out of memory");
    if (!aft_engine_maintenance_counts(e, ci, m)) {
        free(r);
        return aft_error_set(err, AFT_EINVALID,
                             "maintenance '%s' did not affect client '%s' "
                             "(none of its services was named)",
                             m->id, aft_engine_dataset(e)->clients[ci].id);
    }
    r->ds = aft_engine_dataset(e);
    r->client = &r->ds->clients[ci];
    r->as_of = as_of;
    if ((r->tz = aft_engine_zone(e, ci, err)) == NULL) {
        free(r);
        return AFT_EINVALID;
    }
    aft_report__month_of(&r->month, r->tz, m->scheduled_start);
    rc = aft_engine_client(e, ci, &r->month, &rows, &n, err);
    if (rc == AFT_OK) {
        r->month_total = rows[n - 1].r;
        free(rows);
        rows = NULL;
        aft_engine_only_maintenance(e, m);
        rc = aft_engine_client(e, ci, &r->month, &rows, &n, err);
        aft_engine_count_all(e);
    }
    if (rc == AFT_OK)
        aft_report__maint_fill(&r->w, m, r->client, r->ds,
                               rows[n - 1].r.downtime_s);
    free(rows);
    if (rc < 0) {
        free(r);
        return rc;
    }
    *out = r;
    return AFT_OK;
}

void
aft_mreport_free(aft_mreport *r)
{
    free(r);
}
