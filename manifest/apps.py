from django.apps import AppConfig


class ManifestConfig(AppConfig):
    name = "manifest"
    verbose_name = "Manifest"

    def ready(self):
        from . import hooks  # noqa: F401  (what the manifest adds below; its daily clean-up)
