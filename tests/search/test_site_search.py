"""The site-wide search at /zoeken/, on the real initial content plus what each test adds."""

import re
from unittest import mock

import pytest
from django.db import OperationalError
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from manifest.factories import InitiativeFactory
from partners.factories import PartnerFactory
from search import site
from tests.conftest import count_queries
from website import views
from website.factories import StandardPageFactory

URL = "/zoeken/"


def search(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response


def groups(response):
    return {group.heading: group for group in response.context["found"]["results"].groups}


def shown_groups(response):
    """The groups the page shows: those with hits."""
    return {heading: group for heading, group in groups(response).items() if group.total}


def titles(response, heading):
    return [hit.title for hit in groups(response)[heading].hits]


def headings(response):
    return re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", response.content.decode())


def test_a_word_finds_pages_partners_initiatives_campuses_and_events_grouped(client, home_page):
    response = search(client, "techniek")
    found = shown_groups(response)
    assert list(found) == ["Pagina's", "Partners", "Initiatieven", "Campussen", "Agenda"]
    assert "Achtergrond" in titles(response, "Pagina's")
    assert "ROC Duinstreek (demo)" in titles(response, "Partners")
    assert "Techniekdagen voor gezinnen in Amsterdam" in titles(response, "Initiatieven")
    assert "TechLands" in titles(response, "Campussen")
    assert any(title.startswith("PET ") for title in titles(response, "Agenda"))
    html = response.content.decode()
    for heading, group in found.items():
        assert 0 < len(group.hits) <= group.total
        assert f"{heading} ({group.total})".replace("'", "&#x27;") in html
    assert '<a href="/agenda/">Bekijk de hele agenda</a>' in html


def test_hits_link_to_their_pages_and_the_full_lists(client, home_page):
    response = search(client, "techniek")
    found = groups(response)
    html = response.content.decode()
    assert '<a href="/partners/roc-duinstreek/">ROC Duinstreek (demo)</a>' in html
    assert (
        '<a href="/initiatieven/techniekdagen-voor-gezinnen-amsterdam/">'
        "Techniekdagen voor gezinnen in Amsterdam</a>"
    ) in html
    assert '<a href="/over-het-manifest/">Achtergrond</a>' in html
    assert '<a href="/campussen/techlands/">TechLands</a>' in html
    assert found["Partners"].more_url == "/partners/?q=techniek"
    assert 'href="/partners/?q=techniek"' in html
    assert 'href="/initiatieven/">Toon alle initiatieven' in html


def test_every_link_in_the_results_opens(client, home_page):
    found = shown_groups(search(client, "techniek"))
    urls = [group.hits[0].url for group in found.values()]
    urls += [group.more_url for group in found.values() if group.more_url]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_hits_show_a_short_text(client, home_page):
    StandardPageFactory(parent=home_page, title="Kwikstaartpagina", intro="Over kwikstaarten.")
    PartnerFactory(name="Kwikstaart Techniek", short_description="Wij bouwen kwikstaarten.")
    InitiativeFactory(title="Kwikstaartproject kwikstaart", summary="Een kwikstaart per school.")
    html = search(client, "kwikstaart").content.decode()
    assert "Wij bouwen kwikstaarten." in html
    assert "Een kwikstaart per school." in html
    assert "Over kwikstaarten." in search(client, "Kwikstaartpagina").content.decode()


def test_a_group_shows_at_most_ten_hits_and_counts_them_all(client, home_page):
    response = search(client, "campus")
    campuses = groups(response)["Campussen"]
    assert campuses.total > 10
    assert len(campuses.hits) == 10
    assert f"Campussen ({campuses.total})" in response.content.decode()


def test_campuses_are_not_repeated_among_pages(client, home_page):
    response = search(client, "Techport")
    assert titles(response, "Campussen") == ["Techport"]
    assert "Techport" not in titles(response, "Pagina's")


def test_drafts_never_appear(client, home_page):
    PartnerFactory(name="Zwaluwstaart Gepubliceerd")
    PartnerFactory(name="Zwaluwstaart Concept", live=False)
    InitiativeFactory(title="Zwaluwstaart live initiatief", slug="zwaluwstaart-live")
    InitiativeFactory(
        title="Zwaluwstaart concept initiatief", slug="zwaluwstaart-concept", live=False
    )
    StandardPageFactory(parent=home_page, title="Zwaluwstaart conceptpagina", live=False)
    response = search(client, "zwaluwstaart")
    assert titles(response, "Partners") == ["Zwaluwstaart Gepubliceerd"]
    assert titles(response, "Initiatieven") == ["Zwaluwstaart live initiatief"]
    assert titles(response, "Pagina's") == []
    assert "concept" not in response.content.decode().lower()


def test_private_pages_never_appear(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Roerdomp besloten")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    StandardPageFactory(parent=home_page, title="Roerdomp openbaar")
    assert titles(search(client, "roerdomp"), "Pagina's") == ["Roerdomp openbaar"]


def test_empty_query_shows_the_form_and_a_hint_without_searching(client, home_page):
    with mock.patch.object(views, "site_search") as site_search:
        for query in ("", "   "):
            response = search(client, query)
            html = response.content.decode()
            assert response.context["found"]["results"] is None
            assert "Typ een of meer woorden" in html
            assert "Geen resultaten" not in html
        assert client.get(URL).status_code == 200
    site_search.assert_not_called()


def test_the_form_is_labelled_and_keeps_the_query(client, home_page):
    html = search(client, "techniek").content.decode()
    assert '<label for="id_q">Zoekterm</label>' in html
    assert re.search(r'<input type="search" id="id_q" name="q" value="techniek"', html)
    assert re.search(r'<form[^>]*method="get"[^>]*role="search"', html)
    assert '<button class="button button--primary" type="submit">Zoeken</button>' in html


def test_headings_are_in_order_and_breadcrumbs_end_in_zoeken(client, home_page):
    response = search(client, "techniek")
    html = response.content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])", html.split("<main")[1])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert "<title>Zoekresultaten voor ‘techniek’ |" in html
    assert re.search(
        r'aria-label="Kruimelpad">.*<span aria-current="page">Zoeken</span>', html, re.S
    )


