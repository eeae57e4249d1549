import json
import re

import pytest

from campuses.models import CampusPage
from partners.factories import PartnerFactory
from partners.models import Partner
from tests.conftest import count_queries


def test_all_seventeen_campuses_render(client, home_page):
    campuses = CampusPage.objects.live()
    assert campuses.count() == 17
    assert campuses.filter(kind="project-pps").count() == 3
    for campus in campuses:
        response = client.get(campus.url)
        assert response.status_code == 200, campus.title
        assert f"<h1>{campus.title}</h1>".replace("&", "&amp;") in response.content.decode()


def test_index_groups_by_economic_region_and_shows_the_map(client, home_page):
    html = client.get("/campussen/").content.decode()
    assert html.index(">Noord-Holland Noord</h2>") < html.index(">Metropoolregio Amsterdam</h2>")
    assert "17 campussen" in html
    assert html.count('class="campus-map__marker"') >= 10
    assert 'aria-label="Techport"' in html


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("?regio=noord-holland-noord", "Tech@Connect", "Techport"),
        ("?sector=luchtvaart", "Luchtvaart Community Schiphol", "VTi"),
        ("?niveau=hbo", "3D Makers Zone", "Greenport Aalsmeer"),
    ],
)
def test_index_filters(client, home_page, query, expected, absent):
    response = client.get(f"/campussen/{query}")
    titles = [campus.title for campus in response.context["campuses"]]
    assert expected in titles
    assert absent not in titles


@pytest.mark.parametrize(
    "query", ["?regio=999", "?sector=" + "x" * 3000, "?niveau=<script>", "?regio=a&regio=b"]
)
def test_index_ignores_bad_filters(client, home_page, query):
    response = client.get(f"/campussen/{query}")
    assert response.status_code == 200
    assert len(response.context["campuses"]) == 17


def test_campus_page_groups_partners_by_kind_and_has_json_ld(client, home_page):
    campus = CampusPage.objects.get(slug="3d-makers-zone")
    html = client.get(campus.url).content.decode()
    assert "Onderwijs (" in html and "Nova College" in html and "Inholland" in html
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert "EducationalOrganization" in data["@type"] and data["name"] == "3D Makers Zone"
    assert data["geo"]["latitude"] == pytest.approx(52.3812)
    assert '<meta property="og:title" content="3D Makers Zone">' in html


def test_draft_partners_are_not_shown_on_a_campus(client, campus):
    draft = PartnerFactory(name="Concept Partner", live=False)
    campus.partners.add(draft)
    campus.save_revision().publish()
    assert "Concept Partner" not in client.get(campus.url).content.decode()


@pytest.mark.parametrize("path", ["/campussen/", "/campussen/techport/"])
def test_queries_do_not_grow_with_partners_per_campus(client, campus, path):

    def link(count):
        campus.partners = list(Partner.objects.filter(is_demo=True)) + PartnerFactory.create_batch(
            count
        )
        campus.save_revision().publish()

    link(5)
    client.get(path)  # publishing empties the cached page URLs: warm them, as visitors do
    few = count_queries(client, path)
    link(100)
    client.get(path)
    assert count_queries(client, path) == few


def test_the_map_names_the_campuses_it_cannot_place(client, home_page):
    # The facts give no place for seven campuses: they are in the list, and named under the map.
    html = client.get("/campussen/").content.decode()
    caption = re.search(r'<figcaption class="campus-map__caption">(.*?)</figcaption>', html, re.S)
    for name in ["Greenport NHN", "Purmervalley", "House of Skills", "Techvalley"]:
        assert name in caption.group(1)
    unplaced = caption.group(1).split("niet op de kaart: ", 1)[1].rstrip(".").split(", ")
    assert html.count('class="campus-map__marker"') + len(unplaced) == 17


def facts_and_tags(html):
    facts = re.search(r'<dl class="facts facts--wide">(.*?)</dl>', html, re.S).group(1)
    tags = re.findall(r'<ul class="tag-list"[^>]*>(.*?)</ul>', html, re.S)
    return facts, tags


def test_a_campus_shows_its_lists(client, home_page):
    from core.models import EducationLevel, Offer, Region, SectorTag

    campus = CampusPage.objects.get(slug="3d-makers-zone")
    campus.region = Region.objects.last()
    campus.levels = EducationLevel.objects.all()[:3]
    campus.offers = Offer.objects.order_by("-sort_order")[:2]
    campus.sectors.set(SectorTag.objects.order_by("-name")[:3])
    campus.lead_schools = [PartnerFactory(name="Zuiderschool"), PartnerFactory(name="Aschool")]
    campus.save_revision().publish()
    campus = CampusPage.objects.get(pk=campus.pk)
    html = client.get(campus.url).content.decode()
    facts, (sectors, offers) = facts_and_tags(html)
    assert f"<dd>{campus.region.name}</dd>" in facts
    assert ", ".join(str(level) for level in campus.levels.all()) in facts
    assert ", ".join(school.name for school in campus.lead_schools.all()) in facts
    expected = sorted(item.tag.name for item in campus.tagged_sectors.all())
    assert re.findall(r"<li>(.*?)</li>", sectors) == expected
    assert re.findall(r"<li>(.*?)</li>", offers) == [offer.name for offer in campus.offers.all()]


def test_a_preview_shows_the_draft_lists_not_the_published_ones(home_page):
    from core.models import EducationLevel, Offer, SectorTag

    campus = CampusPage.objects.get(slug="3d-makers-zone")
    level = EducationLevel.objects.exclude(pk__in=campus.levels.all()).first()
    offer = Offer.objects.exclude(pk__in=campus.offers.all()).first()
    sector = SectorTag.objects.exclude(pk__in=campus.sectors.all()).first()
    school = PartnerFactory(name="Conceptschool")
    campus.levels = [level]
    campus.offers = [offer]
    campus.sectors.set([sector])
    campus.lead_schools = [school]
    draft = campus.save_revision().as_object()

    html = draft.make_preview_request().content.decode()
    facts, (sectors, offers) = facts_and_tags(html)
    assert f"<dd>{level.name}</dd>" in facts and "<dd>Conceptschool</dd>" in facts
    assert re.findall(r"<li>(.*?)</li>", sectors) == [sector.name]
    assert re.findall(r"<li>(.*?)</li>", offers) == [offer.name]
