import datetime
import re
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as date_filter
from django.utils.html import escape

from core.models import Region
from events.models import Audience, EventKind, EventStatus
from tests.conftest import count_queries
from tests.events.conftest import in_days

# Upcoming or past, this month, dates from today: the agenda is about the date.
pytestmark = pytest.mark.date_dependent


def titles(response):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def school_audience(db):
    return Audience.objects.get(slug="basisschool")


@pytest.mark.date_dependent(across_the_year=True)
def test_the_list_shows_upcoming_sessions_in_date_order_and_not_past_ones(client, make_event):
    make_event(title="Later", dates=[(in_days(20), datetime.time(9), datetime.time(12))])
    make_event(title="Eerder", dates=[(in_days(3), None, None)])
    make_event(title="Geweest", dates=[(in_days(-3), None, None)])
    response = client.get("/testagenda/")
    assert response.status_code == 200
    assert titles(response) == ["Eerder", "Later"]


def test_an_event_on_two_chosen_dates_is_listed_on_both(client, make_event):
    make_event(title="Herhaald", dates=[(in_days(5), None, None), (in_days(12), None, None)])
    assert titles(client.get("/testagenda/")) == ["Herhaald", "Herhaald"]


def test_the_archive_lists_past_events_newest_first(client, make_event):
    make_event(title="Lang geleden", dates=[(in_days(-60), None, None)])
    make_event(title="Net geweest", dates=[(in_days(-2), None, None)])
    make_event(title="Komt nog", dates=[(in_days(2), None, None)])
    assert titles(client.get("/testagenda/archief/")) == ["Net geweest", "Lang geleden"]


def test_a_cancelled_event_is_listed_as_cancelled(client, make_event):
    make_event(title="Gaat niet door", status=EventStatus.CANCELLED)
    html = client.get("/testagenda/").content.decode()
    assert "Gaat niet door" in html
    assert '<span class="status status--geannuleerd">Geannuleerd</span>' in html


def test_a_pet_lists_its_ouder_kind_dag_with_its_first_date(client, make_event):
    pet = make_event(title="PET Alkmaar", dates=[(in_days(10), None, None)])
    make_event(
        title="Ouder-kind-dag Alkmaar",
        kind=EventKind.FAMILY_DAY,
        related_pet=pet,
        dates=[(in_days(16), None, None), (in_days(13), None, None)],
    )
    html = client.get("/testagenda/").content.decode()
    link = 'Met ouder-kind-dag: <a href="/testagenda/ouder-kind-dag-alkmaar/">'
    first = date_filter(in_days(13), "l j F")
    assert f"{link}Ouder-kind-dag Alkmaar</a>, {first}</p>" in html


def test_filters_combine(client, make_event, school_audience):
    north = Region.objects.get(slug="noord-holland-noord")
    other = Region.objects.exclude(pk=north.pk).first()
    make_event(title="Juist", region=north, audiences=[school_audience])
    make_event(title="Andere regio", region=other, audiences=[school_audience])
    make_event(title="Andere doelgroep", region=north)
    make_event(title="Andere soort", region=north, audiences=[school_audience], kind="bijeenkomst")
    response = client.get(
        "/testagenda/", {"doelgroep": "basisschool", "regio": north.slug, "soort": "pet"}
    )
    assert titles(response) == ["Juist"]


def test_the_campus_filter_and_the_campus_region(client, make_event, campus):
    event = make_event(title="Op Techport", campus=campus, location_name="")
    make_event(title="Elders")
    assert titles(client.get("/testagenda/", {"campus": "techport"})) == ["Op Techport"]
    event.refresh_from_db()
    assert event.region == campus.region
    assert titles(client.get("/testagenda/", {"regio": campus.region.slug})) == ["Op Techport"]


