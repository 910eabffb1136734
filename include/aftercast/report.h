/*
 * report.h - the model of a monthly client report: every figure the PDF
 * and XLSX writers show, computed once by the engine (the same code as
 * `availability` and `metrics`), and the writers themselves.
 */
#ifndef AFTERCAST_REPORT_H
#define AFTERCAST_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "aftercast/engine.h"
#include "aftercast/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AFT_TREND_PERIODS 12

typedef struct aft_template aft_template;

/** An incident as the report shows it to one client. */
typedef struct aft_report_incident {
    const aft_incident *inc;      /* borrowed from the dataset */
    int64_t duration_s;           /* start to end, as of as_of */
    int     ongoing;
    double  downtime_s;           /* weighted, this client, this period */
    char    services[256];        /* the client's services it hit, names */
    int64_t first_update_s;       /* AFT_TIME_NONE without updates */
    int64_t silence_s;            /* longest gap between updates */
    int     update_breach;        /* silence over the promised interval */
} aft_report_incident;

/** A maintenance window as the report shows it to one client. */
typedef struct aft_report_maint {
    const aft_maintenance *m;     /* borrowed from the dataset */
    int     has_notice;
    double  lead_days;            /* scheduled start - notice, days */
    int     announced;            /* within the client's notice policy */
    int64_t actual_start, actual_end;
    int64_t early_s, overrun_s;
    double  counted_s;            /* downtime it counted against the SLA */
    char    services[256];
} aft_report_maint;

/** Everything a monthly report for one client shows. */
typedef struct aft_monthly {
    const aft_client *client;     /* borrowed from the dataset */
    const aft_tz     *tz;         /* borrowed from the engine */
    aft_period        period, prev;
    int64_t           as_of;
    aft_interval      span;       /* the period's instants */
    aft_interval      window;     /* W */
    aft_avail_row    *rows;       /* services, then the client level */
    size_t            n_rows;
    aft_metrics       metrics, prev_metrics;
    aft_sla_result    prev_total;
    aft_sla_result   *days;       /* client level per local day */
    size_t            n_days;
    aft_period        trend_period[AFT_TREND_PERIODS];  /* oldest first */
    aft_sla_result    trend[AFT_TREND_PERIODS];         /* client level */
    aft_report_incident *incidents;
    size_t            n_incidents;
    aft_report_maint *maints;
    size_t            n_maints;
    const aft_dataset *ds;
} aft_monthly;

/** The client-level row (always the last). */
const aft_sla_result *aft_monthly_total(const aft_monthly *r);

/**
 * Load from @p ds (which must hold the period and the eleven before it;
 * see aft_monthly_range()) the report of client @p ci over @p p.
 * @param[out] out  free it with aft_monthly_free(); it borrows from ds
 *                  and e, which must outlive it
 */
int aft_monthly_build(aft_monthly **out, aft_engine *e, size_t ci,
                      const aft_period *p, int64_t as_of, aft_error *err);
void aft_monthly_free(aft_monthly *r);

/** Instants [lo, hi) a dataset must cover for monthly reports of p. */
void aft_monthly_range(const aft_period *p, int64_t *lo, int64_t *hi);

/** Name of a service of the dataset (its id when it has none). */
const char *aft_service_name(const aft_dataset *ds, const char *id);

/* ---- root-cause and post-maintenance reports ---- */

/** One of the client's services an incident hit. */
typedef struct aft_rca_service {
    const char *service_id;       /* borrowed */
    aft_level   level;            /* the worst level */
    int64_t     start, end;       /* first start, last end (as of) */
    double      downtime_s;       /* weighted, within the month */
} aft_rca_service;

/** A root-cause report of one incident for one client. */
typedef struct aft_rca {
    const aft_client   *client;   /* borrowed from the dataset */
    const aft_tz       *tz;
    const aft_incident *inc;
    const aft_dataset  *ds;
    int64_t             as_of;
    int                 ongoing;
    aft_period          month;        /* the local month it started in */
    aft_sla_result      month_total;  /* the client's month, as of */
    aft_metrics         month_metrics;
    double              downtime_s;   /* this incident, client level */
    aft_rca_service    *services;
    size_t              n_services;
    int64_t             ttd_s, tta_s, ttr_s;  /* AFT_TIME_NONE: unknown */
    int64_t             med_ttd_s, med_tta_s, med_ttr_s; /* portfolio,
                                          same month; AFT_TIME_NONE */
} aft_rca;

/** Build the root-cause report of @p inc for client @p ci. */
int aft_rca_build(aft_rca **out, aft_engine *e, size_t ci,
                  const aft_incident *inc, int64_t as_of, aft_error *err);
void aft_rca_free(aft_rca *r);

/** A post-maintenance report of one window for one client. */
typedef struct aft_mreport {
    const aft_client *client;
    const aft_tz     *tz;
    const aft_dataset *ds;
    int64_t           as_of;
    aft_period        month;       /* the local month it was scheduled in */
    aft_sla_result    month_total; /* the client's month */
    aft_report_maint  w;           /* the window and what it counted */
} aft_mreport;

