/**
 * @file
 * render_site.h - the status site of the site models: a client's page,
 * status.json, Atom feed and SVG badges, and the portfolio page. Each
 * file is written through a private directory and renamed into place
 * (as render.h); the writers only lay the models out, every text from
 * input escaped, with no request outside the directory.
 */
#ifndef AFTERCAST_RENDER_SITE_H
#define AFTERCAST_RENDER_SITE_H

#include <stddef.h>

#include "aftercast/error.h"
#include "aftercast/report_site.h"
#include "aftercast/template.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Write client @p s's files into directory @p dir (which must exist):
 * index.html, status.json, feed.xml, badge.svg and one
 * badge-SERVICE.svg per service (SERVICE: aft_site_service.file).
 *
 * @param s             the model
 * @param t             the template: colours, logo, company, wording
 * @param dir           the client's directory
 * @param with_reports  link the reports of reports/ (the last whole
 *                      month's CLIENT-PERIOD.pdf and .xlsx, and
 *                      INCIDENT-CLIENT.pdf of each incident with a root
 *                      cause), as `site --with-reports` writes them
 * @param err           optional; receives the message on failure
 * @return AFT_OK, AFT_ENOMEM, or AFT_EIO naming the file that could not
 *         be written (nothing half-written is left).
 */
AFT_API int aft_site_write_client(const aft_site *s, const aft_template *t,
                                  const char *dir, int with_reports,
                                  aft_error *err);

/**
 * Write the portfolio page @p path: every client against its target,
 * in aft_site_order(), each linking to CLIENT/index.html.
 *
 * @param sites  the models
 * @param n      their number
 * @param t      the template
 * @param path   the file to write (DIR/index.html)
 * @param err    optional; receives the message on failure
 * @return AFT_OK, AFT_ENOMEM or AFT_EIO.
 */
AFT_API int aft_site_write_portfolio(aft_site *const *sites, size_t n,
                                     const aft_template *t, const char *path,
                                     aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
