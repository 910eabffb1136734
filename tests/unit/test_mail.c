/*
 * test_mail.c - the mail of a pack: RFC 2047 header text, the MIME
 * message (recipients, Bcc left out, CR/LF inert, attachments in base64,
 * RFC 2231 file names), and its words from a report model made by hand.
 */
#include "cmocka_all.h"
#include "testutil.h"

#include "aftercast/report.h"
#include "render/mail/mail.h"

/* The bytes of base64 text s (no line breaks) into out; their number. */
static size_t
unbase64(unsigned char *out, const char *s, size_t n)
{
    static const char *B =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, k = 0;
    unsigned v = 0;
    int bits = 0;

    for (i = 0; i < n && s[i] != '='; i++) {
        v = v << 6 | (unsigned)(strchr(B, s[i]) - B);
        if ((bits += 6) >= 8) {
            bits -= 8;
            out[k++] = (unsigned char)(v >> bits);
        }
    }
    return k;
}

/* The encoded-words of h decoded and joined; each at most 75 long. */
static void
assert_decodes_to(const char *h, const char *want)
{
    unsigned char buf[1024];
    size_t n = 0;
    const char *p = h, *end;

    while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
        p += 10;
        end = strstr(p, "?=");
        assert_non_null(end);
        assert_true(end - p + 12 <= 75);
        n += unbase64(buf + n, p, (size_t)(end - p));
        p = end + 2;
    }
    buf[n] = '\0';
    assert_string_equal((char *)buf, want);
}

static void
test_header_text(void **state)
{
    /* 30 two-byte characters: no word may cut one in half. */
    const char *long_utf8 = "ééééééééééééééééééééééééééééé"
                            "é";
    char *h;

    (void)state;
    h = aft_mail_header_text("Monthly report");
    assert_string_equal(h, "Monthly report");
    free(h);
    h = aft_mail_header_text("Zoë");
    assert_string_equal(h, "=?UTF-8?B?Wm/Dqw==?=");
    free(h);
    /* A line break is data: encoded, never a raw CR or LF but the
     * folding CRLF SP between words. */
    h = aft_mail_header_text("Acme\r\nBcc: evil@x.example");
    assert_string_equal(h, "=?UTF-8?B?QWNtZQ0KQmNjOiBldmlsQHguZXhhbXBsZQ==?=");
    free(h);
    h = aft_mail_header_text("=?UTF-8?B?x?= looks encoded");
    assert_decodes_to(h, "=?UTF-8?B?x?= looks encoded");
    free(h);
    h = aft_mail_header_text(long_utf8);
    assert_non_null(strstr(h, "?=\r\n =?UTF-8?B?"));
    assert_decodes_to(h, long_utf8);
    {
        /* Each word decodes to whole characters: an even byte count. */
        const char *p = h;
        while ((p = strstr(p, "?B?")) != NULL) {
            unsigned char b[64];
            const char *e = strstr(p + 3, "?=");
            assert_int_equal(unbase64(b, p + 3, (size_t)(e - p - 3)) % 2, 0);
            p = e;
        }
    }
    free(h);
}

/* The message of m as a string into *out; fails the test on an error. */
static void
compose(char **out, const aft_mail *m)
{
    size_t len = 0;
    aft_error err;

    if (aft_mail_compose(out, &len, m, &err) != AFT_OK)
        fail_msg("compose: %s", err.message);
    assert_int_equal(strlen(*out), len);
}

