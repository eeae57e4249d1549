import pytest

from campuses.factories import CampusPageFactory
from campuses.models import CampusIndexPage
from core.factories import RegionFactory
from manifest.factories import InitiativeFactory, ManifestActionFactory, ThemeFactory
from tests.conftest import count_queries


# The initial content (with its demo initiatives) is present in every test, so the catalogue
# uses taxonomy of its own and the tests look at what it adds.
@pytest.fixture
def catalogue(home_page):
    actions = [
        ManifestActionFactory(title="Testactie A", slug="testactie-a"),
        ManifestActionFactory(title="Testactie B", slug="testactie-b"),
    ]
    themes = [ThemeFactory(name="Testthema A"), ThemeFactory(name="Testthema B")]
    regions = [RegionFactory(name="Testregio A"), RegionFactory(name="Testregio B")]
    campus = CampusPageFactory(
        parent=CampusIndexPage.objects.get(), title="Testcampus", slug="testcampus"
    )
    InitiativeFactory(
        title="Alpha",
        actions=[actions[0]],
        themes=[themes[0]],
        regions=[regions[0]],
        campuses=[campus],
    )
    InitiativeFactory(title="Bravo", actions=[actions[0]], themes=[themes[1]], regions=[regions[1]])
    InitiativeFactory(
        title="Charlie", actions=[actions[1]], themes=[themes[0]], regions=[regions[1]]
    )
    InitiativeFactory(
        title="Concept", actions=[actions[0]], themes=[themes[0]], regions=[regions[0]], live=False
    )
    return {"actions": actions, "themes": themes, "regions": regions, "campus": campus}


CATALOGUE = {"Alpha", "Bravo", "Charlie", "Concept"}


def titles(client, query=""):
    response = client.get(f"/initiatieven/{query}")
    assert response.status_code == 200
    return [initiative.title for initiative in response.context["initiatives"]]


def all_titles(client, query=""):
    response = client.get(f"/initiatieven/{query}")
    return [initiative.title for initiative in response.context["page_obj"].paginator.object_list]


def test_lists_only_live_initiatives(client, catalogue):
    listed = set(all_titles(client))
    assert {"Alpha", "Bravo", "Charlie"} <= listed
    assert "Concept" not in listed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?actie=testactie-a", ["Alpha", "Bravo"]),
        ("?thema=testthema-a", ["Alpha", "Charlie"]),
        ("?regio=testregio-b", ["Bravo", "Charlie"]),
        ("?campus=testcampus", ["Alpha"]),
        ("?actie=testactie-a&thema=testthema-a", ["Alpha"]),
        ("?thema=testthema-a&regio=testregio-b", ["Charlie"]),
        ("?actie=testactie-b&regio=testregio-a", []),
    ],
)
def test_filters_narrow_and_combine(client, catalogue, query, expected):
    assert titles(client, query) == expected


def test_result_count_is_shown(client, catalogue):
    html = client.get("/initiatieven/?thema=testthema-a").content.decode()
    assert "2 initiatieven gevonden" in html


def test_filter_form_keeps_the_chosen_values(client, catalogue):
    html = client.get("/initiatieven/?regio=testregio-a").content.decode()
    assert '<option value="testregio-a" selected>' in html
    assert '<label for="id_regio">Regio</label>' in html


@pytest.mark.parametrize(
    "query",
    [
        "?actie=abc",
        "?regio=999",
        "?thema=" + "x" * 5000,
        "?campus=%00%27;DROP TABLE",
        "?pagina=abc",
        "?pagina=-1",
        "?pagina=99999",
        "?onbekend=1",
    ],
)
def test_bad_filter_values_give_the_normal_page(client, catalogue, query):
    response = client.get(f"/initiatieven/{query}")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == len(all_titles(client))


def test_unknown_filter_value_is_named_in_a_notice(client, catalogue):
    html = client.get("/initiatieven/?regio=999&thema=testthema-a").content.decode()
    assert "Niet alle filters konden worden toegepast" in html
    assert "Regio: die waarde kennen we niet." in html
    assert "2 initiatieven gevonden" in html


def test_repeated_parameters_use_the_last_value(client, catalogue):
    assert titles(client, "?regio=testregio-a&regio=testregio-b") == ["Bravo", "Charlie"]


def test_pagination_splits_the_list_and_keeps_filters(client, home_page):
    theme = ThemeFactory(name="Testthema")
    for number in range(30):
        InitiativeFactory(title=f"Initiatief {number:02d}", themes=[theme])
    first = client.get("/initiatieven/?thema=testthema")
    assert len(first.context["initiatives"]) == 12
    assert "?thema=testthema&amp;pagina=2" in first.content.decode()
    last = client.get("/initiatieven/?thema=testthema&pagina=3")
    assert [i.title for i in last.context["initiatives"]][0] == "Initiatief 24"
    assert len(last.context["initiatives"]) == 6


def test_detail_shows_actions_partners_and_campus(client, catalogue):
    html = client.get("/initiatieven/alpha/").content.decode()
    assert "<h1>Alpha</h1>" in html
    assert f'href="{catalogue["actions"][0].get_absolute_url()}"' in html
    assert 'href="/campussen/testcampus/"' in html


def test_draft_and_unknown_initiatives_give_the_dutch_404(client, catalogue):
    for path in ["/initiatieven/concept/", "/initiatieven/bestaat-niet/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert "Pagina niet gevonden" in response.content.decode()


def test_text_is_escaped_on_output(client, home_page):
    InitiativeFactory(title="<script>alert(1)</script>", slug="script")
    html = client.get("/initiatieven/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_list_queries_do_not_grow_with_the_number_of_initiatives(client, catalogue):
    client.get("/initiatieven/")
    few = count_queries(client, "/initiatieven/")
    for _ in range(40):
        InitiativeFactory(
            actions=catalogue["actions"],
            themes=catalogue["themes"],
            regions=catalogue["regions"],
            campuses=[catalogue["campus"]],
        )
    client.get("/initiatieven/")  # the header and footer are cached fragments: warm them again
    assert count_queries(client, "/initiatieven/") == few
