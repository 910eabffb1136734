/**
 * @file
 * aftercast.h - umbrella header of libaftercast: post-incident reports and
 * uptime analytics for managed-service providers.
 */
#ifndef AFTERCAST_H
#define AFTERCAST_H

#include "aftercast/error.h"
#include "aftercast/instant.h"
#include "aftercast/tz.h"
#include "aftercast/interval.h"
#include "aftercast/model.h"
#include "aftercast/period.h"
#include "aftercast/hours.h"
#include "aftercast/sla.h"
#include "aftercast/metrics.h"
#include "aftercast/engine.h"
#include "aftercast/store.h"
#include "aftercast/ingest.h"
#include "aftercast/export.h"
#include "aftercast/report.h"
#include "aftercast/version.h"

#endif
