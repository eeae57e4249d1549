"""Holes in the signing flow found by trying it as an attacker would. Each test here failed
on the code before its fix; its docstring says what went wrong."""

import io
import json
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ValidationError
from django.urls import reverse
from PIL import Image

from manifest.forms import LogoField
from manifest.models import Signature
from partners.factories import PartnerFactory
from tests.images import png_bytes, png_upload
from tests.manifest.signatures import SIGN_URL, confirm_link_from_mail, form_data


def published_partner_without_logo():
    partner = PartnerFactory(
        name="Zaanmeer Procestechniek", website="https://zaanmeer.example.nl/", is_demo=False
    )
    partner.save_revision().publish()
    return partner


def test_a_submission_puts_no_logo_on_a_published_partner(client, home_page):
    """A proposed logo appeared on a published partner without one."""
    partner = published_partner_without_logo()
    profile = client.get(partner.get_absolute_url()).content.decode()
    directory = client.get("/partners/", {"q": "Zaanmeer"}).content.decode()

    response = client.post(
        SIGN_URL, form_data(organisation_name="Zaanmeer Procestechniek", logo=png_upload())
    )
    assert response.status_code == 303
    partner.refresh_from_db()
    assert partner.logo_id is None
    assert client.get(partner.get_absolute_url()).content.decode() == profile
    assert client.get("/partners/", {"q": "Zaanmeer"}).content.decode() == directory


def test_an_unconfirmed_submission_neither_blocks_nor_shows_the_organisation(client, home_page):
    """An unconfirmed submission claimed the organisation and showed who sent it."""
    squatter = form_data(signer_name="Ingrid Indringer", contact_email="ingrid@elders.example.nl")
    assert client.post(SIGN_URL, squatter).status_code == 303
    cache.clear()
    real = client.post(SIGN_URL, form_data())
    assert real.status_code == 303
    html = client.get(real["Location"]).content.decode()
    assert "Ingrid" not in html and "elders.example.nl" not in html
    assert Signature.objects.filter(organisation_name="Duinzicht Elektrotechniek").count() == 2


BOMB_CHECK = """
import io, os, resource, struct, sys, zlib
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ValidationError
from manifest.forms import LogoField

def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

side = 12000
row = b"\\x00" * (1 + side * 4)
packer = zlib.compressobj(9)
pixels = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
header = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)  # RGBA
png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
png += chunk(b"IEND", b"")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    LogoField().clean(SimpleUploadedFile("logo.png", png, content_type="image/png"))
    refused = ""
except ValidationError as error:
    refused = error.messages[0]
grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"kilobytes": len(png) // 1024, "grown_mb": grown_kb // 1024, "refused": refused}))
""".replace("import io,", "import json, io,")


def test_a_small_file_claiming_a_huge_image_is_refused_before_decoding():
    """A 560 KB PNG of 12000 x 12000 pixels was decoded first (about 600 MB)."""
    result = subprocess.run(
        [sys.executable, "-c", BOMB_CHECK], capture_output=True, text=True, check=True
    )
    measured = json.loads(result.stdout)
    assert measured["kilobytes"] < 1024
    assert "12000 bij 12000 pixels" in measured["refused"]
    assert measured["grown_mb"] < 50, measured


def test_a_truncated_png_is_refused_with_a_dutch_message(client, home_page):
    """A truncated PNG gave a server error (500)."""
    truncated = png_bytes(size=(400, 200))[:-200]
    response = client.post(
        SIGN_URL, form_data(logo=SimpleUploadedFile("logo.png", truncated, "image/png"))
    )
    assert response.status_code == 400
    assert "beschadigd of onvolledig" in response.content.decode()


