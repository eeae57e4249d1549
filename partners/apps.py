from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners"

    def ready(self):
        from search.registry import register_builder

        from . import hooks, signals  # noqa: F401  (site search group; index sync)
        from .models import INDEX_NAME
        from .search_index import build_index

        register_builder(INDEX_NAME, build_index)
