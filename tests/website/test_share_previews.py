"""Every public page type tells what a shared link shows (Open Graph, X cards) and its
canonical address on SITE_URL; the defaults come from the site settings."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Site

from core.models import ShareSettings
from manifest.models import ManifestAction, ManifestPage
from partners.models import Partner
from tests.bench.page_urls import page_urls
from tests.images import png_upload

PUBLIC_ADDRESS = "https://www.werkenenontwikkelen2030.nl"


def meta(html):
    found = dict(
        re.findall(r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)"', html)
    )
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    found["canonical"] = canonical.group(1) if canonical else None
    return found


def public_paths():
    """Every public page type (tests/bench/page_urls.py) but the calendar file and the wall's
    embed page, which are not pages to share."""
    not_shared = ("feed.ics", "wall embed")
    return {name: path for name, path in page_urls().items() if name not in not_shared}


@pytest.fixture
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ADDRESS


def test_every_public_page_type_has_share_tags(client, home_page, public_address):
    for name, path in public_paths().items():
        response = client.get(path)
        assert response.status_code == 200, name
        tags = meta(response.content.decode())
        assert tags["og:title"], name
        assert tags["twitter:title"] == tags["og:title"], name
        assert tags["og:site_name"] == "Werken &amp; Ontwikkelen 2030 Noord-Holland", name
        assert tags["canonical"] == PUBLIC_ADDRESS + path.split("?")[0], name
        assert tags["og:url"] == tags["canonical"], name
        assert tags["og:image"].startswith(PUBLIC_ADDRESS + "/"), name
        assert tags["twitter:card"] in {"summary", "summary_large_image"}, name


def test_titles_and_descriptions_describe_what_is_shown(client, home_page):
    action = ManifestAction.objects.order_by("pk").first()
    tags = meta(client.get(action.get_absolute_url()).content.decode())
    assert tags["og:title"] == str(action)
    assert tags["og:description"] == action.summary
    manifest = ManifestPage.objects.get()
    wall = meta(client.get(manifest.url + manifest.reverse_subpage("signatories")).content.decode())
    assert wall["og:title"] == "Ondertekenaars"
    partner = Partner.objects.live().exclude(logo=None).first()
    tags = meta(client.get(partner.get_absolute_url()).content.decode())
    assert tags["og:title"] == partner.name
    assert "/images/" in tags["og:image"]
    assert tags["twitter:card"] == "summary"  # a logo is not cropped to a banner


def test_the_default_image_and_account_come_from_the_settings(client, home_page):
    share = ShareSettings.for_site(Site.objects.get(is_default_site=True))
    share.default_image = get_image_model().objects.create(
        title="Deelbeeld", file=png_upload("deel.png", size=(1600, 900))
    )
    share.x_account = "@NoordHolland"
    share.save()
    tags = meta(client.get(reverse("manifest:initiative_list")).content.decode())
    assert re.search(r"/images/.+\.fill-1200x630\.", tags["og:image"]), tags["og:image"]
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:site"] == "@NoordHolland"


def test_without_a_default_image_the_house_image_is_shared(client, home_page):
    tags = meta(client.get(reverse("manifest:initiative_list")).content.decode())
    assert tags["og:image"].endswith(".png") and "/static/img/share" in tags["og:image"]


def test_an_invalid_x_account_is_refused_in_dutch():
    share = ShareSettings(site=Site(), x_account="iedereen mag dit")
    with pytest.raises(ValidationError) as error:
        share.full_clean(exclude=["site"])
    assert "accountnaam" in str(error.value)


def test_personal_links_have_no_share_tags(client, home_page):
    manifest = ManifestPage.objects.get()
    path = manifest.url + manifest.reverse_subpage("sign_confirm", args=["ongeldig"])
    html = client.get(path).content.decode()
    assert meta(html) == {"canonical": None}
