/*
 * copy.c - a whole store into another, in one transaction on the
 * destination: SQLite to PostgreSQL and back, the delivery log with
 * the records.
 */
#include <string.h>

#include "aftercast/store.h"
#include "base/error.h"
#include "store/store_int.h"

typedef struct copy_ctx {
    aft_store *to;
    size_t n;
    aft_error err;
} copy_ctx;

static int
put_one(aft_kind kind, const void *record, void *payload)
{
    copy_ctx *x = payload;
    int rc;

    switch (kind) {
    case AFT_KIND_SERVICE:
        rc = aft_store__put_service(x->to, record, &x->err);
        break;
    case AFT_KIND_CLIENT:
        rc = aft_store__put_client(x->to, record, &x->err);
        break;
    case AFT_KIND_INCIDENT:
        rc = aft_store__put_incident(x->to, record, &x->err);
        break;
    default:
        rc = aft_store__put_maintenance(x->to, record, &x->err);
        break;
    }
    x->n++;
    return rc < 0;
}

int
aft_store_copy(aft_store *from, aft_store *to, size_t counts[AFT_KIND_COUNT],
               aft_error *err)
{
    copy_ctx x;
    int k, rc;

    memset(&x, 0, sizeof x);
    x.to = to;
    if ((rc = aft_store__begin(to, err)) < 0)
        return rc;
    /* Services and clients first: the others refer to them. */
    for (k = 0; k < AFT_KIND_COUNT && rc == AFT_OK; k++) {
        x.n = 0;
        rc = aft_store_each(from, (aft_kind)k, put_one, &x, err);
        if (x.err.code < 0) {
            if (err != NULL)
                *err = x.err;
            rc = x.err.code;
        }
        if (counts != NULL)
            counts[k] = x.n;
    }
    /* What was mailed moves too, so that nothing is sent twice. */
    if (rc == AFT_OK)
        rc = aft_store__copy_deliveries(from, to, err);
    if (rc == AFT_OK && (rc = aft_store__commit(to, err)) == AFT_OK)
        return AFT_OK;
    aft_store__rollback(to);
    return rc;
}
