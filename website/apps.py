from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "Website"

    def ready(self):
        # The database layout check, and the idle clock's start at log-in.
        from . import checks, middleware  # noqa: F401
