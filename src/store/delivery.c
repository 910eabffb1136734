/*
 * delivery.c - the delivery log: which client's pack of which period was
 * mailed, when, as what message, and what the server said. One row per
 * (client, period); a resend replaces it.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
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

static int
fail(aft_error *err, sqlite3 *db, const char *what)
{
    int rc = aft_error_set(err, AFT_EDB, "delivery log: %s: %s", what,
                           sqlite3_errmsg(db));
    if (err != NULL)
        err->detail = sqlite3_extended_errcode(db);
    return rc;
}

static void
copy_col(char *dst, size_t size, sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);

    snprintf(dst, size, "%s", v ? (const char *)v : "");
}

int
aft_store_delivery_get(aft_store *s, const char *client_id, const char *period,
                       aft_delivery *out, aft_error *err)
{
    sqlite3 *db = aft_store__db(s);
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(db, SQL_GET, -1, &st, NULL) != SQLITE_OK)
        return fail(err, db, "read");
    sqlite3_bind_text(st, 1, client_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        copy_col(out->pack_sha256, sizeof out->pack_sha256, st, 0);
        copy_col(out->message_id, sizeof out->message_id, st, 1);
        out->sent_at = sqlite3_column_int64(st, 2);
        copy_col(out->reply, sizeof out->reply, st, 3);
        rc = AFT_OK;
    } else if (rc == SQLITE_DONE) {
        rc = aft_error_set(err, AFT_ENOTFOUND,
                           "nothing sent to client '%s' for '%s'", client_id,
                           period);
    } else {
        rc = fail(err, db, "read");
    }
    sqlite3_finalize(st);
    return rc;
}

int
aft_store_delivery_put(aft_store *s, const char *client_id, const char *period,
                       const aft_delivery *d, aft_error *err)
{
    sqlite3 *db = aft_store__db(s);
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(db, SQL_PUT, -1, &st, NULL) != SQLITE_OK)
        return fail(err, db, "write");
    sqlite3_bind_text(st, 1, client_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, d->pack_sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, d->message_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, d->sent_at);
    sqlite3_bind_text(st, 6, d->reply, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? AFT_OK : fail(err, db, "write");
    sqlite3_finalize(st);
    return rc;
}
