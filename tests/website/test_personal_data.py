"""Personal data never leaves through a public page or feed: a crawl of the whole public site,
with signatures and registrations in every state, finds none of it."""

import re
from collections import deque
from urllib.parse import urlsplit

from django.utils import timezone

from events.factories import RegistrationFactory
from events.models import EventPage, RegistrationMode
from manifest.models import Signature, SignatureState

SECRET_NAME = "Wilhelmina Geheimhouder"
SECRET_EMAIL = "w.geheimhouder@prive.example.nl"
SECRET_TEXT = "Vertrouwelijke reden 7g4k"
LINK = re.compile(r'(?:href|src)="(/[^"#]*)"')
EXTRA = ["/sitemap.xml", "/agenda/feed.ics", "/partners/suggesties/?q=ge", "/zoeken/?q=Geheim"]
MAX_PAGES = 400


def personal_data_in_every_state(home_page):
    for number, state in enumerate(SignatureState.values):
        Signature.objects.create(
            organisation_name=f"Geheim Genootschap {number}",
            organisation_kind="bedrijfsleven",
            signer_name=SECRET_NAME,
            signer_role="Directeur",
            statement="Wij tekenen omdat het moet.",
            contact_email=SECRET_EMAIL,
            privacy_consent_at=timezone.now(),
            rejection_reason=SECRET_TEXT,
            state=state,
        )
    for event in EventPage.objects.filter(registration_mode=RegistrationMode.ON_SITE)[:3]:
        RegistrationFactory(
            event=event,
            contact_name=SECRET_NAME,
            email=SECRET_EMAIL,
            school_name=SECRET_TEXT,
            phone="0612345678",
        )


def crawl(client, start=("/", *EXTRA), max_pages=MAX_PAGES):
    seen, queue, bodies = set(), deque(start), {}
    while queue and len(seen) < max_pages:
        path = queue.popleft()
        if path in seen or path.startswith(("/admin/", "/static/", "/media/", "/documenten/")):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200:
            continue
        body = response.content.decode("utf-8", "replace")
        bodies[path] = body
        for link in LINK.findall(body):
            link = link.replace("&amp;", "&")
            # Query strings multiply without end (facets); the pages behind them are reached
            # through the plain paths, and the list pages with filters are crawled once each.
            if "?" not in link or urlsplit(link).path not in seen:
                queue.append(link if "?" not in link else urlsplit(link).path)
    return bodies


def test_no_public_page_or_feed_shows_personal_data(client, home_page):
    personal_data_in_every_state(home_page)
    bodies = crawl(client)
    assert len(bodies) > 100, len(bodies)  # the crawl reached the whole site
    for path, body in bodies.items():
        for secret in (SECRET_NAME, SECRET_EMAIL, SECRET_TEXT, "0612345678"):
            assert secret not in body, f"{secret!r} on {path}"


def test_the_crawl_would_find_personal_data_if_a_page_showed_it(client, home_page):
    """The check above can fail: a page that does show a signer's name is caught."""
    personal_data_in_every_state(home_page)
    about = home_page.get_children().get(slug="over-het-manifest").specific
    about.intro = f"Met dank aan {SECRET_NAME}."
    about.save_revision().publish()
    bodies = crawl(client, start=["/"], max_pages=10)
    assert any(SECRET_NAME in body for body in bodies.values())
