from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "monitor"
    verbose_name = "Arbeidsmarkt in cijfers"

    def ready(self):
        from . import signals  # noqa: F401  (areas follow their region's name)
