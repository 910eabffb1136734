/*
 * fuzz_native_json.c - the native JSON reader on any bytes: the document
 * parsed, then its records delivered, whatever detection would say.
 */
#include "fuzz_sink.h"
#include "ingest/detect.h"
#include "ingest/native_json.h"

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
    (void)aft_detect__stream(AFT_FORMAT_AUTO, fp);
    if ((rc = fuzz_import_begin(&f, "fuzz.json")) == AFT_OK) {
        if ((rc = aft_native_json__load(&doc, &f.sink, fp, NULL)) == AFT_OK) {
            (void)aft_detect__document(AFT_FORMAT_AUTO, doc);
            rc = aft_native_json__read(&f.sink, doc, NULL);
        }
        json_decref(doc);
        fuzz_import_end(&f, rc);
    }
    fclose(fp);
    return 0;
}
