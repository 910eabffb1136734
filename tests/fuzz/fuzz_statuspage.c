/*
 * fuzz_statuspage.c - the Statuspage reader on any bytes: the document
 * parsed, then its incidents, maintenances and components delivered.
 */
#include "fuzz_sink.h"
#include "ingest/native_json.h"
#include "ingest/statuspage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *fp = fuzz_open(data, size);
    json_t *doc = NULL;
    fuzz_import f;
    int rc;

    if (fp == NULL)
        return 0;
    if ((rc = fuzz_import_begin(&f, "statuspage.json")) == AFT_OK) {
        if ((rc = aft_native_json__load(&doc, &f.sink, fp, NULL)) == AFT_OK) {
            rc = aft_statuspage__read(&f.sink, doc, NULL);
        }
        json_decref(doc);
        fuzz_import_end(&f, rc);
    }
    fclose(fp);
    return 0;
}
