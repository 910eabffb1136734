/*
 * pdf_cmap.h - a PDF as libharu 2.3.0 saves it, with each font's ToUnicode
 * map rewritten so that every reader can read it (internal).
 *
 * libharu writes the ToUnicode stream of a CID font as a copy of its
 * encoding CMap ("begincidrange <0000> <FFFF> 0"), which maps codes to
 * CIDs, not to Unicode: poppler warns "Invalid 'begincidrange' operator
 * in ToUnicode CMap" for every file and copies text only by luck. With
 * the UTF-8 encoder a code is the character's UTF-16 code (the font's
 * CIDToGIDMap finds the glyph), so the right map is the identity over the
 * Basic Multilingual Plane, written here as bfranges.
 */
#ifndef AFT_RENDER_PDF_CMAP_H
#define AFT_RENDER_PDF_CMAP_H

#include <stddef.h>

#include "aftercast/error.h"

/* The identity ToUnicode CMap (uncompressed), for tests. The caller must
 * free the result with free(); *n is its length. NULL when out of memory. */
char *aft_pdf__identity_cmap(size_t *n);

/* Rewrite the document pdf (n bytes, as HPDF_SaveToStream wrote it: one
 * xref table, no object streams): each object a font's /ToUnicode names
 * becomes the identity map, Flate-compressed with a direct /Length, and
 * the xref and startxref follow the new offsets. On success *out (to free
 * with free()) and *out_n hold the new document. A document not laid out
 * as expected fails with AFT_EINVALID and a message. */
int aft_pdf__fix_tounicode(char **out, size_t *out_n, const char *pdf, size_t n,
                           aft_error *err);

#endif
