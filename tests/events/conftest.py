import datetime

import pytest
from django.utils import timezone

from events.factories import EventIndexPageFactory, EventPageFactory, OnSiteEventFactory


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def calendar(home_page):
    """A calendar of its own next to the demo agenda, so tests control every event in it."""
    return EventIndexPageFactory(parent=home_page, title="Testagenda", slug="testagenda")


@pytest.fixture
def make_event(calendar):
    def make(on_site=False, **fields):
        factory = OnSiteEventFactory if on_site else EventPageFactory
        return factory(parent=calendar, **fields)

    return make
