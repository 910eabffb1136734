"""test_deliver.py - aftercast deliver against a real SMTP server.

  /usr/bin/python3 test_deliver.py AFTERCAST DATA_DIR TEMPLATE_DIR

Starts aiosmtpd on 127.0.0.1 (mailserver.py) and checks: one message per
client with contacts, the right recipients (Bcc in the envelope only),
body figures equal to `availability --format json`, attachments equal to
the pack's files byte for byte, a second run sending nothing, a refused
recipient failing that client only and a rerun sending just it, a server
that is down, header injection staying inert, STARTTLS with AUTH on a
self-signed certificate, and the password in no output.
"""
import email
import email.policy
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailserver import MailServer, free_port  # noqa: E402

CLI, DATA, TEMPLATES = sys.argv[1:4]
AS_OF = "2026-03-05T00:00:00Z"
PERIOD = ["--month", "2026-02", "--as-of", AS_OF]
PASSWORD = "s3cret-Pa55word-never-shown"
OUTPUTS = []  # every stdout and stderr, checked for the password


def run(db, args, env=None, want=None):
    e = {k: v for k, v in os.environ.items()
         if not k.startswith("AFTERCAST_")}
    e.update(env or {})
    p = subprocess.run([CLI, "--db", db] + args, env=e, capture_output=True,
                       text=True, timeout=300)
    OUTPUTS.append(p.stdout + p.stderr)
    if want is not None and p.returncode != want:
        raise AssertionError("aftercast %s: exit %d, want %d\n%s%s"
                             % (" ".join(args), p.returncode, want, p.stdout,
                                p.stderr))
    return p


def deliver(db, url, extra=(), env=None, want=None):
    e = {"AFTERCAST_SMTP_URL": url}
    e.update(env or {})
    return run(db, ["deliver"] + PERIOD + ["--all", "--template",
                                          TEMPLATES] + list(extra),
               env=e, want=want)


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok - " + what)


def availability(db, client):
    p = run(db, ["availability"] + PERIOD + ["--client", client, "--format",
                                             "json"], want=0)
    rows = json.loads(p.stdout)["rows"]
    return [r for r in rows if r["service"] is None][0]


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def header_block(raw):
    return raw.split(b"\r\n\r\n", 1)[0].decode("ascii")


def check_alpha(db, env, raw, pack):
    """The message of client alpha: recipients, figures, files."""
    check(sorted(env["rcpt_tos"]) == ["audit@alpha.example",
                                      "boss@alpha.example",
                                      "ops@alpha.example"],
          "alpha: the envelope holds to, cc and bcc")
    check(env["mail_from"] == "servicedesk@northwind.example",
          "alpha: envelope sender is the template's mail.from")
    head = header_block(raw)
    check("audit@alpha.example" not in head and "\nBcc" not in head,
          "alpha: the bcc address is in no header")
    names = [ln.split(":", 1)[0] for ln in head.split("\r\n")
             if ln and ln[0] not in " \t"]
    check(sorted(names) == sorted(["Date", "From", "Reply-To", "To", "Cc",
                                   "Subject", "Message-ID", "MIME-Version",
                                   "Content-Type"]),
          "alpha: CR/LF in names and subject made no header (%s)" % names)
    check(all(len(ln) <= 78 for ln in head.split("\r\n")),
          "alpha: header lines within 78 characters")
    m = parse(raw)
    # Its line break as spaces: even decoded, no new header line.
    check(m["Subject"] == "Service availability report February 2026: "
          "Alpha AG  Bcc: evil@attacker.example",
          "alpha: the subject decodes to the client's name, breaks as spaces")
    check(m["To"].addresses[0].display_name == "Zoë Müller"
          and m["To"].addresses[0].addr_spec == "ops@alpha.example",
          "alpha: a UTF-8 display name round-trips (RFC 2047)")
    row = availability(db, "alpha")
    verdict = "MET" if row["met"] else "BREACHED"
    want = "Availability: %.3f %% against a target of %.3f %% (%s)" % (
        row["availability"], row["target"], verdict)
    text = m.get_body(("plain",)).get_content()
    html = m.get_body(("html",)).get_content()
    check(want in text, "alpha: text figures equal availability (%s)" % want)
    check("<td>%.3f %%</td>" % row["availability"] in html
          and "<td>%s</td>" % verdict in html,
          "alpha: HTML figures equal availability")
    files = {a.get_filename(): a.get_content() for a in m.iter_attachments()}
    on_disk = sorted(f for f in os.listdir(os.path.join(pack, "alpha"))
                     if f.endswith((".pdf", ".xlsx")))
    check(sorted(files) == on_disk, "alpha: every pack file attached (%s)"
          % on_disk)
    for f in on_disk:
        with open(os.path.join(pack, "alpha", f), "rb") as fp:
            check(files[f] == fp.read(), "alpha: %s byte-identical" % f)


