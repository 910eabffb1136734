/*
 * fuzz_pagerduty.c - the PagerDuty reader on any bytes: the CSV table, its
 * header and the incident of each row, and the services rows name.
 */
#include <string.h>

#include "fuzz_sink.h"
#include "ingest/detect.h"
#include "ingest/pagerduty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct table {
    aft_sink *sink;
    aft_pagerduty pagerduty;
} table;

static int
row(const aft_csv_row *r, void *payload, aft_error *err)
{
    table *t = payload;

    if (r->index == 0) {
        (void)aft_detect__csv_header(AFT_FORMAT_AUTO, r);
        return aft_pagerduty__header(&t->pagerduty, t->sink, r, err);
    }
    return aft_pagerduty__row(&t->pagerduty, t->sink, r, err);
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
    if ((rc = fuzz_import_begin(&f, "pagerduty.csv")) == AFT_OK) {
        memset(&t, 0, sizeof t);
        t.sink = &f.sink;
        rc = aft_csv_table_read(fp, "pagerduty.csv", row, &t, NULL);
        aft_pagerduty__free(&t.pagerduty);
        fuzz_import_end(&f, rc);
    }
    fclose(fp);
    return 0;
}
