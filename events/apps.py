from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Agenda"

    def ready(self):
        from . import hooks, signals  # noqa: F401  (what the calendar adds below; waitlist)
