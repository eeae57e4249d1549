"""An image whose original file is gone from storage (a lost file, an object-storage hiccup)
costs a page or an open-data record that image, never the whole answer: the share image falls
back to the site's, the open data gives null for the logo, the JSON-LD leaves it out, and a
warning names the image so operators can restore the file."""

import csv
import io
import json
import logging
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model

from api.endpoints import CSV_SEPARATOR
from core.models import ShareSettings
from manifest.models import Signature, SignatureState
from partners.factories import PartnerFactory
from tests.images import png_upload

pytestmark = pytest.mark.django_db

NAME = "Verloren Logo Techniek BV"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]*)">')


@pytest.fixture
def partner_with_a_lost_logo(home_page):
    """A live, signing partner whose logo's original file is no longer in storage, and of
    which no rendition was made while it was."""
    logo = get_image_model().objects.create(title="Logo dat kwijt is", file=png_upload())
    partner = PartnerFactory(name=NAME, logo=logo)
    Signature.objects.create(
        partner=partner,
        organisation_name=NAME,
        organisation_kind="bedrijfsleven",
        state=SignatureState.APPROVED,
        privacy_consent_at=timezone.now(),
    )
    logo.renditions.all().delete()
    logo.file.storage.delete(logo.file.name)
    assert not logo.file.storage.exists(logo.file.name)
    return partner


def lost_file_warnings(caplog, image):
    return [
        record
        for record in caplog.records
        if record.levelno == logging.WARNING and str(image.pk) in record.getMessage()
    ]


def test_the_profile_page_leaves_the_lost_logo_out(client, partner_with_a_lost_logo, caplog):
    partner = partner_with_a_lost_logo
    with caplog.at_level(logging.WARNING):
        response = client.get(partner.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    [organization] = [
        data
        for data in map(json.loads, JSON_LD.findall(html))
        if data.get("@type") in {"Organization", "EducationalOrganization"}
    ]
    assert organization["name"] == NAME
    assert "logo" not in organization
    # Shared as a page without an image of its own: the house image.
    [share_image] = OG_IMAGE.findall(html)
    assert share_image.endswith(".png") and "/images/" not in share_image
    assert lost_file_warnings(caplog, partner.logo)


def share_image_of_the_profile(client, partner, site, default_image):
    share = ShareSettings.for_site(site)
    share.default_image = default_image
    share.save()
    response = client.get(partner.get_absolute_url())
    assert response.status_code == 200
    [share_image] = OG_IMAGE.findall(response.content.decode())
    return share_image


def test_a_lost_share_image_gives_way_to_the_sites_default(client, partner_with_a_lost_logo, site):
    default = get_image_model().objects.create(title="Deelbeeld", file=png_upload("deel.png"))

    share_image = share_image_of_the_profile(client, partner_with_a_lost_logo, site, default)

    assert "/images/deel" in share_image


def test_a_lost_default_share_image_gives_way_to_the_house_image(
    client, partner_with_a_lost_logo, site
):
    lost = partner_with_a_lost_logo.logo

    share_image = share_image_of_the_profile(client, partner_with_a_lost_logo, site, lost)

    assert share_image.endswith(".png") and "/images/" not in share_image


@pytest.mark.parametrize("endpoint", ["partners", "ondertekenaars"])
def test_the_open_data_gives_null_for_the_lost_logo(
    client, partner_with_a_lost_logo, endpoint, caplog
):
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("api:list", args=[endpoint]) + "?per_pagina=100")

    assert response.status_code == 200
    [item] = [item for item in json.loads(response.content)["results"] if item["name"] == NAME]
    assert item["logo"] is None
    assert lost_file_warnings(caplog, partner_with_a_lost_logo.logo)


@pytest.mark.parametrize("endpoint", ["partners", "ondertekenaars"])
def test_the_csv_leaves_the_lost_logo_empty(client, partner_with_a_lost_logo, endpoint):
    response = client.get(reverse("api:csv", args=[endpoint]))

    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = csv.DictReader(io.StringIO(text.decode("utf-8-sig")), delimiter=CSV_SEPARATOR)
    [row] = [row for row in rows if row["name"] == NAME]
    assert row["logo"] == ""