@pytest.mark.parametrize(
    "query",
    ['"', '"techniek', "*", "tech*", "AND", "techniek AND", "(", "(techniek", "'; DROP TABLE",
     "'; DROP TABLE wagtailcore_page; --", "%", "%%", "NOT", "NEAR(a b)", "title:x", "^", "-",
     "\\", "\x00", "a\"b'c(d)*e%f"],
)  # fmt: skip
def test_search_syntax_and_sql_fragments_never_break_the_page(client, home_page, query):
    response = search(client, query)
    assert "Er ging iets mis" not in response.content.decode()


def test_a_query_the_backend_rejects_is_retried_as_plain_words(client, home_page):
    # FTS5 rejects an unbalanced double quote; the retry searches for the word alone, in the
    # same database transaction, which the rejected query must not have spoiled. PostgreSQL's
    # full-text parser accepts the quote, so there is nothing to retry there.
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite's FTS5 rejects an unbalanced quote")
    response = search(client, '"techniek')
    assert response.context["found"]["results"].searched_for == "techniek"
    assert "TechLands" in titles(response, "Campussen")
    assert "we hebben gezocht op ‘techniek’" in response.content.decode()


def test_a_query_that_fails_twice_gives_a_clear_message(client, home_page):
    with mock.patch.object(
        site, "search_groups", side_effect=OperationalError("fts5: syntax error")
    ) as search_groups:
        response = search(client, "techniek (")
    assert search_groups.call_count == 2
    assert search_groups.call_args.args[1] == "techniek"
    html = response.content.decode()
    assert "Er ging iets mis met deze zoekopdracht; probeer andere woorden." in html
    assert response.context["found"]["results"] is None


def test_a_very_long_query_is_cut_to_200_characters(client, home_page):
    response = search(client, "techniek " + "x" * 1000)
    assert len(response.context["query"]) == 200
    assert response.context["query"].startswith("techniek x")
    assert 'maxlength="200"' in response.content.decode()


