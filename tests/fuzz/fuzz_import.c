/*
 * fuzz_import.c - a whole import of any bytes, as `aftercast import`
 * does it: format detection, the reader, the checks and the writes into
 * a new in-memory database, the commit or the rollback, then every
 * client's records read back. Slower than the store-free harnesses: it
 * is the one that reaches the store.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aftercast/ingest.h"
#include "aftercast/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

/* Each report is one NUL-terminated line: read it all. */
static void
report(const char *line, void *payload)
{
    size_t *n = payload;

    *n += strlen(line);
}

static void
remove_input(void)
{
    unlink(path);
}

/* The input, in a file of its own (removed at exit). */
static int
write_input(const uint8_t *data, size_t size)
{
    FILE *fp;

    if (path[0] == '\0') {
        int fd;

        snprintf(path, sizeof path, "/tmp/aft-fuzz-import-XXXXXX");
        if ((fd = mkstemp(path)) < 0)
            return -1;
        close(fd);
        atexit(remove_input);
    }
    if ((fp = fopen(path, "wb")) == NULL)
        return -1;
    if (size > 0 && fwrite(data, 1, size, fp) != size) {
        fclose(fp);
        return -1;
    }
    return fclose(fp) == 0 ? 0 : -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *paths[1] = {path};
    static size_t reported;
    aft_import_opts opts;
    aft_import_stats stats;
    aft_dataset ds;
    aft_store *store;

    if (write_input(data, size) < 0
        || aft_store_open(&store, ":memory:", AFT_STORE_CREATE, NULL) < 0)
        return 0;
    memset(&opts, 0, sizeof opts);
    opts.tz = "Europe/Berlin";
    opts.skip_invalid = 1;
    opts.client_id = "fuzz";
    opts.report = report;
    opts.report_payload = &reported;
    opts.notice = report;
    opts.notice_payload = &reported;
    if (aft_import_files(store, paths, 1, &opts, &stats, NULL) == AFT_OK
        && aft_store_load(&ds, store, NULL, INT64_MIN / 4, INT64_MAX / 4, NULL)
               == AFT_OK)
        aft_dataset_free(&ds);
    aft_store_close(store);
    return 0;
}
