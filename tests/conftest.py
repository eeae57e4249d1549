import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from website.models import HomePage


def load_initial_data():
    call_command("load_initial_data", stdout=io.StringIO())
    return HomePage.objects.get()


@pytest.fixture
def home_page(db):
    """The real initial content, as `make run` loads it; returns the home page."""
    return load_initial_data()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)
