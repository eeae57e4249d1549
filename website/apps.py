from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "Website"

    def ready(self):
        from . import checks, hooks  # noqa: F401  (database layout check; site search group)
