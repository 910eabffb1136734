/*
 * test_smtp.c - the SMTP settings: config and password files (refused
 * when others may read them), the URL rules (STARTTLS unless ?tls=none,
 * no credentials in it, no password in the clear off the loopback), and
 * a send to a port nobody listens on.
 */
#include "cmocka_all.h"
#include "testutil.h"

#include <sys/stat.h>

#include "deliver/smtp.h"

static void
test_config_file(void **state)
{
    fixture *f = fixture_new();
    const char *p;
    aft_smtp c;
    aft_error err;
    char want[300];

    (void)state;
    memset(&c, 0, sizeof c);
    p = fixture_file(f, "smtp.conf",
                     "# the relay\nurl = smtps://mail.example:465\n"
                     "user = reports\npassword = pa ss\n\n"
                     "ca_file = /etc/ca.pem\n");
    chmod(p, 0600);
    assert_int_equal(aft_smtp_config_file(&c, p, &err), AFT_OK);
    assert_string_equal(c.url, "smtps://mail.example:465");
    assert_string_equal(c.user, "reports");
    assert_string_equal(c.password, "pa ss");
    assert_string_equal(c.ca_file, "/etc/ca.pem");
    chmod(p, 0640);
    assert_int_equal(aft_smtp_config_file(&c, p, &err), AFT_EINVALID);
    snprintf(want, sizeof want,
             "'%s' holds a password but others may read it (mode 640): "
             "chmod 600 it",
             p);
    assert_string_equal(err.message, want);
    assert_string_equal(c.password, "");
    p = fixture_file(f, "bad.conf", "url: smtp://x.example\n");
    assert_int_equal(aft_smtp_config_file(&c, p, &err), AFT_EINVALID);
    snprintf(want, sizeof want,
             "%s:1: want 'url', 'user', 'password' or 'ca_file' = VALUE", p);
    assert_string_equal(err.message, want);
    /* 2026-11-24: values too long for their field were cut short. */
    {
        char big[700];
        memset(big, 'x', sizeof big);
        memcpy(big, "password = ", 11);
        big[sizeof big - 2] = '\n';
        big[sizeof big - 1] = '\0';
        p = fixture_file(f, "long.conf", big);
        chmod(p, 0600);
        assert_int_equal(aft_smtp_config_file(&c, p, &err), AFT_EINVALID);
        snprintf(want, sizeof want, "%s:1: value too long", p);
        assert_string_equal(err.message, want);
        assert_string_equal(c.password, "");
    }
    fixture_free(f);
}

static void
test_password_file(void **state)
{
    fixture *f = fixture_new();
    const char *p = fixture_file(f, "pw", "s3cret\r\nignored\n");
    aft_smtp c;
    aft_error err;

    (void)state;
    memset(&c, 0, sizeof c);
    chmod(p, 0400);
    assert_int_equal(aft_smtp_password_file(&c, p, &err), AFT_OK);
    assert_string_equal(c.password, "s3cret");
    chmod(p, 0604);
    memset(&c, 0, sizeof c);
    assert_int_equal(aft_smtp_password_file(&c, p, &err), AFT_EINVALID);
    assert_null(strstr(err.message, "s3cret"));
    assert_string_equal(c.password, "");
    assert_int_equal(aft_smtp_password_file(&c, "/nonexistent/pw", &err),
                     AFT_EIO);
    {
        char big[700];
        memset(big, 'y', sizeof big - 1);
        big[sizeof big - 1] = '\0';
        p = fixture_file(f, "longpw", big);
        chmod(p, 0600);
        assert_int_equal(aft_smtp_password_file(&c, p, &err), AFT_EINVALID);
        assert_null(strstr(err.message, "yyyy"));
        assert_string_equal(c.password, "");
    }
    fixture_free(f);
}

static void
test_url_rules(void **state)
{
    static const struct {
        const char *url, *password;
        const char *want; /* NULL: accepted */
    } cases[] = {
        {"smtp://mail.example:587", "pw", NULL},
        {"smtps://mail.example:465", "pw", NULL},
        {"smtp://127.0.0.1:2525?tls=none", "pw", NULL},
        {"smtp://localhost?tls=none", "pw", NULL},
        {"smtp://mail.example?tls=none", "", NULL},
        {"smtp://mail.example?tls=none", "pw",
         "refusing to send a password without TLS to a host other than the "
         "loopback"},
        {"smtp://127.0.0.1.evil.example?tls=none", "pw",
         "refusing to send a password without TLS to a host other than the "
         "loopback"},
        {"smtps://mail.example?tls=none", "",
         "smtps:// is TLS: '?tls=none' contradicts it"},
        {"smtp://mail.example?tls=maybe", "",
         "the SMTP URL may end only in '?tls=none'"},
        {"http://mail.example", "",
         "the SMTP URL must start smtp:// or smtps://"},
        {"smtp://u:pw@mail.example", "",
         "the SMTP URL may not hold credentials: give the user in "
         "AFTERCAST_SMTP_USER and the password in a file"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        aft_smtp c;
        aft_error err;
        memset(&c, 0, sizeof c);
        snprintf(c.url, sizeof c.url, "%s", cases[i].url);
        snprintf(c.password, sizeof c.password, "%s", cases[i].password);
        if (cases[i].want == NULL) {
            assert_int_equal(aft_smtp_check(&c, &err), AFT_OK);
        } else {
            assert_int_equal(aft_smtp_check(&c, &err), AFT_EINVALID);
            assert_string_equal(err.message, cases[i].want);
        }
    }
}

/* Nobody listens on port 9 of the loopback (discard, not run here):
 * the send fails at once with the reason, and no reply. */
static void
test_send_to_nobody(void **state)
{
    const char *rcpt[] = {"ops@acme.example"};
    char reply[64] = "x";
    aft_smtp c;
    aft_error err;

    (void)state;
    memset(&c, 0, sizeof c);
    snprintf(c.url, sizeof c.url, "smtp://127.0.0.1:9?tls=none");
    assert_int_equal(aft_smtp_send(&c, "desk@msp.example", rcpt, 1, "x\r\n", 3,
                                   reply, sizeof reply, &err),
                     AFT_EIO);
    assert_non_null(strstr(err.message, "smtp: "));
    assert_non_null(strstr(err.message, "127.0.0.1 port 9"));
    assert_string_equal(reply, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_file),
        cmocka_unit_test(test_password_file),
        cmocka_unit_test(test_url_rules),
        cmocka_unit_test(test_send_to_nobody),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
