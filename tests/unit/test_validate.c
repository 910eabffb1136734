/*
 * test_validate.c - one JSON record checked field by field: where a
 * problem is said to be, every problem of a record listed in one pass,
 * and the references a good record makes.
 */
#include "cmocka_all.h"

#include "ingest/validate.h"

/* Every reported line, newline-separated. */
typedef struct lines {
    char text[2048];
} lines;

static void
collect(const char *message, void *payload)
{
    lines *l = payload;
    size_t n = strlen(l->text);

    snprintf(l->text + n, sizeof l->text - n, "%s\n", message);
}

/* A record loc of file, problems collected into l. */
static aft_problems
problems_at(const char *file, const char *loc, int loc_is_line, lines *l)
{
    aft_problems pb = {file, "", loc_is_line, 0, collect, l, ""};

    snprintf(pb.loc, sizeof pb.loc, "%s", loc);
    l->text[0] = '\0';
    return pb;
}

/* obj (JSON text) checked as a record of kind; returns the count. */
static int
validate(aft_record *out, aft_kind kind, const char *obj, aft_arena *a,
         aft_problems *pb)
{
    json_t *o = json_loads(obj, 0, NULL);
    int n;

    assert_non_null(o);
    n = aft_validate_record(out, kind, o, a, NULL, pb);
    json_decref(o);
    return n;
}

