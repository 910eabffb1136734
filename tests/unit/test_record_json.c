/*
 * test_record_json.c - records as native JSON objects: key order, absent
 * fields left out, instants and dates in ISO 8601.
 */
#include "cmocka_all.h"
#include "base/jsonw.h"
#include "model/record_json.h"

/* aft_record_json(kind, rec) written as the export writes it. */
static void
assert_json(aft_kind kind, const void *rec, const char *want)
{
    json_t *o = aft_record_json(kind, rec);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    jsonw w;

    assert_non_null(o);
    assert_non_null(fp);
    jw_init(&w, fp);
    jw_value(&w, o);
    fclose(fp);
    assert_string_equal(buf, want);
    free(buf);
    json_decref(o);
}

static void
test_service_json(void **state)
{
    aft_service s = {"api", "Public API"};

    (void)state;
    assert_json(AFT_KIND_SERVICE, &s,
                "{\"id\": \"api\", \"name\": "
                "\"Public API\"}");
    s.name = NULL; /* absent: left out */
    assert_json(AFT_KIND_SERVICE, &s, "{\"id\": \"api\"}");
}

static void
test_client_json(void **state)
{
    aft_credit_tier credits[] = {{99.9, 10}, {99.0, 25}};
    const char *hours[] = {"mon-fri 08:00-18:00"};
    /* 2026-12-25: 2026-01-01 is day 20454, plus 358 days. */
    int64_t holidays[] = {20454 + 358};
    aft_subscription subs[] = {
        {"api", NAN, AFT_DATE_NONE, AFT_DATE_NONE}, /* plain: a string */
        {"mail", 99.5, 20454, AFT_DATE_NONE},
        {"dns", NAN, AFT_DATE_NONE, 20454 + 31},
    };
    aft_client c;

    (void)state;
    aft_client_defaults(&c);
    c.id = "acme";
    c.name = "Acme AG";
    c.timezone = "Europe/Zurich";
    c.credits = credits;
    c.n_credits = 2;
    c.service_hours = hours;
    c.n_service_hours = 1;
    c.holidays = holidays;
    c.n_holidays = 1;
    c.subs = subs;
    c.n_subs = 3;
    assert_json(AFT_KIND_CLIENT, &c,
                "{\"id\": \"acme\", \"name\": \"Acme AG\", "
                "\"timezone\": \"Europe/Zurich\", \"sla_target\": 99.9, "
                "\"notice_days\": 14, \"partial_weight\": 0.3, "
                "\"degraded_weight\": 0.0, \"credits\": "
                "[{\"below\": 99.9, \"credit\": 10.0}, "
                "{\"below\": 99.0, \"credit\": 25.0}], "
                "\"update_interval_minutes\": 60, "
                "\"service_hours\": [\"mon-fri 08:00-18:00\"], "
                "\"holidays\": [\"2026-12-25\"], \"services\": [\"api\", "
                "{\"id\": \"mail\", \"sla_target\": 99.5, "
                "\"from\": \"2026-01-01\"}, "
                "{\"id\": \"dns\", \"until\": \"2026-02-01\"}]}");
    /* Contacts: role always written, a name only when given. */
    {
        aft_contact k[] = {{"ops@acme.example", "Ops Desk", AFT_ROLE_TO},
                           {"audit@acme.example", NULL, AFT_ROLE_BCC}};
        aft_client m;
        aft_client_defaults(&m);
        m.id = "m";
        m.contacts = k;
        m.n_contacts = 2;
        assert_json(AFT_KIND_CLIENT, &m,
                    "{\"id\": \"m\", \"timezone\": \"UTC\", "
                    "\"sla_target\": 99.9, \"notice_days\": 14, "
                    "\"partial_weight\": 0.3, \"degraded_weight\": 0.0, "
                    "\"credits\": [], \"update_interval_minutes\": 60, "
                    "\"service_hours\": [], \"holidays\": [], "
                    "\"services\": [], \"contacts\": [{\"email\": "
                    "\"ops@acme.example\", \"name\": \"Ops Desk\", "
                    "\"role\": \"to\"}, {\"email\": \"audit@acme.example\", "
                    "\"role\": \"bcc\"}]}");
    }
    /* Empty lists stay as [] rather than being left out (but for
     * contacts, which exports before them never had). */
    aft_client_defaults(&c);
    c.id = "min";
    assert_json(AFT_KIND_CLIENT, &c,
                "{\"id\": \"min\", \"timezone\": \"UTC\", "
                "\"sla_target\": 99.9, \"notice_days\": 14, "
                "\"partial_weight\": 0.3, \"degraded_weight\": 0.0, "
                "\"credits\": [], \"update_interval_minutes\": 60, "
                "\"service_hours\": [], \"holidays\": [], \"services\": []}");
}

