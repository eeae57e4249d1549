from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class CampusesConfig(AppConfig):
    name = "campuses"
    verbose_name = "Campussen"
    default = True

    def ready(self):
        from . import hooks  # noqa: F401  (what campuses add to the apps below)


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the campuses a user coordinates (campuses/users.py)."""

    default = False
    user_viewset = "campuses.users.UserViewSet"
