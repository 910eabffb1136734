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

/* Write every stored record, all kinds, in the native JSON format: what
 * `aftercast export all` prints, ready to import elsewhere. */
static int
export_json(aft_store *store, const char *path, aft_error *err)
{
    FILE *out = fopen(path, "w");
    int rc;

    if (out == NULL) {
        snprintf(err->message, sizeof err->message, "cannot write '%s'", path);
        return AFT_EIO;
    }
    rc = aft_export(out, store, -1, AFT_EXPORT_JSON, err);
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
