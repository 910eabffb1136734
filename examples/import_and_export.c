/*
 * import_and_export.c - import history files into a new aftercast
 * database, print what landed, and write every record back as JSON.
 *
 * Usage: import_and_export DB OUT.json FILE...
 */
#include <stdio.h>

#include <aftercast/aftercast.h>

/* Bad records arrive here one line each ("FILE: RECORD.FIELD: reason"). */
static void
report_bad(const char *message, void *payload)
{
    (void)payload;
    fprintf(stderr, "bad record: %s\n", message);
}

/* aft_store_each() hands each record to the writer. */
static int
write_one(aft_kind kind, const void *record, void *payload)
{
    return aft_record_writer_add(payload, kind, record, NULL) < 0;
}

/* Write every stored record, all kinds, in the native JSON format: what
 * `aftercast export all` prints, ready to import elsewhere. */
static int
write_records(aft_store *store, FILE *out, aft_error *err)
{
    aft_record_writer *w;
    int k, rc;

    if ((rc = aft_record_writer_new(&w, out, AFT_EXPORT_JSON, err)) < 0)
        return rc;
    for (k = 0; k < AFT_KIND_COUNT && rc == AFT_OK; k++)
        if ((rc = aft_record_writer_begin(w, (aft_kind)k, err)) == AFT_OK)
            rc = aft_store_each(store, (aft_kind)k, write_one, w, err);
    if (rc == AFT_OK)
        rc = aft_record_writer_finish(w, err);
    aft_record_writer_free(w);
    return rc;
}

static int
export_json(aft_store *store, const char *path, aft_error *err)
{
    FILE *out = fopen(path, "w");
    int rc;

    if (out == NULL) {
        snprintf(err->message, sizeof err->message, "cannot write '%s'", path);
        return AFT_EIO;
    }
    rc = write_records(store, out, err);
    if (fclose(out) != 0 && rc == AFT_OK) {
        snprintf(err->message, sizeof err->message, "cannot write '%s'", path);
        rc = AFT_EIO;
    }
    return rc;
}

static int
run(aft_store *store, const char *out_path, const char *const *paths,
    size_t n_paths, aft_error *err)
{
    aft_import_opts opts = {0};
    aft_import_stats stats = {0};
    int rc, k;

    opts.format = AFT_FORMAT_AUTO; /* detect each file by its content */
    opts.report = report_bad;
    if ((rc = aft_import_files(store, paths, n_paths, &opts, &stats, err)) < 0)
        return rc;
    for (k = 0; k < AFT_KIND_COUNT; k++)
        printf("imported %s: %zu\n", aft_kind_str((aft_kind)k),
               stats.imported[k]);
    if ((rc = export_json(store, out_path, err)) < 0)
        return rc;
    printf("exported to %s\n", out_path);
    return AFT_OK;
}

int
main(int argc, char **argv)
{
    aft_store *store = NULL;
    aft_error err = {0};
    int rc;

    if (argc < 4) {
        fprintf(stderr, "usage: %s DB OUT.json FILE...\n", argv[0]);
        return 2;
    }
    rc = aft_store_open(&store, argv[1], AFT_STORE_CREATE, &err);
    if (rc == AFT_OK)
        rc = run(store, argv[2], (const char *const *)&argv[3],
                 (size_t)(argc - 3), &err);
    aft_store_close(store);
    if (rc < 0) {
        fprintf(stderr, "import_and_export: %s: %s\n",
                aft_status_str((aft_status)rc), err.message);
        return 1;
    }
    return 0;
}
