/*
 * outfile.c - documents written through a private directory inside the
 * output directory, renamed into place; a table of the files in flight
 * lets a signal handler remove them.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aftercast/render.h"
#include "base/error.h"
#include "render/outfile.h"

#define SLOTS 16 /* documents in flight in one process */

/* A file in flight. state: 0 free, 1 taken, 2 dir and tmp exist. The
 * handler reads only slots in state 2, whose names no longer change. */
static struct {
    atomic_int state;
    char dir[sizeof((aft_outfile *)0)->dir];
    char tmp[sizeof((aft_outfile *)0)->tmp];
} slots[SLOTS];

/* Block SIGINT and SIGTERM (old != NULL), or restore *old, so that the
 * table and the files on disk change together for a handler. */
static void
hold_signals(sigset_t *old, int hold)
{
    sigset_t set;

    if (!hold) {
        pthread_sigmask(SIG_SETMASK, old, NULL);
        return;
    }
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static int
take_slot(const aft_outfile *o)
{
    int i;

    for (i = 0; i < SLOTS; i++) {
        int expect = 0;
        if (atomic_compare_exchange_strong(&slots[i].state, &expect, 1)) {
            memcpy(slots[i].dir, o->dir, sizeof slots[i].dir);
            memcpy(slots[i].tmp, o->tmp, sizeof slots[i].tmp);
            atomic_store(&slots[i].state, 2);
            return i;
        }
    }
    return -1; /* a full table: written all the same, not cleaned on signal */
}

static void
drop_slot(aft_outfile *o)
{
    if (o->slot >= 0)
        atomic_store(&slots[o->slot].state, 0);
    o->slot = -1;
}

void
aft_render_remove_temp(void)
{
    int i;

    for (i = 0; i < SLOTS; i++)
        if (atomic_load(&slots[i].state) == 2) {
            unlink(slots[i].tmp);
            rmdir(slots[i].dir);
        }
}

int
aft_outfile__open(aft_outfile *o, const char *path, aft_error *err)
{
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
    char where[sizeof o->dir];
    sigset_t old;
    int n;

    o->path = path;
    o->slot = -1;
    o->tmp[0] = '\0';
    if (slash == NULL)
        snprintf(where, sizeof where, ".");
    else
        snprintf(where, sizeof where, "%.*s",
                 slash == path ? 1 : (int)(slash - path), path);
    n = snprintf(o->dir, sizeof o->dir, "%s/.aftercast-XXXXXX", where);
    if (n < 0 || (size_t)n >= sizeof o->dir || *name == '\0'
        || strlen(o->dir) + strlen(name) + 2 > sizeof o->tmp)
        return aft_error_set(err, AFT_EIO, "cannot write '%s': path too long",
                             path);
    hold_signals(&old, 1);
    if (mkdtemp(o->dir) == NULL) {
        int e = errno;
        hold_signals(&old, 0);
        return aft_error_set(err, AFT_EIO,
                             "cannot create a temporary directory in '%s': %s",
                             where, strerror(e));
    }
    snprintf(o->tmp, sizeof o->tmp, "%s/%s", o->dir, name);
    o->slot = take_slot(o);
    hold_signals(&old, 0);
    return AFT_OK;
}

int
aft_outfile__commit(aft_outfile *o, aft_error *err)
{
    sigset_t old;
    int e = 0;

    hold_signals(&old, 1);
    if (rename(o->tmp, o->path) != 0) {
        e = errno;
        unlink(o->tmp);
    }
    rmdir(o->dir);
    drop_slot(o);
    hold_signals(&old, 0);
    if (e != 0)
        return aft_error_set(err, AFT_EIO, "cannot write '%s': %s", o->path,
                             strerror(e));
    return AFT_OK;
}

void
aft_outfile__abort(aft_outfile *o)
{
    sigset_t old;

    hold_signals(&old, 1);
    unlink(o->tmp);
    rmdir(o->dir);
    drop_slot(o);
    hold_signals(&old, 0);
}
