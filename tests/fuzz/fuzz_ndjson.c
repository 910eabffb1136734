/*
 * fuzz_ndjson.c - the NDJSON reader on any bytes, after format detection.
 */
#include "fuzz_sink.h"
#include "ingest/detect.h"
#include "ingest/ndjson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fuzz_open(data, size);
    fuzz_import f;
    int rc;

    if (fp == NULL)
        return 0;
    (void)aft_detect__stream(AFT_FORMAT_AUTO, fp);
    if ((rc = fuzz_import_begin(&f, "fuzz.ndjson")) == AFT_OK) {
        rc = aft_ndjson__read(&f.sink, fp, NULL);
        fuzz_import_end(&f, rc);
    }
    fclose(fp);
    return 0;
}