def test_rejecting_an_approved_signature_takes_the_organisation_off_the_site(
    client, admin_client, home_page
):
    """A rejected approval left the organisation on the public site."""
    client.post(SIGN_URL, form_data())
    signature = Signature.objects.get(organisation_name="Duinzicht Elektrotechniek")
    signature.confirm()
    approve = reverse("wagtailsnippets_manifest_signature:approve", args=[signature.pk])
    assert admin_client.post(approve).status_code == 302
    signature.refresh_from_db()
    profile = signature.partner.get_absolute_url()
    assert client.get(profile).status_code == 200

    reject = reverse("wagtailsnippets_manifest_signature:reject", args=[signature.pk])
    admin_client.post(reject, {"reason": "Geen techniekorganisatie"})
    assert client.get(profile).status_code == 404
    assert "Duinzicht" not in client.get("/partners/").content.decode()
    assert "Duinzicht" not in client.get("/manifest/ondertekenaars/").content.decode()


def test_direction_overrides_in_names_are_refused(client, home_page):
    """U+202E and other direction overrides were shown as they came."""
    for field in ["organisation_name", "signer_name", "signer_role", "statement"]:
        response = client.post(SIGN_URL, form_data(**{field: "Duinzicht \u202egnp.exe"}))
        assert response.status_code == 400, field
        assert "onzichtbare tekens" in response.content.decode()
    assert not Signature.objects.filter(organisation_name__startswith="Duinzicht").exists()


def png_of(width, height):
    """A PNG of that size in very few bytes: one colour, one bit per pixel."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png")


def test_a_logo_has_no_more_pixels_than_a_logo_needs(client, home_page, settings):
    """A 4999 x 4999 PNG of 97 KB was accepted and cost a worker 100 MB and 2.2 s."""
    upload = png_of(4999, 4999)
    assert upload.size < 100 * 1024
    response = client.post(SIGN_URL, form_data(logo=upload))
    assert response.status_code == 400
    assert "Dit logo is te groot: 4999 bij 4999 pixels" in response.content.decode()
    assert not Signature.objects.filter(organisation_name="Duinzicht Elektrotechniek").exists()

    assert settings.LOGO_MAX_PIXELS == 2000 * 2000
    assert LogoField().clean(png_of(2000, 2000))
    with pytest.raises(ValidationError, match="te groot"):
        LogoField().clean(png_of(4001, 1000))


@pytest.mark.parametrize(
    "character",
    ["\r\n", "\n", "\r", "\t", "\U000e0041", "\u3164", "\u2028", "\u00ad", "\u200d", "\u2800"],
    ids=["crlf", "lf", "cr", "tab", "tag-a", "hangul-filler", "line-sep", "soft-hyphen",
         "zwj", "braille-blank"],
)  # fmt: skip
def test_names_with_control_or_invisible_characters_are_refused(client, home_page, character):
    """CR/LF in an organisation name made the moderators' notice fail (BadHeaderError), and
    invisible characters were stored: a name could look blank."""
    for field in ["organisation_name", "signer_name", "signer_role"]:
        value = f"Duinzicht{character}Elektrotechniek"
        response = client.post(SIGN_URL, form_data(**{field: value}))
        assert response.status_code == 400, field
        assert "onzichtbare tekens of regeleinden" in response.content.decode()
    assert client.post(SIGN_URL, form_data(organisation_name=character * 3)).status_code == 400
    assert not Signature.objects.filter(contact_email="piet@duinzicht.example.nl").exists()


def test_a_statement_keeps_its_line_breaks(client, home_page):
    statement = "Wij leiden vakmensen op.\r\nEn wij nemen stagiairs aan."
    assert client.post(SIGN_URL, form_data(statement=statement)).status_code == 303
    assert Signature.objects.get(contact_email="piet@duinzicht.example.nl").statement == statement


def test_the_signing_pages_are_never_stored(client, home_page):
    """The pages behind a mailed link are personal: no page cache, proxy or browser keeps them."""
    client.post(SIGN_URL, form_data())
    confirm = confirm_link_from_mail()
    for url in (SIGN_URL, confirm, "/manifest/ondertekenen/bevestigen/onbekend/"):
        for method in (client.get, client.post):
            directives = {part.strip() for part in method(url)["Cache-Control"].split(",")}
            assert {"private", "no-store"} <= directives, url