def plain_server_runs(tmp, db, pack):
    mails = os.path.join(tmp, "mails")
    with MailServer(mails, refuse={"it@beta.example"}) as srv:
        p = deliver(db, srv.url(), want=1)
        got = srv.messages()
        check(len(got) == 1 and "ops@alpha.example" in got[0][0]["rcpt_tos"],
              "refused recipient: alpha still sent")
        check("client 'beta': smtp:" in p.stderr and "550" in p.stderr,
              "refused recipient: beta fails, the reason said")
        check("1 of 3 clients failed: beta (" in p.stderr,
              "refused recipient: summary names beta")
        check("gamma: skipped: no contact" in p.stdout,
              "a client without contacts is reported and skipped")
        check_alpha(db, got[0][0], got[0][1], pack)
        srv.handler.refuse.clear()
        p = deliver(db, srv.url(), want=0)
        got = srv.messages()
        check(len(got) == 2 and got[1][0]["rcpt_tos"] == ["it@beta.example"],
              "rerun: only beta sent")
        check("alpha: already sent at " in p.stdout,
              "rerun: alpha listed as already sent")
        deliver(db, srv.url(), want=0)
        check(len(srv.messages()) == 2, "third run: nothing sent")
        deliver(db, srv.url(), extra=["--resend"], want=0)
        check(len(srv.messages()) == 4, "--resend: alpha and beta again")
        p = deliver(db, srv.url(plain=False), extra=["--resend"], want=1)
        check("STARTTLS" in p.stderr or "SSL" in p.stderr
              or "TLS" in p.stderr,
              "smtp:// without ?tls=none insists on STARTTLS: %s"
              % p.stderr.strip().splitlines()[0])
        check(len(srv.messages()) == 4, "no message sent in the clear")


def down_and_dry(tmp, db):
    port = free_port()
    p = deliver(db, "smtp://127.0.0.1:%d?tls=none" % port,
                extra=["--resend"], want=1)
    check("2 of 3 clients failed" in p.stderr
          and "client 'alpha': smtp: " in p.stderr,
          "server down: exit 1 and a clear message: %s"
          % p.stderr.strip().splitlines()[0])
    dry = os.path.join(tmp, "dry")
    p = run(db, ["deliver"] + PERIOD + ["--all", "--dry-run", dry,
                                        "--template", TEMPLATES], want=0)
    eml = os.path.join(dry, "alpha", "alpha-2026-02.eml")
    check(os.path.exists(eml) and os.path.exists(
        os.path.join(dry, "beta", "beta-2026-02.eml"))
        and not os.path.exists(os.path.join(dry, "gamma",
                                            "gamma-2026-02.eml")),
          "--dry-run writes one .eml per client with contacts")
    with open(eml, "rb") as f:
        m = parse(f.read())
    check(m["Cc"].addresses[0].addr_spec == "boss@alpha.example"
          and m["Cc"].addresses[0].display_name == "Boss  X-Injected: yes",
          "--dry-run: the .eml parses; a line break in a name is a space")


def tls_runs(tmp, db):
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                    key, "-out", cert], check=True, capture_output=True)
    pw = os.path.join(tmp, "password")
    with open(pw, "w") as f:
        f.write(PASSWORD + "\n")
    os.chmod(pw, 0o600)
    env = {"AFTERCAST_SMTP_USER": "mailer",
           "AFTERCAST_SMTP_PASSWORD_FILE": pw,
           "AFTERCAST_SMTP_CA_FILE": cert}
    with MailServer(os.path.join(tmp, "tls"), tls=(cert, key),
                    auth=("mailer", PASSWORD)) as srv:
        p = deliver(db, srv.url(plain=False), extra=["--resend"], env=env,
                    want=0)
        got = srv.messages()
        check(len(got) == 2 and got[0][0]["login"] == "mailer",
              "STARTTLS + AUTH on a self-signed certificate: sent")
        p = deliver(db, srv.url(plain=False), extra=["--resend"],
                    env=dict(env, AFTERCAST_SMTP_CA_FILE=""), want=1)
        check(len(srv.messages()) == 2, "an untrusted certificate: not sent")
        os.chmod(pw, 0o644)
        p = deliver(db, srv.url(plain=False), extra=["--resend"], env=env,
                    want=1)
        check("others may read it" in p.stderr,
              "a password file others may read is refused")
        os.chmod(pw, 0o600)
        p = deliver(db, srv.url(), extra=["--resend"],
                    env=dict(env, AFTERCAST_SMTP_URL="smtp://mail.example:25"
                             "?tls=none"), want=1)
        check("without TLS" in p.stderr,
              "no password in the clear to another host")


def main():
    tmp = tempfile.mkdtemp(prefix="aft-deliver-")
    try:
        db = os.path.join(tmp, "d.db")
        run(db, ["import", os.path.join(DATA, "deliver", "records.json")],
            want=0)
        pack = os.path.join(tmp, "pack")
        run(db, ["report", "pack"] + PERIOD + ["--all", "--out", pack,
                                              "--template", TEMPLATES],
            want=0)
        p = run(db, ["deliver"] + PERIOD, env={"AFTERCAST_SMTP_URL": "smtp://127.0.0.1:9"},
                want=2)
        check(p.stderr == "aftercast: error: give --client ID or --all\n"
              "Try 'aftercast deliver --help'.\n",
              "usage errors name deliver")
        p = run(db, ["deliver"] + PERIOD + ["--all"], want=1)
        check(p.stderr.startswith("aftercast: error: no mail server: set "
                                  "AFTERCAST_SMTP_URL"),
              "no server configured: exit 1, said so")
        plain_server_runs(tmp, db, pack)
        down_and_dry(tmp, db)
        tls_runs(tmp, db)
        check(not any(PASSWORD in o for o in OUTPUTS),
              "the password is in no output (%d runs)" % len(OUTPUTS))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
