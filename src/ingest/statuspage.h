/*
 * statuspage.h - the Statuspage reader: Atlassian Statuspage API v2
 * documents (a page's incidents, scheduled maintenances, components).
 */
#ifndef AFT_INGEST_STATUSPAGE_H
#define AFT_INGEST_STATUSPAGE_H

#include <jansson.h>

#include "ingest/sink.h"

/* Deliver the incidents and maintenances of doc to s, and remember its
 * page and every component it names as a service. An incident with no
 * impact is counted in stats->no_impact, not delivered. Returns AFT_OK,
 * or the sink's failure or AFT_ENOMEM. */
int aft_statuspage__read(aft_sink *s, json_t *doc, aft_error *err);

#endif
