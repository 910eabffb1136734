/*
 * client_view.h - a record as one client sees it, shared by the report
 * models: which of its services it names, the local month it falls in,
 * and what a maintenance window was for the client.
 */
#ifndef AFT_REPORT_CLIENT_VIEW_H
#define AFT_REPORT_CLIENT_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/report_maintenance.h"
#include "aftercast/report_monthly.h"

/* Whether client c subscribes to service id (at any date). */
int aft_report__subscribed(const aft_client *c, const char *service_id);

/* The names of c's services that inc impacts, ", "-separated, each name
 * once, in the order first met, into buf (size bytes; cut to fit). */
void aft_report__incident_services(char *buf, size_t size,
                                   const aft_incident *inc, const aft_client *c,
                                   const aft_dataset *ds);

/* The names of c's services that maintenance m names, as above. */
void aft_report__maint_services(char *buf, size_t size,
                                const aft_maintenance *m, const aft_client *c,
                                const aft_dataset *ds);

/* The local month, in zone tz, that instant t falls in. */
void aft_report__month_of(aft_period *out, const aft_tz *tz, int64_t t);

/* What window m was for client c: notice, actual times, early start and
 * overrun, its services; counted_s is the downtime it counted. */
void aft_report__maint_fill(aft_report_maint *rm, const aft_maintenance *m,
                            const aft_client *c, const aft_dataset *ds,
                            double counted_s);

/* Whether incident inc has an outage on one of c's services within w
 * (and is not restricted to other clients): a cheap test before
 * measuring it. */
int aft_report__touches(const aft_incident *inc, const aft_client *c,
                        aft_interval w, int64_t as_of);

/* The incident as client c saw it at as_of; downtime_s is what it alone
 * cost. */
void aft_report__incident_fill(aft_report_incident *ri, const aft_incident *inc,
                               const aft_client *c, const aft_dataset *ds,
                               int64_t as_of, double downtime_s);

#endif