def test_no_results_gives_a_friendly_message_with_tips(client, home_page):
    html = search(client, "qwxzvbnm").content.decode()
    assert "Geen resultaten voor ‘qwxzvbnm’" in html
    assert "Controleer de spelling." in html
    assert 'href="/partners/"' in html


def test_a_repeated_q_uses_the_last_value(client, home_page):
    response = client.get(f"{URL}?q=qwxzvbnm&q=Techport")
    assert response.context["query"] == "Techport"
    assert titles(response, "Campussen") == ["Techport"]


def test_editors_promoted_results_come_first(client, home_page):
    privacy = home_page.get_children().get(slug="privacy")
    query = Query.get("gegevens")
    SearchPromotion.objects.create(query=query, page=privacy, sort_order=0, description="Lees dit")
    response = search(client, "Gegevens")
    assert [hit.title for hit in response.context["found"]["promotions"]] == [privacy.title]
    html = response.content.decode()
    assert html.index("Aanbevolen") < html.index("groep-paginas")
    assert search(client, "techniek").context["found"]["promotions"] == []


def test_a_promotion_shows_from_the_next_search_and_goes_with_its_page(client, home_page):
    # The promotions are read once per content version: a change must still show at once.
    privacy = home_page.get_children().get(slug="privacy")
    assert search(client, "gegevens").context["found"]["promotions"] == []
    promotion = SearchPromotion.objects.create(
        query=Query.get("gegevens"), page=privacy, sort_order=0
    )
    assert [hit.title for hit in search(client, "gegevens").context["found"]["promotions"]] == [
        privacy.title
    ]
    privacy.unpublish()
    assert search(client, "gegevens").context["found"]["promotions"] == []
    promotion.delete()
    SearchPromotion.objects.create(
        query=Query.get("gegevens"), external_link_url="https://example.nl/avg", sort_order=0
    )
    [hit] = search(client, "gegevens").context["found"]["promotions"]
    assert hit.url == "https://example.nl/avg"


def test_a_promoted_external_link_without_text_shows_its_address(client, home_page):
    SearchPromotion.objects.create(
        query=Query.get("rooster"), external_link_url="https://example.nl/rooster", sort_order=0
    )
    [hit] = search(client, "rooster").context["found"]["promotions"]
    assert (hit.title, hit.url) == ("https://example.nl/rooster", "https://example.nl/rooster")


def test_queries_do_not_grow_with_the_number_of_partner_hits(client, home_page):
    for number in range(2):
        PartnerFactory(name=f"Querytel Partner {number}")
    path = f"{URL}?q=querytel"
    client.get(path)  # warm the site-root-paths cache, as any running site has it
    few = count_queries(client, path)
    for number in range(2, 20):
        PartnerFactory(name=f"Querytel Partner {number}")
    response = client.get(path)
    assert groups(response)["Partners"].total == 20
    assert count_queries(client, path) == few


def test_queries_do_not_grow_with_the_number_of_page_hits(client, home_page):
    for number in range(2):
        StandardPageFactory(parent=home_page, title=f"Queryvink {number}")
    path = f"{URL}?q=queryvink"
    client.get(path)
    few = count_queries(client, path)
    for number in range(2, 20):
        StandardPageFactory(parent=home_page, title=f"Queryvink {number}")
    response = client.get(path)
    assert groups(response)["Pagina's"].total == 20
    assert count_queries(client, path) == few


def test_partners_are_found_through_the_directory_search_even_with_a_typo(client, home_page):
    response = search(client, "instalatie")
    assert "Kustwerk Installatietechniek BV (demo)" in titles(response, "Partners")


def test_a_group_from_a_backend_without_a_queryset_is_counted_then_fetched():
    # Elasticsearch's Wagtail backend answers with results that are no queryset: no window
    # count there, the total is asked for separately.
    class Results(list):
        def count(self):
            return len(self)

    assert site.first_hits_and_total(Results(range(15)), 10) == (list(range(10)), 15)
    assert site.first_hits_and_total(Results(), 10) == ([], 0)
