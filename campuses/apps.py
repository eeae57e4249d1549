from django.apps import AppConfig


class CampusesConfig(AppConfig):
    name = "campuses"
    verbose_name = "Campussen"

    def ready(self):
        from . import hooks  # noqa: F401  (what campuses add to the apps below)
