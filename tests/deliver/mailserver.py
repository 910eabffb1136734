"""mailserver.py - a real SMTP server for the deliver tests (aiosmtpd).

MailServer(dir) listens on 127.0.0.1 on a free port and saves every
message it takes as DIR/N.eml, with DIR/N.json holding its envelope
(mail_from, rcpt_tos, the login used). Optional: refuse (a set of
addresses RCPT answers 550), tls (cert, key: STARTTLS required) and auth
(login, password: AUTH required). Use as a context manager so that it
stops whatever happens.
"""
import json
import logging
import os
import socket
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


# A failed handshake (the untrusted-certificate test) is expected: the
# server need not print its trace.
logging.getLogger("mail.log").setLevel(logging.CRITICAL)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self, directory, refuse):
        self.dir = directory
        self.refuse = refuse
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.refuse:
            return "550 5.1.1 <%s>: recipient refused" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.dir, "%d" % self.count)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        login = session.auth_data
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from,
                       "rcpt_tos": envelope.rcpt_tos,
                       "login": login.decode() if isinstance(login, bytes)
                       else login}, f)
        return "250 2.0.0 Ok: queued as M%d" % self.count


class MailServer:
    def __init__(self, directory, refuse=(), tls=None, auth=None):
        os.makedirs(directory, exist_ok=True)
        self.dir = directory
        self.handler = Handler(directory, set(refuse))
        self.port = free_port()
        kw = {}
        if tls is not None:
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(*tls)
            kw.update(tls_context=ctx, require_starttls=True)
        if auth is not None:
            def check(server, session, envelope, mechanism, data):
                ok = (isinstance(data, LoginPassword)
                      and data.login.decode() == auth[0]
                      and data.password.decode() == auth[1])
                return AuthResult(success=ok, auth_data=data.login)
            kw.update(authenticator=check, auth_required=True)
        self.controller = Controller(self.handler, hostname="127.0.0.1",
                                     port=self.port, **kw)

    def url(self, scheme="smtp", plain=True):
        return "%s://127.0.0.1:%d%s" % (scheme, self.port,
                                        "?tls=none" if plain else "")

    def messages(self):
        """[(envelope dict, raw bytes)] in the order received."""
        out = []
        for i in range(1, self.handler.count + 1):
            base = os.path.join(self.dir, "%d" % i)
            with open(base + ".json") as f, open(base + ".eml", "rb") as g:
                out.append((json.load(f), g.read()))
        return out

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
        return False
