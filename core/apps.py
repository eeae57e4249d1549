from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Basis"

    def ready(self):
        from . import links

        links.connect()
