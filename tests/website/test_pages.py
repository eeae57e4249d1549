import re

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from website.factories import StandardPageFactory


def test_home_page_shows_the_real_content(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert home_page.hero_title in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert 'aria-label="Hoofdmenu"' in html


@pytest.mark.parametrize(
    "path",
    ["/manifest/", "/campussen/", "/agenda/", "/partners/", "/over-het-manifest/", "/privacy/"],
)
def test_standard_pages_render_with_breadcrumbs(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    page = home_page.get_children().get(url_path=f"/home{path}")
    assert f"<h1>{page.title}</h1>" in html
    assert 'aria-label="Kruimelpad"' in html


def test_main_menu_lists_the_sections_and_marks_the_current_page(client, home_page):
    html = client.get("/agenda/").content.decode()
    menu = html[html.index('id="hoofdmenu"') : html.index("</nav>")]
    for title in ["Het manifest", "Campussen", "Agenda", "Partners", "Achtergrond"]:
        assert title in menu
    assert re.search(r'href="/agenda/" aria-current="page"', menu)
    assert "Privacyverklaring" not in menu


def test_footer_shows_site_settings_and_service_links(client, home_page):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "manifest@noord-holland.nl" in footer
    assert 'href="/privacy/"' in footer


def test_standard_page_renders_every_block(client, home_page):
    image = Image.objects.create(title="Werkplaats", file=get_test_image_file())
    page = StandardPageFactory(
        parent=home_page,
        title="Alle blokken",
        slug="alle-blokken",
        body=[
            ("heading", {"text": "Een tussenkop", "level": "h2"}),
            ("paragraph", "<p>Een <b>alinea</b>.</p>"),
            (
                "image",
                {
                    "image": {
                        "image": image,
                        "alt_text": "Leerlingen aan een draaibank",
                        "decorative": False,
                    },
                    "caption": "In de werkplaats",
                },
            ),
            ("quote", {"text": "Techniek is overal.", "attribution": "Een docent"}),
            (
                "call_to_action",
                {
                    "title": "Doe mee",
                    "text": "",
                    "page": home_page,
                    "url": "",
                    "button_label": "Lees meer",
                },
            ),
            (
                "table",
                {
                    "data": [["Jaar", "Doel"], ["2023", "500 trajecten"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Doelen per jaar",
                },
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<h2 class="block-heading">Een tussenkop</h2>' in html
    assert "<b>alinea</b>" in html
    assert 'alt="Leerlingen aan een draaibank"' in html
    assert "<figcaption>In de werkplaats</figcaption>" in html
    assert "Techniek is overal." in html
    assert ">Lees meer</a>" in html
    assert '<th scope="col"' in html and "500 trajecten" in html


def test_unknown_page_gives_the_dutch_404(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert '<html lang="nl"' in html


def test_server_error_page_is_dutch(client, home_page):
    # Django's own handler: it renders 500.html without context processors that might touch
    # the database, which may be what failed.
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_robots_txt_points_to_the_sitemap_on_the_public_address(client, home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.werkenenontwikkelen2030.nl"
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert (
        "Sitemap: https://www.werkenenontwikkelen2030.nl/sitemap.xml" in response.content.decode()
    )
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_lists_live_pages(client, home_page):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/over-het-manifest/" in response.content.decode()


def test_security_txt_follows_rfc_9116(client, home_page):
    from datetime import UTC, datetime

    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"].startswith(("mailto:", "https://"))
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert expires > datetime.now(UTC)


def test_favicon_redirects_to_the_svg(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_admin_login_page_is_served(client, db):
    assert client.get("/admin/login/").status_code == 200


def test_responses_carry_security_headers(client, home_page):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_home_page_features_the_main_sections(client, home_page):
    html = client.get("/").content.decode()
    featured = html[html.index('id="featured-title"') :]
    for path in ["/manifest/", "/campussen/", "/agenda/", "/partners/"]:
        assert f'href="{path}"' in featured
