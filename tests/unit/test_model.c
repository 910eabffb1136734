/*
 * test_model.c - the record vocabularies: canonical words, aliases, letter
 * case, unknown words, out-of-range values; kinds; client defaults.
 */
#include "cmocka_all.h"
#include "aftercast/model.h"

#define N(a) (sizeof(a) / sizeof(a)[0])

static void
test_level_parse_and_str(void **state)
{
    static const struct {
        const char *s;
        int allow_none;
        int want; /* -1: rejected */
    } cases[] = {
        {"major_outage", 0, AFT_LEVEL_MAJOR},
        {"MAJOR", 0, AFT_LEVEL_MAJOR},
        {"partial_outage", 0, AFT_LEVEL_PARTIAL},
        {"Partial", 0, AFT_LEVEL_PARTIAL},
        {"degraded_performance", 0, AFT_LEVEL_DEGRADED},
        {"degraded", 0, AFT_LEVEL_DEGRADED},
        {"none", 1, AFT_LEVEL_NONE},
        {"NONE", 1, AFT_LEVEL_NONE},
        {"none", 0, -1}, /* only where "none" is allowed */
        {"outage", 1, -1},
        {"major outage", 1, -1},
        {"", 1, -1},
        {NULL, 1, -1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < N(cases); i++) {
        aft_level got = (aft_level)99;
        int rc = aft_level_parse(&got, cases[i].s, cases[i].allow_none);
        assert_int_equal(rc, cases[i].want < 0 ? AFT_EINVALID : AFT_OK);
        /* A rejected word leaves *out alone. */
        assert_int_equal(got, cases[i].want < 0 ? 99 : cases[i].want);
    }
    assert_string_equal(aft_level_str(AFT_LEVEL_NONE), "none");
    assert_string_equal(aft_level_str(AFT_LEVEL_DEGRADED),
                        "degraded_performance");
    assert_string_equal(aft_level_str(AFT_LEVEL_PARTIAL), "partial_outage");
    assert_string_equal(aft_level_str(AFT_LEVEL_MAJOR), "major_outage");
    assert_string_equal(aft_level_str((aft_level)7), "none");
    /* Larger is worse. */
    assert_true(AFT_LEVEL_MAJOR > AFT_LEVEL_PARTIAL
                && AFT_LEVEL_PARTIAL > AFT_LEVEL_DEGRADED
                && AFT_LEVEL_DEGRADED > AFT_LEVEL_NONE);
}

static void
test_severity_parse_and_str(void **state)
{
    static const struct {
        const char *s;
        int want;
    } cases[] = {
        {"sev1", AFT_SEV1}, {"critical", AFT_SEV1}, {"P1", AFT_SEV1},
        {"SEV1", AFT_SEV1}, {"sev2", AFT_SEV2},     {"Major", AFT_SEV2},
        {"p2", AFT_SEV2},   {"sev3", AFT_SEV3},     {"minor", AFT_SEV3},
        {"p3", AFT_SEV3},   {"sev4", AFT_SEV4},     {"low", AFT_SEV4},
        {"none", AFT_SEV4}, {"p4", AFT_SEV4},       {"sev5", -1},
        {"p0", -1},         {"high", -1},           {"", -1},
        {NULL, -1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < N(cases); i++) {
        aft_severity got = (aft_severity)99;
        assert_int_equal(aft_severity_parse(&got, cases[i].s),
                         cases[i].want < 0 ? AFT_EINVALID : AFT_OK);
        assert_int_equal(got, cases[i].want < 0 ? 99 : cases[i].want);
    }
    assert_string_equal(aft_severity_str(AFT_SEV1), "sev1");
    assert_string_equal(aft_severity_str(AFT_SEV2), "sev2");
    assert_string_equal(aft_severity_str(AFT_SEV3), "sev3");
    assert_string_equal(aft_severity_str(AFT_SEV4), "sev4");
    /* Out of range reads as the middle severity. */
    assert_string_equal(aft_severity_str(AFT_SEVERITY_COUNT), "sev3");
}

static void
test_mstatus_parse_and_str(void **state)
{
    static const struct {
        const char *s;
        int want;
    } cases[] = {
        {"scheduled", AFT_MAINT_SCHEDULED},
        {"IN_PROGRESS", AFT_MAINT_IN_PROGRESS},
        {"Completed", AFT_MAINT_COMPLETED},
        {"cancelled", AFT_MAINT_CANCELLED},
        {"canceled", -1}, /* one spelling only */
        {"in progress", -1},
        {"done", -1},
        {NULL, -1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < N(cases); i++) {
        aft_mstatus got = (aft_mstatus)99;
        assert_int_equal(aft_mstatus_parse(&got, cases[i].s),
                         cases[i].want < 0 ? AFT_EINVALID : AFT_OK);
        assert_int_equal(got, cases[i].want < 0 ? 99 : cases[i].want);
    }
    assert_string_equal(aft_mstatus_str(AFT_MAINT_SCHEDULED), "scheduled");
    assert_string_equal(aft_mstatus_str(AFT_MAINT_IN_PROGRESS), "in_progress");
    assert_string_equal(aft_mstatus_str(AFT_MAINT_COMPLETED), "completed");
    assert_string_equal(aft_mstatus_str(AFT_MAINT_CANCELLED), "cancelled");
    assert_string_equal(aft_mstatus_str((aft_mstatus)4), "completed");
}

static void
test_update_status_canon(void **state)
{
    static const char *const words[] = {
        "investigating", "identified",  "monitoring", "resolved",
        "scheduled",     "in_progress", "verifying",  "completed",
    };
    size_t i;

    (void)state;
    for (i = 0; i < N(words); i++)
        assert_string_equal(aft_update_status_canon(words[i]), words[i]);
    /* Any case in, the canonical lower-case word out. */
    assert_string_equal(aft_update_status_canon("Investigating"),
                        "investigating");
    assert_string_equal(aft_update_status_canon("RESOLVED"), "resolved");
    assert_null(aft_update_status_canon("postmortem"));
    assert_null(aft_update_status_canon(""));
    assert_null(aft_update_status_canon(NULL));
}

static void
test_role_parse_and_str(void **state)
{
    aft_role r = (aft_role)9;

    (void)state;
    assert_int_equal(aft_role_parse(&r, "BCC"), AFT_OK);
    assert_int_equal(r, AFT_ROLE_BCC);
    assert_int_equal(aft_role_parse(&r, "cc"), AFT_OK);
    assert_int_equal(r, AFT_ROLE_CC);
    assert_int_equal(aft_role_parse(&r, "from"), AFT_EINVALID);
    assert_int_equal(aft_role_parse(&r, NULL), AFT_EINVALID);
    assert_int_equal(r, AFT_ROLE_CC);
    assert_string_equal(aft_role_str(AFT_ROLE_TO), "to");
    assert_string_equal(aft_role_str(AFT_ROLE_BCC), "bcc");
    assert_string_equal(aft_role_str((aft_role)7), "to");
}

static void
test_addr_spec(void **state)
{
    static const struct {
        const char *s;
        int ok;
    } cases[] = {
        {"ops@example.com", 1},
        {"first.last+tag@mail.example.co.uk", 1},
        {"a_b-c!#$%&'*/=?^`{|}~@x-y.example", 1},
        {"ops@example", 0}, /* a domain has a dot */
        {"@example.com", 0},
        {"ops@", 0},
        {"ops@@example.com", 0},
        {"a@b@example.com", 0},
        {"a b@example.com", 0},
        {"<ops@example.com>", 0},
        {"ops@example.com\r\nBcc: x@example.com", 0},
        {"ops@example.com\n", 0},
        {".ops@example.com", 0},
        {"ops.@example.com", 0},
        {"o..ps@example.com", 0},
        {"ops@-example.com", 0},
        {"ops@example-.com", 0},
        {"ops@example..com", 0},
        {"\"ops\"@example.com", 0},
        {"op,s@example.com", 0},
        {"\xc3\xa9t\xc3\xa9@example.com", 0}, /* no SMTPUTF8 */
        {"", 0},
        {NULL, 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < N(cases); i++)
        assert_int_equal(!!aft_addr_spec_valid(cases[i].s), cases[i].ok);
}

static void
test_kind_parse_and_str(void **state)
{
    static const struct {
        const char *s;
        int want;
    } cases[] = {
        {"service", AFT_KIND_SERVICE},
        {"services", AFT_KIND_SERVICE},
        {"clients", AFT_KIND_CLIENT},
        {"Client", AFT_KIND_CLIENT},
        {"Incidents", AFT_KIND_INCIDENT},
        {"INCIDENTS", AFT_KIND_INCIDENT},
        {"MAINTENANCE", AFT_KIND_MAINTENANCE},
        {"maintenances", AFT_KIND_MAINTENANCE},
        {"incidentss", -1},
        {"servicex", -1},
        {"inc", -1},
        {"all", -1},
        {"", -1},
        {NULL, -1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < N(cases); i++) {
        aft_kind got = (aft_kind)99;
        assert_int_equal(aft_kind_parse(&got, cases[i].s),
                         cases[i].want < 0 ? AFT_EINVALID : AFT_OK);
        assert_int_equal(got, cases[i].want < 0 ? 99 : cases[i].want);
    }
    assert_string_equal(aft_kind_str(AFT_KIND_SERVICE), "service");
    assert_string_equal(aft_kind_str(AFT_KIND_CLIENT), "client");
    assert_string_equal(aft_kind_str(AFT_KIND_INCIDENT), "incident");
    assert_string_equal(aft_kind_str(AFT_KIND_MAINTENANCE), "maintenance");
    assert_string_equal(aft_kind_str(AFT_KIND_COUNT), "record");
}

static void
test_client_defaults(void **state)
{
    aft_client c;

    (void)state;
    memset(&c, 0xff, sizeof c);
    aft_client_defaults(&c);
    assert_null(c.id);
    assert_null(c.name);
    assert_string_equal(c.timezone, "UTC");
    assert_double_near(c.sla_target, 99.9);
    assert_int_equal(c.notice_days, 14);
    assert_double_near(c.partial_weight, 0.3);
    assert_double_near(c.degraded_weight, 0.0);
    assert_int_equal(c.update_interval_minutes, 60);
    assert_int_equal(c.n_credits, 0);
    assert_int_equal(c.n_service_hours, 0);
    assert_int_equal(c.n_holidays, 0);
    assert_int_equal(c.n_subs, 0);
    assert_int_equal(c.n_contacts, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_parse_and_str),
        cmocka_unit_test(test_severity_parse_and_str),
        cmocka_unit_test(test_mstatus_parse_and_str),
        cmocka_unit_test(test_update_status_canon),
        cmocka_unit_test(test_role_parse_and_str),
        cmocka_unit_test(test_addr_spec),
        cmocka_unit_test(test_kind_parse_and_str),
        cmocka_unit_test(test_client_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
