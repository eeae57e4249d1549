"""Public pages follow every change of content at once, and the clock where it matters:
routing, view restrictions, settings and the cached fragments under the content version; a
preview never reads or writes what visitors see."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.factories import EventPageFactory
from events.models import EventIndexPage, EventSession
from manifest.models import ManifestPage
from website.factories import StandardPageFactory
from website.models import SiteSettings


def test_an_unpublished_page_is_not_served_but_its_published_children_are(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Concept ouder")
    child = StandardPageFactory(parent=parent, title="Gepubliceerd kind")
    assert client.get(parent.url).status_code == 200
    parent.unpublish()
    assert client.get(parent.url).status_code == 404
    response = client.get(child.url)
    assert response.status_code == 200 and "Gepubliceerd kind" in response.content.decode()


def test_unknown_paths_are_404(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Bestaat")
    assert client.get(page.url + "bestaat-niet/").status_code == 404
    assert client.get("/bestaat-niet/ook-niet/").status_code == 404


def test_a_routable_page_answers_its_own_sub_paths_before_a_child_of_that_name(client, home_page):
    manifest = ManifestPage.objects.get()
    actions_path = manifest.reverse_subpage("actions").strip("/")
    StandardPageFactory(parent=manifest, title="Schaduw", slug=actions_path)
    response = client.get(manifest.url + actions_path + "/")
    assert response.status_code == 200
    # The manifest's own list of actions, not the child page that has the same slug.
    assert response.context["page"].pk == manifest.pk
    assert "manifest/manifest_actions.html" in [t.name for t in response.templates]


def test_a_child_of_a_routable_page_is_served(client, home_page):
    agenda = EventIndexPage.objects.live().first()
    child = agenda.get_children().live().first().specific
    response = client.get(child.url)
    assert response.status_code == 200
    assert response.context["page"] == child


def test_a_restricted_page_and_its_children_ask_for_a_password(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Besloten")
    child = StandardPageFactory(parent=page, title="Besloten kind")
    assert client.get(child.url).status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim123456"
    )
    for url in (page.url, child.url):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Besloten kind" not in html and 'name="password"' in html


def test_an_alias_of_a_restricted_page_is_restricted_too(client, home_page):
    source = StandardPageFactory(parent=home_page, title="Bron")
    alias = source.create_alias(parent=home_page, update_slug="bron-alias")
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(alias.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_restricted_pages_leave_public_listings(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Ouder")
    StandardPageFactory(parent=parent, title="Open kind")
    hidden = StandardPageFactory(parent=parent, title="Verborgen kind")
    assert "Verborgen kind" in client.get(parent.url).content.decode()
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(parent.url).content.decode()
    assert "Open kind" in html and "Verborgen kind" not in html


def test_a_moved_page_is_served_at_its_new_url_at_once(client, home_page):
    first = StandardPageFactory(parent=home_page, title="Eerste")
    second = StandardPageFactory(parent=home_page, title="Tweede")
    page = StandardPageFactory(parent=first, title="Verhuizer")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.move(second, pos="last-child")
    page.refresh_from_db()
    # Wagtail leaves a redirect at the old URL.
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == page.url
    assert client.get(page.url).status_code == 200


def test_a_deleted_page_is_gone_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Weg")
    url = page.url
    assert client.get(url).status_code == 200
    page.delete()
    assert client.get(url).status_code == 404


def test_a_changed_site_setting_shows_on_the_next_request(client, home_page, site):
    client.get("/")
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Provincie Proef"
    settings.save()
    assert "Provincie Proef" in client.get("/").content.decode()


@pytest.mark.date_dependent
def test_an_event_leaves_the_home_page_when_its_last_session_ends(client, home_page, clock):
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
    clock.shift(session.ends_at + datetime.timedelta(minutes=1) - timezone.now())
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
    from tests.manifest.signatures import make_signature

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
    agenda = EventIndexPage.objects.live().first()
    event = EventSession.objects.published().upcoming().select_related("event").first().event
    assert event.title in client.get(agenda.url).content.decode()
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    assert event.title not in client.get(agenda.url).content.decode()
    assert event.title not in client.get(home_page.url).content.decode()
