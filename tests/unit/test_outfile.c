/*
 * test_outfile.c - documents written through a private directory beside
 * the path: renamed into place, removed on failure and by the signal
 * handler's call, and never through a link planted in the directory.
 */
#include "cmocka_all.h"
#include <dirent.h>
#include <sys/stat.h>

#include "render/outfile.h"
#include "testutil.h"

/* Entries of dir other than . and .. */
static int
entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

/* A fresh directory under the fixture's: the store's files stay out of
 * the counts. */
static const char *
out_dir(fixture *f)
{
    static char dir[128];

    snprintf(dir, sizeof dir, "%s/out", f->dir);
    assert_int_equal(mkdir(dir, 0777), 0);
    return dir;
}

static char *
slurp(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "rb");
    size_t n;

    assert_non_null(fp);
    n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void
write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* The file written at o.tmp is at the path after commit, and the private
 * directory is gone. */
static void
test_outfile_commit_renames_into_place(void **state)
{
    fixture *f = fixture_new();
    const char *dir = out_dir(f);
    char path[256];
    aft_outfile o;
    struct stat st;

    (void)state;
    snprintf(path, sizeof path, "%s/r.pdf", dir);
    assert_int_equal(aft_outfile__open(&o, path, NULL), AFT_OK);
    assert_int_equal(strncmp(o.tmp, dir, strlen(dir)), 0);
    assert_non_null(strstr(o.tmp, "/.aftercast-"));
    assert_int_equal(stat(o.dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    write_text(o.tmp, "doc");
    assert_int_equal(aft_outfile__commit(&o, NULL), AFT_OK);
    assert_string_equal(slurp(path), "doc");
    assert_int_equal(entries(dir), 1); /* r.pdf */
    fixture_free(f);
}

/* 2026-11-24: a link planted at NAME.pdf.tmp was followed and its target
 * outside --out overwritten. Nothing planted in the directory is
 * written through; a link at the path itself is replaced, not followed. */
static void
test_outfile_planted_links_are_not_followed(void **state)
{
    fixture *f = fixture_new();
    const char *dir = out_dir(f);
    char path[256], link[256], victim[256];
    aft_outfile o;
    struct stat st;

    (void)state;
    snprintf(path, sizeof path, "%s/r.pdf", dir);
    snprintf(link, sizeof link, "%s/r.pdf.tmp", dir);
    snprintf(victim, sizeof victim, "%s/victim", f->dir);
    write_text(victim, "keep");
    assert_int_equal(symlink(victim, link), 0);
    assert_int_equal(symlink(victim, path), 0);
    assert_int_equal(aft_outfile__open(&o, path, NULL), AFT_OK);
    write_text(o.tmp, "doc");
    assert_int_equal(aft_outfile__commit(&o, NULL), AFT_OK);
    assert_string_equal(slurp(victim), "keep");
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_string_equal(slurp(path), "doc");
    fixture_free(f);
}

/* Abort and the signal handler's call leave nothing behind. */
static void
test_outfile_abort_and_remove_temp_leave_nothing(void **state)
{
    fixture *f = fixture_new();
    const char *dir = out_dir(f);
    char path[256], path2[256];
    aft_outfile a, b;
    struct stat st;

    (void)state;
    snprintf(path, sizeof path, "%s/a.pdf", dir);
    snprintf(path2, sizeof path2, "%s/b.xlsx", dir);
    assert_int_equal(aft_outfile__open(&a, path, NULL), AFT_OK);
    write_text(a.tmp, "half");
    aft_outfile__abort(&a);
    assert_int_equal(entries(dir), 0);
    assert_int_equal(aft_outfile__open(&a, path, NULL), AFT_OK);
    assert_int_equal(aft_outfile__open(&b, path2, NULL), AFT_OK);
    write_text(a.tmp, "half");
    write_text(b.tmp, "half");
    aft_render_remove_temp();
    assert_int_equal(entries(dir), 0);
    assert_int_equal(stat(path, &st), -1);
    /* What is left to do after the handler fails quietly. */
    aft_outfile__abort(&a);
    aft_outfile__abort(&b);
    fixture_free(f);
}

/* No directory to write in: AFT_EIO naming it and the reason. */
static void
test_outfile_missing_directory(void **state)
{
    aft_outfile o;
    aft_error err = {0};

    (void)state;
    assert_int_equal(aft_outfile__open(&o, "/nonexistent-aft/r.pdf", &err),
                     AFT_EIO);
    assert_string_equal(err.message,
                        "cannot create a temporary directory in "
                        "'/nonexistent-aft': No such file or directory");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outfile_commit_renames_into_place),
        cmocka_unit_test(test_outfile_planted_links_are_not_followed),
        cmocka_unit_test(test_outfile_abort_and_remove_temp_leave_nothing),
        cmocka_unit_test(test_outfile_missing_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
