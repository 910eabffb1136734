/**
 * @file
 * report.h - every report model and its documents in one include:
 * monthly, root-cause, post-maintenance and portfolio reports, templates
 * and the PDF/XLSX writers. Include the single headers to take less.
 */
#ifndef AFTERCAST_REPORT_H
#define AFTERCAST_REPORT_H

#include "aftercast/render.h"
#include "aftercast/report_common.h"
#include "aftercast/report_maintenance.h"
#include "aftercast/report_monthly.h"
#include "aftercast/report_portfolio.h"
#include "aftercast/report_rca.h"
#include "aftercast/report_site.h"
#include "aftercast/render_site.h"
#include "aftercast/template.h"

#endif
