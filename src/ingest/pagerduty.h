/*
 * pagerduty.h - the PagerDuty reader: PagerDuty's incidents CSV export,
 * one native incident a row.
 */
#ifndef AFT_INGEST_PAGERDUTY_H
#define AFT_INGEST_PAGERDUTY_H

#include <jansson.h>

#include "ingest/csv_table.h"
#include "ingest/sink.h"

/* The header of one export. */
typedef struct aft_pagerduty {
    json_t *names; /* the header's column names, in order */
} aft_pagerduty;

/* Read the header. Returns AFT_OK, AFT_EINVALID (no id, created_on or
 * service_id column) or AFT_ENOMEM. Free r with aft_pagerduty__free()
 * whatever it returns. */
int aft_pagerduty__header(aft_pagerduty *r, aft_sink *s,
                          const aft_csv_row *header, aft_error *err);

/* Deliver the incident of one data row to s, and remember its service.
 * Returns AFT_OK, or the sink's failure or AFT_ENOMEM. */
int aft_pagerduty__row(aft_pagerduty *r, aft_sink *s, const aft_csv_row *row,
                       aft_error *err);

void aft_pagerduty__free(aft_pagerduty *r);

#endif
