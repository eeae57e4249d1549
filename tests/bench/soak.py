"""A bounded soak of `make serve` on loopback (`make soak`; never part of `make test`).

SOAK_SECONDS (default 300) with SOAK_CONCURRENCY (default 32) clients, each looping over a
mix: page views of every public page type (most), directory and site searches, manifest
signatures and event registrations (each a real form round trip: GET for the CSRF token,
then POST). Afterwards it counts from the server's database and log: no 5xx, no "database
is locked", every accepted submission (303) stored exactly once, none stored that was not
accepted, and no date of an event with more confirmed places than its capacity. Exit status 1
when any count is wrong.
"""

import collections
import http.client
import itertools
import os
import random
import re
import sqlite3
import sys
import threading
import time
import urllib.parse
import uuid

from tests.bench.http_bench import discover
from tests.bench.server import Site
from tests.images import png_bytes

SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
CONCURRENCY = int(os.environ.get("SOAK_CONCURRENCY", "32"))
SEARCH_WORDS = ["techniek", "installatie", "zorg", "amsterdam", "haarlem", "bouw", "pet", "mbo"]


LOGO = png_bytes(size=(120, 60))


class Client:
    """One visitor with keep-alive and its own cookies (by hand: the production cookies are
    Secure, which a client over plain HTTP would not send back)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def csrf_token(self, html):
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1).decode() if match else ""


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Soak:
    def __init__(self, port, urls):
        self.port = port
        self.pages = list(urls["pages"].values())
        self.sign_url = urls["sign"]
        self.register_urls = urls["register"]
        self.statuses = collections.Counter()
        self.accepted_signatures = []
        self.accepted_registrations = []
        self.lock = threading.Lock()
        self.numbers = itertools.count(1)

    def count(self, kind, status):
        with self.lock:
            self.statuses[(kind, status)] += 1

    def view(self, client):
        status, _ = client.request("GET", random.choice(self.pages))
        self.count("page", status)

    def search(self, client):
        path = random.choice([self.pages[0], "/zoeken/", *[p for p in self.pages if "?q=" in p]])
        base = path.split("?", 1)[0]
        query = urllib.parse.urlencode({"q": random.choice(SEARCH_WORDS)})
        status, _ = client.request("GET", f"{base}?{query}")
        self.count("search", status)

    def sign(self, client):
        status, html = client.request("GET", self.sign_url)
        self.count("sign form", status)
        number = next(self.numbers)
        email = f"soak-{number}-{uuid.uuid4().hex[:6]}@example.nl"
        fields = {
            "csrfmiddlewaretoken": client.csrf_token(html),
            "organisation_name": f"Soak Techniek {number} {uuid.uuid4().hex[:6]}",
            "kind": "bedrijfsleven",
            "website": f"https://soak-{number}.example.nl/",
            "signer_name": "Sanne Soak",
            "signer_role": "Directeur",
            "contact_email": email,
            "privacy_consent": "on",
        }
        body, content_type = multipart(fields, {"logo": ("logo.png", LOGO, "image/png")})
        status, _ = client.request("POST", self.sign_url, body, {"Content-Type": content_type})
        self.count("sign", status)
        if status == 303:
            with self.lock:
                self.accepted_signatures.append(email)

    def register(self, client):
        path, event_id, for_schools = random.choice(self.register_urls)
        status, html = client.request("GET", path)
        self.count("register form", status)
        number = next(self.numbers)
        email = f"soak-{number}-{uuid.uuid4().hex[:6]}@example.nl"
        fields = {
            "csrfmiddlewaretoken": client.csrf_token(html),
            "contact_name": "Sanne Soak",
            "email": email,
            "privacy_consent": "on",
        }
        if for_schools:
            session = re.search(rb'name="session"[^>]*>.*?<option value="(\d+)"', html, re.S)
            fields.update(
                school_name=f"Soakschool {number}",
                school_reference="12AB",
                groups="groep 7",
                pupils=str(random.randint(5, 30)),
                adults="2",
                **({"session": session.group(1).decode()} if session else {}),
            )
        else:
            fields["persons"] = str(random.randint(1, 4))
        body = urllib.parse.urlencode(fields)
        status, _ = client.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        self.count("register", status)
        if status == 303:
            with self.lock:
                self.accepted_registrations.append(email)

    def visitor(self, deadline):
        client = Client(self.port)
        actions = [self.view] * 14 + [self.search] * 4 + [self.sign, self.register]
        while time.monotonic() < deadline:
            try:
                random.choice(actions)(client)
            except Exception as error:  # noqa: BLE001
                self.count(f"client error {type(error).__name__}", 0)
            if random.random() < 0.1:
                client = Client(self.port)  # a new visitor, without cookies

    def run(self, seconds, concurrency):
        deadline = time.monotonic() + seconds
        threads = [
            threading.Thread(target=self.visitor, args=(deadline,)) for _ in range(concurrency)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def check(soak, database, log):
    problems = []
    for (kind, status), number in sorted(soak.statuses.items()):
        print(f"  {kind:<16} {status}: {number}")
        if status >= 500 or status == 0:
            problems.append(f"{number} x {status} on {kind}")
    if "database is locked" in log:
        problems.append('"database is locked" in the server log')
    db = sqlite3.connect(database)
    signatures = collections.Counter(
        email for (email,) in db.execute("SELECT contact_email FROM manifest_signature")
    )
    registrations = collections.Counter(
        email for (email,) in db.execute("SELECT email FROM events_registration")
    )
    for label, accepted, stored in (
        ("signature", soak.accepted_signatures, signatures),
        ("registration", soak.accepted_registrations, registrations),
    ):
        wrong = [email for email in accepted if stored[email] != 1]
        extra = [e for e in stored if e.startswith("soak-") and e not in set(accepted)]
        print(f"  {label}s accepted: {len(accepted)}, stored once: {len(accepted) - len(wrong)}")
        if wrong:
            problems.append(f"{len(wrong)} accepted {label}s not stored exactly once")
        if extra:
            problems.append(f"{len(extra)} {label}s stored that were not accepted")
    # Places are counted per date (session): each has its own capacity and waitlist.
    overbooked = db.execute(
        """SELECT s.id, s.capacity, SUM(r.places) FROM events_eventsession s
           JOIN events_registration r ON r.session_id = s.id
           WHERE r.state = 'bevestigd' AND s.capacity IS NOT NULL
           GROUP BY s.id HAVING SUM(r.places) > s.capacity"""
    ).fetchall()
    if overbooked:
        problems.append(f"overbooked dates (session id, capacity, places): {overbooked}")
    return problems


def main():
    print(f"Soak: {SECONDS} s, {CONCURRENCY} concurrent visitors, loopback")
    site = Site()
    try:
        urls = discover(site)
        limits = {"SIGNATURE_SUBMISSIONS_PER_HOUR": 10**6, "EVENT_REGISTRATIONS_PER_HOUR": 10**6}
        with site.server(**limits) as server:
            soak = Soak(server.port, urls)
            soak.run(SECONDS, CONCURRENCY)
            log = server.log_text()
        problems = check(soak, site.database, log)
    finally:
        site.remove()
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("OK: no 5xx, no locked database, every accepted submission stored once, no overbooking")


if __name__ == "__main__":
    main()
