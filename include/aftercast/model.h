/**
 * @file
 * model.h - the records aftercast stores: services, clients, incidents,
 * maintenances (docs/accounting.md §2), and their vocabularies.
 *
 * Records are plain data. Strings and arrays of a record belong to
 * whoever made it (an arena in the store and the importers); absent
 * instants are AFT_TIME_NONE, absent dates AFT_DATE_NONE. Instants are
 * Unix seconds (UTC), dates local day numbers.
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

/** Marks an absent date (day number). */
#define AFT_DATE_NONE INT64_MIN

/** Impact levels, ordered so that a larger value is a worse level. */
typedef enum aft_level {
    AFT_LEVEL_NONE = 0,     /**< "none": a maintenance without impact */
    AFT_LEVEL_DEGRADED = 1, /**< "degraded_performance" */
    AFT_LEVEL_PARTIAL = 2,  /**< "partial_outage" */
    AFT_LEVEL_MAJOR = 3     /**< "major_outage" */
} aft_level;

/** Incident severities, most severe first. */
typedef enum aft_severity {
    AFT_SEV1 = 0,      /**< "sev1" (also "critical", "p1") */
    AFT_SEV2,          /**< "sev2" (also "major", "p2") */
    AFT_SEV3,          /**< "sev3" (also "minor", "p3") */
    AFT_SEV4,          /**< "sev4" (also "low", "none", "p4") */
    AFT_SEVERITY_COUNT /**< number of severities */
} aft_severity;

/** Maintenance statuses. */
typedef enum aft_mstatus {
    AFT_MAINT_SCHEDULED = 0, /**< "scheduled" */
    AFT_MAINT_IN_PROGRESS,   /**< "in_progress" */
    AFT_MAINT_COMPLETED,     /**< "completed" */
    AFT_MAINT_CANCELLED      /**< "cancelled" */
} aft_mstatus;

/**
 * The canonical word of a level.
 *
 * @param level  the level
 * @return a static string; "none" for a value out of range.
 */
AFT_API const char *aft_level_str(aft_level level);

/**
 * The canonical word of a severity.
 *
 * @param sev  the severity
 * @return a static string; "sev3" for a value out of range.
 */
AFT_API const char *aft_severity_str(aft_severity sev);

/**
 * The canonical word of a maintenance status.
 *
 * @param st  the status
 * @return a static string; "completed" for a value out of range.
 */
AFT_API const char *aft_mstatus_str(aft_mstatus st);

/**
 * Parse a level word or alias ("major_outage", "partial", ...), any
 * letter case.
 *
 * @param[out] out   the level; unchanged on failure
 * @param s          the word, or NULL
 * @param allow_none non-zero to accept "none"
 * @return #AFT_OK, or #AFT_EINVALID for an unknown word.
 */
AFT_API int aft_level_parse(aft_level *out, const char *s, int allow_none);

/**
 * Parse a severity word or alias ("sev1", "critical", "p1", ...), any
 * letter case.
 *
 * @param[out] out  the severity; unchanged on failure
 * @param s         the word, or NULL
 * @return #AFT_OK, or #AFT_EINVALID for an unknown word.
 */
AFT_API int aft_severity_parse(aft_severity *out, const char *s);

/**
 * Parse a maintenance status word, any letter case.
 *
 * @param[out] out  the status; unchanged on failure
 * @param s         the word, or NULL
 * @return #AFT_OK, or #AFT_EINVALID for an unknown word.
 */
AFT_API int aft_mstatus_parse(aft_mstatus *out, const char *s);

/**
 * The canonical word of an incident update's status ("investigating",
 * "identified", "monitoring", "resolved", ...), any letter case.
 *
 * @param s  the word, or NULL
 * @return a static string, or NULL if @p s is not a status.
 */
AFT_API const char *aft_update_status_canon(const char *s);

/** A service that clients subscribe to. */
typedef struct aft_service {
    const char *id;   /**< unique id */
    const char *name; /**< for people; may be NULL */
} aft_service;

/** A service credit: the share of the fee owed below an availability. */
typedef struct aft_credit_tier {
    double below;  /**< percent: applies when A < below */
    double credit; /**< percent of the fee */
} aft_credit_tier;

/** A client's subscription to a service. */
typedef struct aft_subscription {
    const char *service_id; /**< the service */
    double sla_target;      /**< percent; NAN when absent */
    int64_t from_day;       /**< local date, AFT_DATE_NONE when absent */
    int64_t until_day;      /**< local date, excluded; or AFT_DATE_NONE */
} aft_subscription;

