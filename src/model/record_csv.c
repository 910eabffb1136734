/*
 * record_csv.c - column tables of the native CSV layout.
 */
#include <string.h>

#include "model/record_csv.h"

static const char *const CREDIT_PARTS[] = {"below", "credit", NULL};
static const char *const SUB_PARTS[] = {"id", "sla_target", "from", "until",
                                        NULL};
static const char *const SUB_NUM[] = {"sla_target", NULL};
static const char *const CONTACT_PARTS[] = {"email", "name", "role", NULL};
static const char *const IMPACT_PARTS[] = {"service", "level", "start", "end",
                                           NULL};
static const char *const ACTION_PARTS[] = {"action", "owner", "due", "status",
                                           NULL};
static const char *const UPDATE_PARTS[] = {"at", "status", "body", NULL};

static const csv_col SERVICE[] = {
    {"id", CSV_TEXT, NULL, NULL},
    {"name", CSV_TEXT, NULL, NULL},
};
static const csv_col CLIENT[] = {
    {"id", CSV_TEXT, NULL, NULL},
    {"name", CSV_TEXT, NULL, NULL},
    {"timezone", CSV_TEXT, NULL, NULL},
    {"sla_target", CSV_NUM, NULL, NULL},
    {"notice_days", CSV_NUM, NULL, NULL},
    {"partial_weight", CSV_NUM, NULL, NULL},
    {"degraded_weight", CSV_NUM, NULL, NULL},
    {"credits", CSV_STRUCT, CREDIT_PARTS, CREDIT_PARTS},
    {"update_interval_minutes", CSV_NUM, NULL, NULL},
    {"service_hours", CSV_LIST, NULL, NULL},
    {"holidays", CSV_LIST, NULL, NULL},
    {"services", CSV_STRUCT, SUB_PARTS, SUB_NUM},
    {"contacts", CSV_STRUCT, CONTACT_PARTS, NULL},
};
static const csv_col INCIDENT[] = {
    {"id", CSV_TEXT, NULL, NULL},
    {"title", CSV_TEXT, NULL, NULL},
    {"severity", CSV_TEXT, NULL, NULL},
    {"started_at", CSV_TEXT, NULL, NULL},
    {"detected_at", CSV_TEXT, NULL, NULL},
    {"acknowledged_at", CSV_TEXT, NULL, NULL},
    {"resolved_at", CSV_TEXT, NULL, NULL},
    {"impacts", CSV_STRUCT, IMPACT_PARTS, NULL},
    {"clients", CSV_LIST, NULL, NULL},
    {"root_cause", CSV_TEXT, NULL, NULL},
    {"resolution", CSV_TEXT, NULL, NULL},
    {"preventive_actions", CSV_STRUCT, ACTION_PARTS, NULL},
    {"updates", CSV_STRUCT, UPDATE_PARTS, NULL},
};
static const csv_col MAINTENANCE[] = {
    {"id", CSV_TEXT, NULL, NULL},
    {"title", CSV_TEXT, NULL, NULL},
    {"services", CSV_LIST, NULL, NULL},
    {"clients", CSV_LIST, NULL, NULL},
    {"scheduled_start", CSV_TEXT, NULL, NULL},
    {"scheduled_end", CSV_TEXT, NULL, NULL},
    {"actual_start", CSV_TEXT, NULL, NULL},
    {"actual_end", CSV_TEXT, NULL, NULL},
    {"notified_at", CSV_TEXT, NULL, NULL},
    {"impact", CSV_TEXT, NULL, NULL},
    {"status", CSV_TEXT, NULL, NULL},
    {"summary", CSV_TEXT, NULL, NULL},
    {"issues", CSV_TEXT, NULL, NULL},
};

#define N(a) (sizeof(a) / sizeof(a)[0])

const csv_col *
aft_csv_columns(aft_kind k, size_t *n)
{
    switch (k) {
    case AFT_KIND_SERVICE:
        *n = N(SERVICE);
        return SERVICE;
    case AFT_KIND_CLIENT:
        *n = N(CLIENT);
        return CLIENT;
    case AFT_KIND_INCIDENT:
        *n = N(INCIDENT);
        return INCIDENT;
    default:
        *n = N(MAINTENANCE);
        return MAINTENANCE;
    }
}

const csv_col *
aft_csv_column(aft_kind k, const char *name)
{
    size_t n, i;
    const csv_col *c = aft_csv_columns(k, &n);

    for (i = 0; i < n; i++)
        if (strcmp(c[i].name, name) == 0)
            return &c[i];
    return NULL;
}

int
aft_csv_needs_guard(const char *s)
{
    return s != NULL && s[0] != '\0' && strchr("=+-@\t\r'", s[0]) != NULL;
}