static void
test_incident_json(void **state)
{
    int64_t t0 = UTC(2026, 2, 3, 10, 0);
    aft_impact impacts[] = {
        {"api", AFT_LEVEL_MAJOR, AFT_TIME_NONE, AFT_TIME_NONE},
        {"mail", AFT_LEVEL_DEGRADED, t0 + 900, t0 + 2700},
    };
    const char *clients[] = {"acme", "tokyo"};
    aft_action actions[] = {
        {"Pin versions", NULL, 20454 + 59, "open"}, /* 2026-03-01 */
        {"Alert on drift", "ops", AFT_DATE_NONE, NULL},
    };
    aft_update updates[] = {{t0 + 300, "investigating", "Looking."}};
    aft_incident r;

    (void)state;
    memset(&r, 0, sizeof r);
    r.id = "INC-1";
    r.title = "API down";
    r.severity = AFT_SEV2;
    r.started_at = t0;
    r.detected_at = t0 + 300;
    r.acknowledged_at = AFT_TIME_NONE;
    r.resolved_at = t0 + 3600;
    r.impacts = impacts;
    r.n_impacts = 2;
    r.root_cause = "config";
    r.actions = actions;
    r.n_actions = 2;
    r.updates = updates;
    r.n_updates = 1;
    assert_json(AFT_KIND_INCIDENT, &r,
                "{\"id\": \"INC-1\", \"title\": \"API down\", "
                "\"severity\": \"sev2\", "
                "\"started_at\": \"2026-02-03T10:00:00Z\", "
                "\"detected_at\": \"2026-02-03T10:05:00Z\", "
                "\"resolved_at\": \"2026-02-03T11:00:00Z\", "
                "\"impacts\": [{\"service\": \"api\", "
                "\"level\": \"major_outage\"}, {\"service\": \"mail\", "
                "\"level\": \"degraded_performance\", "
                "\"start\": \"2026-02-03T10:15:00Z\", "
                "\"end\": \"2026-02-03T10:45:00Z\"}], "
                "\"root_cause\": \"config\", \"preventive_actions\": "
                "[{\"action\": \"Pin versions\", \"due\": \"2026-03-01\", "
                "\"status\": \"open\"}, {\"action\": \"Alert on drift\", "
                "\"owner\": \"ops\"}], \"updates\": "
                "[{\"at\": \"2026-02-03T10:05:00Z\", "
                "\"status\": \"investigating\", \"body\": \"Looking.\"}]}");
    /* Ongoing, restricted to clients (listed after the impacts). */
    r.resolved_at = AFT_TIME_NONE;
    r.detected_at = AFT_TIME_NONE;
    r.n_impacts = 0;
    r.clients = clients;
    r.n_clients = 2;
    r.root_cause = NULL;
    r.n_actions = 0;
    r.n_updates = 0;
    assert_json(AFT_KIND_INCIDENT, &r,
                "{\"id\": \"INC-1\", \"title\": \"API down\", "
                "\"severity\": \"sev2\", "
                "\"started_at\": \"2026-02-03T10:00:00Z\", "
                "\"impacts\": [], \"clients\": [\"acme\", \"tokyo\"], "
                "\"preventive_actions\": [], \"updates\": []}");
}

static void
test_maintenance_json(void **state)
{
    int64_t t0 = UTC(2026, 2, 10, 22, 0);
    const char *services[] = {"mail"};
    const char *clients[] = {"acme"};
    aft_maintenance m;

    (void)state;
    memset(&m, 0, sizeof m);
    m.id = "MNT-1";
    m.title = "Mail relay";
    m.services = services;
    m.n_services = 1;
    m.clients = clients;
    m.n_clients = 1;
    m.scheduled_start = t0;
    m.scheduled_end = t0 + 3600;
    m.actual_start = t0 + 300;
    m.actual_end = AFT_TIME_NONE;
    m.notified_at = AFT_TIME_NONE;
    m.impact = AFT_LEVEL_NONE; /* written as "none", never left out */
    m.status = AFT_MAINT_COMPLETED;
    m.summary = "Relay restart";
    assert_json(AFT_KIND_MAINTENANCE, &m,
                "{\"id\": \"MNT-1\", \"title\": \"Mail relay\", "
                "\"services\": [\"mail\"], \"clients\": [\"acme\"], "
                "\"scheduled_start\": \"2026-02-10T22:00:00Z\", "
                "\"scheduled_end\": \"2026-02-10T23:00:00Z\", "
                "\"actual_start\": \"2026-02-10T22:05:00Z\", "
                "\"impact\": \"none\", \"status\": \"completed\", "
                "\"summary\": \"Relay restart\"}");
    /* Every instant present; no clients: the key is left out. */
    m.n_clients = 0;
    m.actual_end = t0 + 4500;
    m.notified_at = t0 - 9 * AFT_DAY_SECONDS; /* 9 days ahead */
    m.impact = AFT_LEVEL_PARTIAL;
    m.status = AFT_MAINT_SCHEDULED;
    m.summary = NULL;
    m.issues = "None.";
    assert_json(AFT_KIND_MAINTENANCE, &m,
                "{\"id\": \"MNT-1\", \"title\": \"Mail relay\", "
                "\"services\": [\"mail\"], "
                "\"scheduled_start\": \"2026-02-10T22:00:00Z\", "
                "\"scheduled_end\": \"2026-02-10T23:00:00Z\", "
                "\"actual_start\": \"2026-02-10T22:05:00Z\", "
                "\"actual_end\": \"2026-02-10T23:15:00Z\", "
                "\"notified_at\": \"2026-02-01T22:00:00Z\", "
                "\"impact\": \"partial_outage\", \"status\": \"scheduled\", "
                "\"issues\": \"None.\"}");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_service_json),
        cmocka_unit_test(test_client_json),
        cmocka_unit_test(test_incident_json),
        cmocka_unit_test(test_maintenance_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
