"""The signatory wall on other sites: the embed page and who may frame it, the code and its
preview on the wall page, and the oEmbed endpoint (https://oembed.com, version 1.0)."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from django.utils.html import escape

from manifest.models import ManifestPage, Signature, SignatureState
from partners.factories import PartnerFactory

CSP = "Content-Security-Policy"
PROVINCE = "https://www.noord-holland.nl"


def frame_ancestors(response):
    for directive in response[CSP].split(";"):
        name, *values = directive.split()
        if name == "frame-ancestors":
            return values
    raise AssertionError(f"no frame-ancestors in {response[CSP]}")


class Elements(HTMLParser):
    """The start tags of a document, as (tag, attributes) pairs."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def all(self, tag):
        return [attributes for name, attributes in self.found if name == tag]


@pytest.fixture
def urls(home_page):
    manifest = ManifestPage.objects.live().get()

    def route(name):
        return manifest.url + manifest.reverse_subpage(name)

    return {
        "wall": route("signatories"),
        "embed": route("signatories_embed"),
        "oembed": route("oembed"),
        "manifest": manifest.url,
        "home": home_page.url,
    }


def approved_signature(name):
    partner = PartnerFactory(name=name, website="https://nieuwe-ondertekenaar.example.nl/")
    return Signature.objects.create(
        partner=partner,
        organisation_name=name,
        organisation_kind="bedrijfsleven",
        signer_name="Fatima de Vries",
        contact_email="fatima@nieuwe-ondertekenaar.example.nl",
        privacy_consent_at=timezone.now(),
        state=SignatureState.APPROVED,
        moderated_at=timezone.now(),
    )


# --- the embed page and its headers --------------------------------------------------------


def test_the_embed_page_may_be_framed_by_the_province_and_the_site_itself(client, urls):
    response = client.get(urls["embed"])
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'", PROVINCE]
    # X-Frame-Options cannot name an origin: here it would only contradict the policy.
    assert "X-Frame-Options" not in response


def test_the_embed_page_names_the_origins_of_the_setting(client, urls, settings):
    settings.WALL_EMBED_ORIGINS = ["https://www.noord-holland.nl", "https://intranet.example.nl"]
    response = client.get(urls["embed"])
    assert frame_ancestors(response) == ["'self'", *settings.WALL_EMBED_ORIGINS]


def test_every_other_page_refuses_to_be_framed(client, urls):
    for name in ("wall", "manifest", "home", "oembed"):
        response = client.get(urls[name])
        assert frame_ancestors(response) == ["'none'"], name
        assert response["X-Frame-Options"] == "DENY", name


def test_the_headers_are_the_same_on_page_cache_hits(client, urls, page_cache):
    expected = {"embed": (["'self'", PROVINCE], None), "wall": (["'none'"], "DENY")}
    for name, (ancestors, frame_options) in expected.items():
        first, second = client.get(urls[name]), client.get(urls[name])
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), name
        for response in (first, second):
            assert frame_ancestors(response) == ancestors, name
            assert response.get("X-Frame-Options") == frame_options, name


def test_the_embed_page_is_always_current(client, urls, page_cache):
    client.get(urls["embed"])
    assert client.get(urls["embed"])["X-Page-Cache"] == "hit"
    approved_signature("Nieuwlicht Installaties")
    response = client.get(urls["embed"])
    assert response["X-Page-Cache"] == "miss"
    assert "Nieuwlicht Installaties" in response.content.decode()


def test_the_embed_page_is_the_wall_alone(client, urls):
    html = client.get(urls["embed"]).content.decode()
    elements = Elements(html)
    approved = Signature.objects.approved().select_related("partner")
    # Every approved signatory, not one page of the wall's, and nothing of the site around it.
    assert len(elements.all("li")) == approved.count() > 0
    for signature in approved:
        assert escape(signature.partner.name) in html
    assert not elements.all("script") and not elements.all("nav")
    assert "site-header" not in html and "site-footer" not in html
    assert [link["href"] for link in elements.all("link") if link["rel"] == "stylesheet"] == [
        "/static/css/embed.css"
    ]
    assert ("meta", {"name": "robots", "content": "noindex"}) in elements.found


def test_each_logo_opens_the_signatory_site_in_a_new_tab(client, urls):
    html = client.get(urls["embed"]).content.decode()
    elements = Elements(html)
    logos = [link for link in elements.all("a") if "signatory-wall__link" in link.get("class", "")]
    assert logos
    for link in logos:
        assert link["target"] == "_blank"
        assert link["rel"] == "noopener noreferrer"
    assert html.count("(externe website, opent in een nieuw tabblad)") == len(logos)
    for image in elements.all("img"):
        assert image["loading"] == "lazy"
        assert int(image["width"]) <= 240 and int(image["height"]) <= 120
        assert ".max-240x120." in image["src"]


# --- the wall page: the code and its preview -----------------------------------------------


