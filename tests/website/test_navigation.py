"""The two-level main menu driven by "Toon in menu's", and sub-pages listed on their parent: a
new sub-page is found through the menu or on its parent, as the editor chose."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from wagtail.models import Page

from website.factories import StandardPageFactory
from website.models import StandardPage


@pytest.fixture
def about(home_page):
    return Page.objects.get(slug="over-het-manifest").specific


def main_nav(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.select_one("nav.main-nav")


def test_a_sub_page_in_the_menu_is_under_its_parent_with_a_disclosure_button(client, about):
    StandardPageFactory(parent=about, title="Ons team", show_in_menus=True)
    nav = main_nav(client, "/")
    parent_item = next(
        item for item in nav.select("li.main-nav__item") if item.a.get_text() == about.title
    )
    button = parent_item.select_one("button.main-nav__sub-toggle")
    assert button["aria-expanded"] == "false"
    submenu = parent_item.select_one(f"ul#{button['aria-controls']}")
    assert [link.get_text() for link in submenu.select("a")] == ["Ons team"]
    assert button.get_text(strip=True) == f"Onderdelen van {about.title}"


def test_a_sub_page_out_of_the_menu_is_listed_on_its_parent_only(client, about):
    hidden = StandardPageFactory(parent=about, title="Archief 2025", show_in_menus=False)
    assert "Archief 2025" not in str(main_nav(client, "/"))
    parent_html = client.get(about.url).content.decode()
    assert "Archief 2025" in parent_html and hidden.url in parent_html


def test_the_menu_follows_the_tree(client, home_page):
    hidden_parent = StandardPageFactory(parent=home_page, title="Verborgen", show_in_menus=False)
    StandardPageFactory(parent=hidden_parent, title="Weeskind", show_in_menus=True)
    draft = StandardPageFactory(parent=home_page, title="Nog niet live", show_in_menus=True)
    draft.unpublish()
    nav = str(main_nav(client, "/"))
    assert "Weeskind" not in nav and "Nog niet live" not in nav


def test_the_current_page_and_its_parent_are_marked(client, about):
    child = StandardPageFactory(parent=about, title="Ons team", show_in_menus=True)
    nav = main_nav(client, child.url)
    assert nav.find("a", string=about.title)["aria-current"] == "true"
    assert nav.find("a", string="Ons team")["aria-current"] == "page"
    assert not nav.find("a", string="Home").get("aria-current")


def test_a_new_standard_page_is_in_the_menu_unless_the_editor_unticks_it(db):
    assert StandardPage().show_in_menus is True


def test_made_up_paths_share_one_cached_header(client, home_page):
    cache = caches["default"]
    cache.clear()
    for number in range(20):
        client.get(f"/bestaat-niet-{number}/")
    headers = [key for key in cache._cache if "content:site-header" in key]
    assert len(headers) == 1
