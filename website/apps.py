from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "Website"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks, hooks  # noqa: F401  (database layout check; site search group)
        from .middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="website.start_idle_clock")
