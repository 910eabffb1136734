/**
 * @file
 * report_site.h - the status-history site model of one client: a row of
 * daily bars per service with each day's figures and the records that
 * touched it, the twelve-month trend, the incident history, planned
 * maintenance and the current status, all through the engine like
 * `availability` and `metrics`.
 */
#ifndef AFTERCAST_REPORT_SITE_H
#define AFTERCAST_REPORT_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"
#include "aftercast/report_maintenance.h"
#include "aftercast/report_monthly.h"
#include "aftercast/template.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Fewest and most daily bars a site shows per service. */
#define AFT_SITE_MIN_DAYS 7
/** Most daily bars (a year and a day). */
#define AFT_SITE_MAX_DAYS 366
/** Daily bars by default. */
#define AFT_SITE_DEFAULT_DAYS 90
/** Records a day names at most (the count says how many touched it). */
#define AFT_SITE_DAY_REFS 6

/** What one bar says about a day or a period. */
typedef enum aft_day_status {
    AFT_DAY_MET = 0,     /**< availability at or above the target */
    AFT_DAY_WITHIN,      /**< below target, within twice the budget */
    AFT_DAY_BREACHED,    /**< below twice the budget */
    AFT_DAY_NO_DATA,     /**< no measured time */
    AFT_DAY_MAINTENANCE, /**< met, or no measured time, with a window */
} aft_day_status;

/** One service's local day. */
typedef struct aft_site_day {
    int64_t day;                     /**< local day number */
    char label[32];                  /**< "Tue 24 November 2026" */
    aft_sla_result r;                /**< the service's figures that day */
    aft_day_status status;           /**< the bar's colour */
    size_t inc[AFT_SITE_DAY_REFS];   /**< indexes into aft_site.incidents */
    size_t n_inc;                    /**< incidents that touched the day */
    size_t maint[AFT_SITE_DAY_REFS]; /**< indexes into aft_site.maints */
    size_t n_maint;                  /**< windows that touched the day */
} aft_site_day;

/** One subscribed service over the site's period. */
typedef struct aft_site_service {
    const char *service_id; /**< borrowed from the dataset */
    const char *name;       /**< as reports print it; borrowed */
    char file[160];         /**< its id as a file name (aft_site_file_name) */
    aft_sla_result r;       /**< figures over the whole period */
    aft_day_status status;  /**< the period's verdict */
    aft_site_day *days;     /**< aft_site.n_days, oldest first */
} aft_site_service;

/** What the banner says at as_of. */
typedef enum aft_site_state {
    AFT_SITE_OK = 0,      /**< nothing ongoing */
    AFT_SITE_MAINTENANCE, /**< a window in progress, no incident */
    AFT_SITE_INCIDENT,    /**< an incident ongoing */
} aft_site_state;

/** Everything a client's status page shows. Read-only once built. */
typedef struct aft_site {
    const aft_client *client;   /**< borrowed from the dataset */
    const aft_tz *tz;           /**< the client's zone, from the engine */
    const aft_dataset *ds;      /**< the engine's dataset */
    int64_t as_of;              /**< the instant figures are seen at */
    char file[160];             /**< the client's id as a directory name */
    aft_period period;          /**< the last n_days local days */
    size_t n_days;              /**< bars per service */
    aft_sla_result total;       /**< client level over the period */
    aft_day_status status;      /**< the period's verdict, client level */
    aft_metrics metrics;        /**< response metrics over the period */
    aft_site_service *services; /**< subscribed services, in order */
    size_t n_services;          /**< their number */
    aft_monthly *month;         /**< the local month of as_of: trend, policy */
    aft_period history;         /**< the twelve months of the trend */
    aft_report_incident *incidents; /**< of history, newest first */
    size_t n_incidents;             /**< their number */
    aft_report_maint *maints;       /**< upcoming soonest first, then past
                                         newest first */
    size_t n_upcoming;              /**< windows starting after as_of */
    size_t n_maints;                /**< all windows */
    aft_site_state state;           /**< the banner */
    size_t n_ongoing;               /**< incidents ongoing at as_of */
    size_t n_in_progress;           /**< windows running at as_of */
} aft_site;

