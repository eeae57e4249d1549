"""The directory by place: a municipality or town stands for the region it lies in."""

from partners.alerts import selection
from partners.models import Partner

from .test_directory_view import found


def in_region(slug):
    return set(Partner.objects.live().filter(regions__slug=slug).values_list("slug", flat=True))


def test_a_place_shows_the_partners_active_in_its_region(client, home_page):
    response, slugs = found(client, "?plaats=Hoorn")
    assert set(slugs) == in_region("noord-holland-noord")
    assert "kustwerk-installatietechniek" in slugs
    html = response.content.decode()
    assert (
        "U ziet partners die actief zijn in de regio Noord-Holland Noord, waar Hoorn ligt." in html
    )
    # The region goes with the place: its chip removes the place.
    assert '<a href="?">Plaats: Hoorn' in html
    assert "Regio: Noord-Holland Noord" not in html


def test_a_town_is_found_in_its_municipality_and_combines_with_words(client, home_page):
    _, slugs = found(client, "?plaats=zaandam&q=procestechniek")
    assert slugs == ["zaanmeer-procestechniek"]
    _, slugs = found(client, "?plaats=Hilversum&q=procestechniek")
    assert slugs == []


def test_an_unknown_place_is_named_and_ignored(client, home_page):
    response, slugs = found(client, "?plaats=Atlantis")
    assert len(slugs) == Partner.objects.live().count()
    html = response.content.decode()
    assert (
        "Plaats of gemeente: Atlantis kennen we niet als plaats of gemeente in Noord-Holland. "
        "We tonen partners uit alle regio's." in html
    )
    # The field says it too, where its aria-describedby points.
    assert 'aria-describedby="id_plaats_helptext id_plaats_error"' in html
    error = html[html.index('id="id_plaats_error"') :]
    assert "Atlantis kennen we niet" in error[: error.index("</div>")]


def test_the_place_field_is_described_and_suggests_places(client, home_page):
    html = found(client, "")[0].content.decode()
    assert 'aria-describedby="id_plaats_helptext"' in html
    assert 'id="id_plaats_helptext"' in html
    assert '<option value="Heerhugowaard">' in html


def test_an_alert_on_a_place_follows_its_region(rf, home_page):
    saved = selection(rf.get("/partners/", {"plaats": "Hoorn"}).GET)
    assert saved.query == "regio=noord-holland-noord"
    assert saved.label == "Partnergids: regio Noord-Holland Noord"
