from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners en manifest"

    def ready(self):
        from search.registry import register

        from . import signals  # noqa: F401  (connects the index sync)
        from .search_index import PARTNER_INDEX

        register(PARTNER_INDEX)
