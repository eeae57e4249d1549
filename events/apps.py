from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Agenda"

    def ready(self):
        from . import signals  # noqa: F401  (the waitlist moves up when places free up)