@pytest.mark.date_dependent(across_the_year=True)
def test_the_date_range_filter_keeps_sessions_that_touch_it(client, make_event):
    make_event(title="Binnen", dates=[(in_days(10), None, None)])
    make_event(title="Te vroeg", dates=[(in_days(2), None, None)])
    make_event(title="Te laat", dates=[(in_days(30), None, None)])
    response = client.get(
        "/testagenda/", {"vanaf": in_days(9).isoformat(), "tot": in_days(10).isoformat()}
    )
    assert titles(response) == ["Binnen"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"vanaf": "2026-13-45"}, "Vanaf: Vul een bestaande datum in"),
        ({"tot": "abc"}, "Tot en met: Vul een bestaande datum in"),
        ({"vanaf": "2027-05-10", "tot": "2027-05-01"}, "De einddatum ligt voor de begindatum"),
        ({"doelgroep": "astronauten"}, "Doelgroep: "),
        ({"soort": "<script>"}, "Soort: "),
        ({"weergave": "maand", "maand": "abc"}, "Die maand kennen we niet"),
        ({"weergave": "maand", "maand": "9999-01"}, "Die maand kennen we niet"),
        ({"weergave": "maand", "maand": "9999-12"}, "Die maand kennen we niet"),
        ({"weergave": "maand", "maand": "0001-01"}, "Die maand kennen we niet"),
        ({"pagina": "-1"}, ""),
        ({"pagina": "abc", "onbekend": "x"}, ""),
    ],
)
def test_bad_parameters_give_a_normal_page_with_a_dutch_message(client, calendar, query, message):
    response = client.get("/testagenda/", query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_an_invalid_filter_is_ignored_and_the_others_still_apply(client, make_event):
    make_event(title="PET", kind="pet")
    make_event(title="Bijeenkomst", kind="bijeenkomst")
    assert titles(client.get("/testagenda/", {"soort": "pet", "vanaf": "2026-13-45"})) == ["PET"]


@pytest.mark.parametrize("view", [{}, {"weergave": "maand"}])
@pytest.mark.parametrize(
    "dates",
    [
        {"vanaf": "0001-01-01"},
        {"tot": "9999-12-31"},
        {"vanaf": "0001-01-01", "tot": "9999-12-31"},
        {"vanaf": "9999-12-31", "tot": "0001-01-01"},
    ],
)
def test_dates_at_the_ends_of_time_are_ignored_with_a_notice(client, make_event, view, dates):
    day = in_days(1)
    make_event(title="Morgen", dates=[(day, None, None)])
    response = client.get("/testagenda/", {**view, **dates, "maand": f"{day:%Y-%m}"})
    assert response.status_code == 200
    html = response.content.decode()
    assert ": Kies een datum tussen " in html
    assert ">Morgen</a>" in html


@pytest.mark.parametrize("dates", [{"vanaf": "0001-01-01"}, {"tot": "9999-12-31"}])
def test_the_archive_and_the_feed_ignore_dates_at_the_ends_of_time(client, make_event, dates):
    make_event(title="Gisteren", dates=[(in_days(-1), None, None)])
    archive = client.get("/testagenda/archief/", dates)
    assert archive.status_code == 200
    assert "Kies een datum tussen " in archive.content.decode()
    assert titles(archive) == ["Gisteren"]
    feed = client.get("/testagenda/feed.ics", dates)
    assert feed.status_code == 200
    assert b"SUMMARY:Gisteren" in feed.content


def test_a_date_filter_reaches_decades_either_way(client, make_event):
    make_event(title="Over twintig jaar", dates=[(in_days(20 * 365), None, None)])
    response = client.get("/testagenda/", {"vanaf": in_days(20 * 365 - 1).isoformat()})
    assert titles(response) == ["Over twintig jaar"]


@pytest.mark.date_dependent(across_the_year=True)
def test_the_month_view_shows_each_day_of_a_session_and_marks_today(client, make_event):
    start = datetime.date(2027, 3, 30)
    make_event(title="Festival", dates=[(start, None, None)])
    event = make_event(title="Tweedaags", dates=[(start, None, None)])
    event.sessions.update(end_date=datetime.date(2027, 4, 1))
    for session in event.sessions.all():
        session.save()  # recompute the stored moments
    html = client.get("/testagenda/", {"weergave": "maand", "maand": "2027-04"}).content.decode()
    assert "April 2027" in html
    assert html.count(">Tweedaags</a>") == 1  # 1 April only: 30 and 31 March are in March
    march = client.get("/testagenda/", {"weergave": "maand", "maand": "2027-03"}).content.decode()
    assert march.count(">Tweedaags</a>") == 2
    assert "maand=2027-02" in march and "maand=2027-04" in march
    today = client.get("/testagenda/", {"weergave": "maand"}).content.decode()
    assert today.count('aria-current="date"') == 1


def test_filters_apply_to_the_month_view_and_its_links_keep_them(client, make_event):
    day = in_days(1)
    make_event(title="PET", kind="pet", dates=[(day, None, None)])
    make_event(title="Overleg", kind="adviescommissie", dates=[(day, None, None)])
    html = client.get(
        "/testagenda/", {"weergave": "maand", "maand": f"{day:%Y-%m}", "soort": "pet"}
    ).content.decode()
    assert ">PET</a>" in html and ">Overleg</a>" not in html
    assert "soort=pet" in re.search(r'href="\?([^"]+)" rel="next"', html).group(1)


def test_every_view_offers_subscribe_links_with_the_same_filters(client, calendar):
    html = client.get("/testagenda/", {"soort": "pet", "doelgroep": "onzin"}).content.decode()
    assert 'href="webcal://testserver/testagenda/feed.ics?soort=pet"' in html
    assert 'href="http://testserver/testagenda/feed.ics?soort=pet"' in html


def test_unpublished_events_are_not_listed(client, make_event):
    event = make_event(title="Concept")
    event.unpublish()
    assert titles(client.get("/testagenda/")) == []


def many_events(make_event, count, batch):
    audiences = list(Audience.objects.all())
    pet = make_event(title=f"PET met dag {batch}", dates=[(in_days(2), None, None)])
    for number in range(count):
        make_event(
            title=f"Evenement {batch}-{number}",
            dates=[(in_days(1 + number % 25), datetime.time(9), datetime.time(12))],
            audiences=audiences[: 1 + number % 3],
            related_pet=pet if number % 5 == 0 else None,
            kind=EventKind.FAMILY_DAY if number % 5 == 0 else EventKind.PET,
        )


@pytest.mark.parametrize("query", [{}, {"weergave": "maand"}, {"soort": "pet"}])
def test_query_count_does_not_grow_with_the_number_of_events(client, make_event, query):
    path = "/testagenda/?" + urlencode(query)
    many_events(make_event, 4, "a")
    client.get(path)  # warm the per-process caches (site root paths, content types)
    few = count_queries(client, path)
    many_events(make_event, 16, "b")
    client.get(path)  # the header and footer are cached fragments: warm them again
    assert count_queries(client, path) == few


def test_home_campus_and_partner_pages_show_the_next_events(client, home_page):
    from events.models import EventPage

    pet = EventPage.objects.filter(kind=EventKind.PET, is_demo=True).order_by("pk").first()
    home = client.get("/").content.decode()
    assert "Binnenkort in de agenda" in home
    campus = client.get(pet.campus.url).content.decode()
    assert f'<a href="{pet.url}">{pet.title}</a>' in campus
    host = pet.hosts.first()
    profile = client.get(f"/partners/{host.slug}/").content.decode()
    assert f"Evenementen van {escape(host.name)}" in profile
    assert f'<a href="{pet.url}">{pet.title}</a>' in profile


def test_a_reserved_slug_is_refused(make_event):
    event = make_event(title="Archiefdag")
    event.slug = "archief"
    with pytest.raises(ValidationError) as refused:
        event.clean()
    assert "slug" in refused.value.message_dict
