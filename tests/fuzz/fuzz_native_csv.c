/*
 * fuzz_native_csv.c - the native CSV reader on any bytes: the CSV table,
 * its header and each row rebuilt as the record it stands for.
 */
#include <string.h>

#include "fuzz_sink.h"
#include "ingest/detect.h"
#include "ingest/native_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct table {
    aft_sink *sink;
    aft_native_csv native;
} table;

static int
row(const aft_csv_row *r, void *payload, aft_error *err)
{
    table *t = payload;

    if (r->index == 0) {
        (void)aft_detect__csv_header(AFT_FORMAT_AUTO, r);
        return aft_native_csv__header(&t->native, t->sink, r, err);
    }
    return aft_native_csv__row(&t->native, t->sink, r, err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fuzz_open(data, size);
    fuzz_import f;
    table t;
    int rc;

    if (fp == NULL)
        return 0;
    if ((rc = fuzz_import_begin(&f, "fuzz.csv")) == AFT_OK) {
        memset(&t, 0, sizeof t);
        t.sink = &f.sink;
        rc = aft_csv_table_read(fp, "fuzz.csv", row, &t, NULL);
        aft_native_csv__free(&t.native);
        fuzz_import_end(&f, rc);
    }
    fclose(fp);
    return 0;
}
