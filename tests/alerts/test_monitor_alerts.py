"""Following an area of Arbeidsmarkt in cijfers: real figures imported for it since are
mailed, one line per indicator; a demo figure or another area's is not."""

import pytest

from tests.monitor.figures import observation

from .conftest import send, subscribe_and_confirm


@pytest.fixture
def following(client, home_page, figures):
    sent_page, subscription = subscribe_and_confirm(
        client, "monitor", "gebied=zaanstreek-waterland&onzin=1", "wekelijks"
    )
    assert f'href="{figures["zaanstreek"].get_absolute_url()}"' in sent_page
    return subscription


def test_the_selection_is_the_area(following):
    assert following.query == "gebied=zaanstreek-waterland"
    assert following.label == "Arbeidsmarkt in cijfers: Zaanstreek/Waterland"


def test_new_figures_for_the_followed_area_are_mailed_and_demo_ones_are_not(following, figures):
    region = figures["zaanstreek"]
    observation(figures["werkloosheid"], region, 2031, "4.35")
    observation(figures["werkloosheid"], region, 2032, "4.1")  # the newest of the indicator
    observation(figures["participatie"], region, 2032, "66.6", is_demo=True)
    observation(figures["werkloosheid"], figures["noord-holland"], 2032, "3.9")

    [digest] = send("--now")

    assert digest.subject == "1 nieuw cijfer in uw selectie van Arbeidsmarkt in cijfers"
    assert "Werkloosheid, Zaanstreek/Waterland: 4,1%" in digest.body
    assert "2032" in digest.body
    assert "4,35" not in digest.body and "66,6" not in digest.body and "3,9%" not in digest.body
    assert region.get_absolute_url() in digest.body
    assert send("--now") == []


def test_an_area_page_offers_to_follow_that_area(client, figures):
    html = client.get(figures["zaanstreek"].get_absolute_url()).content.decode()
    assert "Volg de cijfers van Zaanstreek/Waterland per e-mail" in html
    assert '<input type="hidden" name="bron" value="monitor">' in html
    assert '<input type="hidden" name="filter" value="gebied=zaanstreek-waterland">' in html


def test_the_newest_figure_is_the_one_the_page_shows_first(following, figures):
    region = figures["zaanstreek"]
    quarter = observation(figures["werkloosheid"], region, 2032, "4.6", period_kind="kwartaal")
    quarter.period_start = quarter.period_start.replace(month=7)  # 2032 K3
    quarter.save()
    observation(figures["werkloosheid"], region, 2032, "4.1")  # the whole year 2032

    [digest] = send("--now")

    # The year ends after its third quarter, though it starts before it: as on the page.
    assert "Werkloosheid, Zaanstreek/Waterland: 4,1%" in digest.body
    assert "4,6%" not in digest.body
