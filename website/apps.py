from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "Website"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401  (the database layout check)
        from .middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="website.start_idle_clock")
