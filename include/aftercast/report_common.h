/**
 * @file
 * report_common.h - what the report models share: the length of their
 * trends, and a service's name as a report prints it.
 */
#ifndef AFTERCAST_REPORT_COMMON_H
#define AFTERCAST_REPORT_COMMON_H

#include "aftercast/error.h"
#include "aftercast/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Periods in a report's trend: the period and the eleven before it. */
#define AFT_TREND_PERIODS 12

/**
 * The name of a service of a dataset, as reports print it.
 *
 * @param ds  the dataset
 * @param id  the service's id
 * @return its name, else (no name, or no such service) @p id itself.
 *         Borrowed: valid until @p ds is freed, or as long as @p id.
 */
AFT_API const char *aft_service_name(const aft_dataset *ds, const char *id);

#ifdef __cplusplus
}
#endif
#endif
