"""What is kept per content version outside the page cache (core.pagecache.memo, memo_until_
change and the content_fragment tag): it changes exactly when the content or the clock does,
and a preview never reads or writes it."""

import datetime

from django.utils import timezone

from core import pagecache
from events.factories import EventPageFactory
from events.models import EventIndexPage, EventSession
from manifest.models import ManifestPage
from partners.factories import PartnerFactory


def test_a_memo_is_computed_once_per_content_version(db):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert pagecache.memo("test-key", compute) == 1
    assert pagecache.memo("test-key", compute) == 1
    PartnerFactory()  # any change of content makes a new version
    assert pagecache.memo("test-key", compute) == 2


def test_a_memo_until_change_is_computed_again_once_the_clock_passes_it(db, monkeypatch):
    calls = []
    now = timezone.now()
    change = pagecache.known_next_change(now)
    assert pagecache.memo_until_change("clock-key", lambda: calls.append(1) or len(calls)) == 1
    assert pagecache.memo_until_change("clock-key", lambda: calls.append(1) or len(calls)) == 1
    monkeypatch.setattr(pagecache.timezone, "now", lambda: change + datetime.timedelta(seconds=1))
    assert pagecache.memo_until_change("clock-key", lambda: calls.append(1) or len(calls)) == 2


def test_an_event_leaves_the_home_page_when_its_last_session_ends(client, home_page, monkeypatch):
    EventSession.objects.all().delete()  # the demo agenda's sessions would come first
    agenda = EventIndexPage.objects.live().first()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    event = EventPageFactory(
        parent=agenda,
        title="Middagsessie over techniek",
        dates=[(tomorrow, datetime.time(10), datetime.time(12))],
    )
    session = event.sessions.get()
    assert "Middagsessie over techniek" in client.get(home_page.url).content.decode()
    # No content changes; only the clock passes the end of the session.
    later = session.ends_at + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Middagsessie over techniek" not in client.get(home_page.url).content.decode()


def test_a_preview_shows_the_draft_and_never_reaches_the_public_page(client, home_page):
    manifest = ManifestPage.objects.get()
    assert manifest.title in client.get(manifest.url).content.decode()
    manifest.title = "Conceptversie van het manifest"
    preview = manifest.make_preview_request()
    assert preview.status_code == 200
    assert "Conceptversie van het manifest" in preview.content.decode()
    # The preview stored nothing: visitors still see the published page.
    assert "Conceptversie van het manifest" not in client.get(manifest.url).content.decode()


def test_a_signature_approved_shows_on_the_manifest_page_at_once(client, home_page, admin_user):
    from manifest.models import Signature
    from tests.manifest.test_signature_admin import make_signature

    manifest = ManifestPage.objects.get()
    before = Signature.objects.approved().count()
    assert f"{before} organisaties" in client.get(manifest.url).content.decode()
    make_signature(organisation_name="Nieuwe Ondertekenaar BV").approve(admin_user)
    assert f"{before + 1} organisaties" in client.get(manifest.url).content.decode()


def test_a_new_filter_option_shows_at_once(client, home_page):
    from core.models import Region

    agenda = EventIndexPage.objects.live().first()
    assert "Texel en Wieringen" not in client.get(agenda.url).content.decode()
    Region.objects.create(name="Texel en Wieringen", slug="texel", economic_region="nhn")
    html = client.get(agenda.url).content.decode()
    assert '<option value="texel">Texel en Wieringen</option>' in html
    assert client.get(agenda.url, {"regio": "texel"}).status_code == 200


def test_an_event_card_in_the_agenda_changes_with_its_event(client, home_page):
    agenda = EventIndexPage.objects.live().first()
    session = EventSession.objects.published().upcoming().select_related("event").first()
    event = session.event.specific
    assert event.title in client.get(agenda.url).content.decode()
    old_title = event.title
    event.title = "Nieuwe naam voor de techniekdag"
    event.save_revision().publish()
    html = client.get(agenda.url).content.decode()
    assert "Nieuwe naam voor de techniekdag" in html and old_title not in html


def test_cached_event_cards_cost_no_queries_for_their_events(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    agenda = EventIndexPage.objects.live().first()
    client.get(agenda.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(agenda.url)
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "events_audience" not in tables and "campuses_campuspage" not in tables


def test_a_partner_card_in_the_directory_changes_with_its_partner(client, home_page):
    from partners.models import Partner, PartnerIndexPage

    directory = PartnerIndexPage.objects.live().first()
    partner = Partner.objects.filter(live=True).order_by("name").first()
    assert partner.name in client.get(directory.url).content.decode()
    partner.name = "Aaa Hernoemde Installateur BV"
    partner.save()
    html = client.get(directory.url).content.decode()
    assert "Aaa Hernoemde Installateur BV" in html


def test_an_event_behind_a_view_restriction_leaves_the_agenda(client, home_page):
    from wagtail.models import PageViewRestriction

    agenda = EventIndexPage.objects.live().first()
    event = EventSession.objects.published().upcoming().select_related("event").first().event
    assert event.title in client.get(agenda.url).content.decode()
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    assert event.title not in client.get(agenda.url).content.decode()
    assert event.title not in client.get(home_page.url).content.decode()