def test_the_wall_page_offers_the_code_and_a_preview(client, urls):
    response = client.get(urls["wall"])
    elements = Elements(response.content.decode())
    [field] = elements.all("textarea")
    assert "readonly" in field and field["id"] == "insluitcode"
    [button] = [b for b in elements.all("button") if "data-copy-code-button" in b]
    assert "hidden" in button  # shown by copy-code.js only where copying works
    [preview] = elements.all("iframe")
    assert preview["src"] == f"http://testserver{urls['embed']}"
    assert preview["title"].startswith("Ondertekenaars van het Manifest")
    # The code to copy is the preview's own markup.
    code = response.content.decode().split("data-copy-code-field>")[1].split("</textarea>")[0]
    assert "&lt;iframe src=&quot;http://testserver" + urls["embed"] in code
    # The page may show its own embed page in a frame, and still no other site's.
    policy = response[CSP]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com 'self'" in policy


def test_the_wall_page_links_its_oembed_answer(client, urls):
    elements = Elements(client.get(urls["wall"]).content.decode())
    [link] = [
        link for link in elements.all("link") if link.get("type") == "application/json+oembed"
    ]
    assert link["rel"] == "alternate" and link["title"]
    discovered = urlsplit(link["href"])
    assert discovered.path == urls["oembed"]
    assert parse_qs(discovered.query) == {
        "url": [f"http://testserver{urls['wall']}"],
        "format": ["json"],
    }
    assert client.get(link["href"]).status_code == 200


# --- oEmbed ----------------------------------------------------------------------------------


def oembed(client, urls, **params):
    params.setdefault("url", f"http://testserver{urls['wall']}")
    return client.get(urls["oembed"], params)


def test_the_oembed_answer_is_valid_rich_content(client, urls):
    response = oembed(client, urls)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    answer = response.json()
    # Required of every answer, and of type "rich" (oEmbed 1.0, sections 2.3.4 and 2.3.4.4).
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    for name in ("html", "width", "height"):
        assert name in answer
    assert isinstance(answer["width"], int) and isinstance(answer["height"], int)
    assert answer["width"] > 0 and answer["height"] > 0
    for name in ("title", "provider_name", "provider_url"):
        assert isinstance(answer[name], str) and answer[name]
    assert answer["provider_url"] == "http://testserver/"
    [(tag, iframe)] = Elements(answer["html"]).found
    assert tag == "iframe"
    assert iframe["src"] == f"http://testserver{urls['embed']}"
    assert iframe["title"] == answer["title"]
    assert (int(iframe["width"]), int(iframe["height"])) == (answer["width"], answer["height"])
    # The iframe shows the embed page.
    assert client.get(urlsplit(iframe["src"]).path).status_code == 200


def test_the_embed_page_address_is_answered_too(client, urls):
    response = oembed(client, urls, url=f"http://testserver{urls['embed']}", format="json")
    assert response.status_code == 200
    assert f"http://testserver{urls['embed']}" in response.json()["html"]


def test_maxwidth_and_maxheight_are_respected(client, urls):
    answer = oembed(client, urls, maxwidth="300", maxheight="0200").json()
    assert (answer["width"], answer["height"]) == (300, 200)
    assert 'width="300" height="200"' in answer["html"]
    # Larger than the wall needs: its own size.
    answer = oembed(client, urls, maxwidth="5000", maxheight=str(10**40)).json()
    assert (answer["width"], answer["height"]) == (640, 480)


@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/",
        "http://testserver/manifest/",
        "http://testserver/partners/",
        "https://elders.example.nl/manifest/ondertekenaars/",
        "javascript:alert(1)//testserver/manifest/ondertekenaars/",
        "/manifest/ondertekenaars/",
    ],
)
def test_other_addresses_are_not_found(client, urls, url):
    response = oembed(client, urls, url=url)
    assert response.status_code == 404
    assert response.json()["error"]["message"] == (
        "Voor dit adres is er geen code om in te sluiten."
    )
    # The shape of the open data's errors, details included.
    assert set(response.json()["error"]) == {"status", "message", "details"}


def test_xml_is_not_implemented(client, urls):
    response = oembed(client, urls, format="xml")
    assert response.status_code == 501
    assert "Alleen JSON" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"url": ""}, "Geef met de parameter url het adres van de pagina op."),
        ({"format": "yaml"}, "format kan alleen json zijn."),
        (
            {"maxwidth": "breed"},
            "maxwidth moet een positief geheel getal zijn (een aantal pixels).",
        ),
        (
            {"maxheight": "-10"},
            "maxheight moet een positief geheel getal zijn (een aantal pixels).",
        ),
        ({"maxwidth": "0"}, "maxwidth moet een positief geheel getal zijn (een aantal pixels)."),
        ({"maxwidth": "3.5"}, "maxwidth moet een positief geheel getal zijn (een aantal pixels)."),
        (
            {"maxheight": "٣٠٠"},
            "maxheight moet een positief geheel getal zijn (een aantal pixels).",
        ),
    ],
)
def test_bad_values_get_a_dutch_400(client, urls, params, message):
    response = oembed(client, urls, **params)
    assert response.status_code == 400
    assert response.json() == {"error": {"status": 400, "message": message, "details": []}}


def test_only_reading_is_allowed(client, urls):
    assert client.post(urls["oembed"], {"url": f"http://testserver{urls['wall']}"}).status_code == (
        405
    )