static void
test_compose(void **state)
{
    fixture *f = fixture_new();
    aft_contact rcpt[] = {
        {"ops@acme.example", "Zoë Müller", AFT_ROLE_TO},
        {"boss@acme.example", "Boss\r\nX-Evil: 1", AFT_ROLE_CC},
        {"audit@acme.example", NULL, AFT_ROLE_BCC},
    };
    aft_mail_file files[1];
    aft_mail m;
    char path[300], *msg, *head;
    aft_error err;
    size_t len;

    (void)state;
    fixture_file(f, "r.pdf", "abc");
    snprintf(path, sizeof path, "%s/r.pdf", f->dir);
    files[0] = (aft_mail_file){"Bericht März.pdf", "application/pdf", path};
    memset(&m, 0, sizeof m);
    m.from = "desk@msp.example";
    m.from_name = "MSP Desk";
    m.rcpt = rcpt;
    m.n_rcpt = 3;
    m.subject = "Report March 2026";
    m.text = "Availability: 99.950 %";
    m.html = "<p>99.950 %</p>";
    m.files = files;
    m.n_files = 1;
    m.message_id = "<1.2@msp.example>";
    m.date = UTC(2026, 4, 1, 7, 0);
    compose(&msg, &m);
    len = (size_t)(strstr(msg, "\r\n\r\n") - msg);
    head = strndup(msg, len);
    assert_string_equal(
        head, "Date: Wed, 01 Apr 2026 07:00:00 +0000\r\n"
              "From: \"MSP Desk\" <desk@msp.example>\r\n"
              "To: =?UTF-8?B?Wm/DqyBNw7xsbGVy?=\r\n <ops@acme.example>\r\n"
              "Cc: \"Boss  X-Evil: 1\" <boss@acme.example>\r\n"
              "Subject: Report March 2026\r\n"
              "Message-ID: <1.2@msp.example>\r\n"
              "MIME-Version: 1.0\r\n"
              "Content-Type: multipart/mixed;\r\n"
              " boundary=\"=_aftercast_mixed_"
              "159fe16dbe10c673c84f37da042bc90e\"");
    free(head);
    assert_null(strstr(msg, "audit@"));
    /* "abc" in base64; the name in ASCII and in RFC 2231. */
    assert_non_null(strstr(msg, "\r\n\r\nYWJj\r\n"));
    assert_non_null(strstr(msg, "filename=\"Bericht_M__rz.pdf\";\r\n"
                                " filename*=UTF-8''Bericht%20M%C3%A4rz.pdf"));
    free(msg);
    m.from = "desk@msp.example\r\nBcc: x@y.example";
    assert_int_equal(aft_mail_compose(&msg, &len, &m, &err), AFT_EINVALID);
    assert_null(msg);
    m.from = "desk@msp.example";
    /* 2026-11-24: a Subject over 1 KB was cut mid-word and ran into the
     * Message-ID line; a line break in it stays a space. */
    {
        char big[1300];
        memset(big, 'N', 1200);
        strcpy(big + 1200, "\r\nBcc: x@y.example");
        m.subject = big;
        compose(&msg, &m);
        assert_non_null(strstr(msg, "?=\r\nMessage-ID: <1.2@msp.example>\r\n"));
        assert_null(strstr(msg, "\nBcc"));
        free(msg);
        m.subject = "Report March 2026";
    }
    files[0].path = "/nonexistent/r.pdf";
    assert_int_equal(aft_mail_compose(&msg, &len, &m, &err), AFT_EIO);
    assert_string_equal(err.message, "cannot read '/nonexistent/r.pdf': No "
                                     "such file or directory");
    fixture_free(f);
}

static void
test_message_id(void **state)
{
    char id[128];

    (void)state;
    aft_mail_message_id(id, sizeof id, "desk@msp.example", 1775026800);
    assert_int_equal(strlen(id), strlen("<1775026800.0123456789abcdef."
                                        "aftercast@msp.example>"));
    assert_memory_equal(id, "<1775026800.", 12);
    assert_string_equal(id + 28, ".aftercast@msp.example>");
}

/* The mail's words from a monthly report made by hand: 99.95 % against
 * 99.9 %, met, two incidents, 10 % credit. */
static void
test_mail_monthly(void **state)
{
    fixture *f = fixture_new();
    aft_template *t = NULL;
    aft_client c;
    aft_avail_row row;
    aft_dataset ds;
    aft_monthly r;
    aft_tz *tz = NULL;
    char *subject, *text, *html;

    (void)state;
    fixture_file(f, "template.json",
                 "{\"company\": \"MSP & Co\", \"mail\": {\"subject\": "
                 "\"{title}, {period}: {client}\", \"body\": \"{client}: "
                 "{availability} of {target}, {verdict}.\"}}");
    assert_int_equal(aft_template_load(&t, f->dir, NULL), AFT_OK);
    aft_client_defaults(&c);
    c.name = "Acme <AG>";
    memset(&row, 0, sizeof row);
    memset(&ds, 0, sizeof ds);
    memset(&r, 0, sizeof r);
    row.r.has_availability = 1;
    row.r.availability = 99.95;
    row.r.target = 99.9;
    row.r.met = 1;
    row.r.credit_percent = 10;
    r.client = &c;
    r.rows = &row;
    r.n_rows = 1;
    r.ds = &ds;
    r.metrics.incidents = 2;
    assert_int_equal(aft_tz_load(&tz, "UTC", NULL), AFT_OK);
    r.tz = tz;
    r.as_of = UTC(2026, 4, 1, 0, 0);
    assert_int_equal(aft_period_month(&r.period, "2026-03", NULL), AFT_OK);
    assert_int_equal(aft_period_month(&r.prev, "2026-02", NULL), AFT_OK);
    assert_int_equal(aft_mail_monthly(&subject, &text, &html, &r, t, NULL),
                     AFT_OK);
    assert_string_equal(subject, "Service availability report, March 2026: "
                                 "Acme <AG>");
    assert_string_equal(text, "Acme <AG>: 99.950 % of 99.900 %, MET.");
    assert_non_null(strstr(html, "<p>Acme &lt;AG&gt;: 99.950 % of 99.900 "
                                 "%, MET.</p>"));
    assert_non_null(strstr(html, "<tr><th>Availability</th><td>99.950 "
                                 "%</td></tr>"));
    assert_non_null(strstr(html, "<tr><th>Service credit</th><td>10 "
                                 "%</td></tr>"));
    free(subject);
    free(text);
    free(html);
    aft_template_free(t);
    aft_tz_free(tz);
    fixture_free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_text),
        cmocka_unit_test(test_compose),
        cmocka_unit_test(test_message_id),
        cmocka_unit_test(test_mail_monthly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