/**
 * The instants [*lo, *hi) a dataset must hold for the site of @p days
 * days as seen at @p as_of, in any time zone: the twelve months of the
 * trend, the bars, and the windows announced up to @p days days ahead.
 *
 * @param as_of    the instant
 * @param days     bars per service
 * @param[out] lo  the first instant
 * @param[out] hi  the first instant not needed
 */
AFT_API void aft_site_range(int64_t as_of, size_t days, int64_t *lo,
                            int64_t *hi);

/**
 * Build the status site model of client @p ci.
 *
 * @param[out] out  the model, NULL on failure; the caller must free it
 *                  with aft_site_free(). It borrows from the engine and
 *                  its dataset: valid until @p e is freed.
 * @param e         the engine, seen at @p as_of; its dataset must hold
 *                  what aft_site_range() gives
 * @param ci        the client's index in the engine's dataset
 * @param days      bars per service, AFT_SITE_MIN_DAYS to
 *                  AFT_SITE_MAX_DAYS
 * @param as_of     the instant the figures are seen at
 * @param err       optional; receives the message on failure
 * @return AFT_OK, AFT_ENOMEM, or AFT_EINVALID for days out of range, an
 *         unknown time zone or bad service hours of the client.
 */
AFT_API int aft_site_build(aft_site **out, aft_engine *e, size_t ci,
                           size_t days, int64_t as_of, aft_error *err);

/**
 * Free a site model.
 * @param s  the model; NULL is a no-op
 */
AFT_API void aft_site_free(aft_site *s);

/**
 * The order a portfolio page lists sites in: breached first, then below
 * target within twice the budget, then no data, then met; within each, by
 * availability, lowest first, then by client id.
 *
 * @param[out] order  @p n indexes into @p sites
 * @param sites       the models
 * @param n           their number
 */
AFT_API void aft_site_order(size_t *order, aft_site *const *sites, size_t n);

/**
 * A record's id as a file or directory name: an id of at most 100
 * letters, digits, '-', '_' and '.', not starting with '.' nor ending in
 * ".html", ".pdf" or ".xlsx" (names of the files written beside), as it
 * is; any other with each other byte as '_', cut to 100 bytes, and '~' and
 * 16 hex digits of a hash of the whole id (as `report` names its files),
 * so that no two ids share a name and no name leaves its directory.
 *
 * @param buf   the name
 * @param size  bytes in @p buf (at least 128)
 * @param id    the id
 * @return @p buf.
 */
AFT_API char *aft_site_file_name(char *buf, size_t size, const char *id);

/**
 * A sentence of the site in the template's words, filled for this
 * client: "banner" (the current state), "policy" (the accounting policy,
 * as the monthly report says it), "period" ("Last 90 days"), "notice"
 * of window @p k of aft_site.maints (notice given against the policy),
 * "day" for bar @p k of service @p svc (its figures in words).
 *
 * @param s     the model
 * @param t     the template
 * @param part  the sentence's name
 * @param svc   the service's index, for "day"
 * @param k     the window or day index, for "notice" and "day"
 * @return the text, or NULL when out of memory. The caller must free the
 *         result with free().
 */
AFT_API char *aft_site_say(const aft_site *s, const aft_template *t,
                           const char *part, size_t svc, size_t k);

/**
 * A status in words ("words.day.met": "Target met"; within, breached,
 * no_data, maintenance).
 *
 * @param t   the template
 * @param st  the status
 * @return the words. Borrowed: valid until @p t is freed.
 */
AFT_API const char *aft_site_status_words(const aft_template *t,
                                          aft_day_status st);

#ifdef __cplusplus
}
#endif
#endif
