"""Users in the roles the migrations create (website/migrations/0002_roles.py), for the tests
of what each role may and may not do."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

REDACTEUR = "Redacteur"
MODERATOR = "Moderator"
CAMPUSCOORDINATOR = "Campuscoördinator"
PASSWORD = "Lang-en-geheim-wachtwoord-2030"


def user_with_role(role, username, campuses=()):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    user.coordinated_campuses.set(campuses)
    return user


def denied(response):
    """Wagtail's answer to a missing permission in the admin: back to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def logged_in(client, user):
    client.force_login(user)
    return client