static void
test_problem_where_names_file_record_and_field(void **state)
{
    static const struct {
        const char *loc;
        int is_line;
        const char *field;
        const char *want;
    } rows[] = {
        {"incidents[4]", 0, "title", "f: incidents[4].title"},
        {"incidents[4]", 0, NULL, "f: incidents[4]"},
        {"", 0, "title", "f: title"}, /* no dot without a record */
        {"12", 1, "id", "f:12: id"},
        {"12", 1, NULL, "f:12"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        lines l;
        aft_problems pb = problems_at("f", rows[i].loc, rows[i].is_line, &l);
        char buf[128];

        aft_problem_where(buf, sizeof buf, &pb, rows[i].field);
        assert_string_equal(buf, rows[i].want);
    }
}

static void
test_problem_line_has_prefix_and_counts(void **state)
{
    lines l;
    aft_problems pb = problems_at("s.ndjson", "3", 1, &l);

    (void)state;
    pb.prefix = "skipped: ";
    aft_problem(&pb, "id", "missing %s field", "required");
    aft_problem(&pb, NULL, "bad line");
    assert_int_equal(pb.count, 2);
    assert_string_equal(l.text, "skipped: s.ndjson:3: id: missing required "
                                "field\nskipped: s.ndjson:3: bad line\n");
}

/* The references of one record: "kind id field" lines. */
static int
ref_line(aft_kind kind, const char *id, const char *field, void *payload)
{
    lines *l = payload;
    size_t n = strlen(l->text);

    snprintf(l->text + n, sizeof l->text - n, "%s %s %s\n",
             kind == AFT_KIND_SERVICE ? "service" : "client", id, field);
    return 0;
}

static void
test_good_incident_is_filled_with_its_references(void **state)
{
    aft_arena a = AFT_ARENA_INIT;
    aft_record r;
    lines l, refs = {""};
    aft_problems pb = problems_at("x.json", "incidents[0]", 0, &l);

    (void)state;
    assert_int_equal(
        validate(
            &r, AFT_KIND_INCIDENT,
            "{\"id\": \"i1\", \"title\": \"Down\", \"severity\": \"P1\","
            " \"started_at\": \"2026-03-10T10:00:00Z\","
            " \"resolved_at\": \"2026-03-10T11:00:00Z\","
            " \"impacts\": [{\"service\": \"api\", \"level\": "
            "\"partial_outage\"},"
            " {\"service\": \"gw\", \"level\": \"major_outage\","
            " \"start\": \"2026-03-10T10:30:00Z\"}], \"clients\": [\"acme\"]}",
            &a, &pb),
        0);
    assert_string_equal(l.text, "");
    assert_string_equal(aft_record_id(&r, AFT_KIND_INCIDENT), "i1");
    assert_string_equal(r.incident.title, "Down");
    assert_int_equal(r.incident.severity, AFT_SEV1); /* P1 */
    /* resolved - started = 1 h */
    assert_int_equal(r.incident.resolved_at - r.incident.started_at, 3600);
    assert_int_equal(r.incident.n_impacts, 2);
    assert_int_equal(r.incident.impacts[0].level, AFT_LEVEL_PARTIAL);
    assert_int_equal(r.incident.impacts[0].start, AFT_TIME_NONE);
    /* 10:30 is 30 min after the start */
    assert_int_equal(r.incident.impacts[1].start - r.incident.started_at, 1800);
    assert_int_equal(aft_record_refs(&r, AFT_KIND_INCIDENT, ref_line, &refs),
                     0);
    assert_string_equal(refs.text, "service api impacts[0].service\n"
                                   "service gw impacts[1].service\n"
                                   "client acme clients[0]\n");
    aft_arena_free(&a);
}

static void
test_every_problem_of_a_record_is_listed(void **state)
{
    aft_arena a = AFT_ARENA_INIT;
    aft_record r;
    lines l;
    aft_problems pb = problems_at("x.json", "incidents[2]", 0, &l);

    (void)state;
    /* The impact without times spans the incident, 10:00 to 09:00: it
     * too ends before it starts. */
    assert_int_equal(
        validate(
            &r, AFT_KIND_INCIDENT,
            "{\"id\": \"i3\", \"title\": \"\", \"severity\": \"sev9\","
            " \"started_at\": \"2026-03-10T10:00:00Z\","
            " \"resolved_at\": \"2026-03-10T09:00:00Z\","
            " \"impacts\": [{\"service\": \"api\", \"level\": \"meh\"}, 7]}",
            &a, &pb),
        6);
    assert_string_equal(
        l.text,
        "x.json: incidents[2].title: must not be empty\n"
        "x.json: incidents[2].severity: unknown severity 'sev9' (want "
        "sev1..sev4, critical, major, minor, low, P1..P4)\n"
        "x.json: incidents[2].resolved_at: resolved before it started\n"
        "x.json: incidents[2].impacts[0].level: unknown impact level 'meh' "
        "(want major_outage, partial_outage or degraded_performance)\n"
        "x.json: incidents[2].impacts[0].start: impact ends before it "
        "starts\n"
        "x.json: incidents[2].impacts[1]: must be an object {service, "
        "level, start, end}\n");
    /* A bad impact is not kept. */
    assert_int_equal(r.incident.n_impacts, 0);
    aft_arena_free(&a);
}

static void
test_kinds_check_their_own_fields(void **state)
{
    static const struct {
        aft_kind kind;
        const char *obj;
        int count;
        const char *report;
    } rows[] = {
        {AFT_KIND_SERVICE, "{\"id\": \"api\", \"name\": \"API\"}", 0, ""},
        {AFT_KIND_SERVICE, "{\"name\": 5}", 2,
         "n:1: id: missing required field\n"
         "n:1: name: must be a string\n"},
        {AFT_KIND_SERVICE, "[1]", 1, "n:1: a record must be a JSON object\n"},
        {AFT_KIND_CLIENT,
         "{\"id\": \"c\", \"name\": \"C\","
         " \"services\": [\"api\", {\"id\": \"api\"}, 3]}",
         2,
         "n:1: services[1]: service 'api' is listed twice\n"
         "n:1: services[2]: must be a service id or an object "
         "{id, sla_target, from, until}\n"},
        {AFT_KIND_CLIENT,
         "{\"id\": \"c\", \"name\": \"C\", \"contacts\": ["
         " \"ops@example.com\", {\"email\": \"OPS@example.com\"},"
         " {\"email\": \"a b@example.com\", \"role\": \"bc\"},"
         " {\"email\": \"x@example.com\\r\\nBcc: y@example.com\"},"
         " {\"name\": \"N\"}, 7]}",
         6,
         "n:1: contacts[1]: address 'OPS@example.com' is listed twice\n"
         "n:1: contacts[2].email: 'a b@example.com' is not a mail address"
         " (want local@domain)\n"
         "n:1: contacts[2].role: unknown role 'bc' (want to, cc or bcc)\n"
         "n:1: contacts[3].email: 'x@example.com\\x0D\\x0ABcc: y@example.com'"
         " is not a mail address (want local@domain)\n"
         "n:1: contacts[4].email: missing required field\n"
         "n:1: contacts[5]: must be an object {email, name, role}\n"},
        {AFT_KIND_MAINTENANCE,
         "{\"id\": \"m\", \"title\": \"T\","
         " \"services\": [],"
         " \"scheduled_start\": \"2026-03-15T04:00:00Z\","
         " \"scheduled_end\": \"2026-03-15T02:00:00Z\","
         " \"status\": \"done\"}",
         3,
         "n:1: services: must list at least one entry\n"
         "n:1: status: unknown maintenance status 'done' (want scheduled,"
         " in_progress, completed or cancelled)\n"
         "n:1: scheduled_end: scheduled to end before it starts\n"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        aft_arena a = AFT_ARENA_INIT;
        aft_record r;
        lines l;
        aft_problems pb = problems_at("n", "1", 1, &l);

        assert_int_equal(validate(&r, rows[i].kind, rows[i].obj, &a, &pb),
                         rows[i].count);
        assert_string_equal(l.text, rows[i].report);
        aft_arena_free(&a);
    }
}

/* Client subscriptions and maintenance lists are references too; the
 * first failure of the callback stops the walk. */
static int
refuse_second(aft_kind kind, const char *id, const char *field, void *payload)
{
    int *calls = payload;

    (void)kind, (void)id, (void)field;
    return ++*calls == 2 ? -7 : 0;
}

static void
test_references_of_clients_and_maintenances(void **state)
{
    aft_arena a = AFT_ARENA_INIT;
    aft_record r;
    lines l, refs = {""};
    aft_problems pb = problems_at("n", "1", 1, &l);
    int calls = 0;

    (void)state;
    assert_int_equal(
        validate(&r, AFT_KIND_CLIENT,
                 "{\"id\": \"c\", \"name\": \"C\", \"services\": [\"api\","
                 " {\"id\": \"gw\", \"sla_target\": 99.5}]}",
                 &a, &pb),
        0);
    assert_string_equal(aft_record_id(&r, AFT_KIND_CLIENT), "c");
    assert_int_equal(aft_record_refs(&r, AFT_KIND_CLIENT, ref_line, &refs), 0);
    assert_string_equal(refs.text, "service api services[0]\n"
                                   "service gw services[1]\n");
    assert_int_equal(
        validate(
            &r, AFT_KIND_MAINTENANCE,
            "{\"id\": \"m\", \"title\": \"T\", \"services\": [\"api\", \"gw\"],"
            " \"clients\": [\"c\"],"
            " \"scheduled_start\": \"2026-03-15T02:00:00Z\","
            " \"scheduled_end\": \"2026-03-15T04:00:00Z\"}",
            &a, &pb),
        0);
    refs.text[0] = '\0';
    assert_int_equal(aft_record_refs(&r, AFT_KIND_MAINTENANCE, ref_line, &refs),
                     0);
    assert_string_equal(refs.text,
                        "service api services[0]\n"
                        "service gw services[1]\nclient c clients[0]\n");
    assert_int_equal(aft_record_refs(&r, AFT_KIND_MAINTENANCE, refuse_second,
                                     &calls),
                     -7);
    assert_int_equal(calls, 2);
    aft_arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_problem_where_names_file_record_and_field),
        cmocka_unit_test(test_problem_line_has_prefix_and_counts),
        cmocka_unit_test(test_good_incident_is_filled_with_its_references),
        cmocka_unit_test(test_every_problem_of_a_record_is_listed),
        cmocka_unit_test(test_kinds_check_their_own_fields),
        cmocka_unit_test(test_references_of_clients_and_maintenances),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
