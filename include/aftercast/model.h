/*
 * model.h - the records aftercast stores: services, clients, incidents,
 * maintenances (SPEC section 1), and their vocabularies.
 *
 * Records are plain data. Strings and arrays of a record belong to
 * whoever made it (an arena in the store and the importers); absent
 * instants are AFT_TIME_NONE, absent dates AFT_DATE_NONE.
 */
#ifndef AFTERCAST_MODEL_H
#define AFTERCAST_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/instant.h"
#include "aftercast/interval.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AFT_DATE_NONE INT64_MIN

/** Impact levels, ordered so that a larger value is a worse level. */
typedef enum aft_level {
    AFT_LEVEL_NONE = 0,       /* "none": a maintenance without impact */
    AFT_LEVEL_DEGRADED = 1,   /* "degraded_performance" */
    AFT_LEVEL_PARTIAL = 2,    /* "partial_outage" */
    AFT_LEVEL_MAJOR = 3       /* "major_outage" */
} aft_level;

typedef enum aft_severity {
    AFT_SEV1 = 0, AFT_SEV2, AFT_SEV3, AFT_SEV4, AFT_SEVERITY_COUNT
} aft_severity;

typedef enum aft_mstatus {
    AFT_MAINT_SCHEDULED = 0, AFT_MAINT_IN_PROGRESS, AFT_MAINT_COMPLETED,
    AFT_MAINT_CANCELLED
} aft_mstatus;

/** Canonical words; each returns a static string. */
AFT_API const char *aft_level_str(aft_level level);
AFT_API const char *aft_severity_str(aft_severity sev);
AFT_API const char *aft_mstatus_str(aft_mstatus st);

/** Parse a vocabulary word or alias, any letter case. 0, or -1 if unknown.
 *  aft_level_parse() accepts "none" only when allow_none is set. */
AFT_API int aft_level_parse(aft_level *out, const char *s, int allow_none);
AFT_API int aft_severity_parse(aft_severity *out, const char *s);
AFT_API int aft_mstatus_parse(aft_mstatus *out, const char *s);
/** Canonical update status for s, or NULL if s is not one. */
AFT_API const char *aft_update_status_canon(const char *s);

typedef struct aft_service {
    const char *id;
    const char *name;             /* may be NULL */
} aft_service;

typedef struct aft_credit_tier {
    double below;                 /* percent: applies when A < below */
    double credit;                /* percent of the fee */
} aft_credit_tier;

typedef struct aft_subscription {
    const char *service_id;
    double      sla_target;       /* percent; NAN when absent */
    int64_t     from_day;         /* local date, AFT_DATE_NONE when absent */
    int64_t     until_day;        /* local date, excluded; or AFT_DATE_NONE */
} aft_subscription;

typedef struct aft_client {
    const char  *id;
    const char  *name;
    const char  *timezone;        /* IANA name */
    double       sla_target;      /* percent */
    int          notice_days;
    double       partial_weight;  /* 0..1 */
    double       degraded_weight; /* 0..1 */
    int          update_interval_minutes;
    aft_credit_tier *credits;
    size_t       n_credits;
    const char **service_hours;   /* "mon-fri 08:00-18:00" ... */
    size_t       n_service_hours;
    int64_t     *holidays;        /* local day numbers */
    size_t       n_holidays;
    aft_subscription *subs;
    size_t       n_subs;
} aft_client;

typedef struct aft_impact {
    const char *service_id;
    aft_level   level;
    int64_t     start;            /* AFT_TIME_NONE: the incident's start */
    int64_t     end;              /* AFT_TIME_NONE: the incident's end */
} aft_impact;

typedef struct aft_update {
    int64_t     at;
    const char *status;           /* canonical word */
    const char *body;
} aft_update;

typedef struct aft_action {
    const char *action;
    const char *owner;            /* may be NULL */
    int64_t     due_day;          /* AFT_DATE_NONE when absent */
    const char *status;           /* may be NULL */
} aft_action;

typedef struct aft_incident {
    const char  *id;
    const char  *title;
    aft_severity severity;
    int64_t      started_at;
    int64_t      detected_at;     /* AFT_TIME_NONE when absent */
    int64_t      acknowledged_at; /* AFT_TIME_NONE when absent */
    int64_t      resolved_at;     /* AFT_TIME_NONE: ongoing */
    aft_impact  *impacts;
    size_t       n_impacts;
    const char **clients;         /* restriction; n_clients 0 = none */
    size_t       n_clients;
    const char  *root_cause;
    const char  *resolution;
    aft_action  *actions;
    size_t       n_actions;
    aft_update  *updates;         /* in input order */
    size_t       n_updates;
} aft_incident;

typedef struct aft_maintenance {
    const char  *id;
    const char  *title;
    const char **services;
    size_t       n_services;
    const char **clients;
    size_t       n_clients;
    int64_t      scheduled_start;
    int64_t      scheduled_end;
    int64_t      actual_start;    /* AFT_TIME_NONE: scheduled_start */
    int64_t      actual_end;      /* AFT_TIME_NONE: scheduled_end */
    int64_t      notified_at;     /* AFT_TIME_NONE: no notice given */
    aft_level    impact;          /* may be AFT_LEVEL_NONE */
    aft_mstatus  status;
    const char  *summary;
    const char  *issues;
} aft_maintenance;

/** Record kinds, as named on the command line and in NDJSON "kind". */
typedef enum aft_kind {
    AFT_KIND_SERVICE = 0, AFT_KIND_CLIENT, AFT_KIND_INCIDENT,
    AFT_KIND_MAINTENANCE, AFT_KIND_COUNT
} aft_kind;

/** "service", "client", "incident", "maintenance". */
AFT_API const char *aft_kind_str(aft_kind kind);
/** Parse a kind, singular or plural ("incidents"). 0, or -1. */
AFT_API int aft_kind_parse(aft_kind *out, const char *s);

/** Records an engine call needs; see aft_store_load(). Clients and
 *  services are sorted by id. */
typedef struct aft_dataset {
    aft_client      *clients;
    size_t           n_clients;
    aft_service     *services;
    size_t           n_services;
    aft_incident    *incidents;
    size_t           n_incidents;
    aft_maintenance *maintenances;
    size_t           n_maintenances;
    void            *priv;       /* owner of the memory; see the store */
} aft_dataset;

/** What an impact covers as seen at @p as_of: from its own start (else
 *  the incident's start) to its own end (else the incident's resolution,
 *  else as_of), cut at as_of; end >= start. */
AFT_API aft_interval aft_impact_span(const aft_incident *inc,
                                     const aft_impact *imp, int64_t as_of);

/** When a maintenance's work ran: its actual start and end, each else the
 *  scheduled one. */
AFT_API aft_interval aft_maintenance_actual(const aft_maintenance *m);

/** Client defaults of SPEC section 1. */
#define AFT_DEFAULT_SLA_TARGET 99.9
#define AFT_DEFAULT_NOTICE_DAYS 14
#define AFT_DEFAULT_PARTIAL_WEIGHT 0.3
#define AFT_DEFAULT_DEGRADED_WEIGHT 0.0
#define AFT_DEFAULT_UPDATE_INTERVAL 60

/** Fill a client with the defaults (id and name left NULL). */
AFT_API void aft_client_defaults(aft_client *c);

#ifdef __cplusplus
}
#endif
#endif
