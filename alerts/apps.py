from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Meldingen"

    def ready(self):
        from . import hooks  # noqa: F401  (subscriptions as personal data)
