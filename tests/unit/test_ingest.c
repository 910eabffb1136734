/*
 * test_ingest.c - every bad-input class (README "Bad input") names the file
 * and the record and leaves the database as it was; good imports upsert.
 */
#include "cmocka_all.h"
#include "testutil.h"

#define BASE \
    "{\"services\": [{\"id\": \"api\", \"name\": \"API\"}],\n" \
    " \"clients\": [{\"id\": \"acme\", \"name\": \"Acme\", " \
    "\"services\": [\"api\"]}]}\n"

static int
setup(void **state)
{
    fixture *f = fixture_new();
    aft_error err;

    assert_int_equal(fixture_import1(f, fixture_file(f, "base.json", BASE),
                                     &err),
                     AFT_OK);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

/* Import text as one file; expect EINVALID, a report containing each of
 * the NULL-ended substrings, and no change to the database. */
static void
expect_bad(fixture *f, const char *name, const char *text,
           const char *const *want)
{
    char *before = fixture_dump(f), *after;
    aft_error err;
    int rc = fixture_import1(f, fixture_file(f, name, text), &err);

    assert_int_equal(rc, AFT_EINVALID);
    for (; *want != NULL; want++)
        if (strstr(f->reports, *want) == NULL
            && strstr(err.message, *want) == NULL)
            fail_msg("no '%s' in reports:\n%s\nerror: %s", *want, f->reports,
                     err.message);
    after = fixture_dump(f);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

#define INC(fields) "{\"incidents\": [{\"id\": \"i1\", " fields "}]}"
#define OK_INC \
    "\"title\": \"Down\", \"started_at\": \"2026-02-03T10:00:00Z\"," \
    " \"resolved_at\": \"2026-02-03T11:00:00Z\""

static void
test_ingest_malformed_json(void **state)
{
    const char *const want[] = {"bad.json:2", "invalid JSON", NULL};

    expect_bad(*state, "bad.json", "{\"incidents\": [\n  {\"id\": }]}", want);
}

static void
test_ingest_missing_required_field(void **state)
{
    const char *const want[] = {
        "bad.json: incidents[0].title: missing required field",
        "incidents[0].impacts: missing required field", NULL};

    expect_bad(*state, "bad.json",
               INC("\"started_at\": \"2026-02-03T10:00:00Z\""), want);
}

static void
test_ingest_unknown_vocabulary(void **state)
{
    const char *const want[] = {
        "incidents[0].impacts[0].level: unknown impact level 'catastrophic'",
        "incidents[0].severity: unknown severity 'urgent'", NULL};

    expect_bad(*state, "bad.json",
               INC(OK_INC
                   ", \"severity\": \"urgent\", \"impacts\": "
                   "[{\"service\": \"api\", \"level\": \"catastrophic\"}]"),
               want);
}

static void
test_ingest_unknown_timezone(void **state)
{
    const char *const want[] = {
        "bad.json: clients[0].timezone: unknown time zone 'Mars/Base'", NULL};

    expect_bad(*state, "bad.json",
               "{\"clients\": [{\"id\": \"c\", \"name\": \"C\", "
               "\"timezone\": \"Mars/Base\"}]}",
               want);
}

static void
test_ingest_instant_without_offset(void **state)
{
    fixture *f = *state;
    const char *const want[] = {
        "incidents[0].started_at: instant '2026-02-03T10:00:00' has no UTC "
        "offset",
        NULL};
    const char *text = INC("\"title\": \"Down\", \"started_at\": "
                           "\"2026-02-03T10:00:00\", \"impacts\": "
                           "[{\"service\": \"api\", \"level\": \"major\"}]");
    const char *path;
    aft_error err;

    expect_bad(f, "bad.json", text, want);
    /* --tz says how to read it. */
    path = fixture_file(f, "tz.json", text);
    assert_int_equal(fixture_import(f, &path, 1, 0, "Europe/Berlin", NULL,
                                    &err),
                     AFT_OK);
    {
        char *dump = fixture_dump(f);
        assert_non_null(strstr(dump, "2026-02-03T09:00:00Z"));
        free(dump);
    }
}

static void
test_ingest_end_before_start(void **state)
{
    const char *const want[] = {
        "incidents[0].resolved_at: resolved before it started",
        "incidents[0].impacts[0].end: impact ends before it starts", NULL};

    expect_bad(*state, "bad.json",
               INC("\"title\": \"Down\", \"started_at\": "
                   "\"2026-02-03T10:00:00Z\", \"resolved_at\": "
                   "\"2026-02-03T09:00:00Z\", \"impacts\": [{\"service\": "
                   "\"api\", \"level\": \"major\", \"start\": "
                   "\"2026-02-03T10:00:00Z\", \"end\": "
                   "\"2026-02-03T09:30:00Z\"}]"),
               want);
}

static void
test_ingest_unknown_reference(void **state)
{
    const char *const want[] = {
        "incidents[0].impacts[0].service: unknown service 'db'",
        "incidents[0].clients[0]: unknown client 'nobody'", NULL};

    expect_bad(*state, "bad.json",
               INC(OK_INC ", \"clients\": [\"nobody\"], \"impacts\": "
                          "[{\"service\": \"db\", \"level\": \"major\"}]"),
               want);
}

static void
test_ingest_duplicate_id(void **state)
{
    const char *const want[] = {
        "incidents[1].id: duplicate incident id 'i1' (first at ", NULL};
    char text[1024];

    snprintf(text, sizeof text,
             "{\"incidents\": [{\"id\": \"i1\", %s, "
             "\"impacts\": [{\"service\": \"api\", \"level\": \"major\"}]}, "
             "{\"id\": \"i1\", %s, \"impacts\": [{\"service\": \"api\", "
             "\"level\": \"major\"}]}]}",
             OK_INC, OK_INC);
    expect_bad(*state, "bad.json", text, want);
}

static void
test_ingest_text_not_utf8(void **state)
{
    const char *const json_want[] = {"bad.json", "invalid JSON", NULL};
    const char *const csv_want[] = {"bad.csv:2: name: text is not UTF-8", NULL};

    expect_bad(*state, "bad.json",
               "{\"services\": [{\"id\": \"x\", \"name\": \"Z\xfcrich\"}]}",
               json_want);
    expect_bad(*state, "bad.csv", "id,name\nx,Z\xfcrich\n", csv_want);
}

static void
test_ingest_target_and_weight_ranges(void **state)
{
    const char *const want[] = {
        "clients[0].sla_target: 0 is outside (0, 100]",
        "clients[1].sla_target: 100.5 is outside (0, 100]",
        "clients[2].partial_weight: 1.5 is outside [0, 1]",
        "clients[2].degraded_weight: -0.1 is outside [0, 1]", NULL};

    expect_bad(*state, "bad.json",
               "{\"clients\": ["
               "{\"id\": \"a\", \"name\": \"A\", \"sla_target\": 0},"
               "{\"id\": \"b\", \"name\": \"B\", \"sla_target\": 100.5},"
               "{\"id\": \"c\", \"name\": \"C\", \"partial_weight\": 1.5,"
               " \"degraded_weight\": -0.1}]}",
               want);
}

static void
test_ingest_lists_every_bad_record(void **state)
{
    fixture *f = *state;
    const char *const want[] = {"bad.ndjson:1: title",
                                "bad.ndjson:3: impacts[0].level",
                                "bad.ndjson:4: invalid JSON", NULL};

    expect_bad(f, "bad.ndjson",
               "{\"kind\": \"incident\", \"id\": \"a\", \"started_at\": "
               "\"2026-02-03T10:00:00Z\", \"impacts\": [{\"service\": "
               "\"api\", \"level\": \"major\"}]}\n"
               "{\"kind\": \"service\", \"id\": \"ok\"}\n"
               "{\"kind\": \"incident\", \"id\": \"b\", \"title\": \"B\", "
               "\"started_at\": \"2026-02-03T10:00:00Z\", \"impacts\": "
               "[{\"service\": \"api\", \"level\": \"bad\"}]}\n"
               "{not json\n",
               want);
    assert_int_equal(f->nreports, 3);
}

static void
test_ingest_skip_invalid_keeps_the_good(void **state)
{
    fixture *f = *state;
    const char *path = fixture_file(
        f, "mixed.ndjson",
        "{\"kind\": \"incident\", \"id\": \"bad\", \"title\": \"B\", "
        "\"started_at\": \"2026-02-03T10:00:00Z\", \"resolved_at\": "
        "\"2026-02-03T09:00:00Z\", \"impacts\": [{\"service\": \"api\", "
        "\"level\": \"major\"}]}\n"
        "{\"kind\": \"incident\", \"id\": \"good\", \"title\": \"G\", "
        "\"started_at\": \"2026-02-03T10:00:00Z\", \"impacts\": "
        "[{\"service\": \"api\", \"level\": \"major\"}]}\n"
        "{\"kind\": \"incident\", \"id\": \"orphan\", \"title\": \"O\", "
        "\"started_at\": \"2026-02-03T10:00:00Z\", \"impacts\": "
        "[{\"service\": \"nope\", \"level\": \"major\"}]}\n");
    aft_import_stats st;
    aft_error err;
    char *dump;

    assert_int_equal(fixture_import(f, &path, 1, 1, NULL, &st, &err), AFT_OK);
    assert_int_equal(st.imported[AFT_KIND_INCIDENT], 1);
    assert_int_equal(st.skipped, 2);
    assert_non_null(strstr(f->reports, "mixed.ndjson:1: resolved_at"));
    assert_non_null(strstr(f->reports, "mixed.ndjson:3: impacts[0].service:"
                                       " unknown service 'nope'"));
    dump = fixture_dump(f);
    assert_non_null(strstr(dump, "\"good\""));
    assert_null(strstr(dump, "\"bad\""));
    assert_null(strstr(dump, "\"orphan\""));
    free(dump);
}

/* 2026-11-24: the store checks foreign keys once at commit, and only after
 * records were taken out; a client taken out that an incident still names
 * must fail the import as the per-row check did. */
static void
test_ingest_skip_invalid_keeps_no_dangling_client(void **state)
{
    fixture *f = *state;
    const char *path = fixture_file(
        f, "dangling.ndjson",
        "{\"kind\": \"client\", \"id\": \"c2\", \"name\": \"C2\", "
        "\"services\": [\"nope\"]}\n"
        "{\"kind\": \"incident\", \"id\": \"i2\", \"title\": \"T\", "
        "\"started_at\": \"2026-02-03T10:00:00Z\", \"impacts\": "
        "[{\"service\": \"api\", \"level\": \"major\"}], "
        "\"clients\": [\"c2\"]}\n");
    char *before = fixture_dump(f), *after;
    aft_import_stats st;
    aft_error err;

    assert_int_equal(fixture_import(f, &path, 1, 1, NULL, &st, &err), AFT_EDB);
    assert_string_equal(err.message, "database: FOREIGN KEY constraint failed");
    after = fixture_dump(f);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void
test_ingest_twice_changes_nothing(void **state)
{
    fixture *f = *state;
    const char *path = fixture_file(
        f, "inc.json",
        INC(OK_INC
            ", \"impacts\": [{\"service\": \"api\", \"level\": "
            "\"major\"}], \"updates\": [{\"at\": \"2026-02-03T10:10:00Z\", "
            "\"status\": \"investigating\", \"body\": \"On it\"}]"));
    char *once, *twice;
    aft_error err;

    assert_int_equal(fixture_import1(f, path, &err), AFT_OK);
    once = fixture_dump(f);
    assert_int_equal(fixture_import1(f, path, &err), AFT_OK);
    twice = fixture_dump(f);
    assert_string_equal(once, twice);
    free(once);
    free(twice);
}

static void
test_ingest_upsert_replaces_whole_record(void **state)
{
    fixture *f = *state;
    aft_error err;
    char *dump;

    assert_int_equal(
        fixture_import1(
            f,
            fixture_file(
                f, "v1.json",
                INC(OK_INC
                    ", \"impacts\": [{\"service\": \"api\", \"level\": "
                    "\"major\"}], \"updates\": [{\"at\": "
                    "\"2026-02-03T10:10:00Z\", "
                    "\"status\": \"investigating\", \"body\": \"first\"}]")),
            &err),
        AFT_OK);
    assert_int_equal(
        fixture_import1(
            f,
            fixture_file(f, "v2.json",
                         INC("\"title\": \"Renamed\", \"started_at\": "
                             "\"2026-02-03T10:00:00Z\", \"impacts\": "
                             "[{\"service\": \"api\", "
                             "\"level\": \"partial\"}]")),
            &err),
        AFT_OK);
    dump = fixture_dump(f);
    assert_non_null(strstr(dump, "Renamed"));
    assert_non_null(strstr(dump, "partial_outage"));
    assert_null(strstr(dump, "first"));       /* updates replaced */
    assert_null(strstr(dump, "resolved_at")); /* now ongoing */
    free(dump);
}

static void
test_ingest_csv_files_and_round_trip(void **state)
{
    fixture *f = *state;
    const char *paths[3];
    aft_error err;
    char *dump, *csv = NULL;
    size_t len = 0;
    FILE *fp;

    /* Incidents first: the reader resolves the service defined later. */
    paths[0] = fixture_file(
        f, "inc.csv",
        "id,title,severity,started_at,resolved_at,impacts,updates,"
        "preventive_actions,extra\n"
        "c1,\"=HYPERLINK(\"\"x\"\")\",P1,2026-02-03T10:00:00Z,"
        "2026-02-03T11:00:00Z,db|major;api|partial||2026-02-03T10:30:00Z,"
        "2026-02-03T10:05:00Z|investigating|a\\; b \\| c,"
        "Add alert|ops|2026-03-01|open,ignored\n");
    paths[1] = fixture_file(f, "svc.csv", "id,name\ndb,Database\n");
    paths[2] = fixture_file(
        f, "cli.csv",
        "id,name,timezone,sla_target,services,credits,holidays\n"
        "zrh,Zürich Ærø Services,Europe/Zurich,99.95,"
        "api|99.99|2026-01-01;db,99.9|10;99|25,2026-12-25;2026-12-26\n");
    assert_int_equal(fixture_import(f, paths, 3, 0, NULL, NULL, &err), AFT_OK);
    dump = fixture_dump(f);
    assert_non_null(strstr(dump, "\"title\": \"=HYPERLINK(\\\"x\\\")\""));
    assert_non_null(strstr(dump, "\"severity\": \"sev1\""));
    assert_non_null(strstr(dump, "\"body\": \"a; b | c\""));
    assert_non_null(strstr(dump, "{\"id\": \"api\", \"sla_target\": 99.99, "
                                 "\"from\": \"2026-01-01\"}, \"db\""));
    assert_non_null(strstr(dump, "Zürich Ærø Services"));
    /* The CSV export guards the formula and reads back the same. */
    fp = open_memstream(&csv, &len);
    assert_int_equal(fixture_export(fp, f->store, AFT_KIND_INCIDENT,
                                    AFT_EXPORT_CSV),
                     AFT_OK);
    fclose(fp);
    assert_non_null(strstr(csv, "\"'=HYPERLINK(\"\"x\"\")\""));
    assert_non_null(strstr(csv, "a\\; b \\| c"));
    paths[0] = fixture_file(f, "again.csv", csv);
    assert_int_equal(fixture_import(f, paths, 1, 0, NULL, NULL, &err), AFT_OK);
    {
        char *again = fixture_dump(f);
        assert_string_equal(dump, again);
        free(again);
    }
    free(csv);
    free(dump);
}

static void
test_ingest_unrecognised_csv_header(void **state)
{
    const char *const want[] = {"bad.csv:1", "no 'id' column", NULL};

    expect_bad(*state, "bad.csv", "name,colour\nx,red\n", want);
}

/* Write len bytes (NULs included) to DIR/name; returns the path. */
static const char *
fixture_bytes(fixture *f, const char *name, const char *bytes, size_t len)
{
    static char p[192];
    FILE *fp;

    snprintf(p, sizeof p, "%s/%s", f->dir, name);
    assert_non_null(fp = fopen(p, "wb"));
    assert_int_equal(fwrite(bytes, 1, len, fp), len);
    fclose(fp);
    return p;
}

/* 2026-11-24: a client name with U+0001 and a title with U+FFFF imported,
 * then broke the XML inside the XLSX (Excel refused the file). */
static void
test_ingest_text_xml_invalid_code_points(void **state)
{
    fixture *f = *state;
    const char *const want[] = {
        "bad.json: incidents[0].title: control character U+0001 not allowed",
        "bad.json: incidents[0].root_cause: noncharacter U+FFFF not allowed",
        "bad.json: incidents[0].clients[0]: control character U+001F not "
        "allowed",
        "bad.json: incidents[0].updates[0].body: control character U+000B not "
        "allowed",
        "bad.json: incidents[0].preventive_actions[0]: noncharacter U+FDD0 "
        "not allowed",
        NULL};
    aft_error err;
    char *dump;

    expect_bad(f, "bad.json",
               INC("\"title\": \"a\\u0001b\", \"started_at\": "
                   "\"2026-02-03T10:00:00Z\", \"root_cause\": \"\\uffff\", "
                   "\"clients\": [\"a\\u001fb\"], \"updates\": [{\"at\": "
                   "\"2026-02-03T10:10:00Z\", \"status\": \"investigating\", "
                   "\"body\": \"\\u000b\"}], \"preventive_actions\": "
                   "[\"\\ufdd0\"], \"impacts\": [{\"service\": \"api\", "
                   "\"level\": \"major\"}]"),
               want);
    assert_int_equal(f->nreports, 5);
    /* Tab, LF and CR are text. */
    assert_int_equal(
        fixture_import1(
            f,
            fixture_file(f, "ok.json",
                         INC("\"title\": \"a\\tb\\nc\\r\\nd\", "
                             "\"started_at\": \"2026-02-03T10:00:00Z\", "
                             "\"impacts\": [{\"service\": \"api\", "
                             "\"level\": \"major\"}]")),
            &err),
        AFT_OK);
    dump = fixture_dump(f);
    assert_non_null(strstr(dump, "\"title\": \"a\\tb\\nc\\r\\nd\""));
    free(dump);
}

/* 2026-11-24: a title over 32,767 characters imported, then that client's
 * XLSX failed (Excel's cell limit). Characters are code points: 40,000
 * 'é' are 80,000 bytes. */
static void
test_ingest_text_at_most_32767_characters(void **state)
{
    fixture *f = *state;
    const char *const want[] = {
        "bad.json: incidents[0].title: 40000 characters, at most 32767",
        "bad.json: incidents[0].root_cause: 32768 characters, at most 32767",
        NULL};
    size_t cap = 200000, n = 0, i;
    char *text = malloc(cap);
    aft_error err;

    n += (size_t)snprintf(text, cap,
                          "{\"incidents\": [{\"id\": \"i1\", "
                          "\"title\": \"");
    for (i = 0; i < 40000; i++)
        n += (size_t)snprintf(text + n, cap - n, "\xc3\xa9");
    n += (size_t)snprintf(text + n, cap - n, "\", \"root_cause\": \"");
    for (i = 0; i < 32768; i++)
        text[n++] = 'x';
    snprintf(text + n, cap - n,
             "\", \"started_at\": \"2026-02-03T10:00:00Z\", \"impacts\": "
             "[{\"service\": \"api\", \"level\": \"major\"}]}]}");
    expect_bad(f, "bad.json", text, want);
    assert_int_equal(f->nreports, 2);
    /* 32,767 characters of 'é' (65,534 bytes) import. */
    n = (size_t)snprintf(text, cap, "id,name\nx,");
    for (i = 0; i < 32767; i++)
        n += (size_t)snprintf(text + n, cap - n, "\xc3\xa9");
    snprintf(text + n, cap - n, "\n");
    assert_int_equal(fixture_import1(f, fixture_file(f, "ok.csv", text), &err),
                     AFT_OK);
    free(text);
}

/* 2026-11-24: a NUL in a CSV cell cut the text short ("ab\0../../x"
 * stored as "ab", exit 0). */
static void
test_ingest_nul_refused_in_every_format(void **state)
{
    fixture *f = *state;
    static const char csv[] = "id,name\nx,ab\0../../x\n";
    static const char pd[] = "id,description,service_id,created_on\n"
                             "P1,a\0b,S1,2026-02-03T10:00:00Z\n";
    static const char hdr[] = "id,na\0me\nx,y\n";
    char *before = fixture_dump(f), *after;
    aft_error err;

    assert_int_equal(fixture_import1(f,
                                     fixture_bytes(f, "bad.csv", csv,
                                                   sizeof csv - 1),
                                     &err),
                     AFT_EINVALID);
    assert_non_null(strstr(f->reports,
                           "/bad.csv:2: name: NUL character not allowed\n"));
    assert_int_equal(f->nreports, 1);
    assert_int_equal(fixture_import1(f,
                                     fixture_bytes(f, "pd.csv", pd,
                                                   sizeof pd - 1),
                                     &err),
                     AFT_EINVALID);
    assert_non_null(strstr(f->reports, "/pd.csv:2: description: NUL "
                                       "character not allowed\n"));
    assert_int_equal(f->nreports, 1);
    assert_int_equal(fixture_import1(f,
                                     fixture_bytes(f, "hdr.csv", hdr,
                                                   sizeof hdr - 1),
                                     &err),
                     AFT_EINVALID);
    assert_non_null(strstr(err.message, "hdr.csv:1: NUL character not "
                                        "allowed in the header"));
    assert_int_equal(fixture_import1(f,
                                     fixture_file(f, "bad.json",
                                                  "{\"services\": [{\"id\": "
                                                  "\"a\\u0000b\"}]}"),
                                     &err),
                     AFT_EINVALID);
    assert_non_null(strstr(err.message, "bad.json:1:31: invalid JSON: NUL "
                                        "character not allowed"));
    assert_int_equal(fixture_import1(f,
                                     fixture_file(f, "bad.ndjson",
                                                  "{\"kind\": \"service\", "
                                                  "\"id\": \"a\\u0000b\"}\n"),
                                     &err),
                     AFT_EINVALID);
    assert_non_null(strstr(f->reports, "/bad.ndjson:1: invalid JSON: NUL "
                                       "character not allowed\n"));
    assert_int_equal(f->nreports, 1);
    after = fixture_dump(f);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* 2026-11-24: 9999-12-31T23:00-12:00 and 0000-01-01T00:00+14:00 imported
 * and exported as "10000-..." and "-001-...", which do not read back. */
static void
test_ingest_instants_in_years_0001_to_9999(void **state)
{
    fixture *f = *state;
    const char *const want[] = {
        "bad.json: incidents[0].started_at: instant '9999-12-31T23:00-12:00' "
        "is outside years 0001-9999 in UTC",
        "bad.json: incidents[0].resolved_at: instant '0000-01-01T00:00+14:00' "
        "is outside years 0001-9999 in UTC",
        NULL};
    const char *path;
    char *dump, *again, *out = NULL;
    size_t len = 0;
    aft_error err;
    FILE *fp;

    expect_bad(f, "bad.json",
               INC("\"title\": \"T\", \"started_at\": "
                   "\"9999-12-31T23:00-12:00\", \"resolved_at\": "
                   "\"0000-01-01T00:00+14:00\", \"impacts\": [{\"service\": "
                   "\"api\", \"level\": \"major\"}]"),
               want);
    /* The edges import, export and import again unchanged. */
    path = fixture_file(f, "edge.json",
                        INC("\"title\": \"T\", \"started_at\": "
                            "\"0000-12-31T23:00-01:00\", \"resolved_at\": "
                            "\"9999-12-31T23:59:59Z\", \"impacts\": "
                            "[{\"service\": \"api\", \"level\": \"major\"}]"));
    assert_int_equal(fixture_import1(f, path, &err), AFT_OK);
    dump = fixture_dump(f);
    assert_non_null(strstr(dump, "\"started_at\": \"0001-01-01T00:00:00Z\""));
    assert_non_null(strstr(dump, "\"resolved_at\": \"9999-12-31T23:59:59Z\""));
    assert_non_null(fp = open_memstream(&out, &len));
    assert_int_equal(fixture_export(fp, f->store, AFT_KIND_INCIDENT,
                                    AFT_EXPORT_NDJSON),
                     AFT_OK);
    fclose(fp);
    assert_int_equal(fixture_import1(f, fixture_file(f, "again.ndjson", out),
                                     &err),
                     AFT_OK);
    again = fixture_dump(f);
    assert_string_equal(dump, again);
    free(out);
    free(dump);
    free(again);
}

/* 2026-11-24: "nan" in a CSV number became no field at all (json_real()
 * refuses it), so the default was stored without a word. */
static void
test_ingest_csv_numbers_must_be_finite(void **state)
{
    const char *const want[] = {
        "bad.csv:2: sla_target: must be a number",
        "bad.csv:3: partial_weight: must be a number",
        "bad.csv:4: notice_days: 1e+300 is outside [0, 3650]",
        "bad.csv:5: credits[0].below: must be a number", NULL};

    expect_bad(*state, "bad.csv",
               "id,name,sla_target,partial_weight,notice_days,credits\n"
               "a,A,nan,,,\n"
               "b,B,,inf,,\n"
               "c,C,,,1e300,\n"
               "d,D,,,,-inf|10\n",
               want);
}

/* 2026-11-24: PagerDuty seconds_to_* of nan, inf or 1e300 overflowed a
 * float-to-int64 cast (year -292277022601). */
static void
test_ingest_pagerduty_seconds_are_checked(void **state)
{
    fixture *f = *state;
    const char *const want[] = {
        "pd.csv:2: seconds_to_first_ack: 'nan' is not a number of seconds",
        "pd.csv:2: seconds_to_resolve: 'inf' is not a number of seconds",
        "pd.csv:3: seconds_to_resolve: 1e300 seconds after created_on is "
        "past year 9999",
        "pd.csv:4: seconds_to_first_ack: -5 seconds is negative", NULL};

    expect_bad(f, "pd.csv",
               "id,description,service_id,created_on,resolved_on,"
               "seconds_to_first_ack,seconds_to_resolve\n"
               "P1,a,S1,2026-02-03T10:00:00Z,,nan,inf\n"
               "P2,b,S1,2026-02-03T10:00:00Z,,,1e300\n"
               "P3,c,S1,2026-02-03T10:00:00Z,2026-02-03T11:00:00Z,-5,60\n",
               want);
    assert_int_equal(f->nreports, 4);
}

/* 2026-11-24: a 303 MB native JSON document took 2.9 GB: read whole, and
 * parsed twice when on one line. The size is checked before parsing, so a
 * sparse file just over the limit is enough. */
static void
test_ingest_json_document_over_64_mb(void **state)
{
    fixture *f = *state;
    const char *path = fixture_file(f, "big.json", "{\"services\": [\n");
    char want[512];
    aft_error err;
    FILE *fp;

    assert_non_null(fp = fopen(path, "r+b"));
    assert_int_equal(ftruncate(fileno(fp), ((off_t)64 << 20) + 1), 0);
    fclose(fp);
    assert_int_equal(fixture_import1(f, path, &err), AFT_EINVALID);
    snprintf(want, sizeof want,
             "%s is 65 MB: native JSON and Statuspage documents are read "
             "whole, at most 64 MB; use NDJSON for larger histories",
             path);
    assert_string_equal(err.message, want);
}

/* 2026-11-24: input text was echoed into messages as it was: an OSC title
 * change or a screen clear reached the terminal. */
static void
test_ingest_messages_escape_control_characters(void **state)
{
    fixture *f = *state;
    aft_import_opts o = {0};
    aft_import_stats st;
    aft_error err;
    const char *path = fixture_file(
        f, "sp.json",
        "{\"page\": {\"name\": \"P\"}, \"incidents\": [{\"id\": "
        "\"\\u001b]0;pwned\\u0007\", \"name\": \"X\", \"impact\": \"major\", "
        "\"created_at\": \"2026-02-03T10:00:00Z\", \"resolved_at\": "
        "\"2026-02-03T09:00:00Z\"}]}");

    o.report = on_report;
    o.report_payload = f;
    f->reports[0] = '\0';
    assert_int_equal(aft_import_files(f->store, &path, 1, &o, &st, &err),
                     AFT_EINVALID);
    assert_non_null(strstr(f->reports, "incidents[0].resolved_at: incident "
                                       "'\\x1B]0;pwned\\x07' resolved before "
                                       "it started"));
    assert_null(strchr(f->reports, '\x1b'));
    assert_null(strchr(f->reports, '\x07'));
    /* And in the error a file name with an escape makes. */
    path = fixture_file(f, "\x1b[2J.json", "{");
    assert_int_equal(fixture_import1(f, path, &err), AFT_EINVALID);
    assert_non_null(strstr(err.message, "/\\x1B[2J.json:"));
    assert_null(strchr(err.message, '\x1b'));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ingest_malformed_json, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ingest_missing_required_field,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_unknown_vocabulary, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ingest_unknown_timezone, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ingest_instant_without_offset,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_end_before_start, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ingest_unknown_reference, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ingest_duplicate_id, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ingest_text_not_utf8, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ingest_target_and_weight_ranges,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_lists_every_bad_record,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_ingest_skip_invalid_keeps_no_dangling_client, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_skip_invalid_keeps_the_good,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_twice_changes_nothing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_ingest_upsert_replaces_whole_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_csv_files_and_round_trip,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_unrecognised_csv_header,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_ingest_text_xml_invalid_code_points, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_ingest_text_at_most_32767_characters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_nul_refused_in_every_format,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_ingest_instants_in_years_0001_to_9999, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_csv_numbers_must_be_finite,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_ingest_pagerduty_seconds_are_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ingest_json_document_over_64_mb,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_ingest_messages_escape_control_characters, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
