import json
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core.models import Region
from partners.factories import PartnerFactory
from partners.models import Partner
from search import service
from tests.conftest import count_queries
from tests.partners.directory import CARD_LINK


def found(client, query):
    """The response and the slugs of the partners whose cards it shows, in order."""
    response = client.get(f"/partners/{query}")
    assert response.status_code == 200
    return response, CARD_LINK.findall(response.content.decode())


def test_installatie_in_groot_amsterdam(client, home_page):
    response, slugs = found(client, "?q=installatie&regio=groot-amsterdam")
    assert set(slugs) == {"grachtstroom-energiediensten", "amstelwerf-techniekcollege"}
    html = response.content.decode()
    assert "2 partners gevonden" in html
    assert "<mark>" in html


def test_a_typo_is_survived_and_said(client, home_page):
    response, slugs = found(client, "?q=instalatie")
    assert "kustwerk-installatietechniek" in slugs
    assert "Geen resultaten voor <strong>instalatie</strong>" in response.content.decode()


def test_facet_counts_follow_the_other_filters(client, home_page):
    response, slugs = found(client, "?regio=groot-amsterdam")
    facets = dict(response.context["facets"])
    by_param = {
        facet.param: {v.value: v.count for v in values if v.count}
        for facet, values in facets.items()
    }
    assert by_param["soort"] == {"bedrijfsleven": 2, "onderwijs": 1}
    live_in_nhn = Partner.objects.live().filter(regions__slug="noord-holland-noord").count()
    assert by_param["regio"]["noord-holland-noord"] == live_in_nhn


def test_empty_result_suggests_removing_a_filter(client, home_page):
    response, slugs = found(client, "?q=kustwerk&regio=gooi-en-vechtstreek")
    assert slugs == []
    html = response.content.decode()
    assert "Probeer een filter weg te laten" in html
    assert "?q=kustwerk" in html


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "techniek " * 1300,
        '?q="installatie',
        "?q=instal*",
        "?q=AND",
        "?q=(techniek",
        "?q=%27%3B+DROP+TABLE+partners_partner%3B--",
        "?q=NEAR(a+b)",
        "?regio=atlantis&sector=%00",
        "?q=tech%00niek&soort=%00onderwijs",
        "?pagina=-1",
        "?pagina=abc",
        "?pagina=99999",
        "?sortering=hack",
        "?soort=onderwijs&soort=onderwijs&q=a&q=b",
    ],
)
def test_bad_input_gives_a_normal_page(client, home_page, query):
    response = client.get(f"/partners/{query}")
    assert response.status_code == 200
    assert "gevonden" in response.content.decode()


@pytest.mark.parametrize("query", ["?soort=x", "?ondertekenaar=misschien", "?regio=atlantis"])
def test_an_unknown_filter_value_is_ignored_and_named_as_on_the_other_listings(
    client, home_page, query
):
    _, everyone = found(client, "")
    response, slugs = found(client, query)
    html = response.content.decode()
    assert "Niet alle filters konden worden toegepast" in html
    assert "die waarde kennen we niet" in html
    assert slugs == everyone
    assert response.context["active_filters"] == []


def test_far_past_the_end_shows_the_last_page(client, home_page):
    response, slugs = found(client, "?pagina=500")
    assert slugs


def test_drafts_from_the_signing_flow_are_not_listed(client, home_page):
    PartnerFactory(name="Nog Niet Goedgekeurd", slug="nog-niet", live=False)
    _, slugs = found(client, "?q=Goedgekeurd")
    assert "nog-niet" not in slugs
    assert client.get("/partners/nog-niet/").status_code == 404


