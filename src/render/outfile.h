/*
 * outfile.h - documents written through a private directory made inside
 * the output directory and renamed into place, so that nothing planted in
 * the output directory is followed, and a failure or a signal leaves no
 * partial file behind (internal).
 */
#ifndef AFT_RENDER_OUTFILE_H
#define AFT_RENDER_OUTFILE_H

#include "aftercast/error.h"

/* One document being written. The writing library writes tmp by name;
 * only this process can create files in dir. */
typedef struct aft_outfile {
    char dir[4096]; /* DIR/.aftercast-XXXXXX, mode 0700 (mkdtemp) */
    char tmp[4200]; /* dir/NAME */
    const char *path;
    int slot; /* in the table of files in flight, or -1 */
} aft_outfile;

/* Make the private directory beside path and name the file to write in
 * it. Fails with AFT_EIO naming the directory and the reason. */
int aft_outfile__open(aft_outfile *o, const char *path, aft_error *err);

/* Move the written file to its path (a link there is replaced, never
 * followed) and remove the private directory. Fails with AFT_EIO, having
 * removed both. */
int aft_outfile__commit(aft_outfile *o, aft_error *err);

/* Remove the written file, if any, and the private directory. */
void aft_outfile__abort(aft_outfile *o);

#endif
