/*
 * delivery.c - the delivery log: which client's pack of which period was
 * mailed, when, as what message, and what the server said. One row per
 * (client, period); a resend replaces it. The same SQL on both backends
 * (src/store/db.h).
 */
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "store/db.h"
#include "store/store_int.h"

static const char SQL_GET[] =
    "SELECT pack_sha256, message_id, sent_at, reply FROM delivery"
    " WHERE client_id = ?1 AND period = ?2";

static const char SQL_PUT[] =
    "INSERT INTO delivery(client_id, period, pack_sha256, message_id,"
    " sent_at, reply) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT(client_id, period) DO UPDATE SET"
    " pack_sha256 = excluded.pack_sha256, message_id = excluded.message_id,"
    " sent_at = excluded.sent_at, reply = excluded.reply";

static void
copy_col(char *dst, size_t size, db_stmt *st, int i)
{
    const char *v = db_col_text(st, i);

    snprintf(dst, size, "%s", v != NULL ? v : "");
}

int
aft_store_delivery_get(aft_store *s, const char *client_id, const char *period,
                       aft_delivery *out, aft_error *err)
{
    db_stmt *st = db_prepare(aft_store__db(s), SQL_GET, 0, err);
    int rc;

    if (st == NULL)
        return err != NULL ? err->code : AFT_EDB;
    db_bind_text(st, 1, client_id, 0);
    db_bind_text(st, 2, period, 0);
    rc = db_step(st, err);
    if (rc == DB_ROW) {
        copy_col(out->pack_sha256, sizeof out->pack_sha256, st, 0);
        copy_col(out->message_id, sizeof out->message_id, st, 1);
        out->sent_at = db_col_int64(st, 2);
        copy_col(out->reply, sizeof out->reply, st, 3);
        rc = AFT_OK;
    } else if (rc == DB_DONE) {
        rc = aft_error_set(err, AFT_ENOTFOUND,
                           "nothing sent to client '%s' for '%s'", client_id,
                           period);
    }
    db_finalize(st);
    return rc;
}

int
aft_store_delivery_put(aft_store *s, const char *client_id, const char *period,
                       const aft_delivery *d, aft_error *err)
{
    db_stmt *st = db_prepare(aft_store__db(s), SQL_PUT, 0, err);
    int rc;

    if (st == NULL)
        return err != NULL ? err->code : AFT_EDB;
    db_bind_text(st, 1, client_id, 0);
    db_bind_text(st, 2, period, 0);
    db_bind_text(st, 3, d->pack_sha256, 0);
    db_bind_text(st, 4, d->message_id, 0);
    db_bind_int64(st, 5, d->sent_at);
    db_bind_text(st, 6, d->reply, 0);
    rc = db_step(st, err);
    db_finalize(st);
    return rc < 0 ? rc : AFT_OK;
}

int
aft_store__copy_deliveries(aft_store *from, aft_store *to, aft_error *err)
{
    db_stmt *st = db_prepare(aft_store__db(from),
                             "SELECT client_id, period, pack_sha256,"
                             " message_id, sent_at, reply FROM delivery"
                             " ORDER BY client_id, period",
                             0, err);
    aft_delivery d;
    int rc;

    if (st == NULL)
        return err != NULL ? err->code : AFT_EDB;
    while ((rc = db_step(st, err)) == DB_ROW) {
        copy_col(d.pack_sha256, sizeof d.pack_sha256, st, 2);
        copy_col(d.message_id, sizeof d.message_id, st, 3);
        d.sent_at = db_col_int64(st, 4);
        copy_col(d.reply, sizeof d.reply, st, 5);
        if ((rc = aft_store_delivery_put(to, db_col_text(st, 0),
                                         db_col_text(st, 1), &d, err))
            < 0)
            break;
    }
    db_finalize(st);
    return rc < 0 ? rc : AFT_OK;
}
