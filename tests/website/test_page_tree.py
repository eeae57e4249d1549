"""Where editors can put which page: sections right under a site's home page, campuses under
the campus overview, events under the agenda."""

import pytest
from wagtail.models import Page

from campuses.models import CampusIndexPage, CampusPage
from events.models import EventIndexPage, EventPage
from manifest.models import ManifestPage
from partners.models import PartnerIndexPage
from website.models import StandardPage

SECTIONS = [ManifestPage, CampusIndexPage, EventIndexPage, PartnerIndexPage]


@pytest.mark.parametrize("section", SECTIONS)
def test_sections_live_right_under_the_home_page(home_page, section):
    about = StandardPage.objects.get(slug="over-het-manifest")
    assert section.can_exist_under(home_page)
    assert not section.can_exist_under(Page.get_first_root_node())
    assert not section.can_exist_under(about)


def test_campuses_and_events_have_their_own_parents(home_page):
    assert CampusPage.can_exist_under(CampusIndexPage.objects.get())
    assert not CampusPage.can_exist_under(home_page)
    assert EventPage.can_exist_under(EventIndexPage.objects.get())
    assert not EventPage.can_exist_under(home_page)
