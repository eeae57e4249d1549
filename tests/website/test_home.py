import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from wagtail.images.models import Image

from tests.conftest import load_initial_data
from tests.images import png_bytes
from website.blocks import FeaturedPageBlock, TaskLinkBlock


def section(html, start, end="</section>"):
    html = html[html.index(start) :]
    return html[: html.index(end)]


def test_each_audience_finds_its_task_in_the_banner(client, home_page):
    tasks = section(client.get("/").content.decode(), 'class="tasks"')
    # A school: the agenda filtered to PETs and to ouder-kind-dagen.
    assert "Voor scholen" in tasks
    assert 'href="/agenda/?soort=pet">Vind een PET voor uw klas</a>' in tasks
    assert 'href="/agenda/?soort=ouder-kind-dag">Vind een ouder-kind-dag</a>' in tasks
    # An organisation: the signing form and the directory.
    assert "Voor organisaties" in tasks
    assert 'href="/manifest/ondertekenen/">Onderteken het manifest</a>' in tasks
    assert 'href="/partners/">Vind partners</a>' in tasks
    # Everyone: a search form with a label.
    assert 'action="/zoeken/" role="search"' in tasks
    assert '<label for="home-search-q">' in tasks and 'id="home-search-q" name="q"' in tasks


@pytest.mark.parametrize("path", ["/agenda/?soort=pet", "/agenda/?soort=ouder-kind-dag"])
def test_the_school_tasks_open_the_filtered_agenda(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 200
    assert re.search(r'<option value="[^"]+" selected>', response.content.decode())


def test_the_signing_task_opens_the_form(client, home_page):
    assert client.get("/manifest/ondertekenen/").status_code == 200


def test_featured_cards_show_their_own_teaser_not_the_page_intro(client, home_page):
    featured = section(client.get("/").content.decode(), 'id="featured-title"')
    manifest = home_page.get_children().get(slug="manifest").specific
    assert manifest.intro[:40] not in featured
    assert "Zes thema's, de ambities voor 2030" in featured.replace("&#x27;", "'")
    assert "Op deze pagina" not in featured and "Hieronder vindt u" not in featured


def test_a_card_without_teaser_shows_no_intro(client, home_page):
    home_page.featured_pages = [("featured_page", {"page": home_page.get_children()[0]})]
    home_page.save_revision().publish()
    featured = section(client.get("/").content.decode(), 'id="featured-title"')
    assert "<p>" not in featured


def test_a_teaser_is_short():
    block = FeaturedPageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"page": None, "text": "x" * 161}))


@pytest.mark.parametrize("suffix", ["?soort=pet&doelgroep=basisschool", "ondertekenen/", ""])
def test_a_task_link_takes_a_filter_or_a_sub_page(home_page, suffix):
    block = TaskLinkBlock()
    value = {"label": "Vind", "page": home_page.pk, "suffix": suffix}
    assert block.clean(block.to_python(value))["suffix"] == suffix


@pytest.mark.parametrize("suffix", ['"><script>', "javascript:alert(1)", "//evil.example/"])
def test_a_task_link_refuses_anything_else(home_page, suffix):
    block = TaskLinkBlock()
    value = block.to_python({"label": "Vind", "page": home_page.pk, "suffix": suffix})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_the_banner_is_complete_without_an_image(client, home_page):
    assert home_page.hero_image is None
    hero = section(client.get("/").content.decode(), '<section class="hero')
    assert "<img" not in hero and "hero--image" not in hero
    assert home_page.hero_title in hero and 'class="tasks"' in hero


def test_the_banner_image_has_its_own_alt_text_and_is_cropped_around_its_focal_point(
    client, home_page
):
    image = Image.objects.create(
        title="IMG_2041.jpg",
        description="Een werkplaats",
        file=ImageFile(io.BytesIO(png_bytes(size=(1600, 1000))), name="werkplaats.png"),
        focal_point_x=1400,
        focal_point_y=500,
        focal_point_width=100,
        focal_point_height=100,
    )
    home_page.hero_image = image
    home_page.save_revision().publish()
    hero = section(client.get("/").content.decode(), 'class="hero__image"', "</div>")
    assert 'alt="Een werkplaats"' in hero

    home_page.hero_image_alt = "Leerlingen bouwen een zonnepaneel"
    home_page.save_revision().publish()
    hero = section(client.get("/").content.decode(), 'class="hero__image"', "</div>")
    assert 'alt="Leerlingen bouwen een zonnepaneel"' in hero
    # A fill rendition crops around the focal point: the right of the picture.
    rendition = image.get_rendition("fill-720x480")
    assert rendition.url.split("/")[-1].split(".")[0] in hero
    assert rendition.focal_point is not None and rendition.width == 720


@pytest.mark.parametrize("path", ["/", "/agenda/", "/privacy/", "/zoeken/?q=techniek"])
def test_every_page_has_the_search_field_in_its_header(client, home_page, path):
    header = section(client.get(path).content.decode(), '<header class="site-header"', "</header>")
    assert 'action="/zoeken/" role="search"' in header
    label = '<label class="visually-hidden" for="site-search-q">Zoek op deze website</label>'
    assert label in header
    assert '<input type="search" id="site-search-q" name="q">' in header


def test_the_menu_names_the_manifest_and_its_background_apart(client, home_page):
    menu = section(client.get("/").content.decode(), 'id="hoofdmenu"', "</nav>")
    titles = re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', menu)
    assert titles == [
        "Home",
        "Het manifest",
        "Campussen",
        "Agenda",
        "Partners",
        "Arbeidsmarkt in cijfers",
        "Achtergrond",
    ]


def test_loading_again_fills_in_empty_tasks_and_teasers_but_keeps_an_editors_text(
    transactional_db,
):
    home = load_initial_data()
    manifest, campuses = (block.value["page"] for block in home.featured_pages[:2])
    home.tasks = []
    home.featured_pages = [
        ("featured_page", {"page": manifest, "text": ""}),
        ("featured_page", {"page": campuses, "text": "Eigen tekst van de redactie."}),
    ]
    home.save_revision().publish()

    home = load_initial_data()
    assert [task.value["audience"] for task in home.tasks] == ["Voor scholen", "Voor organisaties"]
    texts = [block.value["text"] for block in home.featured_pages]
    assert texts[0].startswith("Zes thema's") and texts[1] == "Eigen tekst van de redactie."