def test_profile_shows_the_partner_with_json_ld(client, home_page):
    response = client.get("/partners/kustwerk-installatietechniek/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Kustwerk Installatietechniek BV (demo)</h1>" in html
    assert 'Heeft het <a href="/manifest/">manifest</a> ondertekend' in html
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Organization"
    assert data["name"] == "Kustwerk Installatietechniek BV (demo)"


def test_unknown_profile_is_the_dutch_404(client, home_page):
    response = client.get("/partners/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_autocomplete_suggests_names(client, home_page):
    response = client.get("/partners/suggesties/?q=kust")
    assert response.status_code == 200
    assert "Kustwerk Installatietechniek BV (demo)" in response.json()["suggestions"]
    assert client.get("/partners/suggesties/?q=k").json() == {"suggestions": []}


def test_directory_queries_do_not_grow_with_partners(client, home_page):
    region = Region.objects.get(slug="groot-amsterdam")
    path = "/partners/?q=techniek&regio=groot-amsterdam&sector=installatietechniek"
    client.get(path)
    PartnerFactory.create_batch(5, regions=[region], sectors=["installatietechniek"])
    # The first search after a change rebuilds the facet table: a fixed number of queries too.
    rebuild_after_few = count_queries(client, path)
    few = count_queries(client, path)
    PartnerFactory.create_batch(50, regions=[region], sectors=["installatietechniek", "energie"])
    assert count_queries(client, path) == rebuild_after_few
    assert count_queries(client, path) == few < rebuild_after_few


def test_a_dead_elasticsearch_falls_back_and_warns_staff(
    client, admin_client, home_page, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    cache.delete(service.OUTAGE_CACHE_KEY)
    _, slugs = found(client, "?q=installatie&regio=groot-amsterdam")
    assert set(slugs) == {"grachtstroom-energiediensten", "amstelwerf-techniekcollege"}
    assert service.recent_outage() is not None
    partner = Partner.objects.get(slug="kustwerk-installatietechniek")
    partner.short_description = "Aangepast terwijl Elasticsearch plat ligt."
    with django_capture_on_commit_callbacks(execute=True):
        partner.save()  # saving, and the index sync after it, keep working
    assert "niet bereikbaar" in admin_client.get("/admin/").content.decode()


def test_search_index_rebuild_reports_progress(home_page):
    import io

    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out)
    assert "Search backend: database" in out.getvalue()
    assert "partner:" in out.getvalue()


def test_logos_on_result_cards_cost_no_query_per_card(client, home_page):
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from tests.images import png_bytes

    def partners_with_logos(count, word):
        for number in range(count):
            logo = get_image_model().objects.create(
                title=f"Logo {word} {number}",
                file=ImageFile(io.BytesIO(png_bytes()), name=f"{word}{number}.png"),
            )
            PartnerFactory(name=f"Zonnewerf {word} {number}", logo=logo)

    path = "/partners/?q=zonnewerf"
    partners_with_logos(2, "a")
    client.get(path)
    client.get(path)  # renditions made, facet table built, fragments cached
    few = count_queries(client, path)
    partners_with_logos(6, "b")
    client.get(path)
    client.get(path)
    html = client.get(path).content.decode()
    assert html.count("max-160x80") >= 8
    assert count_queries(client, path) == few


def test_a_partner_profile_is_shared_as_an_article(client, home_page):
    partner = Partner.objects.live().first()
    html = client.get(partner.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html


FACET_GROUP = re.compile(r'<fieldset class="facet">\s*<legend>([^<]+)</legend>')


def test_several_words_that_find_nothing_fall_back_to_fewer_and_say_so(client, home_page):
    response, slugs = found(client, "?q=techniek mbo Alkmaar")
    assert slugs
    html = response.content.decode()
    assert (
        "Geen resultaten voor alle woorden van <strong>techniek mbo Alkmaar</strong>; "
        "getoond: resultaten voor <strong>techniek mbo</strong>."
    ) in html
    assert set(slugs) == set(found(client, "?q=techniek mbo")[1])
    assert "Onderwijsniveau" in FACET_GROUP.findall(html)


def test_the_filters_stay_when_nothing_is_found(client, home_page):
    response, slugs = found(client, "?q=qwxzv&soort=overig")
    assert slugs == []
    assert FACET_GROUP.findall(response.content.decode()) == [
        facet.label for facet, _ in response.context["facets"]
    ]


def test_a_facet_stays_with_its_values_at_zero_under_another_filter(client, home_page):
    response, slugs = found(client, "?soort=bedrijfsleven")
    assert "Onderwijsniveau" in FACET_GROUP.findall(response.content.decode())
    levels = {
        value.value: value.count
        for facet, values in response.context["facets"]
        if facet.param == "niveau"
        for value in values
    }
    assert levels["mbo"] == 0
    # And the question can be asked: companies active in mbo.
    response, slugs = found(client, "?soort=bedrijfsleven&niveau=mbo")
    assert "0 partners gevonden" in response.content.decode()


def test_a_profile_without_facts_shows_no_empty_box(client, home_page):
    html = client.get("/partners/inholland-alkmaar/").content.decode()
    assert "<h1>" in html
    assert 'class="facts' not in html
    assert 'class="facts' in client.get("/partners/kustwerk-installatietechniek/").content.decode()


def test_one_organisation_is_a_bedrijf_the_group_bedrijven(client, home_page):
    html = client.get("/partners/kustwerk-installatietechniek/").content.decode()
    assert '<p class="eyebrow">Bedrijf</p>' in html
    response, _ = found(client, "")
    kinds = {
        value.value: value.label
        for facet, values in response.context["facets"]
        if facet.param == "soort"
        for value in values
    }
    assert kinds["bedrijfsleven"] == "Bedrijven"
    assert "Bedrijfsleven" not in response.content.decode()
