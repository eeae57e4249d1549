"""Users in the roles the migrations create (website/migrations/0002_roles.py), for the tests
of what each role may and may not do."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from campuses.models import CampusPage

REDACTEUR = "Redacteur"
MODERATOR = "Moderator"
CAMPUSCOORDINATOR = "Campuscoördinator"
PASSWORD = "Lang-en-geheim-wachtwoord-2030"


def user_with_role(role, username, campuses=(), email=""):
    user = get_user_model().objects.create_user(username, email=email, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    user.coordinated_campuses.set(campuses)
    return user


def denied(response):
    """Wagtail's answer to a missing permission in the admin: back to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def logged_in(client, user):
    client.force_login(user)
    return client


# A coordinator of one campus beside another campus, a Redacteur and a Moderator, each with a
# logged-in client, for every test module (tests/conftest.py loads this module as a plugin); a
# module may define its own fixture of the same name. The clients are one and the same `client`:
# a test that switches users mid-way logs them in itself (logged_in).
@pytest.fixture
def campus(home_page):
    return CampusPage.objects.get(slug="techport")


@pytest.fixture
def other_campus(home_page):
    return CampusPage.objects.get(slug="tech-connect")


@pytest.fixture
def coordinator(campus):
    return user_with_role(CAMPUSCOORDINATOR, "coordinator", [campus])


@pytest.fixture
def coordinator_client(client, coordinator):
    return logged_in(client, coordinator)


@pytest.fixture
def redacteur_client(client, home_page):
    return logged_in(client, user_with_role(REDACTEUR, "redacteur"))


@pytest.fixture
def moderator(db):
    return user_with_role(MODERATOR, "moderator")


@pytest.fixture
def moderator_client(client, moderator):
    return logged_in(client, moderator)