/** How a contact receives a client's reports. */
typedef enum aft_role {
    AFT_ROLE_TO = 0, /**< "to" (the default) */
    AFT_ROLE_CC,     /**< "cc" */
    AFT_ROLE_BCC     /**< "bcc": in the envelope only, never a header */
} aft_role;

/** Someone a client's reports are mailed to. */
typedef struct aft_contact {
    const char *email; /**< an addr-spec, local\@domain */
    const char *name;  /**< for people; may be NULL */
    aft_role role;     /**< to, cc or bcc */
} aft_contact;

/**
 * The canonical word of a contact role: "to", "cc" or "bcc".
 *
 * @param role  the role
 * @return a static string; "to" for a value out of range.
 */
AFT_API const char *aft_role_str(aft_role role);

/**
 * Parse a contact role word ("to", "cc", "bcc"), any letter case.
 *
 * @param[out] out  the role; unchanged on failure
 * @param s         the word, or NULL
 * @return #AFT_OK, or #AFT_EINVALID for an unknown word.
 */
AFT_API int aft_role_parse(aft_role *out, const char *s);

/**
 * Whether @p s is a mail address aftercast accepts: an addr-spec
 * local\@domain (RFC 5322, simplified): one '@', a local part of
 * printable ASCII without spaces, angle brackets, quotes, commas,
 * semicolons, parentheses or backslashes, a domain of dot-separated
 * labels of letters, digits and '-', at most 254 bytes in all.
 *
 * @param s  the address, or NULL
 * @return non-zero if valid.
 */
AFT_API int aft_addr_spec_valid(const char *s);

/** A client: its zone, SLA terms and subscriptions. */
typedef struct aft_client {
    const char *id;              /**< unique id */
    const char *name;            /**< for people */
    const char *timezone;        /**< IANA name */
    double sla_target;           /**< percent */
    int notice_days;             /**< notice a maintenance needs */
    double partial_weight;       /**< 0..1 */
    double degraded_weight;      /**< 0..1 */
    int update_interval_minutes; /**< longest silence allowed */
    aft_credit_tier *credits;    /**< credit tiers */
    size_t n_credits;            /**< their number */
    const char **service_hours;  /**< "mon-fri 08:00-18:00" ... */
    size_t n_service_hours;      /**< their number; 0: around the clock */
    int64_t *holidays;           /**< local day numbers */
    size_t n_holidays;           /**< their number */
    aft_subscription *subs;      /**< subscriptions */
    size_t n_subs;               /**< their number */
    aft_contact *contacts;       /**< who gets the reports by mail */
    size_t n_contacts;           /**< their number */
} aft_client;

/** What an incident did to one service. */
typedef struct aft_impact {
    const char *service_id; /**< the service */
    aft_level level;        /**< how bad */
    int64_t start;          /**< AFT_TIME_NONE: the incident's start */
    int64_t end;            /**< AFT_TIME_NONE: the incident's end */
} aft_impact;

/** A status update posted during an incident. */
typedef struct aft_update {
    int64_t at;         /**< when it was posted */
    const char *status; /**< canonical word */
    const char *body;   /**< its text */
} aft_update;

/** A follow-up action of an incident review. */
typedef struct aft_action {
    const char *action; /**< what is to be done */
    const char *owner;  /**< may be NULL */
    int64_t due_day;    /**< AFT_DATE_NONE when absent */
    const char *status; /**< may be NULL */
} aft_action;

/** An incident: its timeline, impacts, updates and review. */
typedef struct aft_incident {
    const char *id;          /**< unique id */
    const char *title;       /**< for people */
    aft_severity severity;   /**< its severity */
    int64_t started_at;      /**< when the incident began */
    int64_t detected_at;     /**< AFT_TIME_NONE when absent */
    int64_t acknowledged_at; /**< AFT_TIME_NONE when absent */
    int64_t resolved_at;     /**< AFT_TIME_NONE: ongoing */
    aft_impact *impacts;     /**< impacts on services */
    size_t n_impacts;        /**< their number */
    const char **clients;    /**< restriction; n_clients 0 = none */
    size_t n_clients;        /**< their number */
    const char *root_cause;  /**< may be NULL */
    const char *resolution;  /**< may be NULL */
    aft_action *actions;     /**< follow-up actions */
    size_t n_actions;        /**< their number */
    aft_update *updates;     /**< in input order */
    size_t n_updates;        /**< their number */
} aft_incident;