int aft_mreport_build(aft_mreport **out, aft_engine *e, size_t ci,
                      const aft_maintenance *m, int64_t as_of,
                      aft_error *err);
void aft_mreport_free(aft_mreport *r);

/* ---- portfolio report ---- */

typedef struct aft_portfolio_client {
    const aft_client *client;     /* borrowed */
    aft_avail_row    *rows;       /* services, then the client level */
    size_t            n_rows;
    aft_sla_result    trend[AFT_TREND_PERIODS];   /* client level */
    aft_metrics       metrics;
} aft_portfolio_client;

typedef struct aft_portfolio_incident {
    const aft_incident *inc;      /* borrowed */
    double  client_seconds;       /* weighted downtime summed over clients */
    size_t  n_clients;            /* clients it cost downtime */
} aft_portfolio_incident;

/** Every client against its goals over one period. */
typedef struct aft_portfolio {
    const aft_dataset *ds;
    aft_period   period, prev, year_ago;
    int64_t      as_of;
    aft_portfolio_client *clients;  /* breaches first, worst first */
    size_t       n_clients;
    const char **services;          /* ids subscribed by some client */
    size_t       n_services;
    size_t       clients_met, clients_breached;
    size_t       services_met, services_measured;
    size_t       clients_with_credit;
    aft_sla_result total, prev_total, year_total;   /* sums of clients */
    aft_period   trend_period[AFT_TREND_PERIODS];
    aft_sla_result trend[AFT_TREND_PERIODS];
    aft_metrics  metrics, prev_metrics, year_metrics; /* all incidents
                                                          started in it */
    aft_portfolio_incident *top;    /* largest by client-seconds */
    size_t       n_top;
    size_t       windows, windows_announced;   /* (client, window) pairs */
    int64_t      overrun_s;                    /* over distinct windows */
} aft_portfolio;

/** Instants a dataset must cover for the portfolio report of p. */
void aft_portfolio_range(const aft_period *p, int64_t *lo, int64_t *hi);
int aft_portfolio_build(aft_portfolio **out, aft_engine *e,
                        const aft_period *p, int64_t as_of, aft_error *err);
void aft_portfolio_free(aft_portfolio *r);
int aft_portfolio_write_pdf(const aft_portfolio *r, const aft_template *t,
                            const char *path, aft_error *err);
int aft_portfolio_write_xlsx(const aft_portfolio *r, const aft_template *t,
                             const char *path, aft_error *err);

/* ---- branding ---- */

/**
 * Load a template directory (template.json, optional logo PNG).
 * @param[out] out  free it with aft_template_free()
 */
int aft_template_load(aft_template **out, const char *dir, aft_error *err);
void aft_template_free(aft_template *t);
/** A setting ("company", "footer", "logo" path, "color.primary" ...) or
 *  the wording of a section ("text.summary_met"); NULL when unset. */
const char *aft_template_get(const aft_template *t, const char *key);
/** Colour as 0xRRGGBB, or deflt. */
unsigned aft_template_color(const aft_template *t, const char *name,
                            unsigned deflt);
/**
 * Expand the wording `key` with {name} placeholders from the NULL-ended
 * list of name, value pairs. The caller frees the result with free().
 */
char *aft_template_text(const aft_template *t, const char *key,
                        const char *const *vars);

/** A section's wording for this report, placeholders filled ({client},
 *  {period}, {availability}, {target}, {credit}, {incidents}, {mttr},
 *  {prev_period}, {prev_availability}, {prev_incidents}, {timezone},
 *  {hours}, {partial_weight}, {degraded_weight}, {notice_days}, {as_of},
 *  {interval}, {first_update}, {breaches}). Free the result with free(). */
char *aft_monthly_text(const aft_monthly *r, const aft_template *t,
                       const char *name);

/* ---- writers ---- */

/** Write the report as PDF / XLSX at path (through path.tmp, renamed on
 *  success). @return AFT_OK, AFT_EIO, AFT_ENOMEM or AFT_ERROR. */
int aft_monthly_write_pdf(const aft_monthly *r, const aft_template *t,
                          const char *path, aft_error *err);
int aft_monthly_write_xlsx(const aft_monthly *r, const aft_template *t,
                           const char *path, aft_error *err);
int aft_rca_write_pdf(const aft_rca *r, const aft_template *t,
                      const char *path, aft_error *err);
int aft_rca_write_xlsx(const aft_rca *r, const aft_template *t,
                       const char *path, aft_error *err);
int aft_mreport_write_pdf(const aft_mreport *r, const aft_template *t,
                          const char *path, aft_error *err);
int aft_mreport_write_xlsx(const aft_mreport *r, const aft_template *t,
                           const char *path, aft_error *err);

#ifdef __cplusplus
}
#endif
#endif
