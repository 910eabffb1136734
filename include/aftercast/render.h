/**
 * @file
 * render.h - the documents of the report models: each model as a PDF to
 * send and an XLSX workbook to audit, branded by a template. A writer
 * writes into a private directory it makes beside PATH (mode 0700, so
 * nothing planted there is followed) and renames the file to PATH on
 * success, so a failed call leaves no document; it only reads the model
 * and the template.
 */
#ifndef AFTERCAST_RENDER_H
#define AFTERCAST_RENDER_H

#include "aftercast/error.h"
#include "aftercast/report_maintenance.h"
#include "aftercast/report_monthly.h"
#include "aftercast/report_portfolio.h"
#include "aftercast/report_rca.h"
#include "aftercast/template.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Remove the temporary files of the documents this process is writing.
 *
 * Async-signal-safe: meant for a SIGINT or SIGTERM handler, which then
 * restores the default action and raises the signal again, so that an
 * interrupted run leaves no partial file.
 *
 * @code
 * static void on_signal(int sig)
 * {
 *     aft_render_remove_temp();
 *     signal(sig, SIG_DFL);
 *     raise(sig);
 * }
 * @endcode
 */
AFT_API void aft_render_remove_temp(void);

/**
 * Write the monthly report as a PDF.
 *
 * @param r     the report
 * @param t     the template that brands and words it
 * @param path  the file to write; replaced if it exists
 * @param err   optional; receives the message on failure
 * @return AFT_OK, AFT_EIO if the file cannot be written, AFT_ENOMEM, or
 *         AFT_ERROR if the PDF library fails.
 */
AFT_API int aft_monthly_write_pdf(const aft_monthly *r, const aft_template *t,
                                  const char *path, aft_error *err);

/**
 * Write the monthly report as an XLSX workbook.
 *
 * @param r     the report
 * @param t     the template that brands it
 * @param path  the file to write; replaced if it exists
 * @param err   optional; receives the message on failure
 * @return AFT_OK, or AFT_EIO if the workbook cannot be written.
 */
AFT_API int aft_monthly_write_xlsx(const aft_monthly *r, const aft_template *t,
                                   const char *path, aft_error *err);

/**
 * Write the root-cause report as a PDF.
 *
 * @param r     the report
 * @param t     the template that brands it
 * @param path  the file to write; replaced if it exists
 * @param err   optional; receives the message on failure
 * @return AFT_OK, AFT_EIO if the file cannot be written, AFT_ENOMEM, or
 *         AFT_ERROR if the PDF library fails.
 */
AFT_API int aft_rca_write_pdf(const aft_rca *r, const aft_template *t,
                              const char *path, aft_error *err);

/**
 * Write the root-cause report as an XLSX workbook.
 *
 * @param r     the report
 * @param t     the template that brands it
 * @param path  the file to write; replaced if it exists
 * @param err   optional; receives the message on failure
 * @return AFT_OK, or AFT_EIO if the workbook cannot be written.
 */
AFT_API int aft_rca_write_xlsx(const aft_rca *r, const aft_template *t,
                               const char *path, aft_error *err);

/**
 * Write the post-maintenance report as a PDF.
 *
 * @param r     the report
 * @param t     the template that brands it
 * @param path  the file to write; replaced if it exists
 * @param err   optional; receives the message on failure
 * @return AFT_OK, AFT_EIO if the file cannot be written, AFT_ENOMEM, or
 *         AFT_ERROR if the PDF library fails.
 */
AFT_API int aft_mreport_write_pdf(const aft_mreport *r, const aft_template *t,
                                  const char *path, aft_error *err);

/**
 * Write the post-maintenance report as an XLSX workbook.
 *
 * @param r     the report
 * @param t     the template that brands it
 * @param path  the file to write; replaced if it exists
 * @param err   optional; receives the message on failure
 * @return AFT_OK, or AFT_EIO if the workbook cannot be written.
 */
AFT_API int aft_mreport_write_xlsx(const aft_mreport *r, const aft_template *t,
                                   const char *path, aft_error *err);

/**
 * Write the portfolio report as a PDF.
 *
 * @param r     the report
 * @param t     the template that brands it
 * @param path  the file to write; replaced if it exists
 * @param err   optional; receives the message on failure
 * @return AFT_OK, AFT_EIO if the file cannot be written, AFT_ENOMEM, or
 *         AFT_ERROR if the PDF library fails.
 */
AFT_API int aft_portfolio_write_pdf(const aft_portfolio *r,
                                    const aft_template *t, const char *path,
                                    aft_error *err);

/**
 * Write the portfolio report as an XLSX workbook.
 *
 * @param r     the report
 * @param t     the template that brands it
 * @param path  the file to write; replaced if it exists
 * @param err   optional; receives the message on failure
 * @return AFT_OK, or AFT_EIO if the workbook cannot be written.
 */
AFT_API int aft_portfolio_write_xlsx(const aft_portfolio *r,
                                     const aft_template *t, const char *path,
                                     aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