/** A planned maintenance of services. */
typedef struct aft_maintenance {
    const char *id;          /**< unique id */
    const char *title;       /**< for people */
    const char **services;   /**< services it works on */
    size_t n_services;       /**< their number */
    const char **clients;    /**< restriction; n_clients 0 = none */
    size_t n_clients;        /**< their number */
    int64_t scheduled_start; /**< announced start */
    int64_t scheduled_end;   /**< announced end */
    int64_t actual_start;    /**< AFT_TIME_NONE: scheduled_start */
    int64_t actual_end;      /**< AFT_TIME_NONE: scheduled_end */
    int64_t notified_at;     /**< AFT_TIME_NONE: no notice given */
    aft_level impact;        /**< may be AFT_LEVEL_NONE */
    aft_mstatus status;      /**< its status */
    const char *summary;     /**< may be NULL */
    const char *issues;      /**< may be NULL */
} aft_maintenance;

/** Record kinds, as named on the command line and in NDJSON "kind". */
typedef enum aft_kind {
    AFT_KIND_SERVICE = 0, /**< "service" */
    AFT_KIND_CLIENT,      /**< "client" */
    AFT_KIND_INCIDENT,    /**< "incident" */
    AFT_KIND_MAINTENANCE, /**< "maintenance" */
    AFT_KIND_COUNT        /**< number of kinds */
} aft_kind;

/**
 * The name of a kind: "service", "client", "incident", "maintenance".
 *
 * @param kind  the kind
 * @return a static string; "record" for a value out of range.
 */
AFT_API const char *aft_kind_str(aft_kind kind);

/**
 * Parse a kind, singular or plural ("incidents"), any letter case.
 *
 * @param[out] out  the kind; unchanged on failure
 * @param s         the word, or NULL
 * @return #AFT_OK, or #AFT_EINVALID for an unknown word.
 */
AFT_API int aft_kind_parse(aft_kind *out, const char *s);

/** Records an engine call needs; see aft_store_load(). Clients and
 *  services are sorted by id. */
typedef struct aft_dataset {
    aft_client *clients;           /**< the clients */
    size_t n_clients;              /**< their number */
    aft_service *services;         /**< the services */
    size_t n_services;             /**< their number */
    aft_incident *incidents;       /**< the incidents */
    size_t n_incidents;            /**< their number */
    aft_maintenance *maintenances; /**< the maintenances */
    size_t n_maintenances;         /**< their number */
    void *priv;                    /**< owner of the memory; see the store */
    /** With has_first: the first instant any record touching the loaded
     *  range covers, over every service (a scoped load holds only some
     *  of those records); AFT_TIME_NONE when there is none. */
    int64_t first_at;
    int has_first; /**< first_at is set; else aft_dataset_first() computes */
} aft_dataset;

/**
 * When the dataset's history starts, for "no data" before it: first_at
 * when the store set it, else the earliest instant covered by one of its
 * incidents (an impact may start before the incident) or maintenances
 * (the earlier of scheduled and actual start).
 *
 * @param ds  the dataset
 * @return Unix seconds, or #AFT_TIME_NONE when it holds no record.
 */
AFT_API int64_t aft_dataset_first(const aft_dataset *ds);

/**
 * What an impact covers as seen at @p as_of: from its own start (else
 * the incident's start) to its own end (else the incident's resolution,
 * else as_of), cut at as_of (docs/accounting.md §2.3).
 *
 * @param inc    the incident
 * @param imp    one of its impacts
 * @param as_of  Unix seconds
 * @return the instants, end >= start.
 */
AFT_API aft_interval aft_impact_span(const aft_incident *inc,
                                     const aft_impact *imp, int64_t as_of);

/**
 * When a maintenance's work ran: its actual start and end, each else the
 * scheduled one (docs/accounting.md §2.4).
 *
 * @param m  the maintenance
 * @return the instants.
 */
AFT_API aft_interval aft_maintenance_actual(const aft_maintenance *m);

/** Client default: SLA target, percent (docs/accounting.md §2.1). */
#define AFT_DEFAULT_SLA_TARGET 99.9
/** Client default: days of notice a maintenance needs. */
#define AFT_DEFAULT_NOTICE_DAYS 14
/** Client default: weight of a partial outage. */
#define AFT_DEFAULT_PARTIAL_WEIGHT 0.3
/** Client default: weight of degraded performance. */
#define AFT_DEFAULT_DEGRADED_WEIGHT 0.0
/** Client default: longest silence between updates, minutes. */
#define AFT_DEFAULT_UPDATE_INTERVAL 60

/**
 * Fill a client with the defaults: zone "UTC" and the AFT_DEFAULT_*
 * terms; id and name are left NULL, the arrays empty.
 *
 * @param c  the client, overwritten
 */
AFT_API void aft_client_defaults(aft_client *c);

#ifdef __cplusplus
}
#endif
#endif
