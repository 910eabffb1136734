/**
 * @file
 * template.h - report branding and wording: a template directory
 * (template.json and an optional logo) with built-in defaults for any
 * setting or text it leaves out.
 */
#ifndef AFTERCAST_TEMPLATE_H
#define AFTERCAST_TEMPLATE_H

#include <stddef.h>

#include "aftercast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Longest string a template.json may set, in bytes. */
#define AFT_TEMPLATE_MAX_TEXT 16384
/** Largest logo file, in bytes (2 MB). */
#define AFT_TEMPLATE_MAX_LOGO (2 * 1024 * 1024)
/** Largest logo width and height, in pixels. */
#define AFT_TEMPLATE_MAX_PIXELS 4096

/** A loaded report template. Read-only once loaded: several threads may
 *  read one template at once. */
typedef struct aft_template aft_template;

/**
 * Load the template of directory @p dir: its template.json (nested
 * objects read as dotted keys, "colors.primary") and the logo it names,
 * relative to @p dir unless absolute.
 *
 * @param[out] out  the template, NULL on failure; the caller must free it
 *                  with aft_template_free()
 * @param dir       the directory, or NULL for the built-in defaults only
 * @param err       optional; receives the message on failure
 * The logo is read once, here: it must be a regular file (a FIFO or a
 * device is refused, never waited on) of at most AFT_TEMPLATE_MAX_LOGO
 * bytes, and a PNG of at most AFT_TEMPLATE_MAX_PIXELS pixels a side.
 *
 * @return AFT_OK, AFT_ENOMEM, AFT_EINVALID if template.json is missing or
 *         not valid JSON (the message names the file and line), sets a
 *         string longer than AFT_TEMPLATE_MAX_TEXT bytes, or names a logo
 *         that is not a regular file, is too large or is not a PNG (the
 *         message names the logo and the reason), or AFT_EIO if the logo
 *         does not exist or cannot be read.
 */
AFT_API int aft_template_load(aft_template **out, const char *dir,
                              aft_error *err);

/**
 * The logo's bytes, as read and checked by aft_template_load().
 *
 * @param t          the template
 * @param[out] size  the number of bytes, 0 without a logo
 * @return the PNG file's bytes, or NULL when the template has no logo.
 *         Borrowed: valid until @p t is freed.
 */
AFT_API const unsigned char *aft_template_logo(const aft_template *t,
                                               size_t *size);

/**
 * Free a template and everything it holds.
 * @param t  the template; NULL is a no-op
 */
AFT_API void aft_template_free(aft_template *t);

/**
 * A setting ("company", "footer", "logo", "colors.primary" ...) or the
 * wording of a section ("text.summary_met"), else its built-in default.
 *
 * @param t    the template
 * @param key  the dotted key
 * @return the value, or NULL when neither the template nor the defaults
 *         set it; for "logo" the path with the template directory
 *         prefixed. Borrowed: valid until @p t is freed.
 */
AFT_API const char *aft_template_get(const aft_template *t, const char *key);

/**
 * A colour of the template ("primary", "accent", "good", "warn", "bad",
 * "muted"), set as "#RRGGBB" under "colors.NAME".
 *
 * @param t      the template
 * @param name   the colour's name, without "colors."
 * @param deflt  returned when the colour is unset or not "#RRGGBB"
 * @return the colour as 0xRRGGBB, or @p deflt.
 */
AFT_API unsigned aft_template_color(const aft_template *t, const char *name,
                                    unsigned deflt);

/**
 * The wording "text.KEY" with each {name} placeholder replaced by its
 * value; a placeholder without a value is left as written. A key with a
 * dot is taken whole ("mail.subject").
 *
 * @param t     the template
 * @param key   the section's key, without "text." ("summary_met")
 * @param vars  name, value, name, value ..., ended by a NULL name; may be
 *              NULL
 * @return the text (empty when the key is unset), or NULL when out of
 *         memory. The caller must free the result with free().
 */
AFT_API char *aft_template_text(const aft_template *t, const char *key,
                                const char *const *vars);

#ifdef __cplusplus
}
#endif
#endif
